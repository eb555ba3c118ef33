import ArrayFiles
import Learning
import Suite

/// FB + IQL's hyperparameters (the reference's `agents/fb_repr.py` defaults, with the README's
/// per-domain coefficients in the presets).
public typealias FBConfiguration = AgentConfiguration<FBHyperparameters>

/// FB + IQL's own hyperparameters.
public struct FBHyperparameters: AgentHyperparameters {
    /// The behaviour-cloning weight of pre-training's latent-conditioned DDPG + BC actor.
    public var alphaRepresentation: Float = 10
    /// The AWR temperature of fine-tuning's IQL actor.
    public var alphaAWR: Float = 10
    public var expectile: Float = 0.9
    /// The size d of z, F(s, a, z) and B(s).
    public var latentSize = 512
    public var forwardHidden = [512, 512, 512, 512]
    public var backwardHidden = [512, 512, 512, 512]
    public var orthonormalityCoefficient: Float = 1
    /// The share of pre-training latents drawn from the sphere of radius √d (the rest are B(s)
    /// of other states of the batch).
    public var latentMixProbability: Float = 0.5
    /// How many reward-labelled transitions infer the task latent.
    public var inferenceSamples = 10_000

    public init() {}

    /// The README's coefficients: α_repr 1 for locomotion (its cheetah runs) and 10 for OGBench's
    /// manipulation (its cube-single runs), α_awr 1 for both; `small` uses 256 × 2 networks and
    /// caps the latent at 64, as for InFOM.
    public static func preset(_ preset: AgentPreset, env: String, shared: inout SharedHyperparameters) throws -> Self {
        var config = Self()
        config.alphaRepresentation = try EnvironmentRegistry.entry(env).manipulationFamily != nil ? 10 : 1
        config.alphaAWR = 1
        config.forwardHidden = preset.hiddenSizes
        config.backwardHidden = preset.hiddenSizes
        if preset == .small { config.latentSize = 64 }
        return config
    }
}

/// The random draws of one FB pre-training step's latents: standard normal vectors [B, d] (to be
/// normalised to √d), a permutation of the batch whose states' B(s) are the other candidates,
/// and uniform draws [B] choosing between them (the reference's `sample_latents`).
struct FBLatentNoise {
    var gaussian: [Float]
    var permutation: [Int]
    var mix: [Float]
}

/// Forward–backward representations with IQL, as the reference trains them. Pre-training learns
/// F(s, a, z) (a two-member ensemble, `forward_repr`) and B(s) (`backward_repr`, rows normalised
/// to √d) so that M(s, a, s′) = F(s, a, z)·B(s′) is the successor measure of the z-conditioned
/// policy, by the FB TD loss against target networks (off-diagonal entries toward γ·F̄(s′, π(s′, z),
/// z)·B̄(s″), members averaged, diagonal entries maximised) with B's orthonormality penalty, and a
/// latent-conditioned DDPG + BC actor on Q = min_e F_e(s, π, z)·z. Latents mix the sphere of
/// radius √d and B of other states. At the switch, the task latent is inferred from
/// `inferenceSamples` reward-labelled transitions, z_r ∝ Σ r_i B(s_i) at norm √d; fine-tuning is
/// IQL conditioned on z_r (the ``IQLNetworks``), whose target critic keeps its own
/// initialisation as in the reference. On pixels (the reference's `encoder='impala_small'`) every
/// network reads the embedding of an image encoder of its own, each target's a Polyak copy, and
/// the task latent is inferred in chunks of images.
public final class FBAgent: OfflineAgent {
    public static let name = "fb-iql"
    public let configuration: FBConfiguration
    public let optimizer: Adam<Float>
    public var random: SeededRandom
    public var batchSize: Int { configuration.batchSize }
    let iql: IQLNetworks
    let forward: EnsembleMLP<Float>, targetForward: EnsembleMLP<Float>
    let backward: MLP<Float>, targetBackward: MLP<Float>
    /// The image encoders of F, F̄, B and B̄ on pixels; nil on states.
    let forwardEncoder: ImpalaEncoder<Float>?, targetForwardEncoder: ImpalaEncoder<Float>?
    let backwardEncoder: ImpalaEncoder<Float>?, targetBackwardEncoder: ImpalaEncoder<Float>?
    /// The inferred task latent z_r [d] (zero until fine-tuning starts); saved with the parameters.
    let taskLatent: Parameter<Float>
    let pretraining: BatchLossGraph
    let finetuning: IQLFinetuning
    private let noiseInputs: (gaussian: Variable, permuted: Variable, mix: Variable)
    private var noise: FBLatentNoise
    private var permuted: [Float]

