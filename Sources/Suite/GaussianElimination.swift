/// Solves a small dense linear system A x = b in place by Gaussian elimination with partial
/// pivoting (what numpy's LAPACK `solve` does, up to rounding), for the inverse-kinematics
/// solvers' 6×6 systems. Allocates nothing.
enum GaussianElimination {
    /// Overwrites `rhs` with the solution of `matrix · x = rhs`, `matrix` being n×n row-major;
    /// `matrix` is destroyed. A singular matrix gives non-finite values.
    static func solve(_ matrix: inout [Double], _ rhs: inout [Double], size n: Int) {
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<n where abs(matrix[n * r + col]) > abs(matrix[n * pivot + col]) { pivot = r }
            if pivot != col {
                for c in 0..<n { matrix.swapAt(n * col + c, n * pivot + c) }
                rhs.swapAt(col, pivot)
            }
            let diagonal = matrix[n * col + col]
            for r in (col + 1)..<n {
                let factor = matrix[n * r + col] / diagonal
                if factor == 0 { continue }
                for c in col..<n { matrix[n * r + c] -= factor * matrix[n * col + c] }
                rhs[r] -= factor * rhs[col]
            }
        }
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = rhs[r]
            for c in (r + 1)..<n { s -= matrix[n * r + c] * rhs[c] }
            rhs[r] = s / matrix[n * r + r]
        }
    }
}
