import COpenBLAS
import Dispatch

/// Splits independent per-item work (convolutions and pooling per image; Adam and Polyak per
/// element) over as many threads as OpenBLAS uses for the products around it
/// (`OPENBLAS_NUM_THREADS`, by default the cores), so that one setting sizes both. Each part
/// writes its own items, so the result does not depend on the split. Small work runs on the
/// calling thread.
enum ParallelParts {
    /// Threads to use: OpenBLAS's, read once.
    static let cores = Swift.max(1, Int(openblas_get_num_threads()))
    /// Below this many elements of work in all, one thread is faster than a hand-off.
    static let minimumWork = 1 << 16

    /// Calls `body` on disjoint ranges of `0..<count` covering it, concurrently when the work
    /// (`costPerItem` elements per item) is large enough.
    static func forEach(_ count: Int, costPerItem: Int, _ body: (Range<Int>) -> Void) {
        forEachPart(count, costPerItem: costPerItem) { _, range in body(range) }
    }

    /// ``forEach(_:costPerItem:_:)`` that also hands each call its part's index, below
    /// ``cores``, so that a part can use scratch memory of its own.
    static func forEachPart(_ count: Int, costPerItem: Int, _ body: (_ part: Int, Range<Int>) -> Void) {
        let parts = Swift.min(cores, count)
        guard parts > 1, count * costPerItem >= minimumWork else { return body(0, 0..<count) }
        withoutActuallyEscaping(body) { body in
            // the parts write disjoint items, and concurrentPerform returns when all are done
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                work(part, (count * part / parts)..<(count * (part + 1) / parts))
            }
        }
    }
}
