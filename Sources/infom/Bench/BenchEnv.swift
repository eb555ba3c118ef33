import ArgumentParser
import CMuJoCo
import Foundation
import MuJoCo
import Suite

/// `infom bench env`: env steps/s of one environment, of a bare C loop doing the same substeps,
/// and of the vectorized environment on all cores.
struct BenchEnv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "env",
        abstract: "Environment steps per second against a bare C loop with the same substeps.",
        discussion: "Example: infom bench env walker_walk --steps 5000 --json")

    @Argument(help: "Environment ID (see `infom envs`).")
    var id: String

    @Option(help: "Environment steps per timed run.")
    var steps: Int = 5000

    @Option(help: "Copies in the vectorized environment (default: one per core).")
    var copies: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        guard steps > 0, copies > 0 else { throw ValidationError("--steps and --copies must be positive") }
    }

    struct Report: Encodable {
        let env: String
        let steps: Int
        let substeps: Int
        let env_steps_per_s: Double
        let bare_c_steps_per_s: Double
        let ratio: Double
        let vector_copies: Int
        let vector_steps_per_s: Double
        let vector_speedup: Double
    }

    func run() throws {
        try runReportingErrors {
            let environment = try EnvironmentRegistry.make(id)
            let model = environment.simulation.model
            let actionSize = environment.actionSpec.count
            var random = NumpyRandomState(seed: 0)
            let actions = (0..<steps).map { _ in (0..<actionSize).map { _ in Float(random.uniform(-1, 1)) } }
            let substeps = Int((try stepDuration(environment) / model.timestep).rounded())

            // Resets (cheetah settles for 200 physics steps) are not timed: both loops time episode
            // steps only, the bare loop restarting from each episode's initial state.
            let bare = try Simulation(model: model)
            let controls = actions.flatMap { $0.map(Double.init) }
            var envSeconds = 0.0, bareSeconds = 0.0, done = 0
            while done < steps {
                _ = try environment.reset()
                let start = environment.simulation.state
                let n = min(environment.episodeLength, steps - done)
                envSeconds += try Measurement.seconds {
                    for t in done..<(done + n) { _ = try environment.step(actions[t]) }
                }
                try bare.restore(start)
                bareSeconds += controls.withUnsafeBufferPointer { all in
                    Measurement.seconds {
                        infom_bare_substep_loop(model.pointer, bare.pointer, all.baseAddress! + done * actionSize, n, Int32(substeps))
                    }
                }
                done += n
            }

            let vector = try VectorEnvironment(id: id, count: copies)
            var vectorSeconds = 0.0, vectorSteps = 0
            while vectorSteps * copies < steps {
                _ = try vector.reset()
                let n = min(environment.episodeLength, steps / copies - vectorSteps)
                let batches = (0..<n).map { t in Array(repeating: actions[vectorSteps + t], count: copies) }
                vectorSeconds += try Measurement.seconds {
                    for batch in batches { _ = try vector.step(batch) }
                }
                vectorSteps += max(n, 1)
            }

            let envRate = Double(steps) / envSeconds, bareRate = Double(steps) / bareSeconds
            let vectorRate = Double(vectorSteps * copies) / vectorSeconds
            let report = Report(env: id, steps: steps, substeps: substeps, env_steps_per_s: envRate,
                                bare_c_steps_per_s: bareRate, ratio: envRate / bareRate, vector_copies: copies,
                                vector_steps_per_s: vectorRate, vector_speedup: vectorRate / envRate)
            if json {
                try Measurement.printJSON(report)
            } else {
                print("env            \(id) (\(substeps) physics steps per env step)")
                print("our env        \(Int(envRate)) steps/s")
                print("bare C loop    \(Int(bareRate)) steps/s")
                print("ratio          \(String(format: "%.3f", envRate / bareRate))")
                print("vector env     \(Int(vectorRate)) steps/s with \(copies) copies (\(String(format: "%.2f", vectorRate / envRate))x)")
            }
        }
    }

    /// Seconds of simulated time per environment step, measured by stepping once.
    private func stepDuration(_ environment: any Environment<[Float]>) throws -> Double {
        _ = try environment.reset()
        let before = environment.simulation.time
        _ = try environment.step([Float](repeating: 0, count: environment.actionSpec.count))
        return environment.simulation.time - before
    }
}
