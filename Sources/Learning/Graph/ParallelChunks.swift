import Dispatch
import Foundation

/// Splits elementwise and row-wise kernels over the machine's cores when the work is large
/// enough to repay the hand-off (OpenBLAS already spreads the matrix products).
enum ParallelChunks {
    /// Cores to spread over: all that the process may use.
    static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Calls `body` on disjoint ranges covering 0..<count, concurrently when count ≥ 2·minimum
    /// and there is more than one core; each range is a whole multiple of `granule` (except the
    /// last), so row kernels can pass their row width and get whole rows.
    static func run(count: Int, minimum: Int = 32_768, granule: Int = 1, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(cores, count / Swift.max(minimum, 1))
        guard chunks > 1 else { return body(0..<count) }
        let units = (count + granule - 1) / granule, perChunk = (units + chunks - 1) / chunks
        withoutActuallyEscaping(body) { body in
            let kernel = Kernel(body: body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = Swift.min(count, chunk * perChunk * granule), end = Swift.min(count, (chunk + 1) * perChunk * granule)
                if start < end { kernel.body(start..<end) }
            }
        }
    }

    /// A kernel whose chunks write disjoint memory, so running them on several threads is safe.
    private struct Kernel: @unchecked Sendable {
        let body: (Range<Int>) -> Void
    }
}
