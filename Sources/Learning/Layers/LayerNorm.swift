/// Layer normalisation over the last axis with learnable scale (init 1) and offset (init 0),
/// ε = 1e-6 as in Flax.
public struct LayerNorm<Scalar: TensorScalar> {
    public let scale: Parameter<Scalar>
    public let offset: Parameter<Scalar>

    public init(name: ParameterPath, size: Int) {
        scale = Parameter(path: name / "scale", shape: [size], initial: Array(repeating: 1, count: size))
        offset = Parameter(path: name / "bias", shape: [size], initial: Array(repeating: 0, count: size))
    }

    public func callAsFunction(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        graph.layerNorm(x, scale: graph.parameter(scale), offset: graph.parameter(offset))
    }

    public var parameters: [Parameter<Scalar>] { [scale, offset] }
}
