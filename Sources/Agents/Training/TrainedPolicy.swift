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
        func read<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
            let path = "\(directory)/\(name)"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TrainingError.io(path: path, reason: "missing; pass the --out folder of a `infom train` run that has saved a checkpoint")
            }
            do { return try JSONDecoder().decode(T.self, from: data) } catch {
                throw TrainingError.io(path: path, reason: "is not valid (\(error)); the training folder is damaged")
            }
        }
        struct State: Decodable { var step: Int }
        description = try read(AgentDescription.self, "agent.json")
        plan = try read(TrainingPlan.self, "plan.json")
        normalizer = try read(ObservationNormalizer.self, "normalizer.json")
        step = try read(State.self, "checkpoint/state.json").step
        agent = description.make(seed: 0)
        try ParameterSet.load(agent.parameters, from: "\(directory)/checkpoint/parameters-\(step).safetensors")
        network = agent.policy
    }

    /// A policy instance for one evaluation worker or episode.
    public func makePolicy() -> AgentPolicy { AgentPolicy(network, normalizer: normalizer) }

    /// Evaluates the policy for `episodes` seeded episodes of `env`.
    public func evaluate(env: String, episodes: Int, seed: UInt32) throws -> EvaluationResult {
        try OfflineTrainer.evaluate(policy: network, normalizer: normalizer, env: env, episodes: episodes, seed: seed,
                                    agent: description.kind.rawValue, step: step)
    }
}
