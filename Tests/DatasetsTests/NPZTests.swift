import ArrayFiles
import Datasets
import Foundation
import TestSupport
import XCTest

/// NPY/NPZ files round-trip every dtype and shape we write, numpy reads them, and damaged files
/// are clear errors.
final class NPZTests: XCTestCase {
    func writeSample(to path: String) throws {
        let writer = try NPZWriter(path: path)
        try writer.write("floats", [Float](arrayLiteral: 1.5, -2, .infinity, 0), shape: [2, 2])
        try writer.write("doubles", [0.1, 0.2, 0.3], shape: [3])
        try writer.write("bytes", (0..<24).map { UInt8($0 * 10) }, shape: [2, 2, 2, 3])
        try writer.write("int64", [Int64.min, 0, Int64.max], shape: [3, 1])
        try writer.write("uint64", [UInt64.max], shape: [])
        try writer.write("int32", [Int32](), shape: [0, 5])
        // Streamed in pieces:
        try writer.begin("streamed", dtype: .float64, shape: [4])
        try writer.append([1.0, 2.0])
        try writer.append([3.0, 4.0])
        try writer.end()
        try writer.writeFile("metadata.json", Array(#"{"env": "walker_walk"}"#.utf8))
        try writer.finish()
    }

    func testRoundTripOfEveryDType() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("sample.npz")
        try writeSample(to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["sample.npz"])
        let archive = try NPZArchive(path: path)
        XCTAssertEqual(archive.names, ["floats", "doubles", "bytes", "int64", "uint64", "int32", "streamed"])
        XCTAssertEqual(try archive.array("floats", as: Float.self), [1.5, -2, .infinity, 0])
        XCTAssertEqual(try archive.header("floats").shape, [2, 2])
        XCTAssertEqual(try archive.array("doubles", as: Double.self), [0.1, 0.2, 0.3])
        XCTAssertEqual(try archive.array("bytes", as: UInt8.self), (0..<24).map { UInt8($0 * 10) })
        XCTAssertEqual(try archive.header("bytes").shape, [2, 2, 2, 3])
        XCTAssertEqual(try archive.array("int64", as: Int64.self), [Int64.min, 0, Int64.max])
        XCTAssertEqual(try archive.array("uint64", as: UInt64.self), [UInt64.max])
        XCTAssertEqual(try archive.header("uint64").shape, [])
        XCTAssertEqual(try archive.array("int32", as: Int32.self), [])
        XCTAssertEqual(try archive.header("int32").shape, [0, 5])
        XCTAssertEqual(try archive.array("streamed", as: Double.self), [1, 2, 3, 4])
        XCTAssertEqual(try archive.elements("streamed", as: Double.self, from: 1, count: 2), [2, 3])
        XCTAssertEqual(try archive.elements("bytes", as: UInt8.self, from: 22, count: 2), [220, 230])
        XCTAssertEqual(archive.fileNames, ["metadata.json"])
        XCTAssertEqual(try archive.file("metadata.json").map { String(decoding: $0, as: UTF8.self) }, #"{"env": "walker_walk"}"#)
        XCTAssertNil(try archive.file("absent.json"))
        XCTAssertThrowsError(try archive.array("floats", as: Double.self)) { error in
            XCTAssertTrue("\(error)".contains("<f4"), "\(error)")
        }
        XCTAssertThrowsError(try archive.array("nothing", as: Double.self)) { error in
            XCTAssertTrue("\(error)".contains("has no array 'nothing'"), "\(error)")
        }
    }

    func testNumpyLoadsOurFiles() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("sample.npz")
        try writeSample(to: path)
        let script = """
            import numpy as np
            d = np.load('\(path)')
            assert d['floats'].dtype == np.float32 and d['floats'].shape == (2, 2) and d['floats'][0, 0] == 1.5
            assert d['bytes'].dtype == np.uint8 and d['bytes'].shape == (2, 2, 2, 3) and d['bytes'][1, 1, 1, 2] == 230
            assert d['int64'][0, 0] == np.iinfo(np.int64).min and d['uint64'].shape == ()
            assert d['int32'].shape == (0, 5) and list(d['streamed']) == [1, 2, 3, 4]
            assert d['metadata.json'] == b'{"env": "walker_walk"}'
            print('ok')
            """
        let result = try PythonScript.run(script, requiring: ["numpy"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, "ok\n")
    }

    func testTruncatedFilesAreClearErrors() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("sample.npz")
        try writeSample(to: path)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        for cut in [bytes.count - 10, bytes.count / 2, 100, 5] {
            let damaged = folder.file("cut-\(cut).npz")
            XCTAssertTrue(FileManager.default.createFile(atPath: damaged, contents: bytes.prefix(cut)))
            XCTAssertThrowsError(try NPZArchive(path: damaged), "cut at \(cut)") { error in
                XCTAssertTrue("\(error)".contains("corrupt or truncated"), "\(error)")
            }
        }
    }

    func testSingleNPYFiles() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("actions.npy")
        let values: [Float] = (0..<12).map { Float($0) / 4 }
        try NPYFile.write(values, shape: [2, 6], to: path)
        let (shape, read) = try NPYFile.read(path, as: Float.self)
        XCTAssertEqual(shape, [2, 6])
        XCTAssertEqual(read, values)
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: data.dropLast(8)))
        XCTAssertThrowsError(try NPYFile.read(path, as: Float.self)) { error in
            XCTAssertTrue("\(error)".contains("its shape needs 48"), "\(error)")
        }
    }
}
