import ArrayFiles

/// The simulator state a dataset row records: what `infom replay --initial-state` starts from
/// and what `infom render --dataset` draws.
public struct RecordedState: Equatable, Sendable {
    public var qpos: [Double]
    public var qvel: [Double]
    /// The buttons' states (scene, puzzle); empty without buttons.
    public var buttonStates: [Int]
}

extension DatasetFile {
    /// The state on `row` for a model of `nq`, `nv` and `na` with `buttons` buttons: from
    /// `physics` (qpos ‖ qvel ‖ act, float64, exact) where the file has it (ours), else from
    /// `qpos` and `qvel` (float32, as OGBench stores them); `button_states` when the family has
    /// buttons. Throws, naming the file and the fix, when the row or the arrays do not fit.
    public func state(row: Int, nq: Int, nv: Int, na: Int = 0, buttons: Int) throws -> RecordedState {
        guard (0..<rows).contains(row) else {
            throw ArrayFileError.invalid(path: path, reason: "has rows 0…\(rows - 1), not row \(row); choose a row the file has")
        }
        func requireWidth(_ name: String, _ expected: Int) throws {
            guard has(name) else { throw ArrayFileError.missingArray(path: path, name: name, available: archive.names) }
            let shape = try self.shape(name)
            guard shape.count == 2, shape[1] == expected else {
                throw ArrayFileError.invalid(path: path, reason:
                    "array '\(name)' has rows of \(shape.dropFirst().map(String.init).joined(separator: "x")) values but the environment needs \(expected); use a state of the same environment family")
            }
        }
        var state = RecordedState(qpos: [], qvel: [], buttonStates: [])
        if has(DatasetKeys.physics) {
            try requireWidth(DatasetKeys.physics, nq + nv + na)
            let values = try archive.elements(DatasetKeys.physics, as: Double.self, from: row * (nq + nv + na), count: nq + nv)
            state.qpos = Array(values[0..<nq])
            state.qvel = Array(values[nq...])
        } else {
            try requireWidth(DatasetKeys.qpos, nq)
            try requireWidth(DatasetKeys.qvel, nv)
            state.qpos = try archive.elements(DatasetKeys.qpos, as: Float.self, from: row * nq, count: nq).map(Double.init)
            state.qvel = try archive.elements(DatasetKeys.qvel, as: Float.self, from: row * nv, count: nv).map(Double.init)
        }
        if buttons > 0 {
            try requireWidth(DatasetKeys.buttonStates, buttons)
            let values = try archive.elements(DatasetKeys.buttonStates, as: Int64.self, from: row * buttons, count: buttons)
            guard values.allSatisfy({ $0 == 0 || $0 == 1 }) else {
                throw ArrayFileError.invalid(path: path, reason: "button_states holds \(values) on row \(row); button states are 0 or 1")
            }
            state.buttonStates = values.map { Int($0) }
        }
        return state
    }
}
