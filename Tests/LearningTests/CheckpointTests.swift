import ArrayFiles
import Learning
import TestSupport
import XCTest

/// Parameters and Adam state saved as safetensors and loaded back continue training exactly.
final class CheckpointTests: XCTestCase {
    /// A tiny regression model, its Adam, and one training step on fixed data.
    final class Setup {
        let mlp: MLP<Float>
        let adam: Adam<Float>
        let graph = Graph<Float>()
        let loss: Variable

        init(seed: UInt64) {
            var random = SeededRandom(seed: seed)
            mlp = MLP(name: "net", inputSize: 3, hiddenSizes: [8, 8, 1], layerNorm: true, random: &random)
            adam = Adam(parameters: mlp.parameters, learningRate: 1e-2)
            let x = graph.input([4, 3]), y = graph.input([4, 1])
            loss = graph.mean(graph.squaredError(mlp(graph, x), y))
            graph.set(x, (0..<12).map { Float($0) / 6 - 1 })
            graph.set(y, [0.5, -0.25, 1, 0])
        }

        func step() -> Float {
            graph.forward()
            graph.backward(from: loss)
            adam.update()
            return graph.scalar(loss)
        }
    }

    func testSavedStateResumesBitIdentically() throws {
        let folder = try TemporaryDirectory()
        let original = Setup(seed: 3)
        for _ in 0..<5 { _ = original.step() }
        try ParameterSet.save(original.mlp.parameters, to: folder.file("params.safetensors"), metadata: ["step": "5"])
        try original.adam.save(to: folder.file("optimizer.safetensors"))

        let resumed = Setup(seed: 99)  // different initial weights, overwritten by the load
        try ParameterSet.load(resumed.mlp.parameters, from: folder.file("params.safetensors"))
        try resumed.adam.load(from: folder.file("optimizer.safetensors"))
        XCTAssertEqual(resumed.adam.step, 5)
        for _ in 0..<5 { XCTAssertEqual(resumed.step(), original.step()) }
        for (a, b) in zip(resumed.mlp.parameters, original.mlp.parameters) { XCTAssertEqual(a.values, b.values, a.name) }

        let names = try SafeTensors.read(folder.file("params.safetensors")).names
        XCTAssertEqual(names.first, "net/Dense_0/bias")
        XCTAssertTrue(names.contains("net/LayerNorm_1/scale"))
        XCTAssertTrue(try SafeTensors.read(folder.file("optimizer.safetensors")).names.contains("m/net/Dense_2/kernel"))
    }

    func testMismatchedCheckpointsAreRejectedWhole() throws {
        let folder = try TemporaryDirectory()
        var random = SeededRandom(seed: 1)
        let small = MLP<Float>(name: "net", inputSize: 3, hiddenSizes: [8, 1], random: &random)
        let wide = MLP<Float>(name: "net", inputSize: 3, hiddenSizes: [16, 1], random: &random)
        let other = MLP<Float>(name: "actor", inputSize: 3, hiddenSizes: [8, 1], random: &random)
        try ParameterSet.save(small.parameters, to: folder.file("small.safetensors"))
        let before = wide.parameters.map(\.values)
        XCTAssertThrowsError(try ParameterSet.load(wide.parameters, from: folder.file("small.safetensors"))) { error in
            XCTAssertTrue("\(error)".contains("tensor 'net/Dense_0/kernel' has shape [3, 8], the model needs [3, 16]; load it with the agent and flags it was trained with"), "\(error)")
            XCTAssertFalse("\(error)".contains("corrupt"), "a checkpoint of another model is not damaged: \(error)")
        }
        XCTAssertEqual(wide.parameters.map(\.values), before, "nothing loaded")
        XCTAssertThrowsError(try ParameterSet.load(other.parameters, from: folder.file("small.safetensors"))) { error in
            XCTAssertTrue("\(error)".contains("holds another model's parameters (missing actor/Dense_0/bias"), "\(error)")
        }
    }
}
