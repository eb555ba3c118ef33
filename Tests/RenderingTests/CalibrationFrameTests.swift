import MuJoCo
import Rendering
import TestSupport
import XCTest

/// Frames of the calibration scene have known colours at known pixels (EGL in this process;
/// OSMesa is checked through `infom snapshot` in its own process, see InfomCommandTests).
final class CalibrationFrameTests: XCTestCase {
    static let red = SIMD3<UInt8>(255, 0, 0), green = SIMD3<UInt8>(0, 255, 0)
    static let blue = SIMD3<UInt8>(0, 0, 255), black = SIMD3<UInt8>(0, 0, 0)

    /// Pixels of a 64×64 frame from camera "down" and the colour each must have.
    static let expectedPixels: [(x: Int, y: Int, color: SIMD3<UInt8>)] = [
        (16, 32, red), (12, 50, red), (48, 32, green), (44, 12, green),
        (32, 10, blue), (2, 2, black), (32, 32, black), (32, 60, black),
    ]

    /// Checks every expected pixel of a calibration frame.
    static func assertCalibrationColors(_ image: RGBImage, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(image.width, 64, file: file, line: line)
        XCTAssertEqual(image.height, 64, file: file, line: line)
        for (x, y, color) in expectedPixels {
            XCTAssertEqual(image[x, y], color, "pixel (\(x), \(y))", file: file, line: line)
        }
    }

    var model: Model!
    var simulation: Simulation!

    override func setUpWithError() throws {
        model = try Model(contentsOf: RepositoryPaths.asset("scenes/calibration.xml"))
        simulation = try Simulation(model: model)
        try simulation.forward()
    }

    func testFastFrameHasTheExpectedColors() throws {
        let renderer = try OffscreenRenderer(model: model, width: 64, height: 64, options: .fast, backend: .egl)
        Self.assertCalibrationColors(try renderer.render(simulation, camera: .named("down")))
    }

    func testStandardFrameHasTheExpectedColors() throws {
        let renderer = try OffscreenRenderer(model: model, width: 64, height: 64, backend: .egl)
        let image = try renderer.render(simulation, camera: .id(0))
        Self.assertCalibrationColors(image)
        // Colour areas: red and green patches are each 1 m × 4 m of the 4.06 m-wide view.
        let redPixels = stride(from: 0, to: image.pixels.count, by: 3).filter {
            image.pixels[$0] > 200 && image.pixels[$0 + 1] < 50 && image.pixels[$0 + 2] < 50
        }.count
        XCTAssertEqual(Double(redPixels) / Double(64 * 64), 1.0 / 4.06 * (4.0 / 4.06), accuracy: 0.03)
    }

    func testDepthIsTheDistanceToThePatches() throws {
        let renderer = try OffscreenRenderer(model: model, width: 64, height: 64, options: .fast, backend: .egl)
        let (image, depth) = try renderer.renderWithDepth(simulation, camera: .named("down"))
        Self.assertCalibrationColors(image)
        // The camera is 5 m above the ground; the patches' tops are at 0.1 m.
        XCTAssertEqual(Double(depth[16, 32]), 4.9, accuracy: 1e-3)
        XCTAssertEqual(Double(depth[48, 32]), 4.9, accuracy: 1e-3)
        XCTAssertGreaterThan(depth[2, 2], 40, "background is at the far plane")
    }

    func testNonSquareFramesKeepTheirOrientation() throws {
        let renderer = try OffscreenRenderer(model: model, width: 96, height: 48, options: .fast, backend: .egl)
        let image = try renderer.render(simulation, camera: .named("down"))
        XCTAssertEqual(image.width, 96)
        XCTAssertEqual(image.height, 48)
        // Wider view, same vertical field: blue is at the top centre, red left, green right.
        XCTAssertEqual(image[48, 7], Self.blue)
        XCTAssertEqual(image[48, 40], Self.black)
        XCTAssertEqual(image[32, 24], Self.red)
        XCTAssertEqual(image[64, 24], Self.green)
    }

    func testMovingTheSceneChangesTheFrame() throws {
        let renderer = try OffscreenRenderer(model: model, width: 64, height: 64, options: .fast, backend: .egl)
        let camera = try model.camera("down")
        XCTAssertEqual(simulation.position(of: camera), SIMD3(0, 0, 5))
        // A free camera looking at the green patch from above sees mostly green.
        let image = try renderer.render(
            simulation, camera: .free(lookAt: SIMD3(1, 0, 0), distance: 1.5, azimuth: 90, elevation: -90))
        XCTAssertEqual(image[32, 32], Self.green)
        XCTAssertGreaterThan(image.meanColor.y, 200)
    }
}
