import Agents
import Foundation
import Suite

/// The policy a command runs, from its `--policy` argument: a scripted policy by name
/// (`oracle`, `random`) or a training folder written by `infom train --out DIR`.
enum PolicySource: Sendable {
    case scripted(ScriptedPolicy)
    case trained(TrainedPolicy)

    init(argument: String) throws {
        if let kind = ScriptedPolicy(rawValue: argument) {
            self = .scripted(kind)
        } else if FileManager.default.fileExists(atPath: "\(argument)/agent.json") {
            self = .trained(try TrainedPolicy(directory: argument))
        } else {
            throw CommandFailure(message: "--policy \(argument): expected oracle, random, or a training folder written by `infom train --out DIR` (no \(argument)/agent.json)")
        }
    }

    /// A clear error when `env` cannot run this policy.
    func check(env: String) throws {
        switch self {
        case let .scripted(kind): try kind.check(env: env)
        case let .trained(trained):
            let environment = try EnvironmentRegistry.make(env)
            if trained.description.pixels != nil {
                guard try EnvironmentRegistry.entry(env).pixels, environment.actionSpec.shape[0] == trained.description.actionSize else {
                    throw CommandFailure(message: "the policy was trained on pixels of \(trained.plan.env); run it on a visual- id with \(trained.description.actionSize)-dimensional actions, not \(env)")
                }
                return
            }
            let size = environment.observationSpec.shape.reduce(1, *)
            guard size == trained.description.observationSize, environment.actionSpec.shape[0] == trained.description.actionSize else {
                throw CommandFailure(message: "the policy was trained on \(trained.plan.env) (\(trained.description.observationSize)-dimensional observations, \(trained.description.actionSize)-dimensional actions); \(env) has \(size) and \(environment.actionSpec.shape[0])")
            }
        }
    }

    /// The policy of one episode.
    func make(seed: UInt32) -> any EvaluationPolicy {
        switch self {
        case let .scripted(kind): return kind.make(seed: seed)
        case let .trained(trained): return trained.makePolicy()
        }
    }
}
