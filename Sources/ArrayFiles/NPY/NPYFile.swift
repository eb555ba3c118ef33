import Foundation

/// Single `.npy` files (as `numpy.save` writes them).
public enum NPYFile {
    /// Reads an array of element type `T`; returns its shape and values.
    public static func read<T: NPYElement>(_ path: String, as _: T.Type = T.self) throws -> (shape: [Int], values: [T]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ArrayFileError.io(path: path, reason: isFolder.boolValue ? "is a folder; name an .npy file" : "no such file; check the path")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ArrayFileError.io(path: path, reason: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        let bytes = [UInt8](data)
        let (header, offset) = try NPYHeader.decode(bytes, source: path)
        guard header.dtype == T.npyDType else {
            throw ArrayFileError.wrongDType(path: path, name: "array", expected: T.npyDType, actual: header.dtype)
        }
        guard bytes.count - offset >= header.dataSize else {
            throw ArrayFileError.corrupt(path: path, reason: "holds \(bytes.count - offset) bytes of data, its shape needs \(header.dataSize)")
        }
        let values = [T](unsafeUninitializedCapacity: header.count) { buffer, count in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + header.dataSize)]))
            }
            count = header.count
        }
        return (header.shape, values)
    }

    /// Writes `values` with `shape` to `path` (under a temporary name, then renamed).
    public static func write<T: NPYElement>(_ values: [T], shape: [Int], to path: String) throws {
        let header = NPYHeader(dtype: T.npyDType, shape: shape)
        guard header.count == values.count else {
            throw ArrayFileError.sizeMismatch(path: path, name: "array", expected: header.dataSize, actual: values.count * T.npyDType.size)
        }
        var data = Data(header.encoded())
        values.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.writeAtomically(to: path)
    }
}
