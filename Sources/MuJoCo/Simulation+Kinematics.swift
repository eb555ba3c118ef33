import CMuJoCo

extension Simulation {
    /// Computes body, site and geom poses from `qpos` only (`mj_kinematics`).
    public func computeKinematics() { mj_kinematics(model.pointer, pointer) }

    /// Computes the com-based quantities the Jacobians need (`mj_comPos`); run after
    /// ``computeKinematics()``.
    public func computeCenterOfMassFrames() { mj_comPos(model.pointer, pointer) }

    /// Computes `cacc`, `cfrc_int` and `cfrc_ext` after a step (`mj_rnePostConstraint`); MuJoCo
    /// does so itself only when a sensor needs them.
    public func computeConstraintForces() { mj_rnePostConstraint(model.pointer, pointer) }

    /// The site's orientation as a unit quaternion (w, x, y, z) (`mju_mat2Quat` of `site_xmat`).
    public func quaternion(of site: Site) -> SIMD4<Double> {
        QuaternionMath.quaternion(matrix: d.site_xmat + 9 * site.id)
    }

    /// The site's translational and rotational Jacobians (`mj_jacSite`), each 3×nv row-major,
    /// written into the caller's arrays (resized to 3·nv if needed; no allocation otherwise).
    public func jacobian(of site: Site, translation: inout [Double], rotation: inout [Double]) {
        let count = 3 * model.nv
        if translation.count != count { translation = Array(repeating: 0, count: count) }
        if rotation.count != count { rotation = Array(repeating: 0, count: count) }
        translation.withUnsafeMutableBufferPointer { jacp in
            rotation.withUnsafeMutableBufferPointer { jacr in
                mj_jacSite(model.pointer, pointer, jacp.baseAddress, jacr.baseAddress, Int32(site.id))
            }
        }
    }

    /// External (contact and constraint) wrenches on each body, 6 per body as (torque, force) in
    /// the com-based frame (`cfrc_ext`); valid after ``computeConstraintForces()``.
    public var externalWrenches: FieldView<Double> { FieldView(owner: self, base: d.cfrc_ext, count: 6 * model.nbody) }
}
