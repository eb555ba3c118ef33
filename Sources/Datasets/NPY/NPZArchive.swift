import Foundation

/// A read-only `.npz` file (a ZIP of `.npy` arrays, as `numpy.savez` writes it).
///
/// The central directory is read when opening; array data are read on demand from their offsets.
/// Entries must be stored uncompressed (`numpy.savez`, and every file we write).
public final class NPZArchive {
    public let path: String
    /// Array names (without `.npy`), in file order.
    public let names: [String]
    private let entries: [String: Entry]
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
        var entries: [String: Entry] = [:]
        var names: [String] = []
        for record in directory {
            guard record.name.hasSuffix(".npy") else { continue }
            let name = String(record.name.dropLast(4))
            names.append(name)
            entries[name] = Entry(localHeaderOffset: record.localHeaderOffset, size: record.compressedSize,
                                  method: record.method)
        }
        self.names = names
        self.entries = entries
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

    /// Array `name` as Swift values; its dtype must be `T`'s.
    public func array<T: NPYElement>(_ name: String, as _: T.Type = T.self) throws -> [T] {
        let header = try self.header(name)
        guard header.dtype == T.npyDType else {
            throw DatasetError.wrongDType(path: path, name: name, expected: T.npyDType, actual: header.dtype)
        }
        let bytes = try data(name)
        return [T](unsafeUninitializedCapacity: header.count) { buffer, count in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
            }
            count = header.count
        }
    }

    /// The array's header and the file offset of its data.
    private func locate(_ name: String) throws -> (NPYHeader, UInt64) {
        guard let entry = entries[name] else {
            throw DatasetError.missingArray(path: path, name: name, available: names)
        }
        guard entry.method == 0 else {
            throw DatasetError.corrupt(
                path: path, reason: "array '\(name)' is compressed; re-save with numpy.savez (not savez_compressed)")
        }
        try handle.seek(toOffset: entry.localHeaderOffset)
        guard let fixed = try handle.read(upToCount: 30), fixed.count == 30,
              fixed.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw DatasetError.corrupt(path: path, reason: "bad local header for '\(name)'")
        }
        let nameLength = UInt64(fixed[26]) | UInt64(fixed[27]) << 8
        let extraLength = UInt64(fixed[28]) | UInt64(fixed[29]) << 8
        let start = entry.localHeaderOffset + 30 + nameLength + extraLength
        try handle.seek(toOffset: start)
        let head = [UInt8](try handle.read(upToCount: Int(min(entry.size, 65_536 + 64))) ?? Data())
        let (header, dataOffset) = try NPYHeader.decode(head, source: "\(path)[\(name)]")
        guard UInt64(dataOffset + header.dataSize) <= entry.size else {
            throw DatasetError.corrupt(path: path, reason: "array '\(name)' holds less data than its shape needs")
        }
        return (header, start + UInt64(dataOffset))
    }
}
