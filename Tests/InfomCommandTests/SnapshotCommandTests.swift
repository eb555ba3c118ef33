import Rendering
import TestSupport
import XCTest

/// `infom snapshot` end to end, with both GL backends each in its own process.
final class SnapshotCommandTests: XCTestCase {
    let calibration = RepositoryPaths.asset("scenes/calibration.xml")

    func snapshot(backend: String) throws -> RGBImage {
        let folder = try TemporaryDirectory()
        let out = folder.file("frame.png")
        let result = try InfomProcess.run(
            ["snapshot", calibration, "--camera", "down", "--width", "64", "--height", "64", "--out", out],
            environment: ["MUJOCO_GL": backend])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("wrote \(out)"), result.stdout)
        return try PNG.read(out)
    }

    func testOSMesaFrameHasTheExpectedColors() throws {
        let image = try snapshot(backend: "osmesa")
        XCTAssertEqual(image.width, 64)
        XCTAssertEqual(image[16, 32], SIMD3(255, 0, 0))
        XCTAssertEqual(image[48, 32], SIMD3(0, 255, 0))
        XCTAssertEqual(image[32, 10], SIMD3(0, 0, 255))
        XCTAssertEqual(image[2, 2], SIMD3(0, 0, 0))
        XCTAssertEqual(image[32, 32], SIMD3(0, 0, 0))
    }

    func testEGLAndOSMesaAgree() throws {
        let egl = try snapshot(backend: "egl")
        let osmesa = try snapshot(backend: "osmesa")
        let differing = zip(egl.pixels, osmesa.pixels).filter { abs(Int($0) - Int($1)) > 8 }.count
        XCTAssertLessThan(differing, egl.pixels.count / 100, "EGL and OSMesa frames should match but for edge pixels")
    }

    func testSnapshotOfAModelInAnotherFolderWithIncludes() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("parts"), withIntermediateDirectories: true)
        try """
            <mujoco><worldbody><geom name="ball" type="sphere" size="0.3" rgba="1 1 1 1"/></worldbody></mujoco>
            """.write(toFile: folder.file("parts/ball.xml"), atomically: true, encoding: .utf8)
        try """
            <mujoco><include file="parts/ball.xml"/></mujoco>
            """.write(toFile: folder.file("scene.xml"), atomically: true, encoding: .utf8)
        let out = folder.file("ball.png")
        let result = try InfomProcess.run(["snapshot", folder.file("scene.xml"), "--width", "32", "--height", "32", "--out", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        let image = try PNG.read(out)
        XCTAssertGreaterThan(Int(image[16, 16].x), 100, "the white ball fills the centre of the free camera's view")
    }

    func testUnknownCameraIsOneClearLine() throws {
        let result = try InfomProcess.run(["snapshot", calibration, "--camera", "side", "--out", "/tmp/never.png"])
        XCTAssertNotEqual(result.status, 0)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("no camera 'side'") && result.stderr.contains("0:down"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/never.png"))
    }

    func testUnreadableModelIsOneClearLine() throws {
        let result = try InfomProcess.run(["snapshot", "/nonexistent/model.xml", "--out", "/tmp/never.png"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("/nonexistent/model.xml"), result.stderr)
    }

    func testMalformedModelNamesTheLine() throws {
        let folder = try TemporaryDirectory()
        try "<mujoco>\n<worldbody>\n<geom size=\"0.1\" bogus=\"2\"/>\n</worldbody>\n</mujoco>\n"
            .write(toFile: folder.file("bad.xml"), atomically: true, encoding: .utf8)
        let result = try InfomProcess.run(["snapshot", folder.file("bad.xml"), "--out", folder.file("x.png")])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("line 3"), result.stderr)
    }

    func testBadSizeIsAClearError() throws {
        let result = try InfomProcess.run(["snapshot", calibration, "--width", "0", "--out", "/tmp/never.png"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--width and --height"), result.stderr)
    }

    func testUnsupportedBackendIsAClearError() throws {
        let result = try InfomProcess.run(["snapshot", calibration, "--out", "/tmp/never.png"],
                                          environment: ["MUJOCO_GL": "glfw"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("MUJOCO_GL=egl"), result.stderr)
    }
}
