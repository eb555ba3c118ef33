import Learning

/// One window of the random-crop augmentation (spec infom.md §5.4): an H×W image edge-padded by
/// `pad` pixels and read from offset (dy, dx), each in 0…2·pad. The window at (pad, pad) reads the
/// image as it is. Both the batch crops (``randomCrops(of:into:imageShape:pad:random:)``) and the
/// frame reader (``FrameTransitions``) index images through it.
struct CropWindow {
    let dy: Int, dx: Int, pad: Int

    init(dy: Int, dx: Int, pad: Int) {
        (self.dy, self.dx, self.pad) = (dy, dx, pad)
    }

    /// The window that reads the image unchanged.
    init(identityWithPad pad: Int) {
        (dy, dx, self.pad) = (pad, pad, pad)
    }

    /// A window drawn uniformly: dy, then dx, one `random.next()` each.
    init(pad: Int, random: inout SeededRandom) {
        let choices = UInt64(2 * pad + 1)
        dy = Int(random.next() % choices)
        dx = Int(random.next() % choices)
        self.pad = pad
    }

    /// Calls `body(target, source)` for every pixel of a `height`×`width` output, row by row:
    /// `target` is its index y·W + x and `source` the index of the edge-clamped pixel it reads.
    @inline(__always)
    func forEachPixel(height: Int, width: Int, _ body: (_ target: Int, _ source: Int) -> Void) {
        for y in 0..<height {
            let sy = min(max(y + dy - pad, 0), height - 1)
            for x in 0..<width {
                body(y * width + x, sy * width + min(max(x + dx - pad, 0), width - 1))
            }
        }
    }
}
