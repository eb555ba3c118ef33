import Dispatch
import Foundation
import Synchronization

/// Persistent threads that run batches of indexed jobs together with the calling thread.
///
/// Environment steps take tens of microseconds, about what waking a sleeping thread costs on a
/// small VM, so idle workers spin for a short while before they sleep. Used by
/// ``VectorEnvironment`` and the collectors to use every core.
public final class WorkerPool: @unchecked Sendable {
    /// Number of threads working on a batch, the caller included.
    public let threadCount: Int
    private let state: State

    /// Shared between the pool and its threads (which must not keep the pool alive).
    private final class State: @unchecked Sendable {
        let generation = Atomic<Int>(0)
        let nextIndex = Atomic<Int>(0)
        let remaining = Atomic<Int>(0)
        let sleepers = Atomic<Int>(0)
        let stopping = Atomic<Bool>(false)
        let wake = DispatchSemaphore(value: 0)
        var count = 0
        var job: ((Int) -> Void)?

        /// Runs jobs of the current batch until none are left.
        func drain() {
            while true {
                let index = nextIndex.add(1, ordering: .acquiringAndReleasing).oldValue
                if index >= count { return }
                job?(index)
                remaining.subtract(1, ordering: .releasing)
            }
        }
    }

    /// One thread per active core.
    public static var defaultThreadCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// A pool using `threads` threads (default: one per active core).
    public init(threads: Int = WorkerPool.defaultThreadCount) {
        threadCount = max(1, threads)
        state = State()
        for _ in 1..<threadCount {
            let state = self.state
            let thread = Thread { WorkerPool.workerLoop(state) }
            thread.start()
        }
    }

    deinit {
        state.stopping.store(true, ordering: .releasing)
        state.generation.add(1, ordering: .releasing)
        for _ in 1..<threadCount { state.wake.signal() }
    }

    private static func workerLoop(_ state: State) {
        var seen = 0
        while true {
            var spins = 0
            while state.generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins > 200_000 {
                    state.sleepers.add(1, ordering: .acquiringAndReleasing)
                    if state.generation.load(ordering: .acquiring) == seen { state.wake.wait() }
                    state.sleepers.subtract(1, ordering: .acquiringAndReleasing)
                    spins = 0
                }
            }
            seen = state.generation.load(ordering: .acquiring)
            if state.stopping.load(ordering: .acquiring) { return }
            state.drain()
        }
    }

    /// Calls `body(i)` for every `i` in `0..<count`, spread over the pool's threads and the
    /// caller, and returns when all calls have finished. Calls for distinct indices may run
    /// concurrently; `body` must only touch what belongs to its index.
    public func run(count: Int, _ body: (Int) -> Void) {
        guard count > 0 else { return }
        if threadCount == 1 || count == 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            state.job = body
            state.count = count
            state.remaining.store(count, ordering: .releasing)
            state.nextIndex.store(0, ordering: .releasing)
            state.generation.add(1, ordering: .releasing)
            let sleeping = state.sleepers.load(ordering: .acquiring)
            for _ in 0..<sleeping { state.wake.signal() }
            state.drain()
            while state.remaining.load(ordering: .acquiring) > 0 {}
            state.job = nil
        }
    }
}
