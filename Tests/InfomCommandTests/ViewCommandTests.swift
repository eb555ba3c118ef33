import Foundation
import Rendering
import TestSupport
import XCTest

/// `infom view`: without a display it says how to get one; under Xvfb it draws the environment
/// and steps the policy (scripted with --frames and --screenshot).
final class ViewCommandTests: XCTestCase {
    func testWithoutDisplayTheErrorSaysHowToGetOne() throws {
        let run = try InfomProcess.run(["view", "walker_walk"], environment: ["DISPLAY": "", "WAYLAND_DISPLAY": ""])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("needs a display"), run.stderr)
        XCTAssertTrue(run.stderr.contains("Xvfb"), run.stderr)
        XCTAssertTrue(run.stderr.contains("infom render"), run.stderr)
    }

    func testUnreachableDisplayIsTheSameClearError() throws {
        let run = try InfomProcess.run(["view", "walker_walk"], environment: ["DISPLAY": ":4242", "WAYLAND_DISPLAY": ""])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("needs a display"), run.stderr)
        XCTAssertTrue(run.stderr.contains(":4242"), "GLFW's reason names the display: \(run.stderr)")
    }

    func testScreenshotUnderXvfb() throws {
        let display = try VirtualDisplay()
        defer { display.stop() }
        let folder = try TemporaryDirectory()
        var shots: [RGBImage] = []
        for frames in [2, 25] {
            let path = folder.file("view-\(frames).png")
            let run = try InfomProcess.run(["view", "cheetah_run", "--frames", "\(frames)", "--screenshot", path,
                                            "--width", "320", "--height", "240"],
                                           environment: ["DISPLAY": display.name, "WAYLAND_DISPLAY": ""])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("\(frames) frames, \(frames) steps"), run.stdout)
            shots.append(try PNG.read(path))
        }
        XCTAssertEqual([shots[1].width, shots[1].height], [320, 240])
        XCTAssertGreaterThan(Set(shots[1].pixels).count, 100, "a drawn scene, not a blank window")
        let mean = shots[1].meanColor
        XCTAssertTrue((20...235).contains(mean.x) && (20...235).contains(mean.z), "neither black nor white: \(mean)")
        XCTAssertNotEqual(shots[0].pixels, shots[1].pixels, "the policy moved the cheetah and the clock")
    }
}
