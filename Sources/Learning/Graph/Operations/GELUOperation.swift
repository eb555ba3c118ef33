import CVectorMath

/// GELU (tanh form). The forward pass keeps 1 − tanh(u) in the node's scratch for backward;
/// Float runs the vectorised C kernels, large nodes split over the cores.
struct GELUOperation<Scalar: TensorScalar>: GraphOperation {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        if node.scratch.count != node.count { node.scratch = Array(repeating: 0, count: node.count) }
        let x = inputs[0].value, out = node.value
        if Scalar.self == Float.self {
            node.scratch.withUnsafeMutableBufferPointer { t in
                let t = t.baseAddress!
                ParallelParts.forEach(node.count, costPerItem: 1) { r in
                    infom_gelu_forward(floats(x + r.lowerBound), floats(out + r.lowerBound), floats(t + r.lowerBound), r.count)
                }
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
                let t = t.baseAddress!
                ParallelParts.forEach(node.count, costPerItem: 1) { r in
                    let i = r.lowerBound
                    infom_gelu_backward(floats(x + i), floats(t + i), floats(g + i), floats(dx + i), r.count)
                }
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
