/// The hyperparameters every offline agent has, with the reference's defaults: Adam's learning
/// rate, the batch size, the actor's and value networks' widths, the discount, the Polyak rate
/// of the targets, how often the actor updates, and on pixel observations the image encoder.
public struct SharedHyperparameters: Codable, Equatable, Sendable {
    public var learningRate: Float = 3e-4
    public var batchSize = 256
    /// Hidden widths of the actor and of the value networks (critics, value functions).
    public var actorHidden = [512, 512, 512, 512]
    public var valueHidden = [512, 512, 512, 512]
    public var discount: Float = 0.99
    public var tau: Float = 0.005
    /// The actor updates on every `actorFrequency`-th fine-tuning step.
    public var actorFrequency = 4
    /// The image encoder of each network on pixel observations (`encoder='impala_small'`); nil on states.
    public var encoder: ImageEncoderConfiguration?

    public init() {}

    /// The defaults with the preset's widths.
    public init(preset: AgentPreset) {
        actorHidden = preset.hiddenSizes
        valueHidden = preset.hiddenSizes
    }
}
