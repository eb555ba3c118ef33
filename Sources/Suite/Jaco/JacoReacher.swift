import MuJoCo

/// The scripted oracle of the Jaco reach tasks: each step, inverse kinematics (``SitePoseSolver``,
/// from the current arm angles, on a private simulation) for the pinch site pointing down 3 cm
/// above the target (inside the reward's 5 cm bound, clear of the floor), then arm joint
/// velocities proportional to the angle errors (gain 5 /s), clipped to the actuators' ranges;
/// the fingers are held still.
public struct JacoReacher {
    static let gain = 5.0
    static let clearance = SIMD3<Double>(0, 0, 0.03)

    private var solver: SitePoseSolver?
    private var scratch: Simulation?

    public init() {}

    /// The action in [-1, 1] for the environment's current state.
    public mutating func action(_ environment: LocomotionEnvironment<JacoReachTask>) throws -> [Float] {
        let simulation = environment.simulation, model = simulation.model
        if scratch == nil {
            scratch = try Simulation(model: model)
            solver = SitePoseSolver(site: try model.site("pinchsite"))
        }
        guard let scratch, var solver else { return [] }
        for k in 0..<model.nq { scratch.qpos[k] = simulation.qpos[k] }
        _ = solver.solve(scratch, position: environment.task.corner.target + Self.clearance,
                         quaternion: ToolCenterPointInitializer.downQuaternion)
        self.solver = solver
        let actuators = model.objects(Actuator.self)
        return (0..<model.nu).map { k in
            guard k < SitePoseSolver.joints, let range = actuators[k].controlRange else { return 0 }
            let velocity = min(max(Self.gain * (scratch.qpos[k] - simulation.qpos[k]), range.lowerBound), range.upperBound)
            return Float(velocity / range.upperBound)
        }
    }
}
