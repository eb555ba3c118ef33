/// Sum, or mean, over some axes (removed from the shape) or all of them: the node's `indexMap`
/// gives each input element's output index, and is empty for a full reduction.
struct SumOperation<Scalar: TensorScalar>: GraphOperation {
    /// Whether the sum is divided by the number of elements reduced into each output.
    let isMean: Bool

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let out = node.value, x = inputs[0].value
        zero(out, count: node.count)
        if node.indexMap.isEmpty {
            out[0] = Reduction.sum(x, count: inputs[0].count)
        } else {
            for i in 0..<inputs[0].count { out[node.indexMap[i]] += x[i] }
        }
        if isMean {
            let factor = Scalar(node.count) / Scalar(inputs[0].count)
            for i in 0..<node.count { out[i] *= factor }
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let factor: Scalar = isMean ? Scalar(node.count) / Scalar(inputs[0].count) : 1
        let dx = inputs[0].gradient, g = node.gradient
        if node.indexMap.isEmpty {
            let each = factor * g[0]
            for i in 0..<inputs[0].count { dx[i] += each }
        } else {
            for i in 0..<inputs[0].count { dx[i] += factor * g[node.indexMap[i]] }
        }
    }
}
