import Agents
import COpenBLAS
import Learning

/// Pre-training and fine-tuning updates/s of the InFOM agent at a preset's sizes on random
/// batches, beside sgemm's GFLOP/s on the critic target's largest product in the same run.
/// Times whole updates (noise draws, target flow roll-outs, the Euler steps of the critic
/// target, forward, backward, Polyak and Adam), fine-tuning with the actor on every 4th update
/// as in training; the work per update is counted as the reference computes it
/// (``ReferenceFLOPs``).
public struct InFOMBenchmark {
    public let configuration: InFOMConfiguration
    public let observationSize: Int, actionSize: Int
    public let iterations: Int

    public init(configuration: InFOMConfiguration, observationSize: Int, actionSize: Int, iterations: Int) {
        self.configuration = configuration
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.iterations = iterations
    }

    public struct Report: Encodable {
        public let preset: String
        public let batch: Int
        public let pretrain_updates_per_s: Double
        public let finetune_updates_per_s: Double
        public let pretrain_gflop_per_update: Double
        public let finetune_gflop_per_update: Double
        public let pretrain_effective_gflops: Double
        public let finetune_effective_gflops: Double
        public let sgemm_gflops: Double
        /// The sgemm product's sizes, [rows, width]·[width, width], for the text report.
        public let sgemm_rows: Int, sgemm_width: Int

        enum CodingKeys: String, CodingKey {
            case preset, batch, pretrain_updates_per_s, finetune_updates_per_s, pretrain_gflop_per_update,
                 finetune_gflop_per_update, pretrain_effective_gflops, finetune_effective_gflops, sgemm_gflops
        }
    }

    /// Runs the benchmark; `preset` names the configuration's preset in the report.
    public func run(preset: String) -> Report {
        let config = configuration
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
        return Report(preset: preset, batch: b, pretrain_updates_per_s: pretrainRate, finetune_updates_per_s: finetuneRate,
                      pretrain_gflop_per_update: flops.pretrain / 1e9, finetune_gflop_per_update: flops.finetune / 1e9,
                      pretrain_effective_gflops: flops.pretrain * pretrainRate / 1e9,
                      finetune_effective_gflops: flops.finetune * finetuneRate / 1e9,
                      sgemm_gflops: 2 * Double(rows * width * width * products) / gemmSeconds / 1e9,
                      sgemm_rows: rows, sgemm_width: width)
    }
}
