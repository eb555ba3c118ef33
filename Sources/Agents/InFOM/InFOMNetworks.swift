import Learning

/// InFOM's six modules on state observations (spec infom.md §2.2), named as the reference's
/// Flax parameter tree without the `modules_` prefix (`critic_vf/vector_field_net/Dense_0/kernel`, …).
public struct InFOMNetworks {
    /// v_θ(x, t, s, a, z): input [x (d_s), t (1), s (d_s), a (d_a), z (L)], output d_s.
    public let vectorField: MLP<Float>
    /// v_θ̄, the Polyak copy of ``vectorField`` (equal at creation).
    public let targetVectorField: MLP<Float>
    /// q_φ(z | s', a'): trunk with layer norm, then mean and log σ heads.
    public let intentionTrunk: MLP<Float>
    public let intentionMean: Dense<Float>
    public let intentionLogStd: Dense<Float>
    /// π_ω(a | s) with σ ≡ 1.
    public let actor: GaussianPolicy
    /// r_η(s).
    public let reward: MLP<Float>
    /// Q_ψ(s, a): two members.
    public let critic: EnsembleMLP<Float>

    public let observationSize: Int
    public let actionSize: Int

    public init(observationSize ds: Int, actionSize da: Int, configuration c: InFOMConfiguration, random: inout SeededRandom) {
        observationSize = ds
        actionSize = da
        let vfInput = 2 * ds + 1 + da + c.latentSize
        vectorField = MLP(name: "critic_vf/vector_field_net", inputSize: vfInput, hiddenSizes: c.valueHidden + [ds],
                          layerNorm: c.valueLayerNorm, random: &random)
        targetVectorField = MLP(name: "target_critic_vf/vector_field_net", inputSize: vfInput,
                                hiddenSizes: c.valueHidden + [ds], layerNorm: c.valueLayerNorm, random: &random)
        intentionTrunk = MLP(name: "intention_encoder/trunk_net", inputSize: ds + da, hiddenSizes: c.intentionHidden,
                             activateFinal: true, layerNorm: true, random: &random)
        intentionMean = Dense(name: "intention_encoder/mean_net", inputSize: c.intentionHidden.last!,
                              outputSize: c.latentSize, random: &random)
        intentionLogStd = Dense(name: "intention_encoder/log_std_net", inputSize: c.intentionHidden.last!,
                                outputSize: c.latentSize, random: &random)
        actor = GaussianPolicy(name: "actor", observationSize: ds, actionSize: da, hidden: c.actorHidden, random: &random)
        reward = MLP(name: "reward/value_net", inputSize: ds, hiddenSizes: c.rewardHidden + [1], layerNorm: true,
                     random: &random)
        critic = EnsembleMLP(name: "critic/value_net", inputSize: ds + da, hiddenSizes: c.valueHidden + [1],
                             layerNorm: c.valueLayerNorm, random: &random)
        copyParameters(from: vectorField.parameters, to: targetVectorField.parameters)
    }

    /// Every parameter the optimizer trains (all but the target vector field).
    public var trainable: [Parameter<Float>] {
        vectorField.parameters + intentionTrunk.parameters + intentionMean.parameters + intentionLogStd.parameters
            + actor.parameters + reward.parameters + critic.parameters
    }

    /// Every parameter, the target included (what a checkpoint holds).
    public var all: [Parameter<Float>] { trainable + targetVectorField.parameters }
}

/// Overwrites each target parameter with its source's values (a target reset).
func copyParameters(from sources: [Parameter<Float>], to targets: [Parameter<Float>]) {
    precondition(sources.map(\.shape) == targets.map(\.shape), "copyParameters: shapes differ")
    for (source, target) in zip(sources, targets) { target.value.update(from: source.value, count: source.count) }
}
