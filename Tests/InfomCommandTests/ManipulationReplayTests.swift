import ArrayFiles
import Datasets
import Foundation
import Rendering
import Suite
import TestSupport
import XCTest

/// `infom replay --task --initial-state` on manipulation ids and `infom render --dataset`: a state
/// set from a dataset file reproduces the recorded episode exactly, success per row is the
/// environment's, and stored episodes are drawn frame for frame.
final class ManipulationReplayTests: XCTestCase {
    /// Equal arrays, or the first index where they differ (without printing them whole).
    func assertSame<T: Equatable>(_ a: [T], _ b: [T], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        if let k = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            XCTFail("\(what) differs first at \(k): \(a[k]) vs \(b[k])", file: file, line: line)
        }
    }

    /// A collected puzzle episode (play collector, buttons pressed) and rows 100…300 of it.
    struct Recorded {
        let folder: TemporaryDirectory
        let data: String, actions: String
        let archive: NPZArchive
        static let first = 100, steps = 200
    }

    static func record() throws -> Recorded {
        let folder = try TemporaryDirectory()
        let data = folder.file("puzzle.npz")
        let collect = try InfomProcess.run(["collect", "--env", "puzzle-3x3-v0", "--collector", "play", "--episodes", "1",
                                            "--seed", "5", "--out", data])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        let archive = try NPZArchive(path: data)
        let actions = try archive.elements("actions", as: Float.self, from: Recorded.first * 5, count: Recorded.steps * 5)
        try NPYFile.write(actions, shape: [Recorded.steps, 5], to: folder.file("actions.npy"))
        return Recorded(folder: folder, data: data, actions: folder.file("actions.npy"), archive: archive)
    }

    func testAStateFromAFileReproducesTheRecordedEpisodeExactly() throws {
        let recorded = try Self.record()
        let out = recorded.folder.file("replayed.npz")
        let run = try InfomProcess.run(["replay", "--env", "puzzle-3x3-v0", "--task", "4", "--seed", "9",
                                        "--initial-state", recorded.data, "--initial-row", "\(Recorded.first)",
                                        "--actions", recorded.actions, "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("201 rows of puzzle-3x3-v0 task 4"), run.stdout)
        let replayed = try DatasetFile(path: out)
        XCTAssertEqual(replayed.rows, Recorded.steps + 1)
        XCTAssertEqual(replayed.metadata?.collector, "replay")
        let rows = Recorded.first..<(Recorded.first + Recorded.steps + 1)
        let physicsWidth = 23 + 23, buttons = 9
        let expectedPhysics = try recorded.archive.elements("physics", as: Double.self, from: rows.lowerBound * physicsWidth,
                                                            count: rows.count * physicsWidth)
        assertSame(try replayed.archive.array("physics", as: Double.self), expectedPhysics, "physics")
        let expectedButtons = try recorded.archive.elements("button_states", as: Int64.self, from: rows.lowerBound * buttons,
                                                            count: rows.count * buttons)
        assertSame(try replayed.archive.array("button_states", as: Int64.self), expectedButtons, "button states")
        XCTAssertNotEqual(Array(expectedButtons.prefix(buttons)), Array(expectedButtons.suffix(buttons)), "the buttons change on the way")
        let expectedObservations = try recorded.archive.elements("observations", as: Float.self, from: rows.lowerBound * 55,
                                                                 count: rows.count * 55)
        // Row 0's gripper-contact feature (18) is the set state's own contact force; the recorded
        // row's comes from the step's last substep, which qpos and qvel do not hold.
        var observations = try replayed.archive.array("observations", as: Float.self)
        XCTAssertEqual(observations[18], expectedObservations[18], accuracy: 0.05)
        observations[18] = expectedObservations[18]
        assertSame(observations, expectedObservations, "observations")

        // Success per row is the environment's own for task 4 from that state.
        let env = try XCTUnwrap(try EnvironmentRegistry.make("puzzle-3x3-v0", seed: 9) as? ManipulationEnvironment)
        env.taskID = 4
        env.terminateAtGoal = false
        _ = try env.reset()
        let state = try DatasetFile(path: recorded.data).state(row: Recorded.first, nq: 23, nv: 23, buttons: 9)
        try env.setState(qpos: state.qpos, qvel: state.qvel, buttonStates: state.buttonStates)
        let actions = try NPYFile.read(recorded.actions, as: Float.self).values
        var success: [Float] = [env.isSuccess ? 1 : 0]
        for t in 0..<Recorded.steps {
            let step = try env.step(Array(actions[(5 * t)..<(5 * t + 5)]))
            success.append(Float(step.info["success"] ?? -1))
        }
        assertSame(try replayed.archive.array("success", as: Float.self), success, "success")

        // The episode renders from its states: one frame per row, each the state's own picture.
        let frames = recorded.folder.file("frames/")
        let render = try InfomProcess.run(["render", "--dataset", out, "--episode", "0", "--width", "48", "--height", "48",
                                           "--fast", "--out", frames])
        XCTAssertEqual(render.status, 0, render.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: recorded.folder.file("frames")).sorted()
        XCTAssertEqual(names.count, Recorded.steps + 1)
        let last = try PNG.read(recorded.folder.file("frames/\(names[names.count - 1])"))
        XCTAssertTrue(try PNG.read(recorded.folder.file("frames/\(names[0])")).pixels != last.pixels, "the arm moves")
        let lastState = try replayed.state(row: Recorded.steps, nq: 23, nv: 23, buttons: 9)
        try env.show(qpos: lastState.qpos, qvel: lastState.qvel, buttonStates: lastState.buttonStates)
        let renderer = try OffscreenRenderer(model: env.simulation.model, width: 48, height: 48, options: .fast)
        var expected = RGBImage(width: 48, height: 48)
        try renderer.render(env.simulation, camera: env.defaultCamera, into: &expected)
        assertSame(last.pixels, expected.pixels, "the last frame")
    }

    func testBadReplaysAndRendersAreClearErrors() throws {
        let folder = try TemporaryDirectory()
        try NPYFile.write([Float](repeating: 0, count: 10), shape: [2, 5], to: folder.file("a.npy"))
        func refused(_ arguments: [String], _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let run = try InfomProcess.run(arguments)
            XCTAssertNotEqual(run.status, 0, file: file, line: line)
            XCTAssertTrue(run.stderr.contains(message), run.stderr, file: file, line: line)
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr, file: file, line: line)
        }
        let out = folder.file("e.npz")
        try refused(["replay", "--env", "cheetah_run", "--task", "2", "--actions", folder.file("a.npy"), "--out", out],
                    "--task and --initial-state apply to manipulation envs")
        try refused(["replay", "--env", "puzzle-3x3-v0", "--task", "9", "--actions", folder.file("a.npy"), "--out", out],
                    "--task 9 does not exist; puzzle-3x3-v0 has tasks 1…5")
        let episode = folder.file("cube.npz")
        let cube = try InfomProcess.run(["replay", "--env", "cube-single-v0", "--actions", folder.file("a.npy"), "--out", episode])
        XCTAssertEqual(cube.status, 0, cube.stderr)
        try refused(["replay", "--env", "puzzle-3x3-v0", "--initial-state", episode, "--actions", folder.file("a.npy"), "--out", out],
                    "holds cube-single-v0 data (domain cube-single), but puzzle-3x3-v0 is in domain puzzle-3x3")
        try refused(["replay", "--env", "cube-single-v0", "--initial-state", episode, "--initial-row", "3",
                     "--actions", folder.file("a.npy"), "--out", out], "has rows 0…2, not row 3")
        try refused(["replay", "--env", "cube-single-v0", "--initial-row", "1", "--actions", folder.file("a.npy"), "--out", out],
                    "--initial-row picks a row of --initial-state FILE; add --initial-state or drop --initial-row")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        try refused(["render", "--dataset", episode, "--episode", "2", "--out", folder.file("v.mp4")],
                    "has episodes 0…0, not episode 2")
        // A file without metadata (OGBench's) needs --env.
        let archive = try NPZArchive(path: episode)
        let writer = try NPZWriter(path: folder.file("foreign.npz"))
        for name in ["observations", "actions", "terminals", "qpos", "qvel"] {
            try writer.write(name, try archive.array(name, as: Float.self), shape: try archive.header(name).shape)
        }
        try writer.finish()
        try refused(["render", "--dataset", folder.file("foreign.npz"), "--out", folder.file("v.mp4")],
                    "does not say which environment it was recorded in (no metadata); name it with --env ID")
        let named = try InfomProcess.run(["render", "--dataset", folder.file("foreign.npz"), "--env", "cube-single-v0",
                                          "--width", "32", "--height", "32", "--fast", "--out", folder.file("frames/")])
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertTrue(named.stdout.contains("3 frames of 32x32"), named.stdout)
    }
}
