import ArgumentParser

/// `infom bench`: measured throughput figures, each beside a baseline measured in the same run.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure throughput against a baseline measured in the same run.",
        subcommands: [BenchPhysics.self, BenchRender.self, BenchEnv.self, BenchMLP.self, BenchEncoder.self, BenchInFOM.self, BenchTrain.self]
    )
}
