#if canImport(Glibc)
import Glibc
#endif

/// Files that appear complete or not at all: write to ``temporaryPath(for:)`` beside the
/// destination, then ``moveIntoPlace(_:to:)``. Shared by every writer in the package.
package enum AtomicFile {
    /// A temporary name in the destination's folder, unique to this process.
    package static func temporaryPath(for path: String) -> String { "\(path).partial-\(getpid())" }

    /// Renames the finished `temporary` file to `path`. On failure removes the temporary file and
    /// returns the reason.
    package static func moveIntoPlace(_ temporary: String, to path: String) -> String? {
        if rename(temporary, path) == 0 { return nil }
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        return reason
    }
}
