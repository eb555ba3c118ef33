import MuJoCo

/// dm_control's `ToolCenterPointInitializer` for the Jaco reach tasks, with the arm's
/// `set_site_to_xpos`: draws of the same generator in the same order, so that a seed gives
/// dm_control's initial arm configuration.
///
/// Up to 10 target positions, each drawn uniformly in the box (3 draws); for each, up to 10
/// inverse-kinematics attempts (``SitePoseSolver``), each success canonicalised into the joints'
/// sampling bounds (limited hinges: their range, the others [0, 2π)), each failure followed by
/// uniform joint angles within those bounds (6 draws). A solution is kept if, after a forward
/// pass, no contact at distance ≤ 0 joins two arm geoms, an arm and a hand geom, or a robot geom
/// and the world's; otherwise the arm returns to its angles before the first target.
struct ToolCenterPointInitializer {
    static let maxRejectionSamples = 10
    static let maxIKAttempts = 10
    /// The hand pointing down (dm_control's `DOWN_QUATERNION`).
    static let downQuaternion = SIMD4<Double>(0, 0.70710678118, 0.70710678118, 0)

    let lower: SIMD3<Double>, upper: SIMD3<Double>
    private var solver: SitePoseSolver
    /// Sampling bounds of the six arm joints.
    private let jointBounds: [ClosedRange<Double>]
    /// Who a geom belongs to, for the collision check: the world (external, without a free
    /// joint), the arm or the hand.
    private enum Owner { case world, arm, hand }
    private let geomOwner: [Owner]

    /// The initializer for `model`'s pinch site, drawing targets in the box `lower`–`upper`.
    init(model: Model, lower: SIMD3<Double>, upper: SIMD3<Double>) throws {
        self.lower = lower
        self.upper = upper
        solver = SitePoseSolver(site: try model.site("pinchsite"))
        jointBounds = try (1...6).map { try model.joint("joint_\($0)").range ?? 0...(2 * Double.pi) }
        let hand = try model.body("hand").id
        let bodies = model.objects(Body.self)
        func isInHand(_ id: Int) -> Bool {
            var body = id
            while body > 0 {
                if body == hand { return true }
                body = bodies[body].parentID
            }
            return false
        }
        geomOwner = model.objects(Geom.self).map { geom in
            geom.bodyID == 0 ? .world : isInHand(geom.bodyID) ? .hand : .arm
        }
    }

    /// Sets the arm's joint angles of `simulation` (fingers already set) so that the pinch site
    /// points down at a random position in the box; throws after 10 rejected targets.
    mutating func callAsFunction(_ simulation: Simulation, random: inout NumpyRandomState) throws {
        let qpos = simulation.qpos
        let initial = (0..<6).map { qpos[$0] }
        for _ in 0..<Self.maxRejectionSamples {
            var target = SIMD3<Double>()
            for axis in 0..<3 { target[axis] = random.uniform(lower[axis], upper[axis]) }
            if setSite(simulation, to: target, random: &random) {
                try simulation.forward()
                if !hasRelevantCollisions(simulation) { return }
            }
            for j in 0..<6 { qpos[j] = initial[j] }
        }
        throw EnvironmentError.resetFailed(env: "jaco", reason:
            "no collision-free arm configuration after \(Self.maxRejectionSamples) tool-centre-point targets of up to \(Self.maxIKAttempts) inverse-kinematics attempts each")
    }

    /// The arm's `set_site_to_xpos`: inverse kinematics, canonicalised angles, and fresh random
    /// angles after each failed attempt.
    private mutating func setSite(_ simulation: Simulation, to target: SIMD3<Double>, random: inout NumpyRandomState) -> Bool {
        let qpos = simulation.qpos
        for _ in 0..<Self.maxIKAttempts {
            var success = solver.solve(simulation, position: target, quaternion: Self.downQuaternion)
            if success {
                for (j, bounds) in jointBounds.enumerated() {
                    while qpos[j] >= bounds.upperBound { qpos[j] -= 2 * Double.pi }
                    while qpos[j] < bounds.lowerBound {
                        qpos[j] += 2 * Double.pi
                        if qpos[j] > bounds.upperBound { success = false; break }
                    }
                }
            }
            if success { return true }
            for (j, bounds) in jointBounds.enumerated() { qpos[j] = random.uniform(bounds.lowerBound, bounds.upperBound) }
        }
        return false
    }

    /// Whether a contact touches (distance ≤ 0) arm and arm, arm and hand, or robot and world.
    private func hasRelevantCollisions(_ simulation: Simulation) -> Bool {
        simulation.contacts.contains { contact in
            guard contact.distance <= 0 else { return false }
            let a = geomOwner[contact.geom1], b = geomOwner[contact.geom2]
            return (a == .arm && b != .world) || (b == .arm && a != .world) || (a == .world) != (b == .world)
        }
    }
}
