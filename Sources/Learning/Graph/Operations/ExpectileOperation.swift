/// The expectile loss w(u)·u² with w = τ where u ≥ 0 and 1 − τ where u < 0.
struct ExpectileOperation<Scalar: TensorScalar>: GraphOperation {
    let tau: Scalar

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let u = inputs[0].value, out = node.value
        for i in 0..<node.count { out[i] = (u[i] >= 0 ? tau : 1 - tau) * u[i] * u[i] }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let u = inputs[0].value, du = inputs[0].gradient, g = node.gradient
        for i in 0..<node.count { du[i] += g[i] * 2 * (u[i] >= 0 ? tau : 1 - tau) * u[i] }
    }
}
