import ArgumentParser
import Datasets
import Foundation
import Learning
import MuJoCo

/// The `infom` command-line tool.
@main
struct Infom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infom",
        abstract: "MuJoCo simulation, headless rendering and (as they land) datasets and InFOM agents, in Swift.",
        version: "\(SoftwareVersion.string) (MuJoCo \(MuJoCoLibrary.version), OpenBLAS kernels \(OpenBLASCore.current))",
        subcommands: [Envs.self, Snapshot.self, Replay.self, Collect.self, Dataset.self, Train.self, Eval.self, Render.self, View.self, Bench.self]
    )

    /// Runs the command line. Writes to a closed pipe (`infom … | head`, an ffmpeg that quit)
    /// become errors of the write instead of killing the process with SIGPIPE; an error is one
    /// line on stderr (`Error: ` and the message naming the fix) and a non-zero exit status;
    /// help and version requests print as usual. An `OPENBLAS_CORETYPE` naming kernels this CPU
    /// cannot run is refused the same way before any command starts.
    static func main() {
        OpenBLASKernelSelection.restartWithBetterKernelsIfNeeded()
        if let problem = OpenBLASKernelSelection.unsupportedUserChoice {
            FileHandle.standardError.write(Data("Error: \(problem)\n".utf8))
            Foundation.exit(1)
        }
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            FileHandle.standardError.write(Data("Error: \(oneLine(self.message(for: error)))\n".utf8))
            exit(withError: ExitCode(code.rawValue))
        }
    }

    /// An error message on one line. ArgumentParser lists more than four choices one per line
    /// ("one of the following:" then "  - a" lines); those become "one of 'a', 'b' or 'c'", as it
    /// writes fewer.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        guard let head = lines.firstIndex(where: { $0.hasSuffix("one of the following:") }) else {
            return message.replacingOccurrences(of: "\n", with: " ")
        }
        let choices = lines[(head + 1)...].prefix { $0.hasPrefix("  - ") }.map { "'\($0.dropFirst(4))'" }
        let listed = choices.count > 1 ? choices.dropLast().joined(separator: ", ") + " or " + choices.last! : choices.joined()
        let rest = lines[(head + 1 + choices.count)...].joined(separator: " ")
        return (lines[..<head] + [lines[head].dropLast("the following:".count) + listed + "."]).joined(separator: " ")
            + (rest.isEmpty ? "" : " " + rest)
    }
}
