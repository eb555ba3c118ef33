import Suite

/// Uniform random actions in [−1, 1] (float32 of numpy's `RandomState(policy seed).uniform`),
/// the way ExORL's `random` datasets were collected. Episodes are the environment's full length:
/// the reset row plus one row per step; the last row's action is drawn but not applied.
public final class RandomCollector: EpisodeCollector {
    public let environment: any Environment<[Float]>
    /// Renders pixel observations instead of the state vector when set.
    public let pixels: PixelEnvironment?

    public init(environment: any Environment<[Float]>, pixels: PixelEnvironment? = nil) {
        self.environment = environment
        self.pixels = pixels
    }

    public func makeRecorder() -> EpisodeRecorder {
        let model = environment.simulation.model
        if let pixels {
            return EpisodeRecorder(observationShape: pixels.observationSpec.shape, observationDType: .uint8,
                                   actionSize: environment.actionSpec.count, nq: model.nq, nv: model.nv)
        }
        return EpisodeRecorder(observationShape: environment.observationSpec.shape, observationDType: .float32,
                               actionSize: environment.actionSpec.count, nq: model.nq, nv: model.nv)
    }

    public func collect(_ seeds: EpisodeSeeds, into recorder: EpisodeRecorder) throws {
        if let pixels {
            try rollout(seeds, recorder, reset: { try pixels.reset(seed: $0) }, step: { try pixels.step($0).observation })
        } else {
            try rollout(seeds, recorder, reset: { try self.environment.reset(seed: $0) },
                        step: { try self.environment.step($0).observation })
        }
    }

    /// One episode: reset, then per step record (observation, action, physics) and apply the action.
    private func rollout<O: NPYElement>(_ seeds: EpisodeSeeds, _ recorder: EpisodeRecorder,
                                        reset: (UInt32) throws -> [O], step: ([Float]) throws -> [O]) throws {
        recorder.clear()
        var random = NumpyRandomState(seed: seeds.policy)
        var action = [Float](repeating: 0, count: environment.actionSpec.count)
        var observation = try reset(seeds.environment)
        for t in 0...environment.episodeLength {
            for i in action.indices { action[i] = Float(random.uniform(-1, 1)) }
            recorder.record(observation: observation, action: action, physicsState: environment.simulation.physicsState)
            if t < environment.episodeLength { observation = try step(action) }
        }
    }
}
