import ArgumentParser
import ArrayFiles
import Datasets
import Foundation
import Suite

/// `infom replay`: replays recorded actions from a seeded reset and writes an ExORL episode file.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay float32 actions in an environment and write the episode in ExORL's layout.",
        discussion: """
            Resets ENV with SEED, applies each row of ACTIONS.npy (float32, T×action_dim, T up to the \
            episode length) and writes EPISODE.npz with observation, action, reward, discount and \
            physics (T+1 rows; row 0 is the reset, with a zero action, reward 0 and discount 1).

            Example: infom replay --env walker_walk --seed 1 --actions actions.npy --out episode.npz
            """)

    @Option(help: "Environment ID (see `infom envs`).")
    var env: String

    @Option(parsing: .unconditional, help: "Seed of the environment's random generator (ExORL uses 1).")
    var seed: UInt32 = 1

    @Option(help: "A float32 .npy file of actions, one row per step.")
    var actions: String

    @Option(help: "Output .npz episode file.")
    var out: String

    func validate() throws {
        guard (out as NSString).standardizingPath != (actions as NSString).standardizingPath else { throw ValidationError("--out is the --actions file; write the episode under another name") }
        try OutputPath.checkParent(of: out)
    }

    func run() throws {
        try runReportingErrors {
            let environment = try EnvironmentRegistry.make(env, seed: seed)
            let (shape, values) = try NPYFile.read(actions, as: Float.self)
            let actionSize = environment.actionSpec.count
            guard shape.count == 2, shape[1] == actionSize else {
                throw CommandFailure(message: "\(actions) has shape \(shape); \(env) needs T×\(actionSize) actions")
            }
            let steps = shape[0]
            guard steps <= environment.episodeLength else {
                throw CommandFailure(message: "\(actions) has \(steps) rows but an episode of \(env) has \(environment.episodeLength) steps")
            }
            var observations = try environment.reset()
            var physics = environment.simulation.physicsState
            var actionRows = [Float](repeating: 0, count: actionSize)
            var rewards: [Float] = [0], discounts: [Float] = [1]
            for t in 0..<steps {
                let action = Array(values[(t * actionSize)..<((t + 1) * actionSize)])
                let step = try environment.step(action)
                observations += step.observation
                physics += environment.simulation.physicsState
                actionRows += action
                rewards.append(Float(step.reward))
                discounts.append(Float(step.discount))
            }
            let rows = steps + 1
            let writer = try NPZWriter(path: out)
            try writer.write("observation", observations, shape: [rows, environment.observationSpec.count])
            try writer.write("action", actionRows, shape: [rows, actionSize])
            try writer.write("reward", rewards, shape: [rows, 1])
            try writer.write("discount", discounts, shape: [rows, 1])
            try writer.write("physics", physics, shape: [rows, physics.count / rows])
            try writer.finish()
            print("wrote \(out): \(rows) rows, return \(rewards.reduce(0, +))")
        }
    }
}
