import MuJoCo

extension Simulation {
    /// The error of `site`'s pose against a target, as both inverse-kinematics solvers compute
    /// it: the position difference and `mju_quat2Vel(target ⊗ site⁻¹, 1)`.
    func poseError(of site: Site, position: SIMD3<Double>, quaternion: SIMD4<Double>)
        -> (position: SIMD3<Double>, rotation: SIMD3<Double>) {
        let rotation = QuaternionMath.velocity(
            QuaternionMath.multiply(quaternion, QuaternionMath.conjugate(self.quaternion(of: site))), dt: 1)
        return (position - self.position(of: site), rotation)
    }
}
