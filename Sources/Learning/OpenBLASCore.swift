import COpenBLAS

/// Which of OpenBLAS's kernel sets runs the matrix products. OpenBLAS picks one when the library
/// loads (`OPENBLAS_CORETYPE` overrides its CPU detection); on virtual CPUs it does not
/// recognise it falls back to its generic SSE3 kernels ("Prescott"), about half as fast as the
/// AVX-512 ones on the same machine. A process that wants the faster set must have the variable
/// set before it starts (the `infom` tool re-executes itself with it).
public enum OpenBLASCore {
    /// The kernel set in use (`openblas_get_corename`).
    public static var current: String { String(cString: openblas_get_corename()) }

    /// The set to request instead, when detection fell back to the generic kernels on a CPU with
    /// AVX-512 ("SkylakeX") or AVX2 and FMA ("Haswell"); nil otherwise.
    public static var better: String? { infom_openblas_better_core().map { String(cString: $0) } }
}
