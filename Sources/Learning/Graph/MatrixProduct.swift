/// One matrix product C[m, n] (+)= op(A)·op(B) with inner size k, as a layer's forward or
/// backward pass runs it: what benchmarks time alone to find the product bound of a network.
public struct MatrixProduct: Equatable, Sendable {
    public let m: Int, n: Int, k: Int
    /// Whether A is stored [k, m] (read transposed) and B [n, k].
    public let transposeA: Bool, transposeB: Bool

    public init(m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false) {
        self.m = m
        self.n = n
        self.k = k
        self.transposeA = transposeA
        self.transposeB = transposeB
    }

    /// Multiply-adds counted as two FLOPs each.
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }
}

extension ConvolutionGeometry {
    /// The gemms of one forward and backward pass, chunk by chunk as ``ConvolutionOperation``
    /// runs them: y = cols·K, then dK += colsᵀ·dy and, with `inputGradient`, dcols = dy·Kᵀ.
    func products(inputGradient: Bool) -> [MatrixProduct] {
        var out: [MatrixProduct] = []
        for start in stride(from: 0, to: images, by: imagesPerChunk) {
            let rows = Swift.min(imagesPerChunk, images - start) * pixels
            out.append(MatrixProduct(m: rows, n: features, k: patch))
            out.append(MatrixProduct(m: patch, n: features, k: rows, transposeA: true))
            if inputGradient { out.append(MatrixProduct(m: rows, n: patch, k: features, transposeB: true)) }
        }
        return out
    }
}
