import Learning
import Suite

/// An agent trained offline in two phases, reward-free pre-training then fine-tuning on
/// reward-labelled data, with one optimizer over its parameters (InFOM, IQL, ReBRAC).
public protocol OfflineAgent: AnyObject {
    /// The agent's name in checkpoints and logs (`infom`, `iql`, `rebrac`).
    static var name: String { get }
    /// The optimizer of its updates (``Adam`` for every agent so far).
    associatedtype AgentOptimizer: Optimizer<Float>
    /// Every parameter a checkpoint holds, target networks included.
    var parameters: [Parameter<Float>] { get }
    /// Its one optimizer, whose state checkpoints save beside the parameters.
    var optimizer: AgentOptimizer { get }
    /// The generator of the agent's own noise (latents, times, flow noise, policy noise).
    var random: SeededRandom { get set }
    var batchSize: Int { get }
    /// One pre-training update on a batch of `dataset`; returns the logged metrics.
    func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double]
    /// Called once between the phases (InFOM resets its target vector field here).
    func startFinetuning()
    /// Called once before ``startFinetuning()`` with the reward-labelled data and the trainer's
    /// sampler: FB + IQL and HILP + IQL infer their task latent here. Does nothing by default.
    func inferTask(from data: TransitionDataset, random: inout SeededRandom)
    /// One fine-tuning update; `step` is the global update count (pre-training steps included,
    /// 1-based), which decides actor updates.
    func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step: Int) -> [String: Double]
    /// The losses on a batch without an update (validation).
    func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning: Bool) -> [String: Double]
    /// The deterministic policy: observation (normalised) → action before clipping to [−1, 1].
    var policy: DeterministicPolicyNetwork { get }
    /// The goals its batches carry; nil (the default) for an agent without goals.
    var goalSampling: GoalSampling? { get }
}

extension OfflineAgent {
    public var goalSampling: GoalSampling? { nil }

    public func inferTask(from data: TransitionDataset, random: inout SeededRandom) {}

    /// Runs `draw` on the agent's ``random`` and then puts the generator back as it was: validation
    /// losses see the noise the next update would draw, and the run's draws do not move.
    func withRandomRestored<T>(_ draw: () -> T) -> T {
        let saved = random
        defer { random = saved }
        return draw()
    }

    /// An empty batch of the agent's size, with room for the goals it samples.
    public func makeBatch(observationSize: Int, actionSize: Int) -> TransitionBatch {
        TransitionBatch(size: batchSize, observationSize: observationSize, actionSize: actionSize, goals: goalSampling != nil)
    }
}

/// A deterministic policy as an MLP, optionally tanh-squashed, on states or on the embedding of
/// an image encoder; evaluation clips its output to [−1, 1]. Sendable because evaluation workers
/// only read its parameters, while training waits.
public struct DeterministicPolicyNetwork: @unchecked Sendable {
    public let network: MLP<Float>
    public let tanhOutput: Bool
    /// The encoder of pixel observations; nil on states.
    public let encoder: ImpalaEncoder<Float>?
    /// A state encoder whose representation the network reads (DINO + ReBRAC); nil otherwise.
    public let stateEncoder: MLP<Float>?

    public init(network: MLP<Float>, tanhOutput: Bool, encoder: ImpalaEncoder<Float>? = nil, stateEncoder: MLP<Float>? = nil) {
        self.network = network
        self.tanhOutput = tanhOutput
        self.encoder = encoder
        self.stateEncoder = stateEncoder
    }

    /// A policy instance for one episode: on states, normalised with `normalizer`; on pixels,
    /// seeing `pixels`.
    public func makePolicy(normalizer: ObservationNormalizer, pixels: PixelObservation?) -> any EvaluationPolicy {
        if let pixels { return PixelAgentPolicy(self, observation: pixels) }
        return AgentPolicy(self, normalizer: normalizer)
    }
}
