/// The same elements, under another shape (`reshape`) or as a copy through which no gradient
/// flows (`stopGradient`).
struct CopyOperation<Scalar: TensorScalar>: GraphOperation {
    /// Whether the gradient passes through to the input (false for stop-gradient).
    let passesGradient: Bool

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        node.value.update(from: inputs[0].value, count: node.count)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        guard passesGradient else { return }
        for i in 0..<node.count { inputs[0].gradient[i] += node.gradient[i] }
    }
}
