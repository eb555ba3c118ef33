import ArgumentParser
import MuJoCo
import Rendering

/// `infom snapshot`: load any MuJoCo model, run `mj_forward`, render one camera and write a PNG.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one frame of a MuJoCo model to a PNG file.",
        discussion: """
            Loads MODEL (MJCF XML or MJB), computes its initial state with mj_forward and renders it \
            headlessly (MUJOCO_GL=egl by default, or osmesa).

            Example: infom snapshot Assets/scenes/primitives.xml --camera front --width 320 --height 240 --out frame.png
            """
    )

    @Argument(help: "A MuJoCo model file (.xml or .mjb).")
    var model: String

    @Option(help: "Camera name or id; -1 is the free camera.")
    var camera: String = "-1"

    @Option(parsing: .unconditional, help: "Image width in pixels.")
    var width: Int = 640

    @Option(parsing: .unconditional, help: "Image height in pixels.")
    var height: Int = 480

    @Option(help: "Keyframe name or index to reset to before rendering.")
    var keyframe: String?

    @Flag(help: "Render without shadows, reflections, skybox and multisampling.")
    var fast = false

    @Option(help: "Output PNG path.")
    var out: String

    func validate() throws {
        guard width > 0, height > 0, width <= 8192, height <= 8192 else {
            throw ValidationError("--width and --height must be between 1 and 8192 (got \(width)x\(height))")
        }
    }

    func run() throws {
        try runReportingErrors {
            let model = try Model(contentsOf: self.model)
            let simulation = try Simulation(model: model)
            if let keyframe {
                if let index = Int(keyframe) { try simulation.reset(keyframe: index) } else { try simulation.reset(keyframe: keyframe) }
            }
            try simulation.forward()
            let renderer = try OffscreenRenderer(
                model: model, width: width, height: height, options: fast ? .fast : .standard)
            let image = try renderer.render(simulation, camera: RenderCamera(argument: camera))
            try PNG.write(image, to: out)
            print("wrote \(out) (\(width)x\(height), camera \(camera), \(try renderer.glRendererName()))")
        }
    }
}
