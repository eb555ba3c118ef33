import ArrayFiles
import Learning
import Suite

/// ReBRAC's hyperparameters (spec infom.md §8.2; the reference's `agents/rebrac.py` defaults,
/// with the README's per-domain penalties in the presets).
public typealias ReBRACConfiguration = AgentConfiguration<ReBRACHyperparameters>

/// ReBRAC's own hyperparameters.
public struct ReBRACHyperparameters: AgentHyperparameters {
    public var alphaActor: Float = 0.1
    public var alphaCritic: Float = 0.1
    public var actorNoise: Float = 0.2
    public var actorNoiseClip: Float = 0.5
    /// MBPO's transition and reward models (`mbpo-rebrac`); nil for ReBRAC.
    public var worldModel: WorldModelHyperparameters?
    /// DINO's state encoder (`dino-rebrac`); nil for ReBRAC.
    public var dino: DINOHyperparameters?

    public init() {}

    /// The reference's penalties: 1 for OGBench's manipulation domains, 0.1 for locomotion.
    public static func preset(_ preset: AgentPreset, env: String, shared: inout SharedHyperparameters) throws -> Self {
        var config = Self()
        let manipulation = try EnvironmentRegistry.entry(env).manipulationFamily != nil
        config.alphaActor = manipulation ? 1 : 0.1
        config.alphaCritic = manipulation ? 1 : 0.1
        return config
    }
}

/// ReBRAC (TD3+BC with layer norm and separate penalties), as the reference trains it:
/// tanh-Gaussian behaviour cloning in pre-training; in fine-tuning a twin critic regressed to
/// r + γ·mask·(min Q̄(s′, ã′) − α_c‖ã′ − a′‖²) with ã′ the target actor's action plus clipped
/// noise, and every `actorFrequency` steps the actor loss −Q/sg(mean|Q|) + α_a‖π(s) − a‖²,
/// with both targets Polyak-averaged on those steps only.
///
/// With a ``ReBRACHyperparameters/worldModel`` it is MBPO + ReBRAC as the reference trains it:
/// the ``WorldModel``'s transition loss joins behaviour cloning in pre-training, and its reward
/// and transition losses join the critic's (and actor's) in fine-tuning. The reference's
/// critic and actor train on the real batch: its imagined transitions go to a buffer of 100,
/// which it samples only once the buffer holds more than a batch (256), so they never reach an
/// update; this agent therefore draws no imagined roll-outs.
///
/// With ``ReBRACHyperparameters/dino`` it is DINO + ReBRAC as the reference trains it: pre-training
/// adds the ``DINOEncoder``'s self-distillation loss, and behaviour cloning, the critic and the
/// actor read the encoder's representation (the targets the target encoder's) with no gradient to
/// the encoder, which thus learns in pre-training only; its target follows the encoder after every
/// pre-training step and every fine-tuning actor step, and restarts as its copy at the switch. On
/// pixels the encoder is an IMPALA encoder and its two views are random crops of the batch's
/// stacked frames, new ones for every pre-training update.
public final class ReBRACAgent: OfflineAgent {
    public static let name = "rebrac"
    public let configuration: ReBRACConfiguration
    public let optimizer: Adam<Float>
    public var random: SeededRandom
    public var batchSize: Int { configuration.batchSize }
    let actor: GaussianPolicy, targetActor: GaussianPolicy
    let critic: EnsembleMLP<Float>, targetCritic: EnsembleMLP<Float>
    let worldModel: WorldModel?
    let encoder: DINOEncoder?
    let pretraining: BatchLossGraph
    private let finetuning: BatchLossGraph
    let finetuningWithActor: BatchLossGraph
    private let noiseInputs: [Variable]
    private var noise: [Float]
    private var viewInputs: [Variable] = []
    /// DINO's two views' inputs, [B, d_s] each: the clipped noises on states, the crops on pixels.
    private(set) var views: [[Float]]
    /// The [H, W, 3k] of stacked frames on pixels; nil on states.
    private let imageShape: [Int]?

