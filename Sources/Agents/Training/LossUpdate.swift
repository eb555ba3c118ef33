import Learning

/// The update tail every agent's step shares: back-propagate a graph's total loss, zero the
/// gradients of the trainable parameters the loss does not reach (optax sees zeros for leaves a
/// loss does not touch, so Adam's moments decay there too), run the caller's pre-update hook
/// (Polyak targets from the pre-update parameters), then one optimizer step.
struct LossUpdate {
    let graph: Graph<Float>
    let loss: Variable
    /// Trainable parameters the loss does not reach: their gradient is zero on its steps.
    let absent: [Parameter<Float>]

    /// The update of `loss` in `graph` over `trainable`.
    init(graph: Graph<Float>, loss: Variable, trainable: [Parameter<Float>]) {
        self.graph = graph
        self.loss = loss
        let used = Set(graph.parameters.map { ObjectIdentifier($0) })
        absent = trainable.filter { !used.contains(ObjectIdentifier($0)) }
    }

    /// One update, after the graph's forward pass.
    func apply(_ optimizer: some Optimizer<Float>, beforeUpdate: () -> Void = {}) {
        graph.backward(from: loss)
        for parameter in absent { parameter.zeroGradient() }
        beforeUpdate()
        optimizer.update()
    }
}
