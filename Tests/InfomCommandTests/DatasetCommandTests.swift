import ArrayFiles
import Datasets
import Foundation
import Learning
import TestSupport
import XCTest

/// `infom collect` and `infom dataset`: a killed collection finishes when re-run, and the
/// dataset subcommands report, relabel, merge and reject damaged files.
final class DatasetCommandTests: XCTestCase {
    func collectArguments(_ out: String, episodes: Int = 6) -> [String] {
        ["collect", "--env", "cheetah_run", "--collector", "random", "--episodes", "\(episodes)", "--seed", "2",
         "--workers", "1", "--out", out]
    }

    func testKilledCollectionFinishesWhenRunAgain() throws {
        let folder = try TemporaryDirectory()
        let whole = folder.file("whole.npz"), resumed = folder.file("resumed.npz")
        XCTAssertEqual(try InfomProcess.run(collectArguments(whole)).status, 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: InfomProcess.executable)
        process.arguments = collectArguments(resumed)
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let parts = resumed + ".parts"
        let deadline = Date().addingTimeInterval(60)
        func finished() -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: parts)) ?? []).filter { $0.hasPrefix("episode-") && $0.hasSuffix(".npz") }.count
        }
        while finished() < 2 && Date() < deadline && process.isRunning { usleep(2_000) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = finished()
        XCTAssertGreaterThanOrEqual(before, 2)
        XCTAssertLessThan(before, 6, "killed midway")
        XCTAssertFalse(FileManager.default.fileExists(atPath: resumed))

        let rerun = try InfomProcess.run(collectArguments(resumed))
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("resumed"), rerun.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: resumed), FileManager.default.contents(atPath: whole),
                       "no duplicated or missing episodes")
        XCTAssertFalse(FileManager.default.fileExists(atPath: parts))
    }

    func testInfoRelabelMergeAndDamagedFiles() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("cheetah.npz")
        XCTAssertEqual(try InfomProcess.run(collectArguments(data, episodes: 2)).status, 0)
        let info = try InfomProcess.run(["dataset", "info", data])
        XCTAssertEqual(info.status, 0, info.stderr)
        XCTAssertTrue(info.stdout.contains("env cheetah_run, collector random, seed 2"), info.stdout)
        XCTAssertTrue(info.stdout.contains("episodes (terminal rows): 2"), info.stdout)
        XCTAssertTrue(info.stdout.contains("observations: <f4 [2002, 17]"), info.stdout)
        XCTAssertTrue(info.stdout.contains("physics: <f8 [2002, 18]"), info.stdout)

        let relabeled = folder.file("backward.npz")
        let relabel = try InfomProcess.run(["dataset", "relabel", "--task", "cheetah_run_backward", data, relabeled])
        XCTAssertEqual(relabel.status, 0, relabel.stderr)
        let rewards = try NPZArchive(path: relabeled).array("rewards", as: Float.self)
        XCTAssertEqual(rewards.count, 2002)
        XCTAssertTrue(rewards.allSatisfy { (0...1).contains($0) } && rewards.contains { $0 > 0 })

        let wrongDomain = try InfomProcess.run(["dataset", "relabel", "--task", "quadruped_walk", data, folder.file("x.npz")])
        XCTAssertEqual(wrongDomain.status, 1)
        XCTAssertTrue(wrongDomain.stderr.contains("holds cheetah_run data (domain cheetah), but quadruped_walk is in domain quadruped"),
                      wrongDomain.stderr)

        let merged = try InfomProcess.run(["dataset", "merge", folder.file("twice.npz"), data, data])
        XCTAssertEqual(merged.status, 1, "the same episodes twice are refused")
        XCTAssertTrue(merged.stderr.contains("list the shards in order"), merged.stderr)

        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: data))
        let cut = folder.file("cut.npz")
        _ = FileManager.default.createFile(atPath: cut, contents: bytes.prefix(bytes.count / 2))
        let damaged = try InfomProcess.run(["dataset", "info", cut])
        XCTAssertEqual(damaged.status, 1)
        XCTAssertTrue(damaged.stderr.contains("corrupt or truncated"), damaged.stderr)

        let unknown = try InfomProcess.run(["collect", "--env", "cheetah_sprint", "--episodes", "1", "--out", folder.file("u.npz")])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("cheetah_run"), "suggests similar IDs: \(unknown.stderr)")
    }

    func testPlayCollectionAndOGBenchRelabelOnPuzzle() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("puzzle.npz"), relabeled = folder.file("puzzle-task1.npz")
        let collect = try InfomProcess.run(["collect", "--env", "puzzle-3x3-v0", "--collector", "play", "--episodes", "1",
                                            "--val-episodes", "1", "--out", data])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        let archive = try NPZArchive(path: data)
        XCTAssertEqual(try archive.header("button_states").shape, [1001, 9])
        XCTAssertEqual(try NPZArchive(path: folder.file("puzzle-val.npz")).header("observations").shape, [1001, 55])

        let relabel = try InfomProcess.run(["dataset", "relabel", "--task", "puzzle-3x3-singletask-task1-v0", data, relabeled])
        XCTAssertEqual(relabel.status, 0, relabel.stderr)
        let rewards = try NPZArchive(path: relabeled).array("rewards", as: Float.self)
        // Task 1 asks for a few buttons: rewards are −#wrong buttons … 0, whole numbers.
        XCTAssertTrue(rewards.allSatisfy { $0 <= 0 && $0 >= -9 && $0 == $0.rounded() })
        XCTAssertGreaterThan(Set(rewards).count, 1)

        let wrong = try InfomProcess.run(["collect", "--env", "walker_walk", "--collector", "noisy", "--episodes", "1",
                                          "--out", folder.file("walker.npz")])
        XCTAssertNotEqual(wrong.status, 0)
        XCTAssertTrue(wrong.stderr.contains("manipulation"), wrong.stderr)
    }

    func testRNDCollectionAndItsClearErrors() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("walker-rnd.npz")
        let collect = try InfomProcess.run(["collect", "--env", "walker_walk", "--collector", "rnd", "--episodes", "2",
                                            "--hidden", "16", "--batch", "16", "--seed-steps", "1500", "--out", data])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        let info = try InfomProcess.run(["dataset", "info", data])
        XCTAssertTrue(info.stdout.contains("collector rnd hidden=16"), info.stdout)
        XCTAssertEqual(try NPZArchive(path: data).header("physics").shape, [2002, 18])
        // The metadata names the OpenBLAS kernel set the explorer's products ran on.
        let core = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? OpenBLASCore.better ?? OpenBLASCore.current
        XCTAssertTrue(info.stdout.lowercased().contains("seed-steps=1500 blas=\(core.lowercased())"), info.stdout)

        // A collection resumes only on the kernel set it began with (generic kernels, which every
        // x86-64 CPU runs): the message names both.
        let resumed = folder.file("resumed.npz")
        let rnd = ["collect", "--env", "walker_walk", "--collector", "rnd", "--episodes", "1", "--hidden", "16", "--batch", "16",
                   "--seed-steps", "500", "--out", resumed]
        let killed = try InfomProcess.run(rnd, environment: ["INFOM_TEST_KILL_AT": "collect-after-join", "OPENBLAS_CORETYPE": "Core2"])
        XCTAssertEqual(killed.status, SIGKILL, killed.stderr)
        let other = try InfomProcess.run(rnd, environment: ["OPENBLAS_CORETYPE": "Prescott"])
        XCTAssertNotEqual(other.status, 0)
        XCTAssertEqual(other.stderr.split(separator: "\n").count, 1, other.stderr)
        XCTAssertTrue(other.stderr.contains("seed-steps=500 blas=Core2, seed 0") && other.stderr.contains("this run: walker_walk, rnd")
                      && other.stderr.contains("blas=Prescott, seed 0"), other.stderr)
        let same = try InfomProcess.run(rnd, environment: ["OPENBLAS_CORETYPE": "Core2"])
        XCTAssertEqual(same.status, 0, same.stderr)

        for (arguments, message) in [(["--env", "walker_walk", "--pixels", "64"], "state observations"),
                                     (["--env", "cube-single-v0"], "locomotion")] {
            let run = try InfomProcess.run(["collect", "--collector", "rnd", "--episodes", "1", "--out", folder.file("x.npz")] + arguments)
            XCTAssertNotEqual(run.status, 0)
            XCTAssertTrue(run.stderr.contains(message), run.stderr)
        }
    }
}
