import Foundation

/// The header of a `.npy` file: element type, shape, C order (format versions 1.0 and 2.0).
public struct NPYHeader: Equatable, Sendable {
    public var dtype: NPYDType
    public var shape: [Int]

    public init(dtype: NPYDType, shape: [Int]) {
        self.dtype = dtype
        self.shape = shape
    }

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// Bytes of array data after the header.
    public var dataSize: Int { count * dtype.size }

    /// The number of bytes `shape` of `dtype` needs, or nil when it does not fit in an `Int`
    /// (a hostile or damaged header): the check every decoded header passes before ``count``
    /// and ``dataSize`` may be read.
    static func checkedByteCount(_ shape: [Int], _ dtype: NPYDType) -> Int? {
        var total = dtype.size
        for n in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            if overflow { return nil }
            total = product
        }
        return total
    }

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// The header bytes, padded so that the data starts on a 64-byte boundary.
    public func encoded() -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(\(shape.map(String.init).joined(separator: ", ")))"
        var dictionary = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        let useVersion2 = dictionary.utf8.count + 10 + 64 > 65_535
        let prefix = useVersion2 ? 12 : 10
        let total = (prefix + dictionary.utf8.count + 1 + 63) / 64 * 64
        dictionary += String(repeating: " ", count: total - prefix - dictionary.utf8.count - 1) + "\n"
        let length = dictionary.utf8.count
        var bytes = NPYHeader.magic + [useVersion2 ? 2 : 1, 0]
        if useVersion2 {
            bytes += withUnsafeBytes(of: UInt32(length).littleEndian, Array.init)
        } else {
            bytes += withUnsafeBytes(of: UInt16(length).littleEndian, Array.init)
        }
        return bytes + Array(dictionary.utf8)
    }

    /// Parses a header at the start of `bytes`; returns it and the offset of the data.
    public static func decode(_ bytes: [UInt8], source: String) throws -> (NPYHeader, Int) {
        func corrupt(_ why: String) -> ArrayFileError { .corrupt(path: source, reason: why) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw corrupt("not an .npy array (bad magic)") }
        let major = bytes[6]
        let (length, start): (Int, Int)
        switch major {
        case 1: length = Int(bytes[8]) | Int(bytes[9]) << 8; start = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw corrupt("truncated .npy header") }
            length = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24; start = 12
        default: throw corrupt("unsupported .npy format version \(major)")
        }
        guard bytes.count >= start + length else { throw corrupt("truncated .npy header") }
        let text = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        guard let descr = value(of: "descr", in: text), let dtype = NPYDType(descriptor: descr) else {
            throw corrupt("unsupported or missing dtype in header \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        guard value(of: "fortran_order", in: text) == "False" else { throw corrupt("Fortran-ordered arrays are not supported") }
        guard let shapeText = value(of: "shape", in: text) else { throw corrupt("no shape in header") }
        let shape = try shapeText.split(separator: ",").compactMap { part -> Int? in
            let digits = part.trimmingCharacters(in: .whitespaces)
            if digits.isEmpty { return nil }
            guard let n = Int(digits), n >= 0 else { throw corrupt("bad shape \(shapeText)") }
            return n
        }
        guard checkedByteCount(shape, dtype) != nil else {
            throw corrupt("shape (\(shapeText)) needs more bytes than any file can hold")
        }
        return (NPYHeader(dtype: dtype, shape: shape), start + length)
    }

    /// The value text of `key` in a Python dict literal: a quoted string, a tuple or a word.
    private static func value(of key: String, in text: String) -> String? {
        guard let keyRange = text.range(of: "'\(key)'") else { return nil }
        var rest = text[keyRange.upperBound...].drop(while: { $0 == " " || $0 == ":" })
        if rest.first == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix(while: { $0 != "'" }))
        }
        if rest.first == "(" {
            return String(rest.dropFirst().prefix(while: { $0 != ")" }))
        }
        return String(rest.prefix(while: { $0 != "," && $0 != "}" })).trimmingCharacters(in: .whitespaces)
    }
}
