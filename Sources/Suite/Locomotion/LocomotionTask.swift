import MuJoCo

/// What differs between the ExORL tasks (dm_control locomotion and Jaco reach): their model,
/// control rate, episode length, reset randomisation, observation and reward.
/// ``LocomotionEnvironment`` supplies dm_control's episode loop.
public protocol LocomotionTask: Sendable {
    /// Physics steps per environment step (`n_sub_steps`).
    var substeps: Int { get }
    /// The domain the task belongs to (`walker`, `cheetah`, `quadruped`): the registry entry's
    /// family, which agents read for their per-domain hyperparameters.
    static var domain: String { get }
    /// Number of float32 values in the flat observation.
    static var observationSize: Int { get }
    /// Number of actuators, the size of an action.
    static var actionSize: Int { get }
    /// Environment steps per episode (1000 for dm_control's locomotion, 250 for Jaco's 10 s).
    static var episodeLength: Int { get }
    /// The camera pixel observations and videos use (dm_control's convention per domain).
    var pixelCamera: Int { get }

    /// Randomises the initial state after `mj_resetData` and a forward pass
    /// (`Task.initialize_episode`).
    func initializeEpisode(_ simulation: Simulation, random: inout NumpyRandomState) throws

    /// Writes the flat observation, assembled in float64 and cast once to float32.
    func writeObservation(_ simulation: Simulation, into observation: UnsafeMutableBufferPointer<Float>)

    /// The reward of the simulation's current state.
    func reward(_ simulation: Simulation) -> Double
}

extension LocomotionTask {
    public static var episodeLength: Int { 1000 }

    /// Number of float32 values in the flat observation (``observationSize``).
    public var observationSize: Int { Self.observationSize }
}
