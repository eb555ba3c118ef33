import MuJoCo
import Rendering

/// Frames/s of the offscreen renderer with standard options, with the standard look of observation
/// frames (standard without multisampling) and with fast options (no shadows, reflections,
/// skybox or multisampling), after a warm-up frame each (shader compilation).
public struct RenderBenchmark {
    public let modelPath: String
    public let width: Int, height: Int
    public let camera: RenderCamera
    public let frames: Int

    public init(modelPath: String, width: Int, height: Int, camera: RenderCamera, frames: Int) {
        self.modelPath = modelPath
        self.width = width
        self.height = height
        self.camera = camera
        self.frames = frames
    }

    public struct Report: Encodable {
        public let model: String
        public let width: Int
        public let height: Int
        public let frames: Int
        public let backend: String
        public let standard_frames_per_s: Double
        public let observation_frames_per_s: Double
        public let fast_frames_per_s: Double
        public let speedup: Double
    }

    public func run() throws -> Report {
        let model = try Model(contentsOf: modelPath)
        let simulation = try Simulation(model: model)
        try simulation.forward()
        func framesPerSecond(_ options: RenderOptions) throws -> Double {
            let renderer = try OffscreenRenderer(model: model, width: width, height: height, options: options)
            var image = RGBImage(width: width, height: height)
            try renderer.render(simulation, camera: camera, into: &image)
            let seconds = try Measurement.seconds {
                for _ in 0..<frames { try renderer.render(simulation, camera: camera, into: &image) }
            }
            return Double(frames) / seconds
        }
        let standard = try framesPerSecond(.standard)
        let observation = try framesPerSecond(.standardObservation)
        let fast = try framesPerSecond(.fast)
        return Report(model: modelPath, width: width, height: height, frames: frames,
                      backend: try GLBackend.fromEnvironment().description,
                      standard_frames_per_s: standard, observation_frames_per_s: observation, fast_frames_per_s: fast,
                      speedup: fast / standard)
    }
}
