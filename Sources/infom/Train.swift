import Agents
import ArgumentParser
import Foundation
import Suite

/// `infom train`: offline pre-training on reward-free data, then fine-tuning on reward-labelled
/// data, with in-process evaluation, CSV logs and resumable checkpoints.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pre-train and fine-tune an agent (InFOM or one of its eight baselines) offline, evaluating it in-process.",
        discussion: """
            The pre-training data is reward-free (`infom collect`); the fine-tuning data carries the \
            task's rewards (`infom dataset relabel --task TASK`). Observations are normalised with \
            each file's own statistics; evaluation uses the fine-tuning file's. A NAME-val.npz file \
            beside a dataset adds validation losses to validation.csv. DIR receives agent.json, \
            plan.json, normalizer.json, pretrain.csv, finetune.csv, eval.csv, checkpoint/ \
            (safetensors parameters and optimizer state) and, at the end, eval.json with the mean \
            and per-episode return and success; --video then renders the final evaluation's first \
            --video-episodes episodes. Running the same command again resumes from the last checkpoint. Presets: paper (the reference's per-task hyperparameters and 512-wide \
            networks; 1M + 500k steps by default) and small (256-wide, 8 flow goals; minutes on 2 cores). \
            On a visual- task with pixel data, InFOM, CRL + IS and DINO + ReBRAC train their visual \
            variants (3 stacked frames, random crops, impala_small encoders; small: batch 64).

            Example:
              infom train --env cheetah_run --pretrain-data cheetah.npz --finetune-data cheetah-run.npz \\
                --preset small --pretrain-steps 5000 --finetune-steps 5000 --out runs/cheetah
            """)

    @Option(help: "Task ID to fine-tune and evaluate on (a locomotion task or an OGBench single-task id).") var env: String
    @Option(help: "Reward-free pre-training dataset (.npz).") var pretrainData: String
    @Option(help: "Reward-labelled fine-tuning dataset (.npz).") var finetuneData: String
    @Option(help: "The agent.") var agent: AgentDescription.Kind = .infom
    @Option(help: "Hyperparameters and network sizes: paper (the reference's) or small (for CPUs).")
    var preset: AgentPreset = .small
    @Option(help: "InFOM's critic target latents: prior (the default) or encoding (samples of the intention encoder on s′, a′).")
    var criticLatent: InFOMHyperparameters.CriticLatent = .prior
    @Option(help: "Observation normalisation, per dataset: normal (the reference's default) or none (its default before 2025-06-15).")
    var obsNorm: ObservationNormalizer.Kind = .normal
    @Flag(help: "InFOM paper era: the four variants below together, as the paper's published runs most likely used them (README, Training).")
    var paperEra = false
    @Flag(help: "InFOM paper era (before 2026-05-11): an independent prior latent per flow goal instead of one shared by a sample's goals.")
    var latentPerFlowGoal = false
    @Flag(help: "InFOM paper era (before 2026-05-11): the future flow term reuses the current term's noise.")
    var futureNoiseEqualsCurrent = false
    @Flag(help: "InFOM paper era (before 2025-08-03): layer norm in the critic and the vector field.")
    var valueLayerNorm = false
    @Option(help: "InFOM's KL form: standard, or log-variance (the paper era's, before 2025-07-16, which read log σ as log σ²).")
    var klForm: InFOMHyperparameters.KLForm = .standard
    @Option(parsing: .unconditional, help: "Pre-training updates (default: 1,000,000 with paper, 10,000 with small).") var pretrainSteps: Int?
    @Option(parsing: .unconditional, help: "Fine-tuning updates (default: 500,000 with paper, 5,000 with small).") var finetuneSteps: Int?
    @Option(parsing: .unconditional, help: "Evaluate every this many fine-tuning updates (default: 50,000 / 1,000).") var evalEvery: Int?
    @Option(parsing: .unconditional, help: "Episodes per evaluation (default: 50 / 10).") var evalEpisodes: Int?
    @Option(parsing: .unconditional, help: "Write log rows every this many updates.") var logEvery: Int = 500
    @Option(parsing: .unconditional, help: "Save a checkpoint every this many updates.") var checkpointEvery: Int = 5000
    @Option(parsing: .unconditional, help: "Seed of initialisation, sampling and noise.") var seed: UInt64 = 0
    @Option(help: "Output folder.") var out: String
    @OptionGroup var videoOptions: VideoOptions

    func validate() throws {
        let variants = [("--paper-era", paperEra), ("--latent-per-flow-goal", latentPerFlowGoal),
                        ("--future-noise-equals-current", futureNoiseEqualsCurrent), ("--value-layer-norm", valueLayerNorm),
                        ("--kl-form", klForm != .standard), ("--critic-latent", criticLatent != .prior)]
        if agent != .infom, let (flag, _) = variants.first(where: \.1) {
            throw ValidationError("\(flag) is an InFOM option; drop it or train with --agent infom")
        }
        try CountLimit.require("--pretrain-steps", pretrainSteps, in: CountLimit.updates)
        try CountLimit.require("--finetune-steps", finetuneSteps, in: CountLimit.updates)
        guard finetuneSteps != 0 else {
            throw ValidationError("--finetune-steps must be at least 1: the result is the fine-tuned policy's evaluation")
        }
        for (name, value) in [("--eval-every", evalEvery), ("--log-every", logEvery), ("--checkpoint-every", checkpointEvery)] {
            try CountLimit.require(name, value, in: 1...CountLimit.updates.upperBound)
        }
        try CountLimit.require("--eval-episodes", evalEpisodes, in: CountLimit.evaluationEpisodes)
        try OutputPath.checkFolder(out)
    }

    func run() throws {
        try runReportingErrors {
            let paper = preset == .paper
            let environment = try EnvironmentRegistry.make(env)
            if let selectable = environment as? any TaskSelectableEnvironment, selectable.selectableTaskCount > 0 {
                throw CommandFailure(message: "\(env) has no task reward; train on a single-task id such as \(env.replacingOccurrences(of: "-v0", with: "-singletask-task1-v0"))")
            }
            var description = try AgentDescription(kind: agent, preset: preset, env: env,
                                                   observationSize: environment.observationSpec.shape.reduce(1, *),
                                                   actionSize: environment.actionSpec.shape[0],
                                                   pixels: PixelObservation(dataset: pretrainData, frameStack: 1))
            if description.kind == .infom { applyVariants(to: &description.infom!) }
            let plan = TrainingPlan(env: env, pretrainData: pretrainData, finetuneData: finetuneData,
                                    pretrainSteps: pretrainSteps ?? (paper ? 1_000_000 : 10_000),
                                    finetuneSteps: finetuneSteps ?? (paper ? 500_000 : 5_000),
                                    evalEvery: evalEvery ?? (paper ? 50_000 : 1_000),
                                    evalEpisodes: evalEpisodes ?? (paper ? 50 : 10), seed: seed, logEvery: logEvery,
                                    checkpointEvery: checkpointEvery, normalization: obsNorm)
            let trainer = try OfflineTrainer(description: description, plan: plan, directory: out)
            if trainer.step > 0 { FileHandle.standardError.write(Data("resuming \(out) at update \(trainer.step)\n".utf8)) }
            let display = TrainingDisplay(agent: agent.rawValue)
            let result = try trainer.run(progress: display.update)!
            display.finish()
            print("\(env) \(agent.rawValue): return \(String(format: "%.1f", result.return))  success \(String(format: "%.3f", result.success))  (\(result.episodes) episodes after \(plan.totalSteps) updates; \(out)/eval.json)")
            try videoOptions.write(env: env, seed: UInt32(truncatingIfNeeded: seed), available: plan.evalEpisodes,
                                   policy: .trained(try TrainedPolicy(directory: out)))
        }
    }
}

