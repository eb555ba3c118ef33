/// The `--task` of `infom eval` and `infom replay`, checked against the environment in one place.
enum TaskOption {
    /// The tasks to run: `[task]`, or with no `--task` every task a reset can choose (`[nil]`
    /// where the environment's task is fixed). `selectable` is the environment's
    /// ``TaskSelectableEnvironment/selectableTaskCount`` (0 for fixed tasks and locomotion).
    /// Throws one line when `env` cannot run `task`.
    static func tasks(_ task: Int?, env: String, selectable: Int) throws -> [Int?] {
        guard let task else { return selectable > 0 ? Array(1...selectable) : [nil] }
        guard selectable > 0 else {
            throw CommandFailure(message: "--task applies to goal-conditioned manipulation ids only; \(env) has a fixed task")
        }
        guard (1...selectable).contains(task) else {
            throw CommandFailure(message: "--task \(task) does not exist; \(env) has tasks 1…\(selectable)")
        }
        return [task]
    }
}
