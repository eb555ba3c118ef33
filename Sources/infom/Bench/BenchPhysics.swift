import ArgumentParser
import Benchmarks

/// `infom bench physics`: steps/s through ``Simulation/step()`` against a bare C `mj_step` loop.
struct BenchPhysics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "physics",
        abstract: "Steps per second of our Swift stepping against a bare C mj_step loop.",
        discussion: """
            Both loops start from the model's initial state and take the same number of steps; \
            they alternate for --repeats rounds and the median rate of each is reported.

            Example: infom bench physics Assets/scenes/primitives.xml --steps 20000 --json
            """
    )

    @Argument(help: "A MuJoCo model file (.xml or .mjb).")
    var model: String

    @Option(parsing: .unconditional, help: "Steps per timed loop.")
    var steps: Int = 20_000

    @Option(parsing: .unconditional, help: "Alternating rounds of both loops.")
    var repeats: Int = 5

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        try CountLimit.require("--steps", steps, in: CountLimit.benchRepetitions)
        try CountLimit.require("--repeats", repeats, in: 1...10_000)
    }

    func run() throws {
        try runReportingErrors {
            let report = try PhysicsBenchmark(modelPath: model, steps: steps, repeats: repeats).run()
            if json {
                try printJSONLine(report)
            } else {
                print("model            \(report.model) (nq=\(report.nq), nv=\(report.nv), timestep=\(report.timestep))")
                print("Swift step()     \(Int(report.swift_steps_per_s)) steps/s")
                print("bare C mj_step   \(Int(report.c_steps_per_s)) steps/s")
                print("ratio            \(String(format: "%.3f", report.ratio))  (median of \(repeats) rounds of \(steps) steps)")
            }
        }
    }
}
