import CMuJoCo

/// Reads three consecutive values as a vector.
@inline(__always)
func vector3(_ p: UnsafeMutablePointer<Double>, _ index: Int) -> SIMD3<Double> {
    SIMD3(p[3 * index], p[3 * index + 1], p[3 * index + 2])
}

extension Simulation {
    /// A body's position in the world frame (`xpos`).
    public func position(of body: Body) -> SIMD3<Double> { vector3(d.xpos, body.id) }
    /// A body's orientation in the world frame (`xmat`).
    public func orientation(of body: Body) -> Matrix3x3 { Matrix3x3(rowMajor: d.xmat + 9 * body.id) }
    /// A body's orientation as a unit quaternion (w, x, y, z) (`xquat`).
    public func quaternion(of body: Body) -> SIMD4<Double> {
        let q = d.xquat + 4 * body.id
        return SIMD4(q[0], q[1], q[2], q[3])
    }
    /// A body's centre of mass in the world frame (`xipos`).
    public func centerOfMass(of body: Body) -> SIMD3<Double> { vector3(d.xipos, body.id) }
    /// The centre of mass of a body and all its descendants (`subtree_com`).
    public func subtreeCenterOfMass(of body: Body) -> SIMD3<Double> { vector3(d.subtree_com, body.id) }
    /// The linear velocity of a subtree's centre of mass (`subtree_linvel`); valid after
    /// ``computeSubtreeVelocities()`` or when a sensor makes MuJoCo compute it.
    public func subtreeLinearVelocity(of body: Body) -> SIMD3<Double> { vector3(d.subtree_linvel, body.id) }
    /// The angular momentum of a subtree about its centre of mass (`subtree_angmom`); valid after
    /// ``computeSubtreeVelocities()`` or when a sensor makes MuJoCo compute it.
    public func subtreeAngularMomentum(of body: Body) -> SIMD3<Double> { vector3(d.subtree_angmom, body.id) }

    /// A site's position in the world frame (`site_xpos`).
    public func position(of site: Site) -> SIMD3<Double> { vector3(d.site_xpos, site.id) }
    /// A site's orientation in the world frame (`site_xmat`).
    public func orientation(of site: Site) -> Matrix3x3 { Matrix3x3(rowMajor: d.site_xmat + 9 * site.id) }

    /// A geom's position in the world frame (`geom_xpos`).
    public func position(of geom: Geom) -> SIMD3<Double> { vector3(d.geom_xpos, geom.id) }
    /// A geom's orientation in the world frame (`geom_xmat`).
    public func orientation(of geom: Geom) -> Matrix3x3 { Matrix3x3(rowMajor: d.geom_xmat + 9 * geom.id) }

    /// A camera's position in the world frame (`cam_xpos`).
    public func position(of camera: Camera) -> SIMD3<Double> { vector3(d.cam_xpos, camera.id) }
    /// A camera's orientation in the world frame (`cam_xmat`).
    public func orientation(of camera: Camera) -> Matrix3x3 { Matrix3x3(rowMajor: d.cam_xmat + 9 * camera.id) }

    /// A joint's coordinates in `qpos` (7 for free, 4 for ball, 1 for slide and hinge joints).
    public func qpos(of joint: Joint) -> FieldView<Double> { qpos.view(joint.qposRange) }
    /// A joint's velocities in `qvel` (6 for free, 3 for ball, 1 for slide and hinge joints).
    public func qvel(of joint: Joint) -> FieldView<Double> { qvel.view(joint.dofRange) }

    /// A sensor's values in `sensordata`.
    public func reading(of sensor: Sensor) -> FieldView<Double> { sensordata.view(sensor.dataRange) }

    /// A tendon's current length (`ten_length`).
    public func length(of tendon: Tendon) -> Double { d.ten_length[tendon.id] }
    /// A tendon's rate of change of length (`ten_velocity`).
    public func velocity(of tendon: Tendon) -> Double { d.ten_velocity[tendon.id] }

    /// The contacts found by the last step or forward (`contact`, `ncon` of them).
    public var contacts: ContactList { ContactList(simulation: self) }
}
