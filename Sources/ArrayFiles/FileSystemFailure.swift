import Foundation

/// Turns a failed file operation into the words of a one-line message: the system's reason
/// (from the POSIX error inside Foundation's), with the fix for a full disk.
public enum FileSystemFailure {
    public static func reason(_ error: Error) -> String {
        let ns = error as NSError
        let posix = ns.domain == NSPOSIXErrorDomain ? Int32(ns.code)
            : (ns.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
        guard let code = posix else { return ns.localizedDescription }
        if code == ENOSPC || code == EDQUOT { return "the disk is full (\(String(cString: strerror(code)))); free space and run again" }
        return String(cString: strerror(code))
    }

    /// Runs `body`, rethrowing a file system error as ``ArrayFileError/io(path:reason:)`` on `path`
    /// ("cannot write: …", or "cannot read: …" with `reading`).
    static func naming<T>(_ path: String, reading: Bool = false, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ArrayFileError { throw error } catch {
            throw ArrayFileError.io(path: path, reason: "cannot \(reading ? "read" : "write"): \(reason(error))")
        }
    }
}
