import Learning

/// The flow map Φ of spec infom.md §1.3 and single vector-field evaluations, forward only, for
/// many goals at once: x_{k+1} = clip(x_k + v(x_k, k/K, c)/K, lo, hi) over all rows in one
/// batch per Euler step.
///
/// The vector field's input is [x, t, c] with the conditioning c = [s, a, z]. The first layer's
/// conditioning part c·W_c + b is computed once per ``setCondition(_:rows:)`` and reused by
/// every goal and every step: row r of x uses conditioning row r mod C (N goals of B samples,
/// laid out [N, B], share the B conditioning rows). Not thread-safe.
final class FlowRollout {
    let network: MLPInference
    let stateSize: Int
    let conditionWidth: Int
    private var conditionPreactivation: [Float]
    private var conditionRows = 0

    init(vectorField: MLP<Float>, stateSize: Int, capacity: Int, conditionCapacity: Int) {
        network = MLPInference(vectorField, capacity: capacity)
        self.stateSize = stateSize
        conditionWidth = network.inputSize - stateSize - 1
        conditionPreactivation = Array(repeating: 0, count: conditionCapacity * network.firstWidth)
    }

    /// Sets the conditioning rows c = [s, a, z] ([rows, conditionWidth]) for the following calls.
    func setCondition(_ condition: UnsafePointer<Float>, rows: Int) {
        let width = network.firstWidth
        precondition(rows * width <= conditionPreactivation.count, "FlowRollout: \(rows) conditioning rows exceed the capacity")
        conditionRows = rows
        conditionPreactivation.withUnsafeMutableBufferPointer { pre in
            network.writeFirstLayerBias(rows: rows, into: pre.baseAddress!)
            network.accumulateFirstLayer(condition, rows: rows, columns: (stateSize + 1)..<network.inputSize,
                                         into: pre.baseAddress!, accumulate: true)
        }
    }

    /// v(x, t_r, c_{r mod C}) for `rows` rows of x [rows, d_s]; `time(r)` gives row r's time.
    func velocity(_ x: UnsafePointer<Float>, rows: Int, time: (Int) -> Float) -> UnsafeBufferPointer<Float> {
        conditionPreactivation.withUnsafeBufferPointer { condition in
            network.run(rows: rows) { pre in
                network.addFirstLayerColumn(stateSize, weight: time, to: condition.baseAddress!, sharedRows: conditionRows,
                                            rows: rows, into: pre)
                network.accumulateFirstLayer(x, rows: rows, columns: 0..<stateSize, into: pre, accumulate: true)
            }
        }
    }

    /// Integrates `x` ([rows, d_s], the noise on entry, the goals on return) over `steps` Euler
    /// steps from t = 0 to 1, clipping after every step to [low + 1e-5, high − 1e-5] per
    /// dimension when bounds are given (where low + 1e-5 > high − 1e-5, the upper bound wins, as
    /// `jnp.clip` does).
    func integrate(_ x: UnsafeMutablePointer<Float>, rows: Int, steps: Int, low: [Float]?, high: [Float]?) {
        let ds = stateSize, h = 1 / Float(steps)
        for k in 0..<steps {
            let t = Float(k) * h
            let v = velocity(UnsafePointer(x), rows: rows) { _ in t }
            for i in 0..<(rows * ds) { x[i] += v[i] * h }
            if let low, let high {
                for r in 0..<rows {
                    let row = x + r * ds
                    for j in 0..<ds { row[j] = min(max(row[j], low[j] + 1e-5), high[j] - 1e-5) }
                }
            }
        }
    }
}
