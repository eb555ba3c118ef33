/// Concatenation along the last axis.
struct ConcatenateOperation<Scalar: TensorScalar>: GraphOperation {
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let total = node.shape.last!, rows = node.count / total
        var column = 0
        for input in inputs {
            let width = input.shape.last!
            for r in 0..<rows {
                (node.value + r * total + column).update(from: input.value + r * width, count: width)
            }
            column += width
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let total = node.shape.last!, rows = node.count / total
        var column = 0
        for input in inputs {
            let width = input.shape.last!
            if input.requiresGradient {
                for r in 0..<rows {
                    let from = node.gradient + r * total + column, to = input.gradient + r * width
                    for j in 0..<width { to[j] += from[j] }
                }
            }
            column += width
        }
    }
}
