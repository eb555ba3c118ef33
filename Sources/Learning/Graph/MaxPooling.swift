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

extension Operation {
    /// Each output is the maximum of its window; the input index of the winner (the first in
    /// row-major window order on ties, as XLA's select-and-scatter picks) goes to `indexMap`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func maxPoolForward(_ node: Graph<Scalar>.Node, _ input: Graph<Scalar>.Node, _ geo: PoolingGeometry) {
        let x = input.value, out = node.value, c = geo.channels
        node.indexMap.withUnsafeMutableBufferPointer { winners in
            var o = 0
            for image in 0..<geo.images {
                for oy in 0..<geo.outputHeight {
                    for ox in 0..<geo.outputWidth {
                        for k in 0..<c { out[o + k] = -.infinity; winners[o + k] = -1 }
                        for i in 0..<geo.window {
                            let y = oy * geo.stride + i - geo.padTop
                            guard y >= 0, y < geo.height else { continue }
                            for j in 0..<geo.window {
                                let x0 = ox * geo.stride + j - geo.padLeft
                                guard x0 >= 0, x0 < geo.width else { continue }
                                let base = ((image * geo.height + y) * geo.width + x0) * c
                                for k in 0..<c where x[base + k] > out[o + k] || winners[o + k] < 0 {
                                    out[o + k] = x[base + k]
                                    winners[o + k] = base + k
                                }
                            }
                        }
                        o += c
                    }
                }
            }
        }
    }

    /// The gradient of each output goes to its window's winner.
    static func maxPoolBackward(_ node: Graph<Scalar>.Node, _ input: Graph<Scalar>.Node) {
        let g = node.gradient, dx = input.gradient
        node.indexMap.withUnsafeBufferPointer { winners in
            for o in 0..<node.count { dx[winners[o]] += g[o] }
        }
    }
}
