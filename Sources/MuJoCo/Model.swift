import CMuJoCo

/// A compiled MuJoCo model (`mjModel`).
///
/// The model owns its C memory and frees it with `mj_deleteModel` when the last reference goes.
/// Every ``Simulation`` of the model holds a reference to it. Create one with
/// ``init(contentsOf:)``, ``init(xml:assets:)`` or ``init(binary:)``.
public final class Model {
    /// The `mjModel`, owned by this object. Visible to the package's own modules only.
    package let pointer: UnsafeMutablePointer<mjModel>

    /// Takes ownership of a model MuJoCo allocated.
    init(owning pointer: UnsafeMutablePointer<mjModel>) {
        self.pointer = pointer
    }

    deinit {
        if convexCollision != .mpr { _ = infom_use_convex_penetration(pointer, 0) }
        mj_deleteModel(pointer)
    }

    /// How convex primitive pairs collide; see ``use(_:)-(ConvexCollision)``.
    public internal(set) var convexCollision = ConvexCollision.mpr

    /// A deep copy (`mj_copyModel`), colliding as this one does: changes to one do not affect the other.
    public func copy() throws -> Model {
        let copy = Model(owning: mj_copyModel(nil, pointer))
        try copy.use(convexCollision)
        return copy
    }

    var m: mjModel { pointer.pointee }

    /// Number of generalized coordinates (`nq`).
    public var nq: Int { Int(m.nq) }
    /// Number of degrees of freedom (`nv`).
    public var nv: Int { Int(m.nv) }
    /// Number of actuators/controls (`nu`).
    public var nu: Int { Int(m.nu) }
    /// Number of activation states (`na`).
    public var na: Int { Int(m.na) }
    /// Number of bodies, the world body included (`nbody`).
    public var nbody: Int { Int(m.nbody) }
    /// Number of joints (`njnt`).
    public var njnt: Int { Int(m.njnt) }
    /// Number of geoms (`ngeom`).
    public var ngeom: Int { Int(m.ngeom) }
    /// Number of sites (`nsite`).
    public var nsite: Int { Int(m.nsite) }
    /// Number of cameras (`ncam`).
    public var ncam: Int { Int(m.ncam) }
    /// Number of tendons (`ntendon`).
    public var ntendon: Int { Int(m.ntendon) }
    /// Number of sensors (`nsensor`).
    public var nsensor: Int { Int(m.nsensor) }
    /// Total size of the sensor readings (`nsensordata`).
    public var nsensordata: Int { Int(m.nsensordata) }
    /// Number of mocap bodies (`nmocap`).
    public var nmocap: Int { Int(m.nmocap) }
    /// Number of keyframes (`nkey`).
    public var nkey: Int { Int(m.nkey) }

    /// The number of objects of a type in the model.
    public func count(of type: ObjectType) -> Int {
        switch type {
        case .body: return nbody
        case .joint: return njnt
        case .geom: return ngeom
        case .site: return nsite
        case .camera: return ncam
        case .light: return Int(m.nlight)
        case .mesh: return Int(m.nmesh)
        case .texture: return Int(m.ntex)
        case .material: return Int(m.nmat)
        case .equality: return Int(m.neq)
        case .tendon: return ntendon
        case .actuator: return nu
        case .sensor: return nsensor
        case .keyframe: return nkey
        }
    }

    /// The simulation timestep in seconds (`opt.timestep`).
    public var timestep: Double {
        get { m.opt.timestep }
        set { pointer.pointee.opt.timestep = newValue }
    }

    /// Gravity in m/s² (`opt.gravity`).
    public var gravity: SIMD3<Double> {
        get { let g = m.opt.gravity; return SIMD3(g.0, g.1, g.2) }
        set { pointer.pointee.opt.gravity = (newValue.x, newValue.y, newValue.z) }
    }

    /// The numerical integrator (`opt.integrator`).
    public var integrator: Integrator {
        get { Integrator(rawValue: Int(m.opt.integrator)) ?? .euler }
        set { pointer.pointee.opt.integrator = Int32(newValue.rawValue) }
    }

