import ArrayFiles
import Learning
import Suite

/// Contrastive RL with importance sampling, as the reference trains it. A two-member bilinear
/// critic f(s, a, g) = φ(s, a)·ψ(g)/√d learns by the forward InfoNCE loss on value goals (future
/// states of the same trajectory, geometric), each row's positive its own goal:
///
///   mean over members and rows of  −f_ii + log Σ_j exp f_ij + c·(log Σ_j exp f_ij)²,
///
/// beside Gaussian behaviour cloning in pre-training. Fine-tuning adds a reward model r̂(s) and,
/// every `actorFrequency` steps, the ``ImportanceSampledActorLoss`` on actor goals (uniform
/// future states). There are no target networks.
///
/// On pixels (the reference's `encoder='impala_small'`) the critic's φ and ψ, the actor and the
/// reward each read the embedding of an image encoder of their own; the goals are stacked frames
/// cropped, like the observations, on a share of the batches.
public final class CRLAgent: OfflineAgent {
    public static let name = "crl-is"
    public let configuration: CRLConfiguration
    public let optimizer: Adam<Float>
    public var random: SeededRandom
    public var batchSize: Int { configuration.batchSize }
    public var goalSampling: GoalSampling? { configuration.goals }
    let critic: BilinearCritic
    let actor: GaussianPolicy
    let reward: RewardModel
    let pretraining: BatchLossGraph
    private let finetuning: BatchLossGraph
    let finetuningWithActor: BatchLossGraph

    /// An agent on observations of `ds` values, or with `imageShape` ([H, W, 3k]) on stacked
    /// frames through the configuration's image encoders.
    public init(observationSize ds: Int, imageShape: [Int]? = nil, actionSize da: Int, configuration c: CRLConfiguration,
                seed: UInt64) {
        precondition((imageShape == nil) == (c.encoder == nil), "CRLAgent: an image shape needs an encoder configuration and back")
        configuration = c
        var random = SeededRandom(seed: seed)
        critic = BilinearCritic(name: "critic", observationSize: ds, actionSize: da, hidden: c.valueHidden,
                                latentSize: c.latentSize, imageShape: imageShape, encoder: c.encoder, random: &random)
        actor = GaussianPolicy(name: "actor", observationSize: ds, actionSize: da, hidden: c.actorHidden, imageShape: imageShape,
                               encoder: c.encoder, random: &random)
        reward = RewardModel(observationSize: ds, hidden: c.rewardHidden, imageShape: imageShape, encoder: c.encoder,
                             random: &random)
        self.random = random
        let trainable = collectParameters([critic, actor, reward])
        optimizer = Adam(parameters: trainable, learningRate: c.learningRate)
        let b = c.batchSize

        let critic = critic
        let graphs = ContrastiveLossGraph(actor: actor, critic: critic, reward: reward, alpha: c.alpha,
                                          aggregation: .minimumOfClippedExponential, statistics: ContrastiveStatistics.crl)
        func graph(phase: LossPhase) -> BatchLossGraph {
            graphs.make(phase, batchSize: b, observationSize: ds, actionSize: da, trainable: trainable) { g, io, identity in
                let f = critic.logits(g, observations: io.observations, actions: io.actions, goals: io.valueGoals!)
                let crossEntropy = g.softmaxCrossEntropy(logits: f, labels: identity)
                let penalty = g.scale(g.square(g.logSumExp(f)), by: c.logsumexpPenalty ?? 0)
                return (g.mean(g.add(crossEntropy, penalty)), f)
            }
        }
        pretraining = graph(phase: .pretraining)
        finetuning = graph(phase: .finetuning(withActor: false))
        finetuningWithActor = graph(phase: .finetuning(withActor: true))
    }

    public var parameters: [Parameter<Float>] { collectParameters([critic, actor, reward]) }

    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: actor.meanNetwork, tanhOutput: false, encoder: actor.encoder)
    }

    public func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double] { pretrain(batch) }

    /// One contrastive and behaviour-cloning update.
    func pretrain(_ batch: TransitionBatch) -> [String: Double] {
        pretraining.step(batch, optimizer: optimizer, update: true)
    }

    public func startFinetuning() {}

    public func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step: Int) -> [String: Double] {
        finetune(batch, fullUpdate: step % configuration.actorFrequency == 0)
    }

    /// One fine-tuning update, with the actor when `fullUpdate`.
    func finetune(_ batch: TransitionBatch, fullUpdate: Bool) -> [String: Double] {
        (fullUpdate ? finetuningWithActor : finetuning).step(batch, optimizer: optimizer, update: true)
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        (isFinetuning ? finetuningWithActor : pretraining).step(batch, optimizer: optimizer, update: false)
    }
}
