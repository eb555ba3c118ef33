import Suite
import XCTest

/// Our RandomState port against values numpy's legacy generator is known to produce.
final class NumpyRandomStateTests: XCTestCase {
    func testRandomSampleMatchesNumpy() {
        // np.random.RandomState(1).random_sample(3)
        var random = NumpyRandomState(seed: 1)
        XCTAssertEqual(random.randomSample(), 0.417022004702574)
        XCTAssertEqual(random.randomSample(), 0.7203244934421581)
        XCTAssertEqual(random.randomSample(), 0.00011437481734488664)
    }

    func testGaussiansMatchNumpy() {
        // np.random.RandomState(0).randn(3): the polar method with its cached second value
        var random = NumpyRandomState(seed: 0)
        XCTAssertEqual(random.standardNormal(), 1.764052345967664)
        XCTAssertEqual(random.standardNormal(), 0.4001572083672233)
        XCTAssertEqual(random.standardNormal(), 0.9787379841057392)
    }

    func testUniformAndRawOutputs() {
        // np.random.RandomState(5489).randint(0, 2**32, dtype=np.uint64)[0] is MT19937's reference 3499211612
        var random = NumpyRandomState(seed: 5489)
        XCTAssertEqual(random.nextUInt32(), 3_499_211_612)
        var a = NumpyRandomState(seed: 7), b = NumpyRandomState(seed: 7)
        XCTAssertEqual(a.uniform(-2, 3), -2 + 5 * b.randomSample())
    }
}
