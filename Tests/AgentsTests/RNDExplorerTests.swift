import ArrayFiles
import Datasets
import Foundation
import Learning
import Suite
import DatasetTestSupport
import TestSupport
import XCTest
@testable import Agents

/// The RND explorer and collector: URLB's statistics formula, that the predictor learns the
/// states it is trained on, that the explorer's actions leave the seed distribution once it
/// acts, and that an interrupted `rnd` collection resumes to exactly the same file.
final class RNDExplorerTests: XCTestCase {
    static var tiny: RNDSettings {
        var settings = RNDSettings()
        settings.hidden = 16
        settings.rndHidden = 16
        settings.representation = 8
        settings.batch = 32
        settings.seedSteps = 900
        return settings
    }

    func testRunningStatisticsMergeBatchesLikeURLB() {
        var statistics = RunningMeanVariance()
        let batch: [Float] = [1, 2, 3, 6]
        batch.withUnsafeBufferPointer { statistics.update($0) }
        // M = 0 + 3·4/(1e-4 + 4); S = (1·1e-4 + var·4 + 3²·1e-4·4/(4 + 1e-4)) / (4 + 1e-4), var unbiased = 14/3.
        let n = 4 + 1e-4
        assertClose(statistics.mean, 3 * 4 / n, tolerance: 1e-12)
        assertClose(statistics.variance, (1e-4 + 14.0 / 3 * 4 + 9 * 1e-4 * 4 / n) / n, tolerance: 1e-12)
        assertClose(statistics.count, n, tolerance: 1e-12)
    }

    func testPredictorLearnsAndActorActsAfterTheSeedSteps() throws {
        let environment = try EnvironmentRegistry.make("walker_walk")
        let explorer = RNDExplorer(observationSize: 24, actionSize: 6, settings: Self.tiny, seed: 1)
        var observation = try environment.reset(seed: 0)
        var episodeObservations: [Float] = [], episodeActions: [Float] = []
        for _ in 0..<1000 {
            let action = explorer.action(for: observation)
            episodeObservations += observation
            episodeActions += action
            observation = try environment.step(action).observation
        }
        episodeObservations += observation
        episodeActions += [Float](repeating: 0, count: 6)
        explorer.replay.append(observations: episodeObservations, actions: episodeActions, rows: 1001)
        XCTAssertEqual(explorer.replay.count, 998)
        XCTAssertEqual(explorer.updates, 0, "no updates before the replay holds an episode")

        func meanLoss(over updates: Int) -> Float {
            var total: Float = 0
            for _ in 0..<updates { explorer.update(); total += explorer.lastRNDLoss }
            return total / Float(updates)
        }
        let early = meanLoss(over: 20)
        for _ in 0..<1000 { explorer.update() }
        let late = meanLoss(over: 20)
        XCTAssertLessThan(late, early / 2, "the predictor should fit the visited states (\(early) → \(late))")
        // Past the seed steps the actor acts: actions are tanh means plus noise, not uniform draws.
        _ = explorer.action(for: observation)
        XCTAssertGreaterThan(explorer.steps, Self.tiny.seedSteps)
        XCTAssertTrue(explorer.action(for: observation).allSatisfy { abs($0) < 1 })
    }

    /// Saving over an existing state replaces it whole and leaves no temporary folder behind;
    /// the state read back is the second one.
    func testSavingOverAStateReplacesIt() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("rnd-state-0000001")
        let first = RNDExplorer(observationSize: 24, actionSize: 6, settings: Self.tiny, seed: 1)
        try first.save(to: path, metadata: ["first_episode": "0"])
        let second = RNDExplorer(observationSize: 24, actionSize: 6, settings: Self.tiny, seed: 2)
        try second.save(to: path, metadata: ["first_episode": "1"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["rnd-state-0000001"])
        let loaded = RNDExplorer(observationSize: 24, actionSize: 6, settings: Self.tiny, seed: 3)
        XCTAssertEqual(try loaded.load(from: path)["first_episode"], "1")
        XCTAssertEqual(loaded.random.state, second.random.state)
    }

    func testInterruptedCollectionResumesToTheSameFile() throws {
        let folder = try TemporaryDirectory()
        let plan = CollectionPlan(env: "cheetah_run", collector: Self.tiny.label, seed: 2, episodes: 3)
        @Sendable func collector(_ out: String) throws -> ExplorationCollector {
            RNDExplorer.collector(environment: try EnvironmentRegistry.make("cheetah_run"), settings: Self.tiny,
                                  partsFolder: CollectionJob.partsFolder(for: out))
        }
        let whole = folder.file("whole.npz"), resumed = folder.file("resumed.npz")
        try CollectionJob(plan: plan, output: whole, workers: 1) { try collector(whole) }.run()
        XCTAssertThrowsError(try CollectionJob(plan: plan, output: resumed, workers: 1) {
            // Stops after two episodes: the saved state already holds trained networks and optimizers.
            InterruptedCollector(try collector(resumed), after: 2)
        }.run())
        let saved = try FileManager.default.contentsOfDirectory(atPath: resumed + ".parts").filter { $0.hasPrefix("rnd-state-") }
        XCTAssertEqual(saved.sorted(), ["rnd-state-0000000", "rnd-state-0000001"])
        try CollectionJob(plan: plan, output: resumed, workers: 1) { try collector(resumed) }.run()
        XCTAssertEqual(try NPZArchive(path: resumed).array("actions", as: Float.self),
                       try NPZArchive(path: whole).array("actions", as: Float.self))
        XCTAssertFalse(FileManager.default.fileExists(atPath: resumed + ".parts"))
    }
}
