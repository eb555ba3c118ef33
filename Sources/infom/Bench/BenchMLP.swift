import ArgumentParser
import Benchmarks

/// `infom bench mlp`: forward+backward GFLOP/s of an MLP beside raw sgemm on the same shapes.
struct BenchMLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "Forward+backward GFLOP/s of an MLP against cblas_sgemm on the same matrix shapes.",
        discussion: """
            The MLP has DEPTH Dense layers of WIDTH×WIDTH with GELU and LayerNorm between them \
            (Dense → GELU → LN), a mean-squared loss and the gradient with respect to the input too (so that it runs the same three products per layer as the baseline), and counts 6·batch·width²·depth FLOPs per \
            forward+backward (the matrix products). The baseline runs those products alone, on buffers of their own per layer as the MLP's layers have; the two are timed in alternating rounds.

            Example: infom bench mlp --batch 256 --width 512 --depth 4 --json
            """)

    @Option(parsing: .unconditional) var batch: Int = 256
    @Option(parsing: .unconditional) var width: Int = 512
    @Option(parsing: .unconditional) var depth: Int = 4
    @Option(parsing: .unconditional, help: "Timed forward+backward passes.") var iterations: Int = 50
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        try CountLimit.require("--batch", batch, in: CountLimit.benchSize)
        try CountLimit.require("--width", width, in: 1...16_384)
        try CountLimit.require("--depth", depth, in: 1...64)
        try CountLimit.require("--iterations", iterations, in: CountLimit.benchRepetitions)
    }

    func run() throws {
        let report = MLPBenchmark(batch: batch, width: width, depth: depth, iterations: iterations).run()
        if json {
            try printJSONLine(report)
        } else {
            print("MLP \(depth)×\(width), batch \(batch): \(String(format: "%.1f", report.mlp_gflops)) GFLOP/s forward+backward")
            print("sgemm, same shapes:   \(String(format: "%.1f", report.sgemm_gflops)) GFLOP/s")
            print("ratio                 \(String(format: "%.2f", report.ratio))")
        }
    }
}
