import Foundation
import MuJoCo

/// The planar walker's tasks: stand, walk (1 m/s), run (8 m/s) and ExORL's flip (spin at 5).
public struct WalkerTask: LocomotionTask {
    public enum Kind: String, CaseIterable, Sendable { case stand, walk, run, flip }

    public let kind: Kind
    public let substeps = 10
    public static let domain = "walker"
    public static let observationSize = 24
    public static let actionSize = 6
    public let pixelCamera = 0
    private let torso: Body
    private let bodies: [Body]
    private let speedSensor: Sensor

    public init(kind: Kind, model: Model) throws {
        self.kind = kind
        torso = try model.body("torso")
        bodies = Array(model.objects(Body.self).dropFirst())
        speedSensor = try model.sensor("torso_subtreelinvel")
    }

    /// Limited hinges and slides get uniform(range), unlimited hinges uniform(−π, π), in joint
    /// order (dm_control's `randomize_limited_and_rotational_joints`).
    public func initializeEpisode(_ simulation: Simulation, random: inout NumpyRandomState) throws {
        randomizeLimitedAndRotationalJoints(simulation, random: &random)
    }

    /// orientations (xx and xz of bodies 1…7), torso height, qvel.
    public func writeObservation(_ simulation: Simulation, into out: UnsafeMutableBufferPointer<Float>) {
        let xmat = simulation.xmat
        var k = 0
        for body in bodies {
            out[k] = Float(xmat[9 * body.id]); out[k + 1] = Float(xmat[9 * body.id + 2])
            k += 2
        }
        out[k] = Float(simulation.position(of: torso).z)
        k += 1
        for value in simulation.qvel { out[k] = Float(value); k += 1 }
    }

    public func reward(_ simulation: Simulation) -> Double {
        let height = simulation.position(of: torso).z
        let standing = tolerance(height, bounds: (1.2, .infinity), margin: 0.6)
        let upright = (1 + simulation.orientation(of: torso)[2, 2]) / 2
        let stand = (3 * standing + upright) / 4
        let move: Double
        switch kind {
        case .stand:
            return stand
        case .walk:
            move = tolerance(simulation.reading(of: speedSensor)[0], bounds: (1, .infinity), margin: 0.5,
                             sigmoid: .linear, valueAtMargin: 0.5)
        case .run:
            move = tolerance(simulation.reading(of: speedSensor)[0], bounds: (8, .infinity), margin: 4,
                             sigmoid: .linear, valueAtMargin: 0.5)
        case .flip:
            move = tolerance(simulation.subtreeAngularMomentum(of: torso).y, bounds: (5, .infinity), margin: 5,
                             sigmoid: .linear, valueAtMargin: 0)
        }
        return stand * (5 * move + 1) / 6
    }
}

/// dm_control's `randomize_limited_and_rotational_joints` for hinge and slide joints.
func randomizeLimitedAndRotationalJoints(_ simulation: Simulation, random: inout NumpyRandomState) {
    for joint in simulation.model.objects(Joint.self) where joint.kind == .hinge || joint.kind == .slide {
        if let range = joint.range {
            simulation.qpos[joint.qposAddress] = random.uniform(range.lowerBound, range.upperBound)
        } else if joint.kind == .hinge {
            simulation.qpos[joint.qposAddress] = random.uniform(-Double.pi, Double.pi)
        }
    }
}
