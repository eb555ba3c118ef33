import Dispatch
import Synchronization

/// What one evaluation episode gave.
public struct EpisodeOutcome: Codable, Sendable, Equatable {
    /// The evaluation task (1…5) of a manipulation episode; nil for tasks without variants.
    public var task: Int?
    /// `info["success"]` of the last step (0 where the env reports none).
    public var success: Double
    public var episodeReturn: Double
    public var length: Int
}

/// Means over a group of episodes: success, return and length (zero for no episodes).
public struct EpisodeMeans: Sendable {
    public var success: Double
    public var episodeReturn: Double
    public var length: Double

    public init(_ outcomes: [EpisodeOutcome]) {
        let n = Double(max(outcomes.count, 1))
        success = outcomes.map(\.success).reduce(0, +) / n
        episodeReturn = outcomes.map(\.episodeReturn).reduce(0, +) / n
        length = Double(outcomes.map(\.length).reduce(0, +)) / n
    }
}

/// Runs evaluation episodes in-process, spread over worker threads. Each worker builds its
/// environment once; every episode re-seeds it at reset (a fresh generator, as if the environment
/// were new) and gets a new policy, both from the run's seed and the episode index, so results do
/// not depend on the number of workers.
public enum PolicyEvaluation {
    /// Runs `episodes` episodes of `id` for each task in `tasks` (nil: the env's own task
    /// choice). `makePolicy` builds a policy for an episode's seed.
    public static func run(id: String, tasks: [Int?], episodes: Int, seed: UInt32, workers: Int = 2,
                           makePolicy: @escaping @Sendable (UInt32) -> any EvaluationPolicy,
                           progress: (@Sendable (Int) -> Void)? = nil) throws -> [EpisodeOutcome] {
        let jobs = tasks.flatMap { task in (0..<episodes).map { (task, $0) } }
        let results = Mutex<[Int: Result<EpisodeOutcome, Error>]>([:])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { _ in
            var environment: (any Environment<[Float]>)?
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < jobs.count else { return }
                let (task, episode) = jobs[index]
                let episodeSeed = Self.episodeSeed(run: seed, episode: episode, task: task)
                let outcome = Result {
                    let env = try environment ?? EnvironmentRegistry.make(id)
                    environment = env
                    return try runEpisode(env, task: task, seed: episodeSeed, policy: makePolicy(episodeSeed))
                }
                let done = results.withLock { results -> Int in
                    results[index] = outcome
                    return results.count
                }
                progress?(done)
            }
        }
        return try results.withLock { results in try (0..<jobs.count).map { try results[$0]!.get() } }
    }

    /// The reset and policy seed of one episode of a run (shared by `infom eval` and `infom render`).
    public static func episodeSeed(run seed: UInt32, episode: Int, task: Int? = nil) -> UInt32 {
        seed &* 1_000_003 &+ UInt32(episode) &* 7919 &+ UInt32(task ?? 0)
    }

    /// One episode of `environment` from a reset with `seed` (and, for manipulation, `task`) to
    /// its last step.
    static func runEpisode(_ environment: any Environment<[Float]>, task: Int?, seed: UInt32,
                           policy: any EvaluationPolicy) throws -> EpisodeOutcome {
        let rollout = PolicyRollout(environment: environment)
        try rollout.reset(seed: seed, task: task, policy: policy)
        while !rollout.isDone { try rollout.step() }
        return rollout.outcome
    }
}
