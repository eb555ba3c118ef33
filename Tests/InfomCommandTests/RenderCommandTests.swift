import Foundation
import Rendering
import TestSupport
import XCTest

/// `infom render`: frame counts follow --episodes and --max-steps, --tile lays episodes out in a
/// grid, a missing ffmpeg gives a GIF and says so, and bad policies are clear errors.
final class RenderCommandTests: XCTestCase {
    func testFramesFollowEpisodesStepsAndTiling() throws {
        let folder = try TemporaryDirectory()
        let frames = folder.file("frames/")
        let run = try InfomProcess.run(["render", "--env", "walker_walk", "--episodes", "2", "--max-steps", "4",
                                        "--width", "48", "--height", "32", "--fast", "--overlay", "--out", frames])
        XCTAssertEqual(run.status, 0, run.stderr)
        // Each episode: the reset frame and one per step.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.file("frames")).sorted()
        XCTAssertEqual(names.count, 10)
        let first = try PNG.read(folder.file("frames/\(names[0])"))
        XCTAssertEqual([first.width, first.height], [48, 32])
        XCTAssertGreaterThan(Set(first.pixels).count, 20, "not blank")

        let tiled = folder.file("tiled.mp4")
        let tile = try InfomProcess.run(["render", "--env", "cheetah_run", "--episodes", "3", "--tile", "--max-steps", "6",
                                         "--width", "32", "--height", "32", "--fast", "--out", tiled])
        XCTAssertEqual(tile.status, 0, tile.stderr)
        XCTAssertTrue(tile.stdout.contains("7 frames of 64x64"), tile.stdout)
    }

    func testMissingFFmpegFallsBackToGIF() throws {
        let folder = try TemporaryDirectory()
        let run = try InfomProcess.run(["render", "--env", "cheetah_run", "--max-steps", "3", "--width", "32", "--height", "32",
                                        "--fast", "--out", folder.file("clip.mp4")], environment: ["PATH": "/nonexistent"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("ffmpeg was not found"), run.stderr)
        let gif = try XCTUnwrap(FileManager.default.contents(atPath: folder.file("clip.gif")))
        XCTAssertEqual(Array(gif.prefix(6)), Array("GIF89a".utf8))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("clip.mp4")))
    }

    /// A killed render leaves `NAME.partial-PID.EXT` (or a `NAME.partial-PID` frame folder); the next
    /// render to that output removes those of dead processes and keeps those of live ones.
    func testTheNextRenderRemovesAKilledRendersTemporaries() throws {
        let folder = try TemporaryDirectory()
        let dead = Int32.max - 7, alive = ProcessInfo.processInfo.processIdentifier
        let manager = FileManager.default
        XCTAssertTrue(manager.createFile(atPath: folder.file("clip.partial-\(dead).gif"), contents: Data([1, 2, 3])))
        XCTAssertTrue(manager.createFile(atPath: folder.file("clip.partial-\(alive).gif"), contents: Data([1])))
        try manager.createDirectory(atPath: folder.file("frames.partial-\(dead)"), withIntermediateDirectories: false)
        XCTAssertTrue(manager.createFile(atPath: folder.file("frames.partial-\(dead)/frame-000000.png"), contents: Data([0])))
        for out in [folder.file("clip.gif"), folder.file("frames/")] {
            let run = try InfomProcess.run(["render", "--env", "cheetah_run", "--max-steps", "2", "--width", "32", "--height", "32",
                                            "--fast", "--out", out])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        let names = Set(try manager.contentsOfDirectory(atPath: folder.path))
        XCTAssertEqual(names, ["clip.gif", "frames", "clip.partial-\(alive).gif"])
    }

    func testPolicyErrorsAreClear() throws {
        let folder = try TemporaryDirectory()
        let oracle = try InfomProcess.run(["render", "--env", "walker_walk", "--policy", "oracle", "--out", folder.file("a.mp4")])
        XCTAssertNotEqual(oracle.status, 0)
        XCTAssertTrue(oracle.stderr.contains("manipulation"), oracle.stderr)
        let unknown = try InfomProcess.run(["render", "--env", "walker_walk", "--policy", "runs/agent", "--out", folder.file("a.mp4")])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("--policy runs/agent"), unknown.stderr)
    }
}
