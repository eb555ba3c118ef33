import Foundation

/// A read-only `.npz` file (a ZIP of `.npy` arrays, as `numpy.savez` and
/// `numpy.savez_compressed` write it).
///
/// The central directory is read when opening; array data are read on demand. Stored entries
/// (`numpy.savez`, every file we write) are read at their offsets; deflated ones
/// (`savez_compressed`, OGBench's files) are inflated as a stream, never past the size their
/// header's shape gives, so a hostile entry cannot make a reader inflate more than it asked for.
public final class NPZArchive {
    public let path: String
    /// Array names (without `.npy`), in file order.
    public let names: [String]
    /// Plain entries that are not arrays (for example `metadata.json`), in file order.
    public let fileNames: [String]
    /// A fingerprint of the contents: the file's size and every entry's name, CRC-32 and sizes
    /// from the ZIP directory, hashed (FNV-1a, 64 bits, as 16 hex digits). Any change to an
    /// array's bytes changes its CRC, so a file replaced under the same name is told apart
    /// without reading its data.
    public let fingerprint: String
    private let entries: [String: Entry]
    private let files: [String: Entry]
    private let handle: FileHandle

    /// The one deflated entry being read (by its local header's offset), kept between calls so
    /// that reading an array front to back in pieces inflates it once.
    private var inflater: (entry: UInt64, stream: Inflater)?
    /// Headers already decoded, with their data offsets: looking one up again reads nothing.
    private var located: [String: (header: NPYHeader, dataOffset: UInt64)] = [:]

    struct Entry {
        let localHeaderOffset: UInt64
        /// Bytes stored in the file, and the entry's bytes once inflated (the same when stored).
        let size: UInt64
        let uncompressedSize: UInt64
        let method: UInt16

        var isDeflated: Bool { method == 8 }
    }

    /// Deflate's largest ratio of inflated to stored bytes (zlib's technical note: 1032:1), a
    /// bound on what an honest deflated entry can hold.
    static let maximumInflation: UInt64 = 1032

