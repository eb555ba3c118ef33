import Suite

/// Uniform random actions in [−1, 1] (float32 of numpy's `RandomState(policy seed).uniform`),
/// the way ExORL's `random` datasets were collected. Episodes are the environment's full length
/// unless `rows` says otherwise: the reset row plus one row per step; the last row's action is
/// drawn but not applied.
public final class RandomCollector: EpisodeCollector {
    public let recorded: RecordedEnvironment
    public var environment: any Environment<[Float]> { recorded.environment }
    /// Rows per episode.
    public let rows: Int

    /// Renders pixel observations instead of the state vector when `pixels` is set.
    public init(environment: any Environment<[Float]>, pixels: PixelEnvironment? = nil, rows: Int? = nil) {
        recorded = RecordedEnvironment(environment, pixels: pixels)
        self.rows = rows ?? environment.episodeLength + 1
    }

    public func makeRecorder() -> EpisodeRecorder { recorded.makeRecorder() }

    public func collect(_ seeds: EpisodeSeeds, into recorder: EpisodeRecorder) throws {
        var random = NumpyRandomState(seed: seeds.policy)
        var action = [Float](repeating: 0, count: environment.actionSpec.count)
        try recorded.rollout(rows: rows, seed: seeds.environment, into: recorder) { _, _ in
            for i in action.indices { action[i] = Float(random.uniform(-1, 1)) }
            return action
        }
    }
}
