import Foundation
import Learning

/// The tool's choice of OpenBLAS kernel set, made before any command runs.
enum OpenBLASKernelSelection {
    /// Starts the tool again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its generic
    /// kernels on a CPU that supports faster ones (``OpenBLASCore/better``), since OpenBLAS reads
    /// the variable only when it loads. A variable the user set is left alone, and if the
    /// re-execution fails the tool runs on as it is.
    static func restartWithBetterKernelsIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, let core = OpenBLASCore.better else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }

    /// Why the kernel set the user's `OPENBLAS_CORETYPE` selected cannot run on this CPU
    /// (``OpenBLASCore/unsupported(core:on:)``; its first product would die of an illegal
    /// instruction); nil when the variable is unset or the set runs here.
    static var unsupportedUserChoice: String? {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil else { return nil }
        return OpenBLASCore.unsupported(core: OpenBLASCore.current)
    }
}
