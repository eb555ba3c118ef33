import ArgumentParser
import MuJoCo
import Rendering

/// `infom bench render`: frames/s of the offscreen renderer with standard and fast options.
struct BenchRender: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Frames per second of headless rendering, standard against fast options.",
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

    struct Report: Encodable {
        let model: String
        let width: Int
        let height: Int
        let frames: Int
        let backend: String
        let standard_frames_per_s: Double
        let fast_frames_per_s: Double
        let speedup: Double
    }

    func run() throws {
        try runReportingErrors {
            let model = try Model(contentsOf: self.model)
            let simulation = try Simulation(model: model)
            try simulation.forward()
            let view = RenderCamera(argument: camera)
            func framesPerSecond(_ options: RenderOptions) throws -> Double {
                let renderer = try OffscreenRenderer(model: model, width: width, height: height, options: options)
                var image = RGBImage(width: width, height: height)
                try renderer.render(simulation, camera: view, into: &image)  // warm-up: shader compilation
                let seconds = try Measurement.seconds {
                    for _ in 0..<frames { try renderer.render(simulation, camera: view, into: &image) }
                }
                return Double(frames) / seconds
            }
            let standard = try framesPerSecond(.standard)
            let fast = try framesPerSecond(.fast)
            let report = Report(
                model: self.model, width: width, height: height, frames: frames,
                backend: try GLBackend.fromEnvironment().description,
                standard_frames_per_s: standard, fast_frames_per_s: fast, speedup: fast / standard)
            if json {
                try Measurement.printJSON(report)
            } else {
                print("model     \(report.model) at \(width)x\(height), \(report.backend)")
                print("standard  \(String(format: "%.1f", standard)) frames/s (shadows, reflections, skybox, model's multisampling)")
                print("fast      \(String(format: "%.1f", fast)) frames/s (none of them)")
                print("speedup   \(String(format: "%.2f", fast / standard))x")
            }
        }
    }
}
