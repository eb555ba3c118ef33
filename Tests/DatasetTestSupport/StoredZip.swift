import ArrayFiles
import CZlib
import Datasets
import Foundation

/// A minimal ZIP writer ("stored" or deflated entries, no ZIP64) for test files whose entries are
/// exactly what a test says, hostile names and impossible headers included: what numpy's
/// `savez` and `savez_compressed` write, without Python.
public enum StoredZip {
    /// One entry: its name, its bytes and whether to deflate them.
    public struct Entry {
        public var name: String
        public var bytes: [UInt8]
        public var deflated: Bool

        public init(name: String, bytes: [UInt8], deflated: Bool = false) {
            self.name = name
            self.bytes = bytes
            self.deflated = deflated
        }

        /// An `.npy` entry of `values` with `shape` (the header says what `shape` says, even if
        /// the values do not fill it).
        public static func array<T: NPYElement>(_ name: String, _ values: [T], shape: [Int], deflated: Bool = false) -> Entry {
            var bytes = NPYHeader(dtype: T.npyDType, shape: shape).encoded()
            values.withUnsafeBytes { bytes += $0 }
            return Entry(name: "\(name).npy", bytes: bytes, deflated: deflated)
        }
    }

    /// Writes `entries` to `path`.
    public static func write(_ entries: [Entry], to path: String) throws {
        var file = [UInt8](), directory = [UInt8]()
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = UInt32(entry.bytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) })
            let stored = entry.deflated ? compress(entry.bytes) : entry.bytes
            let method: UInt16 = entry.deflated ? 8 : 0
            let offset = UInt32(file.count)
            file += le32(0x0403_4B50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
            file += le32(crc) + le32(UInt32(stored.count)) + le32(UInt32(entry.bytes.count))
            file += le16(UInt16(name.count)) + le16(0) + name + stored
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21)
            directory += le32(crc) + le32(UInt32(stored.count)) + le32(UInt32(entry.bytes.count))
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = UInt32(file.count)
        file += directory
        file += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        file += le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        try Data(file).write(to: URL(fileURLWithPath: path))
    }

    /// Raw deflate (no zlib header), as ZIP stores it.
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        var input = input
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target -> Int in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                _ = deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }

    static func le16(_ v: UInt16) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
    static func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian, Array.init) }
}
