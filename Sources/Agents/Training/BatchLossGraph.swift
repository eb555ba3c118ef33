import Learning

/// A loss graph over one batch of transitions for the baseline agents: the batch's arrays as
/// inputs, the named loss terms a builder returns (their sum is minimised) beside metrics that
/// are only logged, and one update:
/// forward, then the shared ``LossUpdate`` (backward, zero gradients for trainable parameters
/// the graph does not use, a caller's pre-update hook, the optimizer).
final class BatchLossGraph {
    /// The batch inputs a builder reads.
    struct Inputs {
        let observations: Variable, actions: Variable, nextObservations: Variable, nextActions: Variable
        let rewards: Variable, masks: Variable
        /// [B, d_s] value and actor goals, and [B] the value goals' reaching rewards and masks, in a
        /// graph built with goals.
        let valueGoals: Variable?, actorGoals: Variable?, goalRewards: Variable?, goalMasks: Variable?
    }

    let graph = Graph<Float>()
    let inputs: Inputs
    let total: Variable
    let terms: [(name: String, variable: Variable)]
    let update: LossUpdate
    /// An optional barrier: the builder's `split` variable, with a hook run between the halves
    /// of the forward pass (ReBRAC's Q normalisation reads it).
    var split: (variable: Variable, between: () -> Void)?
    /// Metrics read from the forward pass's values rather than built into the graph (counts,
    /// maxima, argmax accuracies); logged beside the terms.
    var valueMetrics: (() -> [String: Double])?

    init(batchSize b: Int, observationSize ds: Int, actionSize da: Int, goals: Bool = false, trainable: [Parameter<Float>],
         build: (Graph<Float>, Inputs) -> (losses: [(String, Variable)], metrics: [(String, Variable)])) {
        let g = graph
        inputs = Inputs(observations: g.input([b, ds]), actions: g.input([b, da]), nextObservations: g.input([b, ds]),
                        nextActions: g.input([b, da]), rewards: g.input([b]), masks: g.input([b]),
                        valueGoals: goals ? g.input([b, ds]) : nil, actorGoals: goals ? g.input([b, ds]) : nil,
                        goalRewards: goals ? g.input([b]) : nil, goalMasks: goals ? g.input([b]) : nil)
        let (losses, metrics) = build(g, inputs)
        var total = losses[0].1
        for term in losses.dropFirst() { total = g.add(total, term.1) }
        self.total = total
        terms = (losses + metrics).map { (name: $0.0, variable: $0.1) } + [(name: "total_loss", variable: total)]
        update = LossUpdate(graph: g, loss: total, trainable: trainable)
    }

    /// Splits the forward pass after `q` to set the input `lambda` to 1 / mean|q| (the
    /// reference's stop-gradient Q normalisation of DDPG + BC actor losses).
    func normaliseByMeanAbsolute(_ q: Variable, into lambda: Variable) {
        split = (q, { [unowned self] in graph.set(lambda, [1 / meanAbsolute(q)]) })
    }

    /// mean|x| of a variable's current values.
    func meanAbsolute(_ x: Variable) -> Float {
        let values = graph.buffer(x)
        return values.reduce(0) { $0 + abs($1) } / Float(values.count)
    }

    /// Writes the batch, runs the graph and (with `update`) one optimizer step; returns the terms.
    func step(_ batch: TransitionBatch, optimizer: some Optimizer<Float>, update: Bool,
              beforeUpdate: () -> Void = {}) -> [String: Double] {
        let g = graph
        g.set(inputs.observations, batch.observations)
        g.set(inputs.actions, batch.actions)
        g.set(inputs.nextObservations, batch.nextObservations)
        g.set(inputs.nextActions, batch.nextActions)
        g.set(inputs.rewards, batch.rewards)
        g.set(inputs.masks, batch.masks)
        if let valueGoals = inputs.valueGoals, let actorGoals = inputs.actorGoals, let goalRewards = inputs.goalRewards,
           let goalMasks = inputs.goalMasks {
            g.set(valueGoals, batch.valueGoals)
            g.set(actorGoals, batch.actorGoals)
            g.set(goalRewards, batch.goalRewards)
            g.set(goalMasks, batch.goalMasks)
        }
        if let split {
            g.forward(through: split.variable)
            split.between()
            g.forward(after: split.variable)
        } else {
            g.forward()
        }
        var info = valueMetrics?() ?? [:]
        for term in terms { info[term.name] = Double(g.scalar(term.variable)) }
        guard update else { return info }
        self.update.apply(optimizer, beforeUpdate: beforeUpdate)
        return info
    }
}
