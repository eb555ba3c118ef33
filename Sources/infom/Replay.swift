import ArgumentParser
import ArrayFiles
import Datasets
import Foundation
import Suite

/// `infom replay`: replays recorded actions and writes the episode: ExORL's layout for
/// locomotion, our dataset layout (with `success` per row) for manipulation, optionally from an
/// evaluation task and a state read from a dataset file.
struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay float32 actions in an environment and write the episode.",
        discussion: """
            Resets ENV with SEED and applies each row of ACTIONS.npy (float32, T×action_dim, T up to \
            the episode length); the episode has T+1 rows, row 0 the state the actions start from.

            Locomotion: EPISODE.npz is in ExORL's layout (observation, action, reward, discount, \
            physics; row 0 has a zero action, reward 0 and discount 1).

            Manipulation: EPISODE.npz is in our dataset layout (observations, actions, terminals, \
            qpos, qvel, physics, button_states, metadata) with success per row (the task's, 0/1); \
            row t holds the state before action t, the last row a zero action. Every action is \
            applied, even after the task is solved. --task picks the evaluation task (1…5); \
            --initial-state sets, after the reset, the state on row --initial-row of a dataset file \
            (ours or OGBench's): qpos and qvel (exactly, from physics, where the file has it) and, \
            for scene and puzzle, button_states. Multi-cube tasks then give each cube the goal of \
            the task's starting spot nearest to it.

            Examples:
              infom replay --env walker_walk --seed 1 --actions actions.npy --out episode.npz
              infom replay --env puzzle-3x3-v0 --task 2 --initial-state ogbench-episode.npz --actions actions.npy --out ours.npz
            """)

    @Option(help: "Environment ID (see `infom envs`).")
    var env: String

    @Option(parsing: .unconditional, help: "Seed of the environment's random generator (ExORL uses 1).")
    var seed: UInt32 = 1

    @Option(parsing: .unconditional, help: "Manipulation: the evaluation task, 1…5 (default: drawn by the reset).")
    var task: Int?

    @Option(help: "Manipulation: a dataset file whose row --initial-row is set as the starting state.")
    var initialState: String?

    @Option(parsing: .unconditional, help: "The row of --initial-state to start from (default 0).")
    var initialRow: Int?

    @Option(help: "A float32 .npy file of actions, one row per step.")
    var actions: String

    @Option(help: "Output .npz episode file.")
    var out: String

    func validate() throws {
        guard (out as NSString).standardizingPath != (actions as NSString).standardizingPath else { throw ValidationError("--out is the --actions file; write the episode under another name") }
        if let initialState, (out as NSString).standardizingPath == (initialState as NSString).standardizingPath {
            throw ValidationError("--out is the --initial-state file; write the episode under another name")
        }
        guard (initialRow ?? 0) >= 0 else { throw ValidationError("--initial-row must be 0 or more") }
        guard initialRow == nil || initialState != nil else {
            throw ValidationError("--initial-row picks a row of --initial-state FILE; add --initial-state or drop --initial-row")
        }
        try OutputPath.checkParent(of: out)
    }

    func run() throws {
        try runReportingErrors {
            let entry = try EnvironmentRegistry.entry(env)
            if entry.manipulationFamily != nil {
                try replayManipulation()
            } else {
                guard task == nil, initialState == nil else {
                    throw CommandFailure(message: "--task and --initial-state apply to manipulation envs (cube, scene, puzzle); \(env) is a locomotion env")
                }
                try replayLocomotion()
            }
        }
    }

    /// The actions file, checked against the environment's action size and episode length.
    private func readActions(actionSize: Int, episodeLength: Int) throws -> (steps: Int, values: [Float]) {
        let (shape, values) = try NPYFile.read(actions, as: Float.self)
        guard shape.count == 2, shape[1] == actionSize else {
            throw CommandFailure(message: "\(actions) has shape \(shape); \(env) needs T×\(actionSize) actions")
        }
        guard shape[0] <= episodeLength else {
            throw CommandFailure(message: "\(actions) has \(shape[0]) rows but an episode of \(env) has \(episodeLength) steps")
        }
        guard let bad = values.firstIndex(where: { !$0.isFinite }) else { return (shape[0], values) }
        throw CommandFailure(message: "\(actions) holds \(values[bad]) on row \(bad / actionSize); actions must be finite")
    }

    private func replayLocomotion() throws {
        let environment = try EnvironmentRegistry.make(env, seed: seed)
        let actionSize = environment.actionSpec.count
        let (steps, values) = try readActions(actionSize: actionSize, episodeLength: environment.episodeLength)
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

    private func replayManipulation() throws {
        guard EnvironmentRegistry.stateID(of: env) == env else {
            throw CommandFailure(message: "replay writes state episodes; use the state env \(EnvironmentRegistry.stateID(of: env)) (render the episode with `infom render --dataset`)")
        }
        guard let environment = try EnvironmentRegistry.make(env, seed: seed) as? ManipulationEnvironment else {
            throw CommandFailure(message: "\(env) is not a manipulation environment of this build")
        }
        if let task {
            _ = try TaskOption.tasks(task, env: env, selectable: environment.selectableTaskCount)
            environment.taskID = task
        }
        environment.terminateAtGoal = false
        let family = environment.family, model = environment.simulation.model
        let (steps, values) = try readActions(actionSize: 5, episodeLength: environment.episodeLength)
        var observation = try environment.reset()
        if let initialState {
            let file = try DatasetFile(path: initialState)
            try file.requireDomain(of: env)
            let state = try file.state(row: initialRow ?? 0, nq: model.nq, nv: model.nv, na: model.na, buttons: family.buttonCount)
            observation = try environment.setState(qpos: state.qpos, qvel: state.qvel, buttonStates: state.buttonStates)
        }
        let recorder = EpisodeRecorder(observationShape: [family.observationSize], observationDType: .float32, actionSize: 5,
                                       nq: model.nq, nv: model.nv, buttonCount: family.buttonCount, recordsSuccess: true)
        for t in 0...steps {
            let action = t < steps ? Array(values[(t * 5)..<((t + 1) * 5)]) : [Float](repeating: 0, count: 5)
            recorder.record(observation: observation, action: action, physicsState: environment.simulation.physicsState,
                            buttons: environment.buttonStates, success: environment.isSuccess)
            if t < steps { observation = try environment.step(action).observation }
        }
        let metadata = DatasetMetadata(env: env, collector: "replay", seed: seed, firstEpisode: 0, episodes: 1,
                                       rowsPerEpisode: steps + 1, split: "train")
        try recorder.write(to: out, files: [(DatasetKeys.metadataFile, try metadata.encoded())])
        print("wrote \(out): \(steps + 1) rows of \(env) task \(environment.currentTask), final success \(environment.isSuccess ? 1 : 0)")
    }
}
