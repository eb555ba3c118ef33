import Foundation

/// A read-only `.npz` file (a ZIP of `.npy` arrays, as `numpy.savez` writes it).
///
/// The central directory is read when opening; array data are read on demand from their offsets.
/// Entries must be stored uncompressed (`numpy.savez`, and every file we write).
public final class NPZArchive {
    public let path: String
    /// Array names (without `.npy`), in file order.
    public let names: [String]
    /// Plain entries that are not arrays (for example `metadata.json`), in file order.
    public let fileNames: [String]
    private let entries: [String: Entry]
    private let files: [String: Entry]
    private let handle: FileHandle

    struct Entry {
        let localHeaderOffset: UInt64
        let size: UInt64
        let method: UInt16
    }

    /// Opens and indexes `path`; throws ``DatasetError`` if it is not a complete NPZ file.
    public init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DatasetError.io(path: path, reason: "cannot open for reading (does it exist?)")
        }
        self.handle = handle
        let directory = try ZIPDirectory.read(handle, path: path)
        var entries: [String: Entry] = [:], files: [String: Entry] = [:]
        var names: [String] = [], fileNames: [String] = []
        for record in directory {
            let entry = Entry(localHeaderOffset: record.localHeaderOffset, size: record.compressedSize, method: record.method)
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

    /// The header of array `name`.
    public func header(_ name: String) throws -> NPYHeader {
        let (header, _) = try locate(name)
        return header
    }

    /// The raw little-endian bytes of array `name`.
    public func data(_ name: String) throws -> [UInt8] {
        let (header, offset) = try locate(name)
        try handle.seek(toOffset: offset)
        let bytes = try handle.read(upToCount: header.dataSize) ?? Data()
        guard bytes.count == header.dataSize else {
            throw DatasetError.corrupt(path: path, reason: "array '\(name)' is cut short")
        }
        return [UInt8](bytes)
    }

    /// The bytes of a plain entry (see ``fileNames``), or nil if there is none of that name.
    public func file(_ fileName: String) throws -> [UInt8]? {
        guard let entry = files[fileName] else { return nil }
        let start = try dataStart(of: entry, name: fileName)
        try handle.seek(toOffset: start)
        let bytes = try handle.read(upToCount: Int(entry.size)) ?? Data()
        guard bytes.count == Int(entry.size) else {
            throw DatasetError.corrupt(path: path, reason: "entry '\(fileName)' is cut short")
        }
        return [UInt8](bytes)
    }

    /// `count` elements of array `name` starting at element `start` (row-major), read from disk
    /// without loading the rest: the way to stream arrays larger than memory.
    public func elements<T: NPYElement>(_ name: String, as _: T.Type = T.self, from start: Int, count: Int) throws -> [T] {
        try read(name, as: T.self, from: start, count: count)
    }

    /// Elements `start..<start + count` of array `name` (to its end when `count` is nil), with
    /// one lookup of the array's header.
    private func read<T: NPYElement>(_ name: String, as _: T.Type, from start: Int, count: Int?) throws -> [T] {
        let (header, offset) = try locate(name)
        guard header.dtype == T.npyDType else {
            throw DatasetError.wrongDType(path: path, name: name, expected: T.npyDType, actual: header.dtype)
        }
        let count = count ?? header.count - start
        precondition(start >= 0 && count >= 0 && start + count <= header.count,
                     "elements \(start)..<\(start + count) outside '\(name)' of \(header.count)")
        try handle.seek(toOffset: offset + UInt64(start * header.dtype.size))
        let bytes = try handle.read(upToCount: count * header.dtype.size) ?? Data()
        guard bytes.count == count * header.dtype.size else {
            throw DatasetError.corrupt(path: path, reason: "array '\(name)' is cut short")
        }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
    }

    /// Streams array `name`'s raw little-endian data through `body` in pieces of at most
    /// `chunkBytes` (rounded down to whole elements), without holding the array in memory.
    public func forEachChunk(of name: String, chunkBytes: Int = 1 << 24,
                             _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let (header, offset) = try locate(name)
        let step = Swift.max(header.dtype.size, chunkBytes / header.dtype.size * header.dtype.size)
        try handle.seek(toOffset: offset)
        var remaining = header.dataSize
        while remaining > 0 {
            let piece = try handle.read(upToCount: Swift.min(step, remaining)) ?? Data()
            guard !piece.isEmpty else { throw DatasetError.corrupt(path: path, reason: "array '\(name)' is cut short") }
            try piece.withUnsafeBytes { try body($0) }
            remaining -= piece.count
        }
    }

    /// Array `name` as Swift values; its dtype must be `T`'s.
    public func array<T: NPYElement>(_ name: String, as _: T.Type = T.self) throws -> [T] {
        try read(name, as: T.self, from: 0, count: nil)
    }

    /// The array's header and the file offset of its data.
    private func locate(_ name: String) throws -> (NPYHeader, UInt64) {
        guard let entry = entries[name] else {
            throw DatasetError.missingArray(path: path, name: name, available: names)
        }
        let start = try dataStart(of: entry, name: name)
        try handle.seek(toOffset: start)
        let head = [UInt8](try handle.read(upToCount: Int(min(entry.size, 65_536 + 64))) ?? Data())
        let (header, dataOffset) = try NPYHeader.decode(head, source: "\(path)[\(name)]")
        guard UInt64(dataOffset + header.dataSize) <= entry.size else {
            throw DatasetError.corrupt(path: path, reason: "array '\(name)' holds less data than its shape needs")
        }
        return (header, start + UInt64(dataOffset))
    }

    /// The file offset where an entry's stored bytes begin, after its local header.
    private func dataStart(of entry: Entry, name: String) throws -> UInt64 {
        guard entry.method == 0 else {
            throw DatasetError.corrupt(
                path: path, reason: "entry '\(name)' is compressed; re-save with numpy.savez (not savez_compressed)")
        }
        try handle.seek(toOffset: entry.localHeaderOffset)
        guard let fixed = try handle.read(upToCount: 30), fixed.count == 30,
              fixed.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw DatasetError.corrupt(path: path, reason: "bad local header for '\(name)'")
        }
        let nameLength = UInt64(fixed[26]) | UInt64(fixed[27]) << 8
        let extraLength = UInt64(fixed[28]) | UInt64(fixed[29]) << 8
        return entry.localHeaderOffset + 30 + nameLength + extraLength
    }
}
