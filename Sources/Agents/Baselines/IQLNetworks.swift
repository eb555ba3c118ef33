import Learning

/// Implicit Q-learning's networks and fine-tuning losses, optionally conditioned on a latent z
/// (the task or skill vector of FB + IQL and HILP + IQL; IQL itself has none): a layer-normalised
/// value V(s, z) (`<prefix>value/value_net`), a twin critic Q(s, z, a) and its target
/// (`<prefix>critic/value_net`, `target_<prefix>critic/value_net`), and a unit-σ Gaussian actor
/// π(s, z) (`<prefix>actor`), drawn in that order. On pixels each network reads [enc(s), z] with
/// an image encoder of its own (`<network>/gc_encoder/state_encoder`, as FB's `GCEncoder`), the
/// target critic's Polyak-averaged with it.
///
/// The losses, as the reference's `iql.py`, `fb_repr.py` and `hilp.py` compute them: an expectile
/// value against the target critic's minimum, the twin critic regressed to r + γ·mask·V(s′, z),
/// and an AWR actor weighted by min(exp(α(Q − V)), 100) with the online critic.
struct IQLNetworks {
    let value: MLP<Float>
    let critic: EnsembleMLP<Float>, targetCritic: EnsembleMLP<Float>
    let actor: GaussianPolicy
    /// The value's, the critic's and the target critic's image encoders on pixels (the actor's is
    /// its own); nil on states.
    let valueEncoder: ImpalaEncoder<Float>?, criticEncoder: ImpalaEncoder<Float>?, targetCriticEncoder: ImpalaEncoder<Float>?

    /// With `targetIsCopy` false the target critic keeps its own initialisation (FB + IQL). With
    /// `imageShape`, the networks read stacked frames through encoders of configuration `encoder`
    /// (made after the networks).
    init(prefix: String = "", observationSize ds: Int, latentSize dz: Int = 0, actionSize da: Int,
         valueHidden: [Int], actorHidden: [Int], targetIsCopy: Bool = true, imageShape: [Int]? = nil,
         encoder: ImageEncoderConfiguration? = nil, random: inout SeededRandom) {
        let fs = imageShape == nil ? ds : encoder!.embeddingSize
        value = MLP(name: ParameterPath(stringLiteral: prefix + "value") / "value_net", inputSize: fs + dz,
                    hiddenSizes: valueHidden + [1], layerNorm: true, random: &random)
        (critic, targetCritic) = makeTwinCritic(prefix: prefix, inputSize: fs + dz + da, hidden: valueHidden,
                                                targetIsCopy: targetIsCopy, random: &random)
        let actorName = ParameterPath(stringLiteral: prefix + "actor")
        let trunk = GaussianPolicy(name: actorName, observationSize: fs + dz, actionSize: da, hidden: actorHidden, random: &random)
        func make(_ name: String) -> ImpalaEncoder<Float>? {
            imageShape.map { ImpalaEncoder(name: ParameterPath(stringLiteral: name) / "gc_encoder" / "state_encoder", imageShape: $0,
                                           configuration: encoder!, random: &random) }
        }
        valueEncoder = make(prefix + "value")
        criticEncoder = make(prefix + "critic")
        targetCriticEncoder = make("target_" + prefix + "critic")
        if targetIsCopy, let criticEncoder, let targetCriticEncoder {
            copyParameters(from: criticEncoder.parameters, to: targetCriticEncoder.parameters)
        }
        actor = GaussianPolicy(trunk, encoder: make(prefix + "actor"))
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
        /// [enc(s), z] of a network's encoder (s itself on states).
        func conditioned(_ encoder: ImpalaEncoder<Float>?, _ states: Variable) -> Variable {
            let features = encoder.features(g, states)
            return io.latents.map { g.concatenate([features, $0]) } ?? features
        }
        let criticInput = conditioned(criticEncoder, io.observations)
        let stateActions = g.concatenate([criticInput, io.actions])
        let q = g.frozen {
            targetCritic.minimumOutput(g, targetCriticEncoder == nil ? stateActions
                                           : g.concatenate([conditioned(targetCriticEncoder, io.observations), io.actions]))
        }
        let valueInput = conditioned(valueEncoder, io.observations)
        let v = g.reshape(value(g, valueInput), [b])
        let valueLoss = g.mean(g.expectileLoss(g.subtract(q, v), expectile: expectile))
        let nextV = g.frozen { g.reshape(value(g, conditioned(valueEncoder, io.nextObservations)), [b]) }
        let targetQ = g.add(io.rewards, g.scale(g.multiply(io.masks, nextV), by: discount))
        let qs = critic.memberOutputs(g, stateActions)
        let criticLoss = g.scale(g.mean(g.squaredError(qs, targetQ)), by: 2)
        var terms = Terms(losses: [("\(names)value/value_loss", valueLoss), ("\(names)critic/critic_loss", criticLoss)],
                          metrics: [("\(names)value/v_mean", g.mean(v)), ("\(names)critic/q_mean", g.mean(targetQ))],
                          v: v, targetQ: targetQ)
        if withActor {
            // On pixels the encoders' features above are reused without their gradient.
            let advantage = g.frozen {
                criticEncoder == nil
                    ? g.subtract(critic.minimumOutput(g, stateActions), g.reshape(value(g, valueInput), [b]))
                    : g.subtract(critic.minimumOutput(g, g.stopGradient(stateActions)), g.reshape(value(g, g.stopGradient(valueInput)), [b]))
            }
            let weights = g.clip(g.exp(g.scale(advantage, by: alpha)), low: 0, high: 100)
            let mu = actor.mean(g, io.observations, conditioning: io.latents)
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

    /// The target critic's (and its encoder's) Polyak step (from the pre-update parameters).
    func followCritic(tau: Float) {
        polyakUpdate(targets: targetCritic.parameters + targetCriticEncoder.parameters, online: critic.parameters + criticEncoder.parameters,
                     tau: tau)
    }

    /// Every parameter: the trainable ones, then the target's.
    var parameters: [Parameter<Float>] { trainable + targetCritic.parameters + targetCriticEncoder.parameters }
    /// The parameters an optimizer trains.
    var trainable: [Parameter<Float>] {
        value.parameters + critic.parameters + actor.parameters + valueEncoder.parameters + criticEncoder.parameters
    }
}
