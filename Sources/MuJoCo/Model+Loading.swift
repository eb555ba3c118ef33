import CMuJoCo
#if canImport(Glibc)
import Glibc
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
        let capacity = 1000
        var error = [CChar](repeating: 0, count: capacity)
        let loaded = withExtendedLifetime(vfs) {
            mj_loadXML(xmlPath, vfs?.pointer, &error, Int32(capacity))
        }
        guard let loaded else {
            let message = error.nulTerminatedString.trimmingTrailingWhitespace()
            throw MuJoCoError.loadFailed(
                source: sourceName ?? xmlPath, message: message, line: Model.lineNumber(in: message))
        }
        self.init(owning: loaded)
    }

    private convenience init(binaryPath: String, vfs: VirtualFileSystem?, sourceName: String? = nil) throws {
        let loaded = withExtendedLifetime(vfs) { mj_loadModel(binaryPath, vfs?.pointer) }
        guard let loaded else {
            let warning = MuJoCoLibrary.lastWarning
            throw MuJoCoError.loadFailed(
                source: sourceName ?? binaryPath,
                message: warning.isEmpty ? "not a valid MJB file for MuJoCo \(MuJoCoLibrary.version)" : warning,
                line: nil)
        }
        self.init(owning: loaded)
    }

    /// The model as MJB bytes (`mj_saveModel` into a buffer of `mj_sizeModel` bytes).
    public func binary() -> [UInt8] {
        let size = Int(mj_sizeModel(pointer))
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { mj_saveModel(pointer, nil, $0.baseAddress, Int32(size)) }
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
