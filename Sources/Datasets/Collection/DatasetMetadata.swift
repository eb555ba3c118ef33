import ArrayFiles
import Foundation
import Support

/// What a dataset file records about how it was made, stored as the `metadata.json` entry of
/// the `.npz` (numpy: `json.loads(np.load(f)['metadata.json'])`).
public struct DatasetMetadata: Codable, Equatable, Sendable {
    /// Environment ID the data were collected in.
    public var env: String
    /// Collector name (`random`, `play`, `noisy`, `rnd`).
    public var collector: String
    /// The collection's base seed; episode i uses seeds derived from (seed, i).
    public var seed: UInt32
    /// Global index of this file's first episode in the whole collection.
    public var firstEpisode: Int
    /// Episodes in this file.
    public var episodes: Int
    /// Rows per episode.
    public var rowsPerEpisode: Int
    /// `train` or `val`.
    public var split: String
    /// "I/N" when this file is one shard of a larger collection.
    public var shard: String?
    /// Pixel observations: "WxH camera"; nil for state observations.
    public var render: String?
    /// Task whose rewards were written by relabeling, if any.
    public var relabeledTask: String?
    /// What wrote the file (`infom 0.1.0`, or the converter of a foreign dataset).
    public var software: String

    public init(env: String, collector: String, seed: UInt32, firstEpisode: Int, episodes: Int, rowsPerEpisode: Int,
                split: String, shard: String? = nil, render: String? = nil, relabeledTask: String? = nil,
                software: String = "infom \(SoftwareVersion.string)") {
        self.env = env
        self.collector = collector
        self.seed = seed
        self.firstEpisode = firstEpisode
        self.episodes = episodes
        self.rowsPerEpisode = rowsPerEpisode
        self.split = split
        self.shard = shard
        self.render = render
        self.relabeledTask = relabeledTask
        self.software = software
    }

    /// Metadata for a file from another tool (OGBench's own files have none): environment,
    /// collector and software `unknown`, seed 0, and the file's episodes; what a command adds to
    /// it (a relabelled task) is then recorded.
    public init(unknownOriginOf file: DatasetFile) {
        self.init(env: "unknown", collector: "unknown", seed: 0, firstEpisode: 0, episodes: file.episodes,
                  rowsPerEpisode: file.rows / max(file.episodes, 1), split: "train", software: "unknown")
    }

    /// Pretty, key-sorted JSON bytes.
    public func encoded() throws -> [UInt8] { [UInt8](try prettyJSON()) }

    /// The metadata of an open archive, or nil if it has none (files from other tools).
    public static func read(from archive: NPZArchive) throws -> DatasetMetadata? {
        guard let bytes = try archive.file(DatasetKeys.metadataFile) else { return nil }
        do {
            return try JSONDecoder().decode(DatasetMetadata.self, from: Data(bytes))
        } catch {
            throw ArrayFileError.corrupt(path: archive.path, reason: "\(DatasetKeys.metadataFile) is not valid: \(error)")
        }
    }
}
