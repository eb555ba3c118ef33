import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on something a long job owns (a collection's parts folder, a training
/// folder), held through `flock(2)` on a lock file for as long as this value lives. The kernel
/// releases it when the process ends, however it ends, so a lock left by a killed run never
/// blocks; a second process asking for a held lock is refused with what the holder wrote.
public final class FileLock {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock at `path` (creating the file) or throws ``FileLockError``
    /// naming the process that holds it; `owner` describes this holder for such messages.
    /// `what` names the locked thing in the message ("collection", "training run").
    public init(path: String, owner: String, what: String) throws {
        self.path = path
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw FileLockError(path: path, reason: "cannot create the lock file: \(String(cString: strerror(errno)))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                close(fd)
                throw FileLockError(path: path, reason:
                    "another \(what) is using this (\(holder.isEmpty ? "a running process" : holder)); wait for it to finish or choose another output")
            }
            // The holder before us may have removed the file while we waited for it to open; a
            // lock on an unlinked file guards nothing, so take it again on the file now there.
            var opened = stat(), named = stat()
            if fstat(fd, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev {
                descriptor = fd
                break
            }
            close(fd)
        }
        let text = "process \(getpid()): \(owner)\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Removes the lock file while still holding the lock (the last step of removing what it
    /// guards); the lock itself ends with this value.
    public func removeFile() { unlink(path) }

    deinit { close(descriptor) }
}

/// Why a ``FileLock`` could not be taken: the lock file's path and what to do.
public struct FileLockError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
