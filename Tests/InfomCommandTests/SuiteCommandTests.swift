import ArrayFiles
import Datasets
import Foundation
import Suite
import TestSupport
import XCTest

/// `infom envs` and `infom replay`.
final class SuiteCommandTests: XCTestCase {
    func testEnvsListsEveryIDWithItsDimensions() throws {
        let result = try InfomProcess.run(["envs"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, EnvironmentRegistry.ids.count)
        XCTAssertTrue(lines.contains { $0.hasPrefix("walker_walk ") && $0.hasSuffix("obs 24  act 6") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("quadruped_jump ") && $0.hasSuffix("obs 78  act 12") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("puzzle-4x6-singletask-task5-v0 ") && $0.hasSuffix("obs 115  act 5") }, result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("visual-scene-v0 ") && $0.hasSuffix("obs 64x64x3  act 5") }, result.stdout)
        for corner in ["top_left", "top_right", "bottom_left", "bottom_right"] {
            XCTAssertTrue(lines.contains { $0.hasPrefix("jaco_reach_\(corner) ") && $0.hasSuffix("obs 42  act 9") }, result.stdout)
            XCTAssertTrue(lines.contains { $0.hasPrefix("visual-jaco_reach_\(corner) ") && $0.hasSuffix("obs 64x64x3  act 9") }, result.stdout)
        }
    }

    /// The example of `infom eval --help`, on one task: the oracle solves it, JSON on the last line.
    func testEvalRunsTheOracleAndReportsJSON() throws {
        let result = try InfomProcess.run(["eval", "--env", "cube-single-v0", "--task", "3", "--policy", "oracle",
                                           "--episodes", "2", "--seed", "0", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let last = try XCTUnwrap(result.stdout.split(separator: "\n").last)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        XCTAssertEqual(report["success"] as? Double, 1)
        XCTAssertEqual(report["return"] as? Double, 1)
        XCTAssertEqual(report["episodes"] as? Int, 2)
        XCTAssertLessThan(try XCTUnwrap(report["length"] as? Double), 120)

        let reacher = try InfomProcess.run(["eval", "--env", "jaco_reach_bottom_left", "--policy", "oracle", "--episodes", "2", "--json"])
        XCTAssertEqual(reacher.status, 0, reacher.stderr)
        XCTAssertTrue(reacher.stdout.contains("\"length\":250"), reacher.stdout)

        let random = try InfomProcess.run(["eval", "--env", "walker_walk", "--policy", "random", "--episodes", "1", "--json"])
        XCTAssertEqual(random.status, 0, random.stderr)
        XCTAssertTrue(random.stdout.contains("\"length\":1000"), random.stdout)
    }

    func testEvalRejectsWhatItCannotRun() throws {
        let oracle = try InfomProcess.run(["eval", "--env", "walker_walk", "--policy", "oracle"])
        XCTAssertEqual(oracle.status, 1)
        XCTAssertTrue(oracle.stderr.contains("--policy random"), oracle.stderr)
        let unknown = try InfomProcess.run(["eval", "--env", "cube-singel-v0"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("cube-single-v0"), unknown.stderr)
    }

    func testReplayWritesAnExORLEpisode() throws {
        let folder = try TemporaryDirectory()
        var random = NumpyRandomState(seed: 11)
        let actions = (0..<(50 * 6)).map { _ in Float(random.uniform(-1, 1)) }
        try NPYFile.write(actions, shape: [50, 6], to: folder.file("actions.npy"))
        let result = try InfomProcess.run(["replay", "--env", "cheetah_run", "--seed", "4",
                                           "--actions", folder.file("actions.npy"), "--out", folder.file("episode.npz")])
        XCTAssertEqual(result.status, 0, result.stderr)

        let episode = try NPZArchive(path: folder.file("episode.npz"))
        XCTAssertEqual(Set(episode.names), ["observation", "action", "reward", "discount", "physics"])
        XCTAssertEqual(try episode.header("observation").shape, [51, 17])
        XCTAssertEqual(try episode.header("action").shape, [51, 6])
        XCTAssertEqual(try episode.header("reward").shape, [51, 1])
        XCTAssertEqual(try episode.header("physics").shape, [51, 18])
        XCTAssertEqual(try episode.header("physics").dtype, .float64)
        let storedActions = try episode.array("action", as: Float.self)
        XCTAssertEqual(Array(storedActions.prefix(6)), [0, 0, 0, 0, 0, 0])
        XCTAssertEqual(Array(storedActions.dropFirst(6)), actions)
        XCTAssertEqual(try episode.array("discount", as: Float.self), [Float](repeating: 1, count: 51))

        // The file holds exactly what stepping the environment gives.
        let env = try EnvironmentRegistry.make("cheetah_run", seed: 4)
        var observations = try env.reset(), rewards: [Float] = [0]
        for t in 0..<50 {
            let step = try env.step(Array(actions[(t * 6)..<(t * 6 + 6)]))
            observations += step.observation
            rewards.append(Float(step.reward))
        }
        XCTAssertEqual(try episode.array("observation", as: Float.self), observations)
        XCTAssertEqual(try episode.array("reward", as: Float.self), rewards)
        XCTAssertEqual(Array(try episode.array("physics", as: Double.self).suffix(18)), env.simulation.physicsState)
    }

    func testReplayRejectsActionsOfTheWrongWidthAndUnknownIDs() throws {
        let folder = try TemporaryDirectory()
        try NPYFile.write([Float](repeating: 0, count: 10), shape: [2, 5], to: folder.file("a.npy"))
        let wrong = try InfomProcess.run(["replay", "--env", "walker_walk", "--actions", folder.file("a.npy"),
                                          "--out", folder.file("e.npz")])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("needs T×6 actions"), wrong.stderr)
        let unknown = try InfomProcess.run(["replay", "--env", "hopper_hop", "--actions", folder.file("a.npy"),
                                            "--out", folder.file("e.npz")])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("unknown env ID 'hopper_hop'"), unknown.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("e.npz")))
    }

    func testBenchEnvReportsBothLoopsAndTheVectorEnv() throws {
        let result = try InfomProcess.run(["bench", "env", "walker_walk", "--steps", "200", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\"bare_c_steps_per_s\""), result.stdout)
        XCTAssertTrue(result.stdout.contains("\"vector_steps_per_s\""), result.stdout)
        XCTAssertTrue(result.stdout.contains("\"substeps\":10"), result.stdout)
    }
}
