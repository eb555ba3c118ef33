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
    let actor: GaussianPolicy
    let value: MLP<Float>
    let critic: EnsembleMLP<Float>
    let targetCritic: EnsembleMLP<Float>
    private let pretraining: BatchLossGraph
    private let finetuning: BatchLossGraph
    private let finetuningWithActor: BatchLossGraph

    public init(observationSize ds: Int, actionSize da: Int, configuration c: IQLConfiguration, seed: UInt64) {
        configuration = c
        var random = SeededRandom(seed: seed)
        value = MLP(name: "value/value_net", inputSize: ds, hiddenSizes: c.valueHidden + [1], layerNorm: true, random: &random)
        (critic, targetCritic) = makeTwinCritic(inputSize: ds + da, hidden: c.valueHidden, random: &random)
        actor = GaussianPolicy(name: "actor", observationSize: ds, actionSize: da, hidden: c.actorHidden, random: &random)
        self.random = random
        let trainable = collectParameters([value, critic, actor])
        optimizer = Adam(parameters: trainable, learningRate: c.learningRate)
        let (actor, value, critic, target) = (actor, value, critic, targetCritic)
        pretraining = BatchLossGraph(batchSize: c.batchSize, observationSize: ds, actionSize: da, trainable: trainable) { g, io in
            let bc = actor.behaviourCloning(g, observations: io.observations, actions: io.actions)
            return ([("bc/bc_loss", bc.loss)], [("bc/mse", bc.mse)])
        }
        func finetuneGraph(withActor: Bool) -> BatchLossGraph {
            BatchLossGraph(batchSize: c.batchSize, observationSize: ds, actionSize: da, trainable: trainable) { g, io in
                let b = c.batchSize
                let stateActions = g.concatenate([io.observations, io.actions])
                let q = g.frozen { target.minimumOutput(g, stateActions) }
                let v = g.reshape(value(g, io.observations), [b])
                let valueLoss = g.mean(g.expectileLoss(g.subtract(q, v), expectile: c.expectile))
                let nextV = g.frozen { g.reshape(value(g, io.nextObservations), [b]) }
                let targetQ = g.add(io.rewards, g.scale(g.multiply(io.masks, nextV), by: c.discount))
                let qs = critic.memberOutputs(g, stateActions)
                let criticLoss = g.scale(g.mean(g.squaredError(qs, targetQ)), by: 2)
                var losses = [("value/value_loss", valueLoss), ("critic/critic_loss", criticLoss)]
                var metrics = [("critic/q_mean", g.mean(targetQ))]
                if withActor {
                    let advantage = g.frozen {
                        g.subtract(critic.minimumOutput(g, stateActions),
                                   g.reshape(value(g, io.observations), [b]))
                    }
                    let weights = g.clip(g.exp(g.scale(advantage, by: c.alpha)), low: 0, high: 100)
                    let mu = actor.mean(g, io.observations)
                    let logProbability = actor.logProbability(g, mean: mu, actions: io.actions)
                    let actorLoss = g.negate(g.mean(g.multiply(weights, logProbability)))
                    losses.append(("actor/actor_loss", actorLoss))
                    metrics += [("actor/adv", g.mean(advantage)), ("actor/mse", g.mean(g.squaredError(mu, io.actions)))]
                }
                return (losses, metrics)
            }
        }
        finetuning = finetuneGraph(withActor: false)
        finetuningWithActor = finetuneGraph(withActor: true)
    }

    public var parameters: [Parameter<Float>] { collectParameters([value, critic, actor, targetCritic]) }

    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: actor.meanNetwork, tanhOutput: false)
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
        (fullUpdate ? finetuningWithActor : finetuning).step(batch, optimizer: optimizer, update: true) {
            polyakUpdate(targets: self.targetCritic.parameters, online: self.critic.parameters, tau: self.configuration.tau)
        }
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        (isFinetuning ? finetuningWithActor : pretraining).step(batch, optimizer: optimizer, update: false)
    }
}
