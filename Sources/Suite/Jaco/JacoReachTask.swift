import Foundation
import MuJoCo

/// ExORL's Jaco reach tasks (the InFOM reference's `custom_dmc_tasks/jaco.py` on dm_control's
/// composer): bring the Kinova Jaco's pinch site to a fixed target 1 mm above the floor.
///
/// 20 physics steps of 2 ms per environment step and 250 steps (10 s) per episode. Reset: the
/// fingers at one uniform close factor, then the arm by ``ToolCenterPointInitializer``. The
/// observation (42 float32) is dm_control's `PERFECT_FEATURES` in the order of the reference's
/// `FlattenJacoObservationWrapper`: the arm joints' (sin, cos) pairs (12), their torques about
/// the joint axes through `sign(x)·log1p(|x|)` (6), their velocities (6), the finger angles (3)
/// and velocities (3), the pinch site's position (3) and rotation matrix (9, row-major). The
/// reward is `tolerance(‖pinch site − target‖, bounds: (0, 0.05), margin: 0.05)` in float32.
public struct JacoReachTask: LocomotionTask {
    /// The four targets, named as the reference names the tasks (`reach_<corner>`).
    public enum Corner: String, CaseIterable, Sendable {
        case topLeft = "top_left", topRight = "top_right", bottomLeft = "bottom_left", bottomRight = "bottom_right"

        /// The target position in metres: (±0.09, ±0.09, 0.001).
        public var target: SIMD3<Double> {
            switch self {
            case .topLeft: SIMD3(-0.09, 0.09, 0.001)
            case .topRight: SIMD3(0.09, 0.09, 0.001)
            case .bottomLeft: SIMD3(-0.09, -0.09, 0.001)
            case .bottomRight: SIMD3(0.09, -0.09, 0.001)
            }
        }
    }

    public static let domain = "jaco"
    public static let observationSize = 42
    public static let actionSize = 9
    public static let episodeLength = 250
    /// The target's radius: the reward's bounds and margin.
    public static let targetRadius = 0.05
    /// The box the tool-centre point starts in (dm_control's `_SITE_WORKSPACE.tcp_bbox`).
    public static let startBox = (lower: SIMD3<Double>(-0.2, -0.2, 0.02), upper: SIMD3<Double>(0.2, 0.2, 0.4))

    public let corner: Corner
    public let substeps = 20
    /// `front_close`, the model's only camera.
    public let pixelCamera = 0
    private let pinchSite: Site
    private let torqueSensors: [Sensor]
    private let fingerRanges: [ClosedRange<Double>]
    private let initializer: ToolCenterPointInitializer

    /// The task for `corner` on the Jaco model; places the model's visible target site there.
    public init(corner: Corner, model: Model) throws {
        self.corner = corner
        pinchSite = try model.site("pinchsite")
        torqueSensors = try (1...6).map { try model.sensor("joint_\($0)_torque") }
        fingerRanges = try (1...3).map { finger in
            guard let range = try model.joint("finger_\(finger)").range else {
                throw EnvironmentError.assetsUnavailable("jaco/jaco.xml: finger_\(finger) has no range")
            }
            return range
        }
        initializer = try ToolCenterPointInitializer(model: model, lower: Self.startBox.lower, upper: Self.startBox.upper)
        let target = try model.site("target_site").id
        for axis in 0..<3 { model.sitePos[3 * target + axis] = corner.target[axis] }
    }

    /// `hand.set_grasp(close_factors=uniform())`, a forward pass, then the arm.
    public func initializeEpisode(_ simulation: Simulation, random: inout NumpyRandomState) throws {
        let close = random.randomSample()
        for (finger, range) in fingerRanges.enumerated() {
            simulation.qpos[6 + finger] = range.lowerBound + (range.upperBound - range.lowerBound) * close
        }
        try simulation.forwardWithoutActuation()
        for k in 0..<simulation.model.nu { simulation.ctrl[k] = 0 }
        var initializer = initializer
        try initializer(simulation, random: &random)
    }

    public func writeObservation(_ simulation: Simulation, into out: UnsafeMutableBufferPointer<Float>) {
        let qpos = simulation.qpos, qvel = simulation.qvel
        for j in 0..<6 {
            out[2 * j] = Float(sin(qpos[j]))
            out[2 * j + 1] = Float(cos(qpos[j]))
        }
        for (j, sensor) in torqueSensors.enumerated() {
            // The joint axes are the bodies' z axes: the projection is the reading's third entry.
            let torque = simulation.reading(of: sensor)[2]
            let magnitude = log1p(abs(torque))
            out[12 + j] = Float(torque < 0 ? -magnitude : torque > 0 ? magnitude : 0)
        }
        for j in 0..<6 { out[18 + j] = Float(qvel[j]) }
        for f in 0..<3 {
            out[24 + f] = Float(qpos[6 + f])
            out[27 + f] = Float(qvel[6 + f])
        }
        let position = simulation.position(of: pinchSite), rotation = simulation.orientation(of: pinchSite).rowMajor
        for axis in 0..<3 { out[30 + axis] = Float(position[axis]) }
        for entry in 0..<9 { out[33 + entry] = Float(rotation[entry]) }
    }

    public func reward(_ simulation: Simulation) -> Double {
        let offset = simulation.position(of: pinchSite) - corner.target
        let distance = (offset * offset).sum().squareRoot()
        return Double(Float(tolerance(distance, bounds: (0, Self.targetRadius), margin: Self.targetRadius)))
    }
}
