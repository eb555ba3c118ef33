import Suite

/// OGBench's scripted manipulation collectors (§7.1): `play` follows open-loop plans with
/// smoothed noise (``PlanOracle``), `noisy` follows the closed-loop ``MarkovOracle`` with
/// per-episode Gaussian noise and occasional uniform random actions. Episodes are 1001 rows of
/// the data-collection environment; whenever the oracle is done the environment draws the next
/// subtask (cube, button, drawer or window) and a fresh oracle takes over. Rows carry
/// `button_states` where the family has buttons; scene episodes whose cube leaves the table
/// are redone, as OGBench's generator does.
public final class ManipulationCollector: EpisodeCollector {
    public let environment: ManipulationEnvironment
    public let kind: SubtaskOracleKind
    public let recorded: RecordedEnvironment
    /// Rows per episode (OGBench's `max_episode_steps`).
    public let rows: Int
    /// The noisy collector's noise level: each episode draws ξ ~ U(0, noise) and adds
    /// N(0, (ξ, ξ, ξ, 3ξ, 10ξ)) to the oracle's actions.
    public let noise = 0.1
    /// Subtasks this collector's oracles finished, and how many of them ended solved (the
    /// environment's subtask success when the oracle reported done): a measure of data quality.
    public private(set) var finishedSubtasks = 0, solvedSubtasks = 0

    /// A collector of `kind` (plan for `play`, markov for `noisy`) on a data-collection
    /// environment (``EnvironmentRegistry/makeDataCollection(_:seed:)``), recording frames of
    /// `pixels` when set.
    public init(environment: ManipulationEnvironment, kind: SubtaskOracleKind, pixels: PixelEnvironment? = nil) {
        precondition(environment.mode == .dataCollection, "scripted collection needs a data-collection environment")
        self.environment = environment
        self.kind = kind
        recorded = RecordedEnvironment(environment, pixels: pixels)
        rows = environment.episodeLength
    }

    public func makeRecorder() -> EpisodeRecorder { recorded.makeRecorder(buttonCount: environment.family.buttonCount) }

    public func collect(_ seeds: EpisodeSeeds, into recorder: EpisodeRecorder) throws {
        var random = NumpyRandomState(seed: seeds.policy)
        var seed: UInt32? = seeds.environment
        while true {
            try collectEpisode(seed: seed, random: &random, into: recorder)
            let family = environment.family
            if !family.checksCubePath || family.acceptsCubePath(Self.cubePath(recorder)) { return }
            seed = nil
        }
    }

    /// One attempt at an episode.
    private func collectEpisode(seed: UInt32?, random: inout NumpyRandomState, into recorder: EpisodeRecorder) throws {
        let env = environment, family = env.family
        let randomActionProbability = kind == .markov ? family.noisyRandomActionProbability : 0
        let scales = [1.0, 1, 1, 3, 10]
        var stackProbability = 0.0, xi = 0.0
        var oracle: (any SubtaskOracle)?
        try recorded.rollout(rows: rows, seed: seed, into: recorder, buttons: { env.buttonStates }, action: { row, _ in
            if row == 0 {
                stackProbability = family.drawStackProbability(&random)
                if kind == .markov { xi = random.uniform(0, noise) }
                oracle = kind.make(for: env, random: &random)
            }
            if random.randomSample() < randomActionProbability {
                return (0..<5).map { _ in Float(random.uniform(-1, 1)) }
            }
            var action = oracle!.action(env)
            if kind == .markov {
                for d in 0..<5 { action[d] += Float(random.standardNormal() * xi * scales[d]) }
            }
            return action.map { min(max($0, -1), 1) }
        }, afterStep: {
            if oracle!.isDone {
                self.finishedSubtasks += 1
                if env.isSuccess { self.solvedSubtasks += 1 }
                try env.setNewTarget(stackProbability: stackProbability)
                oracle = kind.make(for: env, random: &random)
            }
        })
    }

    /// The first cube's position on every recorded row (qpos 14…16), for the health check.
    public static func cubePath(_ recorder: EpisodeRecorder) -> [SIMD3<Double>] {
        (0..<recorder.rows).map { row in
            let state = recorder.physicsRow(row)
            return SIMD3(state[14], state[15], state[16])
        }
    }
}
