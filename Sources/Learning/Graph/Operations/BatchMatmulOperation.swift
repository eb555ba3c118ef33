/// [E, m, k] · [E, k, n] → [E, m, n], or with `transposeB` [E, m, k] · [E, n, k]ᵀ → [E, m, n]:
/// one product per ensemble member (the transposed form is a bilinear critic's φψᵀ).
struct BatchMatmulOperation<Scalar: TensorScalar>: GraphOperation {
    let transposeB: Bool

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (e, m, k) = (inputs[0].shape[0], inputs[0].shape[1], inputs[0].shape[2]), n = node.shape[2]
        for i in 0..<e {
            Scalar.gemm(transposeA: false, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                        a: inputs[0].value + i * m * k, lda: k, b: inputs[1].value + i * k * n, ldb: transposeB ? k : n,
                        beta: 0, c: node.value + i * m * n, ldc: n)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (e, m, k) = (inputs[0].shape[0], inputs[0].shape[1], inputs[0].shape[2]), n = node.shape[2]
        for i in 0..<e {
            let gi = node.gradient + i * m * n, ai = inputs[0].value + i * m * k, bi = inputs[1].value + i * k * n
            if inputs[0].requiresGradient {
                // dA = G·Bᵀ, or G·B when B arrived transposed.
                Scalar.gemm(transposeA: false, transposeB: !transposeB, m: m, n: k, k: n, alpha: 1, a: gi, lda: n,
                            b: bi, ldb: transposeB ? k : n, beta: 1, c: inputs[0].gradient + i * m * k, ldc: k)
            }
            if inputs[1].requiresGradient {
                if transposeB {
                    // dB [n, k] = Gᵀ·A.
                    Scalar.gemm(transposeA: true, transposeB: false, m: n, n: k, k: m, alpha: 1, a: gi, lda: n,
                                b: ai, ldb: k, beta: 1, c: inputs[1].gradient + i * k * n, ldc: k)
                } else {
                    Scalar.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: ai, lda: k,
                                b: gi, ldb: n, beta: 1, c: inputs[1].gradient + i * k * n, ldc: n)
                }
            }
        }
    }
}
