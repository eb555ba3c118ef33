import Support

/// N copies of an environment stepped in parallel on all cores behind one batched API.
///
/// Copy `i` is seeded with `seed + i`. Each copy follows dm_control's episode semantics: after
/// its last step, its next step starts a new episode (a `.first` time step).
public final class VectorEnvironment {
    public let environments: [any Environment<[Float]>]
    private let workers: WorkerPool

    /// Makes `count` copies of the registered environment `id`.
    public init(id: String, count: Int, seed: UInt32 = 1) throws {
        precondition(count >= 1, "a vector environment needs at least one copy")
        environments = try (0..<count).map { try EnvironmentRegistry.make(id, seed: seed &+ UInt32($0)) }
        workers = WorkerPool(threads: min(count, WorkerPool.defaultThreadCount))
    }

    /// Number of copies.
    public var count: Int { environments.count }

    /// Resets every copy; returns their first observations.
    public func reset() throws -> [[Float]] {
        try parallel { env, _ in try env.reset() }
    }

    /// Steps copy `i` with `actions[i]`, all copies in parallel.
    public func step(_ actions: [[Float]]) throws -> [TimeStep<[Float]>] {
        precondition(actions.count == count, "expected \(count) actions, one per copy, got \(actions.count)")
        return try parallel { env, i in try env.step(actions[i]) }
    }

    /// Runs `body` on every copy concurrently (each copy on one thread at a time) and returns the
    /// results in copy order, or throws the first copy's error.
    private func parallel<R>(_ body: (any Environment<[Float]>, Int) throws -> R) throws -> [R] {
        let results = UnsafeResults<R>(count: count)
        workers.run(count: count) { i in
            results.set(i, Result { try body(environments[i], i) })
        }
        return try results.values.map { try $0!.get() }
    }
}

/// Per-index result slots written by concurrent workers, one slot each (raw memory, so that
/// concurrent writes to distinct slots involve no shared Swift access).
private final class UnsafeResults<R>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Result<R, Error>?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func set(_ index: Int, _ value: Result<R, Error>) { slots[index] = value }
    var values: [Result<R, Error>?] { Array(UnsafeBufferPointer(start: slots, count: count)) }
}
