import CZlib
import Foundation

/// Inflates one deflated ZIP entry (raw deflate, method 8) front to back, reading its
/// compressed bytes from the archive's file handle in 64 KiB pieces: the way `.npz` files
/// written by `numpy.savez_compressed` are read, without holding the entry in memory. Owns its
/// zlib stream and buffers.
final class Inflater {
    /// Uncompressed bytes produced so far: where the next ``read(into:)`` starts in the entry.
    private(set) var position: UInt64 = 0
    private let handle: FileHandle
    private let path: String, name: String
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let input = UnsafeMutablePointer<UInt8>.allocate(capacity: Inflater.inputCapacity)
    private var inputOffset: UInt64, remainingInput: UInt64
    private var ended = false

    static let inputCapacity = 1 << 16

    /// Starts inflating the `compressedSize` bytes at file offset `offset` of entry `name`.
    init(handle: FileHandle, offset: UInt64, compressedSize: UInt64, path: String, name: String) throws {
        self.handle = handle
        self.path = path
        self.name = name
        inputOffset = offset
        remainingInput = compressedSize
        stream.initialize(to: z_stream())
        guard inflateInit2_(stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw ArrayFileError.io(path: path, reason: "zlib cannot start inflating entry '\(name)'")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Fills `buffer` with the next uncompressed bytes; returns how many (fewer only where the
    /// entry ends).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var written = 0
        while written < buffer.count && !ended {
            if stream.pointee.avail_in == 0 {
                guard remainingInput > 0 else {
                    throw ArrayFileError.corrupt(path: path, reason: "entry '\(name)' ends before its deflated stream does")
                }
                try handle.seek(toOffset: inputOffset)
                let piece = try handle.read(upToCount: Int(min(UInt64(Self.inputCapacity), remainingInput))) ?? Data()
                guard !piece.isEmpty else { throw ArrayFileError.corrupt(path: path, reason: "entry '\(name)' is cut short") }
                piece.copyBytes(to: input, count: piece.count)
                inputOffset += UInt64(piece.count)
                remainingInput -= UInt64(piece.count)
                stream.pointee.next_in = input
                stream.pointee.avail_in = UInt32(piece.count)
            }
            stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + written
            stream.pointee.avail_out = UInt32(buffer.count - written)
            let status = inflate(stream, Z_NO_FLUSH)
            written = buffer.count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK: break
            case Z_STREAM_END: ended = true
            case Z_BUF_ERROR where stream.pointee.avail_in == 0: break
            default: throw ArrayFileError.corrupt(path: path, reason: "entry '\(name)' does not inflate (zlib error \(status))")
            }
        }
        position += UInt64(written)
        return written
    }

    /// Inflates and drops `count` bytes.
    func skip(_ count: UInt64) throws {
        var left = count
        var scratch = [UInt8](repeating: 0, count: Int(min(count, 1 << 20)))
        while left > 0 {
            let n = try scratch.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<Int(min(left, UInt64($0.count)))])) }
            guard n > 0 else { throw ArrayFileError.corrupt(path: path, reason: "entry '\(name)' is cut short") }
            left -= UInt64(n)
        }
    }
}
