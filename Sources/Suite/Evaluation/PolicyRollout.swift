/// One environment driven by a policy, episode by episode: the latest observation and the
/// running totals of the current episode. `infom eval` and `infom render` step episodes through it.
public final class PolicyRollout {
    public let environment: any Environment<[Float]>
    /// The policy of the current episode (from ``reset(seed:task:policy:)``).
    public private(set) var policy: (any EvaluationPolicy)?
    public private(set) var observation: [Float] = []
    /// The evaluation task of the episode (manipulation, task mode), as asked for at reset.
    public private(set) var task: Int?
    public private(set) var steps = 0
    public private(set) var episodeReturn = 0.0
    /// The reward and `info["success"]` (0 when absent) of the latest step.
    public private(set) var reward = 0.0, success = 0.0
    /// Whether the episode ended (its last step, or the step limit of ``step(maxSteps:)``).
    public private(set) var isDone = false

    public init(environment: any Environment<[Float]>) {
        self.environment = environment
    }

    /// Starts an episode: resets with `seed` (and `task`, for an environment whose task is
    /// selectable) and takes `policy`.
    public func reset(seed: UInt32, task: Int? = nil, policy: any EvaluationPolicy) throws {
        self.policy = policy
        self.task = task
        (environment as? any TaskSelectableEnvironment)?.taskID = task
        observation = try environment.reset(seed: seed)
        steps = 0
        episodeReturn = 0
        reward = 0
        success = 0
        isDone = false
    }

    /// One step with the policy's action; the episode is done at its last step or after `maxSteps`.
    public func step(maxSteps: Int? = nil) throws {
        precondition(policy != nil && !isDone, "no episode under way; reset first")
        let step = try environment.step(try policy!.action(in: environment, observation: observation))
        observation = step.observation
        steps += 1
        reward = step.reward
        episodeReturn += step.reward
        success = step.info["success"] ?? 0
        isDone = step.stepType == .last || steps >= (maxSteps ?? .max)
    }

    /// The episode's outcome (its task as asked for, or the one a manipulation env drew).
    public var outcome: EpisodeOutcome {
        EpisodeOutcome(task: task ?? (environment as? any TaskSelectableEnvironment)?.currentTask, success: success,
                       episodeReturn: episodeReturn, length: steps)
    }
}
