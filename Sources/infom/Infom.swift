import ArgumentParser
import MuJoCo

/// The `infom` command-line tool.
@main
struct Infom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infom",
        abstract: "MuJoCo simulation, headless rendering and (as they land) datasets and InFOM agents, in Swift.",
        version: "\(InfomVersion.string) (MuJoCo \(MuJoCoLibrary.version))",
        subcommands: [Envs.self, Snapshot.self, Replay.self, Bench.self]
    )
}

/// The version of this package.
enum InfomVersion {
    static let string = "0.1.0"
}
