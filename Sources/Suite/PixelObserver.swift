import MuJoCo
import Rendering

/// The pixel pipeline of every pixel observation: a simulation rendered from one camera into a
/// ``FrameStack`` of the episode's last `frameStack` frames (k copies of the first after a
/// restart). ``PixelEnvironment`` and the pixel agents' evaluation policies both observe
/// through it, so what a policy sees is what its data recorded.
public struct PixelObserver {
    public let renderer: OffscreenRenderer
    public let camera: RenderCamera
    private var frames: FrameStack

    /// An observer of `model`'s simulations: `width`×`height` frames from `camera`, drawn with
    /// `options`, `frameStack` of them stacked. Observation frames are small, so the first
    /// observer of a process asks llvmpipe to draw them in the calling thread
    /// (``LLVMpipeThreads/rasterizeInCallingThreadUnlessSet()``).
    public init(model: Model, width: Int, height: Int, frameStack: Int, camera: RenderCamera,
                options: RenderOptions = .standardObservation) throws {
        LLVMpipeThreads.rasterizeInCallingThreadUnlessSet()
        renderer = try OffscreenRenderer(model: model, width: width, height: height, options: options)
        self.camera = camera
        frames = FrameStack(width: width, height: height, count: frameStack)
    }

    /// Starts an episode on `simulation`'s current state: every slot holds its frame.
    public mutating func restart(_ simulation: Simulation) throws {
        let (renderer, camera) = (self.renderer, self.camera)
        try frames.restart { try renderer.render(simulation, camera: camera, into: &$0) }
    }

    /// Adds the frame of `simulation`'s current state over the oldest.
    public mutating func push(_ simulation: Simulation) throws {
        let (renderer, camera) = (self.renderer, self.camera)
        try frames.push { try renderer.render(simulation, camera: camera, into: &$0) }
    }

    /// The stacked image, H×W×3k uint8, oldest frame first.
    public func stacked() -> [UInt8] { frames.stacked() }
}
