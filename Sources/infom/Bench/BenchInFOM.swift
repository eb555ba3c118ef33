import Agents
import ArgumentParser
import Benchmarks

/// `infom bench infom`: pre-training and fine-tuning updates/s of the InFOM agent at a preset's
/// sizes on walker-sized inputs, beside the sgemm throughput of its dominant product.
struct BenchInFOM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infom",
        abstract: "InFOM pre-training and fine-tuning updates/s, with the reference's FLOPs per update and sgemm's GFLOP/s.",
        discussion: """
            Times whole updates (noise draws, target flow roll-outs, the 16×10 Euler steps of the \
            critic target, forward, backward, Polyak and Adam) on random batches of walker-sized \
            transitions (d_s = 24, d_a = 6), fine-tuning with the actor on every 4th update as in \
            training. The work per update is counted as the reference computes it (spec infom.md \
            §7: FLOPs of every matrix product, backward = 2× forward), so `effective_gflops` can be \
            set beside sgemm's GFLOP/s on the critic target's largest product in the same run.

            Example: infom bench infom --preset paper --json
            """)

    @Option(help: "paper or small.") var preset: AgentPreset = .paper
    @Option(help: "Environment whose preset hyperparameters to use.") var env: String = "walker_walk"
    @Option(parsing: .unconditional, help: "Observation size.") var observationSize: Int = 24
    @Option(parsing: .unconditional, help: "Action size.") var actionSize: Int = 6
    @Option(parsing: .unconditional, help: "Timed updates per phase.") var iterations: Int = 8
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        try CountLimit.require("--iterations", iterations, in: CountLimit.benchRepetitions)
        try CountLimit.require("--observation-size", observationSize, in: CountLimit.benchSize)
        try CountLimit.require("--action-size", actionSize, in: CountLimit.benchSize)
    }

    func run() throws {
        let config = try InFOMConfiguration.preset(preset, env: env)
        let report = InFOMBenchmark(configuration: config, observationSize: observationSize, actionSize: actionSize,
                                    iterations: iterations).run(preset: preset.rawValue)
        if json {
            try printJSONLine(report)
        } else {
            print(String(format: "InFOM %@ preset, batch %d, d_s %d, d_a %d", preset.rawValue, report.batch, observationSize, actionSize))
            print(String(format: "pre-training:  %.2f updates/s  (%.1f GFLOP/update, %.1f GFLOP/s)", report.pretrain_updates_per_s,
                         report.pretrain_gflop_per_update, report.pretrain_effective_gflops))
            print(String(format: "fine-tuning:   %.2f updates/s  (%.1f GFLOP/update, %.1f GFLOP/s)", report.finetune_updates_per_s,
                         report.finetune_gflop_per_update, report.finetune_effective_gflops))
            print(String(format: "sgemm [%d×%d]·[%d×%d]: %.1f GFLOP/s", report.sgemm_rows, report.sgemm_width, report.sgemm_width,
                         report.sgemm_width, report.sgemm_gflops))
        }
    }
}
