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

    /// Visits the in-image cells of output cell (image, oy, ox)'s window in row-major order,
    /// passing the offset of each cell's first channel.
    @inline(__always)
    static func forEachWindowCell(_ geo: PoolingGeometry, image: Int, oy: Int, ox: Int, _ visit: (Int) -> Void) {
        for i in 0..<geo.window {
            let y = oy * geo.stride + i - geo.padTop
            guard y >= 0, y < geo.height else { continue }
            for j in 0..<geo.window {
                let x0 = ox * geo.stride + j - geo.padLeft
                guard x0 >= 0, x0 < geo.width else { continue }
                visit(((image * geo.height + y) * geo.width + x0) * geo.channels)
            }
        }
    }

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

    /// Each output is the maximum of its window (a branch-free channel loop); large batches are
    /// split by images over the cores.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let geo = geometry
        let x = inputs[0].value, c = geo.channels, value = node.value
        let outputsPerImage = geo.outputHeight * geo.outputWidth * c
        ParallelParts.forEach(geo.images, costPerItem: outputsPerImage * geo.window * geo.window) { images in
            Self.forEachOutputCell(geo, images: images) { image, oy, ox, offset in
                let out = value + offset
                for k in 0..<c { out[k] = -.infinity }
                Self.forEachWindowCell(geo, image: image, oy: oy, ox: ox) { cell in
                    let row = x + cell
                    for k in 0..<c { out[k] = Swift.max(out[k], row[k]) }
                }
            }
        }
    }

    /// The gradient of each output goes to its window's winner: the first cell in row-major
    /// window order that equals the maximum (as XLA's select-and-scatter picks on ties). Window
    /// cells are visited once each with a branch-free channel loop inside, marking the channels
    /// still waiting for their winner; large batches are split by images over the cores (each
    /// image's gradient is written by one part).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let geo = geometry
        let x = inputs[0].value, dx = inputs[0].gradient, c = geo.channels
        let value = node.value, gradientOut = node.gradient
        let outputsPerImage = geo.outputHeight * geo.outputWidth * c
        ParallelParts.forEach(geo.images, costPerItem: outputsPerImage * geo.window * geo.window) { images in
            withUnsafeTemporaryAllocation(of: Scalar.self, capacity: c) { waiting in
                Self.forEachOutputCell(geo, images: images) { image, oy, ox, offset in
                    for k in 0..<c { waiting[k] = 1 }
                    let maximum = value + offset, gradient = gradientOut + offset
                    Self.forEachWindowCell(geo, image: image, oy: oy, ox: ox) { cell in
                        let row = x + cell, target = dx + cell
                        for k in 0..<c {
                            let hit: Scalar = row[k] == maximum[k] ? waiting[k] : 0
                            target[k] += hit != 0 ? gradient[k] : 0
                            waiting[k] -= hit
                        }
                    }
                }
            }
        }
    }
}
