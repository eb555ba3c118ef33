/// Copies an image stored bottom row first (as `glReadPixels` and `mjr_readPixels` return it)
/// into `destination` top row first. `rowLength` counts elements, not pixels.
func copyFlippingRows<T>(_ source: [T], rowLength: Int, height: Int, into destination: inout [T]) {
    source.withUnsafeBufferPointer { src in
        destination.withUnsafeMutableBufferPointer { dst in
            for row in 0..<height {
                let from = src.baseAddress! + (height - 1 - row) * rowLength
                (dst.baseAddress! + row * rowLength).update(from: from, count: rowLength)
            }
        }
    }
}
