/// Sums over contiguous buffers kept in eight independent lanes, so that the loops vectorize
/// (one running sum is a chain of dependent additions that the compiler may not reorder).
/// The lanes are added together at the end, then the last `count % 8` elements in order.
enum Reduction {
    typealias Lanes<S: TensorScalar> = SIMD8<S>

    @inline(__always)
    static func load<S: TensorScalar>(_ p: UnsafePointer<S>) -> Lanes<S> {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes<S>.self)
    }

    /// Σ x[i] over `count` elements.
    @inline(__always)
    static func sum<S: TensorScalar>(_ x: UnsafePointer<S>, count: Int) -> S {
        var lanes = Lanes<S>(), i = 0
        while i + 8 <= count { lanes += load(x + i); i += 8 }
        var total = lanes.sum()
        while i < count { total += x[i]; i += 1 }
        return total
    }

    /// (Σ x[i], Σ x[i]²) over `count` elements.
    @inline(__always)
    static func sumAndSquares<S: TensorScalar>(_ x: UnsafePointer<S>, count: Int) -> (sum: S, squares: S) {
        var sums = Lanes<S>(), squares = Lanes<S>(), i = 0
        while i + 8 <= count {
            let v = load(x + i)
            sums += v
            squares += v * v
            i += 8
        }
        var sum = sums.sum(), square = squares.sum()
        while i < count { sum += x[i]; square += x[i] * x[i]; i += 1 }
        return (sum, square)
    }

    /// (Σ d[i], Σ d[i]·x̂[i]) with d = g ⊙ γ and x̂ = (x − mean)·rstd: the two sums of the layer
    /// norm's input gradient.
    @inline(__always)
    static func layerNormGradientSums<S: TensorScalar>(g: UnsafePointer<S>, gamma: UnsafePointer<S>, x: UnsafePointer<S>,
                                                       mean: S, rstd: S, count: Int) -> (d: S, dxhat: S) {
        var ds = Lanes<S>(), dxhats = Lanes<S>(), i = 0
        let meanLanes = Lanes<S>(repeating: mean), rstdLanes = Lanes<S>(repeating: rstd)
        while i + 8 <= count {
            let d = load(g + i) * load(gamma + i), xhat = (load(x + i) - meanLanes) * rstdLanes
            ds += d
            dxhats += d * xhat
            i += 8
        }
        var dSum = ds.sum(), dxhatSum = dxhats.sum()
        while i < count {
            let d = g[i] * gamma[i]
            dSum += d
            dxhatSum += d * (x[i] - mean) * rstd
            i += 1
        }
        return (dSum, dxhatSum)
    }
}
