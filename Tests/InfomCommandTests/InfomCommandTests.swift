import Foundation
import Learning
import Support
import TestSupport
import XCTest

/// The tool's top level and its benchmarks run and report what they measured.
final class InfomCommandTests: XCTestCase {
    /// The version names the linked MuJoCo and the OpenBLAS kernel set the tool runs on (whose
    /// rounding some results depend on: rnd data, training runs).
    func testVersionNamesMuJoCoAndTheKernelSet() throws {
        let result = try InfomProcess.run(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("MuJoCo 2.2.2"), result.stdout)
        let expectedCore = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? OpenBLASCore.better ?? OpenBLASCore.current
        XCTAssertTrue(result.stdout.lowercased().contains("openblas kernels \(expectedCore.lowercased())"), result.stdout)
    }

    func testHelpListsTheSubcommands() throws {
        let result = try InfomProcess.run(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("snapshot") && result.stdout.contains("bench"), result.stdout)
    }

    func jsonObject(_ text: String) throws -> [String: Any] {
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any], text)
    }

    func testBenchPhysicsReportsBothLoops() throws {
        let model = RepositoryPaths.asset("scenes/primitives.xml")
        let result = try InfomProcess.run(["bench", "physics", model, "--steps", "500", "--repeats", "2", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try jsonObject(result.stdout)
        let swiftRate = try XCTUnwrap(report["swift_steps_per_s"] as? Double)
        let cRate = try XCTUnwrap(report["c_steps_per_s"] as? Double)
        let ratio = try XCTUnwrap(report["ratio"] as? Double)
        XCTAssertGreaterThan(swiftRate, 0)
        XCTAssertEqual(ratio, swiftRate / cRate, accuracy: 1e-9)
    }

    func testBenchEncoderReportsTheProductBound() throws {
        let result = try InfomProcess.run(["bench", "encoder", "--batch", "2", "--frame-stack", "1", "--iterations", "1", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try jsonObject(result.stdout)
        let encoder = try XCTUnwrap(report["encoder_gflops"] as? Double), gemm = try XCTUnwrap(report["sgemm_gflops"] as? Double)
        XCTAssertGreaterThan(encoder, 0)
        XCTAssertEqual(try XCTUnwrap(report["ratio"] as? Double), encoder / gemm, accuracy: 1e-9)
        // impala_small over one 64×64 RGB frame: 0.1195 GFLOP per image (ImageAndPolicyLayerTests counts it)
        XCTAssertEqual(try XCTUnwrap(report["gflop_per_pass"] as? Double), 2 * 0.119537664, accuracy: 1e-9)
    }

    func testBenchRenderReportsBothOptionSets() throws {
        let model = RepositoryPaths.asset("scenes/calibration.xml")
        let result = try InfomProcess.run(["bench", "render", model, "--frames", "5", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try jsonObject(result.stdout)
        XCTAssertGreaterThan(try XCTUnwrap(report["standard_frames_per_s"] as? Double), 0)
        XCTAssertGreaterThan(try XCTUnwrap(report["observation_frames_per_s"] as? Double), 0)
        XCTAssertGreaterThan(try XCTUnwrap(report["fast_frames_per_s"] as? Double), 0)
        XCTAssertEqual(report["backend"] as? String, "EGL")
    }

    func testBenchTrainTimesAnAgentThroughTheTrainersCalls() throws {
        let result = try InfomProcess.run(["bench", "train", "--agent", "mbpo-rebrac", "--preset", "small", "--env", "cheetah_run",
                                           "--iterations", "1", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try jsonObject(result.stdout)
        XCTAssertEqual(report["agent"] as? String, "mbpo-rebrac")
        XCTAssertEqual(report["env"] as? String, "cheetah_run")
        XCTAssertEqual(report["batch"] as? Int, 256)
        XCTAssertGreaterThan(try XCTUnwrap(report["pretrain_updates_per_s"] as? Double), 0)
        XCTAssertGreaterThan(try XCTUnwrap(report["finetune_updates_per_s"] as? Double), 0)
        // The tool asks OpenBLAS for the CPU's best kernels when its detection fell back to the generic ones.
        let expectedCore = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? OpenBLASCore.better ?? OpenBLASCore.current
        XCTAssertEqual((report["blas_core"] as? String)?.lowercased(), expectedCore.lowercased())
        let unknown = try InfomProcess.run(["bench", "train", "--env", "cheetah_sprint"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertEqual(unknown.stderr.split(separator: "\n").count, 1, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("unknown env ID 'cheetah_sprint'"), unknown.stderr)
    }

    /// Kernels this CPU cannot run are refused in one line before any command starts; a forced
    /// `OPENBLAS_CORETYPE=SkylakeX` on an AVX2-only CPU died of SIGILL in its first product.
    func testKernelsThisCPUCannotRunAreRefusedBeforeAnyCommand() throws {
        guard !OpenBLASCore.InstructionSets.cpu.contains(.avx512) else {
            throw XCTSkip("this CPU runs every kernel set the tool checks (it has AVX-512)")
        }
        let result = try InfomProcess.run(["envs"], environment: ["OPENBLAS_CORETYPE": "SkylakeX"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "Error: \(try XCTUnwrap(OpenBLASCore.unsupported(core: "SkylakeX")))\n")
        XCTAssertTrue(result.stderr.contains("AVX-512"), result.stderr)
    }

    /// Output paths of one character (`--out w`) are checked like any other; Foundation's
    /// `deletingLastPathComponent` trapped on them (exit 132 with a backtrace).
    func testOneCharacterOutputPathsAreCheckedNotCrashedOn() throws {
        XCTAssertEqual(["w", "ab", "a/b", "a/b/", "/x", "/", "a//b", "x.npz"].map(parentFolder(of:)),
                       ["", "", "a", "a", "/", "/", "a", ""])
        let folder = try TemporaryDirectory()
        let missing = folder.file("missing.npz")
        let result = try InfomProcess.run(["train", "--env", "cheetah_run", "--pretrain-data", missing, "--finetune-data", missing,
                                           "--out", "w"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "w"))
    }
}
