import ArrayFiles
import Learning
import Suite

/// Temporal-difference InfoNCE with importance sampling, as the reference trains it. The
/// two-member bilinear critic f = φ(s, a)·ψ(g)/√d learns the discounted state-occupancy ratio by
/// a TD form of InfoNCE: for logits N_ij = f(s_i, a_i, s′_j) and R_ij = f(s_i, a_i, g_j) (g the
/// value goals), the rows of C = I∘N + (1 − I)∘R have their next state as positive, and the
/// target critic's softmax over goals w_ij = softmax_j mean_e f̄(s′_i, a′_i, g_j) weighs R:
///
///   mean over members and rows of  (1 − γ)·CE(C_i, I_i) + γ·CE(R_i, w_i),
///
/// with a′ the batch's next action in pre-training (SARSA) and the policy's clipped mean at s′ in
/// fine-tuning. Pre-training adds Gaussian behaviour cloning; fine-tuning adds a reward model
/// and every `actorFrequency` steps the ``ImportanceSampledActorLoss`` (members averaged). The
/// target critic follows by Polyak averaging (from the pre-update parameters) after every update
/// and restarts as a copy of the critic when fine-tuning begins.
public final class TDInfoNCEAgent: OfflineAgent {
    public static let name = "td-infonce-is"
    public let configuration: TDInfoNCEConfiguration
    public let optimizer: Adam<Float>
    public var random: SeededRandom
    public var batchSize: Int { configuration.batchSize }
    public var goalSampling: GoalSampling? { configuration.goals }
    let reward: RewardModel
    let critic: BilinearCritic, targetCritic: BilinearCritic
    let actor: GaussianPolicy
    private let pretraining: BatchLossGraph
    private let finetuning: BatchLossGraph
    private let finetuningWithActor: BatchLossGraph

    public init(observationSize ds: Int, actionSize da: Int, configuration c: TDInfoNCEConfiguration, seed: UInt64) {
        configuration = c
        var random = SeededRandom(seed: seed)
        reward = RewardModel(observationSize: ds, hidden: c.rewardHidden, random: &random)
        critic = BilinearCritic(name: "critic", observationSize: ds, actionSize: da, hidden: c.valueHidden,
                                latentSize: c.latentSize, random: &random)
        targetCritic = BilinearCritic(name: "target_critic", observationSize: ds, actionSize: da, hidden: c.valueHidden,
                                      latentSize: c.latentSize, random: &random)
        copyParameters(from: critic.parameters, to: targetCritic.parameters)
        actor = GaussianPolicy(name: "actor", observationSize: ds, actionSize: da, hidden: c.actorHidden, random: &random)
        self.random = random
        let trainable = collectParameters([reward, critic, actor])
        optimizer = Adam(parameters: trainable, learningRate: c.learningRate)
        let (critic, targetCritic, actor) = (critic, targetCritic, actor)
        let b = c.batchSize, gamma = c.discount

        let graphs = ContrastiveLossGraph(actor: actor, critic: critic, reward: reward, alpha: c.alpha, aggregation: .mean,
                                          statistics: ContrastiveStatistics.tdInfoNCE)
        func graph(phase: LossPhase) -> BatchLossGraph {
            graphs.make(phase, batchSize: b, observationSize: ds, actionSize: da, trainable: trainable) { g, io, identity in
                let phi = critic.stateActionFeatures(g, io.observations, io.actions)
                let next = critic.logits(g, phi, critic.goalFeatures(g, io.nextObservations))
                let goals = critic.logits(g, phi, critic.goalFeatures(g, io.valueGoals!))
                let offDiagonal = g.subtract(g.constant(1, shape: [1]), identity)
                let mixed = g.add(g.multiply(identity, next), g.multiply(offDiagonal, goals))
                let weights = g.frozen { () -> Variable in
                    let nextActions = phase.isPretraining
                        ? io.nextActions : g.clip(actor.mean(g, io.nextObservations), low: -1, high: 1)
                    let f = targetCritic.logits(g, observations: io.nextObservations, actions: nextActions, goals: io.valueGoals!)
                    return g.softmax(g.mean(f, axes: [0]))
                }
                let loss = g.add(g.scale(g.softmaxCrossEntropy(logits: mixed, labels: identity), by: 1 - gamma),
                                 g.scale(g.softmaxCrossEntropy(logits: goals, labels: weights), by: gamma))
                return (g.mean(loss), mixed)
            }
        }
        pretraining = graph(phase: .pretraining)
        finetuning = graph(phase: .finetuning(withActor: false))
        finetuningWithActor = graph(phase: .finetuning(withActor: true))
    }

    public var parameters: [Parameter<Float>] { collectParameters([reward, critic, actor, targetCritic]) }

    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: actor.meanNetwork, tanhOutput: false)
    }

    public func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double] { pretrain(batch) }

    /// One contrastive (SARSA) and behaviour-cloning update, then the target's Polyak step.
    func pretrain(_ batch: TransitionBatch) -> [String: Double] {
        pretraining.step(batch, optimizer: optimizer, update: true, beforeUpdate: followCritic)
    }

    /// The target critic restarts as a copy of the critic (the reference's `target_reset`).
    public func startFinetuning() {
        copyParameters(from: critic.parameters, to: targetCritic.parameters)
    }

    public func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step: Int) -> [String: Double] {
        finetune(batch, fullUpdate: step % configuration.actorFrequency == 0)
    }

    /// One fine-tuning update, with the actor when `fullUpdate`.
    func finetune(_ batch: TransitionBatch, fullUpdate: Bool) -> [String: Double] {
        (fullUpdate ? finetuningWithActor : finetuning).step(batch, optimizer: optimizer, update: true, beforeUpdate: followCritic)
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        (isFinetuning ? finetuningWithActor : pretraining).step(batch, optimizer: optimizer, update: false)
    }

    private func followCritic() {
        polyakUpdate(targets: targetCritic.parameters, online: critic.parameters, tau: configuration.tau)
    }
}
