/// The shape, element type and bounds of an observation or action array (like dm_env's specs).
public struct ArraySpec: Equatable, Sendable, CustomStringConvertible {
    /// Element types of arrays we exchange.
    public enum DType: String, Sendable { case float32, float64, uint8 }

    public let name: String
    public let shape: [Int]
    public let dtype: DType
    /// Per-element lower bounds, or nil if unbounded.
    public let minimum: [Double]?
    /// Per-element upper bounds, or nil if unbounded.
    public let maximum: [Double]?

    public init(name: String, shape: [Int], dtype: DType, minimum: [Double]? = nil, maximum: [Double]? = nil) {
        self.name = name
        self.shape = shape
        self.dtype = dtype
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }

    public var description: String {
        "\(name): \(dtype)[\(shape.map(String.init).joined(separator: ", "))]"
    }
}
