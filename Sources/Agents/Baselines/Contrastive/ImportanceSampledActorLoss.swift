import Learning

/// The actor loss of CRL + IS and TD InfoNCE + IS, the reference's DDPG + BC form with
/// importance-sampled values. For the policy's clipped mean action a_π = clip(μ(s), ±1) and the
/// batch's actor goals g, the critic's logits f_ij = f(s_i, a_π,i, g_j) (no gradient to the
/// critic) are aggregated over its two members, then
///
///   log w_i = f_ii − log Σ_j exp f_ij + log B,   Q_i = w_i · r̂(g_i)   (no gradient to r̂),
///
/// and the loss is −λ·mean Q − α·mean log N(a; μ(s), I) with λ = 1/mean|Q| held constant.
struct ImportanceSampledActorLoss {
    /// How the members' logits combine.
    enum Aggregation {
        /// CRL's critic exponentiates its logits (`value_exp`); the actor reads log(max(e^f, 1e-6))
        /// and takes the smaller member.
        case minimumOfClippedExponential
        /// TD InfoNCE averages its members' logits (`logit_agg='mean'`).
        case mean
    }

    let losses: [(String, Variable)]
    let metrics: [(String, Variable)]
    /// Q [B], and the input λ that ``BatchLossGraph/normaliseByMeanAbsolute(_:into:)`` sets.
    let q: Variable, lambda: Variable

    /// The terms on batch inputs `io` (which must carry actor goals), with `identity` the [B, B]
    /// identity matrix.
    init(_ g: Graph<Float>, _ io: BatchLossGraph.Inputs, actor: GaussianPolicy, critic: BilinearCritic, reward: RewardModel,
         alpha: Float, aggregation: Aggregation, identity: Variable) {
        let goals = io.actorGoals!, b = identity.shape[0]
        let mu = actor.mean(g, io.observations)
        let policyActions = g.clip(mu, low: -1, high: 1)
        let q = g.frozen { () -> Variable in
            let f = critic.logits(g, observations: io.observations, actions: policyActions, goals: goals)
            let logits: Variable
            switch aggregation {
            case .minimumOfClippedExponential:
                logits = g.minimumOverFirstAxis(g.log(g.clip(g.exp(f), low: 1e-6, high: .greatestFiniteMagnitude)))
            case .mean:
                logits = g.mean(f, axes: [0])
            }
            let diagonal = g.sum(g.multiply(logits, identity), axes: [-1])
            let logRatios = g.add(g.subtract(diagonal, g.logSumExp(logits)), g.constant(Float.log(Float(b)), shape: [1]))
            return g.multiply(g.exp(logRatios), reward(g, goals))
        }
        let lambda = g.input([])
        let meanQ = g.mean(q)
        let qLoss = g.negate(g.multiply(lambda, meanQ))
        let logProbability = g.mean(actor.logProbability(g, mean: mu, actions: io.actions))
        let bcLoss = g.scale(logProbability, by: -alpha)
        losses = [("actor/q_loss", qLoss), ("actor/bc_loss", bcLoss)]
        metrics = [("actor/actor_loss", g.add(qLoss, bcLoss)), ("actor/q_mean", meanQ), ("actor/bc_log_prob", logProbability),
                   ("actor/mse", g.mean(g.squaredError(mu, io.actions)))]
        self.q = q
        self.lambda = lambda
    }
}
