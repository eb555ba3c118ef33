import RealModule
import XCTest

/// Asserts that `actual` is within `tolerance` of `expected` (absolute; swift-numerics'
/// `isApproximatelyEqual`), naming both on failure.
public func assertClose(_ actual: Double, _ expected: Double, tolerance: Double,
                        _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssert(actual.isApproximatelyEqual(to: expected, absoluteTolerance: tolerance),
              "\(actual) differs from \(expected) by \(abs(actual - expected)) > \(tolerance) \(message)",
              file: file, line: line)
}

/// Asserts that two vectors agree componentwise within `tolerance`.
public func assertClose(_ actual: SIMD3<Double>, _ expected: SIMD3<Double>, tolerance: Double,
                        _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    for i in 0..<3 { assertClose(actual[i], expected[i], tolerance: tolerance, message, file: file, line: line) }
}
