import COpenBLAS
import Learning

/// Forward+backward GFLOP/s of an MLP (`depth` Dense layers of width×width with GELU and
/// LayerNorm between them, a mean-squared loss and the input's gradient too, so that it runs
/// the same three products per layer as the baseline) beside the same matrix products alone,
/// timed in alternating rounds. Counts 6·batch·width²·depth FLOPs per pass.
public struct MLPBenchmark {
    public let batch: Int, width: Int, depth: Int
    public let iterations: Int

    public init(batch: Int, width: Int, depth: Int, iterations: Int) {
        self.batch = batch
        self.width = width
        self.depth = depth
        self.iterations = iterations
    }

    public struct Report: Encodable {
        public let batch: Int, width: Int, depth: Int
        public let mlp_gflops: Double
        public let sgemm_gflops: Double
        public let ratio: Double
        /// OpenBLAS's kernel set (``OpenBLASCore/current``).
        public let blas_core: String
    }

    public func run() -> Report {
        var random = SeededRandom(seed: 0)
        let mlp = MLP<Float>(name: "bench", inputSize: width, hiddenSizes: Array(repeating: width, count: depth),
                             layerNorm: true, random: &random)
        let graph = Graph<Float>()
        let x = graph.input([batch, width], requiresGradient: true), target = graph.input([batch, width])
        let loss = graph.mean(graph.square(graph.subtract(mlp(graph, x), target)))
        graph.set(x, (0..<(batch * width)).map { _ in random.uniform(-1, 1) })
        graph.set(target, (0..<(batch * width)).map { _ in random.uniform(-1, 1) })
        let flops = 6.0 * Double(batch * width * width * depth) * Double(iterations)

        var baseline = ProductBaseline(batch: batch, width: width, depth: depth, random: &random)

        let (measuredSeconds, gemmSeconds) = Measurement.alternating(passes: iterations, {
            graph.forward()
            graph.backward(from: loss)
        }, { baseline.run() })
        return Report(batch: batch, width: width, depth: depth, mlp_gflops: flops / measuredSeconds / 1e9,
                      sgemm_gflops: flops / gemmSeconds / 1e9, ratio: gemmSeconds / measuredSeconds,
                      blas_core: OpenBLASCore.current)
    }
}

/// The matrix products of one forward+backward pass of the benchmark's MLP, run alone on
/// buffers of their own per layer (as the MLP's layers have): out = a·W, da += dOut·Wᵀ and
/// dW += aᵀ·dOut.
private struct ProductBaseline {
    struct Layer { var a, w, out, dOut, da, dw: [Float] }
    let batch: Int32, width: Int32
    var layers: [Layer]

    init(batch: Int, width: Int, depth: Int, random: inout SeededRandom) {
        self.batch = Int32(batch)
        self.width = Int32(width)
        func values(_ count: Int) -> [Float] { (0..<count).map { _ in random.uniform(-1, 1) } }
        layers = (0..<depth).map { _ in
            Layer(a: values(batch * width), w: values(width * width), out: values(batch * width),
                  dOut: values(batch * width), da: values(batch * width), dw: values(width * width))
        }
    }

    mutating func run() {
        let (b, n) = (batch, width)
        for l in layers.indices {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, b, n, n, 1, layers[l].a, n, layers[l].w, n, 0,
                        &layers[l].out, n)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, b, n, n, 1, layers[l].dOut, n, layers[l].w, n, 1,
                        &layers[l].da, n)
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, n, b, 1, layers[l].a, n, layers[l].dOut, n, 1,
                        &layers[l].dw, n)
        }
    }
}