    /// An agent on observations of `ds` values, or with `imageShape` ([H, W, 3k], DINO + ReBRAC
    /// only) on stacked frames through DINO's image encoder.
    public init(observationSize ds: Int, imageShape: [Int]? = nil, actionSize da: Int, configuration c: ReBRACConfiguration,
                seed: UInt64) {
        precondition(imageShape == nil || (c.dino != nil && c.encoder != nil), "ReBRACAgent: pixels need DINO and an encoder configuration")
        configuration = c
        self.imageShape = imageShape
        var random = SeededRandom(seed: seed)
        // The actor and critic see states, or DINO's representation of them.
        let fs = c.dino.map { imageShape == nil ? $0.encoderHidden.last! : c.encoder!.embeddingSize } ?? ds
        (critic, targetCritic) = makeTwinCritic(inputSize: fs + da, hidden: c.valueHidden, random: &random)
        actor = GaussianPolicy(name: "actor", observationSize: fs, actionSize: da, hidden: c.actorHidden, random: &random)
        targetActor = GaussianPolicy(name: "target_actor", observationSize: fs, actionSize: da, hidden: c.actorHidden,
                                     random: &random)
        copyParameters(from: actor.parameters, to: targetActor.parameters)
        let worldModel = c.worldModel.map { WorldModel(observationSize: ds, actionSize: da, hyperparameters: $0, random: &random) }
        self.worldModel = worldModel
        let encoder = c.dino.map { DINOEncoder(observationSize: ds, imageShape: imageShape, image: c.encoder, hyperparameters: $0,
                                               random: &random) }
        self.encoder = encoder
        self.random = random
        noise = Array(repeating: 0, count: c.batchSize * da)
        views = encoder == nil ? [] : Array(repeating: Array(repeating: 0, count: c.batchSize * ds), count: 2)
        let trainable = collectParameters([critic, actor] + (worldModel.map { [$0] } ?? []))
            + (encoder?.online.parameters ?? [])
        optimizer = Adam(parameters: trainable, learningRate: c.learningRate)
        let (actor, targetActor, critic, targetCritic) = (actor, targetActor, critic, targetCritic)
        let b = c.batchSize

        /// The states the actor and critic read: the observations, or the (target) encoder's
        /// representation of them, with no gradient to the encoder.
        func features(_ g: Graph<Float>, _ observations: Variable, target: Bool = false) -> Variable {
            guard let encoder else { return observations }
            return g.frozen { (target ? encoder.target : encoder.online)(g, observations) }
        }
        /// −log π(a|s) of the tanh-squashed unit-σ Gaussian: ½‖atanh a − μ‖² + (d/2)·log 2π + Σ log(1 − a²).
        func tanhNegativeLogLikelihood(_ g: Graph<Float>, _ io: BatchLossGraph.Inputs) -> (Variable, Variable) {
            let mu = actor.mean(g, features(g, io.observations))
            let gaussian = actor.logProbability(g, mean: mu, actions: g.atanh(io.actions))
            let jacobian = g.sum(g.log(g.subtract(g.constant(1, shape: [1]), g.square(io.actions))), axes: [-1])
            return (g.negate(g.mean(g.subtract(gaussian, jacobian))), g.tanh(mu))
        }
        /// The world model's losses and metric, when there is one.
        func modelTerms(_ g: Graph<Float>, _ io: BatchLossGraph.Inputs, reward: Bool)
            -> (losses: [(String, Variable)], metrics: [(String, Variable)]) {
            guard let worldModel else { return ([], []) }
            let (transitionLoss, residual) = worldModel.transitionLoss(g, io)
            let rewardTerm = reward ? [("reward/reward_loss", worldModel.reward.loss(g, io))] : []
            return (rewardTerm + [("transition/transition_loss", transitionLoss)], [("transition/obs_res", residual)])
        }
        var viewInputs: [Variable] = []
        pretraining = BatchLossGraph(batchSize: b, observationSize: ds, actionSize: da, trainable: trainable) { g, io in
            let model = modelTerms(g, io, reward: false)
            var representation: [(String, Variable)] = []
            if let encoder {
                viewInputs = [g.input([b, ds]), g.input([b, ds])]
                let views = imageShape == nil ? viewInputs.map { g.add(io.observations, $0) } : viewInputs
                representation = [("repr/repr_loss", encoder.loss(g, views: views))]
            }
            let (nll, mode) = tanhNegativeLogLikelihood(g, io)
            return (model.losses + representation + [("bc/bc_loss", nll)],
                    model.metrics + [("bc/bc_log_prob", g.negate(nll)), ("bc/mse", g.mean(g.squaredError(mode, io.actions)))])
        }
        self.viewInputs = viewInputs
        var noiseInputs: [Variable] = []
        func finetuneGraph(withActor: Bool) -> BatchLossGraph {
            var normalizer: Variable?, minimumQ: Variable?
            let graph = BatchLossGraph(batchSize: b, observationSize: ds, actionSize: da, trainable: trainable) { g, io in
                let noiseInput = g.input([b, da])
                noiseInputs.append(noiseInput)
                let states = features(g, io.observations), nextStates = features(g, io.nextObservations, target: true)
                let nextQ = g.frozen { () -> Variable in
                    let nextActions = g.clip(g.add(g.tanh(targetActor.mean(g, nextStates)), noiseInput), low: -1, high: 1)
                    let q = targetCritic.minimumOutput(g, g.concatenate([nextStates, nextActions]))
                    let penalty = g.sum(g.squaredError(nextActions, io.nextActions), axes: [-1])
                    return g.subtract(q, g.scale(penalty, by: c.alphaCritic))
                }
                let targetQ = g.add(io.rewards, g.scale(g.multiply(io.masks, nextQ), by: c.discount))
                let qs = critic.memberOutputs(g, g.concatenate([states, io.actions]))
                let criticLoss = g.mean(g.squaredError(qs, targetQ))
                let model = modelTerms(g, io, reward: true)
                var losses = model.losses + [("critic/critic_loss", criticLoss)]
                var metrics = model.metrics + [("critic/q_mean", g.mean(qs))]
                if withActor {
                    let policyActions = g.tanh(actor.mean(g, states))
                    let q = g.frozen { critic.minimumOutput(g, g.concatenate([states, policyActions])) }
                    let lambda = g.input([])
                    let qLoss = g.negate(g.multiply(lambda, g.mean(q)))
                    // The reference's `mse` is the squared distance per sample (summed over action
                    // dimensions), averaged over the batch; its `actor_loss` is the Q term.
                    let mse = g.mean(g.sum(g.squaredError(policyActions, io.actions), axes: [-1]))
                    let bcLoss = g.scale(mse, by: c.alphaActor)
                    losses += [("actor/actor_loss", qLoss), ("actor/bc_loss", bcLoss)]
                    metrics.append(("actor/mse", mse))
                    normalizer = lambda
                    minimumQ = q
                }
                return (losses, metrics)
            }
            if let normalizer, let minimumQ { graph.normaliseByMeanAbsolute(minimumQ, into: normalizer) }
            return graph
        }
        finetuning = finetuneGraph(withActor: false)
        finetuningWithActor = finetuneGraph(withActor: true)
        self.noiseInputs = noiseInputs
    }

