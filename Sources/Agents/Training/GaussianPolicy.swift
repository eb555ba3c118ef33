import Learning

/// The reference's `Actor` with a constant σ = 1: an MLP trunk (activated final layer) and a mean
/// head with a 0.01-scaled initialisation; parameters `<name>/actor_net/…` and `<name>/mean_net/…`.
public struct GaussianPolicy: Layer {
    public let trunk: MLP<Float>
    public let head: GaussianHead<Float>

    public init(name: ParameterPath, observationSize: Int, actionSize: Int, hidden: [Int], random: inout SeededRandom) {
        trunk = MLP(name: name / "actor_net", inputSize: observationSize, hiddenSizes: hidden, activateFinal: true,
                    random: &random)
        head = GaussianHead(name: name, inputSize: hidden.last!, actionSize: actionSize, random: &random)
    }

    /// μ(s) [B, d_a] in a graph.
    public func mean(_ graph: Graph<Float>, _ observations: Variable) -> Variable {
        head(graph, trunk(graph, observations)).mean
    }

    /// log N(a; μ, I) per row.
    public func logProbability(_ graph: Graph<Float>, mean: Variable, actions: Variable) -> Variable {
        head.logProbability(graph, mean: mean, logStd: nil, actions: actions)
    }

    /// μ as one MLP (trunk, then the mean head), for acting.
    public var meanNetwork: MLP<Float> {
        MLP(layers: trunk.layers + [head.mean], norms: trunk.norms + [nil], activateFinal: false)
    }

    public var parameters: [Parameter<Float>] { trunk.parameters + head.parameters }
}
