import MuJoCo
import Rendering
import TestSupport
import XCTest

/// Several renderers over different models in one thread each keep producing correct frames.
final class MultipleRendererTests: XCTestCase {
    /// A scene that is all yellow from its camera.
    static let yellowScene = """
        <mujoco>
          <visual><headlight ambient="0 0 0" diffuse="0 0 0" specular="0 0 0"/></visual>
          <asset><material name="yellow" rgba="1 1 0 1" emission="1" specular="0"/></asset>
          <worldbody>
            <camera name="close" pos="0 0 2" xyaxes="1 0 0 0 1 0" fovy="30"/>
            <geom type="box" size="3 3 0.1" material="yellow"/>
          </worldbody>
        </mujoco>
        """

    func testTwoRenderersOnTwoModelsAlternately() throws {
        let calibration = try Model(contentsOf: RepositoryPaths.asset("scenes/calibration.xml"))
        let yellow = try Model(xml: Self.yellowScene)
        let a = try Simulation(model: calibration), b = try Simulation(model: yellow)
        try a.forward()
        try b.forward()
        let first = try OffscreenRenderer(model: calibration, width: 64, height: 64, backend: .egl)
        let second = try OffscreenRenderer(model: yellow, width: 40, height: 30, options: .fast, backend: .egl)
        var imageA = RGBImage(width: 64, height: 64), imageB = RGBImage(width: 40, height: 30)
        for round in 0..<100 {
            try first.render(a, camera: .named("down"), into: &imageA)
            try second.render(b, camera: .named("close"), into: &imageB)
            CalibrationFrameTests.assertCalibrationColors(imageA)
            XCTAssertEqual(imageB[20, 15], SIMD3(255, 255, 0), "round \(round)")
            XCTAssertEqual(imageB.meanColor, SIMD3(255, 255, 0), "round \(round)")
        }
    }

    func testARendererRejectsAnotherModelsSimulation() throws {
        let calibration = try Model(contentsOf: RepositoryPaths.asset("scenes/calibration.xml"))
        let other = try Simulation(model: try Model(xml: Self.yellowScene))
        let renderer = try OffscreenRenderer(model: calibration, width: 16, height: 16, options: .fast, backend: .egl)
        XCTAssertThrowsError(try renderer.render(other)) { error in
            XCTAssertEqual(error as? RenderingError, .modelMismatch)
        }
    }

    func testUnknownCameraNamesTheCameras() throws {
        let calibration = try Model(contentsOf: RepositoryPaths.asset("scenes/calibration.xml"))
        let simulation = try Simulation(model: calibration)
        let renderer = try OffscreenRenderer(model: calibration, width: 16, height: 16, options: .fast, backend: .egl)
        XCTAssertThrowsError(try renderer.render(simulation, camera: .named("side"))) { error in
            XCTAssertTrue("\(error)".contains("no camera 'side'"), "\(error)")
            XCTAssertTrue("\(error)".contains("0:down"), "\(error)")
        }
        XCTAssertThrowsError(try renderer.render(simulation, camera: .id(3)))
    }

    func testInvalidSizeIsAnError() throws {
        let calibration = try Model(contentsOf: RepositoryPaths.asset("scenes/calibration.xml"))
        XCTAssertThrowsError(try OffscreenRenderer(model: calibration, width: 0, height: 10, backend: .egl))
    }

    func testTheModelKeepsItsOwnOffscreenSettings() throws {
        let calibration = try Model(contentsOf: RepositoryPaths.asset("scenes/calibration.xml"))
        let before = try calibration.binary()
        _ = try OffscreenRenderer(model: calibration, width: 33, height: 17, options: .fast, backend: .egl)
        XCTAssertEqual(try calibration.binary(), before)
    }
}
