import ArrayFiles
import Datasets
import Foundation
import Learning
import Suite
import Support

/// What a training run does: data, budget, evaluation and logging (saved as `plan.json`).
public struct TrainingPlan: Codable, Equatable, Sendable {
    public var env: String
    public var pretrainData: String
    public var finetuneData: String
    public var pretrainSteps: Int
    public var finetuneSteps: Int
    public var evalEvery: Int
    public var evalEpisodes: Int
    public var seed: UInt64
    public var logEvery: Int
    public var checkpointEvery: Int
    public var normalization: ObservationNormalizer.Kind
    /// The data files' fingerprints (``NPZArchive/fingerprint``) by path, validation files
    /// included, filled in by the trainer when it loads them: a run resumes only on the same data.
    public var dataFingerprints: [String: String]?

    public init(env: String, pretrainData: String, finetuneData: String, pretrainSteps: Int, finetuneSteps: Int,
                evalEvery: Int, evalEpisodes: Int, seed: UInt64, logEvery: Int = 1000, checkpointEvery: Int = 5000,
                normalization: ObservationNormalizer.Kind = .normal) {
        self.env = env
        self.pretrainData = pretrainData
        self.finetuneData = finetuneData
        self.pretrainSteps = pretrainSteps
        self.finetuneSteps = finetuneSteps
        self.evalEvery = evalEvery
        self.evalEpisodes = evalEpisodes
        self.seed = seed
        self.logEvery = logEvery
        self.checkpointEvery = checkpointEvery
        self.normalization = normalization
    }

    public var totalSteps: Int { pretrainSteps + finetuneSteps }
}

/// The outcome of evaluating a policy: means and every episode (written as `eval.json`).
public struct EvaluationResult: Codable, Sendable {
    public var env: String
    public var agent: String
    public var step: Int
    public var episodes: Int
    public var success: Double
    public var `return`: Double
    public var length: Double
    public var perEpisode: [EpisodeOutcome]

    public init(env: String, agent: String, step: Int, outcomes: [EpisodeOutcome]) {
        let means = EpisodeMeans(outcomes)
        self.env = env
        self.agent = agent
        self.step = step
        episodes = outcomes.count
        success = means.success
        self.return = means.episodeReturn
        length = means.length
        perEpisode = outcomes
    }
}

/// Where a run stands, for a progress display.
public struct TrainingProgress: Sendable {
    public var step: Int
    public var totalSteps: Int
    public var finetuning: Bool
    public var updatesPerSecond: Double
    public var metrics: [String: Double]
    public var evaluation: EvaluationResult?
}

/// Runs pre-training then fine-tuning of an ``OfflineAgent`` into an output folder: CSV logs
/// (`pretrain.csv`, `finetune.csv`, `validation.csv`, `eval.csv`), checkpoints from which the same
/// command resumes exactly (`checkpoint/`: parameters and optimizer state as safetensors, the step
/// and generator states as JSON), evaluations during fine-tuning (at its first step, every
/// `evalEvery` steps and at the end), and the final `eval.json`.
public final class OfflineTrainer {
    public let description: AgentDescription
    public let plan: TrainingPlan
    public let directory: String
    public let agent: any OfflineAgent
    let pretrainData: TransitionDataset
    let finetuneData: TransitionDataset
    let validation: (pretrain: TransitionDataset?, finetune: TransitionDataset?)
    private var sampler: SeededRandom
    public private(set) var step = 0
    /// The training folder's lock, held while this trainer lives.
    private let lock: FileLock

