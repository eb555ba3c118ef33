import Agents
import Learning

extension InFOMConfiguration {
    /// The `small` cheetah preset shrunk to 16-wide networks, 4 latents, 3 flow goals × 2 Euler
    /// steps and batch 5, for tests that look at single terms.
    static func tiny() throws -> InFOMConfiguration {
        var configuration = try InFOMConfiguration.preset(.small, env: "cheetah_run")
        configuration.actorHidden = [16, 16]; configuration.valueHidden = [16, 16]
        configuration.rewardHidden = [16, 16]; configuration.intentionHidden = [16, 16]
        configuration.latentSize = 4; configuration.flowGoals = 3; configuration.flowSteps = 2; configuration.batchSize = 5
        return configuration
    }
}

extension TransitionBatch {
    /// A batch of uniform values: observations and actions in (−1, 1), rewards in (0, 1).
    static func random(size: Int, observationSize: Int, actionSize: Int, random: inout SeededRandom) -> TransitionBatch {
        var batch = TransitionBatch(size: size, observationSize: observationSize, actionSize: actionSize)
        for i in batch.observations.indices { batch.observations[i] = random.uniform(-1, 1) }
        for i in batch.nextObservations.indices { batch.nextObservations[i] = random.uniform(-1, 1) }
        for i in batch.actions.indices { batch.actions[i] = random.uniform(-1, 1) }
        for i in batch.nextActions.indices { batch.nextActions[i] = random.uniform(-1, 1) }
        for i in batch.rewards.indices { batch.rewards[i] = random.uniform(0, 1) }
        return batch
    }
}
