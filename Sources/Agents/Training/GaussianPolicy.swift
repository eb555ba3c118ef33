import Learning

/// The reference's `Actor` with a constant σ = 1: an MLP trunk (activated final layer) and a mean
/// head with a 0.01-scaled initialisation; parameters `<name>/actor_net/…` and `<name>/mean_net/…`;
/// on pixels the trunk reads the embedding of its own image encoder (`<name>/encoder/…`).
public struct GaussianPolicy: Layer {
    public let trunk: MLP<Float>
    public let head: GaussianHead<Float>
    /// The actor's image encoder on pixel observations; nil on states.
    public let encoder: ImpalaEncoder<Float>?

    /// A policy on observations of `observationSize` values; with `imageShape` and `encoder`, on
    /// stacked frames of that shape through an encoder of that configuration (made after the
    /// trunk and head).
    public init(name: ParameterPath, observationSize: Int, actionSize: Int, hidden: [Int], imageShape: [Int]? = nil,
                encoder: ImageEncoderConfiguration? = nil, random: inout SeededRandom) {
        let inputSize = imageShape == nil ? observationSize : encoder!.embeddingSize
        trunk = MLP(name: name / "actor_net", inputSize: inputSize, hiddenSizes: hidden, activateFinal: true,
                    random: &random)
        head = GaussianHead(name: name, inputSize: hidden.last!, actionSize: actionSize, random: &random)
        self.encoder = imageShape.map { ImpalaEncoder(name: name / "encoder", imageShape: $0, configuration: encoder!, random: &random) }
    }

    /// `policy`'s trunk and head reading the embedding of `encoder`.
    init(_ policy: GaussianPolicy, encoder: ImpalaEncoder<Float>?) {
        precondition(encoder == nil || policy.encoder == nil, "GaussianPolicy: the policy has an encoder already")
        trunk = policy.trunk
        head = policy.head
        self.encoder = encoder
    }

    /// μ(s) [B, d_a] in a graph; with `conditioning`, μ(s, z) of the trunk reading [s, z] (on
    /// pixels [enc(s), z]).
    public func mean(_ graph: Graph<Float>, _ observations: Variable, conditioning: Variable? = nil) -> Variable {
        let features = encoder.features(graph, observations)
        return head(graph, trunk(graph, conditioning.map { graph.concatenate([features, $0]) } ?? features)).mean
    }

    /// log N(a; μ, I) per row.
    public func logProbability(_ graph: Graph<Float>, mean: Variable, actions: Variable) -> Variable {
        head.logProbability(graph, mean: mean, logStd: nil, actions: actions)
    }

    /// Behaviour cloning of `actions` at `observations` (the reference's `bc_loss`): the loss
    /// −mean log N(a; μ(s), I), the mean log-probability and mean((μ − a)²) over every element.
    public func behaviourCloning(_ graph: Graph<Float>, observations: Variable, actions: Variable)
        -> (loss: Variable, logProbability: Variable, mse: Variable) {
        let mu = mean(graph, observations)
        let logProbability = graph.mean(logProbability(graph, mean: mu, actions: actions))
        return (graph.negate(logProbability), logProbability, graph.mean(graph.squaredError(mu, actions)))
    }

    /// μ as one MLP (trunk, then the mean head) after the ``encoder``, for acting.
    public var meanNetwork: MLP<Float> {
        MLP(layers: trunk.layers + [head.mean], norms: trunk.norms + [nil], activateFinal: false)
    }

    /// μ(s, z) at a fixed latent z (the trailing inputs) as one MLP on states alone.
    public func meanNetwork(fixing latent: [Float]) -> MLP<Float> {
        let network = meanNetwork
        return MLP(layers: [network.layers[0].fixingTrailingInputs(latent)] + network.layers.dropFirst(), norms: network.norms,
                   activateFinal: false)
    }

    public var parameters: [Parameter<Float>] { trunk.parameters + head.parameters + encoder.parameters }
}
