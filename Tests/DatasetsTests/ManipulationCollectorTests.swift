import ArrayFiles
import Datasets
import Foundation
import Suite
import TestSupport
import XCTest

/// The play and noisy collectors on OGBench's families: row layout, button states, the share of
/// subtasks the oracles solve (OGBench's own collectors, `datasets-tools/compare_ogbench_collectors.py`,
/// solve 0.98 of cube-single play subtasks, 0.99 of puzzle-3x3 noisy ones, 0.87 of scene play
/// ones), reproducibility, and the scene's health check.
final class ManipulationCollectorTests: XCTestCase {
    func collect(_ id: String, _ kind: SubtaskOracleKind, episode: Int = 0) throws -> (ManipulationCollector, EpisodeRecorder, String) {
        let collector = ManipulationCollector(environment: try EnvironmentRegistry.makeDataCollection(id), kind: kind)
        let recorder = collector.makeRecorder()
        try collector.collect(EpisodeSeeds(collectionSeed: 5, episode: episode), into: recorder)
        let folder = try TemporaryDirectory()
        let path = folder.file("episode.npz")
        try recorder.write(to: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder.path) }
        return (collector, recorder, path)
    }

    func testPlayEpisodeOnCubeSingle() throws {
        let (collector, recorder, path) = try collect("cube-single-v0", .plan)
        XCTAssertEqual(recorder.rows, 1001)
        let archive = try NPZArchive(path: path)
        XCTAssertEqual(Set(archive.names), ["observations", "actions", "terminals", "qpos", "qvel", "physics"])
        XCTAssertEqual(try archive.header("observations").shape, [1001, 28])
        XCTAssertEqual(try archive.header("qpos").shape, [1001, 21])
        let terminals = try archive.array("terminals", as: Float.self)
        XCTAssertEqual(terminals.firstIndex(of: 1), 1000)
        let actions = try archive.array("actions", as: Float.self)
        XCTAssertTrue(actions.allSatisfy { (-1...1).contains($0) })
        // About 11 pick-and-place subtasks per episode, nearly all solved.
        XCTAssertGreaterThanOrEqual(collector.finishedSubtasks, 8)
        XCTAssertGreaterThanOrEqual(Double(collector.solvedSubtasks) / Double(collector.finishedSubtasks), 0.8)
        // The cube really moves around the table: its xy spread is several centimetres.
        let qpos = try archive.array("qpos", as: Float.self)
        let xs = stride(from: 14, to: qpos.count, by: 21).map { Double(qpos[$0]) }
        XCTAssertGreaterThan(xs.max()! - xs.min()!, 0.1)

        // Same seeds, same episode.
        let (_, _, again) = try collect("cube-single-v0", .plan)
        XCTAssertEqual(try NPZArchive(path: again).array("actions", as: Float.self), actions)
    }

    func testNoisyEpisodeOnPuzzleRecordsButtonStates() throws {
        let (collector, _, path) = try collect("puzzle-3x3-v0", .markov)
        let archive = try NPZArchive(path: path)
        XCTAssertEqual(try archive.header("button_states").dtype, .int64)
        XCTAssertEqual(try archive.header("button_states").shape, [1001, 9])
        let states = try archive.array("button_states", as: Int64.self)
        let observations = try archive.array("observations", as: Float.self)
        // Each button's one-hot state in the observation (offset 19 + 4i) matches the row's state.
        for row in stride(from: 0, to: 1001, by: 50) {
            for i in 0..<9 {
                let off = observations[row * 55 + 19 + 4 * i], on = observations[row * 55 + 20 + 4 * i]
                XCTAssertEqual(states[row * 9 + i] == 1 ? on : off, 1, "row \(row) button \(i)")
            }
        }
        // The lights change over the episode, and the oracle finished many presses.
        XCTAssertGreaterThan(Set(stride(from: 0, to: states.count, by: 9).map { Array(states[$0..<($0 + 9)]) }).count, 10)
        XCTAssertGreaterThanOrEqual(collector.finishedSubtasks, 20)
        XCTAssertGreaterThanOrEqual(Double(collector.solvedSubtasks) / Double(collector.finishedSubtasks), 0.9)
    }

    func testPlayEpisodeOnSceneSolvesMostSubtasks() throws {
        let (collector, recorder, _) = try collect("scene-v0", .plan)
        XCTAssertEqual(recorder.buttonCount, 2)
        XCTAssertGreaterThanOrEqual(collector.finishedSubtasks, 12)
        XCTAssertGreaterThanOrEqual(Double(collector.solvedSubtasks) / Double(collector.finishedSubtasks), 0.6)
        // The recorded episode passed the health check.
        XCTAssertTrue(ManipulationFamily.scene.acceptsCubePath(ManipulationCollector.cubePath(recorder)))
    }

    func testSceneHealthCheck() {
        let table = SIMD3<Double>(0.4, 0, 0.02), inDrawer = SIMD3<Double>(0.33, -0.35, 0.07)
        XCTAssertTrue(ManipulationFamily.scene.acceptsCubePath([table, inDrawer]))
        XCTAssertFalse(ManipulationFamily.scene.acceptsCubePath([table, SIMD3(0.4, 0.29, 0.02)]))
        XCTAssertFalse(ManipulationFamily.scene.acceptsCubePath([table, SIMD3(0.33, -0.35, 0.02)]))
        XCTAssertTrue(ManipulationFamily.cube(count: 1).acceptsCubePath([SIMD3(0.4, 0.5, 0.02)]))
    }

    func testScriptedCollectorsRejectLocomotion() {
        XCTAssertThrowsError(try EnvironmentRegistry.makeDataCollection("walker_walk")) { error in
            XCTAssertTrue("\(error)".contains("manipulation"), "\(error)")
        }
    }
}
