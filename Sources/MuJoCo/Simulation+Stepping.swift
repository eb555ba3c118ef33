import CMuJoCo

extension Simulation {
    /// Advances the simulation by one timestep: `mj_step`, or with ``StepIntegrator/implicitFast``
    /// `infom_mj_step_implicitfast`.
    ///
    /// Throws ``SimulationError`` when MuJoCo detects bad numbers (and resets the state), when a
    /// contact or constraint buffer overflows, or on a fatal MuJoCo error.
    @inlinable
    public func step() throws {
        switch stepIntegrator {
        case .modelOption: try guardedCall(mj_step, "mj_step")
        case .implicitFast: try guardedCall(infom_mj_step_implicitfast, "mj_step (implicitfast)")
        }
    }

    /// The first half of a step (`mj_step1`): positions and velocities, before controls are read.
    public func step1() throws { try guardedCall(mj_step1, "mj_step1") }

    /// The second half of a step (`mj_step2`): controls, forces, integration.
    public func step2() throws { try guardedCall(mj_step2, "mj_step2") }

    /// Computes all derived quantities without integrating (`mj_forward`).
    public func forward() throws { try guardedCall(mj_forward, "mj_forward") }

    /// Computes `subtree_linvel` and `subtree_angmom` (`mj_subtreeVel`); MuJoCo does so itself only
    /// when a sensor needs them.
    public func computeSubtreeVelocities() { mj_subtreeVel(model.pointer, pointer) }

    /// Resets to the model's default state (`mj_resetData`): `qpos0`, zero velocities, time 0.
    public func reset() { mj_resetData(model.pointer, pointer) }

    /// Resets to a keyframe of the model (`mj_resetDataKeyframe`).
    public func reset(keyframe: Int) throws {
        guard keyframe >= 0, keyframe < model.nkey else {
            throw MuJoCoError.indexOutOfRange(type: .keyframe, index: keyframe, count: model.nkey)
        }
        mj_resetDataKeyframe(model.pointer, pointer, Int32(keyframe))
    }

    /// Resets to the keyframe with this name.
    public func reset(keyframe name: String) throws {
        guard let id = model.id(of: .keyframe, named: name) else {
            throw MuJoCoError.unknownName(type: .keyframe, name: name, available: model.names(of: .keyframe))
        }
        try reset(keyframe: id)
    }

    /// Runs one MuJoCo physics function under the shim's guard and maps its outcome to errors.
    @usableFromInline
    func guardedCall(_ function: infom_mj_physics_fn, _ name: StaticString) throws {
        let timeBefore = d.time
        let code = infom_mj_guarded_call(function, model.pointer, pointer, errorBuffer, Simulation.errorBufferSize)
        if code != Int32(INFOM_MJ_OK) { throw error(code: code, function: name, time: timeBefore) }
    }

    private func error(code: Int32, function: StaticString, time: Double) -> SimulationError {
        if code == Int32(INFOM_MJ_FATAL) {
            return .fatal(function: "\(function)", message: String(cString: errorBuffer))
        }
        let warning = code - 1
        let info = Int(infom_warning_info(pointer, warning))
        switch mjtWarning(UInt32(warning)) {
        case mjWARN_BADQPOS: return .unstable(quantity: "qpos", index: info, time: time)
        case mjWARN_BADQVEL: return .unstable(quantity: "qvel", index: info, time: time)
        case mjWARN_BADQACC: return .unstable(quantity: "qacc", index: info, time: time)
        case mjWARN_BADCTRL: return .unstable(quantity: "ctrl", index: info, time: time)
        case mjWARN_CONTACTFULL: return .contactBufferFull(time: time)
        default: return .constraintBufferFull(time: time)
        }
    }
}