    /// An agent on observations of `ds` values, or with `imageShape` ([H, W, 3k]) on stacked
    /// frames through the configuration's image encoders.
    public init(observationSize ds: Int, imageShape: [Int]? = nil, actionSize da: Int, configuration c: FBConfiguration,
                seed: UInt64) {
        precondition((imageShape == nil) == (c.encoder == nil), "FBAgent: an image shape needs an encoder configuration and back")
        configuration = c
        let d = c.latentSize, b = c.batchSize, rootD = Float(d).squareRoot()
        let fs = imageShape == nil ? ds : c.encoder!.embeddingSize
        var random = SeededRandom(seed: seed)
        let iql = IQLNetworks(observationSize: ds, latentSize: d, actionSize: da, valueHidden: c.valueHidden,
                              actorHidden: c.actorHidden, targetIsCopy: false, imageShape: imageShape, encoder: c.encoder,
                              random: &random)
        let forward = EnsembleMLP<Float>(name: "forward_repr/value_net", inputSize: fs + d + da, hiddenSizes: c.forwardHidden + [d],
                                         layerNorm: true, random: &random)
        let targetForward = EnsembleMLP<Float>(name: "target_forward_repr/value_net", inputSize: fs + d + da,
                                               hiddenSizes: c.forwardHidden + [d], layerNorm: true, random: &random)
        let backward = MLP<Float>(name: "backward_repr/value_net", inputSize: fs, hiddenSizes: c.backwardHidden + [d],
                                  layerNorm: true, random: &random)
        let targetBackward = MLP<Float>(name: "target_backward_repr/value_net", inputSize: fs, hiddenSizes: c.backwardHidden + [d],
                                        layerNorm: true, random: &random)
        copyParameters(from: forward.parameters, to: targetForward.parameters)
        copyParameters(from: backward.parameters, to: targetBackward.parameters)
        func encoder(_ name: ParameterPath) -> ImpalaEncoder<Float>? {
            imageShape.map { ImpalaEncoder(name: name / "gc_encoder" / "state_encoder", imageShape: $0, configuration: c.encoder!,
                                           random: &random) }
        }
        let (forwardEncoder, backwardEncoder) = (encoder("forward_repr"), encoder("backward_repr"))
        let (targetForwardEncoder, targetBackwardEncoder) = (encoder("target_forward_repr"), encoder("target_backward_repr"))
        copyParameters(from: forwardEncoder.parameters, to: targetForwardEncoder.parameters)
        copyParameters(from: backwardEncoder.parameters, to: targetBackwardEncoder.parameters)
        (self.iql, self.forward, self.targetForward, self.backward, self.targetBackward) = (iql, forward, targetForward, backward,
                                                                                           targetBackward)
        (self.forwardEncoder, self.targetForwardEncoder) = (forwardEncoder, targetForwardEncoder)
        (self.backwardEncoder, self.targetBackwardEncoder) = (backwardEncoder, targetBackwardEncoder)
        taskLatent = Parameter(path: "task_latent", shape: [d], initial: Array(repeating: 0, count: d))
        self.random = random
        noise = FBLatentNoise(gaussian: Array(repeating: 0, count: b * d), permutation: Array(0..<b),
                              mix: Array(repeating: 0, count: b))
        permuted = Array(repeating: 0, count: b * ds)
        let trainable = iql.trainable + forward.parameters + backward.parameters + forwardEncoder.parameters + backwardEncoder.parameters
        optimizer = Adam(parameters: trainable, learningRate: c.learningRate)

        var noiseInputs: (Variable, Variable, Variable)?, logged: (measures: Variable, q: Variable)?
        let pretraining = BatchLossGraph(batchSize: b, observationSize: ds, actionSize: da, trainable: trainable) { g, io in
            let gaussian = g.input([b, d]), permutedStates = g.input([b, ds]), mix = g.input([b, 1])
            noiseInputs = (gaussian, permutedStates, mix)
            let identity = g.identity(b), offDiagonal = g.subtract(g.constant(1, shape: [1]), identity)
            let one = g.constant(1, shape: [1])
            // z = the normalised Gaussian where the draw is below the mix probability, else B of another state.
            let z = g.frozen {
                g.add(g.multiply(mix, g.normalizeRows(gaussian, to: rootD)),
                      g.multiply(g.subtract(one, mix), g.normalizeRows(backward(g, backwardEncoder.features(g, permutedStates)), to: rootD)))
            }
            // The FB TD loss.
            let targetMeasures = g.frozen { () -> Variable in
                let nextActions = g.clip(iql.actor.mean(g, io.nextObservations, conditioning: z), low: -1, high: 1)
                let f = targetForward(g, g.concatenate([targetForwardEncoder.features(g, io.nextObservations), z, nextActions]))
                let bNext = g.normalizeRows(targetBackward(g, targetBackwardEncoder.features(g, io.nextObservations)), to: rootD)
                return g.mean(g.matmul(f, bNext, transposeB: true), axes: [0])
            }
            let forwardFeatures = forwardEncoder.features(g, io.observations)
            let f = forward(g, g.concatenate([forwardFeatures, z, io.actions]))
            let bNext = g.normalizeRows(backward(g, backwardEncoder.features(g, io.nextObservations)), to: rootD)
            let measures = g.matmul(f, bNext, transposeB: true)
            let residual = g.multiply(g.subtract(measures, g.scale(targetMeasures, by: c.discount)), offDiagonal)
            let offDiagonalLoss = g.scale(g.sum(g.square(residual), axes: [-1]), by: 0.5 / Float(b - 1))
            let diagonalLoss = g.negate(g.sum(g.multiply(measures, identity), axes: [-1]))
            let representationLoss = g.mean(g.add(diagonalLoss, offDiagonalLoss))
            // B's orthonormality.
            let covariance = g.matmul(bNext, bNext, transposeB: true)
            let orthoDiagonal = g.scale(g.sum(g.multiply(covariance, identity), axes: [-1]), by: -2)
            let orthoOffDiagonal = g.scale(g.sum(g.square(g.multiply(covariance, offDiagonal)), axes: [-1]), by: 1 / Float(b - 1))
            let orthoLoss = g.scale(g.mean(g.add(orthoDiagonal, orthoOffDiagonal)), by: c.orthonormalityCoefficient)
            // The latent-conditioned DDPG + BC actor (Q not normalised: normalize_q_loss is off).
            let mu = iql.actor.mean(g, io.observations, conditioning: z)
            let q = g.frozen {
                // On pixels F's features of s are reused without their gradient.
                let features = forwardEncoder == nil ? io.observations : g.stopGradient(forwardFeatures)
                let fq = forward(g, g.concatenate([features, z, g.clip(mu, low: -1, high: 1)]))
                return g.minimumOverFirstAxis(g.sum(g.multiply(fq, z), axes: [-1]))
            }
            let qLoss = g.negate(g.mean(q))
            let logProbability = g.mean(iql.actor.logProbability(g, mean: mu, actions: io.actions))
            let bcLoss = g.scale(logProbability, by: -c.alphaRepresentation)
            let ratio = Float(b) / Float(b - 1)
            logged = (measures, q)
            return ([("fb_repr/repr_loss", representationLoss), ("fb_repr/ortho_loss", orthoLoss),
                     ("fb_actor/q_loss", qLoss), ("fb_actor/bc_loss", bcLoss)],
                    [("fb_repr/repr_diag_loss", g.mean(diagonalLoss)),
                     ("fb_repr/repr_off_diag_loss", g.scale(g.mean(offDiagonalLoss), by: ratio)),
                     ("fb_repr/ortho_diag_loss", g.mean(orthoDiagonal)), ("fb_repr/ortho_off_diag_loss", g.mean(orthoOffDiagonal)),
                     ("fb_repr/occ_measure_mean", g.mean(measures)),
                     ("fb_actor/actor_loss", g.add(qLoss, bcLoss)), ("fb_actor/q_mean", g.mean(q)),
                     ("fb_actor/bc_log_prob", logProbability), ("fb_actor/mse", g.mean(g.squaredError(mu, io.actions)))])
        }
        self.noiseInputs = noiseInputs!
        pretraining.valueMetrics = { [unowned pretraining] in
            let measures = pretraining.graph.buffer(logged!.measures)
            return ["fb_repr/occ_measure_max": Double(measures.max()!), "fb_repr/occ_measure_min": Double(measures.min()!),
                    "fb_actor/q_abs_mean": Double(pretraining.meanAbsolute(logged!.q)), "fb_actor/std": 1]
        }
        self.pretraining = pretraining
        finetuning = IQLFinetuning(iql, batchSize: b, observationSize: ds, actionSize: da, latentSize: d, trainable: trainable,
                                   expectile: c.expectile, alpha: c.alphaAWR, discount: c.discount)
    }