    /// Disabled default behaviours (`opt.disableflags`).
    public var disabled: DisableFlags {
        get { DisableFlags(rawValue: Int(m.opt.disableflags)) }
        set { pointer.pointee.opt.disableflags = Int32(newValue.rawValue) }
    }

    /// The default position of every generalized coordinate (`qpos0`).
    public var qpos0: FieldView<Double> { FieldView(owner: self, base: m.qpos0, count: nq) }
    /// Body masses (`body_mass`).
    public var bodyMass: FieldView<Double> { FieldView(owner: self, base: m.body_mass, count: nbody) }
    /// Geom sizes, 3 per geom (`geom_size`).
    public var geomSize: FieldView<Double> { FieldView(owner: self, base: m.geom_size, count: 3 * ngeom) }
    /// Geom colours, RGBA per geom (`geom_rgba`).
    public var geomRGBA: FieldView<Float> { FieldView(owner: self, base: m.geom_rgba, count: 4 * ngeom) }
    /// Geom friction coefficients, 3 per geom (`geom_friction`).
    public var geomFriction: FieldView<Double> { FieldView(owner: self, base: m.geom_friction, count: 3 * ngeom) }
    /// Actuator gear, 6 per actuator (`actuator_gear`).
    public var actuatorGear: FieldView<Double> { FieldView(owner: self, base: m.actuator_gear, count: 6 * nu) }
    /// Actuator gain parameters, 10 per actuator (`actuator_gainprm`).
    public var actuatorGainParameters: FieldView<Double> { FieldView(owner: self, base: m.actuator_gainprm, count: Int(mjNGAIN) * nu) }
    /// Actuator bias parameters, 10 per actuator (`actuator_biasprm`).
    public var actuatorBiasParameters: FieldView<Double> { FieldView(owner: self, base: m.actuator_biasprm, count: Int(mjNBIAS) * nu) }
    /// Damping per degree of freedom (`dof_damping`).
    public var dofDamping: FieldView<Double> { FieldView(owner: self, base: m.dof_damping, count: nv) }
    /// Site positions in their body's frame, 3 per site (`site_pos`).
    public var sitePos: FieldView<Double> { FieldView(owner: self, base: m.site_pos, count: 3 * nsite) }
    /// Material colours, RGBA per material (`mat_rgba`).
    public var materialRGBA: FieldView<Float> { FieldView(owner: self, base: m.mat_rgba, count: 4 * Int(m.nmat)) }
    /// Keyframe positions, `nq` per keyframe (`key_qpos`).
    public var keyQpos: FieldView<Double> { FieldView(owner: self, base: m.key_qpos, count: nq * nkey) }

    /// The default free camera of the model's statistics: looks at `stat.center` from
    /// `1.5 * stat.extent`, as MuJoCo's viewer starts.
    public var statisticCenter: SIMD3<Double> { let c = m.stat.center; return SIMD3(c.0, c.1, c.2) }
    /// The spatial extent of the model (`stat.extent`).
    public var statisticExtent: Double { m.stat.extent }
}

/// MuJoCo's numerical integrators (`mjtIntegrator` in 2.2.2).
public enum Integrator: Int, Sendable {
    case euler = 0, rk4 = 1, implicit = 2
}

/// Bits of `opt.disableflags` (`mjtDisableBit`).
public struct DisableFlags: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let constraint = DisableFlags(rawValue: Int(mjDSBL_CONSTRAINT.rawValue))
    public static let contact = DisableFlags(rawValue: Int(mjDSBL_CONTACT.rawValue))
    public static let gravity = DisableFlags(rawValue: Int(mjDSBL_GRAVITY.rawValue))
    public static let actuation = DisableFlags(rawValue: Int(mjDSBL_ACTUATION.rawValue))
    public static let warmstart = DisableFlags(rawValue: Int(mjDSBL_WARMSTART.rawValue))
}
