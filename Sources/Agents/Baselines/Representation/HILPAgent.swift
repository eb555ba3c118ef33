import ArrayFiles
import Learning
import Suite

/// HILP + IQL's hyperparameters (the reference's `agents/hilp.py` defaults, with the README's α).
public typealias HILPConfiguration = AgentConfiguration<HILPHyperparameters>

/// HILP + IQL's own hyperparameters.
public struct HILPHyperparameters: AgentHyperparameters {
    /// The AWR temperature of the skill actor.
    public var alpha: Float = 10
    public var expectile: Float = 0.9
    /// The size d of φ(s) and of the skills z.
    public var latentSize = 512
    /// How many reward-labelled transitions infer the task latent.
    public var inferenceSamples = 10_000
    /// Value goals: in-trajectory geometric with probability 0.625, else random states.
    public var goals = GoalSampling(value: GoalDistribution(trajectoryProbability: 0.625, randomProbability: 0.375,
                                                            geometric: true))

    public init() {}

    /// The README's α = 1 on every domain; `small` uses 256 × 2 networks and caps the latent at
    /// 64, as for InFOM.
    public static func preset(_ preset: AgentPreset, env: String, shared: inout SharedHyperparameters) throws -> Self {
        var config = Self()
        config.alpha = 1
        if preset == .small { config.latentSize = 64 }
        config.goals.discount = Double(shared.discount)
        return config
    }
}

/// Hilbert representations with IQL, as the reference trains them. Pre-training learns φ(s)
/// (`value/phi`, a two-member ensemble) through the goal-conditioned value V(s, g) = −‖φ(s) − φ(g)‖
/// by the reference's IVL loss: both members regress to r_g + γ·m_g·V̄_e(s′, g) (goal-reaching reward
/// and mask), each weighted by the expectile side of the targets' min-next minus mean-current
/// advantage; a target value follows by Polyak averaging. Alongside, skill policies learn by IQL
/// (the ``IQLNetworks`` under `skill_`) on the intrinsic reward (φ(s′) − φ(s))·z of skills z drawn
/// on the sphere of radius √d. At the switch, the task latent is the least-squares fit of the
/// rewards on φ(s′) − φ(s) over `inferenceSamples` labelled transitions (norm √d), the target skill
/// critic restarts as a copy, and skill IQL continues on the task reward.
public final class HILPAgent: OfflineAgent {
    public static let name = "hilp-iql"
    public let configuration: HILPConfiguration
    public let optimizer: Adam<Float>
    public var random: SeededRandom
    public var batchSize: Int { configuration.batchSize }
    public var goalSampling: GoalSampling? { configuration.goals }
    let phi: EnsembleMLP<Float>, targetPhi: EnsembleMLP<Float>
    let skills: IQLNetworks
    /// The inferred task latent [d] (zero until fine-tuning starts); saved with the parameters.
    let taskLatent: Parameter<Float>
    private let pretraining: BatchLossGraph
    private let finetuning: IQLFinetuning
    private let skillInput: Variable
    private var skillNoise: [Float]

