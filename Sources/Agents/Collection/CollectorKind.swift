import Datasets
import Rendering
import Suite

/// Every dataset collector by name (`infom collect --collector`), and how to make one per
/// worker thread: the collectors of ``Datasets``, the exploring one driven by this module's
/// ``RNDExplorer``.
public enum CollectorKind: String, CaseIterable, Sendable {
    /// Uniform random actions, any environment.
    case random
    /// OGBench's plan oracles with smoothed noise (manipulation).
    case play
    /// OGBench's Markov oracles with Gaussian noise and random actions (manipulation).
    case noisy
    /// URLB's DDPG + RND explorer, learning as it collects (locomotion, states).
    case rnd

    /// Whether an episode depends on the ones before it (the explorer learns as it goes), so
    /// that episodes run in order on one worker and a lost one cannot be collected again alone.
    public var episodesDependOnEarlier: Bool { self == .rnd }

    /// A factory of per-worker collectors on `env`, recording `pixels`×`pixels` frames rendered
    /// with `options` when set; `rnd` sizes the explorer and `partsFolder` keeps its state. A
    /// collector that cannot run on `env` is an error naming the ones that can.
    public func factory(env: String, pixels: Int?, options: RenderOptions, rnd: RNDSettings = RNDSettings(),
                        partsFolder: String = "") throws -> @Sendable () throws -> any EpisodeCollector {
        switch self {
        case .random:
            // Manipulation ids collect in OGBench's data-collection mode: 1001-row episodes that
            // never end early.
            let manipulation = try EnvironmentRegistry.entry(env).manipulationFamily != nil
            return {
                let environment: any Environment<[Float]> = manipulation
                    ? try EnvironmentRegistry.makeDataCollection(env) : try EnvironmentRegistry.make(env)
                let pixelEnvironment = try pixels.map { try PixelEnvironment(environment, width: $0, height: $0, options: options) }
                return RandomCollector(environment: environment, pixels: pixelEnvironment,
                                       rows: manipulation ? environment.episodeLength : nil)
            }
        case .play, .noisy:
            let kind: SubtaskOracleKind = self == .play ? .plan : .markov
            _ = try EnvironmentRegistry.dataCollectionFamily(env)
            return {
                let environment = try EnvironmentRegistry.makeDataCollection(env)
                let pixelEnvironment = try pixels.map { try PixelEnvironment(environment, width: $0, height: $0, options: options) }
                return ManipulationCollector(environment: environment, kind: kind, pixels: pixelEnvironment)
            }
        case .rnd:
            guard pixels == nil else {
                throw EnvironmentError.unsupported(env: env, reason:
                    "the rnd collector explores and records state observations (as ExORL); drop --pixels, or use --collector random for frames")
            }
            guard try EnvironmentRegistry.entry(env).manipulationFamily == nil else {
                throw EnvironmentError.unsupported(env: env, reason:
                    "the rnd collector explores the locomotion tasks (as ExORL); use --collector play, noisy or random")
            }
            return { RNDExplorer.collector(environment: try EnvironmentRegistry.make(env), settings: rnd, partsFolder: partsFolder) }
        }
    }
}
