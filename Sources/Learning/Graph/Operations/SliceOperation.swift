/// Elements `range` of the last axis.
struct SliceOperation<Scalar: TensorScalar>: GraphOperation {
    let range: Range<Int>

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let width = inputs[0].shape.last!, rows = node.count / range.count
        for r in 0..<rows {
            (node.value + r * range.count).update(from: inputs[0].value + r * width + range.lowerBound, count: range.count)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let width = inputs[0].shape.last!, rows = node.count / range.count
        for r in 0..<rows {
            let to = inputs[0].gradient + r * width + range.lowerBound, from = node.gradient + r * range.count
            for j in 0..<range.count { to[j] += from[j] }
        }
    }
}
