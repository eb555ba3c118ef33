import COpenBLAS

/// Which of OpenBLAS's kernel sets runs the matrix products. OpenBLAS picks one when the library
/// loads (`OPENBLAS_CORETYPE` overrides its CPU detection); on virtual CPUs it does not
/// recognise it falls back to its generic SSE3 kernels ("Prescott"), about half as fast as the
/// AVX-512 ones on the same machine. A process that wants the faster set must have the variable
/// set before it starts (the `infom` tool re-executes itself with it).
public enum OpenBLASCore {
    /// The instruction-set extensions that OpenBLAS's faster kernel sets are written in.
    public struct InstructionSets: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let avx = InstructionSets(rawValue: 1)
        /// AVX2 with FMA.
        public static let avx2 = InstructionSets(rawValue: 2)
        /// AVX-512 F, DQ, BW and VL.
        public static let avx512 = InstructionSets(rawValue: 4)

        /// This CPU's (`__builtin_cpu_supports`, through `infom_cpu_instruction_sets`).
        public static var cpu: InstructionSets { InstructionSets(rawValue: infom_cpu_instruction_sets()) }

        /// Their names, as a message gives them.
        var names: String {
            [(Self.avx, "AVX"), (.avx2, "AVX2 and FMA"), (.avx512, "AVX-512 (F, DQ, BW, VL)")]
                .filter { contains($0.0) }.map(\.1).joined(separator: ", ")
        }
    }

    /// The kernel set in use (`openblas_get_corename`).
    public static var current: String { String(cString: openblas_get_corename()) }

    /// The extensions kernel set `core` is written in (OpenBLAS's name, any case): AVX-512 for
    /// SkylakeX, Cooperlake and SapphireRapids, AVX2 for Haswell and Zen, AVX for Sandybridge;
    /// none for the older sets and for names OpenBLAS does not know (it then detects the CPU).
    public static func required(byCore core: String) -> InstructionSets {
        switch core.lowercased() {
        case "skylakex", "cooperlake", "sapphirerapids": return [.avx512, .avx2, .avx]
        case "haswell", "zen": return [.avx2, .avx]
        case "sandybridge": return .avx
        default: return []
        }
    }

    /// The fastest of the sets we name that a CPU with `cpu` runs: SkylakeX, Haswell, Sandybridge,
    /// or the generic Prescott.
    public static func fastest(for cpu: InstructionSets) -> String {
        cpu.contains(.avx512) ? "SkylakeX" : cpu.contains(.avx2) ? "Haswell" : cpu.contains(.avx) ? "Sandybridge" : "Prescott"
    }

    /// The set to request instead, when detection fell back to the generic kernels ("Prescott")
    /// on a CPU with AVX-512 ("SkylakeX") or AVX2 and FMA ("Haswell"); nil otherwise.
    public static var better: String? {
        guard current == "Prescott" else { return nil }
        let cpu = InstructionSets.cpu
        return cpu.contains(.avx2) ? fastest(for: cpu) : nil
    }

    /// Why kernel set `core` cannot run on a CPU with `cpu` (its matrix products would die of an
    /// illegal instruction), as a sentence naming the fix; nil when it can.
    public static func unsupported(core: String, on cpu: InstructionSets = .cpu) -> String? {
        let missing = required(byCore: core).subtracting(cpu)
        guard !missing.isEmpty else { return nil }
        return "OPENBLAS_CORETYPE=\(core) selects OpenBLAS kernels written in \(missing.names), which this CPU lacks; "
            + "unset OPENBLAS_CORETYPE to let infom choose, or set it to \(fastest(for: cpu)), the fastest set this CPU runs"
    }
}
