import Learning
import XCTest

/// Every operation's backward pass against central finite differences in float64.
final class GradientCheckTests: XCTestCase {
    func testMatmulAllTransposes() {
        check([[3, 4], [4, 5]]) { g, x in g.matmul(x[0], x[1]) }
        check([[4, 3], [4, 5]]) { g, x in g.matmul(x[0], x[1], transposeA: true) }
        check([[3, 4], [5, 4]]) { g, x in g.matmul(x[0], x[1], transposeB: true) }
        check([[4, 3], [5, 4]]) { g, x in g.matmul(x[0], x[1], transposeA: true, transposeB: true) }
        check([[2, 3, 4], [4, 2]]) { g, x in g.matmul(x[0], x[1]) }
    }

    func testBatchMatmul() {
        check([[2, 3, 4], [2, 4, 5]]) { g, x in g.batchMatmul(x[0], x[1]) }
        check([[2, 3, 4], [2, 5, 4]]) { g, x in g.batchMatmul(x[0], x[1], transposeB: true) }
    }

    func testLogSumExp() {
        check([[2, 3, 5]]) { g, x in g.logSumExp(x[0]) }
        check([[4]]) { g, x in g.logSumExp(x[0]) }
        check([[2, 3, 3], [3, 3]]) { g, x in g.softmaxCrossEntropy(logits: x[0], labels: x[1]) }
        check([[3, 4]]) { g, x in g.softmax(x[0]) }
    }

    /// Logits far beyond exp's range give the log-partition, not infinity or NaN.
    func testLogSumExpOfLargeLogits() {
        let graph = Graph<Float>()
        let x = graph.input([2, 3])
        let y = graph.logSumExp(x)
        graph.set(x, [1000, 1000, 0, -1000, -2000, -1000])
        graph.forward()
        let value = graph.value(y)
        XCTAssertEqual(value[0], 1000 + log(2), accuracy: 1e-3)
        XCTAssertEqual(value[1], -1000 + log(2), accuracy: 1e-3)
    }

    func testBroadcastingArithmetic() {
        check([[3, 4], [3, 4]]) { g, x in g.add(x[0], x[1]) }
        check([[3, 4], [4]]) { g, x in g.add(x[0], x[1]) }
        check([[2, 3, 4], [2, 1, 4]]) { g, x in g.subtract(x[0], x[1]) }
        check([[3, 1], [1, 4]]) { g, x in g.multiply(x[0], x[1]) }
        check([[2, 3, 4], [3, 1]], transform: { i, v in i == 1 ? v.map { abs($0) + 0.5 } : v }) { g, x in g.divide(x[0], x[1]) }
        check([[3, 4], [3, 4]], transform: { i, v in i == 1 ? v.map { abs($0) + 0.5 } : v }) { g, x in g.divide(x[0], x[1]) }
        check([[3, 4]]) { g, x in g.normalizeRows(x[0], to: 2) }
        check([[2, 3, 4], [3, 1]]) { g, x in g.multiply(x[0], x[1]) }
    }

    func testReductions() {
        check([[2, 3, 4]]) { g, x in g.sum(x[0]) }
        check([[2, 3, 4]]) { g, x in g.mean(x[0], axes: [-1]) }
        check([[2, 3, 4]]) { g, x in g.sum(x[0], axes: [0, 2]) }
        check([[2, 3, 4]]) { g, x in g.mean(x[0], axes: [1]) }
        check([[3, 7]]) { g, x in g.mean(x[0]) }
    }

    /// Each backward pass starts from zero gradients, whichever loss the previous one used:
    /// an input the new loss does not reach reads zero, and repeating a pass does not double it.
    func testBackwardPassesDoNotAccumulateAcrossCalls() {
        let graph = Graph<Double>()
        let x = graph.input([3], requiresGradient: true), y = graph.input([3], requiresGradient: true)
        let hidden = graph.square(x)
        let lossX = graph.sum(graph.scale(hidden, by: 3)), lossY = graph.sum(graph.multiply(y, y))
        graph.set(x, [1, 2, 3])
        graph.set(y, [4, 5, 6])
        graph.forward()
        graph.backward(from: lossX)
        graph.backward(from: lossX)
        XCTAssertEqual(graph.gradient(x), [6, 12, 18])
        XCTAssertEqual(graph.gradient(y), [0, 0, 0])
        graph.backward(from: lossY)
        XCTAssertEqual(graph.gradient(x), [0, 0, 0])
        XCTAssertEqual(graph.gradient(y), [8, 10, 12])
        graph.backward(from: lossX)
        XCTAssertEqual(graph.gradient(x), [6, 12, 18])
        XCTAssertEqual(graph.gradient(y), [0, 0, 0])
    }

