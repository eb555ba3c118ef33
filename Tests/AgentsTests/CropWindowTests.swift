@testable import Agents
import Learning
import XCTest

/// The crop window every pixel reader indexes through (spec infom.md §5.4): its draws and the
/// edge-clamped pixels it reads, on a non-square image so rows and columns cannot trade places.
final class CropWindowTests: XCTestCase {
    func testWindowReadsEdgeClampedPixelsRowsByDyColumnsByDx() {
        let (height, width) = (4, 6)
        var reads: [Int] = []
        CropWindow(dy: 0, dx: 5, pad: 3).forEachPixel(height: height, width: width) { target, source in
            XCTAssertEqual(target, reads.count, "targets come row by row")
            reads.append(source)
        }
        // Row y reads row max(y − 3, 0); column x reads column min(x + 2, 5).
        let expected = (0..<height).flatMap { y in (0..<width).map { x in max(y - 3, 0) * width + min(x + 2, width - 1) } }
        XCTAssertEqual(reads, expected)
        XCTAssertEqual(reads.prefix(6), [2, 3, 4, 5, 5, 5])
        XCTAssertEqual(reads.suffix(6), [2, 3, 4, 5, 5, 5], "row 3 reads row 0")

        var identity: [Int] = []
        CropWindow(identityWithPad: 3).forEachPixel(height: height, width: width) { _, source in identity.append(source) }
        XCTAssertEqual(identity, Array(0..<(height * width)), "the centred window reads the image as it is")
    }

    func testDrawsTakeDyThenDxUniformlyFromTheGenerator() {
        var random = SeededRandom(seed: 11), copy = random
        var offsets = Set<[Int]>()
        for _ in 0..<500 {
            let window = CropWindow(pad: 3, random: &random)
            XCTAssertEqual([window.dy, window.dx], [Int(copy.next() % 7), Int(copy.next() % 7)])
            XCTAssertEqual(window.pad, 3)
            offsets.insert([window.dy, window.dx])
        }
        XCTAssertEqual(offsets.count, 49, "every window of 0…6 × 0…6 is drawn")
    }
}
