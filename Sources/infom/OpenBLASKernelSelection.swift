import Foundation
import Learning

/// Starts the tool again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its generic
/// kernels on a CPU that supports faster ones (``OpenBLASCore/better``), since OpenBLAS reads the
/// variable only when it loads. A variable the user set is left alone, and if the re-execution
/// fails the tool runs on as it is.
enum OpenBLASKernelSelection {
    static func restartWithBetterKernelsIfNeeded() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, let core = OpenBLASCore.better else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }
}
