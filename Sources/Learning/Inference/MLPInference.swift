import CVectorMath

/// Forward-only evaluation of an ``MLP`` on buffers allocated once, for the no-gradient passes
/// of training (flow roll-outs, Monte-Carlo targets) and for acting.
///
/// Reads the MLP's parameters in place, so it always sees their current values; it never
/// writes them. The first layer can be split by input columns (``accumulateFirstLayer(_:rows:columns:into:)``)
/// so that inputs which stay fixed across many calls are multiplied once, then each call
/// supplies only its pre-activation (``run(rows:preactivation:)``). Not thread-safe; create one
/// per thread.
///
/// Owns its three work buffers (allocated once, freed with the value), so the results it
/// returns point into memory that stays valid until the next call, not into an array's storage
/// borrowed for the length of a closure.
public final class MLPInference {
    public let mlp: MLP<Float>
    /// The largest number of rows one call may pass.
    public let capacity: Int
    private let ping: UnsafeMutableBufferPointer<Float>
    private let pong: UnsafeMutableBufferPointer<Float>
    private let output: UnsafeMutableBufferPointer<Float>

    /// Input width of the first layer and width of the last.
    public var inputSize: Int { mlp.layers[0].kernel.shape[0] }
    public var outputSize: Int { mlp.layers.last!.kernel.shape[1] }
    /// Width of the first layer's output (its pre-activation).
    public var firstWidth: Int { mlp.layers[0].kernel.shape[1] }

    public init(_ mlp: MLP<Float>, capacity: Int) {
        self.mlp = mlp
        self.capacity = capacity
        let widest = mlp.layers.map { $0.kernel.shape[1] }.max()!
        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
            let memory = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
            memory.initialize(repeating: 0)
            return memory
        }
        ping = buffer(capacity * widest)
        pong = buffer(capacity * widest)
        output = buffer(capacity * mlp.layers.last!.kernel.shape[1])
    }

    deinit {
        ping.deallocate()
        pong.deallocate()
        output.deallocate()
    }

    /// MLP(`input`) for `rows` rows of [rows, inputSize]; the result stays valid until the next call.
    public func callAsFunction(_ input: UnsafeBufferPointer<Float>, rows: Int) -> UnsafeBufferPointer<Float> {
        precondition(input.count >= rows * inputSize, "MLPInference: \(input.count) values for \(rows) rows of \(inputSize)")
        return run(rows: rows) { pre in
            let first = mlp.layers[0]
            AffineOperation<Float>.forward(input.baseAddress!, first.kernel.value, first.bias.value,
                                           m: rows, k: inputSize, n: firstWidth, into: pre)
        }
    }

    /// `into` (+)= x·W₁[columns, :] for x [rows, columns.count]: the part of the first layer's
    /// pre-activation that input columns `columns` contribute (no bias). `accumulate` adds to
    /// what `into` holds; otherwise it is overwritten.
    public func accumulateFirstLayer(_ x: UnsafePointer<Float>, rows: Int, columns: Range<Int>,
                                     into: UnsafeMutablePointer<Float>, accumulate: Bool) {
        let width = firstWidth
        Float.gemm(transposeA: false, transposeB: false, m: rows, n: width, k: columns.count, alpha: 1, a: x,
                   lda: columns.count, b: mlp.layers[0].kernel.value + columns.lowerBound * width, ldb: width,
                   beta: accumulate ? 1 : 0, c: into, ldc: width)
    }

    /// Writes the first layer's bias into each of `rows` rows of `into` ([rows, firstWidth]).
    public func writeFirstLayerBias(rows: Int, into: UnsafeMutablePointer<Float>) {
        AffineOperation<Float>.broadcastRows(mlp.layers[0].bias.value, rows: rows, width: firstWidth, into: into)
    }

    /// into[r] = shared[r mod sharedRows] + weight(r)·W₁[column, :] for r < rows: a pre-activation
    /// shared by groups of rows plus one input column's contribution, for an input that varies
    /// per row (a time) while the others stay fixed. Rows are [firstWidth].
    public func addFirstLayerColumn(_ column: Int, weight: (Int) -> Float, to shared: UnsafePointer<Float>,
                                    sharedRows: Int, rows: Int, into: UnsafeMutablePointer<Float>) {
        let width = firstWidth, kernelRow = mlp.layers[0].kernel.value + column * width
        for r in 0..<rows {
            let row = into + r * width, base = shared + (r % sharedRows) * width, w = weight(r)
            for j in 0..<width { row[j] = base[j] + w * kernelRow[j] }
        }
    }

    /// Runs the MLP from the first layer's pre-activation, which `preactivation` writes into
    /// the [rows, firstWidth] buffer it is given (bias included); returns [rows, outputSize].
    public func run(rows: Int, preactivation: (UnsafeMutablePointer<Float>) -> Void) -> UnsafeBufferPointer<Float> {
        precondition(rows <= capacity, "MLPInference: \(rows) rows exceed the capacity \(capacity)")
        let layers = mlp.layers, out = output.baseAddress!
        var current = ping.baseAddress!, next = pong.baseAddress!
        preactivation(current)
        for i in layers.indices {
            let width = layers[i].kernel.shape[1]
            if i > 0 {
                let target = i == layers.count - 1 ? out : next
                AffineOperation<Float>.forward(current, layers[i].kernel.value, layers[i].bias.value,
                                               m: rows, k: layers[i].kernel.shape[0], n: width, into: target)
                if target == next { swap(&current, &next) } else { current = target }
            }
            if MLPLayerOrder.activates(i, of: layers.count, activateFinal: mlp.activateFinal) {
                let values = current
                ParallelParts.forEach(rows * width, costPerItem: 1) { infom_gelu_in_place(values + $0.lowerBound, $0.count) }
                if let norm = mlp.norms[i] {
                    MLPInference.layerNorm(current, rows: rows, width: width, scale: norm.scale.value, offset: norm.offset.value)
                }
            }
        }
        if current != out { out.update(from: current, count: rows * outputSize) }
        return UnsafeBufferPointer(start: out, count: rows * outputSize)
    }

    /// Flax's layer norm in place over rows of `width` (ε = 1e-6, fast variance), as the graph's kernel.
    static func layerNorm(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int,
                          scale: UnsafePointer<Float>, offset: UnsafePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * width
            let (mean, rstd) = LayerNormOperation<Float>.statistics(row, width: width, epsilon: 1e-6)
            for j in 0..<width { row[j] = (row[j] - mean) * rstd * scale[j] + offset[j] }
        }
    }
}
