import Learning
import XCTest

/// Convolution, max-pooling, ensembles and losses: gradients against central differences in
/// float64, and forward values against direct definitions written independently of the kernels.
final class ImageOperationTests: XCTestCase {
    func testConvolutionGradients() {
        check([[2, 4, 5, 3], [3, 3, 3, 2], [2]]) { g, x in g.convolution(x[0], kernel: x[1], bias: x[2]) }
        check([[1, 3, 3, 2], [1, 1, 2, 4], [4]]) { g, x in g.convolution(x[0], kernel: x[1], bias: x[2]) }
        check([[2, 4, 5, 3], [3, 3, 3, 2], [2]]) { g, x in g.convolution(x[0], kernel: x[1], bias: x[2], rectifyingInput: true) }
    }

    /// The affine kernels' Float bias (C: infom_broadcast_rows, infom_add_row_sums) is the bias in
    /// every row, and its gradient adds the rows in order, bit for bit as a Swift loop does.
    func testAffineBiasAndItsGradientAddRowsInOrder() {
        var values = Values(state: 3)
        let rows = 300, inputs = 5, outputs = 70
        let weights = values.array(inputs * outputs).map(Float.init), bias = values.array(outputs).map(Float.init)
        let upstream = values.array(rows * outputs).map { Float($0 * 1000) }
        let graph = Graph<Float>()
        let x = graph.input([rows, inputs]), w = graph.input([inputs, outputs]), b = graph.input([outputs], requiresGradient: true)
        let t = graph.input([rows, outputs])
        let y = graph.affine(x, w, b)
        let loss = graph.sum(graph.multiply(y, t))
        graph.set(x, Array(repeating: 0, count: rows * inputs)); graph.set(w, weights); graph.set(b, bias); graph.set(t, upstream)
        graph.forward()
        graph.backward(from: loss)
        XCTAssertEqual(graph.value(y), Array((0..<rows).map { _ in bias }.joined()))
        var expected = [Float](repeating: 0, count: outputs)
        for r in 0..<rows { for j in 0..<outputs { expected[j] += upstream[r * outputs + j] } }
        XCTAssertEqual(graph.gradient(b), expected)
    }

    /// Convolutions of one graph share its im2col workspace: a small patch matrix, then one
    /// four times as wide (the workspace grows), then backward through both in reverse.
    func testStackedConvolutionsSharingTheWorkspaceKeepTheirGradients() {
        check([[2, 4, 5, 1], [3, 3, 1, 4], [4], [3, 3, 4, 2], [2]]) { g, x in
            g.convolution(g.convolution(x[0], kernel: x[1], bias: x[2]), kernel: x[3], bias: x[4])
        }
    }

    func testMaxPoolGradients() {
        // 5×5 pads one cell on each side; 4×4 pads only after. Values are distinct, so no ties.
        check([[2, 5, 5, 3]]) { g, x in g.maxPool(x[0]) }
        check([[1, 4, 4, 2]]) { g, x in g.maxPool(x[0]) }
    }

    func testEnsembleAffineAndPerMemberLayerNormGradients() {
        check([[3, 4], [2, 4, 5], [2, 5]]) { g, x in g.ensembleAffine(x[0], x[1], x[2]) }
        check([[2, 3, 4], [2, 4, 5], [2, 5]]) { g, x in g.ensembleAffine(x[0], x[1], x[2]) }
        check([[2, 3, 5], [2, 5], [2, 5]]) { g, x in g.layerNorm(x[0], scale: x[1], offset: x[2]) }
    }

    func testExpectileLossGradientAndWeights() {
        check([[4, 5]], transform: { _, v in v.map { $0 + ($0 >= 0 ? 0.01 : -0.01) } }) { g, x in
            g.expectileLoss(x[0], expectile: 0.9)
        }
        let graph = Graph<Double>()
        let u = graph.input([3])
        let loss = graph.expectileLoss(u, expectile: 0.9)
        graph.set(u, [2, 0, -2])
        graph.forward()
        XCTAssertEqual(graph.value(loss), [0.9 * 4, 0, (1 - 0.9) * 4])
    }

