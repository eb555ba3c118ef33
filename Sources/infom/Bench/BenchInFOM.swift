import Agents
import ArgumentParser
import COpenBLAS
import Learning

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

    struct Report: Encodable {
        let preset: String
        let batch: Int
        let pretrain_updates_per_s: Double
        let finetune_updates_per_s: Double
        let pretrain_gflop_per_update: Double
        let finetune_gflop_per_update: Double
        let pretrain_effective_gflops: Double
        let finetune_effective_gflops: Double
        let sgemm_gflops: Double
    }

    func run() throws {
        let config = try InFOMConfiguration.preset(preset, env: env)
        let ds = observationSize, da = actionSize, b = config.batchSize
        let agent = InFOMAgent(observationSize: ds, actionSize: da, configuration: config, seed: 0)
        var random = SeededRandom(seed: 1)
        var batch = TransitionBatch(size: b, observationSize: ds, actionSize: da)
        random.fillNormal(&batch.observations)
        random.fillNormal(&batch.nextObservations)
        for i in batch.actions.indices { batch.actions[i] = random.uniform(-1, 1); batch.nextActions[i] = random.uniform(-1, 1) }
        random.fillNormal(&batch.rewards)
        let low = [Float](repeating: -3, count: ds), high = [Float](repeating: 3, count: ds)

        func timed(_ finetuning: Bool) -> Double {
            var step = 0
            func update() {
                step += 1
                _ = finetuning ? agent.finetune(batch, low: low, high: high, step: step)
                               : agent.pretrain(batch, low: low, high: high)
            }
            update()
            return Double(iterations) / Measurement.seconds { for _ in 0..<iterations { update() } }
        }
        let pretrainRate = timed(false)
        agent.startFinetuning()
        let finetuneRate = timed(true)

        let flops = ReferenceFLOPs(config: config, observationSize: ds, actionSize: da)
        let rows = config.flowGoals * b, width = config.valueHidden[0]
        let a = [Float](repeating: 0.5, count: rows * width), w = [Float](repeating: 0.25, count: width * width)
        var c = [Float](repeating: 0, count: rows * width)
        let products = 20
        let gemmSeconds = Measurement.seconds {
            for _ in 0..<products {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(width), Int32(width), 1, a,
                            Int32(width), w, Int32(width), 0, &c, Int32(width))
            }
        }
        let report = Report(preset: preset.rawValue, batch: b, pretrain_updates_per_s: pretrainRate, finetune_updates_per_s: finetuneRate,
                            pretrain_gflop_per_update: flops.pretrain / 1e9, finetune_gflop_per_update: flops.finetune / 1e9,
                            pretrain_effective_gflops: flops.pretrain * pretrainRate / 1e9,
                            finetune_effective_gflops: flops.finetune * finetuneRate / 1e9,
                            sgemm_gflops: 2 * Double(rows * width * width * products) / gemmSeconds / 1e9)
        if json {
            try Measurement.printJSON(report)
        } else {
            print(String(format: "InFOM %@ preset, batch %d, d_s %d, d_a %d", preset.rawValue, b, ds, da))
            print(String(format: "pre-training:  %.2f updates/s  (%.1f GFLOP/update, %.1f GFLOP/s)", pretrainRate,
                         flops.pretrain / 1e9, report.pretrain_effective_gflops))
            print(String(format: "fine-tuning:   %.2f updates/s  (%.1f GFLOP/update, %.1f GFLOP/s)", finetuneRate,
                         flops.finetune / 1e9, report.finetune_effective_gflops))
            print(String(format: "sgemm [%d×%d]·[%d×%d]: %.1f GFLOP/s", rows, width, width, width, report.sgemm_gflops))
        }
    }
}

/// The reference's matrix-product FLOPs per update (spec infom.md §7.1–7.2): 2·MACs forward,
/// backward twice forward; fine-tuning averaged over the actor's 1-in-4 updates.
struct ReferenceFLOPs {
    let pretrain: Double
    let finetune: Double

    init(config c: InFOMConfiguration, observationSize ds: Int, actionSize da: Int) {
        func mlp(_ input: Int, _ hidden: [Int], _ output: Int) -> Double {
            let sizes = [input] + hidden + [output]
            return 2 * Double(zip(sizes, sizes.dropFirst()).map { $0 * $1 }.reduce(0, +))
        }
        let l = c.latentSize, b = Double(c.batchSize), n = Double(c.flowGoals), k = Double(c.flowSteps)
        let vectorField = mlp(2 * ds + 1 + da + l, c.valueHidden, ds)
        let intention = mlp(ds + da, c.intentionHidden, 0) + 2 * Double(c.intentionHidden.last! * l) * 2
        let actor = mlp(ds, c.actorHidden, da)
        let reward = mlp(ds, c.rewardHidden, 1)
        let critic = 2 * mlp(ds + da, c.valueHidden, 1)
        let flow = 3 * intention + 3 * vectorField + k * vectorField + vectorField + 3 * vectorField
        pretrain = b * (flow + 3 * actor)
        finetune = b * (3 * reward + n * k * vectorField + n * reward + 3 * critic + flow + (3 * actor + critic) / 4)
    }
}
