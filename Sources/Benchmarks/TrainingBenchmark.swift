import Agents
import ArrayFiles
import Foundation
import Learning
import Suite

/// Pre-training and fine-tuning updates/s of any agent (`infom train --agent`) at a preset's
/// sizes, through the same `OfflineAgent` calls the trainer makes, on one batch sampled from a
/// synthetic dataset of the environment's sizes (random observations and actions, 20 episodes
/// of 100 steps; for a `visual-…` id random 64×64 frames, stacked as the agent stacks them). Fine-tuning updates the actor on every `actorFrequency`-th step, as in
/// training. Set the figures beside the reference agent's on the same CPU
/// (`datasets-tools/bench_agent_reference.py`, run back to back).
public struct TrainingBenchmark {
    public let kind: AgentDescription.Kind
    public let preset: AgentPreset
    public let env: String
    public let iterations: Int

    public init(kind: AgentDescription.Kind, preset: AgentPreset, env: String, iterations: Int) {
        self.kind = kind
        self.preset = preset
        self.env = env
        self.iterations = iterations
    }

    public struct Report: Encodable {
        public let agent: String
        public let preset: String
        public let env: String
        public let batch: Int
        public let pretrain_updates_per_s: Double
        public let finetune_updates_per_s: Double
        /// OpenBLAS's kernel set (``OpenBLASCore/current``).
        public let blas_core: String
    }

    public func run() throws -> Report {
        let entry = try EnvironmentRegistry.entry(env)
        let da = entry.actionSize, side = 64
        let pixels = entry.pixels ? PixelObservation(height: side, width: side, frameStack: 1, fastRendering: false) : nil
        let description = try AgentDescription(kind: kind, preset: preset, env: env, observationSize: entry.observationSize,
                                               actionSize: da, pixels: pixels)
        let agent = description.make(seed: 0), ds = description.observationSize

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("infom-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }  // on a failed write or load
        let path = folder.appendingPathComponent("data.npz").path
        var random = SeededRandom(seed: 1)
        let rows = 2000
        let writer = try NPZWriter(path: path)
        func values(_ count: Int, _ bound: Float) -> [Float] { (0..<count).map { _ in random.uniform(-bound, bound) } }
        if pixels != nil {
            try writer.write("observations", (0..<(rows * side * side * 3)).map { _ in UInt8(random.next() % 256) },
                             shape: [rows, side, side, 3])
        } else {
            try writer.write("observations", values(rows * ds, 1), shape: [rows, ds])
        }
        try writer.write("actions", values(rows * da, 0.99), shape: [rows, da])
        try writer.write("terminals", (0..<rows).map { Float($0 % 100 == 99 ? 1 : 0) }, shape: [rows])
        try writer.write("rewards", values(rows, 1), shape: [rows])
        try writer.finish()
        let dataset = try TransitionDataset(path: path, requireRewards: true, frameStack: description.pixels?.frameStack ?? 1)
        // The dataset is in memory now: the file goes before the timing, so an interrupted run leaves nothing behind.
        try? FileManager.default.removeItem(at: folder)
        var batch = agent.makeBatch(observationSize: ds, actionSize: da)
        dataset.sample(into: &batch, random: &random, goals: agent.goalSampling)

        /// Updates 1…iterations per second, after warm-up updates at `warmUp` steps: fine-tuning
        /// warms up both its graphs (with and without the actor), whose first passes allocate and
        /// first touch their buffers, hundreds of megabytes for image encoders.
        func rate(warmUp: [Int], _ update: (Int) -> Void) -> Double {
            for step in warmUp { update(step) }
            return Double(iterations) / Measurement.seconds { for i in 1...iterations { update(i) } }
        }
        let pretrain = rate(warmUp: [0]) { _ in _ = agent.pretrain(batch, dataset: dataset) }
        agent.inferTask(from: dataset, random: &random)
        agent.startFinetuning()
        let finetune = rate(warmUp: [0, 1]) { i in _ = agent.finetune(batch, dataset: dataset, step: i) }
        return Report(agent: kind.rawValue, preset: preset.rawValue, env: env, batch: agent.batchSize,
                      pretrain_updates_per_s: pretrain, finetune_updates_per_s: finetune, blas_core: OpenBLASCore.current)
    }
}
