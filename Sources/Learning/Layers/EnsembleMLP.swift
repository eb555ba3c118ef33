/// E independent copies of ``MLP`` evaluated together (Flax's `ensemblize`/`nn.vmap`): every
/// parameter has a leading member axis, each member is initialised with its own draws, all
/// members see the same input [..., in], and the output is [E, ..., out]. Each layer is one
/// ``Graph/ensembleAffine(_:_:_:)`` node.
public struct EnsembleMLP<Scalar: TensorScalar> {
    public let members: Int
    public let kernels: [Parameter<Scalar>]
    public let biases: [Parameter<Scalar>]
    public let norms: [(scale: Parameter<Scalar>, offset: Parameter<Scalar>)?]
    public let activateFinal: Bool

    public init(name: ParameterPath, members: Int = 2, inputSize: Int, hiddenSizes: [Int], activateFinal: Bool = false,
                layerNorm: Bool = false, random: inout SeededRandom) {
        var kernels: [Parameter<Scalar>] = [], biases: [Parameter<Scalar>] = []
        var norms: [(scale: Parameter<Scalar>, offset: Parameter<Scalar>)?] = []
        var width = inputSize
        // Member-major draws: member e's layers come from its own stretch of the stream.
        let fans = zip([inputSize] + hiddenSizes.dropLast(), hiddenSizes).map { ($0, $1) }
        var perMember: [[[Scalar]]] = []
        for _ in 0..<members {
            perMember.append(fans.map { fanIn, fanOut in
                Initializer.varianceScalingUniform(count: fanIn * fanOut, fanIn: fanIn, fanOut: fanOut, random: &random)
            })
        }
        for (i, size) in hiddenSizes.enumerated() {
            kernels.append(Parameter(path: name.appending("Dense", index: i) / "kernel", shape: [members, width, size],
                                     initial: perMember.flatMap { $0[i] }))
            biases.append(Parameter(path: name.appending("Dense", index: i) / "bias", shape: [members, size],
                                    initial: Array(repeating: 0, count: members * size)))
            let activated = MLPLayerOrder.activates(i, of: hiddenSizes.count, activateFinal: activateFinal)
            norms.append(activated && layerNorm
                ? (Parameter(path: name.appending("LayerNorm", index: i) / "scale", shape: [members, size],
                             initial: Array(repeating: 1, count: members * size)),
                   Parameter(path: name.appending("LayerNorm", index: i) / "bias", shape: [members, size],
                             initial: Array(repeating: 0, count: members * size)))
                : nil)
            width = size
        }
        self.members = members
        self.kernels = kernels
        self.biases = biases
        self.norms = norms
        self.activateFinal = activateFinal
    }

    public func callAsFunction(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        MLPLayerOrder.forward(graph, x, layers: kernels.count, activateFinal: activateFinal,
                              affine: { graph.ensembleAffine($1, graph.parameter(kernels[$0]), graph.parameter(biases[$0])) },
                              norm: { i, h in
                                  norms[i].map { graph.layerNorm(h, scale: graph.parameter($0.scale), offset: graph.parameter($0.offset)) }
                              })
    }

    /// The members' outputs of a one-output ensemble as [E, rows]: the [E, rows, 1] output
    /// without its last axis (a twin critic's Q values).
    public func memberOutputs(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        precondition(kernels.last!.shape.last == 1, "memberOutputs needs an ensemble with one output")
        let out = callAsFunction(graph, x)
        return graph.reshape(out, [members, out.count / members])
    }

    /// The smallest member output per row, [rows] (a twin critic's min Q).
    public func minimumOutput(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        graph.minimumOverFirstAxis(memberOutputs(graph, x))
    }

    public var parameters: [Parameter<Scalar>] {
        kernels.indices.flatMap { i in [kernels[i], biases[i]] + (norms[i].map { [$0.scale, $0.offset] } ?? []) }
    }
}
