import ArrayFiles
import Learning

/// IQL's hyperparameters (spec infom.md §8.1; the reference's `agents/iql.py` defaults).
public typealias IQLConfiguration = AgentConfiguration<IQLHyperparameters>

/// IQL's own hyperparameters.
public struct IQLHyperparameters: AgentHyperparameters {
    public var expectile: Float = 0.9
    /// The AWR temperature (the reference README runs use 1).
    public var alpha: Float = 1

    public init() {}

    /// The same values on every task.
    public static func preset(_ preset: AgentPreset, env: String, shared: inout SharedHyperparameters) -> Self { Self() }
}

/// Implicit Q-learning with the reference's two phases: Gaussian behaviour cloning in
/// pre-training; in fine-tuning an expectile value against the target twin critic's minimum,
/// a twin critic regressed to r + γ·mask·V(s′), and every `actorFrequency` steps an AWR actor
/// weighted by min(exp(α(Q − V)), 100). The target critic follows by Polyak averaging (from the
/// pre-update parameters) on every fine-tuning step.
public final class IQLAgent: OfflineAgent {
    public static let name = "iql"
    public let configuration: IQLConfiguration
    public let optimizer: Adam<Float>
    public var random: SeededRandom
    public var batchSize: Int { configuration.batchSize }
    let networks: IQLNetworks
    private let pretraining: BatchLossGraph
    private let finetuning: IQLFinetuning

    public init(observationSize ds: Int, actionSize da: Int, configuration c: IQLConfiguration, seed: UInt64) {
        configuration = c
        var random = SeededRandom(seed: seed)
        let networks = IQLNetworks(observationSize: ds, actionSize: da, valueHidden: c.valueHidden, actorHidden: c.actorHidden,
                                   random: &random)
        self.networks = networks
        self.random = random
        let trainable = networks.trainable
        optimizer = Adam(parameters: trainable, learningRate: c.learningRate)
        pretraining = BatchLossGraph(batchSize: c.batchSize, observationSize: ds, actionSize: da, trainable: trainable) { g, io in
            let bc = networks.actor.behaviourCloning(g, observations: io.observations, actions: io.actions)
            return ([("bc/bc_loss", bc.loss)], [("bc/mse", bc.mse)])
        }
        finetuning = IQLFinetuning(networks, batchSize: c.batchSize, observationSize: ds, actionSize: da, trainable: trainable,
                                   expectile: c.expectile, alpha: c.alpha, discount: c.discount)
    }

    public var parameters: [Parameter<Float>] { networks.parameters }

    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: networks.actor.meanNetwork, tanhOutput: false)
    }

    public func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double] { pretrain(batch) }

    /// One behaviour-cloning update.
    func pretrain(_ batch: TransitionBatch) -> [String: Double] {
        pretraining.step(batch, optimizer: optimizer, update: true)
    }

    public func startFinetuning() {}

    public func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step: Int) -> [String: Double] {
        finetune(batch, fullUpdate: step % configuration.actorFrequency == 0)
    }

    /// One fine-tuning update, with the actor when `fullUpdate`.
    func finetune(_ batch: TransitionBatch, fullUpdate: Bool) -> [String: Double] {
        finetuning.step(batch, fullUpdate: fullUpdate, optimizer: optimizer, tau: configuration.tau)
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        guard isFinetuning else { return pretraining.step(batch, optimizer: optimizer, update: false) }
        return finetuning.step(batch, fullUpdate: true, optimizer: optimizer, tau: configuration.tau, update: false)
    }
}
