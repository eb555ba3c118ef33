import CMuJoCo
#if canImport(Glibc)
import Glibc
import Support
#endif

extension Model {
    /// Loads a model from a file: MJB (`mj_loadModel`) when the name ends in `.mjb`, otherwise
    /// MJCF/URDF XML (`mj_loadXML`), whose includes and assets resolve relative to its folder.
    public convenience init(contentsOf path: String) throws {
        MuJoCoLibrary.installHandlers()
        guard access(path, R_OK) == 0 else {
            throw MuJoCoError.loadFailed(source: path, message: "no readable file at this path", line: nil)
        }
        if path.hasSuffix(".mjb") {
            try self.init(binaryPath: path, vfs: nil)
        } else {
            try self.init(xmlPath: path, vfs: nil)
        }
    }

    /// Compiles a model from an XML string and in-memory asset files (included XML, meshes,
    /// textures), keyed by file name, through MuJoCo's virtual file system.
    public convenience init(xml: String, assets: [String: [UInt8]] = [:]) throws {
        MuJoCoLibrary.installHandlers()
        let vfs = VirtualFileSystem()
        let mainName = "infom-main-model.xml"
        try vfs.add(name: mainName, bytes: Array(xml.utf8))
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            try vfs.add(name: name, bytes: bytes)
        }
        try self.init(xmlPath: mainName, vfs: vfs, sourceName: "(XML string)")
    }

    /// Loads a model from MJB bytes, as written by ``binary()``.
    public convenience init(binary bytes: [UInt8]) throws {
        MuJoCoLibrary.installHandlers()
        let vfs = VirtualFileSystem()
        let name = "infom-model.mjb"
        try vfs.add(name: name, bytes: bytes)
        try self.init(binaryPath: name, vfs: vfs, sourceName: "(MJB bytes)")
    }

    private convenience init(xmlPath: String, vfs: VirtualFileSystem?, sourceName: String? = nil) throws {
        var error = [CChar](repeating: 0, count: 1000)
        let loaded = withExtendedLifetime(vfs) {
            infom_mj_load_xml(xmlPath, vfs?.pointer, &error, Int32(error.count))
        }
        guard let loaded else {
            let message = error.nulTerminatedString.trimmingTrailingWhitespace()
            throw MuJoCoError.loadFailed(
                source: sourceName ?? xmlPath, message: message, line: Model.lineNumber(in: message))
        }
        self.init(owning: loaded)
    }

    private convenience init(binaryPath: String, vfs: VirtualFileSystem?, sourceName: String? = nil) throws {
        var error = [CChar](repeating: 0, count: 1000)
        let loaded = withExtendedLifetime(vfs) {
            infom_mj_load_model(binaryPath, vfs?.pointer, &error, Int32(error.count))
        }
        guard let loaded else {
            let detail = error.nulTerminatedString
            throw MuJoCoError.loadFailed(
                source: sourceName ?? binaryPath,
                message: "not a valid MJB file for MuJoCo \(MuJoCoLibrary.version)" + (detail.isEmpty ? "" : ": \(detail)"),
                line: nil)
        }
        self.init(owning: loaded)
    }

    /// Writes the model as an MJB file (`mj_saveModel`). The file appears complete or not at all:
    /// it is written under a temporary name in the same folder and renamed.
    public func save(to path: String) throws {
        let temporary = AtomicFile.temporaryPath(for: path)
        mj_saveModel(pointer, temporary, nil, 0)
        guard access(temporary, R_OK) == 0 else {
            throw MuJoCoError.fileError(path: path, message: "cannot write the MJB file (is the folder writable?)")
        }
        if let reason = AtomicFile.moveIntoPlace(temporary, to: path) {
            throw MuJoCoError.fileError(path: path, message: "cannot move the finished MJB file into place: \(reason)")
        }
    }

    /// The model as MJB bytes, exactly as ``save(to:)`` writes them. (`mj_sizeModel` reports an
    /// upper bound, and MJB readers reject trailing bytes, so the bytes come from a saved file.)
    public func binary() throws -> [UInt8] {
        var template = Array("/tmp/infom-model-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else {
            throw MuJoCoError.fileError(path: "/tmp", message: "cannot create a temporary file")
        }
        close(descriptor)
        let path = template.nulTerminatedString
        defer { unlink(path) }
        mj_saveModel(pointer, path, nil, 0)
        guard let file = fopen(path, "rb") else {
            throw MuJoCoError.fileError(path: path, message: "cannot read the saved MJB file")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return bytes
    }

    /// The line number in a MuJoCo XML error message ("line 12", "Line number=12"), if any.
    static func lineNumber(in message: String) -> Int? {
        let lower = Array(message.lowercased().utf8)
        for marker in ["line number=", "line "].map({ Array($0.utf8) }) where lower.count > marker.count {
            for start in 0...(lower.count - marker.count) where lower[start..<(start + marker.count)].elementsEqual(marker) {
                let digits = lower[(start + marker.count)...].prefix(while: { $0 >= 48 && $0 <= 57 })
                if let line = Int(String(decoding: digits, as: UTF8.self)) { return line }
            }
        }
        return nil
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
