import CVectorMath

/// The operations a ``Graph`` node can compute, with their forward and backward kernels.
enum Operation<Scalar: TensorScalar> {
    /// [..., m, k] · [k, n] (leading dimensions of the left side folded into m), either side
    /// optionally transposed (then both are 2-D).
    case matmul(transposeA: Bool, transposeB: Bool)
    /// x·W + b for x [..., in], W [in, out], b [out] (``affineForward(_:_:_:m:k:n:into:)``).
    case affine
    /// [E, m, k] · [E, k, n] → [E, m, n]: one product per ensemble member.
    case batchMatmul
    /// x·W[e] + b[e] for every ensemble member e: x is [m, k] (shared by all members) or
    /// [E, m, k]; W is [E, k, n], b is [E, n]; the output is [E, m, n].
    case ensembleAffine(sharedInput: Bool)
    /// Stride-1 SAME 2-D convolution of NHWC images with a [kh, kw, C, O] kernel plus bias.
    case convolution(ConvolutionGeometry)
    /// SAME max-pool of NHWC images.
    case maxPool(PoolingGeometry)
    /// The expectile loss w(u)·u² with w = τ where u ≥ 0 and 1 − τ where u < 0.
    case expectile(Scalar)
    /// GELU (tanh form); the forward pass keeps 1 − tanh(u) in the node's scratch for backward.
    case gelu
    case add, subtract, multiply
    /// Sum or mean over `axes` (removed from the shape); all axes when `axes` is nil.
    case sum(axes: [Int]?), mean(axes: [Int]?)
    case unary(UnaryFunction)
    case scale(Scalar)
    /// Clamp to [low, high]; the gradient is 1 inside and 0 outside.
    case clip(low: Scalar, high: Scalar)
    /// Layer normalisation over the last axis (inputs x, scale, offset).
    case layerNorm(epsilon: Scalar)
    /// Concatenation along the last axis.
    case concatenate
    /// Elements `range` of the last axis.
    case slice(Range<Int>)
    /// Minimum over the first axis (the ensemble axis).
    case minimumOverFirstAxis
    /// A copy through which no gradient flows.
    case stopGradient
    /// The same elements under another shape.
    case reshape

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ graph: Graph<Scalar>) {
        let inputs = node.inputs.map { graph.nodes[$0] }
        let out = node.value
        switch self {
        case let .matmul(ta, tb):
            let (m, k, n) = Operation.matmulSizes(inputs[0].shape, inputs[1].shape, ta, tb)
            Scalar.gemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 1, a: inputs[0].value,
                        lda: ta ? m : k, b: inputs[1].value, ldb: tb ? k : n, beta: 0, c: out, ldc: n)
        case .affine:
            let (m, k, n) = Operation.matmulSizes(inputs[0].shape, inputs[1].shape, false, false)
            Operation.affineForward(inputs[0].value, inputs[1].value, inputs[2].value, m: m, k: k, n: n, into: out)
        case .gelu:
            if node.scratch.count != node.count { node.scratch = Array(repeating: 0, count: node.count) }
            let x = inputs[0].value
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
        case .batchMatmul:
            let (e, m, k) = (inputs[0].shape[0], inputs[0].shape[1], inputs[0].shape[2]), n = inputs[1].shape[2]
            for i in 0..<e {
                Scalar.gemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1,
                            a: inputs[0].value + i * m * k, lda: k, b: inputs[1].value + i * k * n, ldb: n,
                            beta: 0, c: out + i * m * n, ldc: n)
            }
        case let .ensembleAffine(shared):
            let (e, m, k, n) = Operation.ensembleSizes(node, inputs, shared)
            for i in 0..<e {
                Operation.affineForward(inputs[0].value + (shared ? 0 : i * m * k), inputs[1].value + i * k * n,
                                        inputs[2].value + i * n, m: m, k: k, n: n, into: out + i * m * n)
            }
        case let .convolution(geometry):
            Operation.convolutionForward(node, inputs, geometry)
        case let .maxPool(geometry):
            Operation.maxPoolForward(node, inputs[0], geometry)
        case let .expectile(tau):
            let u = inputs[0].value
            for i in 0..<node.count { out[i] = (u[i] >= 0 ? tau : 1 - tau) * u[i] * u[i] }
        case .add, .subtract, .multiply:
            let a = inputs[0].value, b = inputs[1].value, access = (node.access[0], node.access[1])
            switch self {
            case .add: Operation.combine(a, b, access, into: out, count: node.count, +)
            case .subtract: Operation.combine(a, b, access, into: out, count: node.count, -)
            default: Operation.combine(a, b, access, into: out, count: node.count, *)
            }
        case .sum, .mean:
            zero(out, count: node.count)
            let x = inputs[0].value
            if node.indexMap.isEmpty {
                out[0] = Reduction.sum(x, count: inputs[0].count)
            } else {
                for i in 0..<inputs[0].count { out[node.indexMap[i]] += x[i] }
            }
            if case .mean = self {
                let factor = Scalar(node.count) / Scalar(inputs[0].count)
                for i in 0..<node.count { out[i] *= factor }
            }
        case let .unary(function):
            function.apply(inputs[0].value, out, node.count)
        case let .scale(c):
            let x = inputs[0].value
            for i in 0..<node.count { out[i] = c * x[i] }
        case let .clip(low, high):
            let x = inputs[0].value
            for i in 0..<node.count { out[i] = Swift.min(Swift.max(x[i], low), high) }
        case let .layerNorm(epsilon):
            Operation.layerNormForward(node, inputs, epsilon)
        case .concatenate:
            let rows = node.count / node.shape.last!
            var column = 0
            for input in inputs {
                let width = input.shape.last!
                for r in 0..<rows {
                    (out + r * node.shape.last! + column).update(from: input.value + r * width, count: width)
                }
                column += width
            }
        case let .slice(range):
            let width = inputs[0].shape.last!, rows = node.count / range.count
            for r in 0..<rows {
                (out + r * range.count).update(from: inputs[0].value + r * width + range.lowerBound, count: range.count)
            }
        case .minimumOverFirstAxis:
            let members = inputs[0].shape[0], x = inputs[0].value
            for i in 0..<node.count {
                var best = 0
                for e in 1..<members where x[e * node.count + i] < x[best * node.count + i] { best = e }
                out[i] = x[best * node.count + i]
                node.indexMap[i] = best
            }
        case .stopGradient, .reshape:
            out.update(from: inputs[0].value, count: node.count)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ graph: Graph<Scalar>) {
        let inputs = node.inputs.map { graph.nodes[$0] }
        let g = node.gradient
        switch self {
        case let .matmul(ta, tb):
            let (m, k, n) = Operation.matmulSizes(inputs[0].shape, inputs[1].shape, ta, tb)
            let a = inputs[0], b = inputs[1]
            if a.requiresGradient {
                if ta {  // dA[k, m] += op(B)[k, n] · dCᵀ[n, m]
                    Scalar.gemm(transposeA: tb, transposeB: true, m: k, n: m, k: n, alpha: 1, a: b.value,
                                lda: tb ? k : n, b: g, ldb: n, beta: 1, c: a.gradient, ldc: m)
                } else {  // dA[m, k] += dC[m, n] · op(B)ᵀ[n, k]
                    Scalar.gemm(transposeA: false, transposeB: !tb, m: m, n: k, k: n, alpha: 1, a: g, lda: n,
                                b: b.value, ldb: tb ? k : n, beta: 1, c: a.gradient, ldc: k)
                }
            }
            if b.requiresGradient {
                if tb {  // dB[n, k] += dCᵀ[n, m] · op(A)[m, k]
                    Scalar.gemm(transposeA: true, transposeB: ta, m: n, n: k, k: m, alpha: 1, a: g, lda: n,
                                b: a.value, ldb: ta ? m : k, beta: 1, c: b.gradient, ldc: k)
                } else {  // dB[k, n] += op(A)ᵀ[k, m] · dC[m, n]
                    Scalar.gemm(transposeA: !ta, transposeB: false, m: k, n: n, k: m, alpha: 1, a: a.value,
                                lda: ta ? m : k, b: g, ldb: n, beta: 1, c: b.gradient, ldc: n)
                }
            }
        case .affine:
            let (m, k, n) = Operation.matmulSizes(inputs[0].shape, inputs[1].shape, false, false)
            let x = inputs[0], w = inputs[1], b = inputs[2]
            Operation.affineBackward(g, x: x.value, w: w.value, m: m, k: k, n: n,
                                     dx: x.wantedGradient, dw: w.wantedGradient, db: b.wantedGradient)
        case .gelu:
            let x = inputs[0].value, dx = inputs[0].gradient
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
        case .batchMatmul:
            let (e, m, k) = (inputs[0].shape[0], inputs[0].shape[1], inputs[0].shape[2]), n = inputs[1].shape[2]
            for i in 0..<e {
                let gi = g + i * m * n, ai = inputs[0].value + i * m * k, bi = inputs[1].value + i * k * n
                if inputs[0].requiresGradient {
                    Scalar.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: gi, lda: n,
                                b: bi, ldb: n, beta: 1, c: inputs[0].gradient + i * m * k, ldc: k)
                }
                if inputs[1].requiresGradient {
                    Scalar.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: ai, lda: k,
                                b: gi, ldb: n, beta: 1, c: inputs[1].gradient + i * k * n, ldc: n)
                }
            }
        case let .ensembleAffine(shared):
            let (e, m, k, n) = Operation.ensembleSizes(node, inputs, shared)
            let (x, w, b) = (inputs[0], inputs[1], inputs[2])
            for i in 0..<e {
                let xi = shared ? 0 : i * m * k
                Operation.affineBackward(g + i * m * n, x: x.value + xi, w: w.value + i * k * n, m: m, k: k, n: n,
                                         dx: x.wantedGradient.map { $0 + xi }, dw: w.wantedGradient.map { $0 + i * k * n },
                                         db: b.wantedGradient.map { $0 + i * n })
            }
        case let .convolution(geometry):
            Operation.convolutionBackward(node, inputs, geometry)
        case let .maxPool(geometry):
            Operation.maxPoolBackward(node, inputs[0], geometry)
        case let .expectile(tau):
            let u = inputs[0].value, du = inputs[0].gradient
            for i in 0..<node.count { du[i] += g[i] * 2 * (u[i] >= 0 ? tau : 1 - tau) * u[i] }
        case .add where Operation.isSameOrSuffix(node.access), .subtract where Operation.isSameOrSuffix(node.access):
            let a = inputs[0], b = inputs[1], sign: Scalar = { if case .add = self { return 1 } else { return -1 } }()
            if a.requiresGradient { for i in 0..<node.count { a.gradient[i] += g[i] } }
            if b.requiresGradient {
                let width = b.count
                for r in 0..<(node.count / width) {
                    let row = g + r * width
                    for j in 0..<width { b.gradient[j] += sign * row[j] }
                }
            }
        case .add, .subtract, .multiply:
            let a = inputs[0], b = inputs[1], ia = node.access[0], ib = node.access[1]
            let wantA = a.requiresGradient, wantB = b.requiresGradient
            for i in 0..<node.count {
                let ja = ia.index(i), jb = ib.index(i)
                switch self {
                case .add:
                    if wantA { a.gradient[ja] += g[i] }
                    if wantB { b.gradient[jb] += g[i] }
                case .subtract:
                    if wantA { a.gradient[ja] += g[i] }
                    if wantB { b.gradient[jb] -= g[i] }
                default:
                    if wantA { a.gradient[ja] += g[i] * b.value[jb] }
                    if wantB { b.gradient[jb] += g[i] * a.value[ja] }
                }
            }
        case .sum, .mean:
            var factor: Scalar = 1
            if case .mean = self { factor = Scalar(node.count) / Scalar(inputs[0].count) }
            let dx = inputs[0].gradient
            if node.indexMap.isEmpty {
                let each = factor * g[0]
                for i in 0..<inputs[0].count { dx[i] += each }
            } else {
                for i in 0..<inputs[0].count { dx[i] += factor * g[node.indexMap[i]] }
            }
        case let .unary(function):
            function.accumulateGradient(inputs[0].value, node.value, g, inputs[0].gradient, node.count)
        case let .scale(c):
            for i in 0..<node.count { inputs[0].gradient[i] += c * g[i] }
        case let .clip(low, high):
            let x = inputs[0].value
            for i in 0..<node.count where x[i] >= low && x[i] <= high { inputs[0].gradient[i] += g[i] }
        case .layerNorm:
            Operation.layerNormBackward(node, inputs)
        case .concatenate:
            let rows = node.count / node.shape.last!
            var column = 0
            for input in inputs {
                let width = input.shape.last!
                if input.requiresGradient {
                    for r in 0..<rows {
                        let from = g + r * node.shape.last! + column, to = input.gradient + r * width
                        for j in 0..<width { to[j] += from[j] }
                    }
                }
                column += width
            }
        case let .slice(range):
            let width = inputs[0].shape.last!, rows = node.count / range.count
            for r in 0..<rows {
                let to = inputs[0].gradient + r * width + range.lowerBound, from = g + r * range.count
                for j in 0..<range.count { to[j] += from[j] }
            }
        case .minimumOverFirstAxis:
            for i in 0..<node.count { inputs[0].gradient[node.indexMap[i] * node.count + i] += g[i] }
        case .reshape:
            for i in 0..<node.count { inputs[0].gradient[i] += g[i] }
        case .stopGradient:
            break
        }
    }

    /// out[i] = f(a, b) at output element i under numpy broadcasting; called with an operator
    /// literal so that each loop inlines it and vectorizes.
    @inline(__always)
    static func combine(_ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ access: (BroadcastAccess, BroadcastAccess),
                        into out: UnsafeMutablePointer<Scalar>, count: Int, _ f: (Scalar, Scalar) -> Scalar) {
        switch access {
        case (.same, .same):
            for i in 0..<count { out[i] = f(a[i], b[i]) }
        case let (.same, .suffix(width)):
            for r in 0..<(count / width) {
                let row = a + r * width, o = out + r * width
                for j in 0..<width { o[j] = f(row[j], b[j]) }
            }
        case let (ia, ib):
            for i in 0..<count { out[i] = f(a[ia.index(i)], b[ib.index(i)]) }
        }
    }

    /// Whether the left input matches the output and the right one repeats as a suffix (or matches).
    static func isSameOrSuffix(_ access: [BroadcastAccess]) -> Bool {
        guard case .same = access[0] else { return false }
        switch access[1] {
        case .same, .suffix: return true
        case .mapped: return false
        }
    }

    /// (E, m, k, n) of an ensemble affine node.
    static func ensembleSizes(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node], _ shared: Bool) -> (Int, Int, Int, Int) {
        let w = inputs[1].shape
        let (e, k, n) = (w[0], w[1], w[2])
        return (e, inputs[0].count / (shared ? k : e * k), k, n)
    }

    /// (m, k, n) of a matrix product of `a` and `b` shapes with the given transposes.
    static func matmulSizes(_ a: [Int], _ b: [Int], _ ta: Bool, _ tb: Bool) -> (Int, Int, Int) {
        let k = ta ? a[a.count - 2] : a.last!
        let m = a.reduce(1, *) / k
        let n = tb ? b[0] : b[1]
        return (m, k, n)
    }
}
