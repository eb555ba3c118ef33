/// The IMPALA image encoder of the InFOM reference (spec §2.3): pixels / 255 → residual stacks
/// (16, 32, 32 channels; one block each for `impala_small`, two for `impala`) → ReLU → flatten
/// → Dense → GELU (an MLP with `activate_final`). 64×64 inputs give 8·8·32 = 2048 features
/// before the Dense. Parameters are named `<name>/stack_blocks_i/Conv_j/…` and
/// `<name>/MLP_0/Dense_0/…`.
public struct ImpalaEncoder<Scalar: TensorScalar> {
    public let stacks: [ResidualStack<Scalar>]
    public let head: MLP<Scalar>
    /// [H, W, C] of one input image (C = 3 × frame stack).
    public let inputShape: [Int]

    public init(name: ParameterPath, inputShape: [Int], stackSizes: [Int] = [16, 32, 32], blocks: Int = 1,
                hiddenSizes: [Int] = [512], random: inout SeededRandom) {
        precondition(inputShape.count == 3, "ImpalaEncoder: input shape must be [H, W, C], got \(inputShape)")
        var channels = inputShape[2], height = inputShape[0], width = inputShape[1]
        var stacks: [ResidualStack<Scalar>] = []
        for (i, size) in stackSizes.enumerated() {
            stacks.append(ResidualStack(name: name.appending("stack_blocks", index: i), inputChannels: channels, features: size,
                                        blocks: blocks, random: &random))
            channels = size
            height = (height + 1) / 2
            width = (width + 1) / 2
        }
        self.stacks = stacks
        self.inputShape = inputShape
        head = MLP(name: name.appending("MLP", index: 0), inputSize: height * width * channels, hiddenSizes: hiddenSizes,
                   activateFinal: true, random: &random)
    }

    /// Encodes x [N, H, W, C] holding raw pixel values in 0…255 into [N, hidden].
    public func callAsFunction(_ graph: Graph<Scalar>, _ x: Variable) -> Variable {
        precondition(Array(x.shape.dropFirst()) == inputShape, "ImpalaEncoder: expected [N] + \(inputShape), got \(x.shape)")
        var out = graph.scale(x, by: 1 / 255)
        for stack in stacks { out = stack(graph, out) }
        out = graph.relu(out)
        out = graph.reshape(out, [x.shape[0], out.count / x.shape[0]])
        return head(graph, out)
    }

    public var parameters: [Parameter<Scalar>] { stacks.flatMap(\.parameters) + head.parameters }

    /// The matrix products of one forward and backward pass over `batch` images, in the shapes an
    /// im2col lowering runs them (convolutions in im2col chunks, as Double graphs run them; the
    /// images need no gradient, so the first convolution computes none for its input), for
    /// benchmarks of the product bound.
    public func matrixProducts(batch: Int) -> [MatrixProduct] {
        var products: [MatrixProduct] = []
        var height = inputShape[0], width = inputShape[1], channels = inputShape[2]
        for stack in stacks {
            for (i, conv) in stack.convolutions.enumerated() {
                let geometry = ConvolutionGeometry(images: batch, height: height, width: width, channels: channels,
                                                   kernelHeight: conv.kernel.shape[0], kernelWidth: conv.kernel.shape[1],
                                                   features: conv.kernel.shape[3])
                products += geometry.products(inputGradient: !(products.isEmpty && i == 0))
                channels = conv.kernel.shape[3]
                if i == 0 {
                    height = (height + 1) / 2
                    width = (width + 1) / 2
                }
            }
        }
        var inputs = height * width * channels
        for layer in head.layers {
            let outputs = layer.kernel.shape[1]
            products += [MatrixProduct(m: batch, n: outputs, k: inputs),
                         MatrixProduct(m: inputs, n: outputs, k: batch, transposeA: true),
                         MatrixProduct(m: batch, n: inputs, k: outputs, transposeB: true)]
            inputs = outputs
        }
        return products
    }
}
