import COpenBLAS
import XCTest

/// The OpenBLAS interop target links and computes what CBLAS specifies, transposes included.
final class SGEMMTests: XCTestCase {
    func testRowMajorProductWithTransposedOperand() {
        // A is 2×3; B is stored as its 2×3 transpose, so C = A·Bᵀ is 2×2.
        let a: [Float] = [1, 2, 3,
                          4, 5, 6]
        let bTransposed: [Float] = [7, 8, 9,
                                    10, 11, 12]
        var c: [Float] = [1, 1, 1, 1]
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, 2, 2, 3, 2.0, a, 3, bTransposed, 3, 0.5, &c, 2)
        // A·Bᵀ = [[50, 68], [122, 167]]; the result is 2·A·Bᵀ + 0.5·C.
        let expected: [Float] = [100.5, 136.5, 244.5, 334.5]
        XCTAssertEqual(c, expected)
    }
}
