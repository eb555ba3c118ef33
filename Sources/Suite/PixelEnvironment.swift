import MuJoCo
import Rendering

/// Pixel observations of any environment: frames from its default camera (or another), at a
/// chosen size, with the last `frameStack` frames concatenated along channels (H×W×3k uint8,
/// oldest first). After a reset the stack holds k copies of the first frame.
public final class PixelEnvironment: Environment {
    public let base: any Environment<[Float]>
    public let frameStack: Int
    public let observationSpec: ArraySpec
    private var observer: PixelObserver
    /// The renderer of the frames.
    public var renderer: OffscreenRenderer { observer.renderer }
    /// The camera the frames are rendered from.
    public var camera: RenderCamera { observer.camera }

    /// Wraps `base`, rendering `width`×`height` frames (64×64 by default, as InFOM uses).
    public init(_ base: any Environment<[Float]>, width: Int = 64, height: Int = 64, frameStack: Int = 1,
                camera: RenderCamera? = nil, options: RenderOptions = .standardObservation) throws {
        precondition(frameStack >= 1, "frameStack must be at least 1")
        self.base = base
        self.frameStack = frameStack
        observer = try PixelObserver(model: base.simulation.model, width: width, height: height, frameStack: frameStack,
                                     camera: camera ?? base.defaultCamera, options: options)
        observationSpec = ArraySpec(name: "pixels", shape: [height, width, 3 * frameStack], dtype: .uint8,
                                    minimum: [0], maximum: [255])
    }

    public var id: String { base.id }
    public var actionSpec: ArraySpec { base.actionSpec }
    public var episodeLength: Int { base.episodeLength }
    public var simulation: Simulation { base.simulation }
    public var defaultCamera: RenderCamera { camera }

    public func reset(seed: UInt32?) throws -> [UInt8] {
        _ = try base.reset(seed: seed)
        try observer.restart(simulation)
        return observer.stacked()
    }

    public func step(_ action: [Float]) throws -> TimeStep<[UInt8]> {
        let step = try base.step(action)
        // A step of type `first` began a new episode: restart the stack as reset does.
        if step.stepType == .first { try observer.restart(simulation) } else { try observer.push(simulation) }
        return step.with(observation: observer.stacked())
    }
}
