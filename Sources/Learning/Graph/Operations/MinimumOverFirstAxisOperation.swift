/// Minimum over the first axis (the ensemble axis); the node's `indexMap` keeps each output's
/// winning member, to which backward routes the gradient.
struct MinimumOverFirstAxisOperation<Scalar: TensorScalar>: GraphOperation {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let members = inputs[0].shape[0], x = inputs[0].value
        for i in 0..<node.count {
            var best = 0
            for e in 1..<members where x[e * node.count + i] < x[best * node.count + i] { best = e }
            node.value[i] = x[best * node.count + i]
            node.indexMap[i] = best
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        for i in 0..<node.count { inputs[0].gradient[node.indexMap[i] * node.count + i] += node.gradient[i] }
    }
}