    public init(observationSize ds: Int, actionSize da: Int, configuration c: HILPConfiguration, seed: UInt64) {
        configuration = c
        let d = c.latentSize, b = c.batchSize, rootD = Float(d).squareRoot()
        var random = SeededRandom(seed: seed)
        let phi = EnsembleMLP<Float>(name: "value/phi", inputSize: ds, hiddenSizes: c.valueHidden + [d], layerNorm: true,
                                     random: &random)
        let targetPhi = EnsembleMLP<Float>(name: "target_value/phi", inputSize: ds, hiddenSizes: c.valueHidden + [d],
                                           layerNorm: true, random: &random)
        copyParameters(from: phi.parameters, to: targetPhi.parameters)
        let skills = IQLNetworks(prefix: "skill_", observationSize: ds, latentSize: d, actionSize: da, valueHidden: c.valueHidden,
                                 actorHidden: c.actorHidden, random: &random)
        (self.phi, self.targetPhi, self.skills) = (phi, targetPhi, skills)
        taskLatent = Parameter(path: "task_latent", shape: [d], initial: Array(repeating: 0, count: d))
        self.random = random
        skillNoise = Array(repeating: 0, count: b * d)
        let trainable = phi.parameters + skills.trainable
        optimizer = Adam(parameters: trainable, learningRate: c.learningRate)

        /// −‖φ_e(s) − φ_e(g)‖ per member, [2, B], of features φ(s) and φ(g) [2, B, d].
        func metricValue(_ g: Graph<Float>, _ states: Variable, _ goals: Variable) -> Variable {
            let squared = g.sum(g.square(g.subtract(states, goals)), axes: [-1])
            return g.negate(g.sqrt(g.clip(squared, low: 1e-12, high: .greatestFiniteMagnitude)))
        }
        /// The first member's rows of ensemble features [2, B, d], [B, d].
        func firstMember(_ g: Graph<Float>, _ features: Variable) -> Variable {
            g.reshape(g.slice(g.reshape(features, [1, 2 * b * d]), lastAxis: 0..<(b * d)), [b, d])
        }
        var skillInput: Variable?, pretrainingTerms: (skill: IQLNetworks.Terms, v: Variable)?
        let pretraining = BatchLossGraph(batchSize: b, observationSize: ds, actionSize: da, goals: true,
                                         trainable: trainable) { g, io in
            let goals = io.valueGoals!
            // The IVL value loss on goal-reaching rewards; each network sees each input once.
            let (nextTarget, currentTarget) = g.frozen { () -> (Variable, Variable) in
                let targetGoals = targetPhi(g, goals)
                return (metricValue(g, targetPhi(g, io.nextObservations), targetGoals),
                        metricValue(g, targetPhi(g, io.observations), targetGoals))
            }
            func backup(_ next: Variable) -> Variable {
                g.add(io.goalRewards!, g.scale(g.multiply(io.goalMasks!, next), by: c.discount))
            }
            let advantage = g.subtract(backup(g.minimumOverFirstAxis(nextTarget)), g.mean(currentTarget, axes: [0]))
            let phiStates = phi(g, io.observations)
            let v = metricValue(g, phiStates, phi(g, goals))
            let weights = g.expectileWeights(advantage, expectile: c.expectile)
            let valueLoss = g.scale(g.mean(g.multiply(weights, g.square(g.subtract(backup(nextTarget), v)))), by: 2)
            let meanV = g.mean(v, axes: [0])
            // Skills on the sphere of radius √d and their intrinsic rewards (φ: the first member, no gradient).
            let noise = g.input([b, d])
            skillInput = noise
            let z = g.normalizeRows(noise, to: rootD)
            let phiNext = g.frozen { firstMember(g, phi(g, io.nextObservations)) }
            let displacement = g.subtract(phiNext, firstMember(g, g.stopGradient(phiStates)))
            let intrinsic = g.sum(g.multiply(displacement, z), axes: [-1])
            let batch = IQLNetworks.Batch(observations: io.observations, nextObservations: io.nextObservations, actions: io.actions,
                                          rewards: intrinsic, masks: io.masks, latents: z)
            let skill = skills.terms(g, batch, expectile: c.expectile, alpha: c.alpha, discount: c.discount, withActor: true,
                                     names: "skill_")
            pretrainingTerms = (skill, meanV)
            return ([("value/value_loss", valueLoss)] + skill.losses, [("value/v_mean", g.mean(meanV))] + skill.metrics)
        }
        pretraining.valueMetrics = { [unowned pretraining] in
            let v = pretraining.graph.buffer(pretrainingTerms!.v)
            return skills.rangeMetrics(pretraining.graph, pretrainingTerms!.skill, names: "skill_", withActor: true)
                .merging(["value/v_max": Double(v.max()!), "value/v_min": Double(v.min()!)], uniquingKeysWith: { $1 })
        }
        self.pretraining = pretraining
        self.skillInput = skillInput!
        finetuning = IQLFinetuning(skills, batchSize: b, observationSize: ds, actionSize: da, latentSize: d, trainable: trainable,
                                   expectile: c.expectile, alpha: c.alpha, discount: c.discount, names: "skill_")
    }

