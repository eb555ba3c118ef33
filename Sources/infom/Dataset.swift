import ArgumentParser
import Datasets
import Foundation

/// `infom dataset`: inspect, relabel and join dataset files.
struct Dataset: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect, relabel and merge dataset files.",
        subcommands: [Info.self, Relabel.self, Merge.self])

    /// `infom dataset info FILE`.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keys, shapes, dtypes, episodes and per-dimension statistics of a dataset file.",
            discussion: "Example: infom dataset info walker-random.npz")

        @Argument(help: "A dataset .npz file.") var file: String

        func run() throws {
            try runReportingErrors {
                let summary = try DatasetSummary(path: file)
                print(file)
                if let m = summary.metadata {
                    print("  env \(m.env), collector \(m.collector), seed \(m.seed), \(m.split) split, episodes \(m.firstEpisode)..<\(m.firstEpisode + m.episodes)"
                          + " of \(m.rowsPerEpisode) rows" + (m.shard.map { ", shard \($0)" } ?? "")
                          + (m.render.map { ", pixels \($0)" } ?? "") + (m.relabeledTask.map { ", rewards of \($0)" } ?? "")
                          + ", written by \(m.software)")
                }
                print("  episodes (terminal rows): \(summary.episodes)")
                for array in summary.arrays {
                    print("  \(array.name): \(array.dtype.rawValue) \(array.shape)")
                    if array.columns.count == 1, let c = array.columns.first {
                        print("    all values: mean \(fmt(c.mean)) std \(fmt(c.std)) min \(fmt(c.min)) max \(fmt(c.max))")
                    } else {
                        for (i, c) in array.columns.enumerated() {
                            print("    [\(i)] mean \(fmt(c.mean)) std \(fmt(c.std)) min \(fmt(c.min)) max \(fmt(c.max))")
                        }
                    }
                }
            }
        }

        func fmt(_ v: Double) -> String { String(format: "%.4g", v) }
    }

    /// `infom dataset relabel --task TASK IN OUT`.
    struct Relabel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a task's rewards and masks to a reward-free dataset.",
            discussion: """
                Locomotion tasks recompute each transition's reward from the stored physics with ExORL's \
                one-step convention: the reward of row t is the task's reward of physics[t + 1], the value \
                the environment's step returned; terminal rows get 0; masks are 1. OGBench single-task ids \
                reward each row's own state as OGBench does: satisfied goal components minus their number \
                (from qpos and button_states), mask 0 where the task is solved.

                Examples:
                  infom dataset relabel --task walker_run walker-random.npz walker-run.npz
                  infom dataset relabel --task cube-single-singletask-task1-v0 cube-single-play.npz cube-single-task1.npz
                """)

        @Option(help: "Task ID whose rewards to write.") var task: String
        @Argument(help: "Reward-free dataset.") var input: String
        @Argument(help: "Output dataset.") var output: String

        func validate() throws { try OutputPath.checkParent(of: output) }

        func run() throws {
            try runReportingErrors {
                try DatasetRelabeling.relabel(input: input, output: output, task: task)
                print("wrote \(output) with rewards of \(task)")
            }
        }
    }

    /// `infom dataset merge OUT IN...`.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join dataset files (for example the shards of one collection) row-wise.",
            discussion: """
                Inputs must have the same arrays and, when they carry metadata, continue each other \
                (shard 0, 1, … in order). When every input has a NAME-val.npz beside it, those are joined \
                into OUT-val.npz too.

                Example: infom dataset merge walker.npz walker-0.npz walker-1.npz
                """)

        @Argument(help: "Output .npz file.") var output: String
        @Argument(help: "Input files, in order.") var inputs: [String]

        func validate() throws {
            guard !inputs.isEmpty else { throw ValidationError("name at least one input file after the output") }
            guard !inputs.contains(output) else { throw ValidationError("\(output) is also an input; write the merged file under a new name") }
            try OutputPath.checkParent(of: output)
        }

        func run() throws {
            try runReportingErrors {
                for path in try DatasetMerge.merge(inputs, into: output) { print("wrote \(path)") }
            }
        }
    }
}
