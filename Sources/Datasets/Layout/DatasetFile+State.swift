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
    /// The state on `row` for a model of `nq`, `nv` and `na` with `buttons` buttons (see
    /// ``states(rows:nq:nv:na:buttons:)``).
    public func state(row: Int, nq: Int, nv: Int, na: Int = 0, buttons: Int) throws -> RecordedState {
        guard (0..<rows).contains(row) else {
            throw ArrayFileError.invalid(path: path, reason: "has rows 0…\(rows - 1), not row \(row); choose a row the file has")
        }
        return try states(rows: row..<(row + 1), nq: nq, nv: nv, na: na, buttons: buttons)[0]
    }

    /// The states on `rows` (within the file) for a model of `nq`, `nv` and `na` with `buttons`
    /// buttons: from `physics` (qpos ‖ qvel ‖ act, float64, exact) where the file has it (ours),
    /// else from `qpos` and `qvel` (float32, as OGBench stores them); `button_states` when the
    /// family has buttons. Each array is read once for the whole range, so compressed files
    /// (OGBench's) inflate once. Throws, naming the file and the fix, when the arrays do not fit.
    public func states(rows range: Range<Int>, nq: Int, nv: Int, na: Int = 0, buttons: Int) throws -> [RecordedState] {
        precondition(range.lowerBound >= 0 && range.upperBound <= rows, "rows \(range) outside the file's \(rows)")
        func read<T: NPYElement>(_ name: String, width: Int, as _: T.Type) throws -> [T] {
            guard has(name) else { throw ArrayFileError.missingArray(path: path, name: name, available: archive.names) }
            let shape = try self.shape(name)
            guard shape.count == 2, shape[1] == width else {
                throw ArrayFileError.invalid(path: path, reason:
                    "array '\(name)' has rows of \(shape.dropFirst().map(String.init).joined(separator: "x")) values but the environment needs \(width); use a state of the same environment family")
            }
            return try archive.elements(name, as: T.self, from: range.lowerBound * width, count: range.count * width)
        }
        var states = [RecordedState](repeating: RecordedState(qpos: [], qvel: [], buttonStates: []), count: range.count)
        if has(DatasetKeys.physics) {
            let width = nq + nv + na, values = try read(DatasetKeys.physics, width: width, as: Double.self)
            for k in 0..<range.count {
                states[k].qpos = Array(values[(k * width)..<(k * width + nq)])
                states[k].qvel = Array(values[(k * width + nq)..<(k * width + nq + nv)])
            }
        } else {
            let qpos = try read(DatasetKeys.qpos, width: nq, as: Float.self), qvel = try read(DatasetKeys.qvel, width: nv, as: Float.self)
            for k in 0..<range.count {
                states[k].qpos = qpos[(k * nq)..<((k + 1) * nq)].map(Double.init)
                states[k].qvel = qvel[(k * nv)..<((k + 1) * nv)].map(Double.init)
            }
        }
        if buttons > 0 {
            let values = try read(DatasetKeys.buttonStates, width: buttons, as: Int64.self)
            if let bad = values.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw ArrayFileError.invalid(path: path, reason:
                    "button_states holds \(values[bad]) on row \(range.lowerBound + bad / buttons); button states are 0 or 1")
            }
            for k in 0..<range.count { states[k].buttonStates = values[(k * buttons)..<((k + 1) * buttons)].map { Int($0) } }
        }
        return states
    }
}
