/// Errors raised while loading models, looking up named objects or exchanging state.
///
/// Each message names the problem and what to do about it.
public enum MuJoCoError: Error, Equatable, CustomStringConvertible {
    /// The model could not be compiled or read. `line` is the XML line MuJoCo reported, if any.
    case loadFailed(source: String, message: String, line: Int?)
    /// No object of this type has this name in the model.
    case unknownName(type: ObjectType, name: String, available: [String])
    /// An object index is out of range.
    case indexOutOfRange(type: ObjectType, index: Int, count: Int)
    /// An array given to the simulation has the wrong length.
    case sizeMismatch(field: String, expected: Int, actual: Int)
    /// Writing or reading a model file failed.
    case fileError(path: String, message: String)
    /// The model lacks what a requested feature needs; the message says what.
    case unsupported(String)

    public var description: String {
        switch self {
        case let .loadFailed(source, message, line):
            let at = line.map { " (line \($0))" } ?? ""
            return "cannot load MuJoCo model \(source)\(at): \(message)"
        case let .unknownName(type, name, available):
            let shown = available.prefix(20).joined(separator: ", ")
            let more = available.count > 20 ? ", …" : ""
            return "the model has no \(type) named '\(name)'; \(type) names: [\(shown)\(more)]"
        case let .indexOutOfRange(type, index, count):
            return "\(type) index \(index) is out of range: the model has \(count) of them (valid: 0..<\(count))"
        case let .sizeMismatch(field, expected, actual):
            return "\(field) has \(actual) values but the model needs \(expected)"
        case let .fileError(path, message):
            return "\(path): \(message)"
        case let .unsupported(message):
            return message
        }
    }
}
