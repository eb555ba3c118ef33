import Datasets
import Suite

/// The RND explorer drives ``ExplorationCollector`` (ExORL's `rnd` datasets): it learns from each
/// episode through its replay.
extension RNDExplorer: EpisodeExplorer {
    public func remember(observations: [Float], actions: [Float], rows: Int) {
        replay.append(observations: observations, actions: actions, rows: rows)
    }

    /// A collector of ExORL's `rnd` data on `environment` with explorers of `settings`, keeping
    /// their states in `partsFolder`.
    public static func collector(environment: any Environment<[Float]>, settings: RNDSettings,
                                 partsFolder: String) -> ExplorationCollector {
        ExplorationCollector(environment: environment, partsFolder: partsFolder) { observationSize, actionSize, seed in
            RNDExplorer(observationSize: observationSize, actionSize: actionSize, settings: settings, seed: seed)
        }
    }
}
