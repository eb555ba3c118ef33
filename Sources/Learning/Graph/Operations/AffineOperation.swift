import CVectorMath

/// x·W + b for x [..., in], W [in, out], b [out]. Its kernels also serve each member of
/// ``EnsembleAffineOperation`` and forward-only inference (`MLPInference`).
struct AffineOperation<Scalar: TensorScalar>: GraphOperation {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (m, k, n) = MatmulOperation<Scalar>.sizes(inputs[0].shape, inputs[1].shape, false, false)
        Self.forward(inputs[0].value, inputs[1].value, inputs[2].value, m: m, k: k, n: n, into: node.value)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (m, k, n) = MatmulOperation<Scalar>.sizes(inputs[0].shape, inputs[1].shape, false, false)
        let x = inputs[0], w = inputs[1], b = inputs[2]
        Self.backward(node.gradient, x: x.value, w: w.value, m: m, k: k, n: n,
                      dx: x.wantedGradient, dw: w.wantedGradient, db: b.wantedGradient)
    }

    /// Writes `bias` ([width]) into each of `rows` rows of `out` (Float: `infom_broadcast_rows`).
    @inline(__always)
    static func broadcastRows(_ bias: UnsafePointer<Scalar>, rows: Int, width: Int, into out: UnsafeMutablePointer<Scalar>) {
        if Scalar.self == Float.self {
            infom_broadcast_rows(floats(out), floats(bias), rows, width)
        } else {
            for r in 0..<rows { (out + r * width).update(from: bias, count: width) }
        }
    }

    /// Adds the sum of the `rows` rows of `g` ([rows, width]) to `sums` ([width]): a bias
    /// gradient, each column adding its rows in order (Float: `infom_add_row_sums`).
    @inline(__always)
    static func accumulateRowSums(_ g: UnsafePointer<Scalar>, rows: Int, width: Int, into sums: UnsafeMutablePointer<Scalar>) {
        if Scalar.self == Float.self {
            infom_add_row_sums(floats(sums), floats(g), rows, width)
        } else {
            for r in 0..<rows {
                let row = g + r * width
                for j in 0..<width { sums[j] += row[j] }
            }
        }
    }

    /// out[m, n] = x[m, k]·W[k, n] + b[n]: the bias written first, the product accumulated
    /// onto it by one gemm (β = 1).
    @inline(__always)
    static func forward(_ x: UnsafePointer<Scalar>, _ w: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>,
                        m: Int, k: Int, n: Int, into out: UnsafeMutablePointer<Scalar>) {
        broadcastRows(b, rows: m, width: n, into: out)
        Scalar.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: x, lda: k, b: w, ldb: n,
                    beta: 1, c: out, ldc: n)
    }

    /// Accumulates the gradients of ``forward(_:_:_:m:k:n:into:)`` from dOut `g`:
    /// dx += g·Wᵀ, dW += xᵀ·g, db += Σ rows of g; a nil target is not wanted.
    @inline(__always)
    static func backward(_ g: UnsafePointer<Scalar>, x: UnsafePointer<Scalar>, w: UnsafePointer<Scalar>,
                         m: Int, k: Int, n: Int, dx: UnsafeMutablePointer<Scalar>?,
                         dw: UnsafeMutablePointer<Scalar>?, db: UnsafeMutablePointer<Scalar>?) {
        if let dx {
            Scalar.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: g, lda: n,
                        b: w, ldb: n, beta: 1, c: dx, ldc: k)
        }
        if let dw {
            Scalar.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: x, lda: k,
                        b: g, ldb: n, beta: 1, c: dw, ldc: n)
        }
        if let db { accumulateRowSums(g, rows: m, width: n, into: db) }
    }
}
