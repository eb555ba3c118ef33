import ArrayFiles
import Learning

/// The InFOM agent (spec infom.md): a flow occupancy model with an intention encoder
/// pre-trained on reward-free data, then a reward model, an expectile critic distilled from
/// N flow goals × K Euler steps, and a DDPG+BC actor fine-tuned on reward-labelled data, all
/// under one Adam with one global step count. On state observations, or on stacked image
/// frames through IMPALA encoders (the visual variant, §2.3).
///
/// Each update draws its noise from ``random`` (or takes an injected ``InFOMNoise``), computes
/// the no-gradient parts (the target flow's goals and velocities, the Monte-Carlo Q targets)
/// with the pre-update parameters in batched forward passes, then runs one graph, one backward
/// pass, the Polyak update from the pre-update parameters, and Adam.
public final class InFOMAgent: OfflineAgent {
    public static let name = "infom"
    public let configuration: InFOMConfiguration
    public let networks: InFOMNetworks
    public let optimizer: Adam<Float>
    public var random: SeededRandom
    public var batchSize: Int { configuration.batchSize }
    public var noise: InFOMNoise

    /// The loss graphs built so far, one per phase (built on first use; the pre-training graph
    /// is dropped at the switch, which matters for the large activations of image encoders).
    private var graphs: [InFOMLossGraph.Phase: InFOMLossGraph] = [:]
    private let targetFlow: FlowRollout
    private let onlineFlow: FlowRollout
    private let rewardInference: MLPInference
    // Scratch, allocated once.
    private var condition: [Float]
    private var goalCondition: [Float]
    private var futureGoals: [Float]
    private var interpolant: [Float]
    private var flowGoals: [Float]
    private var targetQ: [Float]
    /// The critic target's latents sampled from the intention encoder (`criticLatent == .encoding` only).
    private var criticLatents: [Float]

    /// A fresh agent for observations of `observationSize` values, or with `imageShape`
    /// ([H, W, 3k], and an encoder in the configuration) for stacked frames.
    public init(observationSize: Int, imageShape: [Int]? = nil, actionSize: Int, configuration: InFOMConfiguration,
                seed: UInt64) {
        self.configuration = configuration
        var random = SeededRandom(seed: seed)
        networks = InFOMNetworks(observationSize: observationSize, imageShape: imageShape, actionSize: actionSize,
                                 configuration: configuration, random: &random)
        self.random = random
        optimizer = Adam(parameters: networks.trainable, learningRate: configuration.learningRate)
        let b = configuration.batchSize, n = configuration.flowGoals, ds = networks.stateSize
        targetFlow = FlowRollout(vectorField: networks.targetVectorField, stateSize: ds, capacity: b, conditionCapacity: b)
        let goalConditions = configuration.latentPerFlowGoal ? n * b : b
        onlineFlow = FlowRollout(vectorField: networks.vectorField, stateSize: ds, capacity: n * b,
                                 conditionCapacity: goalConditions)
        rewardInference = MLPInference(networks.reward, capacity: n * b)
        let conditionWidth = ds + actionSize + configuration.latentSize
        condition = Array(repeating: 0, count: b * conditionWidth)
        goalCondition = Array(repeating: 0, count: goalConditions * conditionWidth)
        futureGoals = Array(repeating: 0, count: b * ds)
        interpolant = Array(repeating: 0, count: b * ds)
        flowGoals = Array(repeating: 0, count: n * b * ds)
        targetQ = Array(repeating: 0, count: b)
        criticLatents = configuration.criticLatent == .encoding ? Array(repeating: 0, count: goalConditions * configuration.latentSize) : []
        noise = InFOMNoise(configuration: configuration, batchSize: b, observationSize: ds)
    }

