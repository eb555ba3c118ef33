import ArrayFiles
import Datasets
import Foundation
import DatasetTestSupport
import TestSupport
import XCTest

/// What the tool guarantees about data: no command writes wrong data or a wrong result with exit
/// status 0, and no input crashes it. Each bad input gets one line on stderr naming the problem
/// and a non-zero status; two jobs never share an output; an interruption at any step of a
/// collection's clean-up loses nothing and lets no other plan adopt its episodes.
final class DataIntegrityTests: XCTestCase {
    /// Runs infom and checks that it failed with one line containing `message`.
    func assertRefused(_ arguments: [String], _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try InfomProcess.run(arguments)
        XCTAssertNotEqual(result.status, 0, "infom \(arguments.joined(separator: " ")) exited 0", file: file, line: line)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, "one line: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(message), "infom \(arguments.joined(separator: " ")): \(result.stderr)", file: file, line: line)
    }

    func succeeded(_ arguments: [String], environment: [String: String] = [:]) throws -> InfomProcess.Result {
        let result = try InfomProcess.run(arguments, environment: environment)
        XCTAssertEqual(result.status, 0, "infom \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    func collect(_ out: String, seed: Int = 2, episodes: Int = 3, extra: [String] = []) -> [String] {
        ["collect", "--env", "cheetah_run", "--collector", "random", "--episodes", "\(episodes)", "--seed", "\(seed)",
         "--workers", "1", "--out", out] + extra
    }

    func train(_ pretrain: String, _ finetune: String, out: String, env: String = "cheetah_run") -> [String] {
        ["train", "--env", env, "--pretrain-data", pretrain, "--finetune-data", finetune, "--preset", "small",
         "--pretrain-steps", "2", "--finetune-steps", "2", "--eval-episodes", "1", "--out", out]
    }

    func testEveryReaderRefusesEveryMalformedFile() throws {
        let folder = try TemporaryDirectory()
        let valid = folder.file("valid.npz")
        try MalformedDataset.write(nil, to: valid)
        for flaw in MalformedDataset.allCases {
            let bad = folder.file("\(flaw.rawValue).npz")
            try MalformedDataset.write(flaw, to: bad)
            try assertRefused(["dataset", "info", bad], flaw.expectedMessage)
            try assertRefused(["dataset", "relabel", "--task", "cheetah_run", bad, folder.file("out.npz")], flaw.expectedMessage)
            try assertRefused(["dataset", "merge", folder.file("merged.npz"), valid, bad], flaw.expectedMessage)
            try assertRefused(train(bad, valid, out: folder.file("run-\(flaw.rawValue)")), flaw.expectedMessage)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("run-\(flaw.rawValue)")), "no output folder for refused data")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("out.npz")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("merged.npz")))
    }

    func testDataOfAnotherTaskOrDomainIsRefused() throws {
        let folder = try TemporaryDirectory()
        let rewardFree = folder.file("cheetah.npz"), walk = folder.file("cheetah-walk.npz")
        try MalformedDataset.write(nil, to: rewardFree, relabeledTask: nil)
        try MalformedDataset.write(nil, to: walk, relabeledTask: "cheetah_walk")
        try assertRefused(train(rewardFree, walk, out: folder.file("a")), "cheetah-walk.npz: holds rewards of cheetah_walk, not of cheetah_run")
        try assertRefused(["dataset", "relabel", "--task", "walker_run", rewardFree, folder.file("w.npz")],
                          "cheetah.npz: holds cheetah_run data (domain cheetah), but walker_run is in domain walker")
        try assertRefused(train(rewardFree, walk, out: folder.file("b"), env: "walker_walk"), "holds cheetah_run data (domain cheetah)")
        // The same files with the right task train.
        _ = try succeeded(train(rewardFree, walk, out: folder.file("c"), env: "cheetah_walk"))
    }

    func testResumingOnReplacedDataIsRefused() throws {
        let folder = try TemporaryDirectory()
        let pretrain = folder.file("cheetah.npz"), finetune = folder.file("cheetah-run.npz"), out = folder.file("run")
        try MalformedDataset.write(nil, to: pretrain, relabeledTask: nil)
        try MalformedDataset.write(nil, to: finetune)
        _ = try succeeded(train(pretrain, finetune, out: out))
        let rerun = try succeeded(train(pretrain, finetune, out: out))
        XCTAssertTrue(rerun.stderr.contains("resuming"), "the same data resumes: \(rerun.stderr)")
        // The same name with other contents (here only its metadata differs).
        try MalformedDataset.write(nil, to: pretrain, env: "cheetah_walk", relabeledTask: nil)
        try assertRefused(train(pretrain, finetune, out: out), "was trained on other data: \(pretrain) changed since the run started")
    }

    func testTwoCollectionsIntoOneOutputCannotMix() throws {
        let folder = try TemporaryDirectory()
        let out = folder.file("shared.npz")
        let first = try InfomProcess.start(collect(out, seed: 0, episodes: 40))
        XCTAssertTrue(InfomProcess.wait { FileManager.default.fileExists(atPath: out + ".parts/plan.json") })
        try assertRefused(collect(out, seed: 7, episodes: 40),
                          "another collection is using this (process \(first.processIdentifier): infom collect, cheetah_run, random, seed 0")
        first.waitUntilExit()
        XCTAssertEqual(first.terminationStatus, 0)
        XCTAssertEqual(try DatasetFile(path: out).metadata?.seed, 0)
        XCTAssertEqual(try DatasetFile(path: out).episodes, 40)
    }

    func testTwoTrainingRunsIntoOneFolderCannotMix() throws {
        let folder = try TemporaryDirectory()
        let pretrain = folder.file("cheetah.npz"), finetune = folder.file("cheetah-run.npz"), out = folder.file("run")
        try MalformedDataset.write(nil, to: pretrain, relabeledTask: nil)
        try MalformedDataset.write(nil, to: finetune)
        var long = train(pretrain, finetune, out: out)
        long[long.firstIndex(of: "--pretrain-steps")! + 1] = "100000"
        let first = try InfomProcess.start(long)
        XCTAssertTrue(InfomProcess.wait { FileManager.default.fileExists(atPath: out + "/plan.json") })
        try assertRefused(train(pretrain, finetune, out: out) + ["--seed", "7"],
                          "another training run is using this (process \(first.processIdentifier): infom train --env cheetah_run --seed 0)")
        first.terminate()
        first.waitUntilExit()
    }

    func testAKillAtAnyStepOfTheCleanUpLosesNothing() throws {
        let folder = try TemporaryDirectory()
        let whole = folder.file("whole.npz"), seven = folder.file("seven.npz")
        _ = try succeeded(collect(whole))
        _ = try succeeded(collect(seven, seed: 7))
        for point in ["collect-after-join", "collect-after-episodes-removed", "collect-after-plan-removed"] {
            let out = folder.file("\(point).npz")
            let killed = try InfomProcess.run(collect(out), environment: ["INFOM_TEST_KILL_AT": point])
            XCTAssertEqual(killed.status, SIGKILL, "\(point): killed there")
            if point == "collect-after-plan-removed" {
                // Nothing of the plan is left to adopt: a run with other flags starts afresh.
                _ = try succeeded(collect(out, seed: 7))
                XCTAssertEqual(FileManager.default.contents(atPath: out), FileManager.default.contents(atPath: seven), point)
            } else {
                try assertRefused(collect(out, seed: 7), "holds an interrupted collection with other settings (cheetah_run, random, seed 2")
                _ = try succeeded(collect(out))
                XCTAssertEqual(FileManager.default.contents(atPath: out), FileManager.default.contents(atPath: whole), point)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".parts"), point)
        }
    }

    func testPartsOfAnotherPlanAreNeverAdopted() throws {
        let folder = try TemporaryDirectory()
        let out = folder.file("out.npz")
        let killed = try InfomProcess.run(collect(out), environment: ["INFOM_TEST_KILL_AT": "collect-after-join"])
        XCTAssertEqual(killed.status, SIGKILL)
        // Without its plan (removed by hand, or by an older version's clean-up), the episodes still
        // name their own plan.
        try FileManager.default.removeItem(atPath: out + ".parts/plan.json")
        try assertRefused(collect(out, seed: 7), "belongs to another collection (cheetah_run, random, seed 2, 3+0 episodes)")
    }

    func testADamagedPartIsCollectedAgain() throws {
        let folder = try TemporaryDirectory()
        let whole = folder.file("whole.npz"), out = folder.file("out.npz")
        _ = try succeeded(collect(whole))
        let killed = try InfomProcess.run(collect(out), environment: ["INFOM_TEST_KILL_AT": "collect-after-join"])
        XCTAssertEqual(killed.status, SIGKILL)
        let part = out + ".parts/episode-0000001.npz"
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: part))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: part))
        // A temporary file of a killed writer beside the output goes too.
        let abandoned = out + ".partial-999999"
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: abandoned))
        let rerun = try succeeded(collect(out))
        XCTAssertTrue(rerun.stderr.contains("episode-0000001.npz was damaged"), rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("collecting episode 1 again"), rerun.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: out), FileManager.default.contents(atPath: whole))
        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned))
    }

    func testShardsThatCannotBeMergedAreRefused() throws {
        let folder = try TemporaryDirectory()
        try assertRefused(collect(folder.file("a.npz"), episodes: 3, extra: ["--shard", "0/4"]),
                          "--episodes 3 cannot be shared among 4 shards; collect at least one episode per shard")
        try assertRefused(collect(folder.file("a.npz"), episodes: 4, extra: ["--shard", "0/2", "--val-episodes", "1"]),
                          "--val-episodes 1 cannot be shared among 2 shards")
        let first = folder.file("s0.npz"), second = folder.file("s1.npz")
        _ = try succeeded(collect(first, episodes: 2, extra: ["--shard", "0/2", "--val-episodes", "2"]))
        _ = try succeeded(collect(second, episodes: 2, extra: ["--shard", "1/2"]))
        try assertRefused(["dataset", "merge", folder.file("m.npz"), first, second],
                          "s1-val.npz: does not exist while \(folder.file("s0-val.npz")) does, so the joined validation set would be incomplete")
        try assertRefused(["dataset", "merge", first, first, second], "is also an input; write the merged file under a new name")
    }

    func testHugeAndNegativeCountsAreRefused() throws {
        let folder = try TemporaryDirectory()
        let out = folder.file("x.npz")
        let data = folder.file("d.npz")
        try MalformedDataset.write(nil, to: data)
        try assertRefused(collect(out, episodes: Int.max), "--episodes must be 1…1000000, got 9223372036854775807")
        try assertRefused(collect(out, episodes: 1_000_000_000_000), "--episodes must be 1…1000000")
        try assertRefused(collect(out, episodes: -5), "--episodes must be 1…1000000, got -5")
        try assertRefused(collect(out, extra: ["--val-episodes", "\(Int.max)"]), "--val-episodes must be 0…1000000")
        try assertRefused(train(data, data, out: folder.file("r")) + ["--finetune-steps", "\(Int.max)"], "--finetune-steps must be 0…1000000000")
        try assertRefused(train(data, data, out: folder.file("r")) + ["--eval-episodes", "\(Int.max)"], "--eval-episodes must be 1…100000")
        try assertRefused(train(data, data, out: folder.file("r")) + ["--finetune-steps", "0"], "--finetune-steps must be at least 1")
        try assertRefused(["eval", "--env", "cheetah_run", "--policy", "random", "--episodes", "\(Int.max)"], "--episodes must be 1…100000")
        try assertRefused(["bench", "mlp", "--batch", "\(Int.max)"], "--batch must be 1…65536")
        try assertRefused(["bench", "encoder", "--batch", "4096"], "--batch must be 1…512, got 4096")
        try assertRefused(["bench", "env", "cheetah_run", "--steps", "-1"], "--steps must be 1…100000000, got -1")
    }

    func testVideoPathsAreCheckedBeforeAnyWork() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("d.npz")
        try MalformedDataset.write(nil, to: data)
        for (path, message) in [("/nonexistent/v.mp4", "the folder /nonexistent does not exist; create it first"),
                                (folder.file("v.txt"), "cannot write a video with extension .txt")] {
            try assertRefused(["render", "--env", "cheetah_run", "--out", path], message)
            try assertRefused(["eval", "--env", "cheetah_run", "--policy", "random", "--episodes", "1", "--video", path], message)
            try assertRefused(train(data, data, out: folder.file("run")) + ["--video", path], message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("run")), "refused before training")
    }

    func testOutputsThatCannotBeWrittenAreOneClearLine() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("d.npz")
        try MalformedDataset.write(nil, to: data)
        try assertRefused(train(data, data, out: data), "d.npz is a file; name a folder")
        try assertRefused(collect(folder.file("no/such/x.npz")), "the folder \(folder.file("no/such")) does not exist; create it first")
        try assertRefused(["dataset", "relabel", "--task", "cheetah_run", data, folder.path], "is a folder; name a file to write")
        let actions = folder.file("a.npy")
        try NPYFile.write([Float](repeating: 0, count: 12), shape: [2, 6], to: actions)
        try assertRefused(["replay", "--env", "cheetah_run", "--actions", actions, "--out", actions],
                          "--out is the --actions file; write the episode under another name")
        XCTAssertEqual(try NPYFile.read(actions, as: Float.self).shape, [2, 6], "the input is untouched")
    }

    func testAFullDiskAndAFolderForAFileAreOneClearLine() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: folder.file("tiny"), withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.file("tiny")]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        try assertRefused(["dataset", "info", folder.path], "\(folder.path): is a folder; name an .npz file")
        try XCTSkipUnless(mount.terminationStatus == 0, "no tmpfs mount here (needs root): the full-disk case is not checked")
        defer {
            let unmount = Process()
            unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
            unmount.arguments = [folder.file("tiny")]
            try? unmount.run()
            unmount.waitUntilExit()
        }
        try assertRefused(collect(folder.file("tiny/x.npz"), episodes: 1),
                          "cannot write: the disk is full (No space left on device); free space and run again")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.file("tiny/x.npz.parts")).filter { $0.contains(".partial-") }, [],
                       "no half-written file is left")
    }

    func testAnOverflowingActionsHeaderIsRefusedByReplay() throws {
        let folder = try TemporaryDirectory()
        let actions = folder.file("a.npy")
        var bytes = NPYHeader(dtype: .float32, shape: [1 << 40, 1 << 40]).encoded()
        bytes += [UInt8](repeating: 0, count: 48)
        try Data(bytes).write(to: URL(fileURLWithPath: actions))
        try assertRefused(["replay", "--env", "cheetah_run", "--actions", actions, "--out", folder.file("e.npz")],
                          "needs more bytes than any file can hold")
    }

    func testAnFFmpegThatFailsIsReportedWithWhatItSaid() throws {
        let folder = try TemporaryDirectory()
        let fake = folder.file("ffmpeg")
        try "#!/bin/sh\necho 'cannot encode: test codec' >&2\nexit 1\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let path = folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try InfomProcess.run(["render", "--env", "cheetah_run", "--max-steps", "5", "--width", "64", "--height", "64",
                                           "--out", folder.file("v.mp4")], environment: ["PATH": path])
        XCTAssertEqual(result.status, 1, "an error, not a SIGPIPE death (141): \(result.stderr)")
        XCTAssertEqual(result.stderr, "Error: \(folder.file("v.mp4")): ffmpeg stopped reading frames: cannot encode: test codec\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.file("v.mp4")))
    }

    func testPixelDataForAStateTaskSaysWhatExists() throws {
        let folder = try TemporaryDirectory()
        let pixels = folder.file("pixels.npz")
        try writeRandomPixelDataset(to: pixels, rows: 20, actionSize: 6, episodeLength: 10, seed: 1)
        try assertRefused(train(pixels, pixels, out: folder.file("run")),
                          "the data holds pixel observations, but cheetah_run is a state task; train on visual-cheetah_run")
    }

    func testFlagsThatWouldDoNothingAreRefused() throws {
        let folder = try TemporaryDirectory()
        try assertRefused(collect(folder.file("x.npz"), extra: ["--render", "fast"]),
                          "--render sets the look of pixel observations, and cheetah_run records states")
        try assertRefused(collect(folder.file("x.npz"), extra: ["--hidden", "16"]), "--hidden sizes the rnd collector's networks")
        try assertRefused(["collect", "--env", "walker_walk", "--collector", "rnd", "--episodes", "1", "--workers", "2",
                           "--out", folder.file("x.npz")], "--workers does not apply to --collector rnd")
        try assertRefused(["eval", "--env", "cheetah_run", "--policy", "random", "--video-episodes", "3"], "--video-episodes needs --video FILE")
    }

    func testClosedOptionSetsListTheirValues() throws {
        let folder = try TemporaryDirectory()
        try assertRefused(collect(folder.file("x.npz"), extra: ["--collector", "bogus"]),
                          "The value 'bogus' is invalid for '--collector <collector>'. Please provide one of 'random', 'play', 'noisy' or 'rnd'.")
        try assertRefused(collect(folder.file("x.npz"), extra: ["--render", "nice"]), "Please provide one of 'standard' and 'fast'.")
        try assertRefused(["bench", "infom", "--preset", "huge"], "Please provide one of 'paper' and 'small'.")
    }

    func testProgressOnAPipeIsOneLinePerStep() throws {
        let result = try succeeded(["eval", "--env", "cheetah_run", "--policy", "random", "--episodes", "2", "--workers", "1"])
        XCTAssertEqual(result.stderr.split(separator: "\n").filter { $0.hasSuffix("episodes") }, ["1/2 episodes", "2/2 episodes"],
                       result.stderr)
    }
}

