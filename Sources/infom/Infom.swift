import ArgumentParser
import Datasets
import MuJoCo

/// The `infom` command-line tool.
@main
struct Infom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infom",
        abstract: "MuJoCo simulation, headless rendering and (as they land) datasets and InFOM agents, in Swift.",
        version: "\(SoftwareVersion.string) (MuJoCo \(MuJoCoLibrary.version))",
        subcommands: [Envs.self, Snapshot.self, Replay.self, Collect.self, Dataset.self, Train.self, Eval.self, Render.self, View.self, Bench.self]
    )
}
