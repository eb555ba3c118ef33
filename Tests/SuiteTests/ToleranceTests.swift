import Suite
import XCTest

/// dm_control's `rewards.tolerance` shapes at known points.
final class ToleranceTests: XCTestCase {
    func testInsideBoundsIsOne() {
        XCTAssertEqual(tolerance(1.5, bounds: (1.2, .infinity), margin: 0.6), 1)
        XCTAssertEqual(tolerance(0.5, bounds: (0, 1)), 1)
        XCTAssertEqual(tolerance(2, bounds: (0, 1)), 0)
    }

    func testEachSigmoidEqualsValueAtMarginOneMarginOut() {
        for sigmoid in [Sigmoid.gaussian, .hyperbolic, .longTail, .reciprocal, .cosine, .linear, .quadratic, .tanhSquared] {
            XCTAssertEqual(tolerance(0, bounds: (1, 2), margin: 1, sigmoid: sigmoid, valueAtMargin: 0.1), 0.1,
                           accuracy: 1e-12, "\(sigmoid)")
        }
    }

    func testLinearShapesUsedByTheTasks() {
        // walk's move term: 1 - 0.5·d inside two margins, 0 from exactly two margins on
        XCTAssertEqual(tolerance(0.5, bounds: (1, .infinity), margin: 0.5, sigmoid: .linear, valueAtMargin: 0.5), 0.5)
        XCTAssertEqual(tolerance(0, bounds: (1, .infinity), margin: 0.5, sigmoid: .linear, valueAtMargin: 0.5), 0)
        // cheetah run: clip(v / 10, 0, 1)
        XCTAssertEqual(tolerance(2.5, bounds: (10, .infinity), margin: 10, sigmoid: .linear, valueAtMargin: 0), 0.25)
        // the Gaussian is computed as exp(-0.5 (d·scale)²), as dm_control does
        let d = (1.2 - 1.05) / 0.6, scale = (-2 * log(0.1)).squareRoot()
        XCTAssertEqual(tolerance(1.05, bounds: (1.2, .infinity), margin: 0.6), exp(-0.5 * (d * scale) * (d * scale)))
    }
}
