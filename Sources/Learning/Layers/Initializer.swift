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
}
