/// The same memory seen as Float, for handing a Float graph's buffers to the C kernels of
/// `CVectorMath`; callers check `Scalar.self == Float.self` first.
@inline(__always)
func floats<S>(_ pointer: UnsafePointer<S>) -> UnsafePointer<Float> {
    UnsafeRawPointer(pointer).assumingMemoryBound(to: Float.self)
}

/// The same memory seen as Float, writable (the mutable form of the function above).
@inline(__always)
func floats<S>(_ pointer: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Float.self)
}
