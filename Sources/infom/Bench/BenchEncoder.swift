import ArgumentParser
import Benchmarks

/// `infom bench encoder`: forward+backward GFLOP/s of the IMPALA image encoder beside raw sgemm
/// on the same matrix products.
struct BenchEncoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "encoder",
        abstract: "Forward+backward GFLOP/s of the IMPALA image encoder against cblas_sgemm on its matrix products.",
        discussion: """
            The encoder is the visual agents' (impala_small: --blocks 1; impala: --blocks 2) over \
            --frame-stack stacked 64×64 RGB frames, with a mean-squared loss on its 512-wide embedding; its \
            convolutions run as direct kernels (padded images times the kernel in registers). The baseline \
            runs the matrix products of an im2col lowering (forward, the kernels' gradients and the inputs' \
            gradients except the images') with cblas_sgemm alone, in im2col chunks of images; the two are timed in alternating rounds, and FLOPs count those products.

            Example: infom bench encoder --batch 256 --json
            """)

    @Option(parsing: .unconditional, help: "Images per pass, at most 512 (about 12 MB of memory each).") var batch: Int = 256
    @Option(name: .customLong("frame-stack"), parsing: .unconditional, help: "Frames stacked along channels.")
    var frameStack: Int = 3
    @Option(parsing: .unconditional, help: "Residual blocks per stack: 1 (impala_small) or 2 (impala).") var blocks: Int = 1
    @Option(parsing: .unconditional, help: "Timed forward+backward passes.") var iterations: Int = 10
    @Flag(help: "Print one JSON object instead of text.") var json = false

    func validate() throws {
        try CountLimit.require("--batch", batch, in: 1...512)
        try CountLimit.require("--frame-stack", frameStack, in: 1...16)
        try CountLimit.require("--blocks", blocks, in: 1...4)
        try CountLimit.require("--iterations", iterations, in: CountLimit.benchRepetitions)
    }

    func run() throws {
        let report = EncoderBenchmark(batch: batch, frameStack: frameStack, blocks: blocks, iterations: iterations).run()
        if json {
            try printJSONLine(report)
        } else {
            print("IMPALA encoder (\(blocks) block\(blocks == 1 ? "" : "s") per stack), \(frameStack) frames, batch \(batch): "
                  + "\(String(format: "%.1f", report.encoder_gflops)) GFLOP/s forward+backward (\(String(format: "%.2f", report.gflop_per_pass)) GFLOP per pass)")
            print("sgemm, same products: \(String(format: "%.1f", report.sgemm_gflops)) GFLOP/s")
            print("ratio                 \(String(format: "%.2f", report.ratio))")
        }
    }
}
