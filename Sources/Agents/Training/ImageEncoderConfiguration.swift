/// How an agent sees pixel observations (spec infom.md §2.3, §5.4): an IMPALA encoder over
/// `frameStack` stacked 64×64 RGB frames, and random-crop augmentation of training batches.
public struct ImageEncoderConfiguration: Codable, Equatable, Sendable {
    /// Channels of the encoder's residual stacks.
    public var stackSizes = [16, 32, 32]
    /// Residual blocks per stack: 1 is `impala_small`, 2 is `impala`.
    public var blocks = 1
    /// Width of the encoder's output embedding (its final Dense → GELU).
    public var embeddingSize = 512
    /// Frames stacked along channels per observation.
    public var frameStack = 3
    /// Probability that a training batch is read through random crops (`p_aug`).
    public var augmentationProbability = 0.5

    public init() {}
}
