import Datasets
import Foundation

/// A one-line progress report on standard error, redrawn in place on a terminal and printed
/// every 10% otherwise (logs stay short). Thread-safe.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private let interactive = isatty(STDERR_FILENO) != 0
    private var lastDecile = -1

    init(label: String) { self.label = label }

    func update(_ progress: CollectionJob.Progress) {
        lock.lock()
        defer { lock.unlock() }
        let fraction = Double(progress.done) / Double(max(1, progress.total))
        let width = 30, filled = Int(fraction * Double(width))
        let rate = Double(progress.rows) / max(progress.seconds, 1e-9)
        let fresh = progress.done - progress.resumed
        let remaining = fresh > 0 ? progress.seconds / Double(fresh) * Double(progress.total - progress.done) : 0
        let line = "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] "
            + "\(progress.done)/\(progress.total) episodes, \(String(format: "%.0f", rate)) steps/s, "
            + "ETA \(String(format: "%.0f", remaining)) s" + (progress.resumed > 0 ? " (\(progress.resumed) resumed)" : "")
        if interactive {
            FileHandle.standardError.write(Data(("\r" + line).utf8))
        } else if Int(fraction * 10) > lastDecile {
            lastDecile = Int(fraction * 10)
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
