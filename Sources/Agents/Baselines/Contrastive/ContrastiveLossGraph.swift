import Learning

/// The parts of a CRL + IS or TD InfoNCE + IS graph around the agent's own contrastive loss:
/// Gaussian behaviour cloning in pre-training; in fine-tuning the reward model's loss and, on
/// actor steps, the ``ImportanceSampledActorLoss`` with its Q normalisation; and the logged
/// statistics of the critic's logits.
struct ContrastiveLossGraph {
    let actor: GaussianPolicy
    let critic: BilinearCritic
    let reward: RewardModel
    let alpha: Float
    let aggregation: ImportanceSampledActorLoss.Aggregation
    /// The reference's statistics of the logits the contrastive loss returns ([2, B, B]).
    let statistics: (UnsafeBufferPointer<Float>, _ members: Int, _ batch: Int) -> [String: Double]

    /// The graph of `phase` on batches of `b` transitions with goals; `contrastive` builds the
    /// agent's loss (named `critic/contrastive_loss`) and returns it with the logits to log.
    func make(_ phase: LossPhase, batchSize b: Int, observationSize ds: Int, actionSize da: Int, trainable: [Parameter<Float>],
              contrastive: @escaping (Graph<Float>, BatchLossGraph.Inputs, _ identity: Variable) -> (loss: Variable, logits: Variable))
        -> BatchLossGraph {
        var logits: Variable?, actorLoss: ImportanceSampledActorLoss?
        let graph = BatchLossGraph(batchSize: b, observationSize: ds, actionSize: da, goals: true, trainable: trainable) { g, io in
            let identity = g.identity(b)
            var losses: [(String, Variable)] = [], metrics: [(String, Variable)] = []
            switch phase {
            case .pretraining:
                let bc = actor.behaviourCloning(g, observations: io.observations, actions: io.actions)
                losses.append(("bc/bc_loss", bc.loss))
                metrics += [("bc/bc_log_prob", bc.logProbability), ("bc/mse", bc.mse)]
            case .finetuning:
                losses.append(("reward/reward_loss", reward.loss(g, io)))
            }
            let (loss, f) = contrastive(g, io, identity)
            logits = f
            losses.append(("critic/contrastive_loss", loss))
            if case .finetuning(withActor: true) = phase {
                let terms = ImportanceSampledActorLoss(g, io, actor: actor, critic: critic, reward: reward, alpha: alpha,
                                                       aggregation: aggregation, identity: identity)
                losses += terms.losses
                metrics += terms.metrics
                actorLoss = terms
            }
            return (losses, metrics)
        }
        let f = logits!, statistics = statistics
        if let actorLoss { graph.normaliseByMeanAbsolute(actorLoss.q, into: actorLoss.lambda) }
        graph.valueMetrics = { [unowned graph] in
            var info = statistics(graph.graph.buffer(f), 2, b)
            info[phase.isPretraining ? "bc/std" : "actor/std"] = 1
            if let actorLoss { info["actor/q_abs_mean"] = Double(graph.meanAbsolute(actorLoss.q)) }
            return info
        }
        return graph
    }
}
