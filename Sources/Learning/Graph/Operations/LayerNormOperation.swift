/// Layer normalisation over the last axis (inputs x, scale, offset).
struct LayerNormOperation<Scalar: TensorScalar>: GraphOperation {
    let epsilon: Scalar

    /// A row's mean and 1/sqrt(var + ε) with Flax's variance max(0, mean(x²) − mean²); shared by
    /// the graph's layer norm and forward-only inference.
    @inline(__always)
    static func statistics(_ row: UnsafePointer<Scalar>, width: Int, epsilon: Scalar) -> (mean: Scalar, rstd: Scalar) {
        let (sum, squares) = Reduction.sumAndSquares(row, count: width)
        let mean = sum / Scalar(width)
        let variance = Swift.max(0, squares / Scalar(width) - mean * mean)
        return (mean, 1 / Scalar.sqrt(variance + epsilon))
    }

    /// y = (x − mean)·rstd·scale + offset over the last axis. Keeps each row's mean and rsqrt in
    /// the node's scratch. With a scale and offset of shape [E, D], the rows split evenly into E
    /// members, each with its own.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let x = inputs[0].value, y = node.value
        let width = node.shape.last!, rows = node.count / width, rowsPerMember = rows / (inputs[1].count / width)
        if node.scratch.count != 2 * rows { node.scratch = Array(repeating: 0, count: 2 * rows) }
        node.scratch.withUnsafeMutableBufferPointer { stats in
            for r in 0..<rows {
                let row = x + r * width, out = y + r * width
                let (mean, rstd) = Self.statistics(row, width: width, epsilon: epsilon)
                stats[2 * r] = mean
                stats[2 * r + 1] = rstd
                let member = r / rowsPerMember
                let gamma = inputs[1].value + member * width, beta = inputs[2].value + member * width
                for j in 0..<width { out[j] = (row[j] - mean) * rstd * gamma[j] + beta[j] }
            }
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let x = inputs[0].value, g = node.gradient, dx = inputs[0].gradient
        let width = node.shape.last!, rows = node.count / width, rowsPerMember = rows / (inputs[1].count / width)
        let wantX = inputs[0].requiresGradient, wantGamma = inputs[1].requiresGradient, wantBeta = inputs[2].requiresGradient
        node.scratch.withUnsafeBufferPointer { stats in
            for r in 0..<rows {
                let mean = stats[2 * r], rstd = stats[2 * r + 1], member = (r / rowsPerMember) * width
                let gamma = inputs[1].value + member, dgamma = inputs[1].gradient + member
                let dbeta = inputs[2].gradient + member
                let xr = x + r * width, gr = g + r * width
                if wantGamma { for j in 0..<width { dgamma[j] += gr[j] * (xr[j] - mean) * rstd } }
                if wantBeta { for j in 0..<width { dbeta[j] += gr[j] } }
                if wantX {
                    let sums = Reduction.layerNormGradientSums(g: gr, gamma: gamma, x: xr, mean: mean, rstd: rstd, count: width)
                    let meanD = sums.d / Scalar(width), meanDX = sums.dxhat / Scalar(width)
                    let dxr = dx + r * width
                    for j in 0..<width {
                        let xhat = (xr[j] - mean) * rstd
                        dxr[j] += rstd * (gr[j] * gamma[j] - meanD - xhat * meanDX)
                    }
                }
            }
        }
    }
}
