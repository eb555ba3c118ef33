import ArgumentParser
import Datasets
import Foundation
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

    /// Runs the command line. Writes to a closed pipe (`infom … | head`, an ffmpeg that quit)
    /// become errors of the write instead of killing the process with SIGPIPE; an error is one
    /// line on stderr (`Error: ` and the message naming the fix) and a non-zero exit status;
    /// help and version requests print as usual.
    static func main() {
        OpenBLASKernelSelection.restartWithBetterKernelsIfNeeded()
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let message = self.message(for: error).replacingOccurrences(of: "\n", with: " ")
            FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
            exit(withError: ExitCode(code.rawValue))
        }
    }
}
