import Learning
import XCTest

final class LeastSquaresTests: XCTestCase {
    /// An overdetermined system with an exact solution, one with residuals (against the normal
    /// equations' solution), and a rank-deficient one (the minimum-norm solution).
    func testSolvesAsLstsqDoes() throws {
        // 4 × 2, b = A·(2, −1).
        let a: [Float] = [1, 0, 0, 1, 1, 1, 2, 1]
        let exact = try XCTUnwrap(leastSquares(a, rows: 4, columns: 2, [2, -1, 1, 3]))
        XCTAssertEqual(exact[0], 2, accuracy: 1e-6)
        XCTAssertEqual(exact[1], -1, accuracy: 1e-6)
        // Fitting a line through (0, 1), (1, 2), (2, 2): slope 0.5, intercept 7/6.
        let line = try XCTUnwrap(leastSquares([0, 1, 1, 1, 2, 1], rows: 3, columns: 2, [1, 2, 2]))
        XCTAssertEqual(line[0], 0.5, accuracy: 1e-6)
        XCTAssertEqual(line[1], 7 / 6, accuracy: 1e-6)
        // Two equal columns: every x with x₀ + x₁ = 3 fits; the minimum-norm one is (1.5, 1.5).
        let deficient = try XCTUnwrap(leastSquares([1, 1, 2, 2, 3, 3], rows: 3, columns: 2, [3, 6, 9]))
        XCTAssertEqual(deficient[0], 1.5, accuracy: 1e-5)
        XCTAssertEqual(deficient[1], 1.5, accuracy: 1e-5)
    }
}
