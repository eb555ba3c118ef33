import Learning
import XCTest

final class LayerTests: XCTestCase {
    func testDenseInitialisationFollowsFlaxVarianceScaling() {
        var random = SeededRandom(seed: 3)
        let dense = Dense<Float>(name: "d", inputSize: 512, outputSize: 6, scale: 0.01, random: &random)
        let limit = Float(Initializer.varianceScalingLimit(fanIn: 512, fanOut: 6, scale: 0.01))
        XCTAssertEqual(limit, Float((0.06 / 518).squareRoot()), accuracy: 1e-9)
        let values = dense.kernel.values
        XCTAssertLessThanOrEqual(values.map(abs).max()!, limit)
        XCTAssertGreaterThan(values.map(abs).max()!, 0.95 * limit, "a uniform sample of 3072 reaches the bound")
        XCTAssertEqual(Double(values.reduce(0, +)) / Double(values.count), 0, accuracy: Double(limit) / 20)
        XCTAssertEqual(dense.bias.values, [Float](repeating: 0, count: 6))
        XCTAssertEqual(dense.kernel.name, "d/kernel")
    }

    /// Checkpoint keys are built from typed path components, as Flax names its parameter tree.
    func testParameterPathsBuildFlaxKeys() {
        let critic: ParameterPath = "critic/ensemble"
        XCTAssertEqual(critic.components, ["critic", "ensemble"])
        XCTAssertEqual((critic.appending("Dense", index: 2) / "kernel").description, "critic/ensemble/Dense_2/kernel")
        var random = SeededRandom(seed: 1)
        let mlp = MLP<Float>(name: "actor", inputSize: 3, hiddenSizes: [4, 2], layerNorm: true, random: &random)
        XCTAssertEqual(mlp.parameters.map(\.name), ["actor/Dense_0/kernel", "actor/Dense_0/bias", "actor/LayerNorm_0/scale",
                                                   "actor/LayerNorm_0/bias", "actor/Dense_1/kernel", "actor/Dense_1/bias"])
        XCTAssertEqual(mlp.parameters[2].path, "actor" / "LayerNorm_0" / "scale")
    }

