/// Why a training or evaluation job cannot go on; each message names the fix.
public enum TrainingError: Error, CustomStringConvertible {
    case io(path: String, reason: String)
    /// The data, flags or folder do not fit what the job was asked to do.
    case mismatch(String)
    /// A loss or metric stopped being finite at `step`.
    case diverged(step: Int, metrics: [String], checkpoint: String)

    public var description: String {
        switch self {
        case let .io(path, reason): return "\(path): \(reason)"
        case let .mismatch(message): return message
        case let .diverged(step, metrics, checkpoint):
            return "training diverged at step \(step): \(metrics.joined(separator: ", ")) is not finite; lower the learning rate or check the data (the last checkpoint is in \(checkpoint))"
        }
    }
}