    public var parameters: [Parameter<Float>] {
        collectParameters([critic, actor, targetCritic, targetActor] + (worldModel.map { [$0] } ?? []))
            + (encoder?.parameters ?? [])
    }

    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: actor.meanNetwork, tanhOutput: true, encoder: encoder?.online.imageNetwork,
                                   stateEncoder: encoder?.online.stateNetwork)
    }

    public func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double] {
        if let dino = configuration.dino {
            for k in views.indices {
                if let imageShape {
                    randomCrops(of: batch.observations, into: &views[k], imageShape: imageShape,
                                pad: TransitionDataset.cropPadding, random: &random)
                } else {
                    random.fillNormal(&views[k])
                    for i in views[k].indices {
                        views[k][i] = min(max(views[k][i] * dino.viewNoise, -dino.viewNoiseClip), dino.viewNoiseClip)
                    }
                }
            }
        }
        return pretrain(batch, viewNoise: views)
    }

    /// One behaviour-cloning update (with DINO, and its two views' inputs `viewNoise`, [B, d_s]
    /// each, the clipped noises on states and the crops on pixels, also a self-distillation
    /// update and the teacher's Polyak step).
    func pretrain(_ batch: TransitionBatch, viewNoise: [[Float]] = [], update: Bool = true) -> [String: Double] {
        for (input, values) in zip(viewInputs, viewNoise) { pretraining.graph.set(input, values) }
        return pretraining.step(batch, optimizer: optimizer, update: update) {
            self.encoder?.followOnline(tau: self.configuration.tau)
        }
    }

    /// DINO's target encoder restarts as a copy of the encoder (the reference's `target_reset`).
    public func startFinetuning() {
        if let encoder { copyParameters(from: encoder.online.parameters, to: encoder.target.parameters) }
    }

    public func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step: Int) -> [String: Double] {
        drawNoise()
        return finetune(batch, smoothingNoise: noise, fullUpdate: step % configuration.actorFrequency == 0)
    }

    /// One fine-tuning update with the target policy's smoothing noise `smoothingNoise` ([B, d_a],
    /// clipped); with the actor, and the targets' Polyak step, when `fullUpdate`.
    func finetune(_ batch: TransitionBatch, smoothingNoise: [Float], fullUpdate full: Bool) -> [String: Double] {
        let graph = full ? finetuningWithActor : finetuning
        graph.graph.set(noiseInputs[full ? 1 : 0], smoothingNoise)
        return graph.step(batch, optimizer: optimizer, update: true) {
            guard full else { return }
            self.encoder?.followOnline(tau: self.configuration.tau)
            polyakUpdate(targets: self.targetCritic.parameters, online: self.critic.parameters, tau: self.configuration.tau)
            polyakUpdate(targets: self.targetActor.parameters, online: self.actor.parameters, tau: self.configuration.tau)
        }
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        guard isFinetuning else { return pretrain(batch, viewNoise: views, update: false) }
        withRandomRestored { drawNoise() }
        finetuningWithActor.graph.set(noiseInputs[1], noise)
        return finetuningWithActor.step(batch, optimizer: optimizer, update: false)
    }

    /// Draws the target policy's smoothing noise clip(N(0, σ²), ±c) for the batch into `noise`.
    private func drawNoise() {
        random.fillNormal(&noise)
        for i in noise.indices {
            noise[i] = min(max(noise[i] * configuration.actorNoise, -configuration.actorNoiseClip), configuration.actorNoiseClip)
        }
    }
}
