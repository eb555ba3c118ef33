import CVectorMath

/// The sizes of a "SAME" max-pool over NHWC images (Flax's `nn.max_pool` with
/// `padding='SAME'`): output ⌈H/s⌉ × ⌈W/s⌉, padding (out − 1)·s + k − in split with the
/// smaller half before; padded cells never win (they read as −∞).
struct PoolingGeometry: Equatable {
    let images: Int, height: Int, width: Int, channels: Int
    let window: Int, stride: Int

    var outputHeight: Int { (height + stride - 1) / stride }
    var outputWidth: Int { (width + stride - 1) / stride }
    var padTop: Int { Swift.max((outputHeight - 1) * stride + window - height, 0) / 2 }
    var padLeft: Int { Swift.max((outputWidth - 1) * stride + window - width, 0) / 2 }
}

/// SAME max-pool of NHWC images.
struct MaxPoolOperation<Scalar: TensorScalar>: GraphOperation {
    let geometry: PoolingGeometry

    /// Visits the output cells of `images` in order, passing (image, oy, ox) and the offset of
    /// the cell's first channel in the output.
    @inline(__always)
    static func forEachOutputCell(_ geo: PoolingGeometry, images: Range<Int>, _ visit: (Int, Int, Int, Int) -> Void) {
        var offset = images.lowerBound * geo.outputHeight * geo.outputWidth * geo.channels
        for image in images {
            for oy in 0..<geo.outputHeight {
                for ox in 0..<geo.outputWidth {
                    visit(image, oy, ox, offset)
                    offset += geo.channels
                }
            }
        }
    }

    /// The offsets of the first channel of each of (image, oy, ox)'s window cells, in row-major
    /// window order, or −1 for a padded cell.
    @inline(__always)
    static func windowOffsets(_ geo: PoolingGeometry, image: Int, oy: Int, ox: Int, _ offsets: UnsafeMutablePointer<Int>) {
        for i in 0..<geo.window {
            let y = oy * geo.stride + i - geo.padTop
            for j in 0..<geo.window {
                let x0 = ox * geo.stride + j - geo.padLeft
                let inside = y >= 0 && y < geo.height && x0 >= 0 && x0 < geo.width
                offsets[i * geo.window + j] = inside ? ((image * geo.height + y) * geo.width + x0) * geo.channels : -1
            }
        }
    }

    /// Each output is the maximum of its window; its winner is the first cell in row-major window
    /// order that holds the maximum (as XLA's select-and-scatter picks on ties), kept in the
    /// node's `winners` for backward. Large batches are split by images over the cores.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let geo = geometry
        precondition(geo.window * geo.window <= Int(UInt8.max), "MaxPoolOperation: a window of at most 15×15 cells")
        if node.winners.count != node.count { node.winners = Array(repeating: 0, count: node.count) }
        let x = inputs[0].value, c = geo.channels, value = node.value
        let outputsPerImage = geo.outputHeight * geo.outputWidth * c, cells = geo.window * geo.window
        node.winners.withUnsafeMutableBufferPointer { winners in
            let winners = winners.baseAddress!
            ParallelParts.forEach(geo.images, costPerItem: outputsPerImage * cells) { images in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: cells) { offsets in
                    let offsets = offsets.baseAddress!
                    Self.forEachOutputCell(geo, images: images) { image, oy, ox, offset in
                        Self.windowOffsets(geo, image: image, oy: oy, ox: ox, offsets)
                        if Scalar.self == Float.self {
                            infom_max_pool_cell(floats(x), offsets, cells, c, floats(value + offset), winners + offset)
                        } else {
                            Self.maximum(x, offsets, cells, c, value + offset, winners + offset)
                        }
                    }
                }
            }
        }
    }

    /// `infom_max_pool_cell` in Swift, for scalars other than Float.
    static func maximum(_ x: UnsafePointer<Scalar>, _ offsets: UnsafePointer<Int>, _ cells: Int, _ c: Int,
                        _ out: UnsafeMutablePointer<Scalar>, _ won: UnsafeMutablePointer<UInt8>) {
        var first = 0
        while offsets[first] < 0 { first += 1 }
        for k in 0..<c {
            out[k] = -.infinity
            won[k] = UInt8(first)
        }
        for cell in first..<cells where offsets[cell] >= 0 {
            let row = x + offsets[cell], index = UInt8(cell)
            for k in 0..<c where row[k] > out[k] {
                out[k] = row[k]
                won[k] = index
            }
        }
    }

    /// The gradient of each output goes to its window's winner (kept by forward); large batches
    /// are split by images over the cores (each image's gradient is written by one part).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let geo = geometry
        let dx = inputs[0].gradient, c = geo.channels, gradientOut = node.gradient
        let outputsPerImage = geo.outputHeight * geo.outputWidth * c, cells = geo.window * geo.window
        node.winners.withUnsafeBufferPointer { winners in
            let winners = winners.baseAddress!
            ParallelParts.forEach(geo.images, costPerItem: outputsPerImage) { images in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: cells) { offsets in
                    let offsets = offsets.baseAddress!
                    Self.forEachOutputCell(geo, images: images) { image, oy, ox, offset in
                        Self.windowOffsets(geo, image: image, oy: oy, ox: ox, offsets)
                        let gradient = gradientOut + offset, won = winners + offset
                        for k in 0..<c { dx[offsets[Int(won[k])] + k] += gradient[k] }
                    }
                }
            }
        }
    }
}
