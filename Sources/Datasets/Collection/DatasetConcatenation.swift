import ArrayFiles
import Foundation

/// Joins dataset files row-wise into one, streaming each array (memory stays at one chunk):
/// the last step of a collection (its episode parts) and `infom dataset merge` (shards).
public enum DatasetConcatenation {
    /// Writes every array of `sources` (checked files, which must have the same arrays, dtypes and
    /// per-row shapes) concatenated along the first axis in the given order, plus `metadata`.
    public static func write(_ sources: [DatasetFile], to path: String, metadata: DatasetMetadata?) throws {
        guard let first = sources.first else { throw ArrayFileError.io(path: path, reason: "nothing to join") }
        for source in sources.dropFirst() where Set(source.archive.names) != Set(first.archive.names) {
            throw ArrayFileError.invalid(path: source.path, reason:
                "has arrays \(source.archive.names.sorted()) but \(first.path) has \(first.archive.names.sorted()); only files with the same arrays can be joined")
        }
        let writer = try NPZWriter(path: path)
        for name in first.archive.names {
            let head = try first.archive.header(name)
            let rowShape = Array(head.shape.dropFirst())
            for source in sources {
                let header = try source.archive.header(name)
                guard header.dtype == head.dtype, Array(header.shape.dropFirst()) == rowShape else {
                    throw ArrayFileError.invalid(path: source.path, reason:
                        "array '\(name)' is \(header.dtype.rawValue) \(header.shape); \(first.path) has \(head.dtype.rawValue) \(head.shape), so they cannot be joined")
                }
            }
            try writer.begin(name, dtype: head.dtype, shape: [sources.reduce(0) { $0 + $1.rows }] + rowShape)
            for source in sources { try source.archive.forEachChunk(of: name) { try writer.append($0) } }
            try writer.end()
        }
        if let metadata { try writer.writeFile(DatasetKeys.metadataFile, try metadata.encoded()) }
        try writer.finish()
    }
}
