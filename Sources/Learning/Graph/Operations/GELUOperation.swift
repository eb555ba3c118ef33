import CVectorMath

/// GELU (tanh form). The forward pass keeps 1 − tanh(u) in the node's scratch for backward;
/// Float runs the vectorised C kernels.
struct GELUOperation<Scalar: TensorScalar>: GraphOperation {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        if node.scratch.count != node.count { node.scratch = Array(repeating: 0, count: node.count) }
        let x = inputs[0].value, out = node.value
        if Scalar.self == Float.self {
            node.scratch.withUnsafeMutableBufferPointer { t in
                infom_gelu_forward(
                    UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                    UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self),
                    UnsafeMutableRawPointer(t.baseAddress!).assumingMemoryBound(to: Float.self), node.count)
            }
        } else {
            for i in 0..<node.count {
                let v = x[i], th = Scalar.tanh(GELU<Scalar>.c * (v + GELU<Scalar>.k * v * v * v))
                node.scratch[i] = 1 - th
                out[i] = v / 2 * (1 + th)
            }
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let x = inputs[0].value, dx = inputs[0].gradient, g = node.gradient
        if Scalar.self == Float.self {
            node.scratch.withUnsafeBufferPointer { t in
                infom_gelu_backward(
                    UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
                    UnsafeRawPointer(t.baseAddress!).assumingMemoryBound(to: Float.self),
                    UnsafeRawPointer(g).assumingMemoryBound(to: Float.self),
                    UnsafeMutableRawPointer(dx).assumingMemoryBound(to: Float.self), node.count)
            }
        } else {
            let c = GELU<Scalar>.c, k = GELU<Scalar>.k
            for i in 0..<node.count {
                let v = x[i], th = 1 - node.scratch[i]
                let slope: Scalar = (1 - th * th) * c * (1 + 3 * k * v * v)
                let derivative: Scalar = (1 + th) / 2 + v / 2 * slope
                dx[i] += g[i] * derivative
            }
        }
    }
}
