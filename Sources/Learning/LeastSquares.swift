import COpenBLAS

/// The minimum-norm least-squares solution x of A·x ≈ b, as `jnp.linalg.lstsq` computes it:
/// through the SVD of A (LAPACK's `dgelsd`, in double precision), singular values at or below
/// `cutoff`·σ_max treated as zero. The default cutoff is JAX's: float32's machine epsilon times
/// the larger side of A.
///
/// - Parameters:
///   - a: A as [rows, columns], row-major.
///   - b: [rows].
/// - Returns: x, [columns]; nil when LAPACK reports that the SVD did not converge.
public func leastSquares(_ a: [Float], rows m: Int, columns n: Int, _ b: [Float], cutoff: Double? = nil) -> [Float]? {
    precondition(a.count == m * n && b.count == m && m > 0 && n > 0, "leastSquares: A must be [\(m), \(n)] and b [\(m)]")
    // dgelsd works column-major and overwrites b (of at least max(m, n) rows) with x.
    var columnMajor = [Double](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n { columnMajor[j * m + i] = Double(a[i * n + j]) } }
    var rhs = [Double](repeating: 0, count: max(m, n))
    for i in 0..<m { rhs[i] = Double(b[i]) }
    var singular = [Double](repeating: 0, count: min(m, n))
    var (rowsC, columnsC, one, lda, ldb) = (Int32(m), Int32(n), Int32(1), Int32(m), Int32(max(m, n)))
    var rcond = cutoff ?? Double(Float.ulpOfOne) * Double(max(m, n))
    var rank: Int32 = 0, info: Int32 = 0, query = Int32(-1), workSize = 0.0, iworkSize: Int32 = 0
    dgelsd_(&rowsC, &columnsC, &one, &columnMajor, &lda, &rhs, &ldb, &singular, &rcond, &rank, &workSize, &query,
            &iworkSize, &info)
    guard info == 0 else { return nil }
    var lwork = Int32(workSize)
    var work = [Double](repeating: 0, count: Int(lwork))
    var iwork = [Int32](repeating: 0, count: max(1, Int(iworkSize)))
    dgelsd_(&rowsC, &columnsC, &one, &columnMajor, &lda, &rhs, &ldb, &singular, &rcond, &rank, &work, &lwork, &iwork, &info)
    guard info == 0 else { return nil }
    return (0..<n).map { Float(rhs[$0]) }
}
