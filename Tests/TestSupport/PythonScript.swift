import Foundation
import XCTest

/// Runs small Python checks against our files when `python3` and the modules they need are
/// installed; otherwise the calling test is skipped (the suite must pass without them).
public enum PythonScript {
    /// Runs `script` with `python3 -c` and returns its standard output; throws `XCTSkip` when
    /// python3 or one of `modules` cannot be imported.
    public static func run(_ script: String, requiring modules: [String]) throws -> (status: Int32, output: String) {
        let probe = try launch(["python3", "-c", modules.map { "import \($0)" }.joined(separator: "; ")])
        guard probe.status == 0 else {
            throw XCTSkip("python3 with \(modules.joined(separator: ", ")) is not installed")
        }
        return try launch(["python3", "-c", script])
    }

    private static func launch(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
