/// Per-dimension observation normalisation of one dataset (spec §5.3, `obs_norm_type`):
/// `normal` maps x to (x − mean)/sqrt(var + 1e-8) with the population variance, `none` keeps x.
/// Saved with checkpoints so that evaluation normalises as fine-tuning did.
public struct ObservationNormalizer: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable { case normal, none }

    public var kind: Kind
    public var mean: [Float]
    /// 1 / sqrt(var + 1e-8) per dimension.
    public var inverseScale: [Float]

    /// Statistics of `rows` rows of `width` values.
    public init(kind: Kind, observations: [Float], width: Int) {
        self.kind = kind
        let rows = observations.count / max(width, 1)
        var sum = [Double](repeating: 0, count: width), squares = [Double](repeating: 0, count: width)
        for r in 0..<rows {
            for j in 0..<width {
                let x = Double(observations[r * width + j])
                sum[j] += x
                squares[j] += x * x
            }
        }
        let n = Double(max(rows, 1))
        mean = sum.map { Float($0 / n) }
        inverseScale = (0..<width).map { j in
            let m = sum[j] / n
            let variance = max(0, squares[j] / n - m * m)
            return Float(1 / (Double(Float(variance)) + 1e-8).squareRoot())
        }
    }

    /// Normalises rows of observations in place.
    public func normalize(_ values: UnsafeMutableBufferPointer<Float>) {
        guard kind == .normal, !mean.isEmpty else { return }
        let width = mean.count
        for i in 0..<values.count {
            let j = i % width
            values[i] = (values[i] - mean[j]) * inverseScale[j]
        }
    }

    /// Normalises rows of observations in place.
    public func normalize(_ values: inout [Float]) {
        values.withUnsafeMutableBufferPointer { normalize($0) }
    }
}
