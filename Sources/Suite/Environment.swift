import MuJoCo
import Rendering

/// A task every family in the project implements: reset, step, specs, episode length, physics.
///
/// Environments are not thread-safe; use one per thread (``VectorEnvironment`` does this).
public protocol Environment<Observation>: AnyObject {
    associatedtype Observation

    /// The registry id, for example `walker_walk`.
    var id: String { get }
    var observationSpec: ArraySpec { get }
    /// Actions are float32 within the spec's bounds.
    var actionSpec: ArraySpec { get }
    /// Steps per episode before the time limit.
    var episodeLength: Int { get }
    /// The simulation the task runs.
    var simulation: Simulation { get }
    /// The camera that pixel observations and videos use by default.
    var defaultCamera: RenderCamera { get }

    /// Starts a new episode. With a seed, the environment's random generator is re-seeded first
    /// (as if created with that seed); without one, the generator's stream continues.
    func reset(seed: UInt32?) throws -> Observation

    /// Applies an action. After the last step of an episode, a step starts a new episode and
    /// returns its first time step, as dm_control does.
    func step(_ action: [Float]) throws -> TimeStep<Observation>
}

extension Environment {
    /// Starts a new episode, continuing the random stream.
    public func reset() throws -> Observation { try reset(seed: nil) }
}

/// An environment whose reward can be computed from a stored physics state, for relabeling
/// reward-free datasets with a task's reward.
public protocol StateRewardEnvironment: AnyObject {
    /// The task's reward for a physics state (qpos ‖ qvel ‖ act), as the step that reached it
    /// would have reported.
    func reward(physicsState: [Double]) throws -> Double
}

extension Environment {
    /// Steps and drops the time step: lets timing loops step environments of any observation type.
    public func stepDiscardingResult(_ action: [Float]) throws { _ = try step(action) }
}
