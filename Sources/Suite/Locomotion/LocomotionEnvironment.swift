import MuJoCo
import Rendering

/// A dm_control locomotion task with ExORL's action scaling and flat float32 observations.
///
/// Reset: `mj_resetData`, forward without actuation, the task's randomisation, forward without
/// actuation. Step: ctrl from the scaled action, `mj_step2`, (n−1)×`mj_step`, `mj_step1`, then
/// reward, then observation. Episodes last the task's ``LocomotionTask/episodeLength`` steps
/// (1000; Jaco 250); the discount is always 1. dm_control's composer (Jaco) steps the same way:
/// its `mj_step2`, `mj_step1` per physics step is the same sequence of computations.
public final class LocomotionEnvironment<Task: LocomotionTask>: Environment, StateRewardEnvironment {
    public let id: String
    public let task: Task
    public let simulation: Simulation
    public let observationSpec: ArraySpec
    public let actionSpec: ArraySpec
    public var episodeLength: Int { episode.length }
    public var defaultCamera: RenderCamera { .id(task.pixelCamera) }

    private var random: NumpyRandomState
    private var episode: EpisodeLoop
    /// Per-actuator float32 lower bound and scale of ExORL's `action_scale` wrapper.
    private let actionLow: [Float], actionScale: [Float]
    /// A second simulation for computing rewards of stored states without touching the episode.
    private lazy var relabelSimulation: Simulation? = try? Simulation(model: simulation.model)

    /// Creates the task on `model` with the random generator seeded with `seed`.
    public init(id: String, task: Task, model: Model, seed: UInt32, episodeLength: Int = Task.episodeLength) throws {
        self.id = id
        self.task = task
        episode = EpisodeLoop(length: episodeLength)
        simulation = try Simulation(model: model)
        random = NumpyRandomState(seed: seed)
        let actuators = model.objects(Actuator.self)
        let bounds = actuators.map { $0.controlRange ?? -1...1 }
        actionLow = bounds.map { Float($0.lowerBound) }
        actionScale = bounds.map { (Float($0.upperBound) - Float($0.lowerBound)) / 2 }
        observationSpec = ArraySpec(name: "observations", shape: [task.observationSize], dtype: .float32)
        actionSpec = ArraySpec(name: "action", shape: [model.nu], dtype: .float32,
                               minimum: Array(repeating: -1, count: model.nu), maximum: Array(repeating: 1, count: model.nu))
    }

    public func reset(seed: UInt32?) throws -> [Float] {
        if let seed { random = NumpyRandomState(seed: seed) }
        simulation.reset()
        try EnvironmentError.reportingPhysics(env: id, step: 0) {
            try simulation.forwardWithoutActuation()
            try task.initializeEpisode(simulation, random: &random)
            try simulation.forwardWithoutActuation()
        }
        episode.begin()
        return observation()
    }

    public func step(_ action: [Float]) throws -> TimeStep<[Float]> {
        if episode.needsReset {
            return TimeStep(stepType: .first, observation: try reset(seed: nil), reward: 0, discount: 1)
        }
        try applyAction(action)
        try episode.stepPhysics(env: id) {
            try simulation.step2()
            for _ in 1..<task.substeps { try simulation.step() }
            try simulation.step1()
        }
        let reward = task.reward(simulation)
        return episode.finish(observation: observation(), reward: reward)
    }

    /// The reward of the task for a stored physics state (qpos ‖ qvel ‖ act), computed the way
    /// ExORL relabels datasets: reset context, set state, forward without actuation, reward.
    public func reward(physicsState state: [Double]) throws -> Double {
        guard let scratch = relabelSimulation else {
            throw EnvironmentError.resetFailed(env: id, reason: "cannot allocate a simulation for relabeling")
        }
        do {
            guard try scratch.loadPhysicsState(state) else {
                throw EnvironmentError.wrongPhysicsStateSize(
                    env: id, expected: scratch.model.nq + scratch.model.nv + scratch.model.na, actual: state.count)
            }
        } catch let error as SimulationError {
            throw EnvironmentError.physicsDiverged(env: id, step: 0, underlying: error)
        }
        return task.reward(scratch)
    }

    /// Validates the action and writes ExORL's float32 scaling of it into `ctrl`
    /// (numpy 1.x semantics: every operation rounded to float32).
    private func applyAction(_ action: [Float]) throws {
        guard action.count == actionLow.count else {
            throw EnvironmentError.wrongActionSize(env: id, expected: actionLow.count, actual: action.count)
        }
        let ctrl = simulation.ctrl
        for i in 0..<action.count {
            let a = action[i]
            guard a.isFinite else { throw EnvironmentError.nonFiniteAction(env: id, index: i, value: a) }
            let shifted: Float = a + 1
            let scaled: Float = actionScale[i] * shifted
            ctrl[i] = Double(actionLow[i] + scaled)
        }
    }

    private func observation() -> [Float] {
        [Float](unsafeUninitializedCapacity: task.observationSize) { buffer, count in
            task.writeObservation(simulation, into: buffer)
            count = task.observationSize
        }
    }
}
