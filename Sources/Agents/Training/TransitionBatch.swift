/// One training batch of B transitions (s, a, s′, a′, r, mask), row-major float32 buffers
/// allocated once and refilled by ``TransitionDataset/sample(into:random:)``.
public struct TransitionBatch {
    public let size: Int
    public let observationSize: Int
    public let actionSize: Int
    /// [B, d_s], normalised with the dataset's statistics.
    public var observations: [Float]
    public var actions: [Float]
    public var nextObservations: [Float]
    /// a′ = actions[i + 1] of the transition array (spec §5.2, across episode ends as the reference does).
    public var nextActions: [Float]
    public var rewards: [Float]
    public var masks: [Float]

    public init(size: Int, observationSize: Int, actionSize: Int) {
        self.size = size
        self.observationSize = observationSize
        self.actionSize = actionSize
        observations = Array(repeating: 0, count: size * observationSize)
        nextObservations = observations
        actions = Array(repeating: 0, count: size * actionSize)
        nextActions = actions
        rewards = Array(repeating: 0, count: size)
        masks = Array(repeating: 1, count: size)
    }
}
