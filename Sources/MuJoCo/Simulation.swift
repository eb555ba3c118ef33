import CMuJoCo

/// The time-varying state of one simulation of a ``Model`` (`mjData`).
///
/// A simulation owns its `mjData` (freed with `mj_deleteData`) and keeps its model alive.
/// It is not thread-safe: use one simulation per thread. Arrays are exposed as live
/// ``FieldView``s that read and write MuJoCo's memory without copying.
public final class Simulation {
    /// The model this simulation runs.
    public let model: Model
    /// The `mjData`, owned by this object. Visible to the package's own modules only.
    package let pointer: UnsafeMutablePointer<mjData>
    /// Scratch space for MuJoCo's fatal-error text, allocated once.
    let errorBuffer: UnsafeMutablePointer<CChar>
    static let errorBufferSize: Int32 = 1024
    /// How ``step()`` integrates (``use(_:)`` chooses; the model's own integrator by default).
    public internal(set) var stepIntegrator = StepIntegrator.modelOption

    /// Allocates data for `model` (`mj_makeData`) in its default state.
    public init(model: Model) throws {
        MuJoCoLibrary.installHandlers()
        errorBuffer = .allocate(capacity: Int(Simulation.errorBufferSize))
        errorBuffer.initialize(to: 0)
        guard let data = infom_mj_make_data(model.pointer, errorBuffer, Simulation.errorBufferSize) else {
            let message = String(cString: errorBuffer)
            errorBuffer.deallocate()
            throw SimulationError.fatal(function: "mj_makeData", message: message)
        }
        self.model = model
        pointer = data
    }

    deinit {
        mj_deleteData(pointer)
        errorBuffer.deallocate()
    }

    var d: mjData { pointer.pointee }

    /// Simulation time in seconds.
    public var time: Double {
        get { d.time }
        set { pointer.pointee.time = newValue }
    }

    /// Generalized positions (`qpos`, `nq` values).
    public var qpos: FieldView<Double> { FieldView(owner: self, base: d.qpos, count: model.nq) }
    /// Generalized velocities (`qvel`, `nv` values).
    public var qvel: FieldView<Double> { FieldView(owner: self, base: d.qvel, count: model.nv) }
    /// Generalized accelerations (`qacc`, `nv` values), valid after a step or forward.
    public var qacc: FieldView<Double> { FieldView(owner: self, base: d.qacc, count: model.nv) }
    /// Actuator activations (`act`, `na` values).
    public var act: FieldView<Double> { FieldView(owner: self, base: d.act, count: model.na) }
    /// Controls (`ctrl`, `nu` values).
    public var ctrl: FieldView<Double> { FieldView(owner: self, base: d.ctrl, count: model.nu) }
    /// Sensor readings (`sensordata`, `nsensordata` values).
    public var sensordata: FieldView<Double> { FieldView(owner: self, base: d.sensordata, count: model.nsensordata) }
    /// Applied generalized forces (`qfrc_applied`, `nv` values).
    public var qfrcApplied: FieldView<Double> { FieldView(owner: self, base: d.qfrc_applied, count: model.nv) }
    /// Applied Cartesian wrenches, 6 per body (`xfrc_applied`).
    public var xfrcApplied: FieldView<Double> { FieldView(owner: self, base: d.xfrc_applied, count: 6 * model.nbody) }
    /// Mocap body positions, 3 per mocap body (`mocap_pos`).
    public var mocapPos: FieldView<Double> { FieldView(owner: self, base: d.mocap_pos, count: 3 * model.nmocap) }
    /// Mocap body orientations, 4 per mocap body (`mocap_quat`).
    public var mocapQuat: FieldView<Double> { FieldView(owner: self, base: d.mocap_quat, count: 4 * model.nmocap) }
    /// Accelerations used to warm-start the constraint solver (`qacc_warmstart`).
    public var qaccWarmstart: FieldView<Double> { FieldView(owner: self, base: d.qacc_warmstart, count: model.nv) }
    /// Actuator forces (`actuator_force`, `nu` values).
    public var actuatorForce: FieldView<Double> { FieldView(owner: self, base: d.actuator_force, count: model.nu) }
    /// Body positions in the world frame, 3 per body (`xpos`).
    public var xpos: FieldView<Double> { FieldView(owner: self, base: d.xpos, count: 3 * model.nbody) }
    /// Body orientations as row-major 3×3 matrices, 9 per body (`xmat`).
    public var xmat: FieldView<Double> { FieldView(owner: self, base: d.xmat, count: 9 * model.nbody) }
    /// Site positions in the world frame, 3 per site (`site_xpos`).
    public var siteXpos: FieldView<Double> { FieldView(owner: self, base: d.site_xpos, count: 3 * model.nsite) }
}
