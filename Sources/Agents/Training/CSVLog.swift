import Foundation

/// A CSV log of per-step metrics (`step` first, then the metric names of the first row, sorted).
/// Reopening an existing log keeps its rows up to a step, so a resumed run continues it without
/// the rows logged after its last checkpoint.
final class CSVLog {
    let path: String
    private var columns: [String]?
    private var handle: FileHandle?

    /// Opens `path`, keeping the existing rows whose step is at most `keepThrough`.
    init(path: String, keepThrough: Int) throws {
        self.path = path
        if let text = try? String(contentsOfFile: path, encoding: .utf8), !text.isEmpty {
            var lines = text.split(separator: "\n").map(String.init)
            let header = lines.removeFirst()
            columns = Array(header.split(separator: ",").map(String.init).dropFirst())
            let kept = lines.filter { (Int($0.prefix { $0 != "," }) ?? Int.max) <= keepThrough }
            try ([header] + kept).map { $0 + "\n" }.joined().write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    deinit { try? handle?.close() }

    /// Appends one row; the first row of a new log writes the header.
    func append(step: Int, _ metrics: [String: Double]) throws {
        if handle == nil {
            if columns == nil {
                columns = metrics.keys.sorted()
                try (["step"] + columns!).joined(separator: ",").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            }
            guard let opened = FileHandle(forWritingAtPath: path) else {
                throw TrainingError.io(path: path, reason: "cannot open the log for appending")
            }
            opened.seekToEndOfFile()
            handle = opened
        }
        let row = [String(step)] + columns!.map { metrics[$0].map { String(format: "%.6g", $0) } ?? "" }
        handle!.write(Data((row.joined(separator: ",") + "\n").utf8))
    }
}