    public var parameters: [Parameter<Float>] { phi.parameters + targetPhi.parameters + skills.parameters + [taskLatent] }

    /// The skill actor at the inferred task latent, on states alone.
    public var policy: DeterministicPolicyNetwork {
        DeterministicPolicyNetwork(network: skills.actor.meanNetwork(fixing: taskLatent.values), tanhOutput: false)
    }

    public func pretrain(_ batch: TransitionBatch, dataset: TransitionDataset) -> [String: Double] {
        random.fillNormal(&skillNoise)
        return pretrain(batch, skillNoise: skillNoise)
    }

    /// One representation and skill update with skills from the normal draws `skillNoise` [B, d],
    /// then the targets' Polyak steps.
    func pretrain(_ batch: TransitionBatch, skillNoise: [Float], update: Bool = true) -> [String: Double] {
        pretraining.graph.set(skillInput, skillNoise)
        return pretraining.step(batch, optimizer: optimizer, update: update) {
            polyakUpdate(targets: self.targetPhi.parameters, online: self.phi.parameters, tau: self.configuration.tau)
            self.skills.followCritic(tau: self.configuration.tau)
        }
    }

    public func inferTask(from data: TransitionDataset, random sampler: inout SeededRandom) {
        let samples = data.sample(configuration.inferenceSamples, random: &sampler)
        inferTask(observations: samples.observations, nextObservations: samples.nextObservations, rewards: samples.rewards)
    }

    /// The least-squares z with (φ(s′) − φ(s))·z ≈ r, rescaled to norm √d (φ: the first member).
    func inferTask(observations: [Float], nextObservations: [Float], rewards: [Float]) {
        let g = Graph<Float>(), n = rewards.count, d = configuration.latentSize
        let states = g.input([2 * n, observations.count / n])
        let features = g.frozen { phi(g, states) }
        g.set(states, observations + nextObservations)
        g.forward()
        let first = g.value(features)  // member 0: rows 0..<n are φ(s), n..<2n are φ(s′)
        let differences = (0..<(n * d)).map { first[n * d + $0] - first[$0] }
        let fit = leastSquares(differences, rows: n, columns: d, rewards) ?? Array(repeating: 0, count: d)
        let norm = fit.reduce(0) { $0 + $1 * $1 }.squareRoot()
        taskLatent.assign(fit.map { norm > 0 ? $0 / norm * Float(d).squareRoot() : 0 })
    }

    /// The target skill critic restarts as a copy of the skill critic (the reference's `target_reset`).
    public func startFinetuning() {
        copyParameters(from: skills.critic.parameters, to: skills.targetCritic.parameters)
    }

    public func finetune(_ batch: TransitionBatch, dataset: TransitionDataset, step: Int) -> [String: Double] {
        finetune(batch, fullUpdate: step % configuration.actorFrequency == 0)
    }

    /// One skill-IQL update on the task reward at the task latent, with the actor when `fullUpdate`.
    func finetune(_ batch: TransitionBatch, fullUpdate: Bool, update: Bool = true) -> [String: Double] {
        finetuning.step(batch, fullUpdate: fullUpdate, latent: taskLatent.values, optimizer: optimizer, tau: configuration.tau,
                        update: update)
    }

    public func losses(_ batch: TransitionBatch, dataset: TransitionDataset, finetuning isFinetuning: Bool) -> [String: Double] {
        guard isFinetuning else {
            var noise = skillNoise
            withRandomRestored { random.fillNormal(&noise) }
            return pretrain(batch, skillNoise: noise, update: false)
        }
        return finetune(batch, fullUpdate: true, update: false)
    }
}
