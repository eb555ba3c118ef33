import Foundation
import Rendering
import TestSupport
import XCTest

/// `infom train` and `infom eval --checkpoint`: a short run writes its logs, checkpoint and
/// eval.json, evaluating the checkpoint again gives the same episodes, and bad data is refused
/// with a message that names the fix.
final class TrainCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> InfomProcess.Result {
        let result = try InfomProcess.run(arguments)
        XCTAssertEqual(result.status, 0, "infom \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// `episodes` random cheetah episodes in `folder` and their cheetah_run relabelling.
    func cheetahData(in folder: TemporaryDirectory, episodes: Int = 1) throws -> (data: String, labelled: String) {
        let data = folder.file("cheetah.npz"), labelled = folder.file("cheetah-run.npz")
        _ = try run(["collect", "--env", "cheetah_run", "--collector", "random", "--episodes", "\(episodes)", "--workers", "1",
                     "--out", data])
        _ = try run(["dataset", "relabel", "--task", "cheetah_run", data, labelled])
        return (data, labelled)
    }

    func testShortReBRACRunThenEvaluateTheCheckpoint() throws { try shortRunThenEvaluateTheCheckpoint("rebrac") }

    func testShortInFOMRunThenEvaluateTheCheckpoint() throws { try shortRunThenEvaluateTheCheckpoint("infom") }

    /// A 3 + 3 update run of `agent` writes its files, its checkpoint replays the final evaluation,
    /// and the same command resumes.
    func shortRunThenEvaluateTheCheckpoint(_ agent: String) throws {
        let folder = try TemporaryDirectory()
        let (data, labelled) = try cheetahData(in: folder, episodes: 2), out = folder.file("run")
        let directory = "\(out)-\(agent)"
        let train = ["train", "--env", "cheetah_run", "--pretrain-data", data, "--finetune-data", labelled,
                     "--agent", agent, "--preset", "small", "--pretrain-steps", "3", "--finetune-steps", "3",
                     "--eval-episodes", "1", "--log-every", "1", "--out", directory]
        let trained = try run(train)
        XCTAssertTrue(trained.stdout.contains("cheetah_run \(agent): return"), trained.stdout)
        for file in ["agent.json", "plan.json", "normalizer.json", "pretrain.csv", "finetune.csv", "eval.csv", "eval.json",
                     "checkpoint/state.json", "checkpoint/parameters-6.safetensors", "checkpoint/optimizer-6.safetensors"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(directory)/\(file)"), "\(agent): \(file)")
        }
        let pretrainRows = try String(contentsOfFile: "\(directory)/pretrain.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(pretrainRows.count, 4, "header and one row per update")
        let columns = pretrainRows[0].split(separator: ",")
        XCTAssertTrue(columns.first == "step" && columns.contains("bc/bc_loss"), String(pretrainRows[0]))

        let saved = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/eval.json"))) as? [String: Any])
        XCTAssertEqual(saved["episodes"] as? Int, 1)
        XCTAssertEqual((saved["perEpisode"] as? [[String: Any]])?.first?["length"] as? Int, 1000)
        let evaluated = try run(["eval", "--checkpoint", directory, "--env", "cheetah_run", "--episodes", "1", "--json"])
        let last = try XCTUnwrap(evaluated.stdout.split(separator: "\n").last, evaluated.stdout)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any], evaluated.stdout)
        XCTAssertEqual(try XCTUnwrap(report["return"] as? Double), try XCTUnwrap(saved["return"] as? Double), accuracy: 1e-9,
                       "the checkpoint's policy replays the run's final evaluation")

        let again = try run(train)
        XCTAssertTrue(again.stderr.contains("resuming"), again.stderr)
    }

    /// `--video` on a finished run renders the final evaluation's episode: its reset frame and
    /// 1000 steps, as an H.264 file whose first frame decodes to a picture.
    func testVideoOfAFinishedRunFilmsTheFinalEvaluation() throws {
        let folder = try TemporaryDirectory()
        let (data, labelled) = try cheetahData(in: folder), video = folder.file("run.mp4")
        let train = ["train", "--env", "cheetah_run", "--pretrain-data", data, "--finetune-data", labelled, "--agent", "rebrac",
                     "--preset", "small", "--pretrain-steps", "2", "--finetune-steps", "2", "--eval-episodes", "1",
                     "--out", folder.file("run")]
        _ = try run(train)
        let filmed = try run(train + ["--video", video])
        XCTAssertTrue(filmed.stdout.contains("wrote \(video): 1001 frames of 256x256"), filmed.stdout)
        let decode = Process()
        decode.executableURL = URL(fileURLWithPath: "/usr/bin/ffmpeg")
        decode.arguments = ["-loglevel", "error", "-i", video, "-frames:v", "1", folder.file("first.png")]
        try decode.run()
        decode.waitUntilExit()
        XCTAssertEqual(decode.terminationStatus, 0)
        let first = try PNG.read(folder.file("first.png"))
        XCTAssertEqual([first.width, first.height], [256, 256])
        XCTAssertGreaterThan(Set(first.pixels).count, 20, "not blank")
    }

    /// `--paper-era` and `--obs-norm none` reach the saved agent and plan (and so the run), and
    /// InFOM's options are refused for the baselines.
    /// `--help` describes each KL form (it printed two empty descriptions, "standard  - ").
    func testHelpDescribesEachKLForm() throws {
        let help = try run(["train", "--help"]).stdout
        XCTAssertTrue(help.contains("standard          - the current reference's"), help)
        XCTAssertTrue(help.contains("log-variance      - the paper era's, log σ read as log σ²"), help)
    }

