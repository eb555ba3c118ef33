import Rendering

/// The last `count` frames of an episode, stacked along channels into one H×W×3k uint8 image
/// (oldest first, interleaved per pixel), as the pixel observations of OGBench's visual tasks
/// and InFOM's frame stacking lay them out. At an episode's start every slot holds its first
/// frame. Frames are rendered in place into the slot they replace.
public struct FrameStack {
    public let count: Int
    private var frames: [RGBImage]
    private var newest = 0

    public init(width: Int, height: Int, count: Int) {
        precondition(count >= 1, "FrameStack: count must be at least 1")
        self.count = count
        frames = Array(repeating: RGBImage(width: width, height: height), count: count)
    }

    /// Starts an episode: `render` draws its first frame, which fills every slot.
    public mutating func restart(_ render: (inout RGBImage) throws -> Void) rethrows {
        try render(&frames[0])
        for i in 1..<count { frames[i] = frames[0] }
        newest = count - 1
    }

    /// Adds the next frame, drawn by `render` over the oldest.
    public mutating func push(_ render: (inout RGBImage) throws -> Void) rethrows {
        newest = (newest + 1) % count
        try render(&frames[newest])
    }

    /// The stacked image, H×W×(3k).
    public func stacked() -> [UInt8] {
        if count == 1 { return frames[0].pixels }
        let pixelsPerFrame = frames[0].width * frames[0].height
        var out = [UInt8](repeating: 0, count: pixelsPerFrame * 3 * count)
        out.withUnsafeMutableBufferPointer { dst in
            for slot in 0..<count {
                frames[(newest + 1 + slot) % count].pixels.withUnsafeBufferPointer { src in
                    for p in 0..<pixelsPerFrame {
                        let d = (p * count + slot) * 3, s = p * 3
                        dst[d] = src[s]; dst[d + 1] = src[s + 1]; dst[d + 2] = src[s + 2]
                    }
                }
            }
        }
        return out
    }
}
