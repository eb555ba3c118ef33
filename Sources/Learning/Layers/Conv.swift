/// A 2-D convolution layer as Flax's `nn.Conv(features, (kh, kw), padding='SAME')`: stride 1,
/// kernel [kh, kw, C, O] from Xavier-uniform with the receptive field in both fans
/// (U(−l, l), l = sqrt(6 / (kh·kw·(C + O)))), bias 0.
public struct Conv<Scalar: TensorScalar> {
    public let kernel: Parameter<Scalar>
    public let bias: Parameter<Scalar>

    public init(name: ParameterPath, inputChannels: Int, features: Int, kernelSize: Int = 3, random: inout SeededRandom) {
        let field = kernelSize * kernelSize
        kernel = Parameter(path: name / "kernel", shape: [kernelSize, kernelSize, inputChannels, features],
                           initial: Initializer.varianceScalingUniform(
                               count: field * inputChannels * features, fanIn: inputChannels, fanOut: features,
                               receptiveField: field, random: &random))
        bias = Parameter(path: name / "bias", shape: [features], initial: Array(repeating: 0, count: features))
    }

    /// Applies the layer to NHWC images `x` (to ReLU(x) with `rectifyingInput`, fused into the
    /// convolution).
    public func callAsFunction(_ graph: Graph<Scalar>, _ x: Variable, rectifyingInput: Bool = false) -> Variable {
        graph.convolution(x, kernel: graph.parameter(kernel), bias: graph.parameter(bias), rectifyingInput: rectifyingInput)
    }

    public var parameters: [Parameter<Scalar>] { [kernel, bias] }
}
