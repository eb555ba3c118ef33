import MuJoCo

/// dm_control's `inverse_kinematics.qpos_from_site_pose` with `inplace=True`, over the first six
/// degrees of freedom (the Jaco arm's joints), as the arm's `set_site_to_xpos` calls it
/// (`rot_weight` 2, the other settings at their defaults). Moves the simulation's `qpos`.
///
/// Each step: the error e = (target − site position, `mju_quat2Vel(target ⊗ site⁻¹)`) and its
/// norm ‖e_pos‖ + 2‖e_rot‖; success below 1e-14; otherwise the update solves (JᵀJ + λI) u = Jᵀe
/// (λ = 0.03 while the norm is above 0.1, else 0: numpy's `lstsq`, which equals the solve for a
/// non-singular JᵀJ), stops when ‖e‖/‖u‖ > 20, is scaled to a norm of at most 2 and added to
/// the arm joints, followed by `mj_kinematics` and `mj_comPos`. At most 100 steps.
struct SitePoseSolver {
    static let tolerance = 1e-14
    static let rotationWeight = 2.0
    static let regularizationThreshold = 0.1
    static let regularizationStrength = 3e-2
    static let maxUpdateNorm = 2.0
    static let progressThreshold = 20.0
    static let maxSteps = 100
    /// Degrees of freedom the solver moves (the arm's six hinges, dofs 0–5).
    static let joints = 6

    let site: Site
    private var jacp: [Double] = [], jacr: [Double] = []
    private var jacobian = [Double](repeating: 0, count: 36)
    private var system = [Double](repeating: 0, count: 36)
    private var error = [Double](repeating: 0, count: 6)
    private var update = [Double](repeating: 0, count: 6)

    init(site: Site) { self.site = site }

    /// Runs the solver on `simulation` from its current joint angles; true if it converged.
    mutating func solve(_ simulation: Simulation, position target: SIMD3<Double>, quaternion: SIMD4<Double>) -> Bool {
        let n = Self.joints, nv = simulation.model.nv
        let qpos = simulation.qpos
        simulation.computeKinematics()
        simulation.computeCenterOfMassFrames()
        for _ in 0..<Self.maxSteps {
            let (positionError, rotationError) = simulation.poseError(of: site, position: target, quaternion: quaternion)
            let errorNorm = Self.norm(positionError) + Self.norm(rotationError) * Self.rotationWeight
            if errorNorm < Self.tolerance { return true }
            for k in 0..<3 { error[k] = positionError[k]; error[3 + k] = rotationError[k] }
            simulation.jacobian(of: site, translation: &jacp, rotation: &jacr)
            for r in 0..<3 {
                for c in 0..<n {
                    jacobian[n * r + c] = jacp[nv * r + c]
                    jacobian[n * (r + 3) + c] = jacr[nv * r + c]
                }
            }
            let regularization = errorNorm > Self.regularizationThreshold ? Self.regularizationStrength : 0
            for i in 0..<n {
                for j in 0..<n {
                    var s = 0.0
                    for r in 0..<6 { s += jacobian[n * r + i] * jacobian[n * r + j] }
                    system[n * i + j] = s + (i == j ? regularization : 0)
                }
                var g = 0.0
                for r in 0..<6 { g += jacobian[n * r + i] * error[r] }
                update[i] = g
            }
            GaussianElimination.solve(&system, &update, size: n)
            var squares = 0.0
            for i in 0..<n { squares += update[i] * update[i] }
            let updateNorm = squares.squareRoot()
            if errorNorm / updateNorm > Self.progressThreshold { return false }
            let scale = updateNorm > Self.maxUpdateNorm ? Self.maxUpdateNorm / updateNorm : 1
            for i in 0..<n { qpos[i] += update[i] * scale }
            simulation.computeKinematics()
            simulation.computeCenterOfMassFrames()
        }
        return false
    }

    private static func norm(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
}
