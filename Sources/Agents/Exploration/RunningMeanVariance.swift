/// URLB's running statistics of the RND prediction error: mean M, variance S and count n
/// (starting at 0, 1 and 1e-4), merged with each batch by the parallel formula using the batch's
/// unbiased variance.
public struct RunningMeanVariance: Codable, Equatable, Sendable {
    public private(set) var mean = 0.0
    public private(set) var variance = 1.0
    public private(set) var count = 1e-4

    public init() {}

    /// Merges a batch of values.
    public mutating func update(_ values: UnsafeBufferPointer<Float>) {
        let b = Double(values.count)
        guard b > 1 else { return }
        var batchMean = 0.0
        for v in values { batchMean += Double(v) }
        batchMean /= b
        var squares = 0.0
        for v in values { squares += (Double(v) - batchMean) * (Double(v) - batchMean) }
        let batchVariance = squares / (b - 1)
        let delta = batchMean - mean
        let total = count + b
        mean += delta * b / total
        variance = (variance * count + batchVariance * b + delta * delta * count * b / total) / total
        count = total
    }
}
