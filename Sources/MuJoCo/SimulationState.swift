/// Everything that determines how a simulation continues: time, positions, velocities,
/// activations, controls, applied forces, mocap poses and the solver's warm start.
///
/// Restoring a state captured with ``Simulation/state`` and stepping reproduces the original
/// trajectory bit for bit.
public struct SimulationState: Equatable, Sendable {
    public var time: Double
    public var qpos: [Double]
    public var qvel: [Double]
    public var act: [Double]
    public var ctrl: [Double]
    public var qfrcApplied: [Double]
    public var xfrcApplied: [Double]
    public var mocapPos: [Double]
    public var mocapQuat: [Double]
    public var qaccWarmstart: [Double]

    /// Whether every number is bit-for-bit the same as in `other` (NaNs and signed zeros included).
    public func isBitIdentical(to other: SimulationState) -> Bool {
        func same(_ a: [Double], _ b: [Double]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern }
        }
        return time.bitPattern == other.time.bitPattern && same(qpos, other.qpos) && same(qvel, other.qvel)
            && same(act, other.act) && same(ctrl, other.ctrl) && same(qfrcApplied, other.qfrcApplied)
            && same(xfrcApplied, other.xfrcApplied) && same(mocapPos, other.mocapPos)
            && same(mocapQuat, other.mocapQuat) && same(qaccWarmstart, other.qaccWarmstart)
    }
}

extension Simulation {
    /// The full state, copied out of MuJoCo's memory.
    public var state: SimulationState {
        SimulationState(
            time: time, qpos: Array(qpos), qvel: Array(qvel), act: Array(act), ctrl: Array(ctrl),
            qfrcApplied: Array(qfrcApplied), xfrcApplied: Array(xfrcApplied),
            mocapPos: Array(mocapPos), mocapQuat: Array(mocapQuat), qaccWarmstart: Array(qaccWarmstart))
    }

    /// Restores a state captured from a simulation of the same model. Derived quantities are not
    /// recomputed: call ``forward()`` before reading positions of bodies or sensors.
    public func restore(_ state: SimulationState) throws {
        let fields: [(String, [Double], FieldView<Double>)] = [
            ("qpos", state.qpos, qpos), ("qvel", state.qvel, qvel), ("act", state.act, act),
            ("ctrl", state.ctrl, ctrl), ("qfrc_applied", state.qfrcApplied, qfrcApplied),
            ("xfrc_applied", state.xfrcApplied, xfrcApplied), ("mocap_pos", state.mocapPos, mocapPos),
            ("mocap_quat", state.mocapQuat, mocapQuat), ("qacc_warmstart", state.qaccWarmstart, qaccWarmstart),
        ]
        for (name, values, view) in fields where values.count != view.count {
            throw MuJoCoError.sizeMismatch(field: "state.\(name)", expected: view.count, actual: values.count)
        }
        for (name, values, view) in fields { try view.assign(values, field: name) }
        time = state.time
    }
}
