extension Operation {
    /// y = (x − mean)·rsqrt(var + ε)·scale + offset over the last axis, with Flax's variance
    /// max(0, mean(x²) − mean²). Keeps each row's mean and rsqrt in the node's scratch. With a
    /// scale and offset of shape [E, D], the rows split evenly into E members, each with its own.
    @_specialize(where Scalar == Float)
    static func layerNormForward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node], _ epsilon: Scalar) {
        let x = inputs[0].value, y = node.value
        let width = node.shape.last!, rows = node.count / width, rowsPerMember = rows / (inputs[1].count / width)
        if node.scratch.count != 2 * rows { node.scratch = Array(repeating: 0, count: 2 * rows) }
        for r in 0..<rows {
            let row = x + r * width
            var sum: Scalar = 0, squares: Scalar = 0
            for j in 0..<width { sum += row[j]; squares += row[j] * row[j] }
            let mean = sum / Scalar(width)
            let variance = Swift.max(0, squares / Scalar(width) - mean * mean)
            let rstd = 1 / Scalar.sqrt(variance + epsilon)
            node.scratch[2 * r] = mean
            node.scratch[2 * r + 1] = rstd
            let member = r / rowsPerMember
            let gamma = inputs[1].value + member * width, beta = inputs[2].value + member * width
            for j in 0..<width { y[r * width + j] = (row[j] - mean) * rstd * gamma[j] + beta[j] }
        }
    }

    @_specialize(where Scalar == Float)
    static func layerNormBackward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let x = inputs[0].value, g = node.gradient, dx = inputs[0].gradient
        let width = node.shape.last!, rows = node.count / width, rowsPerMember = rows / (inputs[1].count / width)
        let wantX = inputs[0].requiresGradient, wantGamma = inputs[1].requiresGradient, wantBeta = inputs[2].requiresGradient
        node.scratch.withUnsafeBufferPointer { stats in
            for r in 0..<rows {
                let mean = stats[2 * r], rstd = stats[2 * r + 1], member = (r / rowsPerMember) * width
                let gamma = inputs[1].value + member, dgamma = inputs[1].gradient + member
                let dbeta = inputs[2].gradient + member
                let xr = x + r * width, gr = g + r * width
                var meanD: Scalar = 0, meanDX: Scalar = 0
                for j in 0..<width {
                    let xhat = (xr[j] - mean) * rstd, d = gr[j] * gamma[j]
                    meanD += d
                    meanDX += d * xhat
                }
                if wantGamma { for j in 0..<width { dgamma[j] += gr[j] * (xr[j] - mean) * rstd } }
                if wantBeta { for j in 0..<width { dbeta[j] += gr[j] } }
                if wantX {
                    meanD /= Scalar(width)
                    meanDX /= Scalar(width)
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
