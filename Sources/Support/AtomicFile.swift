#if canImport(Glibc)
import Glibc
#endif

/// Files that appear complete or not at all: write to ``temporaryPath(for:)`` beside the
/// destination, then ``moveIntoPlace(_:to:)``. Shared by every writer in the package.
package enum AtomicFile {
    /// A temporary name in the destination's folder, unique to this process.
    package static func temporaryPath(for path: String) -> String { "\(path).partial-\(getpid())" }

    /// Removes the temporary files of `path` (``temporaryPath(for:)``) whose process is gone: what
    /// a killed writer left behind. Files of running processes are kept.
    package static func removeAbandonedTemporaries(of path: String) {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let prefix = String(path.split(separator: "/").last ?? "") + ".partial-"
        guard let directory = opendir(folder.isEmpty ? "/" : folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink("\(folder)/\(name)") }
        }
    }

    /// Renames the finished `temporary` file to `path`. On failure removes the temporary file and
    /// returns the reason.
    package static func moveIntoPlace(_ temporary: String, to path: String) -> String? {
        if rename(temporary, path) == 0 { return nil }
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        return reason
    }
}
