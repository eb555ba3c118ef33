import MuJoCo

/// Errors from environments; each message names the problem and how to fix it.
public enum EnvironmentError: Error, Equatable, CustomStringConvertible {
    /// No environment has this id.
    case unknownID(String, suggestions: [String])
    /// The action has the wrong number of elements.
    case wrongActionSize(env: String, expected: Int, actual: Int)
    /// An action element is NaN or infinite.
    case nonFiniteAction(env: String, index: Int, value: Float)
    /// The physics diverged or overflowed a buffer during a step.
    case physicsDiverged(env: String, step: Int, underlying: SimulationError)
    /// A stored physics state has the wrong length for the task's model.
    case wrongPhysicsStateSize(env: String, expected: Int, actual: Int)
    /// The model assets could not be found or loaded.
    case assetsUnavailable(String)
    /// A reset could not find a valid initial state.
    case resetFailed(env: String, reason: String)
    /// The environment cannot do what was asked of it (for example scripted oracles on a
    /// locomotion task).
    case unsupported(env: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownID(id, suggestions):
            let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.joined(separator: ", "))?"
            return "unknown env ID '\(id)'.\(hint) `infom envs` lists them all."
        case let .wrongActionSize(env, expected, actual):
            return "\(env) takes actions of \(expected) values, got \(actual)"
        case let .nonFiniteAction(env, index, value):
            return "\(env): action element \(index) is \(value); actions must be finite numbers in [-1, 1]"
        case let .physicsDiverged(env, step, underlying):
            return "\(env): physics diverged at step \(step): \(underlying)"
        case let .wrongPhysicsStateSize(env, expected, actual):
            return "\(env): a physics state has \(expected) values (qpos, qvel, act), got \(actual)"
        case let .assetsUnavailable(message):
            return message
        case let .resetFailed(env, reason):
            return "\(env): reset failed: \(reason)"
        case let .unsupported(env, reason):
            return "\(env): \(reason)"
        }
    }
}

extension EnvironmentError {
    /// Runs `body`, reporting MuJoCo's errors as ``physicsDiverged(env:step:underlying:)`` of
    /// `env` at `step` (0 for a reset).
    static func reportingPhysics<T>(env: String, step: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SimulationError {
            throw EnvironmentError.physicsDiverged(env: env, step: step, underlying: error)
        }
    }
}
