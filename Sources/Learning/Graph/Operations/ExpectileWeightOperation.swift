/// The expectile weights τ where u ≥ 0 and 1 − τ where u < 0: a step function, so nothing flows
/// back.
struct ExpectileWeightOperation<Scalar: TensorScalar>: GraphOperation {
    let tau: Scalar

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let u = inputs[0].value, out = node.value
        for i in 0..<node.count { out[i] = u[i] >= 0 ? tau : 1 - tau }
    }

    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {}
}
