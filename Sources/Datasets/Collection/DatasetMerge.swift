import Foundation

/// Joining shards of one collection (or any files with the same arrays) into one file.
public enum DatasetMerge {
    /// The metadata of the joined file: the inputs must continue each other (episode ranges in
    /// order, same environment, collector, seed, layout and split); a joined file has no shard
    /// label. Inputs without metadata give none.
    public static func mergedMetadata(_ inputs: [(path: String, metadata: DatasetMetadata?)]) throws -> DatasetMetadata? {
        let known = inputs.compactMap(\.metadata)
        guard known.count == inputs.count, var merged = known.first else {
            return nil
        }
        for (previous, next) in zip(inputs, inputs.dropFirst()) {
            let a = previous.metadata!, b = next.metadata!
            guard a.env == b.env, a.collector == b.collector, a.seed == b.seed, a.rowsPerEpisode == b.rowsPerEpisode,
                  a.split == b.split, a.render == b.render, a.relabeledTask == b.relabeledTask else {
                throw DatasetError.corrupt(path: next.path, reason:
                    "comes from another collection than \(previous.path) (\(b.env)/\(b.collector)/seed \(b.seed)/\(b.split) vs \(a.env)/\(a.collector)/seed \(a.seed)/\(a.split))")
            }
            guard b.firstEpisode == a.firstEpisode + a.episodes else {
                throw DatasetError.corrupt(path: next.path, reason:
                    "starts at episode \(b.firstEpisode), but \(previous.path) ends before episode \(a.firstEpisode + a.episodes); list the shards in order, each once")
            }
            merged.episodes += b.episodes
        }
        if known.count > 1 { merged.shard = nil }
        return merged
    }

    /// Joins `inputs` into `output`; when every input has a `-val` file beside it, joins those
    /// into the output's `-val` file too. Returns the paths written.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String) throws -> [String] {
        precondition(!inputs.isEmpty, "merge needs at least one input")
        var written: [String] = []
        let validation = inputs.map(CollectionPlan.validationPath(for:))
        var pairs = [(inputs, output)]
        if validation.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
            pairs.append((validation, CollectionPlan.validationPath(for: output)))
        }
        for (sources, destination) in pairs {
            let archives = try sources.map { try NPZArchive(path: $0) }
            let metadata = try mergedMetadata(try archives.map { ($0.path, try DatasetMetadata.read(from: $0)) })
            try DatasetConcatenation.write(archives, to: destination, metadata: metadata)
            written.append(destination)
        }
        return written
    }
}
