import COpenBLAS
import Learning

/// Forward+backward GFLOP/s of the IMPALA image encoder (`impala_small` with one block per
/// stack, `impala` with two) on a batch of `frameStack` stacked 64×64 RGB frames, with a
/// mean-squared loss on its embedding, beside cblas_sgemm running the encoder's matrix products
/// alone in the shapes an im2col lowering would give them (``ImpalaEncoder/matrixProducts(batch:)``:
/// im2col chunks, kernel and input gradients), timed in alternating rounds. FLOPs are those
/// products' 2·m·n·k; Float convolutions run direct kernels instead, so the ratio can pass 1.
public struct EncoderBenchmark {
    public let batch: Int, frameStack: Int, blocks: Int
    public let iterations: Int

    public init(batch: Int, frameStack: Int, blocks: Int, iterations: Int) {
        self.batch = batch
        self.frameStack = frameStack
        self.blocks = blocks
        self.iterations = iterations
    }

    public struct Report: Encodable {
        public let batch: Int, frame_stack: Int, blocks: Int
        /// FLOPs of one forward+backward pass (its matrix products).
        public let gflop_per_pass: Double
        public let encoder_gflops: Double
        public let sgemm_gflops: Double
        public let ratio: Double
        /// OpenBLAS's kernel set (``OpenBLASCore/current``).
        public let blas_core: String
    }

    public func run() -> Report {
        var random = SeededRandom(seed: 0)
        let shape = [64, 64, 3 * frameStack]
        let encoder = ImpalaEncoder<Float>(name: "bench", inputShape: shape, blocks: blocks, random: &random)
        let graph = Graph<Float>()
        let x = graph.input([batch] + shape)
        let embedding = encoder(graph, x)
        let target = graph.input(embedding.shape)
        let loss = graph.mean(graph.square(graph.subtract(embedding, target)))
        graph.set(x, (0..<(batch * shape.reduce(1, *))).map { _ in Float(random.uniform(0, 255) as Float).rounded() })
        graph.set(target, (0..<embedding.count).map { _ in random.uniform(-1, 1) })
        var baseline = ProductSet(encoder.matrixProducts(batch: batch), random: &random)
        let flops = baseline.flops * Double(iterations)

        let (measuredSeconds, gemmSeconds) = Measurement.alternating(passes: iterations, {
            graph.forward()
            graph.backward(from: loss)
        }, { baseline.run() })
        return Report(batch: batch, frame_stack: frameStack, blocks: blocks, gflop_per_pass: baseline.flops / 1e9,
                      encoder_gflops: flops / measuredSeconds / 1e9, sgemm_gflops: flops / gemmSeconds / 1e9,
                      ratio: gemmSeconds / measuredSeconds, blas_core: OpenBLASCore.current)
    }
}

/// Matrix products run alone with cblas_sgemm; products of one shape share buffers, as a layer's
/// chunks do.
private struct ProductSet {
    struct Buffers { var a, b, c: [Float] }
    let products: [MatrixProduct]
    /// For each product, its shape's index in `buffers`.
    let shapeIndex: [Int]
    var buffers: [Buffers] = []

    init(_ products: [MatrixProduct], random: inout SeededRandom) {
        self.products = products
        var shapes: [MatrixProduct] = []
        shapeIndex = products.map { p in
            if let i = shapes.firstIndex(of: p) { return i }
            shapes.append(p)
            return shapes.count - 1
        }
        func values(_ count: Int) -> [Float] { (0..<count).map { _ in random.uniform(-1, 1) } }
        buffers = shapes.map { Buffers(a: values($0.m * $0.k), b: values($0.k * $0.n), c: values($0.m * $0.n)) }
    }

    var flops: Double { products.map(\.flops).reduce(0, +) }

    mutating func run() {
        for (p, i) in zip(products, shapeIndex) {
            let (m, n, k) = (Int32(p.m), Int32(p.n), Int32(p.k))
            buffers[i].a.withUnsafeBufferPointer { a in
                buffers[i].b.withUnsafeBufferPointer { b in
                    buffers[i].c.withUnsafeMutableBufferPointer { c in
                        cblas_sgemm(CblasRowMajor, p.transposeA ? CblasTrans : CblasNoTrans, p.transposeB ? CblasTrans : CblasNoTrans,
                                    m, n, k, 1, a.baseAddress, p.transposeA ? m : k, b.baseAddress, p.transposeB ? k : n, 1,
                                    c.baseAddress, n)
                    }
                }
            }
        }
    }
}
