import ArrayFiles
import Foundation

/// Joining shards of one collection (or any files with the same arrays) into one file.
public enum DatasetMerge {
    /// The metadata of the joined file: the inputs must continue each other (episode ranges in
    /// order, same environment, collector, seed, layout and split); a joined file has no shard
    /// label. Inputs without metadata give none; a mix of both is refused (the joined file could
    /// not say what it holds).
    public static func mergedMetadata(_ inputs: [(path: String, metadata: DatasetMetadata?)]) throws -> DatasetMetadata? {
        let known = inputs.compactMap(\.metadata)
        guard var merged = known.first else { return nil }
        if let unlabelled = inputs.first(where: { $0.metadata == nil }) {
            throw ArrayFileError.invalid(path: unlabelled.path, reason:
                "has no metadata.json while \(inputs.first { $0.metadata != nil }!.path) has, so the joined file could not say what it holds; merge files of one collection")
        }
        for (previous, next) in zip(inputs, inputs.dropFirst()) {
            let a = previous.metadata!, b = next.metadata!
            guard a.env == b.env, a.collector == b.collector, a.seed == b.seed, a.rowsPerEpisode == b.rowsPerEpisode,
                  a.split == b.split, a.render == b.render, a.relabeledTask == b.relabeledTask else {
                throw ArrayFileError.invalid(path: next.path, reason:
                    "comes from another collection than \(previous.path) (\(b.env)/\(b.collector)/seed \(b.seed)/\(b.split) vs \(a.env)/\(a.collector)/seed \(a.seed)/\(a.split))")
            }
            guard b.firstEpisode == a.firstEpisode + a.episodes else {
                throw ArrayFileError.invalid(path: next.path, reason:
                    "starts at episode \(b.firstEpisode), but \(previous.path) ends before episode \(a.firstEpisode + a.episodes); list the shards in order, each once")
            }
            merged.episodes += b.episodes
        }
        if known.count > 1 { merged.shard = nil }
        return merged
    }

    /// Joins `inputs` into `output` and, when the inputs have `-val` files beside them, those into
    /// the output's `-val` file; a validation file beside some inputs and not others is an error
    /// (the joined validation set would be incomplete). Returns the paths written.
    @discardableResult
    public static func merge(_ inputs: [String], into output: String) throws -> [String] {
        precondition(!inputs.isEmpty, "merge needs at least one input")
        let validation = inputs.map(CollectionPlan.validationPath(for:))
        let present = validation.filter { FileManager.default.fileExists(atPath: $0) }
        guard present.isEmpty || present.count == validation.count else {
            let missing = validation.filter { !present.contains($0) }
            throw ArrayFileError.invalid(path: missing[0], reason:
                "does not exist while \(present[0]) does, so the joined validation set would be incomplete; collect every shard with the same --val-episodes (at least one per shard), or move the -val files away to merge without them")
        }
        var pairs = [(inputs, output)]
        if !present.isEmpty { pairs.append((validation, CollectionPlan.validationPath(for: output))) }
        var written: [String] = []
        for (sources, destination) in pairs {
            let files = try sources.map { try DatasetFile(path: $0) }
            let metadata = try mergedMetadata(files.map { ($0.path, $0.metadata) })
            try DatasetConcatenation.write(files, to: destination, metadata: metadata)
            written.append(destination)
        }
        return written
    }
}
