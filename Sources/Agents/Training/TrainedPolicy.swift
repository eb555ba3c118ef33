import Datasets
import Foundation
import Learning
import Suite

/// The policy of a training folder (`infom train --out DIR`) at its last checkpoint, with the
/// observation statistics it acts under. Sendable because its users only read the parameters.
public struct TrainedPolicy: @unchecked Sendable {
    public let description: AgentDescription
    public let plan: TrainingPlan
    public let normalizer: ObservationNormalizer
    public let network: DeterministicPolicyNetwork
    public let step: Int
    /// The agent whose parameters the network reads (kept alive here).
    private let agent: any OfflineAgent

    /// Reads `directory`'s agent, plan, normaliser and latest checkpoint.
    public init(directory: String) throws {
        let folder = TrainingFolder(path: directory)
        description = try folder.read(AgentDescription.self, folder.agentPath)
        plan = try folder.read(TrainingPlan.self, folder.planPath)
        normalizer = try folder.read(ObservationNormalizer.self, folder.normalizerPath)
        step = try folder.read(TrainingFolder.CheckpointState.self, folder.statePath).step
        agent = description.make(seed: 0)
        try ParameterSet.load(agent.parameters, from: folder.tensorsPath("parameters", step: step))
        network = agent.policy
    }

    /// A policy instance for one evaluation worker or episode.
    public func makePolicy() -> any EvaluationPolicy { network.makePolicy(normalizer: normalizer, pixels: description.pixels) }

    /// Evaluates the policy for `episodes` seeded episodes of `env`.
    public func evaluate(env: String, episodes: Int, seed: UInt32) throws -> EvaluationResult {
        try OfflineTrainer.evaluate(policy: network, normalizer: normalizer, pixels: description.pixels, env: env,
                                    episodes: episodes, seed: seed, agent: description.kind.rawValue, step: step)
    }
}
