/// A scripted solver of one data-collection subtask: OGBench's open-loop ``PlanOracle`` or
/// closed-loop ``MarkovOracle``. A collector asks it for actions until it is done, then draws
/// the next subtask (``ManipulationEnvironment/setNewTarget(stackProbability:)``).
public protocol SubtaskOracle {
    /// Whether the oracle finished (or gave up on) its subtask.
    var isDone: Bool { get }
    /// The next action in [−1, 1]⁵ for the environment's current state.
    mutating func action(_ environment: ManipulationEnvironment) -> [Float]
}

/// Which oracle family drives a collection: `play` datasets use plans, `noisy` ones Markov oracles.
public enum SubtaskOracleKind: String, Sendable, CaseIterable {
    case plan, markov

    /// An oracle of this kind for the environment's current subtask, drawing its randomness from `random`.
    public func make(for environment: ManipulationEnvironment, random: inout NumpyRandomState) -> any SubtaskOracle {
        switch self {
        case .plan: return PlanOracle(subtask: environment.subtask, environment: environment, random: &random)
        case .markov: return MarkovOracle(subtask: environment.subtask, environment: environment, random: &random)
        }
    }
}
