import Learning

/// A learned reward r̂(s) (the reference's `Value` network under `reward/value_net`): a
/// layer-normalised GELU MLP with one output, fitted by mean squared error. MBPO's world model,
/// CRL + IS and TD InfoNCE + IS have one.
struct RewardModel: Layer {
    let network: MLP<Float>

    init(observationSize ds: Int, hidden: [Int], random: inout SeededRandom) {
        network = MLP(name: "reward/value_net", inputSize: ds, hiddenSizes: hidden + [1], layerNorm: true, random: &random)
    }

    /// r̂ [B] of states [B, d_s].
    func callAsFunction(_ g: Graph<Float>, _ states: Variable) -> Variable {
        g.reshape(network(g, states), [states.shape[0]])
    }

    /// mean((r̂(s) − r)²) over the batch.
    func loss(_ g: Graph<Float>, _ io: BatchLossGraph.Inputs) -> Variable {
        g.mean(g.squaredError(callAsFunction(g, io.observations), io.rewards))
    }

    var parameters: [Parameter<Float>] { network.parameters }
}
