import Foundation
import MuJoCo

/// The quadruped's tasks: walk (0.5 m/s), run (5 m/s), and ExORL's stand and jump (COM at 1 m).
public struct QuadrupedTask: LocomotionTask {
    public enum Kind: String, CaseIterable, Sendable { case walk, run, stand, jump }

    public let kind: Kind
    public let substeps = 4
    public static let domain = "quadruped"
    public static let observationSize = 78
    public static let actionSize = 12
    public let pixelCamera = 2
    private let torso: Body
    private let hinges: [Joint]
    private let velocimeter: Sensor, centerOfMass: Sensor
    private let imuSensors: [Sensor], forceTorqueSensors: [Sensor]

    public init(kind: Kind, model: Model) throws {
        self.kind = kind
        torso = try model.body("torso")
        hinges = model.objects(Joint.self).filter { $0.kind != .free }
        velocimeter = try model.sensor("velocimeter")
        centerOfMass = try model.sensor("center_of_mass")
        let sensors = model.objects(Sensor.self)
        imuSensors = sensors.filter { $0.kind == .accelerometer || $0.kind == .gyro }
        forceTorqueSensors = sensors.filter { $0.kind == .force || $0.kind == .torque }
    }

    /// A uniformly random orientation (4 Gaussians, normalised), then the lowest height, in 1 cm
    /// steps from 0, at which the robot touches nothing.
    public func initializeEpisode(_ simulation: Simulation, random: inout NumpyRandomState) throws {
        var q = (0..<4).map { _ in random.standardNormal() }
        let norm = (q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]).squareRoot()
        q = q.map { $0 / norm }
        var z = 0.0
        // dm_control's `_find_non_contacting_height` catches the PhysicsError that a full
        // contact buffer raises while it tries a height and moves on to the next height; the
        // two `try?` below do exactly that, so seeds give dm_control's initial states.
        for _ in 0...10_000 {
            simulation.reset()
            try? simulation.forwardWithoutActuation()
            simulation.qpos[0] = 0; simulation.qpos[1] = 0; simulation.qpos[2] = z
            for i in 0..<4 { simulation.qpos[3 + i] = q[i] }
            try? simulation.forwardWithoutActuation()
            if simulation.contacts.isEmpty { return }
            z += 0.01
        }
        throw EnvironmentError.resetFailed(env: "quadruped", reason: "no non-contacting height within 100 m")
    }

    /// egocentric state (hinge qpos, hinge qvel, act), torso velocity, upright, IMU, and the
    /// arcsinh of the toe force/torque sensors.
    public func writeObservation(_ simulation: Simulation, into out: UnsafeMutableBufferPointer<Float>) {
        var k = 0
        func put(_ value: Double) { out[k] = Float(value); k += 1 }
        let qpos = simulation.qpos, qvel = simulation.qvel
        for joint in hinges { put(qpos[joint.qposAddress]) }
        for joint in hinges { put(qvel[joint.dofAddress]) }
        for value in simulation.act { put(value) }
        for value in simulation.reading(of: velocimeter) { put(value) }
        put(simulation.orientation(of: torso)[2, 2])
        for sensor in imuSensors { for value in simulation.reading(of: sensor) { put(value) } }
        for sensor in forceTorqueSensors { for value in simulation.reading(of: sensor) { put(asinh(value)) } }
    }

    public func reward(_ simulation: Simulation) -> Double {
        let upright = tolerance(simulation.orientation(of: torso)[2, 2], bounds: (1, .infinity), margin: 2,
                                sigmoid: .linear, valueAtMargin: 0)
        switch kind {
        case .stand:
            return upright
        case .walk, .run:
            let target = kind == .walk ? 0.5 : 5.0
            return upright * tolerance(simulation.reading(of: velocimeter)[0], bounds: (target, .infinity),
                                       margin: target, sigmoid: .linear, valueAtMargin: 0.5)
        case .jump:
            return upright * tolerance(simulation.reading(of: centerOfMass)[2], bounds: (1, .infinity), margin: 1,
                                       sigmoid: .linear, valueAtMargin: 0.5)
        }
    }
}
