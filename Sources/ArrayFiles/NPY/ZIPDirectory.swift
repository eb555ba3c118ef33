import Foundation

/// Reads a ZIP file's central directory (ZIP64 included), as far as `.npz` files need.
enum ZIPDirectory {
    struct Record {
        let name: String
        let method: UInt16
        let crc: UInt32
        let compressedSize: UInt64
        let uncompressedSize: UInt64
        let localHeaderOffset: UInt64
    }

    static func read(_ handle: FileHandle, path: String) throws -> [Record] {
        func corrupt(_ why: String) -> ArrayFileError { .corrupt(path: path, reason: why) }
        let fileSize = try handle.seekToEnd()
        guard fileSize >= 22 else { throw corrupt("too short to be an NPZ (ZIP) file") }
        let tailLength = min(fileSize, 65_557)
        try handle.seek(toOffset: fileSize - tailLength)
        let tail = [UInt8](try handle.read(upToCount: Int(tailLength)) ?? Data())
        guard let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: {
            tail[$0] == 0x50 && tail[$0 + 1] == 0x4B && tail[$0 + 2] == 0x05 && tail[$0 + 3] == 0x06
        }) else {
            throw corrupt("no ZIP end-of-directory record (the file was not finished writing)")
        }
        var count = UInt64(le16(tail, eocd + 10))
        var directorySize = UInt64(le32(tail, eocd + 12))
        var directoryOffset = UInt64(le32(tail, eocd + 16))
        if directoryOffset == 0xFFFF_FFFF || count == 0xFFFF, eocd >= 20,
           le32(tail, eocd - 20) == 0x0706_4B50 {
            let zip64Offset = le64(tail, eocd - 20 + 8)
            try handle.seek(toOffset: zip64Offset)
            let record = [UInt8](try handle.read(upToCount: 56) ?? Data())
            guard record.count == 56, le32(record, 0) == 0x0606_4B50 else { throw corrupt("bad ZIP64 end record") }
            count = le64(record, 32)
            directorySize = le64(record, 40)
            directoryOffset = le64(record, 48)
        }
        guard directorySize <= fileSize, directoryOffset <= fileSize - directorySize else {
            throw corrupt("the ZIP directory points past the end")
        }
        try handle.seek(toOffset: directoryOffset)
        let directory = [UInt8](try handle.read(upToCount: Int(directorySize)) ?? Data())
        guard directory.count == Int(directorySize) else { throw corrupt("the ZIP directory is cut short") }
        var records: [Record] = []
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, le32(directory, p) == 0x0201_4B50 else {
                throw corrupt("bad ZIP directory entry")
            }
            let method = le16(directory, p + 10)
            let crc = le32(directory, p + 16)
            var compressed = UInt64(le32(directory, p + 20))
            var uncompressed = UInt64(le32(directory, p + 24))
            let nameLength = Int(le16(directory, p + 28)), extraLength = Int(le16(directory, p + 30))
            let commentLength = Int(le16(directory, p + 32))
            var offset = UInt64(le32(directory, p + 42))
            guard p + 46 + nameLength + extraLength <= directory.count else { throw corrupt("bad ZIP directory entry") }
            let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            var e = p + 46 + nameLength
            let extraEnd = e + extraLength
            while e + 4 <= extraEnd {
                let tag = le16(directory, e), size = Int(le16(directory, e + 2))
                if tag == 1 {
                    var q = e + 4
                    if uncompressed == 0xFFFF_FFFF { uncompressed = le64(directory, q); q += 8 }
                    if compressed == 0xFFFF_FFFF { compressed = le64(directory, q); q += 8 }
                    if offset == 0xFFFF_FFFF { offset = le64(directory, q) }
                }
                e += 4 + size
            }
            // Every offset and size must lie inside the file, so that sums of them cannot overflow.
            guard offset < fileSize, compressed <= fileSize - offset else {
                throw corrupt("entry '\(name)' points past the end of the file")
            }
            records.append(Record(name: name, method: method, crc: crc, compressedSize: compressed,
                                  uncompressedSize: uncompressed, localHeaderOffset: offset))
            p = extraEnd + commentLength
        }
        return records
    }

    static func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func le32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(le16(b, i)) | UInt32(le16(b, i + 2)) << 16 }
    static func le64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32 }
}
