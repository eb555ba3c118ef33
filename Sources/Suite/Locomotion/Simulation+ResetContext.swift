import MuJoCo

extension Simulation {
    /// `mj_forward` with actuation disabled, as dm_control's reset context computes derived
    /// quantities without applying controls.
    func forwardWithoutActuation() throws {
        let flags = model.disabled
        model.disabled = flags.union(.actuation)
        defer { model.disabled = flags }
        try forward()
    }

    /// qpos ‖ qvel ‖ act in float64: dm_control's `Physics.get_state()`, ExORL's `physics` key.
    public var physicsState: [Double] {
        var state = [Double]()
        state.reserveCapacity(model.nq + model.nv + model.na)
        state.append(contentsOf: qpos)
        state.append(contentsOf: qvel)
        state.append(contentsOf: act)
        return state
    }

    /// Resets the data and sets qpos, qvel and act from `state`, then recomputes derived
    /// quantities: dm_control's `reset_context` + `set_state`. Returns false if `state` has the
    /// wrong length.
    func loadPhysicsState(_ state: [Double]) throws -> Bool {
        let nq = model.nq, nv = model.nv, na = model.na
        guard state.count == nq + nv + na else { return false }
        reset()
        try forwardWithoutActuation()
        for i in 0..<nq { qpos[i] = state[i] }
        for i in 0..<nv { qvel[i] = state[nq + i] }
        for i in 0..<na { act[i] = state[nq + nv + i] }
        try forwardWithoutActuation()
        return true
    }
}
