import CZlib
import Foundation
import Support

/// Writes a `.npz` file that `numpy.load` opens, streaming each array's data to disk.
///
/// The file is written under a temporary name and renamed into place by ``finish()``, so a
/// reader never sees a half-written file. Arrays are stored uncompressed (ZIP "stored"); ZIP64
/// records are used when an array or the file passes 4 GiB.
public final class NPZWriter {
    public let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var directory: [(name: String, crc: UInt32, size: UInt64, offset: UInt64)] = []
    /// The open entry: its ZIP file name (`NAME.npy` for arrays), where its local header starts,
    /// the running CRC-32, and bytes written and expected.
    private var current: (name: String, localOffset: UInt64, crc: UInt32, written: UInt64, expected: UInt64)?
    private var finished = false

    /// Starts writing `path` (through a temporary file beside it), first removing the temporary
    /// files of `path` that killed writers left (``AtomicFile/removeAbandonedTemporaries(of:)``).
    public init(path: String) throws {
        self.path = path
        AtomicFile.removeAbandonedTemporaries(of: path)
        temporaryPath = AtomicFile.temporaryPath(for: path)
        let folder = parentFolder(of: path)
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw ArrayFileError.io(path: path, reason: "cannot create the file: \(String(cString: strerror(errno))) (folder \(folder.isEmpty ? "." : folder))")
        }
        self.handle = handle
    }

    deinit {
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// Writes a whole array.
    public func write<T: NPYElement>(_ name: String, _ values: [T], shape: [Int]) throws {
        try begin(name, dtype: T.npyDType, shape: shape)
        try values.withUnsafeBytes { try append($0) }
        try end()
    }

    /// A file system operation on the temporary file, its failure (a full disk) named with
    /// ``path``.
    private func io<T>(_ body: () throws -> T) throws -> T { try FileSystemFailure.naming(path, body) }

    /// Writes a plain (non-array) entry such as `metadata.json`; `numpy.load(f)[name]` returns
    /// its bytes and ``NPZArchive/file(_:)`` reads it.
    public func writeFile(_ fileName: String, _ bytes: [UInt8]) throws {
        precondition(!fileName.hasSuffix(".npy"), "NPZWriter: write arrays with write(_:_:shape:)")
        try beginEntry(fileName, expected: UInt64(bytes.count), header: nil)
        try writeData(bytes)
        try end()
    }

    /// Starts array `name`; its data follow through ``append(_:)`` and it closes with ``end()``.
    public func begin(_ name: String, dtype: NPYDType, shape: [Int]) throws {
        let header = NPYHeader(dtype: dtype, shape: shape)
        let encoded = header.encoded()
        try beginEntry("\(name).npy", expected: UInt64(encoded.count + header.dataSize), header: header)
        try writeData(encoded)
    }

    private func beginEntry(_ entryName: String, expected: UInt64, header: NPYHeader?) throws {
        precondition(current == nil, "NPZWriter: end() the previous array first")
        let offset = try io { try handle.offset() }
        let fileName = Array(entryName.utf8)
        var local = [UInt8]()
        local += le32(0x0403_4B50) + le16(45) + le16(0) + le16(0) + le16(0) + le16(0x21)  // version, flags, stored, time, date
        local += le32(0) + le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF)  // crc and sizes: in the ZIP64 extra, patched later
        local += le16(UInt16(fileName.count)) + le16(20) + fileName
        local += le16(1) + le16(16) + le64(0) + le64(0)
        try io { try handle.write(contentsOf: local) }
        current = (entryName, offset, 0, 0, expected)
    }

    /// Appends raw little-endian element bytes to the open array.
    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        try writeData(bytes)
    }

    /// Appends typed elements to the open array.
    public func append<T: NPYElement>(_ values: [T]) throws {
        try values.withUnsafeBytes { try append($0) }
    }

    private func writeData<B: ContiguousBytes>(_ bytes: B) throws {
        guard var entry = current else { preconditionFailure("NPZWriter: begin() an array first") }
        try bytes.withUnsafeBytes { raw in
            if raw.count > 0 {
                entry.crc = UInt32(crc32(UInt(entry.crc), raw.bindMemory(to: UInt8.self).baseAddress, UInt32(raw.count)))
                try io { try handle.write(contentsOf: Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw.baseAddress!),
                                                           count: raw.count, deallocator: .none)) }
            }
        }
        entry.written += UInt64(bytes.withUnsafeBytes { $0.count })
        current = entry
    }

    /// Closes the open array, checking that exactly its declared data were written.
    public func end() throws {
        guard let entry = current else { preconditionFailure("NPZWriter: no open array") }
        guard entry.written == entry.expected else {
            throw ArrayFileError.sizeMismatch(path: path, name: String(entry.name.dropLast(entry.name.hasSuffix(".npy") ? 4 : 0)),
                                            expected: Int(entry.expected), actual: Int(entry.written))
        }
        let resume = try io { try handle.offset() }
        try handle.seek(toOffset: entry.localOffset + 14)
        try io { try handle.write(contentsOf: le32(entry.crc)) }
        let nameLength = UInt64(entry.name.utf8.count)
        try handle.seek(toOffset: entry.localOffset + 30 + nameLength + 4)
        try io { try handle.write(contentsOf: le64(entry.written) + le64(entry.written)) }
        try handle.seek(toOffset: resume)
        directory.append((entry.name, entry.crc, entry.written, entry.localOffset))
        current = nil
    }

    /// Writes the ZIP directory, flushes to disk and renames the file into place.
    public func finish() throws {
        precondition(current == nil, "NPZWriter: end() the open array before finish()")
        let directoryOffset = try io { try handle.offset() }
        for entry in directory {
            let fileName = Array(entry.name.utf8)
            let large = entry.size >= 0xFFFF_FFFF || entry.offset >= 0xFFFF_FFFF
            var record = le32(0x0201_4B50) + le16(45) + le16(45) + le16(0) + le16(0) + le16(0) + le16(0x21)
            record += le32(entry.crc)
            record += large ? le32(0xFFFF_FFFF) + le32(0xFFFF_FFFF) : le32(UInt32(entry.size)) + le32(UInt32(entry.size))
            record += le16(UInt16(fileName.count)) + le16(large ? 28 : 0) + le16(0) + le16(0) + le16(0) + le32(0)
            record += large ? le32(0xFFFF_FFFF) : le32(UInt32(entry.offset))
            record += fileName
            if large { record += le16(1) + le16(24) + le64(entry.size) + le64(entry.size) + le64(entry.offset) }
            try io { try handle.write(contentsOf: record) }
        }
        let directoryEnd = try io { try handle.offset() }
        let directorySize = directoryEnd - directoryOffset
        let count = UInt64(directory.count)
        let needsZip64 = directoryOffset >= 0xFFFF_FFFF || count >= 0xFFFF
        if needsZip64 {
            var zip64 = le32(0x0606_4B50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0)
            zip64 += le64(count) + le64(count) + le64(directorySize) + le64(directoryOffset)
            zip64 += le32(0x0706_4B50) + le32(0) + le64(directoryEnd) + le32(1)
            try io { try handle.write(contentsOf: zip64) }
        }
        var end = le32(0x0605_4B50) + le16(0) + le16(0)
        end += needsZip64 ? le16(0xFFFF) + le16(0xFFFF) : le16(UInt16(count)) + le16(UInt16(count))
        end += le32(UInt32(min(directorySize, 0xFFFF_FFFF)))
        end += needsZip64 ? le32(0xFFFF_FFFF) : le32(UInt32(directoryOffset))
        end += le16(0)
        try io { try handle.write(contentsOf: end) }
        try io { try handle.synchronize() }
        try io { try handle.close() }
        finished = true
        if let reason = AtomicFile.moveIntoPlace(temporaryPath, to: path) {
            throw ArrayFileError.io(path: path, reason: "cannot move the finished file into place: \(reason)")
        }
    }

    private func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    private func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    private func le64(_ v: UInt64) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
}