    func testElementwiseFunctions() {
        check([[3, 5]]) { g, x in g.square(x[0]) }
        check([[3, 5]]) { g, x in g.exp(x[0]) }
        check([[3, 5]], transform: { _, v in v.map { abs($0) + 0.1 } }) { g, x in g.log(x[0]) }
        check([[3, 5]], transform: { _, v in v.map { abs($0) + 0.1 } }) { g, x in g.sqrt(x[0]) }
        check([[3, 5]]) { g, x in g.tanh(x[0]) }
        check([[3, 5]], transform: { _, v in v.map { $0 + ($0 >= 0 ? 0.01 : -0.01) } }) { g, x in g.relu(x[0]) }
        check([[3, 5]], transform: { _, v in v.map { $0 * 3 } }) { g, x in g.gelu(x[0]) }
        check([[3, 5]]) { g, x in g.negate(x[0]) }
        check([[3, 5]]) { g, x in g.scale(x[0], by: -2.5) }
        // Keep inputs away from the clip bounds, where the derivative jumps.
        check([[4, 5]], transform: { _, v in v.map { abs(abs($0) - 0.5) < 0.01 ? $0 + 0.05 : $0 } }) { g, x in
            g.clip(x[0], low: -0.5, high: 0.5)
        }
    }

    func testLayerNorm() {
        check([[3, 6], [6], [6]], transform: { k, v in k == 0 ? v.map { $0 * 2 } : v }) { g, x in
            g.layerNorm(x[0], scale: x[1], offset: x[2])
        }
        check([[2, 2, 5], [5], [5]]) { g, x in g.layerNorm(x[0], scale: x[1], offset: x[2], epsilon: 1e-6) }
        // 19 = two full SIMD lanes of eight plus a remainder of three.
        check([[2, 19], [19], [19]]) { g, x in g.layerNorm(x[0], scale: x[1], offset: x[2], epsilon: 1e-6) }
    }

    func testAffine() {
        check([[3, 4], [4, 5], [5]]) { g, x in g.affine(x[0], x[1], x[2]) }
        check([[2, 3, 4], [4, 2], [2]]) { g, x in g.affine(x[0], x[1], x[2]) }
    }

    /// Float graphs compute GELU with a vectorized tanh; it stays within 1e-6 of libm's.
    func testFloatGELUMatchesTheDoubleReference() {
        let graph = Graph<Float>()
        let x = graph.input([2001], requiresGradient: true)
        let y = graph.gelu(x)
        let loss = graph.sum(y)
        let inputs: [Float] = (0...2000).map { Float($0 - 1000) / 100 }
        graph.set(x, inputs)
        graph.forward()
        graph.backward(from: loss)
        for (i, v) in inputs.enumerated() {
            let d = Double(v), c = (2 / Double.pi).squareRoot()
            let t = Foundation.tanh(c * (d + 0.044715 * d * d * d))
            let derivative = 0.5 * (1 + t) + 0.5 * d * (1 - t * t) * c * (1 + 3 * 0.044715 * d * d)
            XCTAssertEqual(Double(graph.value(y)[i]), 0.5 * d * (1 + t), accuracy: 1e-6 * (1 + abs(d)), "x = \(v)")
            XCTAssertEqual(Double(graph.gradient(x)[i]), derivative, accuracy: 2e-6, "x = \(v)")
        }
    }

    func testShapeOperations() {
        check([[2, 3], [2, 4], [2, 1]]) { g, x in g.concatenate(x) }
        check([[3, 7]]) { g, x in g.slice(x[0], lastAxis: 2..<5) }
        check([[3, 4]]) { g, x in g.reshape(x[0], [2, 6]) }
        check([[3, 2, 4]]) { g, x in g.minimumOverFirstAxis(x[0]) }
    }

    func testStopGradientBlocksGradient() {
        let graph = Graph<Double>()
        let x = graph.input([3], requiresGradient: true)
        let loss = graph.sum(graph.square(graph.stopGradient(x)))
        graph.set(x, [1, 2, 3])
        graph.forward()
        graph.backward(from: loss)
        XCTAssertEqual(graph.scalar(loss), 14)
        XCTAssertEqual(graph.gradient(x), [0, 0, 0])
    }

    func testParametersAccumulateGradients() {
        let graph = Graph<Double>()
        let w = Parameter<Double>(path: "w", shape: [2, 2], initial: [1, 2, 3, 4])
        let x = graph.input([1, 2])
        let loss = graph.sum(graph.matmul(x, graph.parameter(w)))
        graph.set(x, [5, 7])
        graph.forward()
        graph.backward(from: loss)
        let expected: Double = 5 * 1 + 7 * 3 + 5 * 2 + 7 * 4
        XCTAssertEqual(graph.scalar(loss), expected)
        XCTAssertEqual(w.gradients, [5, 5, 7, 7])
        XCTAssertEqual(graph.parameters.map(\.name), ["w"])
    }

    func testGELUMatchesItsDefinition() {
        let graph = Graph<Double>()
        let x = graph.input([3])
        let y = graph.gelu(x)
        graph.set(x, [-1, 0.5, 2])
        graph.forward()
        for (input, output) in zip([-1.0, 0.5, 2], graph.value(y)) {
            let expected = 0.5 * input * (1 + Foundation.tanh((2 / Double.pi).squareRoot() * (input + 0.044715 * pow(input, 3))))
            XCTAssertEqual(output, expected, accuracy: 1e-15)
        }
    }
}

import Foundation
