import CMuJoCo

/// MuJoCo's quaternion helpers for unit quaternions stored as SIMD4 (w, x, y, z), so that code
/// above the bindings gets MuJoCo's exact arithmetic without touching pointers.
public enum QuaternionMath {
    /// The product a ⊗ b (`mju_mulQuat`).
    public static func multiply(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
        call { out in withValues(a) { pa in withValues(b) { pb in mju_mulQuat(out, pa, pb) } } }
    }

    /// The conjugate (inverse of a unit quaternion) (`mju_negQuat`).
    public static func conjugate(_ q: SIMD4<Double>) -> SIMD4<Double> {
        call { out in withValues(q) { mju_negQuat(out, $0) } }
    }

    /// The angular velocity that rotates by `q` in time `dt`: axis·angle/dt, with the angle
    /// taken in (−π, π] (`mju_quat2Vel`).
    public static func velocity(_ q: SIMD4<Double>, dt: Double) -> SIMD3<Double> {
        let v = call { out in withValues(q) { mju_quat2Vel(out, $0, dt) } }
        return SIMD3(v.x, v.y, v.z)
    }

    /// The quaternion of the row-major rotation matrix at `matrix` (`mju_mat2Quat`).
    static func quaternion(matrix: UnsafePointer<Double>) -> SIMD4<Double> {
        call { mju_mat2Quat($0, matrix) }
    }

    private static func call(_ body: (UnsafeMutablePointer<Double>) -> Void) -> SIMD4<Double> {
        var result = (0.0, 0.0, 0.0, 0.0)
        withUnsafeMutableBytes(of: &result) { body($0.baseAddress!.assumingMemoryBound(to: Double.self)) }
        return SIMD4(result.0, result.1, result.2, result.3)
    }

    /// Passes the quaternion's four values to C as a pointer.
    private static func withValues(_ q: SIMD4<Double>, _ body: (UnsafePointer<Double>) -> Void) {
        var values = (q.x, q.y, q.z, q.w)
        withUnsafeBytes(of: &values) { body($0.baseAddress!.assumingMemoryBound(to: Double.self)) }
    }
}
