/// x·W[e] + b[e] for every ensemble member e: x is [m, k] (shared by all members) or
/// [E, m, k]; W is [E, k, n], b is [E, n]; the output is [E, m, n]. Each member is one
/// ``AffineOperation`` kernel.
struct EnsembleAffineOperation<Scalar: TensorScalar>: GraphOperation {
    let sharedInput: Bool

    /// (E, m, k, n) of the node.
    private func sizes(_ inputs: [Graph<Scalar>.Node]) -> (Int, Int, Int, Int) {
        let w = inputs[1].shape
        let (e, k, n) = (w[0], w[1], w[2])
        return (e, inputs[0].count / (sharedInput ? k : e * k), k, n)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (e, m, k, n) = sizes(inputs)
        for i in 0..<e {
            AffineOperation.forward(inputs[0].value + (sharedInput ? 0 : i * m * k), inputs[1].value + i * k * n,
                                    inputs[2].value + i * n, m: m, k: k, n: n, into: node.value + i * m * n)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let (e, m, k, n) = sizes(inputs)
        let (x, w, b) = (inputs[0], inputs[1], inputs[2])
        for i in 0..<e {
            let xi = sharedInput ? 0 : i * m * k
            AffineOperation.backward(node.gradient + i * m * n, x: x.value + xi, w: w.value + i * k * n, m: m, k: k, n: n,
                                     dx: x.wantedGradient.map { $0 + xi }, dw: w.wantedGradient.map { $0 + i * k * n },
                                     db: b.wantedGradient.map { $0 + i * n })
        }
    }
}
