import ArgumentParser
import Benchmarks
import Foundation

/// `infom bench env`: ``EnvironmentBenchmark`` (env steps/s against a bare C loop with the
/// same substeps and controls, and copies in parallel on all cores).
struct BenchEnv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Environment steps per second against a bare C loop with the same substeps.",
        discussion: "Example: infom bench env walker_walk --steps 5000 --json")

    @Argument(help: "Environment ID (see `infom envs`).")
    var id: String

    @Option(parsing: .unconditional, help: "Environment steps per timed run.")
    var steps: Int = 5000

    @Option(parsing: .unconditional, help: "Copies in the vectorized environment (default: one per core).")
    var copies: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        try CountLimit.require("--steps", steps, in: CountLimit.benchRepetitions)
        try CountLimit.require("--copies", copies, in: 1...1024)
    }

    func run() throws {
        try runReportingErrors {
            let report = try EnvironmentBenchmark(id: id, steps: steps, copies: copies).run()
            if json {
                try printJSONLine(report)
            } else {
                print("env            \(id) (\(report.substeps) physics steps per env step)")
                print("our env        \(Int(report.env_steps_per_s)) steps/s")
                print("bare C loop    \(Int(report.bare_c_steps_per_s)) steps/s")
                print("ratio          \(String(format: "%.3f", report.ratio))")
                print("vector env     \(Int(report.vector_steps_per_s)) steps/s with \(copies) copies (\(String(format: "%.2f", report.vector_speedup))x)")
            }
        }
    }
}
