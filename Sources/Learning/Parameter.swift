/// A trainable array: its values and the gradient the last backward pass accumulated, in
/// buffers allocated once and owned by this object. The buffers are the learning core's own:
/// other modules read and write a parameter through the methods below, never its memory.
public final class Parameter<Scalar: TensorScalar> {
    /// Where the parameter sits in its model.
    public let path: ParameterPath
    /// The checkpoint key, the path's text (for example `actor/Dense_0/kernel`).
    public let name: String
    public let shape: [Int]
    public let count: Int
    /// The values (`count` elements, row-major).
    let value: UnsafeMutablePointer<Scalar>
    /// The gradient of the last backward pass.
    let gradient: UnsafeMutablePointer<Scalar>

    /// A parameter filled with `initial` (row-major, `shape`'s element count).
    public init(path: ParameterPath, shape: [Int], initial: [Scalar]) {
        precondition(initial.count == shape.reduce(1, *), "\(path): \(initial.count) values for shape \(shape)")
        self.path = path
        name = path.description
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

    /// Overwrites the values with those of `other`, a parameter of the same shape (a target
    /// network's copy of its online one).
    public func copyValues(from other: Parameter<Scalar>) {
        precondition(other.shape == shape, "\(name): copying \(other.name) of shape \(other.shape) into \(shape)")
        value.update(from: other.value, count: count)
    }

    /// Sets the gradient to zero (a parameter a loss does not reach).
    public func zeroGradient() {
        UnsafeMutableRawPointer(gradient).initializeMemory(as: UInt8.self, repeating: 0, count: count * MemoryLayout<Scalar>.stride)
    }

    /// Overwrites the gradient (tests of optimizers and of gradient bookkeeping).
    public func setGradient(_ values: [Scalar]) {
        precondition(values.count == count, "\(name): \(values.count) gradient values for \(count)")
        gradient.update(from: values, count: count)
    }
}
