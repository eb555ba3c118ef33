import Foundation
import Learning

/// URLB's reward-free RND agent, the explorer behind ExORL's `rnd` datasets: DDPG (twin critic,
/// deterministic actor with Gaussian exploration noise) trained on the RND intrinsic reward,
/// the prediction error of a trained predictor against a frozen random network on
/// batch-normalised observations, scaled by the error's running standard deviation.
///
/// Call ``action(for:)`` once per environment step (it acts and, when due, updates from the
/// replay); add finished episodes to ``replay``. Networks and batches are preallocated graphs;
/// an update allocates nothing.
public final class RNDExplorer {
    public let settings: RNDSettings
    public let observationSize: Int, actionSize: Int
    public let replay: TransitionReplay
    /// Environment steps taken so far (URLB's global step).
    public private(set) var steps = 0
    /// Updates done so far, and the last RND loss (mean prediction error of the batch).
    public private(set) var updates = 0
    public private(set) var lastRNDLoss: Float = .nan
    public private(set) var intrinsicRewardStatistics = RunningMeanVariance()

    let actor: DeterministicActor, critic: DDPGTwinCritic, criticTarget: DDPGTwinCritic
    let predictor: RNDNetwork, randomTarget: RNDNetwork
    let actorOptimizer: Adam<Float>, criticOptimizer: Adam<Float>, predictorOptimizer: Adam<Float>
    private(set) var random: SeededRandom

    private let actGraph = Graph<Float>(), targetGraph = Graph<Float>(), criticGraph = Graph<Float>()
    private let actorGraph = Graph<Float>(), rndGraph = Graph<Float>()
    private let actObservation: Variable, actMean: Variable
    private let targetNextObservation: Variable, targetNoise: Variable, targetValue: Variable
    private let criticObservation: Variable, criticAction: Variable, criticTargetValue: Variable, criticLoss: Variable
    private let actorObservation: Variable, actorNoise: Variable, actorLoss: Variable
    private let rndInput: Variable, rndErrors: Variable, rndLoss: Variable
    private var observations: [Float], actions: [Float], nextObservations: [Float], normalizedObservations: [Float]
    private var noise: [Float], targets: [Float]

    public init(observationSize: Int, actionSize: Int, settings: RNDSettings, seed: UInt64) {
        self.settings = settings
        self.observationSize = observationSize
        self.actionSize = actionSize
        replay = TransitionReplay(observationSize: observationSize, actionSize: actionSize, nStep: settings.nStep)
        var random = SeededRandom(seed: seed)
        let o = observationSize, a = actionSize, b = settings.batch
        actor = DeterministicActor(name: "actor", observationSize: o, actionSize: a, width: settings.hidden, random: &random)
        critic = DDPGTwinCritic(name: "critic", observationSize: o, actionSize: a, width: settings.hidden, random: &random)
        criticTarget = DDPGTwinCritic(name: "critic_target", observationSize: o, actionSize: a, width: settings.hidden, random: &random)
        for (target, source) in zip(criticTarget.parameters, critic.parameters) { target.assign(source.values) }
        predictor = RNDNetwork(name: "rnd/predictor", observationSize: o, width: settings.rndHidden,
                               representation: settings.representation, random: &random)
        randomTarget = RNDNetwork(name: "rnd/target", observationSize: o, width: settings.rndHidden,
                                  representation: settings.representation, random: &random)
        actorOptimizer = Adam(parameters: actor.parameters, learningRate: settings.learningRate)
        criticOptimizer = Adam(parameters: critic.parameters, learningRate: settings.learningRate)
        predictorOptimizer = Adam(parameters: predictor.parameters, learningRate: settings.learningRate)
        self.random = random

        actObservation = actGraph.input([1, o])
        actMean = actor(actGraph, actObservation)

        targetNextObservation = targetGraph.input([b, o])
        targetNoise = targetGraph.input([b, a])
        let nextMean = actor(targetGraph, targetNextObservation)
        let nextAction = targetGraph.clip(targetGraph.add(nextMean, targetNoise), low: -1 + 1e-6, high: 1 - 1e-6)
        targetValue = targetGraph.minimumOverFirstAxis(criticTarget(targetGraph, targetNextObservation, nextAction))

        criticObservation = criticGraph.input([b, o])
        criticAction = criticGraph.input([b, a])
        criticTargetValue = criticGraph.input([b, 1])
        let q = critic(criticGraph, criticObservation, criticAction)
        // mse(Q1, y) + mse(Q2, y): twice the mean over both heads.
        criticLoss = criticGraph.scale(criticGraph.mean(criticGraph.squaredError(q, criticTargetValue)), by: 2)

        actorObservation = actorGraph.input([b, o])
        actorNoise = actorGraph.input([b, a])
        let mean = actor(actorGraph, actorObservation)
        // The sampled action is clamped in value but passes the gradient straight to the mean.
        let clamped = actorGraph.clip(actorGraph.add(mean, actorNoise), low: -1 + 1e-6, high: 1 - 1e-6)
        let action = actorGraph.add(mean, actorGraph.stopGradient(actorGraph.subtract(clamped, mean)))
        let value = actorGraph.minimumOverFirstAxis(critic(actorGraph, actorObservation, action))
        actorLoss = actorGraph.negate(actorGraph.mean(value))

        rndInput = rndGraph.input([b, o])
        let prediction = predictor(rndGraph, rndInput)
        let frozen = rndGraph.stopGradient(randomTarget(rndGraph, rndInput))
        rndErrors = rndGraph.mean(rndGraph.squaredError(prediction, frozen), axes: [1])
        rndLoss = rndGraph.mean(rndErrors)

        observations = Array(repeating: 0, count: b * o)
        nextObservations = observations
        normalizedObservations = observations
        actions = Array(repeating: 0, count: b * a)
        noise = actions
        targets = Array(repeating: 0, count: b)
    }

