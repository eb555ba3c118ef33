import Agents
import Learning
import XCTest

/// The paper-era variants of spec infom.md §11 that the parity fixtures (HEAD semantics plus
/// per-goal latents and shared noise) do not cover: the KL form and layer norm in the value
/// networks.
final class InFOMVariantTests: XCTestCase {
    /// With the intention encoder's output fixed at mean m and log σ = ℓ, the KL term is
    /// −½·mean(1 + 2ℓ − m² − e^{2ℓ}) in the standard form and −½·mean(1 + ℓ − m² − e^ℓ) in the
    /// log-variance form.
    func testKLFormsMatchTheirFormulas() throws {
        let ds = 3, da = 2, b = 5
        let m: [Float] = [0.5, -0.25, 1, 0.75], l: [Float] = [-0.5, 0.2, 0.1, -1]
        var random = SeededRandom(seed: 3)
        let batch = TransitionBatch.random(size: b, observationSize: ds, actionSize: da, random: &random)
        let low = [Float](repeating: -2, count: ds), high = [Float](repeating: 2, count: ds)
        for (form, expected) in [(InFOMHyperparameters.KLForm.standard, { (m: Double, l: Double) in 1 + 2 * l - m * m - Foundation.exp(2 * l) }),
                                 (.logVariance, { (m: Double, l: Double) in 1 + l - m * m - Foundation.exp(l) })] {
            var configuration = try InFOMConfiguration.tiny()
            configuration.klForm = form
            let agent = InFOMAgent(observationSize: ds, actionSize: da, configuration: configuration, seed: 1)
            let mean = agent.networks.intentionMean, logStd = agent.networks.intentionLogStd
            mean.kernel.assign([Float](repeating: 0, count: mean.kernel.count))
            logStd.kernel.assign([Float](repeating: 0, count: logStd.kernel.count))
            mean.bias.assign(m)
            logStd.bias.assign(l)
            var noise = SeededRandom(seed: 4)
            agent.noise.draw(&noise, finetuning: false, futureEqualsCurrent: false)
            let info = agent.step(injected: batch, low: low, high: high, finetuning: false, fullUpdate: false, update: false)
            let kl = -0.5 * zip(m, l).map { expected(Double($0), Double($1)) }.reduce(0, +) / Double(m.count)
            XCTAssertEqual(info["flow_occupancy/kl_loss"]!, kl, accuracy: 1e-6, "\(form)")
        }
    }

    /// value_layer_norm puts a LayerNorm after every hidden layer of the critic ensemble, the
    /// vector field and its target; the intention encoder and reward keep theirs either way.
    func testValueLayerNormAddsLayerNormsToTheValueNetworks() throws {
        func layerNorms(_ valueLayerNorm: Bool) throws -> Set<String> {
            var configuration = try InFOMConfiguration.tiny()
            configuration.valueLayerNorm = valueLayerNorm
            let agent = InFOMAgent(observationSize: 3, actionSize: 2, configuration: configuration, seed: 1)
            return Set(agent.parameters.map(\.name).filter { $0.contains("LayerNorm") }.map { String($0.split(separator: "/LayerNorm")[0]) })
        }
        XCTAssertEqual(try layerNorms(false), ["intention_encoder/trunk_net", "reward/value_net"])
        XCTAssertEqual(try layerNorms(true), ["intention_encoder/trunk_net", "reward/value_net", "critic/value_net",
                                          "critic_vf/vector_field_net", "target_critic_vf/vector_field_net"])
    }
}
