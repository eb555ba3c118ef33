import MuJoCo

/// OGBench's differential inverse kinematics for the arm (§3.3): damped least squares on the
/// attachment site's 6×6 Jacobian, at most 20 updates of at most 45° per joint, stopping when
/// both position and orientation errors are ≤ 1e-4. Runs on its own simulation of the same
/// model (only the six arm joints move the attachment site), with preallocated buffers.
final class DifferentialIK {
    static let maxIterations = 20
    static let tolerance = 1e-4
    static let damping = 1e-12
    static let maxStep = Double.pi / 4

    private let simulation: Simulation
    private let site: Site
    private var jacp: [Double] = [], jacr: [Double] = []
    /// J (6×6, row-major), H = JJᵀ + λI and the right-hand side, reused by every solve.
    private var jacobian = [Double](repeating: 0, count: 36)
    private var system = [Double](repeating: 0, count: 36)
    private var error = [Double](repeating: 0, count: 6)
    /// The joint angles being solved for, and one update of them.
    private var angles = [Double](repeating: 0, count: 6)
    private var update = [Double](repeating: 0, count: 6)

    /// A solver on a private simulation of `model`, for the site named `site`.
    init(model: Model, site: String) throws {
        simulation = try Simulation(model: model)
        self.site = try model.site(site)
    }

    /// Joint angles (6) that put the site at `position` with orientation `quaternion`, starting
    /// from the first six values of `start` (the current arm angles).
    func solve<Start: RandomAccessCollection<Double>>(position: SIMD3<Double>, quaternion: SIMD4<Double>,
                                                      start: Start) -> [Double] where Start.Index == Int {
        for j in 0..<6 { angles[j] = start[start.startIndex + j] }
        let qpos = simulation.qpos
        for _ in 0..<Self.maxIterations {
            for j in 0..<6 { qpos[j] = angles[j] }
            simulation.computeKinematics()
            simulation.computeCenterOfMassFrames()
            let (positionError, rotationError) = simulation.poseError(of: site, position: position, quaternion: quaternion)
            if (positionError * positionError).sum().squareRoot() <= Self.tolerance,
               (rotationError * rotationError).sum().squareRoot() <= Self.tolerance { break }
            for k in 0..<3 { error[k] = positionError[k]; error[3 + k] = rotationError[k] }
            simulation.jacobian(of: site, translation: &jacp, rotation: &jacr)
            let nv = simulation.model.nv
            for r in 0..<3 {
                for c in 0..<6 {
                    jacobian[6 * r + c] = jacp[nv * r + c]
                    jacobian[6 * (r + 3) + c] = jacr[nv * r + c]
                }
            }
            leastSquaresStep()
            var largest = 0.0
            for j in 0..<6 { largest = max(largest, abs(update[j])) }
            if largest > Self.maxStep {
                for j in 0..<6 { update[j] *= Self.maxStep / largest }
            }
            for j in 0..<6 { angles[j] += update[j] }
        }
        return angles
    }

    /// `update` := Jᵀ (JJᵀ + λI)⁻¹ e, solving the 6×6 system by ``GaussianElimination``; the error
    /// vector is overwritten.
    private func leastSquaresStep() {
        for r in 0..<6 {
            for c in 0..<6 {
                var s = 0.0
                for k in 0..<6 { s += jacobian[6 * r + k] * jacobian[6 * c + k] }
                system[6 * r + c] = s + (r == c ? Self.damping : 0)
            }
        }
        GaussianElimination.solve(&system, &error, size: 6)
        for j in 0..<6 {
            var s = 0.0
            for r in 0..<6 { s += jacobian[6 * r + j] * error[r] }
            update[j] = s
        }
    }
}
