import CMuJoCo

/// MuJoCo's quaternion helpers for unit quaternions stored as SIMD4 (w, x, y, z), so that code
/// above the bindings gets MuJoCo's exact arithmetic without touching pointers.
public enum QuaternionMath {
    /// The product a ⊗ b (`mju_mulQuat`).
    public static func multiply(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
        call { out in
            withArrays(a, b) { pa, pb in mju_mulQuat(out, pa, pb) }
        }
    }

    /// The conjugate (inverse of a unit quaternion) (`mju_negQuat`).
    public static func conjugate(_ q: SIMD4<Double>) -> SIMD4<Double> {
        call { out in withArrays(q, q) { pq, _ in mju_negQuat(out, pq) } }
    }

    /// The angular velocity that rotates by `q` in time `dt`: axis·angle/dt, with the angle
    /// taken in (−π, π] (`mju_quat2Vel`).
    public static func velocity(_ q: SIMD4<Double>, dt: Double) -> SIMD3<Double> {
        let v = call { out in withArrays(q, q) { pq, _ in mju_quat2Vel(out, pq, dt) } }
        return SIMD3(v.x, v.y, v.z)
    }

    /// The quaternion of a row-major rotation matrix (`mju_mat2Quat`).
    public static func quaternion(rowMajor m: [Double]) -> SIMD4<Double> {
        precondition(m.count == 9, "a rotation matrix has 9 values")
        return call { out in m.withUnsafeBufferPointer { mju_mat2Quat(out, $0.baseAddress) } }
    }

    private static func call(_ body: (UnsafeMutablePointer<Double>) -> Void) -> SIMD4<Double> {
        var result = (0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &result) { body($0.baseAddress!.assumingMemoryBound(to: Double.self)) }
        return SIMD4(result.0, result.1, result.2, result.3)
    }

    private static func withArrays(_ a: SIMD4<Double>, _ b: SIMD4<Double>,
                                   _ body: (UnsafePointer<Double>, UnsafePointer<Double>) -> Void) {
        var a = (a.x, a.y, a.z, a.w), b = (b.x, b.y, b.z, b.w)
        withUnsafeBytes(of: &a) { ra in
            withUnsafeBytes(of: &b) { rb in
                body(ra.baseAddress!.assumingMemoryBound(to: Double.self), rb.baseAddress!.assumingMemoryBound(to: Double.self))
            }
        }
    }
}
