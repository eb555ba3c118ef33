import Foundation

/// A line of progress on standard error: redrawn in place on a terminal; otherwise printed as
/// its own line, only when it reaches a new tenth of the work if a fraction is given (logs stay
/// short). Notes print as permanent lines. Thread-safe. Serves `ProgressBar` (collection) and
/// `TrainingDisplay` (training).
final class StatusLine: @unchecked Sendable {
    private let lock = NSLock()
    private let interactive = isatty(STDERR_FILENO) != 0
    private var lastDecile = -1
    private var drawn = false

    /// Shows `line`; `fraction` (0…1) of the work is done when known.
    func show(_ line: String, fraction: Double? = nil) {
        lock.lock()
        defer { lock.unlock() }
        if interactive {
            write("\r\u{1B}[K" + line)
            drawn = true
        } else if let fraction {
            guard Int(fraction * 10) > lastDecile else { return }
            lastDecile = Int(fraction * 10)
            write(line + "\n")
        } else {
            write(line + "\n")
        }
    }

    /// Prints `text` on a line of its own below the status line.
    func note(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        write((interactive && drawn ? "\n" : "") + text + "\n")
        drawn = false
    }

    /// Ends the in-place line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if interactive && drawn { write("\n") }
        drawn = false
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
