import ArgumentParser
import Benchmarks
import Rendering

/// `infom bench render`: frames/s of the offscreen renderer with standard, observation and fast options.
struct BenchRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Frames per second of headless rendering: standard, observation and fast options.",
        discussion: "Example: infom bench render Assets/scenes/primitives.xml --width 64 --height 64 --json"
    )

    @Argument(help: "A MuJoCo model file (.xml or .mjb).")
    var model: String

    @Option(parsing: .unconditional, help: "Image width in pixels.")
    var width: Int = 64

    @Option(parsing: .unconditional, help: "Image height in pixels.")
    var height: Int = 64

    @Option(help: "Camera name or id; -1 is the free camera.")
    var camera: String = "-1"

    @Option(parsing: .unconditional, help: "Frames per timed run.")
    var frames: Int = 200

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        try CountLimit.require("--width", width, in: 1...8192)
        try CountLimit.require("--height", height, in: 1...8192)
        try CountLimit.require("--frames", frames, in: CountLimit.benchRepetitions)
    }

    func run() throws {
        try runReportingErrors {
            let report = try RenderBenchmark(modelPath: model, width: width, height: height, camera: RenderCamera(argument: camera),
                                             frames: frames).run()
            if json {
                try printJSONLine(report)
            } else {
                print("model       \(report.model) at \(width)x\(height), \(report.backend)")
                print("standard    \(String(format: "%.1f", report.standard_frames_per_s)) frames/s (shadows, reflections, skybox, model's multisampling)")
                print("observation \(String(format: "%.1f", report.observation_frames_per_s)) frames/s (standard without multisampling: observation frames)")
                print("fast        \(String(format: "%.1f", report.fast_frames_per_s)) frames/s (none of them)")
                print("speedup     \(String(format: "%.2f", report.speedup))x")
            }
        }
    }
}
