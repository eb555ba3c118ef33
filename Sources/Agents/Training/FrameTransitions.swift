import Learning

/// The image transitions of a pixel dataset (spec infom.md §5.4): uint8 frames [rows, H, W, 3]
/// kept once, and for each transition the rows its stacked observation and next observation
/// read. Observation t stacks frames [t − k + 1 … t] and the next observation [t − k + 2 … t + 1],
/// oldest first along channels, with rows before the episode's first clamped to it (the
/// reference pre-stacks the whole dataset; stacking at sampling time gives the same arrays
/// without k copies of every frame).
struct FrameTransitions {
    let height: Int, width: Int, frameStack: Int
    /// Raw frames, row after row.
    private let frames: [UInt8]
    /// The dataset row of each transition and the first row of its episode.
    private let rows: [Int]
    private let episodeStarts: [Int]

    /// Frames of `height`×`width` pixels; `rows[i]` is transition i's row (its next observation
    /// is row + 1) and `episodeStarts[i]` that episode's first row.
    init(frames: [UInt8], height: Int, width: Int, frameStack: Int, rows: [Int], episodeStarts: [Int]) {
        precondition(frameStack >= 1 && rows.count == episodeStarts.count, "FrameTransitions: bad layout")
        self.frames = frames
        self.height = height
        self.width = width
        self.frameStack = frameStack
        self.rows = rows
        self.episodeStarts = episodeStarts
    }

    /// Values per stacked observation: H·W·3k.
    var observationSize: Int { height * width * 3 * frameStack }

    /// Writes transition `index`'s stacked observation and next observation into row `slot` of
    /// the batch buffers as floats 0…255, read through `crop`.
    func write(_ index: Int, slot: Int, crop: CropWindow,
               observations: UnsafeMutablePointer<Float>, nextObservations: UnsafeMutablePointer<Float>) {
        writeStack(endingAt: rows[index], start: episodeStarts[index], crop: crop, into: observations + slot * observationSize)
        writeStack(endingAt: rows[index] + 1, start: episodeStarts[index], crop: crop, into: nextObservations + slot * observationSize)
    }

    /// Writes transition `index`'s stacked observation alone (a goal) into row `slot` of `observations`.
    func writeObservation(_ index: Int, slot: Int, crop: CropWindow, into observations: UnsafeMutablePointer<Float>) {
        writeStack(endingAt: rows[index], start: episodeStarts[index], crop: crop, into: observations + slot * observationSize)
    }

    /// The k frames up to row `last`, oldest first, rows before the episode's `start` clamped to it.
    private func writeStack(endingAt last: Int, start: Int, crop: CropWindow, into image: UnsafeMutablePointer<Float>) {
        let k = frameStack
        frames.withUnsafeBufferPointer { source in
            for s in 0..<k {
                copyFrame(source, row: max(last - (k - 1) + s, start), slot: s, crop: crop, into: image)
            }
        }
    }

    /// Frame `row` into channel slot `slot` of one stacked H×W×3k image.
    private func copyFrame(_ source: UnsafeBufferPointer<UInt8>, row: Int, slot: Int, crop: CropWindow,
                           into image: UnsafeMutablePointer<Float>) {
        let frame = source.baseAddress! + row * height * width * 3, channels = 3 * frameStack
        crop.forEachPixel(height: height, width: width) { target, pixel in
            let from = frame + pixel * 3, to = image + target * channels + slot * 3
            to[0] = Float(from[0]); to[1] = Float(from[1]); to[2] = Float(from[2])
        }
    }
}
