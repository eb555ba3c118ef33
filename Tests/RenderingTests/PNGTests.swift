import Rendering
import TestSupport
import XCTest

final class PNGTests: XCTestCase {
    func testRoundTrip() throws {
        var image = RGBImage(width: 7, height: 5)
        for i in image.pixels.indices { image.pixels[i] = UInt8((i * 37) % 256) }
        let folder = try TemporaryDirectory()
        let path = folder.file("image.png")
        try PNG.write(image, to: path)
        XCTAssertEqual(try PNG.read(path), image)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["image.png"],
                       "no temporary file is left behind")
    }

    func testReadingSomethingElseIsAClearError() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("not.png")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("hello".utf8)))
        XCTAssertThrowsError(try PNG.read(path)) { error in
            XCTAssertTrue("\(error)".contains("not a readable PNG"), "\(error)")
        }
    }

    func testWritingIntoAMissingFolderIsAClearError() {
        XCTAssertThrowsError(try PNG.write(RGBImage(width: 1, height: 1), to: "/nonexistent/folder/a.png")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/folder/a.png"), "\(error)")
        }
    }
}