    /// Opens and indexes `path`; throws ``ArrayFileError`` if it is not a complete NPZ file.
    public init(path: String) throws {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw ArrayFileError.io(path: path, reason: "no such file; check the path")
        }
        guard !isFolder.boolValue else { throw ArrayFileError.io(path: path, reason: "is a folder; name an .npz file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ArrayFileError.io(path: path, reason: "cannot open for reading: \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        let directory = try FileSystemFailure.naming(path, reading: true) { try ZIPDirectory.read(handle, path: path) }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { for byte in $0 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 } }
        }
        mix(try handle.seekToEnd())
        for record in directory {
            for byte in record.name.utf8 { mix(byte) }
            mix(record.crc)
            mix(record.compressedSize)
            mix(record.uncompressedSize)
        }
        fingerprint = String(hash, radix: 16).leftPadded(to: 16)
        var entries: [String: Entry] = [:], files: [String: Entry] = [:]
        var names: [String] = [], fileNames: [String] = []
        for record in directory {
            guard Self.isPlainName(record.name) else {
                throw ArrayFileError.invalid(path: path, reason:
                    "entry '\(record.name)' is not a plain array or file name (no '..', empty or absolute parts, backslashes or control characters); this is not an .npz that numpy.savez wrote")
            }
            guard entries[String(record.name.dropLast(4))] == nil || !record.name.hasSuffix(".npy"), files[record.name] == nil else {
                throw ArrayFileError.invalid(path: path, reason: "entry '\(record.name)' appears twice; the file was not written by numpy.savez")
            }
            guard record.method == 0 || record.method == 8 else {
                throw ArrayFileError.invalid(path: path, reason:
                    "entry '\(record.name)' uses ZIP compression method \(record.method); re-save it with numpy.savez or numpy.savez_compressed")
            }
            let entry = Entry(localHeaderOffset: record.localHeaderOffset, size: record.compressedSize,
                              uncompressedSize: record.method == 0 ? record.compressedSize : record.uncompressedSize,
                              method: record.method)
            if record.name.hasSuffix(".npy") {
                let name = String(record.name.dropLast(4))
                names.append(name)
                entries[name] = entry
            } else {
                fileNames.append(record.name)
                files[record.name] = entry
            }
        }
        self.names = names
        self.entries = entries
        self.fileNames = fileNames
        self.files = files
    }

    deinit { try? handle.close() }

    /// Whether an entry name is a plain key, as numpy writes for a keyword argument: relative
    /// `/`-separated parts (nested keys such as `dense/kernel` are fine), none empty or `.` or
    /// `..`, no backslash or control characters. Names are copied into the files we write, so
    /// anything else is refused when opening.
    static func isPlainName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        return !name.contains("\\") && !name.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." } && name != ".npy"
    }

    /// The header of array `name`.
    public func header(_ name: String) throws -> NPYHeader {
        try locate(name).header
    }

    /// The raw little-endian bytes of array `name`.
    public func data(_ name: String) throws -> [UInt8] {
        let (header, entry, dataOffset) = try locate(name)
        return try bytes(of: entry, name: name, at: dataOffset, count: header.dataSize)
    }

    /// The bytes of a plain entry (see ``fileNames``), or nil if there is none of that name.
    /// Plain entries are small (metadata); one over 64 MiB is refused.
    public func file(_ fileName: String) throws -> [UInt8]? {
        guard let entry = files[fileName] else { return nil }
        guard entry.uncompressedSize <= 1 << 26 else {
            throw ArrayFileError.invalid(path: path, reason: "entry '\(fileName)' is \(entry.uncompressedSize) bytes; plain entries of a dataset are small JSON files")
        }
        return try bytes(of: entry, name: fileName, at: 0, count: Int(entry.uncompressedSize))
    }

    /// `count` elements of array `name` starting at element `start` (row-major), read from disk
    /// without loading the rest: the way to stream arrays larger than memory.
    public func elements<T: NPYElement>(_ name: String, as _: T.Type = T.self, from start: Int, count: Int) throws -> [T] {
        try read(name, as: T.self, from: start, count: count)
    }

    /// Elements `start..<start + count` of array `name` (to its end when `count` is nil), with
    /// one lookup of the array's header.
    private func read<T: NPYElement>(_ name: String, as _: T.Type, from start: Int, count: Int?) throws -> [T] {
        let (header, entry, dataOffset) = try locate(name)
        guard header.dtype == T.npyDType else {
            throw ArrayFileError.wrongDType(path: path, name: name, expected: T.npyDType, actual: header.dtype)
        }
        let count = count ?? header.count - start
        precondition(start >= 0 && count >= 0 && start + count <= header.count,
                     "elements \(start)..<\(start + count) outside '\(name)' of \(header.count)")
        let size = header.dtype.size
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            try fill(UnsafeMutableRawBufferPointer(buffer), from: entry, name: name, at: dataOffset + UInt64(start * size))
            initialized = count
        }
    }

    /// Streams array `name`'s raw little-endian data through `body` in pieces of at most
    /// `chunkBytes` (rounded down to whole elements), without holding the array in memory.
    public func forEachChunk(of name: String, chunkBytes: Int = 1 << 24,
                             _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let (header, entry, dataOffset) = try locate(name)
        let step = Swift.max(header.dtype.size, chunkBytes / header.dtype.size * header.dtype.size)
        var piece = [UInt8](repeating: 0, count: Swift.min(step, header.dataSize))
        var done = 0
        while done < header.dataSize {
            let n = Swift.min(step, header.dataSize - done)
            try piece.withUnsafeMutableBytes { raw in
                let part = UnsafeMutableRawBufferPointer(rebasing: raw[0..<n])
                try fill(part, from: entry, name: name, at: dataOffset + UInt64(done))
                try body(UnsafeRawBufferPointer(part))
            }
            done += n
        }
    }

    /// Array `name` as Swift values; its dtype must be `T`'s.
    public func array<T: NPYElement>(_ name: String, as _: T.Type = T.self) throws -> [T] {
        try read(name, as: T.self, from: 0, count: nil)
    }

    /// The array's header, its entry, and where its data start within the entry's bytes. The
    /// entry must hold exactly the header's data (deflated) or at least them (stored).
    private func locate(_ name: String) throws -> (header: NPYHeader, entry: Entry, dataOffset: UInt64) {
        guard let entry = entries[name] else {
            throw ArrayFileError.missingArray(path: path, name: name, available: names)
        }
        if let known = located[name] { return (known.header, entry, known.dataOffset) }
        if entry.isDeflated, entry.uncompressedSize / Self.maximumInflation > entry.size {
            throw ArrayFileError.invalid(path: path, reason:
                "entry '\(name).npy' claims to inflate to \(entry.uncompressedSize) bytes from \(entry.size), more than deflate can; the file is damaged or hostile")
        }
        let head = try bytes(of: entry, name: name, at: 0, count: Int(min(entry.uncompressedSize, 65_536 + 64)))
        let (header, dataOffset) = try NPYHeader.decode(head, source: "\(path)[\(name)]")
        let available = entry.uncompressedSize - UInt64(dataOffset)
        guard UInt64(header.dataSize) <= available else {
            throw ArrayFileError.corrupt(path: path, reason: "array '\(name)' holds less data than its shape needs")
        }
        if entry.isDeflated, UInt64(header.dataSize) < available {
            throw ArrayFileError.invalid(path: path, reason:
                "array '\(name)' inflates to more than its header's shape needs (\(available) bytes against \(header.dataSize)); the file is damaged or hostile")
        }
        located[name] = (header, UInt64(dataOffset))
        return (header, entry, UInt64(dataOffset))
    }

    /// `count` bytes of an entry's (inflated) contents from `offset`.
    private func bytes(of entry: Entry, name: String, at offset: UInt64, count: Int) throws -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try fill(UnsafeMutableRawBufferPointer(buffer), from: entry, name: name, at: offset)
            initialized = count
        }
    }

    /// Fills `buffer` with an entry's (inflated) bytes from `offset`: a seek and a read for a
    /// stored entry; for a deflated one, the stream kept from the previous call when it has not
    /// passed `offset` yet, else a new one from the entry's start.
    private func fill(_ buffer: UnsafeMutableRawBufferPointer, from entry: Entry, name: String, at offset: UInt64) throws {
        guard buffer.count > 0 else { return }
        guard offset + UInt64(buffer.count) <= entry.uncompressedSize else {
            throw ArrayFileError.corrupt(path: path, reason: "entry '\(name)' is cut short")
        }
        let start = try dataStart(of: entry, name: name)
        if !entry.isDeflated {
            try handle.seek(toOffset: start + offset)
            let bytes = try handle.read(upToCount: buffer.count) ?? Data()
            guard bytes.count == buffer.count else {
                throw ArrayFileError.corrupt(path: path, reason: "array '\(name)' is cut short")
            }
            bytes.copyBytes(to: buffer)
            return
        }
        if inflater?.entry != entry.localHeaderOffset || inflater!.stream.position > offset {
            inflater = (entry.localHeaderOffset, try Inflater(handle: handle, offset: start, compressedSize: entry.size, path: path, name: name))
        }
        let stream = inflater!.stream
        try stream.skip(offset - stream.position)
        guard try stream.read(into: buffer) == buffer.count else {
            throw ArrayFileError.corrupt(path: path, reason: "entry '\(name)' inflates to fewer bytes than its header says")
        }
    }

    /// The file offset where an entry's stored bytes begin, after its local header.
    private func dataStart(of entry: Entry, name: String) throws -> UInt64 {
        try handle.seek(toOffset: entry.localHeaderOffset)
        guard let fixed = try handle.read(upToCount: 30), fixed.count == 30,
              fixed.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw ArrayFileError.corrupt(path: path, reason: "bad local header for '\(name)'")
        }
        let nameLength = UInt64(fixed[26]) | UInt64(fixed[27]) << 8
        let extraLength = UInt64(fixed[28]) | UInt64(fixed[29]) << 8
        return entry.localHeaderOffset + 30 + nameLength + extraLength
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
