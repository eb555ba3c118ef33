import Foundation
import XCTest

/// An Xvfb server on a free display for the duration of a test; skips the test when Xvfb is not
/// installed (Debian package xvfb, which CI installs).
final class VirtualDisplay {
    let process = Process()
    /// The DISPLAY value, for example ":1".
    let name: String

    init() throws {
        guard let path = ["/usr/bin/Xvfb", "/usr/local/bin/Xvfb"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("Xvfb is not installed (apt-get install xvfb)")
        }
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp"]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Xvfb writes the display number it chose once it accepts connections.
        var text = ""
        while !text.contains("\n") {
            let chunk = pipe.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw XCTSkip("Xvfb exited before reporting a display") }
            text += String(decoding: chunk, as: UTF8.self)
        }
        name = ":" + text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
