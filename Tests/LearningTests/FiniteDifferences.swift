import Learning
import Support
import XCTest

/// Deterministic values in (-1, 1) (SplitMix64).
struct Values {
    var generator: SplitMix64
    init(state: UInt64) { generator = SplitMix64(state: state) }
    mutating func next() -> Double { Double(generator.next() >> 11) / Double(1 << 53) * 2 - 1 }
    mutating func array(_ count: Int) -> [Double] { (0..<count).map { _ in next() } }
}

extension XCTestCase {
    /// Builds `f` on inputs of `shapes`, reduces it to a scalar with fixed random weights, and
    /// compares the gradient of every input element with a central difference.
    func check(_ shapes: [[Int]], seed: UInt64 = 1, tolerance: Double = 1e-7,
               transform: (Int, [Double]) -> [Double] = { $1 },
               file: StaticString = #filePath, line: UInt = #line,
               _ f: (Graph<Double>, [Variable]) -> Variable) {
        var values = Values(state: seed)
        let graph = Graph<Double>()
        let inputs = shapes.map { graph.input($0, requiresGradient: true) }
        let output = f(graph, inputs)
        let weights = graph.input(output.shape)
        let loss = graph.sum(graph.multiply(output, weights))
        let data = shapes.enumerated().map { transform($0.offset, values.array($0.element.reduce(1, *))) }
        for (input, x) in zip(inputs, data) { graph.set(input, x) }
        graph.set(weights, values.array(output.count))
        graph.forward()
        graph.backward(from: loss)
        for (k, input) in inputs.enumerated() {
            let analytic = graph.gradient(input)
            var x = data[k]
            for i in x.indices {
                let h = 1e-6, saved = x[i]
                x[i] = saved + h; graph.set(input, x); graph.forward(); let up = graph.scalar(loss)
                x[i] = saved - h; graph.set(input, x); graph.forward(); let down = graph.scalar(loss)
                x[i] = saved; graph.set(input, x)
                let numeric = (up - down) / (2 * h)
                XCTAssertEqual(analytic[i], numeric, accuracy: tolerance * (1 + abs(numeric)),
                               "input \(k) element \(i)", file: file, line: line)
            }
        }
    }
}
