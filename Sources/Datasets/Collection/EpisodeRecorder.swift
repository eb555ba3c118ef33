import ArrayFiles
import Foundation

/// The rows of one episode as a collector produces them, written as one `.npz` part file in the
/// dataset layout (``DatasetKeys``). Buffers keep their capacity across episodes.
public final class EpisodeRecorder {
    public let observationShape: [Int]
    public let observationDType: NPYDType
    public let actionSize: Int
    /// qpos and qvel sizes, to split the physics state.
    public let nq: Int, nv: Int
    /// Buttons whose states each row records (`button_states`; 0 writes no such array).
    public let buttonCount: Int
    /// Whether each row records the task's success (`success`).
    public let recordsSuccess: Bool
    private var observationBytes: [UInt8] = []
    private var actions: [Float] = []
    private var physics: [Double] = []
    private var buttonStates: [Int64] = []
    private var successes: [Float] = []
    public private(set) var rows = 0

    public init(observationShape: [Int], observationDType: NPYDType, actionSize: Int, nq: Int, nv: Int,
                buttonCount: Int = 0, recordsSuccess: Bool = false) {
        self.observationShape = observationShape
        self.observationDType = observationDType
        self.actionSize = actionSize
        self.nq = nq
        self.nv = nv
        self.buttonCount = buttonCount
        self.recordsSuccess = recordsSuccess
    }

    /// Forgets the rows of the previous episode.
    public func clear() {
        observationBytes.removeAll(keepingCapacity: true)
        actions.removeAll(keepingCapacity: true)
        physics.removeAll(keepingCapacity: true)
        buttonStates.removeAll(keepingCapacity: true)
        successes.removeAll(keepingCapacity: true)
        rows = 0
    }

    /// Appends one row: the observation, physics state, button states and (when recorded) the
    /// task's success at a time step, and the action chosen there.
    public func record<O: NPYElement>(observation: [O], action: [Float], physicsState: [Double], buttons: [Int] = [],
                                      success: Bool = false) {
        precondition(O.npyDType == observationDType && observation.count == observationShape.reduce(1, *),
                     "observation of \(observation.count) \(O.npyDType) values, the dataset has \(observationShape) \(observationDType)")
        precondition(action.count == actionSize, "action of \(action.count) values, the dataset has \(actionSize)")
        precondition(buttons.count == buttonCount, "\(buttons.count) button states, the dataset has \(buttonCount)")
        for state in buttons { buttonStates.append(Int64(state)) }
        if recordsSuccess { successes.append(success ? 1 : 0) }
        observation.withUnsafeBytes { observationBytes.append(contentsOf: $0) }
        actions.append(contentsOf: action)
        physics.append(contentsOf: physicsState)
        rows += 1
    }

    /// The recorded actions, row after row.
    public var recordedActions: [Float] { actions }

    /// The recorded observations of a state dataset (float32), row after row.
    public var stateObservations: [Float] {
        precondition(observationDType == .float32, "the episode holds \(observationDType) observations, not states")
        return [Float](unsafeUninitializedCapacity: observationBytes.count / 4) { buffer, count in
            observationBytes.withUnsafeBytes { bytes in _ = memcpy(buffer.baseAddress!, bytes.baseAddress!, bytes.count) }
            count = observationBytes.count / 4
        }
    }

    /// The physics state (qpos ‖ qvel ‖ act) recorded on `row`.
    public func physicsRow(_ row: Int) -> [Double] {
        let width = physics.count / rows
        return Array(physics[(row * width)..<((row + 1) * width)])
    }

    /// Writes the episode to `path` (atomically): observations, actions, terminals (1 on the
    /// last row), qpos and qvel (float32), physics (float64), button_states (int64) with buttons,
    /// success (float32) when recorded, and `files` as plain entries (a collection's part records its plan this way).
    public func write(to path: String, files: [(name: String, bytes: [UInt8])] = []) throws {
        precondition(rows > 0, "an episode needs at least one row")
        let width = physics.count / rows
        let writer = try NPZWriter(path: path)
        try writer.begin(DatasetKeys.observations, dtype: observationDType, shape: [rows] + observationShape)
        try observationBytes.withUnsafeBytes { try writer.append($0) }
        try writer.end()
        try writer.write(DatasetKeys.actions, actions, shape: [rows, actionSize])
        try writer.write(DatasetKeys.terminals, (0..<rows).map { $0 == rows - 1 ? Float(1) : 0 }, shape: [rows])
        var qpos = [Float](), qvel = [Float]()
        qpos.reserveCapacity(rows * nq)
        qvel.reserveCapacity(rows * nv)
        for r in 0..<rows {
            for i in 0..<nq { qpos.append(Float(physics[r * width + i])) }
            for i in 0..<nv { qvel.append(Float(physics[r * width + nq + i])) }
        }
        try writer.write(DatasetKeys.qpos, qpos, shape: [rows, nq])
        try writer.write(DatasetKeys.qvel, qvel, shape: [rows, nv])
        try writer.write(DatasetKeys.physics, physics, shape: [rows, width])
        if buttonCount > 0 { try writer.write(DatasetKeys.buttonStates, buttonStates, shape: [rows, buttonCount]) }
        if recordsSuccess { try writer.write(DatasetKeys.success, successes, shape: [rows]) }
        for file in files { try writer.writeFile(file.name, file.bytes) }
        try writer.finish()
    }
}
