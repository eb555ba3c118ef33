import ArgumentParser
import Support
import Foundation

/// Checks of output paths made while validating flags, before any work: the folder a file goes
/// into exists and is writable, and the path is not a folder itself.
enum OutputPath {
    /// Refuses a file path whose folder is missing or read-only, or that names a folder.
    static func checkParent(of path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ValidationError("\(path) is a folder; name a file to write")
        }
        try checkWritableParent(of: path)
    }

    /// Refuses a path whose folder is missing or read-only (whatever the path itself is).
    static func checkWritableParent(of path: String) throws {
        try checkWritableFolder(parentFolder(of: path), for: path)
    }

    /// Refuses a folder path that is an existing file, or whose nearest existing parent is not writable.
    static func checkFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw ValidationError("\(path) is a file; name a folder (new or from an earlier run)") }
            return
        }
        var parent = parentFolder(of: path)
        while !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) { parent = parentFolder(of: parent) }
        try checkWritableFolder(parent, for: path)
    }

    private static func checkWritableFolder(_ folder: String, for path: String) throws {
        let folder = folder.isEmpty ? "." : folder
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("cannot write \(path): the folder \(folder) does not exist; create it first")
        }
        guard access(folder, W_OK) == 0 else {
            throw ValidationError("cannot write \(path): the folder \(folder) is not writable; choose another place")
        }
    }
}
