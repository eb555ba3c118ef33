import Foundation

/// A `.safetensors` file (Hugging Face's format, read by Python's `safetensors` and by
/// `safetensors.numpy.load_file`): an 8-byte little-endian header length, a JSON header naming
/// each tensor's dtype, shape and byte range, an optional `__metadata__` map of strings, and
/// the raw little-endian data. Tensors are written in name order, the header padded with spaces
/// to a multiple of 8 bytes.
public struct SafeTensors: Sendable {
    /// One named array: dtype, shape and its bytes.
    public struct Tensor: Sendable, Equatable {
        public let dtype: NPYDType
        public let shape: [Int]
        public let bytes: [UInt8]
    }

    public private(set) var tensors: [String: Tensor] = [:]
    /// Free-form string metadata (the header's `__metadata__`).
    public var metadata: [String: String] = [:]

    public init() {}

    /// The tensor names in file order.
    public var names: [String] { tensors.keys.sorted() }

    /// Adds (or replaces) a tensor of `shape` holding `values`.
    public mutating func add<T: NPYElement>(_ name: String, _ values: UnsafeBufferPointer<T>, shape: [Int]) {
        precondition(shape.reduce(1, *) == values.count, "\(name): \(values.count) values for shape \(shape)")
        tensors[name] = Tensor(dtype: T.npyDType, shape: shape, bytes: [UInt8](UnsafeRawBufferPointer(values)))
    }

    /// Adds (or replaces) a tensor of `shape` holding `values`.
    public mutating func add<T: NPYElement>(_ name: String, _ values: [T], shape: [Int]) {
        values.withUnsafeBufferPointer { add(name, $0, shape: shape) }
    }

    /// The values of tensor `name`, which must have element type `T` and, when given, `shape`;
    /// `source` names the file in errors.
    public func values<T: NPYElement>(_ name: String, as _: T.Type = T.self, shape: [Int]? = nil,
                                      source: String = "checkpoint") throws -> [T] {
        guard let tensor = tensors[name] else {
            throw ArrayFileError.missingArray(path: source, name: name, available: names)
        }
        guard tensor.dtype == T.npyDType else {
            throw ArrayFileError.wrongDType(path: source, name: name, expected: T.npyDType, actual: tensor.dtype)
        }
        if let shape, tensor.shape != shape {
            throw ArrayFileError.invalid(path: source, reason:
                "tensor '\(name)' has shape \(tensor.shape), the model needs \(shape); load it with the agent and flags it was trained with")
        }
        let count = tensor.shape.reduce(1, *)
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            tensor.bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
    }

    /// The safetensors dtype string of an element type.
    static func code(_ dtype: NPYDType) -> String {
        switch dtype {
        case .float32: return "F32"
        case .float64: return "F64"
        case .uint8: return "U8"
        case .int32: return "I32"
        case .int64: return "I64"
        case .uint64: return "U64"
        case .bool: return "BOOL"
        }
    }

    /// The file's bytes.
    public func encoded() throws -> Data {
        var header: [String: Any] = [:]
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            header[name] = ["dtype": Self.code(tensor.dtype), "shape": tensor.shape,
                            "data_offsets": [offset, offset + tensor.bytes.count]] as [String: Any]
            offset += tensor.bytes.count
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var data = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names { data.append(contentsOf: tensors[name]!.bytes) }
        return data
    }

    /// Writes the file under a temporary name and renames it into place.
    public func write(to path: String) throws { try encoded().writeAtomically(to: path) }

    /// Reads and validates a file: header length, JSON, dtypes, shapes and byte ranges.
    public static func read(_ path: String) throws -> SafeTensors {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ArrayFileError.io(path: path, reason: "cannot read the file (does it exist?)")
        }
        return try decode([UInt8](data), source: path)
    }

    /// Parses a file's bytes; `source` names it in errors.
    public static func decode(_ bytes: [UInt8], source: String) throws -> SafeTensors {
        func corrupt(_ reason: String) -> ArrayFileError { .corrupt(path: source, reason: reason) }
        guard bytes.count >= 8 else { throw corrupt("shorter than the 8-byte header length") }
        let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard headerLength <= bytes.count - 8 else {
            throw corrupt("header of \(headerLength) bytes, but only \(bytes.count - 8) follow")
        }
        guard let header = try? JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any] else {
            throw corrupt("the header is not a JSON object")
        }
        let dataStart = 8 + headerLength
        var file = SafeTensors()
        for (name, entry) in header {
            if name == "__metadata__" {
                file.metadata = (entry as? [String: String]) ?? [:]
                continue
            }
            guard let entry = entry as? [String: Any], let code = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2,
                  let dtype = NPYDType.allCases.first(where: { Self.code($0) == code }) else {
                throw corrupt("tensor '\(name)' has a malformed or unsupported header entry")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= bytes.count - dataStart else {
                throw corrupt("tensor '\(name)' spans bytes \(begin)..<\(end) of \(bytes.count - dataStart) data bytes")
            }
            guard shape.allSatisfy({ $0 >= 0 }), let size = NPYHeader.checkedByteCount(shape, dtype), end - begin == size else {
                throw corrupt("tensor '\(name)' of shape \(shape) has \(end - begin) bytes")
            }
            file.tensors[name] = Tensor(dtype: dtype, shape: shape, bytes: Array(bytes[(dataStart + begin)..<(dataStart + end)]))
        }
        return file
    }
}
