/// Element types we read and write in `.npy` files, with numpy's little-endian descriptors.
public enum NPYDType: String, Sendable, CaseIterable {
    case float32 = "<f4", float64 = "<f8", uint8 = "|u1", int32 = "<i4", int64 = "<i8", uint64 = "<u8", bool = "|b1"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .uint8, .bool: return 1
        case .float32, .int32: return 4
        case .float64, .int64, .uint64: return 8
        }
    }

    /// The dtype for a numpy descriptor string, accepting the `=`/`<` variants numpy writes.
    init?(descriptor: String) {
        let normalized: String
        switch descriptor {
        case "<u1", "u1", "=u1", "B": normalized = "|u1"
        case "<b1", "b1", "=b1", "?": normalized = "|b1"
        default: normalized = descriptor.replacingOccurrences(of: "=", with: "<")
        }
        self.init(rawValue: normalized)
    }
}

/// Swift element types that map to an ``NPYDType``.
public protocol NPYElement {
    static var npyDType: NPYDType { get }
}

extension Float: NPYElement { public static var npyDType: NPYDType { .float32 } }
extension Double: NPYElement { public static var npyDType: NPYDType { .float64 } }
extension UInt8: NPYElement { public static var npyDType: NPYDType { .uint8 } }
extension Int32: NPYElement { public static var npyDType: NPYDType { .int32 } }
extension Int64: NPYElement { public static var npyDType: NPYDType { .int64 } }
extension UInt64: NPYElement { public static var npyDType: NPYDType { .uint64 } }
