import Datasets
import Foundation

/// A collection's progress bar (episodes, steps/s, ETA) on a ``StatusLine``. Thread-safe.
final class ProgressBar: Sendable {
    private let label: String
    private let status = StatusLine()

    init(label: String) { self.label = label }

    func update(_ progress: CollectionJob.Progress) {
        let fraction = Double(progress.done) / Double(max(1, progress.total))
        let width = 30, filled = Int(fraction * Double(width))
        let rate = Double(progress.rows) / max(progress.seconds, 1e-9)
        let fresh = progress.done - progress.resumed
        let remaining = fresh > 0 ? progress.seconds / Double(fresh) * Double(progress.total - progress.done) : 0
        let line = "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: width - filled))] "
            + "\(progress.done)/\(progress.total) episodes, \(String(format: "%.0f", rate)) steps/s, "
            + "ETA \(String(format: "%.0f", remaining)) s" + (progress.resumed > 0 ? " (\(progress.resumed) resumed)" : "")
        status.show(line, fraction: fraction)
    }

    /// A remark on a line of its own.
    func note(_ text: String) { status.note(text) }

    func finish() { status.finish() }
}
