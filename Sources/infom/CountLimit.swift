import ArgumentParser

/// The ranges counts from the command line must lie in: past these a run would overflow its
/// arithmetic or ask for more memory than a machine has, so the flag is refused at once.
enum CountLimit {
    /// Episodes of a collection (1001 rows each: 10⁹ rows at most).
    static let episodes = 1...1_000_000
    /// Evaluation and video episodes.
    static let evaluationEpisodes = 1...100_000
    /// Training updates per phase (the paper runs 10⁶).
    static let updates = 0...1_000_000_000
    /// Steps, frames or passes a benchmark times.
    static let benchRepetitions = 1...100_000_000
    /// Batch rows and layer widths of a benchmark network.
    static let benchSize = 1...65_536

    /// Refuses `value` of `flag` outside `range` with a message that gives the range.
    static func require(_ flag: String, _ value: Int?, in range: ClosedRange<Int>) throws {
        guard let value else { return }
        guard range.contains(value) else {
            throw ValidationError("\(flag) must be \(range.lowerBound)…\(range.upperBound), got \(value)")
        }
    }
}
