import MuJoCo
import Rendering

/// Pixel observations of any environment: frames from its default camera (or another), at a
/// chosen size, with the last `frameStack` frames concatenated along channels (H×W×3k uint8,
/// oldest first). After a reset the stack holds k copies of the first frame.
public final class PixelEnvironment: Environment {
    public let base: any Environment<[Float]>
    public let renderer: OffscreenRenderer
    public let camera: RenderCamera
    public let frameStack: Int
    public let observationSpec: ArraySpec
    private var frames: [RGBImage]
    private var newest = 0

    /// Wraps `base`, rendering `width`×`height` frames (64×64 by default, as InFOM uses).
    public init(_ base: any Environment<[Float]>, width: Int = 64, height: Int = 64, frameStack: Int = 1,
                camera: RenderCamera? = nil, options: RenderOptions = .standard) throws {
        precondition(frameStack >= 1, "frameStack must be at least 1")
        self.base = base
        self.camera = camera ?? base.defaultCamera
        self.frameStack = frameStack
        renderer = try OffscreenRenderer(model: base.simulation.model, width: width, height: height, options: options)
        frames = Array(repeating: RGBImage(width: width, height: height), count: frameStack)
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
        try renderer.render(simulation, camera: camera, into: &frames[0])
        for i in 1..<frameStack { frames[i] = frames[0] }
        newest = frameStack - 1
        return stacked()
    }

    public func step(_ action: [Float]) throws -> TimeStep<[UInt8]> {
        let step = try base.step(action)
        if step.stepType == .first {
            // The base environment began a new episode: restart the stack like reset does.
            try renderer.render(simulation, camera: camera, into: &frames[0])
            for i in 1..<frameStack { frames[i] = frames[0] }
            newest = frameStack - 1
        } else {
            newest = (newest + 1) % frameStack
            try renderer.render(simulation, camera: camera, into: &frames[newest])
        }
        return step.with(observation: stacked())
    }

    /// Frames oldest to newest, interleaved per pixel: H×W×(3k).
    private func stacked() -> [UInt8] {
        if frameStack == 1 { return frames[0].pixels }
        let pixelsPerFrame = frames[0].width * frames[0].height
        var out = [UInt8](repeating: 0, count: pixelsPerFrame * 3 * frameStack)
        out.withUnsafeMutableBufferPointer { dst in
            for slot in 0..<frameStack {
                let frame = frames[(newest + 1 + slot) % frameStack]
                frame.pixels.withUnsafeBufferPointer { src in
                    for p in 0..<pixelsPerFrame {
                        let d = (p * frameStack + slot) * 3, s = p * 3
                        dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2]
                    }
                }
            }
        }
        return out
    }
}
