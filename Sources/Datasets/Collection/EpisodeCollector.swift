import Support

/// Produces whole episodes for a dataset. One instance per worker thread (each owns its
/// environment); an episode depends only on its seeds, so any worker, in any order, on any
/// machine, produces the same rows.
public protocol EpisodeCollector: AnyObject {
    /// The empty recorder this collector's episodes fill (observation shape, dtype, sizes).
    func makeRecorder() -> EpisodeRecorder
    /// Fills `recorder` (cleared first) with one episode from `seeds`.
    func collect(_ seeds: EpisodeSeeds, into recorder: EpisodeRecorder) throws
}

/// The seeds of one episode, derived from the collection's seed and the episode's global index
/// (SplitMix64), so that shards and resumed runs reproduce the same episodes.
public struct EpisodeSeeds: Sendable, Equatable {
    /// The collection's seed and the episode's global index they derive from.
    public let collectionSeed: UInt32, episode: Int
    /// Seeds the environment's reset.
    public let environment: UInt32
    /// Seeds the collector's own randomness (actions, noise).
    public let policy: UInt32

    public init(collectionSeed: UInt32, episode: Int) {
        func mix(_ value: UInt64) -> UInt32 {
            var generator = SplitMix64(state: value)
            return UInt32(truncatingIfNeeded: generator.next())
        }
        self.collectionSeed = collectionSeed
        self.episode = episode
        let base = UInt64(collectionSeed) << 32 | UInt64(UInt32(truncatingIfNeeded: episode))
        environment = mix(base &* 2)
        policy = mix(base &* 2 &+ 1)
    }
}