    /// Loads the data, takes the folder's lock, creates or resumes the agent in `directory`.
    public init(description: AgentDescription, plan: TrainingPlan, directory: String) throws {
        self.description = description
        self.directory = directory
        let frameStack = description.pixels?.frameStack ?? 1
        var fingerprints: [String: String] = [:]
        // Every data file is checked (DatasetFile), must come from the task's domain and, for
        // fine-tuning, carry the task's rewards.
        func load(_ path: String, rewards: Bool) throws -> TransitionDataset {
            let file = try DatasetFile(path: path)
            try file.requireDomain(of: plan.env)
            if rewards && file.has(DatasetKeys.rewards) { try file.requireRewards(of: plan.env) }
            fingerprints[path] = file.archive.fingerprint
            let data = try TransitionDataset(file: file, requireRewards: rewards, normalization: plan.normalization,
                                             frameStack: frameStack)
            guard data.observationSize == description.observationSize, data.actionSize == description.actionSize else {
                throw TrainingError.mismatch("\(data.path) has \(data.observationSize)-dimensional observations and \(data.actionSize)-dimensional actions, but \(plan.env) has \(description.observationSize) and \(description.actionSize); train on data collected in \(plan.env)'s domain")
            }
            return data
        }
        pretrainData = try load(plan.pretrainData, rewards: false)
        finetuneData = try load(plan.finetuneData, rewards: true)
        // A NAME-val.npz beside a data file is its validation set, loaded and checked as the file
        // itself is: a broken or mismatched one is an error, not skipped.
        func loadValidation(of path: String, rewards: Bool) throws -> TransitionDataset? {
            try TransitionDataset.validationPath(for: path).map { try load($0, rewards: rewards) }
        }
        validation = (try loadValidation(of: plan.pretrainData, rewards: false),
                      try loadValidation(of: plan.finetuneData, rewards: true))
        var plan = plan
        plan.dataFingerprints = fingerprints
        self.plan = plan
        agent = description.make(seed: plan.seed)
        sampler = SeededRandom(seed: plan.seed &+ 0x5EED)
        // The data are only read above; the folder is written from here on, under its lock.
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TrainingError.io(path: directory, reason: "cannot create the output folder: \(FileSystemFailure.reason(error)); pass another --out")
        }
        lock = try FileLock(path: "\(directory)/lock", owner: "infom train --env \(plan.env) --seed \(plan.seed)",
                            what: "training run")
        try resumeOrStart()
    }

    private var folder: TrainingFolder { TrainingFolder(path: directory) }

    /// The probability of random-crop augmentation of a training batch (pixels only).
    private var augmentation: Double { description.shared?.encoder?.augmentationProbability ?? 0 }

    private func resumeOrStart() throws {
        let folder = self.folder
        if FileManager.default.fileExists(atPath: folder.statePath) {
            var saved = try folder.read(TrainingPlan.self, folder.planPath)
            let savedData = saved.dataFingerprints
            saved.dataFingerprints = plan.dataFingerprints
            guard try folder.read(AgentDescription.self, folder.agentPath) == description, saved == plan else {
                throw TrainingError.mismatch("\(directory) holds a run with other settings (see its agent.json and plan.json); resume with the same flags or pass a new --out")
            }
            guard savedData == plan.dataFingerprints else {
                let changed = (plan.dataFingerprints ?? [:]).keys.sorted().filter { savedData?[$0] != plan.dataFingerprints?[$0] }
                throw TrainingError.mismatch("\(directory) was trained on other data: \((changed.isEmpty ? ["its data files"] : changed).joined(separator: ", ")) changed since the run started (the fingerprints in its plan.json differ); restore the original files or pass a new --out")
            }
            let state = try folder.read(TrainingFolder.CheckpointState.self, folder.statePath)
            try ParameterSet.load(agent.parameters, from: folder.tensorsPath("parameters", step: state.step))
            try agent.optimizer.load(from: folder.tensorsPath("optimizer", step: state.step))
            agent.random = SeededRandom(state: state.agentRandom)
            sampler = SeededRandom(state: state.samplerRandom)
            step = state.step
        } else {
            try description.prettyJSON().writeAtomically(to: folder.agentPath)
            try plan.prettyJSON().writeAtomically(to: folder.planPath)
        }
        try finetuneData.normalizer.prettyJSON().writeAtomically(to: folder.normalizerPath)
    }

    /// Writes the checkpoint of the current step: tensors under step-numbered names first, then
    /// `state.json` (atomically) pointing at them, then removes older ones; an interruption at
    /// any point leaves a complete earlier checkpoint.
    public func saveCheckpoint() throws {
        let folder = self.folder
        try FileManager.default.createDirectory(atPath: folder.checkpoint, withIntermediateDirectories: true)
        try ParameterSet.save(agent.parameters, to: folder.tensorsPath("parameters", step: step),
                              metadata: ["agent": description.kind.rawValue, "step": String(step)])
        try agent.optimizer.save(to: folder.tensorsPath("optimizer", step: step))
        try TrainingFolder.CheckpointState(step: step, agentRandom: agent.random.state, samplerRandom: sampler.state)
            .prettyJSON().writeAtomically(to: folder.statePath)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.checkpoint)
        where file.hasSuffix(".safetensors") && !file.hasSuffix("-\(step).safetensors") {
            try? FileManager.default.removeItem(atPath: "\(folder.checkpoint)/\(file)")
        }
    }

    /// Trains to the plan's end (from wherever a previous run stopped) and returns the final
    /// evaluation; with `stopAfter`, stops after that update with a checkpoint and returns nil.
    @discardableResult
    public func run(stopAfter: Int? = nil, progress: (TrainingProgress) -> Void = { _ in }) throws -> EvaluationResult? {
        let logs = (pretrain: try CSVLog(path: "\(directory)/pretrain.csv", keepThrough: step),
                    finetune: try CSVLog(path: "\(directory)/finetune.csv", keepThrough: step),
                    validation: try CSVLog(path: "\(directory)/validation.csv", keepThrough: step),
                    evaluation: try CSVLog(path: "\(directory)/eval.csv", keepThrough: step))
        var batch = agent.makeBatch(observationSize: description.observationSize, actionSize: description.actionSize)
        var final: EvaluationResult?
        var clock = Date(), updatesSinceClock = 0, rate = 0.0
        while step < plan.totalSteps {
            step += 1
            let finetuning = step > plan.pretrainSteps
            let logging = step % plan.logEvery == 0 || step == plan.totalSteps
            var metrics: [String: Double]
            if finetuning {
                if step == plan.pretrainSteps + 1 {
                    agent.inferTask(from: finetuneData, random: &sampler)
                    agent.startFinetuning()
                }
                finetuneData.sample(into: &batch, random: &sampler, augmentation: augmentation, goals: agent.goalSampling)
                metrics = agent.finetune(batch, dataset: finetuneData, step: step)
            } else {
                pretrainData.sample(into: &batch, random: &sampler, augmentation: augmentation, goals: agent.goalSampling)
                metrics = agent.pretrain(batch, dataset: pretrainData)
            }
            updatesSinceClock += 1
            guard metrics.values.allSatisfy({ $0.isFinite }) else {
                throw TrainingError.diverged(step: step, metrics: metrics.filter { !$0.value.isFinite }.keys.sorted(),
                                             checkpoint: folder.checkpoint)
            }
            if logging {
                rate = Double(updatesSinceClock) / max(Date().timeIntervalSince(clock), 1e-9)
                clock = Date()
                updatesSinceClock = 0
                metrics["updates_per_second"] = rate
                metrics["grad/norm"] = agent.optimizer.gradientNorm
                try (finetuning ? logs.finetune : logs.pretrain).append(step: step, metrics)
                if let data = finetuning ? validation.finetune : validation.pretrain {
                    var validationBatch = agent.makeBatch(observationSize: data.observationSize, actionSize: data.actionSize)
                    var random = SeededRandom(seed: plan.seed &+ UInt64(step))
                    data.sample(into: &validationBatch, random: &random, goals: agent.goalSampling)
                    try logs.validation.append(step: step, agent.losses(validationBatch, dataset: data, finetuning: finetuning))
                }
            }
            var evaluation: EvaluationResult?
            let fineStep = step - plan.pretrainSteps
            if finetuning && (fineStep == 1 || fineStep % plan.evalEvery == 0 || step == plan.totalSteps) {
                let result = try evaluate(episodes: plan.evalEpisodes)
                try logs.evaluation.append(step: step, ["success": result.success, "return": result.return,
                                                        "length": result.length])
                evaluation = result
                final = result
            }
            if step % plan.checkpointEvery == 0 || step == plan.pretrainSteps || step == plan.totalSteps || step == stopAfter {
                try saveCheckpoint()
            }
            if logging || evaluation != nil {
                progress(TrainingProgress(step: step, totalSteps: plan.totalSteps, finetuning: finetuning,
                                          updatesPerSecond: rate, metrics: metrics, evaluation: evaluation))
            }
            if step == stopAfter { return nil }
        }
        let result = try final ?? evaluate(episodes: plan.evalEpisodes)
        try result.prettyJSON().writeAtomically(to: "\(directory)/eval.json")
        return result
    }

    /// Evaluates the current policy on the plan's environment.
    public func evaluate(episodes: Int) throws -> EvaluationResult {
        try Self.evaluate(policy: agent.policy, normalizer: finetuneData.normalizer, pixels: description.pixels,
                          env: plan.env, episodes: episodes, seed: UInt32(truncatingIfNeeded: plan.seed),
                          agent: description.kind.rawValue, step: step)
    }

    /// Deterministic episodes of `policy` (spec infom.md §6), on all cores.
    public static func evaluate(policy: DeterministicPolicyNetwork, normalizer: ObservationNormalizer,
                                pixels: PixelObservation?, env: String, episodes: Int, seed: UInt32, agent: String,
                                step: Int) throws -> EvaluationResult {
        let outcomes = try PolicyEvaluation.run(id: env, tasks: [nil], episodes: episodes, seed: seed,
                                                workers: ProcessInfo.processInfo.activeProcessorCount,
                                                makePolicy: { _ in policy.makePolicy(normalizer: normalizer, pixels: pixels) })
        return EvaluationResult(env: env, agent: agent, step: step, outcomes: outcomes)
    }
}