    public var parameters: [Parameter<Float>] { networks.all }

    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: networks.actor.meanNetwork, tanhOutput: false, encoder: networks.encoders?.actor)
    }

    public func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double] {
        pretrain(batch, low: dataset.observationMin, high: dataset.observationMax)
    }

    /// One pre-training update with fresh noise, clipping flow goals to `low`…`high`.
    public func pretrain(_ batch: TransitionBatch, low: [Float], high: [Float]) -> [String: Double] {
        noise.draw(&random, finetuning: false, futureEqualsCurrent: configuration.futureNoiseEqualsCurrent)
        return step(graph(.pretraining), batch, low: low, high: high, update: true)
    }

    /// θ̄ ← θ: the target vector field (and its encoder) starts fine-tuning equal to the online one (spec §3.3).
    public func startFinetuning() {
        copyParameters(from: networks.tracked, to: networks.targets)
        graphs[.pretraining] = nil
    }

    /// The loss graph of `phase`, built on first use.
    private func graph(_ phase: InFOMLossGraph.Phase) -> InFOMLossGraph {
        if let built = graphs[phase] { return built }
        let built = InFOMLossGraph(phase: phase, networks: networks, configuration: configuration, batchSize: batchSize)
        graphs[phase] = built
        return built
    }

    public func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step global: Int) -> [String: Double] {
        finetune(batch, low: dataset.observationMin, high: dataset.observationMax, step: global)
    }

    /// One fine-tuning update at global step `global` (with the actor every `actorFrequency`
    /// steps) with fresh noise, clipping flow goals to `low`…`high`.
    public func finetune(_ batch: TransitionBatch, low: [Float], high: [Float], step global: Int) -> [String: Double] {
        noise.draw(&random, finetuning: true, futureEqualsCurrent: configuration.futureNoiseEqualsCurrent)
        let phase: InFOMLossGraph.Phase = global % configuration.actorFrequency == 0 ? .finetuningWithActor : .finetuning
        return step(graph(phase), batch, low: low, high: high, update: true)
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        withRandomRestored { noise.draw(&random, finetuning: isFinetuning, futureEqualsCurrent: configuration.futureNoiseEqualsCurrent) }
        return step(graph(isFinetuning ? .finetuningWithActor : .pretraining), batch,
                    low: dataset.observationMin, high: dataset.observationMax, update: false)
    }

    /// One update (or, without `update`, one evaluation of the losses) with the current ``noise``
    /// and clip bounds `low`/`high`: pre-training, or fine-tuning with the actor when `fullUpdate`.
    public func step(injected batch: TransitionBatch, low: [Float], high: [Float], finetuning: Bool, fullUpdate: Bool,
                     update: Bool) -> [String: Double] {
        let phase: InFOMLossGraph.Phase = finetuning ? (fullUpdate ? .finetuningWithActor : .finetuning) : .pretraining
        return step(graph(phase), batch, low: low, high: high, update: update)
    }

    private func step(_ loss: InFOMLossGraph, _ batch: TransitionBatch, low: [Float], high: [Float],
                      update: Bool) -> [String: Double] {
        let g = loss.graph, b = batchSize
        let bounds = configuration.clipFlowGoals && !low.isEmpty ? (low, high) : nil
        g.set(loss.observations, batch.observations)
        g.set(loss.actions, batch.actions)
        g.set(loss.nextObservations, batch.nextObservations)
        g.set(loss.nextActions, batch.nextActions)
        g.set(loss.latentNoise, noise.latentNoise)
        g.forward(through: loss.latents)
        let z = g.buffer(loss.latents), states = g.buffer(loss.states)
        var info: [String: Double] = [:]

        // The future term's target: s̃_f = Φ_θ̄(ε_f; s′, a′, sg(z)), then u = v_θ̄(x^f_t, t, s′, a′, sg(z)).
        fillCondition(&condition, states: g.buffer(loss.nextStates), actions: batch.nextActions, latents: z, rows: b)
        condition.withUnsafeBufferPointer { targetFlow.setCondition($0.baseAddress!, rows: b) }
        futureGoals.withUnsafeMutableBufferPointer { goals in
            _ = goals.update(fromContentsOf: noise.futureNoise)
            targetFlow.integrate(goals.baseAddress!, rows: b, steps: configuration.flowSteps, low: bounds?.0, high: bounds?.1)
        }
        info["flow_occupancy/flow_future_obs_max"] = Double(futureGoals.max() ?? 0)
        info["flow_occupancy/flow_future_obs_min"] = Double(futureGoals.min() ?? 0)
        interpolate(futureGoals, noise.futureNoise, into: &interpolant)
        g.set(loss.futureInput, interpolant)
        let times = noise.times
        interpolant.withUnsafeBufferPointer { x in
            g.set(loss.futureTarget, from: targetFlow.velocity(x.baseAddress!, rows: b) { times[$0] })
        }
        g.set(loss.currentNoise, noise.currentNoise)
        g.set(loss.times, noise.times)

        if let targetInput = loss.targetQ, let rewardInput = loss.rewards {
            if configuration.criticLatent == .encoding { sampleCriticLatents(mean: g.buffer(loss.latentMean), std: g.buffer(loss.latentStd)) }
            computeTargetQ(states: states, actions: batch.actions, low: bounds?.0, high: bounds?.1)
            g.set(targetInput, targetQ)
            g.set(rewardInput, batch.rewards)
        }
        g.forward(after: loss.latents)
        for (name, variable) in loss.metrics { info[name] = Double(g.scalar(variable)) }
        if let qs = loss.criticValues {
            let values = g.buffer(qs)
            let q = (0..<b).map { min(values[$0], values[b + $0]) }
            info["critic/q_mean"] = Double(q.reduce(0, +)) / Double(b)
            info["critic/q_max"] = Double(q.max() ?? 0)
            info["critic/q_min"] = Double(q.min() ?? 0)
        }
        guard update else { return info }
        loss.update.apply(optimizer) {
            polyakUpdate(targets: networks.targets, online: networks.tracked, tau: configuration.tau)
        }
        return info
    }

    /// Q̂_b = 1/(1−γ) · mean_n r_η(Φ_θ(ε^(n)_b; s_b, a_b, z)) with prior latents z, online θ
    /// and the batch's clip bounds (spec §1.5 b), into ``targetQ``; `states` are the flow's states of s.
    private func computeTargetQ(states: UnsafeBufferPointer<Float>, actions: [Float], low: [Float]?, high: [Float]?) {
        let b = batchSize, n = configuration.flowGoals
        let conditionRows = configuration.latentPerFlowGoal ? n * b : b
        (configuration.criticLatent == .encoding ? criticLatents : noise.priorLatents).withUnsafeBufferPointer { z in
            fillCondition(&goalCondition, states: states, actions: actions, latents: z, rows: conditionRows)
        }
        goalCondition.withUnsafeBufferPointer { onlineFlow.setCondition($0.baseAddress!, rows: conditionRows) }
        flowGoals.withUnsafeMutableBufferPointer { goals in
            _ = goals.update(fromContentsOf: noise.goalNoise)
            onlineFlow.integrate(goals.baseAddress!, rows: n * b, steps: configuration.flowSteps, low: low, high: high)
            let rewards = rewardInference(UnsafeBufferPointer(goals), rows: n * b)
            let scale = 1 / (1 - configuration.discount) / Float(n)
            for j in 0..<b {
                var sum: Float = 0
                for k in 0..<n { sum += rewards[k * b + j] }
                targetQ[j] = sum * scale
            }
        }
    }

    /// `critic_latent_type='encoding'`: z = m + σ ⊙ ε per conditioning row, with m and σ of the
    /// intention encoder on the row's sample (s′, a′) and ε the draws that the prior would use.
    private func sampleCriticLatents(mean: UnsafeBufferPointer<Float>, std: UnsafeBufferPointer<Float>) {
        let l = configuration.latentSize, b = batchSize
        for r in 0..<(criticLatents.count / l) {
            let sample = (r % b) * l
            for j in 0..<l { criticLatents[r * l + j] = mean[sample + j] + std[sample + j] * noise.priorLatents[r * l + j] }
        }
    }

    /// Rows [s, a, z] of the vector field's conditioning; row r takes s and a from row r mod B.
    private func fillCondition(_ out: inout [Float], states: UnsafeBufferPointer<Float>, actions: [Float],
                               latents: UnsafeBufferPointer<Float>, rows: Int) {
        let ds = networks.stateSize, da = networks.actionSize, l = configuration.latentSize, b = batchSize
        let width = ds + da + l
        for r in 0..<rows {
            let sample = r % b, base = r * width
            for j in 0..<ds { out[base + j] = states[sample * ds + j] }
            for j in 0..<da { out[base + ds + j] = actions[sample * da + j] }
            for j in 0..<l { out[base + ds + da + j] = latents[r * l + j] }
        }
    }

    /// x_t = t·x₁ + (1 − t)·ε per row, with the rows' times from ``noise``.
    private func interpolate(_ x1: [Float], _ epsilon: [Float], into out: inout [Float]) {
        let ds = networks.stateSize
        for r in 0..<batchSize {
            let t = noise.times[r]
            for j in 0..<ds { out[r * ds + j] = t * x1[r * ds + j] + (1 - t) * epsilon[r * ds + j] }
        }
    }
}
