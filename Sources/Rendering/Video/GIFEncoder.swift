/// An animated GIF (GIF89a, looping) built in memory: every frame is mapped to one fixed
/// 256-colour palette (3 bits red, 3 green, 2 blue) and LZW-compressed.
struct GIFEncoder {
    let width: Int, height: Int
    /// Frame delay in hundredths of a second.
    let delay: Int
    private(set) var bytes: [UInt8] = []
    private var indices: [UInt8]
    /// The LZW code of each (prefix code, next index) pair, −1 when absent; allocated once and
    /// cleared through `usedKeys` between frames and at clear codes.
    private var table = [Int32](repeating: -1, count: 4096 * 256)
    private var usedKeys: [Int] = []

    init(width: Int, height: Int, fps: Int) {
        self.width = width
        self.height = height
        delay = max(1, Int((100.0 / Double(fps)).rounded()))
        indices = [UInt8](repeating: 0, count: width * height)
        bytes += Array("GIF89a".utf8)
        append16(width); append16(height)
        bytes += [0xF7, 0, 0]  // global colour table of 2^(7+1) entries, 8 bits per primary
        for i in 0..<256 {
            bytes.append(UInt8((i >> 5) * 255 / 7))
            bytes.append(UInt8(((i >> 2) & 7) * 255 / 7))
            bytes.append(UInt8((i & 3) * 255 / 3))
        }
        // NETSCAPE2.0 application extension: loop forever.
        bytes += [0x21, 0xFF, 0x0B] + Array("NETSCAPE2.0".utf8) + [0x03, 0x01, 0x00, 0x00, 0x00]
    }

    private mutating func append16(_ value: Int) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }

    /// Adds one RGB frame of the encoder's size.
    mutating func add(_ rgb: [UInt8]) {
        precondition(rgb.count == width * height * 3, "frame of \(rgb.count / 3) pixels, the GIF is \(width)x\(height)")
        for p in 0..<(width * height) {
            indices[p] = (rgb[3 * p] & 0xE0) | ((rgb[3 * p + 1] & 0xE0) >> 3) | (rgb[3 * p + 2] >> 6)
        }
        bytes += [0x21, 0xF9, 0x04, 0x00]  // graphic control: no transparency
        append16(delay)
        bytes += [0x00, 0x00]
        bytes.append(0x2C)  // image descriptor at (0, 0), full size, no local table
        append16(0); append16(0); append16(width); append16(height)
        bytes.append(0)
        bytes.append(8)  // LZW minimum code size
        let data = lzw(indices)
        var start = 0
        while start < data.count {
            let n = min(255, data.count - start)
            bytes.append(UInt8(n))
            bytes += data[start..<(start + n)]
            start += n
        }
        bytes.append(0)
    }

    /// The file: all frames and the trailer.
    func finished() -> [UInt8] { bytes + [0x3B] }

    private mutating func clearTable() {
        for key in usedKeys { table[key] = -1 }
        usedKeys.removeAll(keepingCapacity: true)
    }

    /// GIF's variable-width LZW over 8-bit indices: clear code 256, end 257, codes of 9…12 bits,
    /// the table restarted with a clear code when it is full.
    mutating func lzw(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 2)
        var bitBuffer = 0, bitCount = 0, codeSize = 9, nextCode = 258
        defer { clearTable() }
        func emit(_ code: Int) {
            bitBuffer |= code << bitCount
            bitCount += codeSize
            while bitCount >= 8 {
                out.append(UInt8(bitBuffer & 0xFF))
                bitBuffer >>= 8
                bitCount -= 8
            }
        }
        emit(256)
        guard var prefix = input.first.map(Int.init) else {
            emit(257)
            if bitCount > 0 { out.append(UInt8(bitBuffer & 0xFF)) }
            return out
        }
        for byte in input.dropFirst() {
            let key = prefix << 8 | Int(byte)
            let existing = table[key]
            if existing >= 0 {
                prefix = Int(existing)
                continue
            }
            emit(prefix)
            if nextCode < 4096 {
                table[key] = Int32(nextCode)
                usedKeys.append(key)
                if nextCode == 1 << codeSize, codeSize < 12 { codeSize += 1 }
                nextCode += 1
            } else {
                emit(256)
                clearTable()
                codeSize = 9
                nextCode = 258
            }
            prefix = Int(byte)
        }
        emit(prefix)
        emit(257)
        if bitCount > 0 { out.append(UInt8(bitBuffer & 0xFF)) }
        return out
    }
}
