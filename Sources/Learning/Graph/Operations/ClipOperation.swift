/// Clamp to [low, high]; the gradient is 1 inside and 0 outside.
struct ClipOperation<Scalar: TensorScalar>: GraphOperation {
    let low: Scalar, high: Scalar

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let x = inputs[0].value, out = node.value
        for i in 0..<node.count { out[i] = Swift.min(Swift.max(x[i], low), high) }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let x = inputs[0].value, dx = inputs[0].gradient, g = node.gradient
        for i in 0..<node.count where x[i] >= low && x[i] <= high { dx[i] += g[i] }
    }
}
