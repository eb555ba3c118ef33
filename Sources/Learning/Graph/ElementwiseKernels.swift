/// Vectorizable float32 kernels for the hot elementwise operations.
enum FastMath {
    /// exp(x) for float32 within ~2 ulp on [-87, 88]: x = k·ln2 + r with |r| ≤ ln2/2 (ln2 split in
    /// two parts), exp(r) by a degree-6 Taylor polynomial, 2^k from the exponent bits. Rounding
    /// and 2^k use the 1.5·2²³ trick, so the loop has no calls or traps and vectorizes.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = Swift.min(Swift.max(x, -87), 88)
        let shifter: Float = 12_582_912  // 1.5·2²³: adding it rounds to an integer in the low mantissa bits
        let shifted = clamped * 1.442_695_04 + shifter
        let k = shifted - shifter
        let r = (clamped - k * 0.693_145_75) - k * 1.428_606_8e-6
        let p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))))
        let exponent = (shifted.bitPattern &- 0x4B40_0000 &+ 127) << 23
        return p * Float(bitPattern: exponent)
    }

    /// 1 − tanh(x) = 2/(exp(2x) + 1), free of the cancellation of 1 − tanh near saturation;
    /// |x| is clamped to 15, where it is below float32's resolution of the result.
    @inline(__always)
    static func oneMinusTanh(_ x: Float) -> Float {
        2 / (exp(2 * Swift.min(Swift.max(x, -15), 15)) + 1)
    }

    /// y = GELU(x) (tanh form), keeping s = 1 − tanh(u) for the backward pass.
    static func geluForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ s: UnsafeMutablePointer<Float>, _ n: Int) {
        let c: Float = 0.797_884_56, k: Float = 0.044_715
        for i in 0..<n {
            let v = x[i]
            let si = oneMinusTanh(c * (v + k * v * v * v))
            s[i] = si
            y[i] = v * (1 - 0.5 * si)
        }
    }

    /// dx += dy · GELU′(x), from the cached s = 1 − tanh(u): 1 − tanh² = s(2 − s).
    static func geluBackward(_ x: UnsafePointer<Float>, _ s: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
                             _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
        let c: Float = 0.797_884_56, k: Float = 0.044_715
        for i in 0..<n {
            let v = x[i], si = s[i]
            dx[i] += dy[i] * ((1 - 0.5 * si) + 0.5 * v * si * (2 - si) * c * (1 + 3 * k * v * v))
        }
    }

    /// x ← GELU(x) (tanh form) with nothing kept for a backward pass: forward-only evaluation.
    static func geluInPlace(_ x: UnsafeMutablePointer<Float>, _ n: Int) {
        let c: Float = 0.797_884_56, k: Float = 0.044_715
        for i in 0..<n {
            let v = x[i]
            x[i] = v * (1 - 0.5 * oneMinusTanh(c * (v + k * v * v * v)))
        }
    }
}
