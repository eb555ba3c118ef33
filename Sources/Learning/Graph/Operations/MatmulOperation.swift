/// [..., m, k] · [k, n] (leading dimensions of the left side folded into m), either side
/// optionally transposed (then both are 2-D); one gemm forward, one per wanted gradient backward.
struct MatmulOperation<Scalar: TensorScalar>: GraphOperation {
    let transposeA: Bool, transposeB: Bool

    /// (m, k, n) of a product of `a` and `b` shapes with the given transposes.
    static func sizes(_ a: [Int], _ b: [Int], _ ta: Bool, _ tb: Bool) -> (m: Int, k: Int, n: Int) {
        let k = ta ? a[a.count - 2] : a.last!
        let m = a.reduce(1, *) / k
        let n = tb ? b[0] : b[1]
        return (m, k, n)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (ta, tb) = (transposeA, transposeB)
        let (m, k, n) = Self.sizes(inputs[0].shape, inputs[1].shape, ta, tb)
        Scalar.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 1, a: inputs[0].value,
                    lda: ta ? m : k, b: inputs[1].value, ldb: tb ? k : n, beta: 0, c: node.value, ldc: n)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (ta, tb) = (transposeA, transposeB)
        let (m, k, n) = Self.sizes(inputs[0].shape, inputs[1].shape, ta, tb)
        let a = inputs[0], b = inputs[1], g = node.gradient
        if a.requiresGradient {
            if ta {  // dA[k, m] += op(B)[k, n] · dCᵀ[n, m]
                Scalar.gemm(transposeA: tb, transposeB: true, m: k, n: m, k: n, alpha: 1, a: b.value,
                            lda: tb ? k : n, b: g, ldb: n, beta: 1, c: a.gradient, ldc: m)
            } else {  // dA[m, k] += dC[m, n] · op(B)ᵀ[n, k]
                Scalar.gemm(transposeA: false, transposeB: !tb, m: m, n: k, k: n, alpha: 1, a: g, lda: n,
                            b: b.value, ldb: tb ? k : n, beta: 1, c: a.gradient, ldc: k)
            }
        }
        if b.requiresGradient {
            if tb {  // dB[n, k] += dCᵀ[n, m] · op(A)[m, k]
                Scalar.gemm(transposeA: true, transposeB: ta, m: n, n: k, k: m, alpha: 1, a: g, lda: n,
                            b: a.value, ldb: ta ? m : k, beta: 1, c: b.gradient, ldc: k)
            } else {  // dB[k, n] += op(A)ᵀ[k, m] · dC[m, n]
                Scalar.gemm(transposeA: !ta, transposeB: false, m: k, n: n, k: m, alpha: 1, a: a.value,
                            lda: ta ? m : k, b: g, ldb: n, beta: 1, c: b.gradient, ldc: n)
            }
        }
    }
}
