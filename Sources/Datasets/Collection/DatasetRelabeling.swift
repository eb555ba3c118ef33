import ArrayFiles
import Suite

/// Rewards for a reward-free dataset from a task's reward function of the stored states.
public enum DatasetRelabeling {
    /// Writes `output` with every array of `input` plus `task`'s float32 `rewards` and `masks`:
    /// locomotion tasks by ``relabelFromPhysics(input:output:task:)``, OGBench single-task ids
    /// by ``relabelFromTaskState(input:output:task:)``.
    public static func relabel(input: String, output: String, task: String) throws {
        if try EnvironmentRegistry.entry(task).manipulationFamily != nil {
            try relabelFromTaskState(input: input, output: output, task: task)
        } else {
            try relabelFromPhysics(input: input, output: output, task: task)
        }
    }

    /// OGBench's single-task convention (§8.4): each row is rewarded for its own state, with
    /// #satisfied − #components of the task's goal (so rewards lie in {−k, …, 0}), judged on the
    /// row's `qpos` and `button_states`; `masks` is 0 where every component is satisfied, else 1.
    public static func relabelFromTaskState(input: String, output: String, task: String) throws {
        guard let environment = try EnvironmentRegistry.make(task) as? ManipulationEnvironment, environment.rewardTask != nil else {
            throw ArrayFileError.io(path: input, reason:
                "\(task) has no task reward; relabel manipulation data with a single-task id such as cube-single-singletask-task1-v0")
        }
        _ = try environment.reset(seed: 0)
        let file = try DatasetFile(path: input)
        try file.requireDomain(of: task)
        let archive = file.archive
        let nq = environment.simulation.model.nq, buttons = environment.family.buttonCount
        let qposShape = try file.shape(DatasetKeys.qpos)
        guard qposShape[1] == nq else {
            throw ArrayFileError.invalid(path: input, reason:
                "qpos rows have \(qposShape[1]) values but \(task) needs \(nq); relabel with a task of the family the data came from")
        }
        let rows = file.rows
        var states = [Int](repeating: 0, count: rows * buttons)
        if buttons > 0 {
            guard file.has(DatasetKeys.buttonStates) else {
                throw ArrayFileError.missingArray(path: input, name: DatasetKeys.buttonStates, available: archive.names)
            }
            guard try file.shape(DatasetKeys.buttonStates)[1] == buttons else {
                throw ArrayFileError.invalid(path: input, reason: "button_states rows do not have the \(buttons) buttons \(task) needs")
            }
            states = try archive.array(DatasetKeys.buttonStates, as: Int64.self).map { Int($0) }
        }
        var rewards = [Float](repeating: 0, count: rows), masks = [Float](repeating: 1, count: rows)
        let chunk = 8192
        for start in stride(from: 0, to: rows, by: chunk) {
            let end = min(rows, start + chunk)
            let qpos = try archive.elements(DatasetKeys.qpos, as: Float.self, from: start * nq, count: (end - start) * nq)
            for t in start..<end {
                let row = (t - start) * nq
                let (reward, success) = try environment.taskReward(qpos: qpos[row..<(row + nq)],
                                                                   buttonStates: Array(states[(t * buttons)..<((t + 1) * buttons)]))
                rewards[t] = Float(reward)
                masks[t] = success ? 0 : 1
            }
        }
        try write(file, to: output, rewards: rewards, masks: masks, task: task)
    }

    /// ExORL's one-step convention for DMC tasks: the transition from row t (observation t,
    /// action t) is rewarded with the task's reward of the state it reached, physics[t + 1],
    /// which is exactly what `step` returned when the data were collected. Terminal rows end
    /// their episode and start no transition: reward 0. Masks are 1 (DMC never terminates).
    /// Writes `output` with every array of `input` plus float32 `rewards` and `masks`.
    public static func relabelFromPhysics(input: String, output: String, task: String) throws {
        let environment = try EnvironmentRegistry.make(task)
        guard let rewarding = environment as? any StateRewardEnvironment else {
            throw ArrayFileError.io(path: input, reason: "\(task) cannot compute rewards from physics states; relabel with a locomotion task")
        }
        let file = try DatasetFile(path: input)
        try file.requireDomain(of: task)
        guard file.has(DatasetKeys.physics) else {
            throw ArrayFileError.missingArray(path: input, name: DatasetKeys.physics, available: file.archive.names)
        }
        let width = try file.shape(DatasetKeys.physics)[1], rows = file.rows
        let model = environment.simulation.model
        guard width == model.nq + model.nv + model.na else {
            throw ArrayFileError.invalid(path: input, reason:
                "physics rows have \(width) values but \(task) needs \(model.nq + model.nv + model.na) (qpos ‖ qvel ‖ act); relabel with a task of the domain the data came from")
        }
        let terminals = try file.terminals()
        var rewards = [Float](repeating: 0, count: rows)
        let chunk = 8192
        for start in stride(from: 0, to: rows, by: chunk) {
            let end = min(rows, start + chunk), readEnd = min(rows, end + 1)
            let states = try file.archive.elements(DatasetKeys.physics, as: Double.self, from: start * width,
                                              count: (readEnd - start) * width)
            // The file's last row is terminal (DatasetFile), so row t + 1 exists.
            for t in start..<end where !terminals[t] {
                let next = Array(states[((t + 1 - start) * width)..<((t + 2 - start) * width)])
                rewards[t] = Float(try rewarding.reward(physicsState: next))
            }
        }
        try write(file, to: output, rewards: rewards, masks: [Float](repeating: 1, count: rows), task: task)
    }

    /// Copies every array of `archive` except old rewards and masks, adds the new ones and
    /// records the task in the metadata (a file from another tool, without metadata, gets metadata
    /// of unknown origin that records the task).
    static func write(_ file: DatasetFile, to output: String, rewards: [Float], masks: [Float], task: String) throws {
        let archive = file.archive
        let writer = try NPZWriter(path: output)
        for name in archive.names where name != DatasetKeys.rewards && name != DatasetKeys.masks {
            let header = try archive.header(name)
            try writer.begin(name, dtype: header.dtype, shape: header.shape)
            try archive.forEachChunk(of: name) { try writer.append($0) }
            try writer.end()
        }
        try writer.write(DatasetKeys.rewards, rewards, shape: [rewards.count])
        try writer.write(DatasetKeys.masks, masks, shape: [masks.count])
        var metadata = file.metadata ?? DatasetMetadata(unknownOriginOf: file)
        metadata.relabeledTask = task
        try writer.writeFile(DatasetKeys.metadataFile, try metadata.encoded())
        try writer.finish()
    }
}
