/// An elementwise function of one input (``UnaryFunction``).
struct UnaryOperation<Scalar: TensorScalar>: GraphOperation {
    let function: UnaryFunction

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        function.apply(inputs[0].value, node.value, node.count)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        function.accumulateGradient(inputs[0].value, node.value, node.gradient, inputs[0].gradient, node.count)
    }
}