extension Train {
    /// The InFOM options of the command line written into the preset's configuration.
    func applyVariants(to configuration: inout InFOMConfiguration) {
        if criticLatent == .encoding { configuration.criticLatent = .encoding }
        if paperEra || latentPerFlowGoal { configuration.latentPerFlowGoal = true }
        if paperEra || futureNoiseEqualsCurrent { configuration.futureNoiseEqualsCurrent = true }
        if paperEra || valueLayerNorm { configuration.valueLayerNorm = true }
        if paperEra || klForm == .logVariance { configuration.klForm = .logVariance }
    }
}

/// Progress of `infom train` on a ``StatusLine``: phase, updates, updates/s, ETA and the loss;
/// evaluations as lines of their own.
final class TrainingDisplay {
    private let agent: String
    private let status = StatusLine()
    private let start = Date()

    init(agent: String) { self.agent = agent }

    func update(_ progress: TrainingProgress) {
        let remaining = progress.updatesPerSecond > 0 ? Double(progress.totalSteps - progress.step) / progress.updatesPerSecond : 0
        let loss = progress.metrics["total_loss"].map { String(format: "loss %.4g", $0) } ?? ""
        status.show("\(agent) \(progress.finetuning ? "fine-tune" : "pre-train") \(progress.step)/\(progress.totalSteps) updates, "
                    + String(format: "%.1f updates/s, ETA %.0f s, ", progress.updatesPerSecond, remaining) + loss)
        if let evaluation = progress.evaluation {
            status.note(String(format: "eval at %d: return %.1f, success %.3f (%d episodes, %.0f s elapsed)", evaluation.step,
                               evaluation.return, evaluation.success, evaluation.episodes, Date().timeIntervalSince(start)))
        }
    }

    func finish() { status.finish() }
}
