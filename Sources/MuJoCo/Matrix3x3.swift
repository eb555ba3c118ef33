/// A 3×3 matrix stored by rows, as MuJoCo stores orientations (`xmat`, `site_xmat`, …).
public struct Matrix3x3: Equatable, Sendable {
    /// Rows of the matrix.
    public var rows: (SIMD3<Double>, SIMD3<Double>, SIMD3<Double>)

    /// A matrix from nine row-major values.
    public init(rowMajor v: UnsafePointer<Double>) {
        rows = (SIMD3(v[0], v[1], v[2]), SIMD3(v[3], v[4], v[5]), SIMD3(v[6], v[7], v[8]))
    }

    /// A matrix from three rows.
    public init(_ row0: SIMD3<Double>, _ row1: SIMD3<Double>, _ row2: SIMD3<Double>) {
        rows = (row0, row1, row2)
    }

    /// The element in `row`, `column` (both 0...2).
    public subscript(row: Int, column: Int) -> Double {
        switch row {
        case 0: return rows.0[column]
        case 1: return rows.1[column]
        default: return rows.2[column]
        }
    }

    /// The nine values in row-major order, as MuJoCo lays them out.
    public var rowMajor: [Double] {
        [rows.0.x, rows.0.y, rows.0.z, rows.1.x, rows.1.y, rows.1.z, rows.2.x, rows.2.y, rows.2.z]
    }

    public static func == (a: Matrix3x3, b: Matrix3x3) -> Bool {
        a.rows.0 == b.rows.0 && a.rows.1 == b.rows.1 && a.rows.2 == b.rows.2
    }
}