    /// Every trained and target network's parameters, under stable names.
    public var parameters: [Parameter<Float>] {
        actor.parameters + critic.parameters + criticTarget.parameters + predictor.parameters + randomTarget.parameters
    }

    /// The action for `observation` at the current step: uniform in [−1, 1] during the seed
    /// steps, else the actor's mean plus N(0, stddev) noise, clamped. Updates first when due
    /// (after the seed steps, every `updateEvery` steps, once the replay holds transitions),
    /// then counts the step. With `countsStep` false (a dataset's last row, whose action is
    /// never applied) it only computes the action.
    public func action(for observation: [Float], countsStep: Bool = true) -> [Float] {
        let exploring = steps < settings.seedSteps
        var action = [Float](repeating: 0, count: actionSize)
        if exploring {
            for i in 0..<actionSize { action[i] = random.uniform(-1, 1) }
        } else {
            actGraph.set(actObservation, observation)
            actGraph.forward()
            let mean = actGraph.value(actMean)
            for i in 0..<actionSize {
                action[i] = min(max(mean[i] + settings.stddev * random.normal(), -1 + 1e-6), 1 - 1e-6)
            }
        }
        guard countsStep else { return action }
        if !exploring, steps % settings.updateEvery == 0, replay.count > 0 { update() }
        steps += 1
        return action
    }

    /// One URLB update on a replay batch: RND predictor, intrinsic reward, critic, actor,
    /// critic target.
    func update() {
        let b = settings.batch, o = observationSize
        replay.sample(into: &observations, action: &actions, nextObservation: &nextObservations, batch: b, random: &random)

        // RND on batch-normalised observations (BatchNorm1d in training mode, no affine), clamped to ±5.
        for k in 0..<o {
            var mean = 0.0, squares = 0.0
            for i in 0..<b { mean += Double(observations[i * o + k]) }
            mean /= Double(b)
            for i in 0..<b { let d = Double(observations[i * o + k]) - mean; squares += d * d }
            let scale = 1 / (squares / Double(b) + 1e-5).squareRoot()
            for i in 0..<b { normalizedObservations[i * o + k] = Float(min(max((Double(observations[i * o + k]) - mean) * scale, -5), 5)) }
        }
        rndGraph.set(rndInput, normalizedObservations)
        rndGraph.forward()
        lastRNDLoss = rndGraph.scalar(rndLoss)
        rndGraph.backward(from: rndLoss)
        predictorOptimizer.update()
        rndGraph.forward()
        let errors = rndGraph.value(rndErrors)
        errors.withUnsafeBufferPointer { intrinsicRewardStatistics.update($0) }
        let rewardScale = settings.rndScale / Float(intrinsicRewardStatistics.variance.squareRoot() + 1e-8)

        // Critic: r + γⁿ · min Q'(s', clip(μ(s') + clipped noise)).
        fillClippedNoise()
        targetGraph.set(targetNextObservation, nextObservations)
        targetGraph.set(targetNoise, noise)
        targetGraph.forward()
        let nextValues = targetGraph.value(targetValue)
        let bootstrap = Float(pow(Double(settings.discount), Double(settings.nStep)))
        for i in 0..<b { targets[i] = errors[i] * rewardScale + bootstrap * nextValues[i] }
        criticGraph.set(criticObservation, observations)
        criticGraph.set(criticAction, actions)
        criticGraph.set(criticTargetValue, targets)
        criticGraph.forward()
        criticGraph.backward(from: criticLoss)
        criticOptimizer.update()

        // Actor: maximise min Q(s, μ(s) + clipped noise).
        fillClippedNoise()
        actorGraph.set(actorObservation, observations)
        actorGraph.set(actorNoise, noise)
        actorGraph.forward()
        actorGraph.backward(from: actorLoss)
        actorOptimizer.update()

        polyakUpdate(targets: criticTarget.parameters, online: critic.parameters, tau: settings.tau)
        updates += 1
    }

    /// Sets the counters, statistics and generator of a saved state.
    func restore(steps: Int, updates: Int, statistics: RunningMeanVariance, random: SeededRandom) {
        self.steps = steps
        self.updates = updates
        intrinsicRewardStatistics = statistics
        self.random = random
    }

    private func fillClippedNoise() {
        for i in noise.indices {
            noise[i] = min(max(settings.stddev * random.normal(), -settings.stddevClip), settings.stddevClip)
        }
    }
}
