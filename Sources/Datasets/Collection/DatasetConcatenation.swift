import Foundation

/// Joins dataset files row-wise into one, streaming each array (memory stays at one chunk):
/// the last step of a collection (its episode parts) and `infom dataset merge` (shards).
public enum DatasetConcatenation {
    /// Writes every array of `sources` (which must have the same arrays, dtypes and per-row
    /// shapes) concatenated along the first axis in the given order, plus `metadata`.
    public static func write(_ sources: [NPZArchive], to path: String, metadata: DatasetMetadata?) throws {
        guard let first = sources.first else { throw DatasetError.io(path: path, reason: "nothing to join") }
        let writer = try NPZWriter(path: path)
        for name in first.names {
            let head = try first.header(name)
            guard !head.shape.isEmpty else {
                throw DatasetError.corrupt(path: first.path, reason: "array '\(name)' is a scalar; datasets hold rows")
            }
            let rowShape = Array(head.shape.dropFirst())
            var rows = 0
            for source in sources {
                guard source.names.contains(name) else {
                    throw DatasetError.missingArray(path: source.path, name: name, available: source.names)
                }
                let header = try source.header(name)
                guard header.dtype == head.dtype, Array(header.shape.dropFirst()) == rowShape else {
                    throw DatasetError.corrupt(path: source.path, reason:
                        "array '\(name)' is \(header.dtype.rawValue) \(header.shape); \(first.path) has \(head.dtype.rawValue) \(head.shape), so they cannot be joined")
                }
                rows += header.shape[0]
            }
            try writer.begin(name, dtype: head.dtype, shape: [rows] + rowShape)
            for source in sources { try source.forEachChunk(of: name) { try writer.append($0) } }
            try writer.end()
        }
        if let metadata { try writer.writeFile(DatasetKeys.metadataFile, try metadata.encoded()) }
        try writer.finish()
    }
}