    func testSeededRandomIsReproducibleAndNormal() {
        var a = SeededRandom(seed: 11), b = SeededRandom(seed: 11)
        let xs: [Double] = (0..<20_000).map { _ in a.normal() }
        let ys: [Double] = (0..<20_000).map { _ in b.normal() }
        XCTAssertEqual(xs, ys)
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.03)
    }

    func testMLPAppliesDenseThenGELUThenLayerNorm() {
        var random = SeededRandom(seed: 5)
        let mlp = MLP<Double>(name: "trunk", inputSize: 3, hiddenSizes: [4, 2], activateFinal: false, layerNorm: true,
                              random: &random)
        XCTAssertEqual(mlp.parameters.map(\.name), [
            "trunk/Dense_0/kernel", "trunk/Dense_0/bias", "trunk/LayerNorm_0/scale", "trunk/LayerNorm_0/bias",
            "trunk/Dense_1/kernel", "trunk/Dense_1/bias",
        ])
        let graph = Graph<Double>()
        let x = graph.input([1, 3])
        let y = mlp(graph, x)
        graph.set(x, [0.3, -1.2, 0.8])
        graph.forward()
        // The same computation by hand.
        let w0 = mlp.layers[0].kernel.values, w1 = mlp.layers[1].kernel.values
        var h = (0..<4).map { j in (0..<3).map { i in [0.3, -1.2, 0.8][i] * w0[i * 4 + j] }.reduce(0, +) }
        h = h.map { 0.5 * $0 * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * ($0 + 0.044715 * $0 * $0 * $0))) }
        let mean = h.reduce(0, +) / 4
        let variance = max(0, h.map { $0 * $0 }.reduce(0, +) / 4 - mean * mean)
        h = h.map { ($0 - mean) / (variance + 1e-6).squareRoot() }
        let expected = (0..<2).map { j in (0..<4).map { i in h[i] * w1[i * 2 + j] }.reduce(0, +) }
        XCTAssertEqual(graph.value(y)[0], expected[0], accuracy: 1e-12)
        XCTAssertEqual(graph.value(y)[1], expected[1], accuracy: 1e-12)
    }

    /// The forward-only MLP (vectorized in-place GELU, its own layer norm loop) gives the graph's
    /// values, on a row count that is not a multiple of any vector width.
    func testMLPInferenceMatchesTheGraph() {
        for layerNorm in [false, true] {
            var random = SeededRandom(seed: 9)
            let mlp = MLP<Float>(name: "m", inputSize: 7, hiddenSizes: [37, 19, 3], activateFinal: true,
                                 layerNorm: layerNorm, random: &random)
            let rows = 13
            let input: [Float] = (0..<(rows * 7)).map { _ in Float(random.normal() as Double) * 2 }
            let graph = Graph<Float>()
            let x = graph.input([rows, 7])
            let y = mlp(graph, x)
            graph.set(x, input)
            graph.forward()
            let inference = MLPInference(mlp, capacity: 16)
            let fast = input.withUnsafeBufferPointer { Array(inference($0, rows: rows)) }
            XCTAssertEqual(fast.count, rows * 3)
            for (i, (a, b)) in zip(fast, graph.value(y)).enumerated() {
                XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b)), "layer norm \(layerNorm), output \(i)")
            }
            XCTAssertGreaterThan(Set(fast).count, rows * 2, "distinct outputs, not a constant")
        }
    }

    func testAdamStepMatchesTheFormulaAndLeavesIdleParametersAlone() {
        let p = Parameter<Double>(path: "p", shape: [2], initial: [1, -1])
        let idle = Parameter<Double>(path: "idle", shape: [1], initial: [0.5])
        let adam = Adam(parameters: [p, idle], learningRate: 0.1)
        p.setGradient([0.2, -3])
        adam.update()
        // First step: m̂ = g, v̂ = g², so Δ = −lr·g/(|g| + ε).
        XCTAssertEqual(p.values[0], 1 - 0.1 * 0.2 / (0.2 + 1e-8), accuracy: 1e-15)
        XCTAssertEqual(p.values[1], -1 + 0.1 * 3 / (3 + 1e-8), accuracy: 1e-15)
        XCTAssertEqual(idle.values, [0.5])
        XCTAssertEqual(adam.step, 1)
        // With zero gradient but non-zero momentum the parameter keeps moving.
        p.setGradient([0, 0])
        let before = p.values
        adam.update()
        XCTAssertNotEqual(p.values, before)
        XCTAssertEqual(idle.values, [0.5])
    }

    /// The Float kernel (vectorised C, split over the cores for large parameters) rounds every
    /// operation as the formula in Float does, bit for bit, over several steps; a parameter no
    /// gradient has reached keeps zero moments until one does.
    func testFloatAdamIsTheFormulaBitForBitAndSkipsParametersAtRest() {
        let count = 100_003
        var random = SeededRandom(seed: 5)
        var initial = [Float](repeating: 0, count: count)
        random.fillNormal(&initial)
        let p = Parameter<Float>(path: "p", shape: [count], initial: initial)
        let idle = Parameter<Float>(path: "idle", shape: [3], initial: [1, 2, 3])
        let adam = Adam(parameters: [p, idle], learningRate: 3e-4)
        var w = initial, m = [Float](repeating: 0, count: count), v = m
        for step in 1...3 {
            var g = [Float](repeating: 0, count: count)
            random.fillNormal(&g)
            p.setGradient(g)
            adam.update()
            let c1 = 1 - Float.pow(0.9, step), c2 = 1 - Float.pow(0.999, step)
            for i in 0..<count {
                m[i] = 0.9 * m[i] + (1 - 0.9) * g[i]
                v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i]
                let mHat = m[i] / c1, vHat = v[i] / c2
                w[i] -= 3e-4 * (mHat / (vHat.squareRoot() + 1e-8))
            }
            func mismatches(_ a: [Float], _ b: [Float]) -> Int { zip(a, b).filter { $0 != $1 }.count }
            XCTAssertEqual(mismatches(p.values, w), 0, "values differing from the formula at step \(step)")
            XCTAssertEqual(mismatches(adam.firstMoments[0], m), 0, "first moments differing at step \(step)")
            XCTAssertEqual(mismatches(adam.secondMoments[0], v), 0, "second moments differing at step \(step)")
            XCTAssertEqual(idle.values, [1, 2, 3])
            XCTAssertEqual(adam.firstMoments[1], [0, 0, 0])
        }
        idle.setGradient([0, 1, 0])
        adam.update()
        XCTAssertEqual(idle.values[1], 2 - 3e-4 * ((0.1 / (1 - Float.pow(0.9, 4))) / ((0.001 / (1 - Float.pow(0.999, 4))).squareRoot() + 1e-8)))
        XCTAssertEqual([idle.values[0], idle.values[2]], [1, 3])
        XCTAssertNotEqual(adam.firstMoments[1][1], 0)
    }

    func testPolyakUpdateMixesOnlineIntoTarget() {
        let online = Parameter<Float>(path: "o", shape: [2], initial: [1, 2])
        let target = Parameter<Float>(path: "t", shape: [2], initial: [0, 0])
        polyakUpdate(targets: [target], online: [online], tau: 0.25)
        XCTAssertEqual(target.values, [0.25, 0.5])
    }

    /// A small regression learns (loss falls 100×) and reruns bit-identically for a seed.
    func testRegressionLearnsDeterministically() {
        func train(seed: UInt64) -> [Float] {
            var random = SeededRandom(seed: seed)
            let mlp = MLP<Float>(name: "net", inputSize: 2, hiddenSizes: [32, 32, 1], layerNorm: true, random: &random)
            let graph = Graph<Float>()
            let x = graph.input([64, 2]), target = graph.input([64, 1])
            let loss = graph.mean(graph.square(graph.subtract(mlp(graph, x), target)))
            let adam = Adam(parameters: graph.parameters, learningRate: 3e-3)
            var losses: [Float] = []
            var data = SeededRandom(seed: 99)
            for _ in 0..<500 {
                let inputs: [Float] = (0..<128).map { _ in data.uniform(-1, 1) }
                let targets: [Float] = (0..<64).map { Float.sin(2 * inputs[2 * $0]) * inputs[2 * $0 + 1] }
                graph.set(x, inputs)
                graph.set(target, targets)
                graph.forward()
                losses.append(graph.scalar(loss))
                graph.backward(from: loss)
                adam.update()
            }
            return losses
        }
        let losses = train(seed: 1)
        let start = losses.prefix(10).reduce(0, +) / 10, end = losses.suffix(10).reduce(0, +) / 10
        XCTAssertLessThan(end, start / 100, "loss \(start) → \(end)")
        XCTAssertEqual(train(seed: 1), losses)
        XCTAssertNotEqual(train(seed: 2), losses)
    }
}

import Foundation

/// PyTorch-style orthogonal initialisation: orthonormal columns (tall) or rows (wide).
final class OrthogonalInitializerTests: XCTestCase {
    func testKernelsAreOrthonormal() {
        var random = SeededRandom(seed: 3)
        for (rows, columns) in [(12, 5), (5, 12), (7, 7)] {
            let w: [Double] = Initializer.orthogonal(rows: rows, columns: columns, gain: 2, random: &random)
            let tall = rows >= columns, m = min(rows, columns)
            for a in 0..<m {
                for b in 0..<m {
                    var dot = 0.0
                    for k in 0..<max(rows, columns) {
                        dot += tall ? w[k * columns + a] * w[k * columns + b] : w[a * columns + k] * w[b * columns + k]
                    }
                    XCTAssertEqual(dot, a == b ? 4 : 0, accuracy: 1e-9, "\(rows)x\(columns) [\(a), \(b)]")
                }
            }
        }
    }
}
