import Foundation

/// Timing helpers shared by the benchmarks.
public enum Measurement {
    /// Seconds taken by `body`.
    public static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The median of non-empty `values`.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Total seconds of `passes` runs of `measured` and of `baseline`, after one untimed run of
    /// each, in up to 10 alternating rounds so that both see the same machine conditions.
    public static func alternating(passes: Int, _ measured: () -> Void, _ baseline: () -> Void) -> (measured: Double, baseline: Double) {
        measured()
        baseline()
        var measuredSeconds = 0.0, baselineSeconds = 0.0
        let rounds = min(passes, 10)
        for round in 0..<rounds {
            let count = passes / rounds + (round < passes % rounds ? 1 : 0)
            measuredSeconds += seconds { for _ in 0..<count { measured() } }
            baselineSeconds += seconds { for _ in 0..<count { baseline() } }
        }
        return (measuredSeconds, baselineSeconds)
    }
}
