/// Something that acts in an environment during evaluation: scripted, random or learned.
public protocol EvaluationPolicy {
    /// The action for the environment's current state, whose latest observation is `observation`.
    mutating func action(in environment: any Environment<[Float]>, observation: [Float]) throws -> [Float]
}

/// Uniform random actions within the action bounds (numpy-style generator, seeded).
public struct RandomPolicy: EvaluationPolicy {
    private var random: NumpyRandomState

    public init(seed: UInt32) { random = NumpyRandomState(seed: seed) }

    public mutating func action(in environment: any Environment<[Float]>, observation: [Float]) -> [Float] {
        let spec = environment.actionSpec
        return (0..<spec.shape[0]).map { i in
            Float(random.uniform(Double(spec.minimum?[i] ?? -1), Double(spec.maximum?[i] ?? 1)))
        }
    }
}

/// The scripted task solver: ``TaskOracle`` for the manipulation families, ``JacoReacher`` for
/// the Jaco reach tasks.
public struct OraclePolicy: EvaluationPolicy {
    /// Whether the registry entry has a scripted oracle: a manipulation family or Jaco reach.
    public static func exists(for entry: EnvironmentRegistry.Entry) -> Bool {
        entry.manipulationFamily != nil || entry.family == JacoReachTask.domain
    }

    private var oracle: TaskOracle
    private var reacher = JacoReacher()

    public init(seed: UInt32) { oracle = TaskOracle(seed: seed) }

    public mutating func action(in environment: any Environment<[Float]>, observation: [Float]) throws -> [Float] {
        if let manipulation = environment as? ManipulationEnvironment { return oracle.action(manipulation) }
        if let jaco = environment as? LocomotionEnvironment<JacoReachTask> { return try reacher.action(jaco) }
        throw EnvironmentError.resetFailed(env: environment.id,
                                           reason: "the oracle policy exists for the manipulation envs (cube, scene, puzzle) and Jaco reach only")
    }
}
