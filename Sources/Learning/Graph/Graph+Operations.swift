extension Graph {
    private func node(_ operation: some GraphOperation<Scalar>, _ inputs: [Variable], shape: [Int],
                      requiresGradient: Bool? = nil) -> Node {
        let inputNodes = inputs.map { nodes[$0.index] }
        return Node(shape: shape, operation: operation, inputs: inputNodes,
                    requiresGradient: requiresGradient ?? inputNodes.contains { $0.requiresGradient })
    }

    /// Matrix product. `a` is [..., m, k] (leading dimensions fold into m) and `b` is [k, n];
    /// with a transpose, the transposed side must be 2-D. `cblas_*gemm` transposes in place.
    public func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) -> Variable {
        precondition(b.shape.count == 2, "matmul: right side must be 2-D, got \(b.shape)")
        precondition(!transposeA || a.shape.count == 2, "matmul: a transposed left side must be 2-D")
        let (m, k, n) = MatmulOperation<Scalar>.sizes(a.shape, b.shape, transposeA, transposeB)
        let kb = transposeB ? b.shape[1] : b.shape[0]
        precondition(k == kb, "matmul: inner sizes differ (\(a.shape) · \(b.shape))")
        let shape = transposeA ? [m, n] : Array(a.shape.dropLast()) + [n]
        return add(node(MatmulOperation(transposeA: transposeA, transposeB: transposeB), [a, b], shape: shape))
    }

    /// One matrix product per ensemble member: [E, m, k] · [E, k, n] → [E, m, n], or with
    /// `transposeB` [E, m, k] · [E, n, k]ᵀ → [E, m, n].
    public func batchMatmul(_ a: Variable, _ b: Variable, transposeB: Bool = false) -> Variable {
        let (kb, n) = transposeB ? (b.shape.last!, b.shape[1]) : (b.shape[1], b.shape.last!)
        precondition(a.shape.count == 3 && b.shape.count == 3 && a.shape[0] == b.shape[0] && a.shape[2] == kb,
                     "batchMatmul: shapes \(a.shape) and \(b.shape) do not match [E, m, k] · [E, \(transposeB ? "n, k]ᵀ" : "k, n]")")
        return add(node(BatchMatmulOperation(transposeB: transposeB), [a, b], shape: [a.shape[0], a.shape[1], n]))
    }

    /// x·W[e] + b[e] for each ensemble member: x [..., k] shared by all members, or
    /// [E, ..., k] with one slice per member; W [E, k, n]; b [E, n]. Output [E, ..., n].
    public func ensembleAffine(_ x: Variable, _ weight: Variable, _ bias: Variable) -> Variable {
        precondition(weight.shape.count == 3 && x.shape.last == weight.shape[1] && bias.shape == [weight.shape[0], weight.shape[2]],
                     "ensembleAffine: shapes \(x.shape) · \(weight.shape) + \(bias.shape) do not fit [E, k, n] and [E, n]")
        let members = weight.shape[0]
        let shared = !(x.shape.count >= 3 && x.shape[0] == members)
        let shape = (shared ? [members] + x.shape.dropLast() : Array(x.shape.dropLast())) + [weight.shape[2]]
        return add(node(EnsembleAffineOperation(sharedInput: shared), [x, weight, bias], shape: shape))
    }

    /// Stride-1 "SAME" convolution (Flax `nn.Conv(padding='SAME')`): x [N, H, W, C],
    /// kernel [kh, kw, C, O], bias [O] → [N, H, W, O]. Float runs direct C kernels, Double
    /// im2col and dgemm.
    /// `rectifyingInput` convolves ReLU(x), the same values as `convolution(relu(x), …)`
    /// without writing ReLU(x) out.
    public func convolution(_ x: Variable, kernel: Variable, bias: Variable, rectifyingInput: Bool = false) -> Variable {
        precondition(x.shape.count == 4 && kernel.shape.count == 4 && kernel.shape[2] == x.shape[3]
                     && bias.shape == [kernel.shape[3]],
                     "convolution: input \(x.shape) (NHWC), kernel \(kernel.shape) ([kh, kw, C, O]) and bias \(bias.shape) do not fit")
        let geometry = ConvolutionGeometry(images: x.shape[0], height: x.shape[1], width: x.shape[2], channels: x.shape[3],
                                           kernelHeight: kernel.shape[0], kernelWidth: kernel.shape[1],
                                           features: kernel.shape[3])
        return add(node(ConvolutionOperation(geometry: geometry, rectifiesInput: rectifyingInput), [x, kernel, bias],
                        shape: [x.shape[0], x.shape[1], x.shape[2], kernel.shape[3]]))
    }

    /// "SAME" max-pool (Flax `nn.max_pool(padding='SAME')`) of x [N, H, W, C] with a square
    /// `window` and `stride`: output [N, ⌈H/s⌉, ⌈W/s⌉, C].
    public func maxPool(_ x: Variable, window: Int = 3, stride: Int = 2) -> Variable {
        precondition(x.shape.count == 4 && window > 0 && stride > 0, "maxPool: needs NHWC input, got \(x.shape)")
        let geometry = PoolingGeometry(images: x.shape[0], height: x.shape[1], width: x.shape[2], channels: x.shape[3],
                                       window: window, stride: stride)
        return add(node(MaxPoolOperation(geometry: geometry), [x], shape: [x.shape[0], geometry.outputHeight, geometry.outputWidth, x.shape[3]]))
    }

    /// The elementwise expectile loss of u = target − prediction: τ·u² where u ≥ 0, (1 − τ)·u²
    /// where u < 0 (IQL's and InFOM's convention; u = 0 takes weight τ).
    public func expectileLoss(_ u: Variable, expectile tau: Scalar) -> Variable {
        add(node(ExpectileOperation(tau: tau), [u], shape: u.shape))
    }

    /// The n × n identity matrix, a fixed value.
    public func identity(_ n: Int) -> Variable {
        let variable = constant(0, shape: [n, n])
        set(variable, (0..<(n * n)).map { $0 % (n + 1) == 0 ? 1 : 0 })
        return variable
    }

    /// The softmax over the last axis, exp(x − log Σ exp x).
    public func softmax(_ x: Variable) -> Variable {
        exp(subtract(x, reshape(logSumExp(x), Array(x.shape.dropLast()) + [1])))
    }

    /// optax's `softmax_cross_entropy` over the last axis: −Σ_j p_j·(x_j − log Σ_k exp x_k) for
    /// logits x [..., n] and label distributions p (broadcast against x); output [...].
    public func softmaxCrossEntropy(logits x: Variable, labels p: Variable) -> Variable {
        let logSoftmax = subtract(x, reshape(logSumExp(x), Array(x.shape.dropLast()) + [1]))
        return negate(sum(multiply(p, logSoftmax), axes: [-1]))
    }

    /// The expectile loss's weights alone, τ where u ≥ 0 and 1 − τ where u < 0, with no gradient
    /// (HILP weighs one difference by the sign of another).
    public func expectileWeights(_ u: Variable, expectile tau: Scalar) -> Variable {
        add(node(ExpectileWeightOperation(tau: tau), [u], shape: u.shape, requiresGradient: false))
    }

    /// The elementwise squared error (a − b)².
    public func squaredError(_ a: Variable, _ b: Variable) -> Variable { square(subtract(a, b)) }

    private func broadcasting(_ kind: ElementwiseOperation<Scalar>.Kind, _ a: Variable, _ b: Variable) -> Variable {
        guard let shape = Broadcasting.shape(a.shape, b.shape) else {
            preconditionFailure("cannot broadcast shapes \(a.shape) and \(b.shape)")
        }
        let n = node(ElementwiseOperation(kind: kind), [a, b], shape: shape)
        n.access = [Broadcasting.access(of: a.shape, into: shape), Broadcasting.access(of: b.shape, into: shape)]
        return add(n)
    }

    /// a + b with numpy broadcasting.
    public func add(_ a: Variable, _ b: Variable) -> Variable { broadcasting(.add, a, b) }
    /// a − b with numpy broadcasting.
    public func subtract(_ a: Variable, _ b: Variable) -> Variable { broadcasting(.subtract, a, b) }
    /// a · b elementwise with numpy broadcasting.
    public func multiply(_ a: Variable, _ b: Variable) -> Variable { broadcasting(.multiply, a, b) }
    /// a / b elementwise with numpy broadcasting.
    public func divide(_ a: Variable, _ b: Variable) -> Variable { broadcasting(.divide, a, b) }

    /// Each row (last axis) of x rescaled to Euclidean norm `length`: x·length/‖x‖ (the
    /// reference's `x / jnp.linalg.norm(x, axis=-1, keepdims=True) * sqrt(d)`).
    public func normalizeRows(_ x: Variable, to length: Scalar) -> Variable {
        let norms = sqrt(sum(square(x), axes: [-1]))
        return scale(divide(x, reshape(norms, Array(x.shape.dropLast()) + [1])), by: length)
    }

    private func reduction(_ operation: SumOperation<Scalar>, _ x: Variable, axes: [Int]?) -> Variable {
        guard let axes, Set(axes) != Set(x.shape.indices) else { return add(node(operation, [x], shape: [])) }
        let normalized = Set(axes.map { $0 < 0 ? $0 + x.shape.count : $0 })
        precondition(normalized.allSatisfy { x.shape.indices.contains($0) }, "axes \(axes) out of range for \(x.shape)")
        let shape = x.shape.indices.filter { !normalized.contains($0) }.map { x.shape[$0] }
        let n = node(operation, [x], shape: shape)
        n.indexMap = Broadcasting.reductionMap(x.shape, axes: normalized)
        return add(n)
    }

    /// Sum over `axes` (negative axes count from the end), or over everything.
    public func sum(_ x: Variable, axes: [Int]? = nil) -> Variable { reduction(SumOperation(isMean: false), x, axes: axes) }
    /// Mean over `axes` (negative axes count from the end), or over everything.
    public func mean(_ x: Variable, axes: [Int]? = nil) -> Variable { reduction(SumOperation(isMean: true), x, axes: axes) }

    private func unary(_ function: UnaryFunction, _ x: Variable) -> Variable {
        add(node(UnaryOperation(function: function), [x], shape: x.shape))
    }

    public func square(_ x: Variable) -> Variable { unary(.square, x) }
    public func exp(_ x: Variable) -> Variable { unary(.exp, x) }
    public func log(_ x: Variable) -> Variable { unary(.log, x) }
    public func tanh(_ x: Variable) -> Variable { unary(.tanh, x) }
    public func relu(_ x: Variable) -> Variable { unary(.relu, x) }
    /// The square root (of positive values: its gradient 1/(2√x) is infinite at 0).
    public func sqrt(_ x: Variable) -> Variable { unary(.sqrt, x) }
    /// The inverse hyperbolic tangent (for actions inside (−1, 1)).
    public func atanh(_ x: Variable) -> Variable { unary(.atanh, x) }
    /// GELU, tanh approximation (as `jax.nn.gelu` by default). Float graphs use a vectorized
    /// tanh accurate to about 1e-7.
    public func gelu(_ x: Variable) -> Variable { add(node(GELUOperation(), [x], shape: x.shape)) }

    /// x·W + b for x [..., in], W [in, out], b [out], fused (bias, then gemm with β = 1).
    public func affine(_ x: Variable, _ weight: Variable, _ bias: Variable) -> Variable {
        precondition(weight.shape.count == 2 && x.shape.last == weight.shape[0] && bias.shape == [weight.shape[1]],
                     "affine: shapes \(x.shape) · \(weight.shape) + \(bias.shape) do not fit")
        return add(node(AffineOperation(), [x, weight, bias], shape: Array(x.shape.dropLast()) + [weight.shape[1]]))
    }
    public func negate(_ x: Variable) -> Variable { unary(.negate, x) }

    /// c · x.
    public func scale(_ x: Variable, by c: Scalar) -> Variable { add(node(ScaleOperation(factor: c), [x], shape: x.shape)) }

    /// x clamped to [low, high]; gradient 1 inside, 0 outside.
    public func clip(_ x: Variable, low: Scalar, high: Scalar) -> Variable {
        add(node(ClipOperation(low: low, high: high), [x], shape: x.shape))
    }

    /// Layer normalisation over the last axis with learnable `scale` and `offset`, both [D], or
    /// both [E, D] for an ensemble input [E, ..., D] (one scale and offset per member).
    public func layerNorm(_ x: Variable, scale: Variable, offset: Variable, epsilon: Scalar = 1e-6) -> Variable {
        let width = x.shape.last!
        let perMember = scale.shape.count == 2 && x.shape.count >= 2 && scale.shape == [x.shape[0], width]
        precondition((scale.shape == [width] || perMember) && offset.shape == scale.shape,
                     "layerNorm: scale and offset must be [\(width)] (or [E, \(width)] for an ensemble), got \(scale.shape) and \(offset.shape)")
        return add(node(LayerNormOperation(epsilon: epsilon), [x, scale, offset], shape: x.shape))
    }

    /// Concatenation along the last axis; leading dimensions must agree.
    public func concatenate(_ parts: [Variable]) -> Variable {
        let leading = parts[0].shape.dropLast()
        precondition(parts.allSatisfy { $0.shape.dropLast() == leading }, "concatenate: leading shapes differ: \(parts.map(\.shape))")
        return add(node(ConcatenateOperation(), parts, shape: Array(leading) + [parts.map { $0.shape.last! }.reduce(0, +)]))
    }

    /// Elements `range` of the last axis.
    public func slice(_ x: Variable, lastAxis range: Range<Int>) -> Variable {
        precondition(range.lowerBound >= 0 && range.upperBound <= x.shape.last! && !range.isEmpty,
                     "slice \(range) out of the last axis of \(x.shape)")
        return add(node(SliceOperation(range: range), [x], shape: Array(x.shape.dropLast()) + [range.count]))
    }

    /// Minimum over the first (ensemble) axis; the gradient goes to the smallest member.
    public func minimumOverFirstAxis(_ x: Variable) -> Variable {
        let n = node(MinimumOverFirstAxisOperation(), [x], shape: Array(x.shape.dropFirst()))
        n.indexMap = Array(repeating: 0, count: n.count)
        return add(n)
    }

    /// log Σ exp over the last axis: [..., n] → [...] (a row's log-partition; its gradient is the
    /// row's softmax).
    public func logSumExp(_ x: Variable) -> Variable {
        precondition(x.shape.count >= 1 && x.shape.last! > 0, "logSumExp: needs a non-empty last axis, got \(x.shape)")
        return add(node(LogSumExpOperation(), [x], shape: Array(x.shape.dropLast())))
    }

    /// The same values, with no gradient flowing back.
    public func stopGradient(_ x: Variable) -> Variable {
        add(node(CopyOperation(passesGradient: false), [x], shape: x.shape, requiresGradient: false))
    }

    /// The same elements under a new shape of equal size.
    public func reshape(_ x: Variable, _ shape: [Int]) -> Variable {
        precondition(shape.reduce(1, *) == x.count, "reshape: \(x.shape) has \(x.count) elements, \(shape) needs \(shape.reduce(1, *))")
        return add(node(CopyOperation(passesGradient: true), [x], shape: shape))
    }
}
