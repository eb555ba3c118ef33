/// A trainable array: its values and the gradient the last backward pass accumulated, in
/// buffers allocated once and owned by this object.
public final class Parameter<Scalar: TensorScalar> {
    /// A stable name, used in checkpoints (for example `actor/Dense_0/kernel`).
    public let name: String
    public let shape: [Int]
    public let count: Int
    /// The values (`count` elements, row-major).
    public let value: UnsafeMutablePointer<Scalar>
    /// The gradient of the last backward pass.
    public let gradient: UnsafeMutablePointer<Scalar>

    /// A parameter filled with `initial` (row-major, `shape`'s element count).
    public init(name: String, shape: [Int], initial: [Scalar]) {
        precondition(initial.count == shape.reduce(1, *), "\(name): \(initial.count) values for shape \(shape)")
        self.name = name
        self.shape = shape
        count = initial.count
        value = .allocate(capacity: max(1, count))
        value.initialize(from: initial, count: count)
        gradient = .allocate(capacity: max(1, count))
        gradient.initialize(repeating: 0, count: count)
    }

    deinit {
        value.deallocate()
        gradient.deallocate()
    }

    /// The values as an array.
    public var values: [Scalar] { Array(UnsafeBufferPointer(start: value, count: count)) }
    /// The gradient as an array.
    public var gradients: [Scalar] { Array(UnsafeBufferPointer(start: gradient, count: count)) }

    /// Overwrites the values.
    public func assign(_ values: [Scalar]) {
        precondition(values.count == count, "\(name): \(values.count) values for \(count)")
        value.update(from: values, count: count)
    }
}
