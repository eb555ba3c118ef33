import Foundation

/// Runs a ``CollectionPlan`` into `OUT.npz` (and `OUT-val.npz`) so that an interrupted run
/// resumes: each finished episode is written atomically into the folder `OUT.npz.parts/`
/// beside a copy of the plan; running the same plan again collects only the missing episodes;
/// when all exist they are joined into the output (written under a temporary name, then
/// renamed) and the parts folder is removed. Episodes run on `workers` threads, each with its
/// own collector.
public final class CollectionJob: @unchecked Sendable {
    /// Progress after each finished episode.
    public struct Progress: Sendable {
        public let done: Int, total: Int
        /// Episodes found already collected when the run started.
        public let resumed: Int
        /// Environment rows collected in this run, and the seconds it has taken.
        public let rows: Int
        public let seconds: Double
    }

    public let plan: CollectionPlan
    public let output: String
    public let workers: Int
    private let makeCollector: @Sendable () throws -> any EpisodeCollector

    /// - Parameter makeCollector: called once per worker thread.
    public init(plan: CollectionPlan, output: String, workers: Int,
                makeCollector: @escaping @Sendable () throws -> any EpisodeCollector) {
        precondition(workers > 0, "workers must be positive")
        self.plan = plan
        self.output = output
        self.workers = workers
        self.makeCollector = makeCollector
    }

    /// The folder that holds finished episodes until the output is complete.
    public var partsFolder: String { Self.partsFolder(for: output) }

    func partPath(_ episode: Int) -> String { Self.partPath(episode, in: partsFolder) }

    /// Where a finished episode waits in a parts folder.
    public static func partPath(_ episode: Int, in folder: String) -> String {
        "\(folder)/episode-\(String(format: "%07d", episode)).npz"
    }

    /// The parts folder of an output file (`OUT.npz.parts`).
    public static func partsFolder(for output: String) -> String { output + ".parts" }

    /// Collects the missing episodes and writes the output files. Returns the paths written.
    @discardableResult
    public func run(progress: @escaping @Sendable (Progress) -> Void = { _ in }) throws -> [String] {
        try preparePartsFolder()
        let wanted = Array(plan.trainEpisodes) + Array(plan.validationEpisodes)
        let missing = wanted.filter { !FileManager.default.fileExists(atPath: partPath($0)) }
        try collect(missing, resumed: wanted.count - missing.count, total: wanted.count, progress: progress)

        var written: [String] = []
        for (episodes, split, path) in [(plan.trainEpisodes, "train", output),
                                        (plan.validationEpisodes, "val", CollectionPlan.validationPath(for: output))]
            where !episodes.isEmpty {
            let parts = try episodes.map { try NPZArchive(path: partPath($0)) }
            let rows = try parts[0].header(DatasetKeys.terminals).shape[0]
            let metadata = DatasetMetadata(env: plan.env, collector: plan.collector, seed: plan.seed,
                                           firstEpisode: episodes.lowerBound, episodes: episodes.count, rowsPerEpisode: rows,
                                           split: split, shard: plan.shardLabel, render: plan.render)
            try DatasetConcatenation.write(parts, to: path, metadata: metadata)
            written.append(path)
        }
        try FileManager.default.removeItem(atPath: partsFolder)
        return written
    }

    /// Creates the parts folder with the plan, or checks that an existing one belongs to the
    /// same plan; removes temporary files an interrupted run left behind.
    private func preparePartsFolder() throws {
        let planPath = "\(partsFolder)/plan.json"
        let manager = FileManager.default
        if manager.fileExists(atPath: planPath) {
            let existing = manager.contents(atPath: planPath).flatMap { try? JSONDecoder().decode(CollectionPlan.self, from: $0) }
            guard existing == plan else {
                throw DatasetError.io(path: partsFolder, reason:
                    "holds an interrupted collection with other settings (\(existing.map { "\($0.env), \($0.collector), seed \($0.seed), \($0.episodes)+\($0.valEpisodes) episodes" } ?? "unreadable plan")). "
                    + "Re-run with the same flags to finish it, or delete the folder to start over")
            }
            for name in try manager.contentsOfDirectory(atPath: partsFolder) where name.contains(".partial-") {
                try manager.removeItem(atPath: "\(partsFolder)/\(name)")
            }
        } else {
            do {
                try manager.createDirectory(atPath: partsFolder, withIntermediateDirectories: true)
            } catch {
                throw DatasetError.io(path: partsFolder, reason: "cannot create the folder for finished episodes: \(error.localizedDescription)")
            }
            try plan.prettyJSON().writeAtomically(to: planPath)
        }
    }

    /// The work queue and tallies the worker threads share, behind one lock.
    private final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var next = 0, done: Int, rows = 0
        var failure: Error?
        init(done: Int) { self.done = done }
    }

    /// Runs `episodes` on the worker threads; the first error stops every worker and is rethrown.
    private func collect(_ episodes: [Int], resumed: Int, total: Int, progress: @escaping @Sendable (Progress) -> Void) throws {
        guard !episodes.isEmpty else { return }
        let tally = Tally(done: resumed)
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: min(workers, episodes.count)) { _ in
            do {
                let collector = try makeCollector()
                let recorder = collector.makeRecorder()
                while true {
                    tally.lock.lock()
                    let index = tally.failure == nil && tally.next < episodes.count ? episodes[tally.next] : nil
                    tally.next += 1
                    tally.lock.unlock()
                    guard let episode = index else { return }
                    try collector.collect(EpisodeSeeds(collectionSeed: plan.seed, episode: episode), into: recorder)
                    try recorder.write(to: partPath(episode))
                    tally.lock.lock()
                    tally.done += 1
                    tally.rows += recorder.rows
                    let report = Progress(done: tally.done, total: total, resumed: resumed, rows: tally.rows,
                                          seconds: Date().timeIntervalSince(start))
                    tally.lock.unlock()
                    progress(report)
                }
            } catch {
                tally.lock.lock()
                if tally.failure == nil { tally.failure = error }
                tally.lock.unlock()
            }
        }
        if let failure = tally.failure { throw failure }
    }
}
