import CMuJoCo

/// In-memory files for model loading: MuJoCo's `mjVFS`.
///
/// `mjVFS` is about 2 MB, so it lives on the heap; this class owns it and the file buffers MuJoCo
/// allocates in it (`mj_makeEmptyFileVFS`), and frees both (`mj_deleteVFS`) in `deinit`.
/// MuJoCo 2.2.2 stores and looks up files by base name only: `./common/skybox.xml` and
/// `skybox.xml` are the same file.
final class VirtualFileSystem {
    let pointer: UnsafeMutablePointer<mjVFS>

    init() {
        pointer = .allocate(capacity: 1)
        mj_defaultVFS(pointer)
    }

    deinit {
        mj_deleteVFS(pointer)
        pointer.deallocate()
    }

    /// Adds a file (`infom_vfs_add`, which copies `bytes` into MuJoCo's buffer).
    func add(name: String, bytes: [UInt8]) throws {
        let code = bytes.withUnsafeBytes { infom_vfs_add(pointer, name, $0.baseAddress, Int32($0.count)) }
        switch code {
        case 0: return
        case 1: throw MuJoCoError.loadFailed(source: name, message: "too many in-memory files (at most \(mjMAXVFS))", line: nil)
        case 2: throw MuJoCoError.loadFailed(source: name, message: "two in-memory files share the base name '\(name)'", line: nil)
        default: throw MuJoCoError.loadFailed(source: name, message: "cannot add the in-memory file", line: nil)
        }
    }
}
