import Learning
import XCTest

/// The kernel sets the tool asks OpenBLAS for, and the ones it refuses because the CPU cannot run them.
final class OpenBLASCoreTests: XCTestCase {
    /// A better kernel set is offered only when OpenBLAS fell back to its generic kernels, and
    /// only one this CPU runs.
    func testOpenBLASCoreIsUpgradedOnlyFromTheGenericKernels() {
        if OpenBLASCore.current != "Prescott" { XCTAssertNil(OpenBLASCore.better) }
        if let better = OpenBLASCore.better {
            XCTAssertTrue(["SkylakeX", "Haswell"].contains(better), better)
            XCTAssertNil(OpenBLASCore.unsupported(core: better))
        }
    }

    /// SkylakeX's kernels on an AVX2 CPU (an AMD EPYC without AVX-512, where a forced
    /// `OPENBLAS_CORETYPE=SkylakeX` died of SIGILL in its first sgemm) are refused with a
    /// message naming what is missing and the set to use instead.
    func testKernelsTheCPULacksAreNamedWithTheFix() {
        let avx2: OpenBLASCore.InstructionSets = [.avx, .avx2]
        XCTAssertEqual(OpenBLASCore.unsupported(core: "SkylakeX", on: avx2),
                       "OPENBLAS_CORETYPE=SkylakeX selects OpenBLAS kernels written in AVX-512 (F, DQ, BW, VL), which this CPU lacks; "
                       + "unset OPENBLAS_CORETYPE to let infom choose, or set it to Haswell, the fastest set this CPU runs")
        XCTAssertEqual(OpenBLASCore.unsupported(core: "haswell", on: .avx),
                       "OPENBLAS_CORETYPE=haswell selects OpenBLAS kernels written in AVX2 and FMA, which this CPU lacks; "
                       + "unset OPENBLAS_CORETYPE to let infom choose, or set it to Sandybridge, the fastest set this CPU runs")
        XCTAssertNotNil(OpenBLASCore.unsupported(core: "Cooperlake", on: avx2))
        XCTAssertNotNil(OpenBLASCore.unsupported(core: "Zen", on: []))
        for core in ["Haswell", "Zen", "Sandybridge", "Prescott", "Core2", "NoSuchCore"] {
            XCTAssertNil(OpenBLASCore.unsupported(core: core, on: avx2), core)
        }
        XCTAssertNil(OpenBLASCore.unsupported(core: "SkylakeX", on: [.avx, .avx2, .avx512]))
        XCTAssertEqual(OpenBLASCore.fastest(for: []), "Prescott")
        XCTAssertEqual(OpenBLASCore.fastest(for: [.avx, .avx2, .avx512]), "SkylakeX")
    }
}
