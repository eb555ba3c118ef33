import ArrayFiles
import Datasets
import Foundation
import Rendering
import Suite
import DatasetTestSupport
import TestSupport
import XCTest

/// Dataset collection end to end on walker_walk with uniform random actions: the file layout,
/// that its rows are what the environment produced, relabeling, resuming and sharding.
final class CollectionTests: XCTestCase {
    static let env = "walker_walk"

    func job(_ plan: CollectionPlan, _ output: String, workers: Int = 2,
             collector: @escaping @Sendable () throws -> any EpisodeCollector = {
                 RandomCollector(environment: try EnvironmentRegistry.make(CollectionTests.env))
             }) -> CollectionJob {
        CollectionJob(plan: plan, output: output, workers: workers, makeCollector: collector)
    }

    func testLayoutAndContentMatchTheEnvironment() throws {
        let folder = try TemporaryDirectory()
        let out = folder.file("walker.npz")
        let plan = CollectionPlan(env: Self.env, collector: "random", seed: 7, episodes: 2, valEpisodes: 1)
        let written = try job(plan, out).run()
        XCTAssertEqual(written, [out, folder.file("walker-val.npz")])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".parts"), "parts removed once complete")

        let archive = try NPZArchive(path: out)
        XCTAssertEqual(archive.names, ["observations", "actions", "terminals", "qpos", "qvel", "physics"])
        XCTAssertEqual(try archive.header("observations").shape, [2002, 24])
        XCTAssertEqual(try archive.header("observations").dtype, .float32)
        XCTAssertEqual(try archive.header("actions").shape, [2002, 6])
        XCTAssertEqual(try archive.header("qpos").shape, [2002, 9])
        XCTAssertEqual(try archive.header("physics").dtype, .float64)
        let terminals = try archive.array("terminals", as: Float.self)
        XCTAssertEqual(terminals.indices.filter { terminals[$0] == 1 }, [1000, 2001])
        let metadata = try XCTUnwrap(try DatasetMetadata.read(from: archive))
        XCTAssertEqual(metadata, DatasetMetadata(env: Self.env, collector: "random", seed: 7, firstEpisode: 0, episodes: 2,
                                                 rowsPerEpisode: 1001, split: "train"))
        let validation = try XCTUnwrap(try DatasetMetadata.read(from: NPZArchive(path: folder.file("walker-val.npz"))))
        XCTAssertEqual(validation.firstEpisode, 2)
        XCTAssertEqual(validation.split, "val")

        // Episode 1 replayed: reset with its seed, apply the stored actions, compare every row.
        let seeds = EpisodeSeeds(collectionSeed: 7, episode: 1)
        var random = NumpyRandomState(seed: seeds.policy)
        let environment = try EnvironmentRegistry.make(Self.env)
        var observation = try environment.reset(seed: seeds.environment)
        let observations = try archive.elements("observations", as: Float.self, from: 1001 * 24, count: 1001 * 24)
        let actions = try archive.elements("actions", as: Float.self, from: 1001 * 6, count: 1001 * 6)
        let physics = try archive.elements("physics", as: Double.self, from: 1001 * 18, count: 1001 * 18)
        let relabelFolder = folder.file("run.npz")
        try DatasetRelabeling.relabelFromPhysics(input: out, output: relabelFolder, task: "walker_run")
        let relabeled = try NPZArchive(path: relabelFolder)
        let rewards = try relabeled.elements("rewards", as: Float.self, from: 1001, count: 1001)
        let runTask = try EnvironmentRegistry.make("walker_run")
        _ = try runTask.reset(seed: seeds.environment)
        for t in 0...1000 {
            let action = (0..<6).map { _ in Float(random.uniform(-1, 1)) }
            XCTAssertEqual(Array(actions[(t * 6)..<(t * 6 + 6)]), action, "action row \(t)")
            XCTAssertEqual(Array(observations[(t * 24)..<(t * 24 + 24)]), observation, "observation row \(t)")
            XCTAssertEqual(Array(physics[(t * 18)..<(t * 18 + 18)]), environment.simulation.physicsState, "physics row \(t)")
            if t < 1000 {
                observation = try environment.step(action).observation
                // The same actions in walker_run give the step rewards the relabeling must reproduce.
                XCTAssertEqual(rewards[t], Float(try runTask.step(action).reward), "reward row \(t)")
            } else {
                XCTAssertEqual(rewards[t], 0, "terminal rows start no transition")
            }
        }
        XCTAssertEqual(try relabeled.array("masks", as: Float.self), [Float](repeating: 1, count: 2002))
        XCTAssertEqual(try DatasetMetadata.read(from: relabeled)?.relabeledTask, "walker_run")
    }

    func testInterruptedCollectionResumesToTheSameFile() throws {
        let folder = try TemporaryDirectory()
        let plan = CollectionPlan(env: Self.env, collector: "random", seed: 3, episodes: 4)
        try job(plan, folder.file("whole.npz")).run()

        let out = folder.file("resumed.npz")
        XCTAssertThrowsError(try job(plan, out, workers: 1, collector: {
            InterruptedCollector(RandomCollector(environment: try EnvironmentRegistry.make(CollectionTests.env)), after: 2)
        }).run())
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no half-written output")
        let parts = try FileManager.default.contentsOfDirectory(atPath: out + ".parts").filter { $0.hasPrefix("episode-") }
        XCTAssertEqual(parts.sorted(), ["episode-0000000.npz", "episode-0000001.npz"])
        // A leftover temporary file from the killed writer is cleaned up.
        _ = FileManager.default.createFile(atPath: out + ".parts/episode-0000002.npz.partial-99999", contents: Data([1, 2]))

        let other = CollectionPlan(env: Self.env, collector: "random", seed: 4, episodes: 4)
        XCTAssertThrowsError(try job(other, out).run()) { error in
            XCTAssertTrue("\(error)".contains("interrupted collection with other settings"), "\(error)")
        }
        final class Reports: @unchecked Sendable {
            let lock = NSLock()
            var list: [CollectionJob.Progress] = []
        }
        let reports = Reports()
        try job(plan, out).run { progress in reports.lock.lock(); reports.list.append(progress); reports.lock.unlock() }
        XCTAssertEqual(reports.list.count, 2, "only the two missing episodes run")
        XCTAssertEqual(reports.list.map(\.resumed), [2, 2])
        XCTAssertEqual(FileManager.default.contents(atPath: out), FileManager.default.contents(atPath: folder.file("whole.npz")))
    }

    func testShardsMergeIntoTheUnshardedFile() throws {
        let folder = try TemporaryDirectory()
        try job(CollectionPlan(env: Self.env, collector: "random", seed: 5, episodes: 3, valEpisodes: 2), folder.file("whole.npz")).run()
        for shard in 0..<2 {
            let plan = CollectionPlan(env: Self.env, collector: "random", seed: 5, episodes: 3, valEpisodes: 2,
                                      shardIndex: shard, shardCount: 2)
            try job(plan, folder.file("part-\(shard).npz"), workers: 1).run()
        }
        XCTAssertEqual(try DatasetMetadata.read(from: NPZArchive(path: folder.file("part-1.npz")))?.shard, "1/2")
        XCTAssertThrowsError(try DatasetMerge.merge([folder.file("part-1.npz"), folder.file("part-0.npz")], into: folder.file("bad.npz"))) { error in
            XCTAssertTrue("\(error)".contains("list the shards in order"), "\(error)")
        }
        let written = try DatasetMerge.merge([folder.file("part-0.npz"), folder.file("part-1.npz")], into: folder.file("merged.npz"))
        XCTAssertEqual(written, [folder.file("merged.npz"), folder.file("merged-val.npz")])
        XCTAssertEqual(FileManager.default.contents(atPath: folder.file("merged.npz")),
                       FileManager.default.contents(atPath: folder.file("whole.npz")))
        XCTAssertEqual(FileManager.default.contents(atPath: folder.file("merged-val.npz")),
                       FileManager.default.contents(atPath: folder.file("whole-val.npz")))
    }

    /// Two workers render on two threads, each with its own EGL context (desktop GL must be
    /// bound on every thread, or contexts come out as OpenGL ES and MuJoCo cannot make its
    /// framebuffers).
    func testPixelCollectionOnTwoThreads() throws {
        let folder = try TemporaryDirectory()
        let out = folder.file("pixels.npz")
        let plan = CollectionPlan(env: "cheetah_run", collector: "random", seed: 1, episodes: 2, render: "16x16 side fast")
        try job(plan, out, collector: {
            let environment = try EnvironmentRegistry.make("cheetah_run")
            return RandomCollector(environment: environment,
                                   pixels: try PixelEnvironment(environment, width: 16, height: 16, options: .fast))
        }).run()
        let archive = try NPZArchive(path: out)
        XCTAssertEqual(try archive.header("observations").shape, [2002, 16, 16, 3])
        XCTAssertEqual(try archive.header("observations").dtype, .uint8)
        for episode in 0..<2 {
            let frame = try archive.elements("observations", as: UInt8.self, from: (episode * 1001 + 500) * 768, count: 768)
            XCTAssertGreaterThan(Set(frame).count, 8, "episode \(episode)'s frame 500 is not blank")
        }
        XCTAssertEqual(try DatasetMetadata.read(from: archive)?.render, "16x16 side fast")
    }

    func testNumpyReadsACollectedFileInOGBenchLayout() throws {
        let folder = try TemporaryDirectory()
        let out = folder.file("walker.npz")
        try job(CollectionPlan(env: Self.env, collector: "random", seed: 1, episodes: 1), out).run()
        let script = """
            import json, numpy as np
            d = np.load('\(out)')
            assert d['observations'].dtype == np.float32 and d['observations'].shape == (1001, 24)
            assert d['actions'].dtype == np.float32 and np.abs(d['actions']).max() <= 1
            assert d['terminals'].dtype == np.float32 and d['terminals'].sum() == 1 and d['terminals'][-1] == 1
            assert d['qpos'].dtype == np.float32 and d['qvel'].shape == (1001, 9)
            assert d['physics'].dtype == np.float64 and np.allclose(d['physics'][:, :9], d['qpos'], atol=1e-6)
            assert json.loads(d['metadata.json'])['env'] == 'walker_walk'
            print('ok')
            """
        let result = try PythonScript.run(script, requiring: ["numpy"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, "ok\n")
    }
}
