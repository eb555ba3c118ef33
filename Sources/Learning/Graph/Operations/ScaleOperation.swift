/// c · x for a constant c.
struct ScaleOperation<Scalar: TensorScalar>: GraphOperation {
    let factor: Scalar

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let x = inputs[0].value, out = node.value
        for i in 0..<node.count { out[i] = factor * x[i] }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let dx = inputs[0].gradient, g = node.gradient
        for i in 0..<node.count { dx[i] += factor * g[i] }
    }
}