    func testPaperEraAndNormalisationOptionsReachTheRun() throws {
        let folder = try TemporaryDirectory()
        let (data, labelled) = try cheetahData(in: folder), out = folder.file("run")
        let common = ["train", "--env", "cheetah_run", "--pretrain-data", data, "--finetune-data", labelled, "--preset", "small",
                      "--pretrain-steps", "2", "--finetune-steps", "2", "--eval-episodes", "1"]
        _ = try run(common + ["--paper-era", "--obs-norm", "none", "--out", out])
        func json(_ file: String) throws -> [String: Any] {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/\(file)"))) as? [String: Any], file)
        }
        let infom = try XCTUnwrap(try json("agent.json")["infom"] as? [String: Any])
        XCTAssertEqual(infom["latentPerFlowGoal"] as? Bool, true)
        XCTAssertEqual(infom["futureNoiseEqualsCurrent"] as? Bool, true)
        XCTAssertEqual(infom["valueLayerNorm"] as? Bool, true)
        XCTAssertEqual(infom["klForm"] as? String, "logVariance")
        XCTAssertEqual(try json("plan.json")["normalization"] as? String, "none")
        XCTAssertEqual(try json("normalizer.json")["kind"] as? String, "none")

        let again = try InfomProcess.run(common + ["--out", out])
        XCTAssertNotEqual(again.status, 0, "a run's folder does not resume under other variants")
        XCTAssertTrue(again.stderr.contains("other settings"), again.stderr)
        let baseline = try InfomProcess.run(common + ["--agent", "iql", "--value-layer-norm", "--out", folder.file("iql")])
        XCTAssertNotEqual(baseline.status, 0)
        XCTAssertTrue(baseline.stderr.contains("--value-layer-norm is an InFOM option"), baseline.stderr)
        let badForm = try InfomProcess.run(common + ["--kl-form", "log", "--out", folder.file("kl")])
        XCTAssertEqual(badForm.stderr,
                       "Error: The value 'log' is invalid for '--kl-form <kl-form>'. Please provide one of 'standard' and 'log-variance'.\n")
        let badAgent = try InfomProcess.run(common + ["--agent", "sac", "--out", folder.file("sac")])
        XCTAssertEqual(badAgent.stderr, "Error: The value 'sac' is invalid for '--agent <agent>'. Please provide one of 'infom', 'iql', 'rebrac', 'mbpo-rebrac', 'crl-is', 'td-infonce-is', 'fb-iql', 'hilp-iql' or 'dino-rebrac'.\n")
    }

    func testBadDataIsRefusedWithTheFix() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("walker.npz")
        _ = try run(["collect", "--env", "walker_walk", "--collector", "random", "--episodes", "1", "--workers", "1", "--out", data])
        let unlabelled = try InfomProcess.run(["train", "--env", "walker_walk", "--pretrain-data", data, "--finetune-data", data,
                                               "--out", folder.file("a")])
        XCTAssertNotEqual(unlabelled.status, 0)
        XCTAssertTrue(unlabelled.stderr.contains("infom dataset relabel"), unlabelled.stderr)
        let otherDomain = try InfomProcess.run(["train", "--env", "cheetah_run", "--pretrain-data", data, "--finetune-data", data,
                                                "--out", folder.file("b")])
        XCTAssertNotEqual(otherDomain.status, 0)
        XCTAssertTrue(otherDomain.stderr.contains("walker.npz: holds walker_walk data (domain walker), but cheetah_run is in domain cheetah"),
                      otherDomain.stderr)
        let goalConditioned = try InfomProcess.run(["train", "--env", "cube-single-v0", "--pretrain-data", data,
                                                    "--finetune-data", data, "--out", folder.file("c")])
        XCTAssertTrue(goalConditioned.stderr.contains("cube-single-singletask-task1-v0"), goalConditioned.stderr)
        // A broken validation file beside the fine-tuning data stops the run instead of being skipped.
        let labelled = folder.file("walker-run.npz")
        _ = try run(["dataset", "relabel", "--task", "walker_run", data, labelled])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: labelled))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: folder.file("walker-run-val.npz")))
        let brokenValidation = try InfomProcess.run(["train", "--env", "walker_run", "--pretrain-data", data,
                                                     "--finetune-data", labelled, "--out", folder.file("d")])
        XCTAssertNotEqual(brokenValidation.status, 0)
        XCTAssertTrue(brokenValidation.stderr.contains("walker-run-val.npz"), brokenValidation.stderr)
        // A validation file of another domain beside the pre-training data is refused as the data would be.
        _ = try run(["collect", "--env", "cheetah_run", "--collector", "random", "--episodes", "1", "--workers", "1",
                     "--out", folder.file("walker-val.npz")])
        let otherValidation = try InfomProcess.run(["train", "--env", "walker_run", "--pretrain-data", data,
                                                    "--finetune-data", labelled, "--out", folder.file("e")])
        XCTAssertNotEqual(otherValidation.status, 0)
        XCTAssertTrue(otherValidation.stderr.contains("walker-val.npz: holds cheetah_run data (domain cheetah), but walker_run is in domain walker"),
                      otherValidation.stderr)
        let missing = try InfomProcess.run(["eval", "--checkpoint", folder.file("nothing"), "--env", "cheetah_run"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("infom train"), missing.stderr)
    }
}
