/// One training batch of B transitions (s, a, s′, a′, r, mask), row-major float32 buffers
/// allocated once and refilled by ``TransitionDataset/sample(into:random:augmentation:goals:)``.
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
    /// [B, d_s] goals for a goal-conditioned agent's critic and actor (``GoalSampling``); empty
    /// in a batch without goals.
    public var valueGoals: [Float]
    public var actorGoals: [Float]
    /// [B] the reference's goal-reaching reward and mask of each value goal (`relabeled_rewards`:
    /// 0 where the goal is the transition's own state, else −1; `relabeled_masks`: 0 there, else 1).
    public var goalRewards: [Float]
    public var goalMasks: [Float]

    /// Whether the batch carries value and actor goals.
    public var hasGoals: Bool { !valueGoals.isEmpty }

    /// A batch of `size` transitions, with room for goals when `goals`.
    public init(size: Int, observationSize: Int, actionSize: Int, goals: Bool = false) {
        self.size = size
        self.observationSize = observationSize
        self.actionSize = actionSize
        observations = Array(repeating: 0, count: size * observationSize)
        nextObservations = observations
        actions = Array(repeating: 0, count: size * actionSize)
        nextActions = actions
        rewards = Array(repeating: 0, count: size)
        masks = Array(repeating: 1, count: size)
        valueGoals = goals ? observations : []
        actorGoals = valueGoals
        goalRewards = goals ? rewards : []
        goalMasks = goals ? masks : []
    }
}
