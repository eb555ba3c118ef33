import Foundation
import Learning
import XCTest

/// Initialisation and shapes of the convolutional, ensemble and policy layers.
final class ImageAndPolicyLayerTests: XCTestCase {
    func testConvolutionInitialiserCountsTheReceptiveField() {
        var random = SeededRandom(seed: 2)
        let conv = Conv<Float>(name: "c", inputChannels: 9, features: 16, random: &random)
        let limit = Float((6.0 / Double(9 * (9 + 16))).squareRoot())
        let largest = conv.kernel.values.map(abs).max()!
        XCTAssertEqual(conv.kernel.shape, [3, 3, 9, 16])
        XCTAssertLessThanOrEqual(largest, limit)
        XCTAssertGreaterThan(largest, 0.95 * limit)
        XCTAssertEqual(conv.bias.values, [Float](repeating: 0, count: 16))
    }

    func testImpalaSmallShapesAndParameterCount() {
        var random = SeededRandom(seed: 4)
        let encoder = ImpalaEncoder<Float>(name: "enc", inputShape: [64, 64, 9], random: &random)
        // Convolutions: (9·16 + 2·16·16)·9 + 3·16 + (16·32 + 2·32·32)·9 + 3·32 + 3·32·32·9 + 3·32; Dense 2048·512 + 512.
        let convolution = (9 * 16 + 2 * 16 * 16) * 9 + 48 + (16 * 32 + 2 * 32 * 32) * 9 + 96 + 3 * 32 * 32 * 9 + 96
        XCTAssertEqual(encoder.parameters.map(\.count).reduce(0, +), convolution + 2048 * 512 + 512)
        XCTAssertEqual(encoder.head.layers[0].kernel.shape, [2048, 512])
        XCTAssertEqual(encoder.parameters.first?.name, "enc/stack_blocks_0/Conv_0/kernel")
        let graph = Graph<Float>()
        let x = graph.input([3, 64, 64, 9])
        XCTAssertEqual(encoder(graph, x).shape, [3, 512])
    }

    func testEnsembleMembersAreIndependentlyInitialised() {
        var random = SeededRandom(seed: 6)
        let ensemble = EnsembleMLP<Float>(name: "critic", members: 2, inputSize: 30, hiddenSizes: [64, 1], random: &random)
        let kernel = ensemble.kernels[0].values
        XCTAssertEqual(ensemble.kernels[0].shape, [2, 30, 64])
        XCTAssertNotEqual(Array(kernel[0..<1920]), Array(kernel[1920...]))
        let graph = Graph<Float>()
        XCTAssertEqual(ensemble(graph, graph.input([5, 30])).shape, [2, 5, 1])
    }

    func testGaussianLogProbabilityMatchesTheDensity() throws {
        var random = SeededRandom(seed: 8)
        let head = GaussianHead<Double>(name: "actor", inputSize: 4, actionSize: 2, constantStd: false, random: &random)
        let graph = Graph<Double>()
        let features = graph.input([1, 4]), actions = graph.input([1, 2])
        let (mean, logStd) = head(graph, features)
        let logp = head.logProbability(graph, mean: mean, logStd: logStd, actions: actions)
        graph.set(features, [0.3, -1, 2, 0.5])
        graph.set(actions, [0.2, -0.7])
        graph.forward()
        let mu = graph.value(mean), ls = graph.value(try XCTUnwrap(logStd))
        var expected = 0.0
        for (i, a) in [0.2, -0.7].enumerated() {
            let sigma = Foundation.exp(ls[i])
            expected += -0.5 * pow((a - mu[i]) / sigma, 2) - ls[i] - 0.5 * Foundation.log(2 * Double.pi)
        }
        XCTAssertEqual(graph.value(logp)[0], expected, accuracy: 1e-12)

        // Constant σ = 1: log π = −½‖a − μ‖² − (d/2)·log 2π, the BC term of the spec.
        let constant = GaussianHead<Double>(name: "actor", inputSize: 4, actionSize: 2, random: &random)
        let g2 = Graph<Double>()
        let f2 = g2.input([1, 4]), a2 = g2.input([1, 2])
        let (m2, s2) = constant(g2, f2)
        XCTAssertNil(s2)
        let l2 = constant.logProbability(g2, mean: m2, logStd: nil, actions: a2)
        g2.set(f2, [0.3, -1, 2, 0.5]); g2.set(a2, [0.2, -0.7])
        g2.forward()
        let m = g2.value(m2)
        XCTAssertEqual(g2.value(l2)[0], -0.5 * (pow(0.2 - m[0], 2) + pow(-0.7 - m[1], 2)) - Foundation.log(2 * Double.pi),
                       accuracy: 1e-12)
    }

    func testImpalaEncoderListsTheProductsOfAPass() {
        // impala_small over 3 stacked frames: per image, each 3×3 convolution costs 2·H·W·9·C·O
        // FLOPs forward and as much for its kernel's and its input's gradients (none for the
        // images'); the Dense 2048 → 512 likewise. Batch 30 splits the first convolution's im2col
        // into chunks of 12 images, which must not change the total.
        var random = SeededRandom(seed: 0)
        let encoder = ImpalaEncoder<Float>(name: "e", inputShape: [64, 64, 9], random: &random)
        func conv(_ side: Double, _ c: Double, _ o: Double, passes: Double = 3) -> Double { passes * 2 * side * side * 9 * c * o }
        let perImage = conv(64, 9, 16, passes: 2) + 2 * conv(32, 16, 16) + conv(32, 16, 32) + 2 * conv(16, 32, 32)
            + conv(16, 32, 32) + 2 * conv(8, 32, 32) + 3 * 2 * 2048 * 512
        let products = encoder.matrixProducts(batch: 30)
        XCTAssertEqual(products.map(\.flops).reduce(0, +), 30 * perImage)
        XCTAssertEqual(products.first, MatrixProduct(m: 12 * 4096, n: 16, k: 81))
        XCTAssertEqual(products.filter { $0.k == 81 || $0.m == 81 }.count, 6, "3 chunks of the first convolution, 2 products each")
    }
}