    public var parameters: [Parameter<Float>] {
        iql.parameters + forward.parameters + targetForward.parameters + backward.parameters + targetBackward.parameters
            + [taskLatent] + forwardEncoder.parameters + targetForwardEncoder.parameters + backwardEncoder.parameters
            + targetBackwardEncoder.parameters
    }

    /// The IQL actor at the inferred task latent, on observations alone.
    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: iql.actor.meanNetwork(fixing: taskLatent.values), tanhOutput: false,
                                   encoder: iql.actor.encoder)
    }

    public func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double] {
        drawLatentNoise()
        return pretrain(batch, latentNoise: noise)
    }

    /// One FB and actor update with the latents `latentNoise` gives, then the targets' Polyak step.
    func pretrain(_ batch: TransitionBatch, latentNoise: FBLatentNoise) -> [String: Double] {
        pretrainingStep(batch, latentNoise, update: true)
    }

    private func pretrainingStep(_ batch: TransitionBatch, _ latentNoise: FBLatentNoise, update: Bool) -> [String: Double] {
        let graph = pretraining.graph, ds = batch.observationSize
        for (row, source) in latentNoise.permutation.enumerated() {
            for j in 0..<ds { permuted[row * ds + j] = batch.observations[source * ds + j] }
        }
        graph.set(noiseInputs.gaussian, latentNoise.gaussian)
        graph.set(noiseInputs.permuted, permuted)
        graph.set(noiseInputs.mix, latentNoise.mix.map { $0 < configuration.latentMixProbability ? 1 : 0 })
        return pretraining.step(batch, optimizer: optimizer, update: update) {
            polyakUpdate(targets: self.targetForward.parameters + self.targetForwardEncoder.parameters,
                         online: self.forward.parameters + self.forwardEncoder.parameters, tau: self.configuration.tau)
            polyakUpdate(targets: self.targetBackward.parameters + self.targetBackwardEncoder.parameters,
                         online: self.backward.parameters + self.backwardEncoder.parameters, tau: self.configuration.tau)
        }
    }

    /// Gaussian latents, a uniformly random permutation (Fisher–Yates) and the mixing draws.
    private func drawLatentNoise() {
        let b = batchSize
        random.fillNormal(&noise.gaussian)
        noise.permutation = Array(0..<b)
        for i in stride(from: b - 1, to: 0, by: -1) { noise.permutation.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        for i in 0..<b { noise.mix[i] = random.uniform(0, 1) }
    }

    /// z_r from `inferenceSamples` transitions drawn uniformly from `data` (the reference samples
    /// batches until it has that many); on pixels drawn and encoded ``inferenceChunk`` at a time
    /// (the same draws as one batch), so that no more than a chunk of images is held at once.
    public func inferTask(from data: TransitionDataset, random sampler: inout SeededRandom) {
        let n = configuration.inferenceSamples
        let inference = TaskInference(self, samples: n)
        for start in stride(from: 0, to: n, by: inference.chunk) {
            let samples = data.sample(min(inference.chunk, n - start), random: &sampler)
            inference.add(observations: samples.observations, rewards: samples.rewards)
        }
        taskLatent.assign(inference.latent())
    }

    /// z_r = normalise(Σ_i r_i·B(s_i) / N) to norm √d; on pixels Σ_i r_i·B(s_i) is summed over
    /// chunks of ``inferenceChunk`` images.
    func inferTask(observations: [Float], rewards: [Float]) {
        let n = rewards.count, ds = observations.count / n
        let inference = TaskInference(self, samples: n)
        for start in stride(from: 0, to: n, by: inference.chunk) {
            let end = min(start + inference.chunk, n)
            inference.add(observations: Array(observations[(start * ds)..<(end * ds)]), rewards: Array(rewards[start..<end]))
        }
        taskLatent.assign(inference.latent())
    }

    /// Σ_i r_i·B(s_i) over rows given a chunk at a time, then z_r from it.
    private final class TaskInference {
        let chunk: Int, samples: Int, latentSize: Int
        private let graph = Graph<Float>(), states: Variable, rewards: Variable, weighted: Variable
        private var sum: [Float]

        /// The graph of one chunk: all `samples` rows at once on states, ``inferenceChunk`` on pixels.
        init(_ agent: FBAgent, samples n: Int) {
            let d = agent.configuration.latentSize, ds = agent.backward.layers[0].kernel.shape[0]
            chunk = agent.backwardEncoder == nil ? n : min(FBAgent.inferenceChunk, n)
            samples = n
            latentSize = d
            let observationSize = agent.backwardEncoder.map { $0.inputShape.reduce(1, *) } ?? ds
            states = graph.input([chunk, observationSize])
            rewards = graph.input([1, chunk])
            let features = agent.backwardEncoder.features(graph, states)
            weighted = graph.matmul(rewards, graph.normalizeRows(agent.backward(graph, features), to: Float(d).squareRoot()))
            sum = Array(repeating: 0, count: d)
        }

        /// Adds the rows of `observations` (at most a chunk) weighted by `rewards`; a short chunk is
        /// filled up with copies of its first row at reward 0, which add nothing.
        func add(observations: [Float], rewards r: [Float]) {
            let count = r.count, size = observations.count / count
            var rows = observations, weights = r
            for _ in count..<chunk { rows += observations[0..<size] }
            weights += repeatElement(0, count: chunk - count)
            graph.set(states, rows)
            graph.set(rewards, weights)
            graph.forward()
            let part = graph.buffer(weighted)
            for j in 0..<latentSize { sum[j] += part[j] }
        }

        /// normalise(Σ / N) to norm √d.
        func latent() -> [Float] {
            let g = Graph<Float>(), total = g.input([1, latentSize])
            let normalised = g.normalizeRows(g.scale(total, by: 1 / Float(samples)), to: Float(latentSize).squareRoot())
            g.set(total, sum)
            g.forward()
            return g.value(normalised)
        }
    }

    /// How many images one pass of the task inference encodes.
    static let inferenceChunk = 500

    public func startFinetuning() {}

    public func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step: Int) -> [String: Double] {
        finetune(batch, fullUpdate: step % configuration.actorFrequency == 0)
    }

    /// One IQL update at the task latent (read from its parameter, so a resumed run has it too),
    /// with the actor when `fullUpdate`.
    func finetune(_ batch: TransitionBatch, fullUpdate: Bool, update: Bool = true) -> [String: Double] {
        finetuning.step(batch, fullUpdate: fullUpdate, latent: taskLatent.values, optimizer: optimizer, tau: configuration.tau,
                        update: update)
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        guard isFinetuning else {
            withRandomRestored { drawLatentNoise() }
            return pretrainingStep(batch, noise, update: false)
        }
        return finetune(batch, fullUpdate: true, update: false)
    }
}
