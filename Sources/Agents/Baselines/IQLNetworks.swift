import Learning

/// Implicit Q-learning's networks and fine-tuning losses, optionally conditioned on a latent z
/// (the task or skill vector of FB + IQL and HILP + IQL; IQL itself has none): a layer-normalised
/// value V(s, z) (`<prefix>value/value_net`), a twin critic Q(s, z, a) and its target
/// (`<prefix>critic/value_net`, `target_<prefix>critic/value_net`), and a unit-σ Gaussian actor
/// π(s, z) (`<prefix>actor`), drawn in that order.
///
/// The losses, as the reference's `iql.py`, `fb_repr.py` and `hilp.py` compute them: an expectile
/// value against the target critic's minimum, the twin critic regressed to r + γ·mask·V(s′, z),
/// and an AWR actor weighted by min(exp(α(Q − V)), 100) with the online critic.
struct IQLNetworks {
    let value: MLP<Float>
    let critic: EnsembleMLP<Float>, targetCritic: EnsembleMLP<Float>
    let actor: GaussianPolicy

    /// With `targetIsCopy` false the target critic keeps its own initialisation (FB + IQL).
    init(prefix: String = "", observationSize ds: Int, latentSize dz: Int = 0, actionSize da: Int,
         valueHidden: [Int], actorHidden: [Int], targetIsCopy: Bool = true, random: inout SeededRandom) {
        value = MLP(name: ParameterPath(stringLiteral: prefix + "value") / "value_net", inputSize: ds + dz,
                    hiddenSizes: valueHidden + [1], layerNorm: true, random: &random)
        (critic, targetCritic) = makeTwinCritic(prefix: prefix, inputSize: ds + dz + da, hidden: valueHidden,
                                                targetIsCopy: targetIsCopy, random: &random)
        actor = GaussianPolicy(name: ParameterPath(stringLiteral: prefix + "actor"), observationSize: ds + dz, actionSize: da,
                               hidden: actorHidden, random: &random)
    }

    /// The batch a loss reads: states, actions, rewards and masks, and the latent of each row.
    struct Batch {
        let observations: Variable, nextObservations: Variable, actions: Variable
        let rewards: Variable, masks: Variable
        let latents: Variable?
    }

    /// The losses and metrics of one update, and the variables whose ranges the reference logs.
    struct Terms {
        var losses: [(String, Variable)]
        var metrics: [(String, Variable)]
        let v: Variable, targetQ: Variable
    }

    /// The value and critic losses, and with `withActor` the actor's, named under the reference's
    /// `value/`, `critic/` and `actor/` (with `names` prefixing them, as HILP's `skill_`).
    func terms(_ g: Graph<Float>, _ io: Batch, expectile: Float, alpha: Float, discount: Float, withActor: Bool,
               names: String = "") -> Terms {
        let b = io.observations.shape[0]
        func conditioned(_ states: Variable) -> Variable { io.latents.map { g.concatenate([states, $0]) } ?? states }
        let stateActions = g.concatenate([conditioned(io.observations), io.actions])
        let q = g.frozen { targetCritic.minimumOutput(g, stateActions) }
        let v = g.reshape(value(g, conditioned(io.observations)), [b])
        let valueLoss = g.mean(g.expectileLoss(g.subtract(q, v), expectile: expectile))
        let nextV = g.frozen { g.reshape(value(g, conditioned(io.nextObservations)), [b]) }
        let targetQ = g.add(io.rewards, g.scale(g.multiply(io.masks, nextV), by: discount))
        let qs = critic.memberOutputs(g, stateActions)
        let criticLoss = g.scale(g.mean(g.squaredError(qs, targetQ)), by: 2)
        var terms = Terms(losses: [("\(names)value/value_loss", valueLoss), ("\(names)critic/critic_loss", criticLoss)],
                          metrics: [("\(names)value/v_mean", g.mean(v)), ("\(names)critic/q_mean", g.mean(targetQ))],
                          v: v, targetQ: targetQ)
        if withActor {
            let advantage = g.frozen {
                g.subtract(critic.minimumOutput(g, stateActions), g.reshape(value(g, conditioned(io.observations)), [b]))
            }
            let weights = g.clip(g.exp(g.scale(advantage, by: alpha)), low: 0, high: 100)
            let mu = actor.mean(g, conditioned(io.observations))
            let logProbability = actor.logProbability(g, mean: mu, actions: io.actions)
            terms.losses.append(("\(names)actor/actor_loss", g.negate(g.mean(g.multiply(weights, logProbability)))))
            terms.metrics += [("\(names)actor/adv", g.mean(advantage)), ("\(names)actor/bc_log_prob", g.mean(logProbability)),
                              ("\(names)actor/mse", g.mean(g.squaredError(mu, io.actions)))]
        }
        return terms
    }

    /// The logged ranges of V and of the critic's target, and the actor's σ (1), from a forward pass.
    func rangeMetrics(_ graph: Graph<Float>, _ terms: Terms, names: String = "", withActor: Bool) -> [String: Double] {
        let v = graph.buffer(terms.v), q = graph.buffer(terms.targetQ)
        var info = ["\(names)value/v_max": Double(v.max()!), "\(names)value/v_min": Double(v.min()!),
                    "\(names)critic/q_max": Double(q.max()!), "\(names)critic/q_min": Double(q.min()!)]
        if withActor { info["\(names)actor/std"] = 1 }
        return info
    }

    /// The target critic's Polyak step (from the pre-update parameters).
    func followCritic(tau: Float) {
        polyakUpdate(targets: targetCritic.parameters, online: critic.parameters, tau: tau)
    }

    /// Every parameter: the trainable ones, then the target's.
    var parameters: [Parameter<Float>] { trainable + targetCritic.parameters }
    /// The parameters an optimizer trains.
    var trainable: [Parameter<Float>] { value.parameters + critic.parameters + actor.parameters }
}
