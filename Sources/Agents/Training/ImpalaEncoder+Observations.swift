import Learning

extension ImpalaEncoder where Scalar == Float {
    /// An encoder of stacked frames of `imageShape` ([H, W, 3k]) with the configuration's
    /// stacks, blocks and embedding width.
    init(name: ParameterPath, imageShape: [Int], configuration c: ImageEncoderConfiguration, random: inout SeededRandom) {
        self.init(name: name, inputShape: imageShape, stackSizes: c.stackSizes, blocks: c.blocks, hiddenSizes: [c.embeddingSize],
                  random: &random)
    }

    /// The width of the embedding.
    var embeddingSize: Int { head.layers.last!.kernel.shape[1] }
}

extension Optional where Wrapped == ImpalaEncoder<Float> {
    /// What a network reads of observations [B, d]: on pixels (an encoder) the embedding of the
    /// flat stacked images [B, H·W·3k], on states (nil) the observations themselves.
    func features(_ g: Graph<Float>, _ observations: Variable) -> Variable {
        guard let encoder = self else { return observations }
        return encoder(g, g.reshape(observations, [observations.shape[0]] + encoder.inputShape))
    }

    /// The width of ``features(_:_:)`` for observations of `observationSize` values.
    func featureSize(observationSize: Int) -> Int { self?.embeddingSize ?? observationSize }

    /// The encoder's parameters; none on states.
    var parameters: [Parameter<Float>] { self?.parameters ?? [] }
}
