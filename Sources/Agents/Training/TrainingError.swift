/// Why a training or evaluation job cannot go on; each message names the fix.
public enum TrainingError: Error, CustomStringConvertible {
    case io(path: String, reason: String)
    case mismatch(String)

    public var description: String {
        switch self {
        case let .io(path, reason): return "\(path): \(reason)"
        case let .mismatch(message): return message
        }
    }
}
