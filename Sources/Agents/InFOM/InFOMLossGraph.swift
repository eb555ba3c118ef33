import Learning

/// One of InFOM's three loss graphs over a batch of B (spec infom.md §1.4–1.5): pre-training
/// (L_ELBO + BC), fine-tuning (L_r + L_Q + L_ELBO) and fine-tuning with the actor (+ L_π).
///
/// Nodes are built so that ``latents`` (z = m + σ ⊙ ε_z) and everything it needs come first:
/// the agent runs `forward(through: latents)`, rolls the target flow out with z outside the
/// graph, writes the inputs that depend on it, then runs `forward(after: latents)`.
final class InFOMLossGraph {
    enum Phase { case pretraining, finetuning, finetuningWithActor }

    let graph: Graph<Float>
    let phase: Phase
    // Inputs written before the first half of the forward pass.
    let observations: Variable, actions: Variable, nextObservations: Variable, nextActions: Variable
    let latentNoise: Variable
    // Inputs written after it: t, x^c_t, sg(s − ε_c), x^f_t, u; fine-tuning also r and Q̂.
    let times: Variable, currentInput: Variable, currentTarget: Variable, futureInput: Variable, futureTarget: Variable
    let rewards: Variable?, targetQ: Variable?
    /// z [B, L], the end of the first half.
    let latents: Variable
    /// The critic's [2, B] values on the batch (fine-tuning), for logging Q.
    let criticValues: Variable?
    let total: Variable
    /// Logged scalars, named as the reference logs them.
    let metrics: [(name: String, variable: Variable)]
    /// Trainable parameters this graph does not touch: their gradient is zero on its steps.
    let absent: [Parameter<Float>]

    init(phase: Phase, networks n: InFOMNetworks, configuration c: InFOMConfiguration, batchSize b: Int) {
        self.phase = phase
        let g = Graph<Float>(), ds = n.observationSize, da = n.actionSize
        graph = g
        let observations = g.input([b, ds]), actions = g.input([b, da])
        let nextObservations = g.input([b, ds]), nextActions = g.input([b, da])
        let latentNoise = g.input([b, c.latentSize])
        (self.observations, self.actions, self.nextObservations, self.nextActions) = (observations, actions, nextObservations, nextActions)
        self.latentNoise = latentNoise
        let trunk = n.intentionTrunk(g, g.concatenate([nextObservations, nextActions]))
        let mean = n.intentionMean(g, trunk), logStd = n.intentionLogStd(g, trunk)
        let std = g.exp(logStd)
        let latents = g.add(mean, g.multiply(std, latentNoise))
        self.latents = latents

        // KL(q_φ ‖ N(0, I)), averaged over B·L entries.
        let klInner: Variable
        switch c.klForm {
        case .standard: klInner = g.subtract(g.subtract(g.scale(logStd, by: 2), g.square(mean)), g.square(std))
        case .logVariance: klInner = g.subtract(g.subtract(logStd, g.square(mean)), std)
        }
        let kl = g.add(g.scale(g.mean(klInner), by: -0.5), g.constant(-0.5, shape: []))

        // SARSA flow matching: the current term trains z; the future term sees sg(z).
        let times = g.input([b, 1]), currentInput = g.input([b, ds]), currentTarget = g.input([b, ds])
        let futureInput = g.input([b, ds]), futureTarget = g.input([b, ds])
        (self.times, self.currentInput, self.currentTarget) = (times, currentInput, currentTarget)
        (self.futureInput, self.futureTarget) = (futureInput, futureTarget)
        let currentPrediction = n.vectorField(g, g.concatenate([currentInput, times, observations, actions, latents]))
        let currentLoss = g.mean(g.squaredError(currentTarget, currentPrediction))
        let futurePrediction = n.vectorField(g, g.concatenate([futureInput, times, observations, actions, g.stopGradient(latents)]))
        let futureLoss = g.mean(g.squaredError(futureTarget, futurePrediction))
        let flow = g.add(g.scale(currentLoss, by: 1 - c.discount), g.scale(futureLoss, by: c.discount))
        let elbo = g.add(flow, g.scale(kl, by: c.klWeight))
        var metrics: [(String, Variable)] = [
            ("flow_occupancy/neg_elbo_loss", elbo), ("flow_occupancy/flow_matching_loss", flow),
            ("flow_occupancy/kl_loss", kl), ("flow_occupancy/current_flow_matching_loss", currentLoss),
            ("flow_occupancy/future_flow_matching_loss", futureLoss),
        ]

        func behaviourCloning() -> (mean: Variable, negativeLogLikelihood: Variable, mse: Variable) {
            let mu = n.actor.mean(g, observations)
            let nll = g.negate(g.mean(n.actor.logProbability(g, mean: mu, actions: actions)))
            return (mu, nll, g.mean(g.squaredError(mu, actions)))
        }

        var total = elbo
        switch phase {
        case .pretraining:
            let bc = behaviourCloning()
            total = g.add(total, bc.negativeLogLikelihood)
            metrics += [("bc/bc_loss", bc.negativeLogLikelihood), ("bc/mse", bc.mse)]
            rewards = nil
            targetQ = nil
            criticValues = nil
        case .finetuning, .finetuningWithActor:
            let rewardInput = g.input([b]), qInput = g.input([b])
            let predictedRewards = g.reshape(n.reward(g, observations), [b])
            let rewardLoss = g.mean(g.squaredError(predictedRewards, rewardInput))
            let qs = g.reshape(n.critic(g, g.concatenate([observations, actions])), [2, b])
            let criticLoss = g.mean(g.expectileLoss(g.subtract(qInput, qs), expectile: c.expectile))
            total = g.add(g.add(total, rewardLoss), criticLoss)
            metrics += [("reward/reward_loss", rewardLoss), ("critic/critic_loss", criticLoss)]
            if case .finetuningWithActor = phase {
                let bc = behaviourCloning()
                let policyActions = g.clip(bc.mean, low: -1, high: 1)
                let policyQs = g.frozen { g.reshape(n.critic(g, g.concatenate([observations, policyActions])), [2, b]) }
                let qLoss = g.negate(g.mean(g.minimumOverFirstAxis(policyQs)))
                let bcLoss = g.scale(bc.negativeLogLikelihood, by: c.alpha)
                let actorLoss = g.add(qLoss, bcLoss)
                total = g.add(total, actorLoss)
                metrics += [("actor/actor_loss", actorLoss), ("actor/q_loss", qLoss), ("actor/bc_loss", bcLoss),
                            ("actor/mse", bc.mse)]
            }
            rewards = rewardInput
            targetQ = qInput
            criticValues = qs
        }
        metrics.append(("total_loss", total))
        self.total = total
        self.metrics = metrics
        let used = Set(g.parameters.map { ObjectIdentifier($0) })
        absent = n.trainable.filter { !used.contains(ObjectIdentifier($0)) }
    }
}
