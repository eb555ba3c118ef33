import ArrayFiles
import Suite

/// What a dataset file's metadata says it holds, checked against what a command is asked to do
/// with it. Files without metadata, or whose metadata names an environment this version does not
/// know (converted foreign files), pass: only their sizes can be checked, by the reader.
extension DatasetFile {
    /// Refuses data collected in another domain than `task`'s (cheetah data for a walker task,
    /// cube-double data for a cube-single task).
    public func requireDomain(of task: String) throws {
        guard let metadata, let collected = try? EnvironmentRegistry.entry(metadata.env) else { return }
        let wanted = try EnvironmentRegistry.entry(task)
        guard collected.family == wanted.family else {
            throw ArrayFileError.invalid(path: path, reason:
                "holds \(metadata.env) data (domain \(collected.family)), but \(task) is in domain \(wanted.family); use data collected in \(wanted.family)")
        }
    }

    /// Refuses rewards of another task than `task` (the visual and state forms of a task share
    /// rewards), and rewards whose task the metadata does not record.
    public func requireRewards(of task: String) throws {
        guard let metadata else { return }
        let stem = EnvironmentRegistry.stateID(of:)
        guard let labelled = metadata.relabeledTask else {
            throw ArrayFileError.invalid(path: path, reason:
                "its metadata records no reward task, so its rewards cannot be trusted for \(task): run `infom dataset relabel --task \(stem(task))` on the reward-free data")
        }
        guard stem(labelled) == stem(task) else {
            throw ArrayFileError.invalid(path: path, reason:
                "holds rewards of \(labelled), not of \(task): run `infom dataset relabel --task \(stem(task))` on the reward-free data")
        }
    }
}
