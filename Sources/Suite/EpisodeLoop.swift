/// dm_control's episode bookkeeping, shared by every environment: the step count, whether the
/// next step must begin a new episode (after the last step, or after physics that failed), and
/// the time step each step returns: `mid`, or `last` at the time limit (discount 1, truncated)
/// or on termination (discount 0).
struct EpisodeLoop {
    /// Steps per episode before the time limit.
    let length: Int
    /// Steps taken in the current episode.
    private(set) var stepCount = 0
    /// Whether the next step begins a new episode instead of applying its action.
    private(set) var needsReset = true

    init(length: Int) { self.length = length }

    /// An episode began (its reset succeeded).
    mutating func begin() {
        stepCount = 0
        needsReset = false
    }

    /// The episode cannot go on (a reset is under way): the next step must begin a new one.
    mutating func interrupt() { needsReset = true }

    /// Runs the physics of the next step; if it fails (reported as
    /// ``EnvironmentError/physicsDiverged(env:step:underlying:)`` with that step's number), the
    /// episode needs a reset.
    mutating func stepPhysics(env: String, _ body: () throws -> Void) throws {
        needsReset = true
        try EnvironmentError.reportingPhysics(env: env, step: stepCount + 1, body)
        needsReset = false
    }

    /// Counts the step and returns its time step.
    mutating func finish<Observation>(observation: Observation, reward: Double, terminated: Bool = false,
                                      info: [String: Double] = [:]) -> TimeStep<Observation> {
        stepCount += 1
        if terminated || stepCount >= length {
            needsReset = true
            return TimeStep(stepType: .last, observation: observation, reward: reward, discount: terminated ? 0 : 1,
                            end: terminated ? .terminated : .truncated, info: info)
        }
        return TimeStep(stepType: .mid, observation: observation, reward: reward, discount: 1, info: info)
    }
}
