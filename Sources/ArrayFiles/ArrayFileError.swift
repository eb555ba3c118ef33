/// Errors reading and writing dataset files; each names the file and what to do.
public enum ArrayFileError: Error, Equatable, CustomStringConvertible {
    /// The file is not what it claims, or is cut short.
    case corrupt(path: String, reason: String)
    /// The file is readable but its contents break the dataset layout or do not fit the command
    /// (another task, another domain); `reason` names the array or field and the fix.
    case invalid(path: String, reason: String)
    /// The file has no array of this name.
    case missingArray(path: String, name: String, available: [String])
    /// The array has another dtype than requested.
    case wrongDType(path: String, name: String, expected: NPYDType, actual: NPYDType)
    /// Data appended to an array do not match its declared size.
    case sizeMismatch(path: String, name: String, expected: Int, actual: Int)
    /// The file system refused an operation.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case let .corrupt(path, reason):
            return "\(path) is corrupt or truncated: \(reason). Re-create it, or copy it again."
        case let .invalid(path, reason):
            return "\(path): \(reason)"
        case let .missingArray(path, name, available):
            return "\(path) has no array '\(name)'; it has: \(available.joined(separator: ", "))"
        case let .wrongDType(path, name, expected, actual):
            return "\(path): array '\(name)' is \(actual.rawValue), expected \(expected.rawValue)"
        case let .sizeMismatch(path, name, expected, actual):
            return "\(path): array '\(name)' needs \(expected) bytes of data, got \(actual)"
        case let .io(path, reason):
            return "\(path): \(reason)"
        }
    }
}
