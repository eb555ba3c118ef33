import Learning

/// InFOM's six modules (spec infom.md §2.2), named as the reference's Flax parameter tree
/// without the `modules_` prefix (`critic_vf/vector_field_net/Dense_0/kernel`, …), and on
/// pixel observations their five image encoders (§2.3).
public struct InFOMNetworks {
    /// The visual variant's encoders, each with its own weights. The vector field, its goals and
    /// the reward live in the embedding of ``criticVectorField``.
    public struct Encoders {
        /// enc(s) of the flow and, without gradient, of the reward and critic targets.
        public let criticVectorField: ImpalaEncoder<Float>
        /// Its Polyak copy, which encodes s′ for the future term's target.
        public let targetCriticVectorField: ImpalaEncoder<Float>
        public let actor: ImpalaEncoder<Float>
        public let critic: ImpalaEncoder<Float>
        public let intention: ImpalaEncoder<Float>

        init(imageShape: [Int], configuration c: ImageEncoderConfiguration, random: inout SeededRandom) {
            func make(_ name: ParameterPath) -> ImpalaEncoder<Float> {
                ImpalaEncoder(name: name, imageShape: imageShape, configuration: c, random: &random)
            }
            criticVectorField = make("critic_vf_encoder")
            targetCriticVectorField = make("target_critic_vf_encoder")
            actor = make("actor/encoder")
            critic = make("critic/encoder")
            intention = make("intention_encoder/encoder")
            copyParameters(from: criticVectorField.parameters, to: targetCriticVectorField.parameters)
        }
    }

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

    public let encoders: Encoders?

    /// Values per observation: d_s, or H·W·3k for stacked images.
    public let observationSize: Int
    /// Width of the flow's states (goals, vector field input, reward input): d_s, or the embedding size.
    public let stateSize: Int
    public let actionSize: Int

    /// The networks for observations of `observationSize` values; with `imageShape` ([H, W, 3k])
    /// and the configuration's encoder, for pixels.
    public init(observationSize: Int, imageShape: [Int]? = nil, actionSize da: Int, configuration c: InFOMConfiguration,
                random: inout SeededRandom) {
        precondition((imageShape == nil) == (c.encoder == nil), "InFOMNetworks: an image shape needs an encoder configuration and back")
        self.observationSize = observationSize
        let ds = c.encoder?.embeddingSize ?? observationSize
        stateSize = ds
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
        encoders = imageShape.map { Encoders(imageShape: $0, configuration: c.encoder!, random: &random) }
    }

    /// Every parameter the optimizer trains (all but the targets).
    public var trainable: [Parameter<Float>] {
        let encoderLayers: [any Layer<Float>] = encoders.map { [$0.criticVectorField, $0.actor, $0.critic, $0.intention] } ?? []
        return collectParameters([vectorField, intentionTrunk, intentionMean, intentionLogStd, actor, reward, critic] + encoderLayers)
    }

    /// The online parameters the targets follow, in the order of ``targets``.
    public var tracked: [Parameter<Float>] { vectorField.parameters + (encoders?.criticVectorField.parameters ?? []) }
    /// The Polyak targets: the vector field's and, on pixels, its encoder's.
    public var targets: [Parameter<Float>] {
        targetVectorField.parameters + (encoders?.targetCriticVectorField.parameters ?? [])
    }

    /// Every parameter, the targets included (what a checkpoint holds).
    public var all: [Parameter<Float>] { trainable + targets }
}

/// Overwrites each target parameter with its source's values (a target reset).
func copyParameters(from sources: [Parameter<Float>], to targets: [Parameter<Float>]) {
    precondition(sources.map(\.shape) == targets.map(\.shape), "copyParameters: shapes differ")
    for (source, target) in zip(sources, targets) { target.copyValues(from: source) }
}
