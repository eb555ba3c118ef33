import ArrayFiles
import Foundation
import Suite

/// ExORL-style exploration datasets (`rnd`): one ``EpisodeExplorer`` explores the environment
/// episode after episode, learning as it goes, and its episodes (reset row plus one row per
/// step, 1001 rows on locomotion) are the dataset. Episodes depend on all earlier ones, so a
/// collection runs them in order on one worker (the explorer's networks use all cores); each
/// shard runs its own explorer, seeded by its first episode.
///
/// After each episode the explorer's state is saved in the collection's parts folder
/// (`rnd-state-<episode>/`, the last two kept); a resumed collection restores the latest one
/// and rebuilds the replay from the finished episodes, so it continues exactly where it stopped.
public final class ExplorationCollector: EpisodeCollector {
    public let environment: any Environment<[Float]>
    /// The parts folder of the collection (``CollectionJob/partsFolder``).
    public let partsFolder: String
    public private(set) var explorer: (any EpisodeExplorer)?
    /// Makes a fresh explorer for (observation size, action size, seed).
    private let makeExplorer: (Int, Int, UInt64) -> any EpisodeExplorer
    private let recorded: RecordedEnvironment
    private var firstEpisode = 0, lastEpisode = -1

    /// - Parameter makeExplorer: a fresh explorer for (observation size, action size, seed);
    ///   each shard's explorer is seeded by its first episode's policy seed.
    public init(environment: any Environment<[Float]>, partsFolder: String,
                makeExplorer: @escaping (Int, Int, UInt64) -> any EpisodeExplorer) {
        self.environment = environment
        self.makeExplorer = makeExplorer
        self.partsFolder = partsFolder
        recorded = RecordedEnvironment(environment)
    }

    public func makeRecorder() -> EpisodeRecorder { recorded.makeRecorder() }

    public func collect(_ seeds: EpisodeSeeds, into recorder: EpisodeRecorder) throws {
        let explorer = try explorer(for: seeds)
        let rows = environment.episodeLength + 1
        try recorded.rollout(rows: rows, seed: seeds.environment, into: recorder, action: { row, state in
            explorer.action(for: state!, countsStep: row < rows - 1)
        })
        explorer.remember(observations: recorder.stateObservations, actions: recorder.recordedActions, rows: rows)
        lastEpisode = seeds.episode
        try explorer.save(to: statePath(seeds.episode), metadata: ["first_episode": "\(firstEpisode)"])
        for old in stateEpisodes() where old < seeds.episode - 1 || (old > seeds.episode) {
            try? FileManager.default.removeItem(atPath: statePath(old))
        }
    }

    private func statePath(_ episode: Int) -> String { "\(partsFolder)/rnd-state-\(String(format: "%07d", episode))" }

    /// Episodes with a saved explorer state, ascending.
    private func stateEpisodes() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: partsFolder)) ?? []
        return names.compactMap { name in
            guard name.hasPrefix("rnd-state-"), !name.contains(".partial-") else { return nil }
            return Int(name.dropFirst("rnd-state-".count))
        }.sorted()
    }

    /// The explorer that continues into `seeds.episode`: the one in memory when it just finished
    /// the previous episode of this run, the saved state of the latest earlier episode (with the
    /// replay rebuilt from the finished episodes since the shard's first), or a fresh one.
    private func explorer(for seeds: EpisodeSeeds) throws -> any EpisodeExplorer {
        if let explorer, lastEpisode >= 0, lastEpisode < seeds.episode { return explorer }
        let spec = environment.observationSpec
        guard spec.shape.count == 1 else {
            throw ArrayFileError.io(path: partsFolder, reason: "an exploring collector explores state observations; \(environment.id) has \(spec.shape)")
        }
        let fresh = makeExplorer(spec.shape[0], environment.actionSpec.count, UInt64(seeds.policy))
        firstEpisode = seeds.episode
        if let saved = stateEpisodes().last(where: { $0 < seeds.episode }) {
            let metadata = try fresh.load(from: statePath(saved))
            firstEpisode = metadata["first_episode"].flatMap(Int.init) ?? saved
            for episode in firstEpisode...saved {
                let path = CollectionJob.partPath(episode, in: partsFolder)
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let archive = try NPZArchive(path: path)
                let rows = try archive.header(DatasetKeys.terminals).shape[0]
                fresh.remember(observations: try archive.array(DatasetKeys.observations, as: Float.self),
                               actions: try archive.array(DatasetKeys.actions, as: Float.self), rows: rows)
            }
            lastEpisode = saved
        }
        explorer = fresh
        return fresh
    }
}
