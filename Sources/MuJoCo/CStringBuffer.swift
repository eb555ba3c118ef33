extension Array where Element == CChar {
    /// The text in a C message buffer, up to its first NUL byte.
    package var nulTerminatedString: String {
        let end = firstIndex(of: 0) ?? count
        return String(decoding: self[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
