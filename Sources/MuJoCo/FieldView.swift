/// A live, non-copying view of one of MuJoCo's arrays (for example `qpos` or a sensor's slice).
///
/// Reads and writes go straight to the C memory. The view keeps the object that owns that memory
/// (a ``Model`` or ``Simulation``) alive, so it stays valid as long as it exists.
@frozen
public struct FieldView<Element>: RandomAccessCollection, MutableCollection {
    @usableFromInline let owner: AnyObject
    @usableFromInline let base: UnsafeMutablePointer<Element>?
    /// Number of elements.
    public let count: Int

    @usableFromInline
    init(owner: AnyObject, base: UnsafeMutablePointer<Element>?, count: Int) {
        self.owner = owner
        self.base = count > 0 ? base : nil
        self.count = count
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            return base.unsafelyUnwrapped[position]
        }
        nonmutating set {
            precondition(position >= 0 && position < count, "index \(position) out of range 0..<\(count)")
            base.unsafelyUnwrapped[position] = newValue
        }
    }

    /// A view of `range` of this view.
    @inlinable
    public func view(_ range: Range<Int>) -> FieldView<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) out of 0..<\(count)")
        return FieldView(owner: owner, base: base.map { $0 + range.lowerBound }, count: range.count)
    }

    /// Calls `body` with the elements as a buffer; the buffer must not escape.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// Calls `body` with the elements as a mutable buffer; the buffer must not escape.
    @inlinable
    public func withUnsafeMutableBufferPointer<R>(
        _ body: (UnsafeMutableBufferPointer<Element>) throws -> R
    ) rethrows -> R {
        try withExtendedLifetime(owner) { try body(UnsafeMutableBufferPointer(start: base, count: count)) }
    }

    /// Overwrites all elements from `values`, which must have exactly ``count`` elements.
    public func assign(_ values: some Collection<Element>, field: String = "values") throws {
        guard values.count == count else {
            throw MuJoCoError.sizeMismatch(field: field, expected: count, actual: values.count)
        }
        var index = 0
        for value in values {
            base.unsafelyUnwrapped[index] = value
            index += 1
        }
    }
}
