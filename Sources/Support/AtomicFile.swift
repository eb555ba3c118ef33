import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files that appear complete or not at all: write to ``temporaryPath(for:)`` beside the
/// destination, then ``moveIntoPlace(_:to:)``. Shared by every writer in the package.
package enum AtomicFile {
    /// A temporary name in the destination's folder, unique to this process: `NAME.partial-PID`,
    /// or with `keepingExtension` `STEM.partial-PID.EXT` (for tools that read the format off the
    /// name, like ffmpeg).
    package static func temporaryPath(for path: String, keepingExtension: Bool = false) -> String {
        let (stem, suffix) = parts(of: path, keepingExtension: keepingExtension)
        return "\(stem).partial-\(getpid())\(suffix)"
    }

    /// Removes the temporary files or folders of `path` (``temporaryPath(for:keepingExtension:)``)
    /// whose process is gone: what a killed writer left behind. Those of running processes are kept.
    package static func removeAbandonedTemporaries(of path: String, keepingExtension: Bool = false) {
        let (stem, suffix) = parts(of: path, keepingExtension: keepingExtension)
        let folder = stem.contains("/") ? String(stem[..<stem.lastIndex(of: "/")!]) : "."
        let prefix = String(stem.split(separator: "/").last ?? "") + ".partial-"
        guard let directory = opendir(folder.isEmpty ? "/" : folder) else { return }
        defer { closedir(directory) }
        var abandoned: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard name.hasPrefix(prefix), name.hasSuffix(suffix),
                  let pid = Int32(name.dropFirst(prefix.count).dropLast(suffix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { abandoned.append("\(folder)/\(name)") }
        }
        for item in abandoned where unlink(item) != 0 { try? FileManager.default.removeItem(atPath: item) }
    }

    /// The path before the process id and what follows it (the extension, when kept).
    private static func parts(of path: String, keepingExtension: Bool) -> (stem: String, suffix: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard keepingExtension, let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (path, "") }
        let suffix = String(name[dot...])
        return (String(path.dropLast(suffix.count)), suffix)
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
