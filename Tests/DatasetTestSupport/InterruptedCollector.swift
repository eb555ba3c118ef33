import ArrayFiles
import Datasets

/// Wraps a collector and fails after `episodes` episodes, as a killed collection stops.
public final class InterruptedCollector: EpisodeCollector {
    public let inner: any EpisodeCollector
    private var remaining: Int

    public init(_ inner: any EpisodeCollector, after episodes: Int) {
        self.inner = inner
        remaining = episodes
    }

    public func makeRecorder() -> EpisodeRecorder { inner.makeRecorder() }

    public func collect(_ seeds: EpisodeSeeds, into recorder: EpisodeRecorder) throws {
        guard remaining > 0 else { throw ArrayFileError.io(path: "collector", reason: "interrupted") }
        remaining -= 1
        try inner.collect(seeds, into: recorder)
    }
}
