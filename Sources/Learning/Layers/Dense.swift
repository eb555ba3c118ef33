/// A fully connected layer y = x·W + b with W of shape [in, out] (Flax's layout), W from
/// `variance_scaling(scale, fan_avg, uniform)` and b = 0.
public struct Dense<Scalar: TensorScalar> {
    public let kernel: Parameter<Scalar>
    public let bias: Parameter<Scalar>

    public init(name: ParameterPath, inputSize: Int, outputSize: Int, scale: Double = 1, random: inout SeededRandom) {
        kernel = Parameter(path: name / "kernel", shape: [inputSize, outputSize],
                           initial: Initializer.varianceScalingUniform(
                               count: inputSize * outputSize, fanIn: inputSize, fanOut: outputSize, scale: scale,
                               random: &random))
        bias = Parameter(path: name / "bias", shape: [outputSize], initial: Array(repeating: 0, count: outputSize))
    }

    /// A layer with PyTorch-style orthogonal weights (``Initializer/orthogonal(rows:columns:gain:random:)``)
    /// and zero bias, as URLB initialises its networks.
    public init(name: ParameterPath, inputSize: Int, outputSize: Int, orthogonalGain gain: Double, random: inout SeededRandom) {
        kernel = Parameter(path: name / "kernel", shape: [inputSize, outputSize],
                           initial: Initializer.orthogonal(rows: inputSize, columns: outputSize, gain: gain, random: &random))
        bias = Parameter(path: name / "bias", shape: [outputSize], initial: Array(repeating: 0, count: outputSize))
    }

    private init(kernel: Parameter<Scalar>, bias: Parameter<Scalar>) {
        self.kernel = kernel
        self.bias = bias
    }

    /// The same layer on inputs without their last `fixed.count` entries, which are held at
    /// `fixed`: kernel rows for them fold into the bias, b + fixedᵀ·W_fixed (a policy
    /// conditioned on one task latent, evaluated on states alone). New parameters, same names.
    public func fixingTrailingInputs(_ fixed: [Scalar]) -> Dense {
        let inputs = kernel.shape[0], outputs = kernel.shape[1], kept = inputs - fixed.count
        precondition(kept > 0, "fixingTrailingInputs: \(fixed.count) fixed inputs of \(inputs)")
        let w = kernel.values
        var folded = bias.values
        for (r, x) in fixed.enumerated() { for j in 0..<outputs { folded[j] += x * w[(kept + r) * outputs + j] } }
        return Dense(kernel: Parameter(path: kernel.path, shape: [kept, outputs], initial: Array(w[0..<(kept * outputs)])),
                     bias: Parameter(path: bias.path, shape: [outputs], initial: folded))
    }

    /// Applies the layer to `x` of shape [..., in].
    public func callAsFunction(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        graph.affine(x, graph.parameter(kernel), graph.parameter(bias))
    }

    public var parameters: [Parameter<Scalar>] { [kernel, bias] }
}
