import Foundation
import Support

extension Data {
    /// Writes the bytes to `path` under a temporary name beside it, then renames it into place
    /// (``AtomicFile``), so readers see the whole file or none. Errors name the path.
    public func writeAtomically(to path: String) throws {
        let temporary = AtomicFile.temporaryPath(for: path)
        try FileSystemFailure.naming(path) { try write(to: URL(fileURLWithPath: temporary)) }
        if let reason = AtomicFile.moveIntoPlace(temporary, to: path) {
            throw ArrayFileError.io(path: path, reason: "cannot move the finished file into place: \(reason)")
        }
    }
}
