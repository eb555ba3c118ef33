import RealModule

/// log Σ_j exp(x_j) over the last axis, [..., n] → [...], computed from the row's maximum so that
/// large logits do not overflow; the gradient is the row's softmax, exp(x_j − y).
struct LogSumExpOperation<Scalar: TensorScalar>: GraphOperation {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let n = inputs[0].shape.last!, x = inputs[0].value
        for row in 0..<node.count {
            let xs = x + row * n
            var largest = xs[0]
            for j in 1..<n { largest = max(largest, xs[j]) }
            var sum: Scalar = 0
            for j in 0..<n { sum += Scalar.exp(xs[j] - largest) }
            node.value[row] = largest + Scalar.log(sum)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let n = inputs[0].shape.last!, x = inputs[0].value, dx = inputs[0].gradient
        for row in 0..<node.count {
            let y = node.value[row], g = node.gradient[row]
            for j in 0..<n { dx[row * n + j] += g * Scalar.exp(x[row * n + j] - y) }
        }
    }
}
