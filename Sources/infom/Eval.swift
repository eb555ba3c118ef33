import Agents
import ArgumentParser
import Foundation
import Suite

/// `infom eval`: runs a policy for a number of episodes in-process and reports success and return.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a policy in an environment: mean success and return over seeded episodes.",
        discussion: """
            Policies: random (uniform actions, any environment), oracle (the scripted task solver of \
            the manipulation envs, the scripted reacher of the Jaco reach tasks), or a trained agent: --checkpoint DIR (the --out folder of `infom \
            train`), whose deterministic actions are evaluated as the InFOM reference does. With \
            --video the first --video-episodes of the same seeded episodes are rendered. Goal-conditioned manipulation ids run every one of their five \
            evaluation tasks (--episodes each) unless --task picks one; single-task ids run their own \
            task. Success is info["success"] of an episode's last step, as OGBench reports it. With \
            --json the last line is one JSON object with success, return, length and per-task results.

            Examples:
              infom eval --env cube-single-v0 --policy oracle --episodes 20 --seed 0 --json
              infom eval --checkpoint runs/cheetah --env cheetah_run --episodes 10 --video cheetah.mp4
            """)

    @Option(help: "Environment ID (see `infom envs`).") var env: String
    @Option(help: "oracle | random | a training folder") var policy: String = "oracle"
    @Option(help: "A training folder (`infom train --out DIR`) whose policy to evaluate.") var checkpoint: String?
    @OptionGroup var videoOptions: VideoOptions
    @Option(parsing: .unconditional, help: "Episodes (per task for goal-conditioned manipulation ids).") var episodes: Int = 10
    @Option(parsing: .unconditional, help: "Evaluation task 1…5 of a goal-conditioned manipulation id.") var task: Int?
    @Option(parsing: .unconditional, help: "Base seed; each episode's seed derives from it and the episode's index.") var seed: UInt32 = 0
    @Option(parsing: .unconditional, help: "Worker threads.") var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print one JSON object as the last line.") var json = false

    func validate() throws {
        try CountLimit.require("--episodes", episodes, in: CountLimit.evaluationEpisodes)
        guard task.map({ (1...5).contains($0) }) ?? true else { throw ValidationError("--task must be 1…5") }
        try CountLimit.require("--workers", workers, in: 1...1024)
    }

    func run() throws {
        try runReportingErrors {
            let source = try checkpoint.map { .trained(try TrainedPolicy(directory: $0)) } ?? PolicySource(argument: policy)
            try source.check(env: env)
            let choices = (try EnvironmentRegistry.make(env) as? any TaskSelectableEnvironment)?.selectableTaskCount ?? 0
            let tasks = try TaskOption.tasks(task, env: env, selectable: choices)
            let start = Date()
            let total = tasks.count * episodes
            let status = StatusLine()
            let outcomes = try PolicyEvaluation.run(
                id: env, tasks: tasks, episodes: episodes, seed: seed, workers: workers,
                makePolicy: { source.make(seed: $0) },
                progress: { done in status.show("\(done)/\(total) episodes", fraction: Double(done) / Double(total)) })
            status.finish()
            try videoOptions.write(env: env, seed: seed, available: total, policy: source)
            let report = EvaluationReport(env: env, policy: checkpoint ?? policy, seed: seed, outcomes: outcomes,
                                          seconds: Date().timeIntervalSince(start))
            for line in report.lines { print(line) }
            if json { try printJSONLine(report) }
        }
    }
}

/// Means over an evaluation's episodes, overall and per task.
struct EvaluationReport: Encodable {
    struct Summary: Encodable {
        var task: Int?
        var episodes: Int
        var success: Double
        var `return`: Double
        var length: Double
    }

    var env: String
    var policy: String
    var seed: UInt32
    var episodes: Int
    var success: Double
    var `return`: Double
    var length: Double
    var seconds: Double
    var tasks: [Summary]

    init(env: String, policy: String, seed: UInt32, outcomes: [EpisodeOutcome], seconds: Double) {
        func summary(_ group: [EpisodeOutcome], task: Int?) -> Summary {
            let means = EpisodeMeans(group)
            return Summary(task: task, episodes: group.count, success: means.success, return: means.episodeReturn,
                           length: means.length)
        }
        let all = summary(outcomes, task: nil)
        self.env = env; self.policy = policy; self.seed = seed; self.seconds = seconds
        episodes = all.episodes; success = all.success; self.return = all.return; length = all.length
        let taskIDs = Array(Set(outcomes.compactMap(\.task))).sorted()
        tasks = taskIDs.map { id in summary(outcomes.filter { $0.task == id }, task: id) }
    }

    var lines: [String] {
        func format(_ s: Double) -> String { String(format: "%.3f", s) }
        var lines = tasks.map { "task \($0.task ?? 0): success \(format($0.success))  return \(format($0.return))  length \(format($0.length))  (\($0.episodes) episodes)" }
        lines.append("\(env) \(policy): success \(format(success))  return \(format(self.return))  length \(format(length))  (\(episodes) episodes, \(String(format: "%.1f", seconds)) s)")
        return lines
    }
}
