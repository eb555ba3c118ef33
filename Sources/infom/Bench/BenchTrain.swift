import Agents
import ArgumentParser
import Benchmarks

/// `infom bench train`: ``TrainingBenchmark`` (updates/s of any agent at a preset's sizes).
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Pre-training and fine-tuning updates/s of any agent at a preset's sizes.",
        discussion: """
            Times the trainer's own update calls on one batch of a synthetic dataset shaped like ENV \
            (random observations and actions), fine-tuning with the actor on every 4th update. The \
            baseline is the reference JAX agent on the same CPU: run \
            `datasets-tools/bench_agent_reference.py --agent NAME` back to back.

            Example: infom bench train --agent rebrac --preset paper --json
            """)

    @Option(help: "The agent.") var agent: AgentDescription.Kind = .infom
    @Option(help: "Hyperparameters and network sizes.") var preset: AgentPreset = .paper
    @Option(help: "Environment whose sizes and preset values to use.") var env: String = "walker_walk"
    @Option(parsing: .unconditional, help: "Timed updates per phase.") var iterations: Int = 8
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        try CountLimit.require("--iterations", iterations, in: CountLimit.benchRepetitions)
    }

    func run() throws {
        try runReportingErrors {
            let report = try TrainingBenchmark(kind: agent, preset: preset, env: env, iterations: iterations).run()
            if json {
                try printJSONLine(report)
            } else {
                print("\(report.agent) \(report.preset) preset on \(report.env), batch \(report.batch)")
                print(String(format: "pre-training:  %.2f updates/s", report.pretrain_updates_per_s))
                print(String(format: "fine-tuning:   %.2f updates/s", report.finetune_updates_per_s))
            }
        }
    }
}
