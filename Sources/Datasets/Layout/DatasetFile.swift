import ArrayFiles

/// A dataset file in our layout (OGBench's flat layout, ``DatasetKeys``), opened and checked
/// once: every reader of datasets (`dataset info`, `relabel`, `merge`, training, the parts of a
/// collection) opens files through this type, so a file that breaks the layout is refused in
/// one place with a message naming the file, the array, the row and the fix.
///
/// The check, in one streaming pass over the arrays: `observations`, `actions` and `terminals`
/// exist; every array has one row per time step (the same first dimension, at least one row);
/// named arrays have the dtype and rank the layout gives (``DatasetLayout``); float arrays are
/// finite; `terminals` and `masks` hold only 0 and 1; the last row ends an episode.
public final class DatasetFile {
    public let path: String
    /// The file's arrays, for reading.
    public let archive: NPZArchive
    /// Its `metadata.json`, nil for files from other tools (OGBench's own).
    public let metadata: DatasetMetadata?
    /// Time steps: the first dimension of every array.
    public let rows: Int
    /// Rows with `terminals` = 1.
    public let episodes: Int

    /// Opens and checks `path`; throws ``ArrayFileError`` naming what is wrong.
    public init(path: String) throws {
        self.path = path
        archive = try NPZArchive(path: path)
        metadata = try DatasetMetadata.read(from: archive)
        for name in DatasetLayout.required where !archive.names.contains(name) {
            throw ArrayFileError.missingArray(path: path, name: name, available: archive.names)
        }
        let rows = try archive.header(DatasetKeys.observations).shape.first ?? 0
        guard rows > 0 else {
            throw ArrayFileError.invalid(path: path, reason: "holds no rows; a dataset needs at least one episode")
        }
        var episodes = 0
        for name in archive.names {
            let header = try archive.header(name)
            try Self.checkForm(header, of: name, rows: rows, path: path)
            let values = DatasetLayout.rule(for: name)?.values ?? .finite
            let ends = try Self.checkValues(of: name, header: header, values: values, in: archive)
            if name == DatasetKeys.terminals {
                episodes = ends.ones
                guard ends.last == 1 else {
                    throw ArrayFileError.invalid(path: path, reason:
                        "the last row (\(rows - 1)) is not terminal, so the file ends inside an episode; it was cut short or joined wrongly: re-create it")
                }
            }
        }
        self.rows = rows
        self.episodes = episodes
    }

    /// `terminals` as flags, whether stored as float32 (ours) or bool (OGBench's).
    public func terminals() throws -> [Bool] {
        try archive.data(DatasetKeys.terminals).withUnsafeBytes { raw -> [Bool] in
            switch try archive.header(DatasetKeys.terminals).dtype {
            case .bool: return raw.map { $0 != 0 }
            default: return raw.bindMemory(to: Float.self).map { $0 != 0 }
            }
        }
    }

    /// The shape of array `name`.
    public func shape(_ name: String) throws -> [Int] { try archive.header(name).shape }

    /// Whether the file has array `name`.
    public func has(_ name: String) -> Bool { archive.names.contains(name) }

    /// Rank, rows and dtype of one array against the layout.
    private static func checkForm(_ header: NPYHeader, of name: String, rows: Int, path: String) throws {
        guard let first = header.shape.first else {
            throw ArrayFileError.invalid(path: path, reason: "array '\(name)' is a scalar; every array of a dataset holds one row per time step")
        }
        guard first == rows else {
            throw ArrayFileError.invalid(path: path, reason:
                "array '\(name)' has \(first) rows but 'observations' has \(rows); every array needs one row per time step (the file was joined or cut wrongly): re-create it")
        }
        guard let rule = DatasetLayout.rule(for: name) else { return }
        guard rule.forms.contains(where: { $0.dtype == header.dtype && $0.rank == header.shape.count }) else {
            throw ArrayFileError.invalid(path: path, reason:
                "array '\(name)' is \(header.dtype.rawValue) \(header.shape); the dataset layout needs \(rule.expected) (see `infom collect --help`)")
        }
        if name == DatasetKeys.observations, header.dtype == .uint8, header.shape[3] != 3 {
            throw ArrayFileError.invalid(path: path, reason:
                "array 'observations' is uint8 \(header.shape); pixel observations are RGB frames [N, H, W, 3]")
        }
    }

    /// Streams array `name` and checks its values; returns how many are 1 and the last value
    /// (for `terminals`).
    private static func checkValues(of name: String, header: NPYHeader, values: DatasetLayout.Values,
                                    in archive: NPZArchive) throws -> (ones: Int, last: Double) {
        let perRow = header.count / max(header.shape[0], 1)
        var index = 0, ones = 0, last = 0.0
        func refuse(_ value: Double) -> ArrayFileError {
            let what = values == .binary ? "must be 0 or 1" : "must be finite"
            return .invalid(path: archive.path, reason:
                "array '\(name)' holds \(value) at row \(index / max(perRow, 1)); its values \(what): fix the file or re-create it")
        }
        func visit<T: BinaryFloatingPoint>(_ buffer: UnsafeBufferPointer<T>) throws {
            switch values {
            case .any: break
            case .finite:
                if let bad = buffer.firstIndex(where: { !$0.isFinite }) { index += bad; throw refuse(Double(buffer[bad])) }
            case .binary:
                for (k, v) in buffer.enumerated() {
                    guard v == 0 || v == 1 else { index += k; throw refuse(Double(v)) }
                    if v == 1 { ones += 1 }
                }
            }
            if let final = buffer.last { last = Double(final) }
            index += buffer.count
        }
        switch header.dtype {
        case .float32: try archive.forEachChunk(of: name) { try visit($0.bindMemory(to: Float.self)) }
        case .float64: try archive.forEachChunk(of: name) { try visit($0.bindMemory(to: Double.self)) }
        case .bool where values == .binary:
            try archive.forEachChunk(of: name) { raw in
                for (k, v) in raw.enumerated() {
                    guard v <= 1 else { index += k; throw refuse(Double(v)) }
                    ones += Int(v)
                }
                if let final = raw.last { last = Double(final) }
                index += raw.count
            }
        default: break
        }
        return (ones, last)
    }
}
