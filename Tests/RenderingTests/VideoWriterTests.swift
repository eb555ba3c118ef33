import Foundation
import MuJoCo
import Rendering
import TestSupport
import XCTest

/// Videos from rendered frames: an MP4 through ffmpeg has the frames we wrote, at their size and
/// not blank; our GIF decodes (ffmpeg reads it back frame by frame); PNG folders; text overlays.
final class VideoWriterTests: XCTestCase {
    /// 50 frames of a falling box scene from the calibration model.
    func frames(count: Int, width: Int, height: Int) throws -> [RGBImage] {
        let model = try Model(contentsOf: "\(RepositoryPaths.root)/Assets/scenes/primitives.xml")
        let simulation = try Simulation(model: model)
        let renderer = try OffscreenRenderer(model: model, width: width, height: height, options: .fast)
        var out: [RGBImage] = []
        for _ in 0..<count {
            for _ in 0..<5 { try simulation.step() }
            out.append(try renderer.render(simulation, camera: .defaultFree))
        }
        return out
    }

    /// Decodes `path` with ffmpeg into raw RGB frames.
    func decode(_ path: String, width: Int, height: Int) throws -> [[UInt8]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try XCTUnwrap(VideoWriter.ffmpegPath))
        process.arguments = ["-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let size = width * height * 3
        XCTAssertEqual(data.count % size, 0, "whole frames of \(width)x\(height)")
        return stride(from: 0, to: data.count, by: size).map { Array(data[$0..<($0 + size)]) }
    }

    func probe(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try XCTUnwrap(VideoWriter.ffmpegPath).replacingOccurrences(of: "ffmpeg", with: "ffprobe"))
        process.arguments = ["-v", "error", "-count_frames", "-select_streams", "v:0",
                             "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `images` to `path` and checks nothing appears under the name before `finish`.
    func write(_ images: [RGBImage], to path: String, fps: Int = 20) throws -> VideoWriter {
        let writer = try VideoWriter(path: path, width: images[0].width, height: images[0].height, fps: fps)
        for image in images { try writer.append(image) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "nothing under the final name before finish")
        try writer.finish()
        return writer
    }

    func testMP4HasEveryFrameAtItsSizeAndNotBlank() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("clip.mp4")
        let images = try frames(count: 50, width: 96, height: 64)
        let writer = try write(images, to: path, fps: 25)
        XCTAssertNil(writer.notice)
        XCTAssertEqual(try probe(path), "h264,96,64,50")
        let decoded = try decode(path, width: 96, height: 64)
        XCTAssertEqual(decoded.count, 50)
        for (k, frame) in decoded.enumerated() where k % 10 == 0 {
            // Not blank, and close to what we rendered (H.264 is lossy: mean error within 6 levels).
            XCTAssertGreaterThan(Set(frame).count, 20, "frame \(k) has content")
            let error = zip(frame, images[k].pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
            XCTAssertLessThan(Double(error) / Double(frame.count), 6, "frame \(k)")
        }
    }

    func testGIFDecodesToOurFramesInItsPalette() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("clip.gif")
        let images = try frames(count: 12, width: 40, height: 30)
        XCTAssertEqual(try write(images, to: path, fps: 10).format, .gif)
        let decoded = try decode(path, width: 40, height: 30)
        XCTAssertEqual(decoded.count, 12)
        // Each pixel comes back as its 3-3-2 palette colour: within one palette step of the frame.
        for (frame, image) in zip(decoded, images) {
            for i in stride(from: 0, to: frame.count, by: 3) {
                XCTAssertLessThanOrEqual(abs(Int(frame[i]) - Int(image.pixels[i])), 37)
                XCTAssertLessThanOrEqual(abs(Int(frame[i + 2]) - Int(image.pixels[i + 2])), 86)
            }
        }
    }

    func testPNGFolderAndOverlay() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("frames/")
        var images = try frames(count: 3, width: 64, height: 48)
        let plain = images[0]
        images[0].drawLabel("step 12\nreward -0.50")
        XCTAssertNotEqual(images[0], plain)
        // The text is white on a darkened band in the top-left corner; the rest is untouched.
        XCTAssertEqual(images[0][3, 4], SIMD3(255, 255, 255), "the top bar of the s of step")
        XCTAssertEqual(images[0][60, 40], plain[60, 40])
        _ = try write(images, to: path)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.file("frames")).sorted(),
                       ["frame-000000.png", "frame-000001.png", "frame-000002.png"])
        XCTAssertEqual(try PNG.read(folder.file("frames/frame-000000.png")), images[0])
    }
}
