import ArrayFiles
import Datasets
import Foundation
import TestSupport
import XCTest

/// safetensors files: byte layout, round trip, Python's reading of them, and damaged files.
final class SafeTensorsTests: XCTestCase {
    func sample() -> SafeTensors {
        var file = SafeTensors()
        file.add("b/kernel", [Float](arrayLiteral: 1.5, -2, 3, 4.25, 5, 6), shape: [2, 3])
        file.add("a/bias", [Double](arrayLiteral: 0.125, -1e300), shape: [2])
        file.add("steps", [Int64](arrayLiteral: 1_000_001), shape: [])
        file.metadata = ["adam_step": "7"]
        return file
    }

    func testLayoutIsLengthJSONThenDataInNameOrder() throws {
        let bytes = [UInt8](try sample().encoded())
        let length = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual(length % 8, 0, "header padded to 8 bytes")
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])) as? [String: Any])
        let a = try XCTUnwrap(header["a/bias"] as? [String: Any]), b = try XCTUnwrap(header["b/kernel"] as? [String: Any])
        XCTAssertEqual(a["dtype"] as? String, "F64")
        XCTAssertEqual(a["data_offsets"] as? [Int], [0, 16])
        XCTAssertEqual(b["dtype"] as? String, "F32")
        XCTAssertEqual(b["shape"] as? [Int], [2, 3])
        XCTAssertEqual(b["data_offsets"] as? [Int], [16, 40])
        XCTAssertEqual(header["__metadata__"] as? [String: String], ["adam_step": "7"])
        XCTAssertEqual(bytes.count, 8 + length + 48)
        // The first data bytes are 0.125 as a little-endian double.
        XCTAssertEqual(Array(bytes[(8 + length)..<(16 + length)]), withUnsafeBytes(of: (0.125).bitPattern.littleEndian, Array.init))
    }

    func testRoundTrip() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("sample.safetensors")
        try sample().write(to: path)
        let read = try SafeTensors.read(path)
        XCTAssertEqual(read.names, ["a/bias", "b/kernel", "steps"])
        XCTAssertEqual(try read.values("b/kernel", as: Float.self), [1.5, -2, 3, 4.25, 5, 6])
        XCTAssertEqual(try read.values("a/bias", as: Double.self), [0.125, -1e300])
        XCTAssertEqual(try read.values("steps", as: Int64.self), [1_000_001])
        XCTAssertEqual(read.tensors["steps"]?.shape, [])
        XCTAssertEqual(read.metadata, ["adam_step": "7"])
        XCTAssertThrowsError(try read.values("b/kernel", as: Double.self)) { error in
            XCTAssertTrue("\(error)".contains("is <f4, expected <f8"), "\(error)")
        }
    }

    func testPythonReadsOurFiles() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("sample.safetensors")
        try sample().write(to: path)
        // Parsed by hand with numpy, as the format defines it, and by the safetensors package when present.
        let script = """
            import json, struct, numpy as np
            raw = open('\(path)', 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            header = json.loads(raw[8:8 + n])
            data = raw[8 + n:]
            kinds = {'F32': '<f4', 'F64': '<f8', 'I64': '<i8'}
            def get(name):
                e = header[name]
                b, end = e['data_offsets']
                return np.frombuffer(data[b:end], dtype=kinds[e['dtype']]).reshape(e['shape'])
            assert get('b/kernel').tolist() == [[1.5, -2, 3], [4.25, 5, 6]]
            assert get('a/bias')[1] == -1e300 and int(get('steps')) == 1000001
            assert header['__metadata__'] == {'adam_step': '7'}
            try:
                from safetensors.numpy import load_file
                assert load_file('\(path)')['b/kernel'][1, 0] == 4.25
            except ImportError:
                pass
            print('ok')
            """
        let result = try PythonScript.run(script, requiring: ["numpy"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.output, "ok\n")
    }

    func testDamagedFilesAreClearErrors() throws {
        let bytes = [UInt8](try sample().encoded())
        for cut in [bytes.count - 1, 40, 7] {
            XCTAssertThrowsError(try SafeTensors.decode(Array(bytes.prefix(cut)), source: "x.safetensors"), "cut \(cut)") { error in
                XCTAssertTrue("\(error)".contains("x.safetensors is corrupt or truncated"), "\(error)")
            }
        }
        var garbled = bytes
        garbled[9] = 0x00
        XCTAssertThrowsError(try SafeTensors.decode(garbled, source: "x.safetensors"))
    }
}
