/// Flax's MLP as the InFOM reference builds it: for each layer Dense, then — unless it is the
/// last layer and `activateFinal` is off — GELU and, with `layerNorm`, LayerNorm
/// (Dense → GELU → LN). Parameters are named `<name>/Dense_i/…` and `<name>/LayerNorm_i/…`.
public struct MLP<Scalar: TensorScalar> {
    public let layers: [Dense<Scalar>]
    public let norms: [LayerNorm<Scalar>?]
    public let activateFinal: Bool

    public init(name: ParameterPath, inputSize: Int, hiddenSizes: [Int], activateFinal: Bool = false, layerNorm: Bool = false,
                random: inout SeededRandom) {
        var layers: [Dense<Scalar>] = [], norms: [LayerNorm<Scalar>?] = []
        var width = inputSize
        for (i, size) in hiddenSizes.enumerated() {
            layers.append(Dense(name: name.appending("Dense", index: i), inputSize: width, outputSize: size, random: &random))
            let activated = MLPLayerOrder.activates(i, of: hiddenSizes.count, activateFinal: activateFinal)
            norms.append(activated && layerNorm ? LayerNorm(name: name.appending("LayerNorm", index: i), size: size) : nil)
            width = size
        }
        self.layers = layers
        self.norms = norms
        self.activateFinal = activateFinal
    }

    /// An MLP from existing layers (for example a policy trunk followed by its head), sharing
    /// their parameters.
    public init(layers: [Dense<Scalar>], norms: [LayerNorm<Scalar>?], activateFinal: Bool) {
        precondition(layers.count == norms.count, "MLP: one norm slot per layer")
        self.layers = layers
        self.norms = norms
        self.activateFinal = activateFinal
    }

    public func callAsFunction(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        MLPLayerOrder.forward(graph, x, layers: layers.count, activateFinal: activateFinal,
                              affine: { layers[$0](graph, $1) }, norm: { i, h in norms[i].map { $0(graph, h) } })
    }

    public var parameters: [Parameter<Scalar>] {
        zip(layers, norms).flatMap { $0.parameters + ($1?.parameters ?? []) }
    }
}
