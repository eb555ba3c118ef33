/// One stage of the IMPALA encoder: Conv3×3 → max-pool 3×3 stride 2 (SAME) → `blocks` residual
/// blocks of [ReLU → Conv3×3 → ReLU → Conv3×3] + skip. Convolutions are named
/// `<name>/Conv_0`, `Conv_1`, … in call order, as Flax names them. The blocks' ReLUs are fused
/// into the convolutions that read them.
public struct ResidualStack<Scalar: TensorScalar> {
    public let convolutions: [Conv<Scalar>]

    public init(name: ParameterPath, inputChannels: Int, features: Int, blocks: Int, random: inout SeededRandom) {
        convolutions = (0..<(1 + 2 * blocks)).map { i in
            Conv(name: name.appending("Conv", index: i), inputChannels: i == 0 ? inputChannels : features, features: features,
                 random: &random)
        }
    }

    public func callAsFunction(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        var out = graph.maxPool(convolutions[0](graph, x), window: 3, stride: 2)
        for block in 0..<((convolutions.count - 1) / 2) {
            let skip = out
            out = convolutions[1 + 2 * block](graph, out, rectifyingInput: true)
            out = convolutions[2 + 2 * block](graph, out, rectifyingInput: true)
            out = graph.add(out, skip)
        }
        return out
    }

    public var parameters: [Parameter<Scalar>] { convolutions.flatMap(\.parameters) }
}
