import ArrayFiles

/// What `infom dataset info` reports: arrays, episodes, and per-dimension statistics of the
/// numeric arrays, computed in one streaming pass per array.
public struct DatasetSummary {
    /// Mean, standard deviation (population), minimum and maximum of one column.
    public struct ColumnStatistics: Equatable {
        public let mean: Double, std: Double, min: Double, max: Double
    }

    public struct ArrayInfo {
        public let name: String
        public let dtype: NPYDType
        public let shape: [Int]
        /// Per column (the trailing dimensions flattened) for float arrays of at most
        /// `maxColumns` columns; one entry over all values otherwise.
        public let columns: [ColumnStatistics]
    }

    public let path: String
    public let metadata: DatasetMetadata?
    public let arrays: [ArrayInfo]
    /// Rows with `terminals` = 1.
    public let episodes: Int

    /// Reads and checks `path` (``DatasetFile``) and computes the statistics.
    public init(path: String, maxColumns: Int = 256) throws {
        let file = try DatasetFile(path: path)
        let archive = file.archive
        self.path = path
        metadata = file.metadata
        episodes = file.episodes
        var arrays: [ArrayInfo] = []
        for name in archive.names {
            let header = try archive.header(name)
            let rows = header.shape.first ?? 1
            let perRow = rows == 0 ? 0 : header.count / rows
            let columns = (header.dtype == .float32 || header.dtype == .float64) && perRow <= maxColumns ? max(perRow, 1) : 1
            var accumulator = Accumulator(columns: columns)
            try archive.forEachChunk(of: name) { raw in
                switch header.dtype {
                case .float32: accumulator.add(raw.bindMemory(to: Float.self).lazy.map(Double.init))
                case .float64: accumulator.add(raw.bindMemory(to: Double.self))
                case .uint8: accumulator.add(raw.bindMemory(to: UInt8.self).lazy.map(Double.init))
                case .bool: accumulator.add(raw.bindMemory(to: UInt8.self).lazy.map(Double.init))
                case .int32: accumulator.add(raw.bindMemory(to: Int32.self).lazy.map(Double.init))
                case .int64: accumulator.add(raw.bindMemory(to: Int64.self).lazy.map(Double.init))
                case .uint64: accumulator.add(raw.bindMemory(to: UInt64.self).lazy.map(Double.init))
                }
            }
            arrays.append(ArrayInfo(name: name, dtype: header.dtype, shape: header.shape, columns: accumulator.statistics))
        }
        self.arrays = arrays
    }

    /// Running sums per column; values arrive in row-major order across chunks.
    struct Accumulator {
        let columns: Int
        var position = 0
        var count: [Int], sum: [Double], squares: [Double], low: [Double], high: [Double]

        init(columns: Int) {
            self.columns = columns
            count = Array(repeating: 0, count: columns)
            sum = Array(repeating: 0, count: columns)
            squares = Array(repeating: 0, count: columns)
            low = Array(repeating: .infinity, count: columns)
            high = Array(repeating: -.infinity, count: columns)
        }

        mutating func add<S: Sequence>(_ values: S) where S.Element == Double {
            for v in values {
                let c = position
                count[c] += 1
                sum[c] += v
                squares[c] += v * v
                low[c] = Swift.min(low[c], v)
                high[c] = Swift.max(high[c], v)
                position = position + 1 == columns ? 0 : position + 1
            }
        }

        var statistics: [ColumnStatistics] {
            (0..<columns).compactMap { c in
                guard count[c] > 0 else { return nil }
                let mean = sum[c] / Double(count[c])
                return ColumnStatistics(mean: mean, std: Swift.max(0, squares[c] / Double(count[c]) - mean * mean).squareRoot(),
                                        min: low[c], max: high[c])
            }
        }
    }
}
