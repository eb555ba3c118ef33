/// Flax-compatible weight initialisers.
public enum Initializer {
    /// `variance_scaling(scale, 'fan_avg', 'uniform')`: U(−l, l) with l = sqrt(6·scale/(fan_in + fan_out)).
    /// `receptiveField` multiplies both fans (3×3 = 9 for convolutions).
    public static func varianceScalingUniform<S: TensorScalar>(
        count: Int, fanIn: Int, fanOut: Int, scale: Double = 1, receptiveField: Int = 1, random: inout SeededRandom
    ) -> [S] {
        let limit = S((6 * scale / Double((fanIn + fanOut) * receptiveField)).squareRoot())
        return (0..<count).map { _ in random.uniform(-limit, limit) }
    }

    /// The bound of ``varianceScalingUniform(count:fanIn:fanOut:scale:receptiveField:random:)``.
    public static func varianceScalingLimit(fanIn: Int, fanOut: Int, scale: Double = 1, receptiveField: Int = 1) -> Double {
        (6 * scale / Double((fanIn + fanOut) * receptiveField)).squareRoot()
    }

    /// PyTorch's `orthogonal_(gain)` for a kernel of shape [rows, columns]: a uniformly random
    /// matrix with orthonormal columns (rows ≥ columns) or rows (rows < columns), from the QR
    /// decomposition of a standard normal matrix with R's diagonal made positive (modified
    /// Gram–Schmidt in Double), times `gain`.
    public static func orthogonal<S: TensorScalar>(rows: Int, columns: Int, gain: Double = 1,
                                                   random: inout SeededRandom) -> [S] {
        let n = max(rows, columns), m = min(rows, columns)
        // m vectors of length n, each one column of the tall matrix, stored contiguously.
        var q = [Double](repeating: 0, count: n * m)
        for i in 0..<(n * m) { q[i] = random.normal() }
        q.withUnsafeMutableBufferPointer { v in
            for j in 0..<m {
                for k in 0..<j {
                    var dot = 0.0
                    for i in 0..<n { dot += v[k * n + i] * v[j * n + i] }
                    for i in 0..<n { v[j * n + i] -= dot * v[k * n + i] }
                }
                var norm = 0.0
                for i in 0..<n { norm += v[j * n + i] * v[j * n + i] }
                norm = norm.squareRoot()
                for i in 0..<n { v[j * n + i] /= norm }
            }
        }
        var out = [S](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                // Tall: column c of Q is vector c; wide: row r of Qᵀ is vector r.
                out[r * columns + c] = S(gain * (rows >= columns ? q[c * n + r] : q[r * n + c]))
            }
        }
        return out
    }
}
