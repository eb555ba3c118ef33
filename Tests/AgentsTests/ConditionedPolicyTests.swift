@testable import Agents
import Learning
import XCTest

/// FB's and HILP's evaluation policy: the actor on [s, z] with z folded into its first layer.
final class ConditionedPolicyTests: XCTestCase {
    func testFoldingTheLatentGivesTheConditionedActorsMean() throws {
        var random = SeededRandom(seed: 3)
        let ds = 5, dz = 4, da = 2
        let actor = GaussianPolicy(name: "actor", observationSize: ds + dz, actionSize: da, hidden: [16, 16], random: &random)
        for p in actor.parameters { p.assign((0..<p.count).map { _ in random.uniform(-0.5, 0.5) }) }
        let latent: [Float] = (0..<dz).map { _ in random.uniform(-2, 2) }
        let states: [Float] = (0..<(3 * ds)).map { _ in random.uniform(-1, 1) }

        let g = Graph<Float>()
        let input = g.input([3, ds + dz])
        let mean = actor.mean(g, input)
        g.set(input, (0..<3).flatMap { Array(states[($0 * ds)..<(($0 + 1) * ds)]) + latent })
        g.forward()
        let expected = g.value(mean)

        let folded = MLPInference(actor.meanNetwork(fixing: latent), capacity: 3)
        XCTAssertEqual(folded.inputSize, ds)
        let ours = Array(states.withUnsafeBufferPointer { folded($0, rows: 3) })
        for (a, e) in zip(ours, expected) { XCTAssertEqual(a, e, accuracy: 1e-5) }
    }
}
