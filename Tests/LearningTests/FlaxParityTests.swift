import ArrayFiles
import Learning
import TestSupport
import XCTest

/// Forward values and gradients of our layers against JAX/Flax with the same weights
/// (fixtures from `datasets-tools/make_learning_fixtures.py`, CPU, float32, highest matmul
/// precision). Tolerance: relative L2 error ≤ 1e-5 per array (the issue's 1e-5), and every
/// output element within 1e-5·(1 + |reference|).
final class FlaxParityTests: XCTestCase {
    var fixture: NPZArchive!

    override func setUpWithError() throws {
        fixture = try NPZArchive(path: "\(RepositoryPaths.root)/Tests/LearningTests/Fixtures/flax_parity.npz")
    }

    func array(_ name: String) throws -> (shape: [Int], values: [Float]) {
        (try fixture.header(name).shape, try fixture.array(name, as: Float.self))
    }

    func assertRelativeL2(_ actual: [Float], _ expected: [Float], _ what: String, tolerance: Double = 1e-5,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, what, file: file, line: line)
        var error = 0.0, norm = 0.0
        for (a, e) in zip(actual, expected) {
            error += Double(a - e) * Double(a - e)
            norm += Double(e) * Double(e)
        }
        let relative = (error / max(norm, 1e-30)).squareRoot()
        XCTAssertLessThanOrEqual(relative, tolerance, "\(what): relative L2 error \(relative)", file: file, line: line)
    }

    /// Loads `parameters` (named `param/…`) from the case, runs `build` on its input, and
    /// compares y, d(sum(y·w))/dparameter and d/dx with the reference.
    func checkParity(_ name: String, _ parameters: [Parameter<Float>], file: StaticString = #filePath, line: UInt = #line,
                     _ build: (Graph<Float>, Variable) -> Variable) throws {
        for parameter in parameters {
            let (shape, values) = try array("\(name)/\(parameter.name)")
            XCTAssertEqual(shape, parameter.shape, parameter.name, file: file, line: line)
            parameter.assign(values)
        }
        let expectedNames = Set(fixture.names.filter { $0.hasPrefix("\(name)/param/") }.map { String($0.dropFirst(name.count + 1)) })
        XCTAssertEqual(Set(parameters.map(\.name)), expectedNames, "parameter names", file: file, line: line)
        let (xShape, xValues) = try array("\(name)/x")
        let graph = Graph<Float>()
        let x = graph.input(xShape, requiresGradient: true)
        let y = build(graph, x)
        let (wShape, wValues) = try array("\(name)/w")
        XCTAssertEqual(y.shape, wShape, "output shape", file: file, line: line)
        let w = graph.input(wShape)
        let loss = graph.sum(graph.multiply(y, w))
        graph.set(x, xValues)
        graph.set(w, wValues)
        graph.forward()
        graph.backward(from: loss)

        let expectedY = try array("\(name)/y").values, actualY = graph.value(y)
        for (i, (a, e)) in zip(actualY, expectedY).enumerated() where abs(a - e) > 1e-5 * (1 + abs(e)) {
            XCTFail("\(name) y[\(i)] = \(a), reference \(e)", file: file, line: line)
            break
        }
        assertRelativeL2(actualY, expectedY, "\(name) output", file: file, line: line)
        assertRelativeL2(graph.gradient(x), try array("\(name)/grad_x").values, "\(name) d/dx", file: file, line: line)
        for parameter in parameters {
            let reference = try array("\(name)/grad/\(parameter.name.dropFirst("param/".count))").values
            assertRelativeL2(parameter.gradients, reference, "\(name) d/d\(parameter.name)", file: file, line: line)
        }
    }

    func testDense() throws {
        var random = SeededRandom(seed: 1)
        let dense = Dense<Float>(name: "param", inputSize: 7, outputSize: 5, random: &random)
        try checkParity("dense", dense.parameters) { g, x in dense(g, x) }
    }

    func testGELU() throws {
        try checkParity("gelu", []) { g, x in g.gelu(x) }
    }

    func testLayerNorm() throws {
        let norm = LayerNorm<Float>(name: "param/LayerNorm_0", size: 9)
        try checkParity("layer_norm", norm.parameters) { g, x in norm(g, x) }
    }

    func testMLPWithLayerNorm() throws {
        var random = SeededRandom(seed: 1)
        let mlp = MLP<Float>(name: "param", inputSize: 6, hiddenSizes: [32, 32, 3], layerNorm: true, random: &random)
        try checkParity("mlp", mlp.parameters) { g, x in mlp(g, x) }
    }

    func testEnsembleMLP() throws {
        var random = SeededRandom(seed: 1)
        let ensemble = EnsembleMLP<Float>(name: "param", members: 2, inputSize: 6, hiddenSizes: [16, 16, 1],
                                          layerNorm: true, random: &random)
        try checkParity("ensemble", ensemble.parameters) { g, x in ensemble(g, x) }
    }

    /// impala_small on a [2, 64, 64, 9] batch of pixel values, with a 32-wide Dense head.
    func testImpalaEncoder() throws {
        var random = SeededRandom(seed: 1)
        let encoder = ImpalaEncoder<Float>(name: "param", inputShape: [64, 64, 9], hiddenSizes: [32], random: &random)
        try checkParity("impala", encoder.parameters) { g, x in encoder(g, x) }
    }
}
