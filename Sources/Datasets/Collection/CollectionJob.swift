import ArrayFiles
import Foundation
import Support

/// Runs a ``CollectionPlan`` into `OUT.npz` (and `OUT-val.npz`) so that an interrupted run
/// resumes: each finished episode is written atomically into the folder `OUT.npz.parts/`
/// beside a copy of the plan, and carries the plan itself (so no other plan can adopt it);
/// running the same plan again collects only the missing episodes; when all exist they are
/// joined into the output (written under a temporary name, then renamed) and the parts folder
/// is removed, its plan last. The run holds an exclusive lock on the parts folder throughout, so
/// a second run into the same output is refused. Episodes run on `workers` threads, each with
/// its own collector.
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

    /// Points where a test can stop the process (`INFOM_TEST_KILL_AT=NAME` makes the process
    /// kill itself there with SIGKILL): the steps of the final clean-up.
    public enum KillPoint: String {
        case afterJoin = "collect-after-join"
        case afterEpisodesRemoved = "collect-after-episodes-removed"
        case afterPlanRemoved = "collect-after-plan-removed"
    }

    public let plan: CollectionPlan
    public let output: String
    public let workers: Int
    /// Whether an episode depends on the ones before it (the rnd explorer learns as it goes): a
    /// damaged part can then not be collected again alone.
    public let episodesDependOnEarlier: Bool
    private let makeCollector: @Sendable () throws -> any EpisodeCollector

    /// - Parameter makeCollector: called once per worker thread.
    public init(plan: CollectionPlan, output: String, workers: Int, episodesDependOnEarlier: Bool = false,
                makeCollector: @escaping @Sendable () throws -> any EpisodeCollector) {
        precondition(workers > 0, "workers must be positive")
        self.plan = plan
        self.output = output
        self.workers = workers
        self.episodesDependOnEarlier = episodesDependOnEarlier
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

    /// The plain entry of a part file that holds the plan it belongs to.
    static let partPlanFile = "plan.json"

    private var planPath: String { "\(partsFolder)/plan.json" }

    /// Collects the missing episodes and writes the output files. Returns the paths written.
    /// `notice` receives remarks for the user (a damaged part collected again).
    @discardableResult
    public func run(progress: @escaping @Sendable (Progress) -> Void = { _ in },
                    notice: (String) -> Void = { _ in }) throws -> [String] {
        let lock = try preparePartsFolder()
        let wanted = Array(plan.trainEpisodes) + Array(plan.validationEpisodes)
        let missing = try wanted.filter { try !hasFinishedPart($0, notice: notice) }
        try collect(missing, resumed: wanted.count - missing.count, total: wanted.count, progress: progress)

        var written: [String] = []
        for (episodes, split, path) in [(plan.trainEpisodes, "train", output),
                                        (plan.validationEpisodes, "val", CollectionPlan.validationPath(for: output))]
            where !episodes.isEmpty {
            let parts = try episodes.map { try DatasetFile(path: partPath($0)) }
            let metadata = DatasetMetadata(env: plan.env, collector: plan.collector, seed: plan.seed,
                                           firstEpisode: episodes.lowerBound, episodes: episodes.count, rowsPerEpisode: parts[0].rows,
                                           split: split, shard: plan.shardLabel, render: plan.render)
            try DatasetConcatenation.write(parts, to: path, metadata: metadata)
            written.append(path)
        }
        TestHook.stop(at: KillPoint.afterJoin.rawValue)
        try removePartsFolder(lock)
        return written
    }

    /// Whether `episode`'s part exists and belongs to this plan. A part that cannot be read is
    /// removed to be collected again (said through `notice`), unless episodes depend on earlier
    /// ones; a part of another plan is an error.
    private func hasFinishedPart(_ episode: Int, notice: (String) -> Void) throws -> Bool {
        let path = partPath(episode)
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let part: DatasetFile
        do {
            part = try DatasetFile(path: path)
        } catch let error as ArrayFileError {
            guard !episodesDependOnEarlier else {
                throw ArrayFileError.io(path: path, reason:
                    "is damaged (\(error)), and this collector's episodes depend on the earlier ones, so it cannot be collected again alone; delete \(partsFolder) to start over")
            }
            try FileManager.default.removeItem(atPath: path)
            notice("\(path) was damaged (\(error)); collecting episode \(episode) again")
            return false
        }
        let owner = try part.archive.file(Self.partPlanFile).flatMap { try? JSONDecoder().decode(CollectionPlan.self, from: Data($0)) }
        guard owner == plan else {
            throw ArrayFileError.io(path: path, reason:
                "belongs to another collection (\(owner.map(Self.summary) ?? "no plan recorded")), not to this one (\(Self.summary(plan))); delete \(partsFolder) to start over, or re-run with that collection's flags")
        }
        return true
    }

    /// A plan in a few words, for messages.
    static func summary(_ plan: CollectionPlan) -> String {
        "\(plan.env), \(plan.collector), seed \(plan.seed), \(plan.episodes)+\(plan.valEpisodes) episodes"
            + (plan.shardLabel.map { ", shard \($0)" } ?? "")
    }

    /// Creates the parts folder with the plan, or checks that an existing one belongs to the
    /// same plan; takes the folder's lock; removes temporary files that interrupted runs left
    /// in the folder (those beside the outputs go when the outputs are written, ``NPZWriter``).
    private func preparePartsFolder() throws -> FileLock {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: partsFolder, withIntermediateDirectories: true)
        } catch {
            throw ArrayFileError.io(path: partsFolder, reason: "cannot create the folder for finished episodes: \(error.localizedDescription)")
        }
        let lock = try FileLock(path: "\(partsFolder)/lock", owner: "infom collect, \(Self.summary(plan))", what: "collection")
        if manager.fileExists(atPath: planPath) {
            let existing = manager.contents(atPath: planPath).flatMap { try? JSONDecoder().decode(CollectionPlan.self, from: $0) }
            guard existing == plan else {
                throw ArrayFileError.io(path: partsFolder, reason:
                    "holds an interrupted collection with other settings (\(existing.map(Self.summary) ?? "unreadable plan"); "
                    + "this run: \(Self.summary(plan))). Re-run with its settings to finish it, or delete the folder to start over")
            }
        } else {
            try plan.prettyJSON().writeAtomically(to: planPath)
        }
        for name in try manager.contentsOfDirectory(atPath: partsFolder) where name.contains(".partial-") {
            try manager.removeItem(atPath: "\(partsFolder)/\(name)")
        }
        return lock
    }

    /// Removes the parts folder in an order that an interruption at any point leaves resumable:
    /// episodes and explorer states first, then the plan, then the lock file and the folder.
    private func removePartsFolder(_ lock: FileLock) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: partsFolder) where name != "plan.json" && name != "lock" {
            try manager.removeItem(atPath: "\(partsFolder)/\(name)")
        }
        TestHook.stop(at: KillPoint.afterEpisodesRemoved.rawValue)
        try manager.removeItem(atPath: planPath)
        TestHook.stop(at: KillPoint.afterPlanRemoved.rawValue)
        lock.removeFile()
        // A run that started while this one was finishing may already have taken the folder
        // again (a lock file of its own): then the folder is its, and stays.
        if rmdir(partsFolder) != 0 && errno != ENOTEMPTY {
            throw ArrayFileError.io(path: partsFolder, reason: "cannot remove the finished parts folder: \(String(cString: strerror(errno)))")
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
        let planBytes = [UInt8](try plan.prettyJSON())
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
                    try recorder.write(to: partPath(episode), files: [(Self.partPlanFile, planBytes)])
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
