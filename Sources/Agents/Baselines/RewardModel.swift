import Learning

/// A learned reward r̂(s) (the reference's `Value` network under `reward/value_net`): a
/// layer-normalised GELU MLP with one output, fitted by mean squared error; on pixels it reads
/// the embedding of its own image encoder (`reward/encoder/…`). MBPO's world model, CRL + IS and
/// TD InfoNCE + IS have one.
struct RewardModel: Layer {
    let network: MLP<Float>
    let encoder: ImpalaEncoder<Float>?

    /// A reward on observations of `ds` values, or on stacked frames of `imageShape` through an
    /// encoder of configuration `encoder` (made after the MLP).
    init(observationSize ds: Int, hidden: [Int], imageShape: [Int]? = nil, encoder: ImageEncoderConfiguration? = nil,
         random: inout SeededRandom) {
        network = MLP(name: "reward/value_net", inputSize: imageShape == nil ? ds : encoder!.embeddingSize, hiddenSizes: hidden + [1],
                      layerNorm: true, random: &random)
        self.encoder = imageShape.map { ImpalaEncoder(name: "reward/encoder", imageShape: $0, configuration: encoder!, random: &random) }
    }

    /// r̂ [B] of observations [B, d_s].
    func callAsFunction(_ g: Graph<Float>, _ observations: Variable) -> Variable {
        g.reshape(network(g, encoder.features(g, observations)), [observations.shape[0]])
    }

    /// mean((r̂(s) − r)²) over the batch.
    func loss(_ g: Graph<Float>, _ io: BatchLossGraph.Inputs) -> Variable {
        g.mean(g.squaredError(callAsFunction(g, io.observations), io.rewards))
    }

    var parameters: [Parameter<Float>] { network.parameters + encoder.parameters }
}
