import MuJoCo

/// The scripted oracle of the Jaco reach tasks: each step, inverse kinematics (``SitePoseSolver``,
/// from the current arm angles, on a private simulation) for the pinch site pointing down 3 cm
/// above the target (inside the reward's 5 cm bound, clear of the floor), then arm joint
/// velocities proportional to the angle errors (gain 5 /s), clipped to the actuators' ranges;
/// the fingers are held still.
public struct JacoReacher {
    static let gain = 5.0
    static let clearance = SIMD3<Double>(0, 0, 0.03)

    /// What the reacher builds on its first step: a simulation to solve on, the solver and the
    /// arm actuators' velocity limits (their symmetric control ranges).
    private struct Workspace {
        let scratch: Simulation
        var solver: SitePoseSolver
        let velocityLimits: [Double]
    }
    private var workspace: Workspace?

    public init() {}

    /// The action in [-1, 1] for the environment's current state.
    public mutating func action(_ environment: LocomotionEnvironment<JacoReachTask>) throws -> [Float] {
        let simulation = environment.simulation, model = simulation.model
        var workspace = try self.workspace ?? Workspace(
            scratch: try Simulation(model: model), solver: SitePoseSolver(site: try model.site("pinchsite")),
            velocityLimits: model.objects(Actuator.self).prefix(SitePoseSolver.joints).map { $0.controlRange?.upperBound ?? 1 })
        defer { self.workspace = workspace }
        let scratch = workspace.scratch
        for k in 0..<model.nq { scratch.qpos[k] = simulation.qpos[k] }
        _ = workspace.solver.solve(scratch, position: environment.task.corner.target + Self.clearance,
                                   quaternion: ToolCenterPointInitializer.downQuaternion)
        return (0..<model.nu).map { k in
            guard k < SitePoseSolver.joints else { return 0 }
            let limit = workspace.velocityLimits[k]
            return Float(min(max(Self.gain * (scratch.qpos[k] - simulation.qpos[k]), -limit), limit) / limit)
        }
    }
}
