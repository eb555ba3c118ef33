import ArrayFiles
import Datasets
import Foundation
import DatasetTestSupport
import TestSupport
import XCTest

/// ``DatasetFile``: every malformed file of the test generator is refused with the message that
/// names its flaw; the valid file opens; metadata identity checks refuse other domains and tasks.
final class DatasetFileTests: XCTestCase {
    func testEveryMalformedFileIsRefusedWithItsMessage() throws {
        let folder = try TemporaryDirectory()
        let valid = folder.file("valid.npz")
        try MalformedDataset.write(nil, to: valid)
        let file = try DatasetFile(path: valid)
        XCTAssertEqual(file.rows, 8)
        XCTAssertEqual(file.episodes, 2)
        for flaw in MalformedDataset.allCases {
            let path = folder.file("\(flaw.rawValue).npz")
            try MalformedDataset.write(flaw, to: path)
            XCTAssertThrowsError(try DatasetFile(path: path), flaw.rawValue) { error in
                XCTAssertTrue("\(error)".contains(flaw.expectedMessage), "\(flaw): \(error)")
                XCTAssertTrue("\(error)".hasPrefix(path), "names the file: \(error)")
            }
        }
    }

    func testIdentityFromTheMetadata() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("walk.npz")
        try MalformedDataset.write(nil, to: path, relabeledTask: "cheetah_walk")
        let file = try DatasetFile(path: path)
        XCTAssertNoThrow(try file.requireDomain(of: "cheetah_run"))
        XCTAssertThrowsError(try file.requireDomain(of: "walker_run")) { error in
            XCTAssertTrue("\(error)".contains("holds cheetah_run data (domain cheetah), but walker_run is in domain walker"), "\(error)")
        }
        XCTAssertNoThrow(try file.requireRewards(of: "cheetah_walk"))
        XCTAssertThrowsError(try file.requireRewards(of: "cheetah_run")) { error in
            XCTAssertTrue("\(error)".contains("holds rewards of cheetah_walk, not of cheetah_run"), "\(error)")
        }
    }

    func testCompressedEntriesReadAsStoredOnes() throws {
        let folder = try TemporaryDirectory()
        let values = (0..<5000).map { Float($0 % 97) }
        let path = folder.file("deflated.npz")
        try StoredZip.write([.array("a", values, shape: [1000, 5], deflated: true),
                             StoredZip.Entry(name: "note.txt", bytes: Array("hello".utf8), deflated: true)], to: path)
        let archive = try NPZArchive(path: path)
        XCTAssertEqual(try archive.header("a").shape, [1000, 5])
        XCTAssertEqual(try archive.array("a", as: Float.self), values)
        XCTAssertEqual(try archive.elements("a", as: Float.self, from: 4000, count: 10), Array(values[4000..<4010]))
        XCTAssertEqual(try archive.elements("a", as: Float.self, from: 10, count: 5), Array(values[10..<15]))
        var streamed = [Float]()
        try archive.forEachChunk(of: "a", chunkBytes: 4096) { streamed += $0.bindMemory(to: Float.self) }
        XCTAssertEqual(streamed, values)
        XCTAssertEqual(try archive.file("note.txt"), Array("hello".utf8))
    }

    func testACompressedEntryThatInflatesPastItsShapeIsRefused() throws {
        let folder = try TemporaryDirectory()
        // The header promises 10 floats; the entry inflates to 10 MB of zeros.
        var bytes = NPYHeader(dtype: .float32, shape: [10]).encoded()
        bytes += [UInt8](repeating: 0, count: 10_000_000)
        let path = folder.file("bomb.npz")
        try StoredZip.write([StoredZip.Entry(name: "a.npy", bytes: bytes, deflated: true)], to: path)
        XCTAssertThrowsError(try NPZArchive(path: path).array("a", as: Float.self)) { error in
            XCTAssertTrue("\(error)".contains("inflates to more than its header's shape"), "\(error)")
        }
    }
}
