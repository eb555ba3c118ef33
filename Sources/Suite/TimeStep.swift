/// Where a time step stands in its episode (dm_env's `StepType`).
public enum StepType: Sendable {
    /// The observation after a reset; reward 0 and discount 1.
    case first
    case mid
    /// The episode's final step; the next `step` starts a new episode.
    case last
}

/// Why an episode ended.
public enum EpisodeEnd: Sendable, Equatable {
    /// The task reached a terminal state (success or failure).
    case terminated
    /// The time limit was reached.
    case truncated
}

/// What one environment step returns.
public struct TimeStep<Observation> {
    public var stepType: StepType
    public var observation: Observation
    /// The reward for the transition into `observation` (float64, as dm_control computes it).
    public var reward: Double
    public var discount: Double
    /// Set on the last step of an episode.
    public var end: EpisodeEnd?
    /// Task-specific values, for example `success`.
    public var info: [String: Double]

    public init(stepType: StepType, observation: Observation, reward: Double, discount: Double,
                end: EpisodeEnd? = nil, info: [String: Double] = [:]) {
        self.stepType = stepType
        self.observation = observation
        self.reward = reward
        self.discount = discount
        self.end = end
        self.info = info
    }

    /// The same step with another observation (for wrappers that change what is observed).
    public func with<Other>(observation: Other) -> TimeStep<Other> {
        TimeStep<Other>(stepType: stepType, observation: observation, reward: reward, discount: discount,
                        end: end, info: info)
    }
}
