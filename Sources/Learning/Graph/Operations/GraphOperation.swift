/// What a ``Graph`` node computes: the forward kernel, which writes the node's value from its
/// inputs' values, and beside it the backward kernel, which adds the node's gradient times the
/// local derivative into the gradients of the inputs that want one.
///
/// A new operation is one type conforming to this protocol (one file in `Operations/`), a
/// builder in `Graph+Operations.swift` that checks shapes and adds the node, and a
/// finite-difference test in `GradientCheckTests`.
protocol GraphOperation<Scalar> {
    associatedtype Scalar: TensorScalar
    /// Writes `node.value` from `inputs` (the nodes of `node.inputs`, in order).
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node])
    /// Accumulates into the gradients of `inputs` from `node.gradient`. Inputs that do not
    /// require a gradient may be skipped; their gradient buffers are not read afterwards.
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node])
}

extension Graph.Node {
    /// The gradient buffer when this node wants a gradient, nil otherwise.
    var wantedGradient: UnsafeMutablePointer<Scalar>? { requiresGradient ? gradient : nil }
}
