import COpenBLAS
import Dispatch

/// Splits per-image work (im2col, col2im, pooling) of large batches over as many threads as
/// OpenBLAS uses for the products around it (`OPENBLAS_NUM_THREADS`, by default the cores), so
/// that one setting sizes both; images are independent, so each part writes its own images and
/// the result does not depend on the split. Small batches run on the calling thread.
enum ParallelImages {
    /// Threads to use: OpenBLAS's, read once.
    static let cores = Swift.max(1, Int(openblas_get_num_threads()))
    /// Below this many elements of work in all, one thread is faster than a hand-off.
    static let minimumWork = 1 << 16

    /// Calls `body` on disjoint ranges of `0..<count` covering it, concurrently when the work
    /// (`elementsPerImage` per image) is large enough.
    static func forEach(_ count: Int, elementsPerImage: Int, _ body: (Range<Int>) -> Void) {
        let parts = Swift.min(cores, count)
        guard parts > 1, count * elementsPerImage >= minimumWork else { return body(0..<count) }
        withoutActuallyEscaping(body) { body in
            // the parts write disjoint images, and concurrentPerform returns when all are done
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                work((count * part / parts)..<(count * (part + 1) / parts))
            }
        }
    }
}