/// OGBench's own dataset files (np.savez_compressed, bool terminals, no physics, no metadata) are
/// read as they are downloaded.
final class OGBenchFileTests: XCTestCase {
    let fixture = RepositoryPaths.root + "/Tests/DatasetsTests/Fixtures/ogbench_compressed.npz"

    func testInfoRelabelAndTrainOnACompressedOGBenchFile() throws {
        let folder = try TemporaryDirectory()
        let info = try InfomProcess.run(["dataset", "info", fixture])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("episodes (terminal rows): 2"), info.stdout)
        XCTAssertTrue(info.stdout.contains("terminals: |b1 [120]"), info.stdout)
        XCTAssertTrue(info.stdout.contains("observations: <f4 [120, 28]"), info.stdout)
        let labelled = folder.file("task1.npz"), wrongTask = folder.file("task2.npz")
        for (task, path) in [("cube-single-singletask-task1-v0", labelled), ("cube-single-singletask-task2-v0", wrongTask)] {
            let relabel = try InfomProcess.run(["dataset", "relabel", "--task", task, fixture, path])
            XCTAssertEqual(relabel.status, 0, relabel.stderr)
        }
        XCTAssertEqual(try DatasetFile(path: labelled).metadata?.relabeledTask, "cube-single-singletask-task1-v0")
        let arguments = ["train", "--env", "cube-single-singletask-task1-v0", "--pretrain-data", fixture, "--preset", "small",
                         "--pretrain-steps", "2", "--finetune-steps", "2", "--eval-episodes", "1"]
        let trained = try InfomProcess.run(arguments + ["--finetune-data", labelled, "--out", folder.file("run")])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        XCTAssertTrue(trained.stdout.contains("cube-single-singletask-task1-v0 infom: return"), trained.stdout)
        let refused = try InfomProcess.run(arguments + ["--finetune-data", wrongTask, "--out", folder.file("wrong")])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("task2.npz: holds rewards of cube-single-singletask-task2-v0, not of cube-single-singletask-task1-v0"),
                      refused.stderr)
    }

    func testTheCompressedEntriesAreWhatNumpyWrote() throws {
        let file = try DatasetFile(path: fixture)
        XCTAssertNil(file.metadata)
        XCTAssertEqual(file.rows, 120)
        XCTAssertEqual(try file.terminals().enumerated().filter(\.element).map(\.offset), [59, 119])
        XCTAssertEqual(try file.archive.header("qpos").shape, [120, 21])
        // Streaming in small pieces and reading whole give the same values.
        var streamed = [Float]()
        try file.archive.forEachChunk(of: "observations", chunkBytes: 1000) { streamed += $0.bindMemory(to: Float.self) }
        XCTAssertEqual(streamed, try file.archive.array("observations", as: Float.self))
    }
}
