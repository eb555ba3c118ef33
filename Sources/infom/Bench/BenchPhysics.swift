import ArgumentParser
import CMuJoCo
import MuJoCo

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

    struct Report: Encodable {
        let model: String
        let steps: Int
        let repeats: Int
        let swift_steps_per_s: Double
        let c_steps_per_s: Double
        let ratio: Double
    }

    func run() throws {
        try runReportingErrors {
            let model = try Model(contentsOf: self.model)
            let ours = try Simulation(model: model)
            let bare = try Simulation(model: model)
            var swiftRates: [Double] = [], cRates: [Double] = []
            for _ in 0..<repeats {
                ours.reset()
                let swiftSeconds = try Measurement.seconds {
                    for _ in 0..<steps { try ours.step() }
                }
                bare.reset()
                let cSeconds = Measurement.seconds {
                    infom_bare_step_loop(model.pointer, bare.pointer, steps)
                }
                swiftRates.append(Double(steps) / swiftSeconds)
                cRates.append(Double(steps) / cSeconds)
            }
            let report = Report(
                model: self.model, steps: steps, repeats: repeats,
                swift_steps_per_s: Measurement.median(swiftRates), c_steps_per_s: Measurement.median(cRates),
                ratio: Measurement.median(swiftRates) / Measurement.median(cRates))
            if json {
                try Measurement.printJSON(report)
            } else {
                print("model            \(report.model) (nq=\(model.nq), nv=\(model.nv), timestep=\(model.timestep))")
                print("Swift step()     \(Int(report.swift_steps_per_s)) steps/s")
                print("bare C mj_step   \(Int(report.c_steps_per_s)) steps/s")
                print("ratio            \(String(format: "%.3f", report.ratio))  (median of \(repeats) rounds of \(steps) steps)")
            }
        }
    }
}