    /// Direct SAME convolution: out[n, y, x, o] = b[o] + Σ K[i, j, c, o]·in[n, y+i−1, x+j−1, c].
    func directConvolution(_ input: [Float], _ shape: [Int], _ kernel: [Float], _ bias: [Float], features: Int) -> [Float] {
        let (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3])
        var out = [Float](repeating: 0, count: n * h * w * features)
        for b in 0..<n {
            for y in 0..<h {
                for x in 0..<w {
                    for o in 0..<features {
                        var total = Double(bias[o])
                        for i in 0..<3 {
                            for j in 0..<3 {
                                let sy = y + i - 1, sx = x + j - 1
                                guard (0..<h).contains(sy), (0..<w).contains(sx) else { continue }
                                for k in 0..<c {
                                    total += Double(kernel[((i * 3 + j) * c + k) * features + o])
                                        * Double(input[((b * h + sy) * w + sx) * c + k])
                                }
                            }
                        }
                        out[((b * h + y) * w + x) * features + o] = Float(total)
                    }
                }
            }
        }
        return out
    }

    /// A 13-image 64×64×9 batch is lowered in two im2col chunks; every output must equal the
    /// direct sum, across the chunk boundary too.
    func testConvolutionMatchesTheDirectSumAcrossChunks() {
        var values = Values(state: 7)
        let shape = [13, 64, 64, 9], features = 4
        let input = values.array(shape.reduce(1, *)).map(Float.init)
        let kernel = values.array(3 * 3 * 9 * features).map(Float.init), bias = values.array(features).map(Float.init)
        let graph = Graph<Float>()
        let x = graph.input(shape), k = graph.input([3, 3, 9, features]), b = graph.input([features])
        let y = graph.convolution(x, kernel: k, bias: b)
        graph.set(x, input); graph.set(k, kernel); graph.set(b, bias)
        graph.forward()
        let expected = directConvolution(input, shape, kernel, bias, features: features)
        let actual = graph.value(y)
        XCTAssertEqual(actual.count, expected.count)
        var worst: Float = 0
        for i in expected.indices { worst = max(worst, abs(actual[i] - expected[i])) }
        XCTAssertLessThan(worst, 1e-5)
    }

    func testMaxPoolPicksWindowMaximaWithSamePadding() {
        // One 4×4 single-channel image 0…15: SAME 3×3/2 windows cover rows/cols {0,1,2} and {2,3}.
        let graph = Graph<Double>()
        let x = graph.input([1, 4, 4, 1], requiresGradient: true)
        let y = graph.maxPool(x)
        let loss = graph.sum(y)
        graph.set(x, (0..<16).map(Double.init))
        graph.forward()
        graph.backward(from: loss)
        XCTAssertEqual(y.shape, [1, 2, 2, 1])
        XCTAssertEqual(graph.value(y), [10, 11, 14, 15])
        var expected = [Double](repeating: 0, count: 16)
        for i in [10, 11, 14, 15] { expected[i] = 1 }
        XCTAssertEqual(graph.gradient(x), expected)
    }

    func testMaxPoolRoutesATiedWindowsGradientToItsFirstMaximum() {
        routesTiedWindows(Double.self)
        routesTiedWindows(Float.self)  // the C kernel
    }

    /// Two channels of one 3×3 image under SAME 3×3/2 pooling: four 2×2 windows, cells
    /// {0,1,3,4}, {1,2,4,5}, {3,4,6,7}, {4,5,7,8}. Channel 0 is constant, so each window's
    /// first cell wins; channel 1's maximum 7 sits at cells 4 and 8, and cell 4 wins all
    /// four windows: the first maximal cell in row-major order, as XLA's select-and-scatter.
    private func routesTiedWindows<S: TensorScalar>(_: S.Type) {
        let graph = Graph<S>()
        let x = graph.input([1, 3, 3, 2], requiresGradient: true)
        let y = graph.maxPool(x)
        let loss = graph.sum(graph.scale(y, by: 3))
        let channel1: [S] = [1, 2, 3, 4, 7, 5, 6, 0, 7]
        graph.set(x, (0..<9).flatMap { [2, channel1[$0]] })
        graph.forward()
        graph.backward(from: loss)
        XCTAssertEqual(graph.value(y), [2, 7, 2, 7, 2, 7, 2, 7], "\(S.self)")
        let dx = graph.gradient(x)
        XCTAssertEqual(dx.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), [3, 3, 0, 3, 3, 0, 0, 0, 0], "\(S.self)")
        XCTAssertEqual(dx.enumerated().filter { $0.offset % 2 == 1 }.map(\.element), [0, 0, 0, 0, 12, 0, 0, 0, 0], "\(S.self)")
    }

    /// A window of −∞ has no larger value: its output is −∞ and its gradient goes to the
    /// window's first cell inside the image (never to a padded cell outside the buffer).
    func testMaxPoolOfMinusInfinityRoutesToTheFirstCellInsideTheImage() {
        let graph = Graph<Float>()
        let x = graph.input([1, 2, 2, 1], requiresGradient: true)
        let y = graph.maxPool(x, window: 3, stride: 2)
        graph.set(x, [-.infinity, -.infinity, -.infinity, -.infinity])
        graph.forward()
        graph.backward(from: graph.sum(y))
        XCTAssertEqual(graph.value(y), [-.infinity])
        XCTAssertEqual(graph.gradient(x), [1, 0, 0, 0])
    }

    /// Float convolutions run the direct C kernels, Double the patch matrix and gemm: outputs and
    /// all three gradients agree on shapes at the kernels' edges (20 features: a full block of 16
    /// and a partial one; 9 channels: a register block of 8 and one left; widths that end
    /// inside a block of 8 pixels; an even kernel, padded unevenly; 5 images: two kernel-gradient
    /// groups and both threads), with and without the fused ReLU.
    func testFloatDirectConvolutionMatchesTheDoublePatchMatrix() {
        for (shape, kernelShape) in [([5, 7, 11, 9], [3, 3, 9, 20]), ([3, 6, 5, 3], [2, 4, 3, 5]), ([2, 9, 17, 16], [3, 3, 16, 32])] {
            for rectify in [false, true] {
                func run<S: TensorScalar>(_: S.Type) -> (y: [S], dx: [S], dk: [S], db: [S]) {
                    convolutionAndGradients(S.self, seed: 5, shape, kernelShape) { g, x, k, b in
                        g.convolution(x, kernel: k, bias: b, rectifyingInput: rectify)
                    }
                }
                let float = run(Float.self), double = run(Double.self)
                for (name, a, b) in [("y", float.y, double.y), ("dx", float.dx, double.dx), ("dk", float.dk, double.dk),
                                     ("db", float.db, double.db)] {
                    XCTAssertEqual(a.count, b.count, name)
                    let scale = b.map(abs).max() ?? 1
                    let worst = zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
                    XCTAssertLessThan(worst, 1e-5 * Swift.max(1, scale), "\(name) of \(shape) * \(kernelShape), rectify \(rectify)")
                }
            }
        }
    }

    /// The output of `convolve(graph, x, K, b)` on seeded values of the shapes (x: `shape`, K:
    /// `kernelShape`, b: K's features) and the gradients of Σ y·t for a seeded t.
    private func convolutionAndGradients<S: TensorScalar>(
        _: S.Type, seed: UInt64, _ shape: [Int], _ kernelShape: [Int],
        _ convolve: (Graph<S>, Variable, Variable, Variable) -> Variable
    ) -> (y: [S], dx: [S], dk: [S], db: [S]) {
        var values = Values(state: seed)
        let features = kernelShape[3]
        let input = values.array(shape.reduce(1, *)), kernel = values.array(kernelShape.reduce(1, *))
        let bias = values.array(features), target = values.array(shape.dropLast().reduce(1, *) * features)
        let graph = Graph<S>()
        let x = graph.input(shape, requiresGradient: true)
        let k = graph.input(kernelShape, requiresGradient: true), b = graph.input([features], requiresGradient: true)
        let y = convolve(graph, x, k, b)
        let t = graph.input(y.shape)
        let loss = graph.sum(graph.multiply(y, t))
        graph.set(x, input.map { S($0) }); graph.set(k, kernel.map { S($0) }); graph.set(b, bias.map { S($0) })
        graph.set(t, target.map { S($0) })
        graph.forward()
        graph.backward(from: loss)
        return (graph.value(y), graph.gradient(x), graph.gradient(k), graph.gradient(b))
    }

    /// `rectifyingInput` fuses ReLU into the convolution: the same outputs and gradients, bit
    /// for bit, as `convolution(relu(x))` when nothing else adds to x's gradient; Float takes the
    /// direct C kernels (ReLU while padding, masked input gradient), Double the patch matrix.
    func testFusedReLUConvolutionEqualsTheReLUThenTheConvolution() {
        fusedReLUMatches(Float.self)
        fusedReLUMatches(Double.self)
    }

    private func fusedReLUMatches<S: TensorScalar>(_: S.Type) {
        func run(fused: Bool) -> (y: [S], dx: [S], dk: [S], db: [S]) {
            convolutionAndGradients(S.self, seed: 11, [4, 16, 16, 8], [3, 3, 8, 8]) { g, x, k, b in
                fused ? g.convolution(x, kernel: k, bias: b, rectifyingInput: true) : g.convolution(g.relu(x), kernel: k, bias: b)
            }
        }
        let fused = run(fused: true), separate = run(fused: false)
        XCTAssertEqual(fused.y, separate.y, "\(S.self)")
        XCTAssertEqual(fused.dx, separate.dx, "\(S.self)")
        XCTAssertEqual(fused.dk, separate.dk, "\(S.self)")
        XCTAssertEqual(fused.db, separate.db, "\(S.self)")
        XCTAssertTrue(fused.dx.contains(0) && fused.dx.contains { $0 != 0 }, "ReLU masks part of the gradient")
    }
}
