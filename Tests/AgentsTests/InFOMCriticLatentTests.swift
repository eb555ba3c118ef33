import Agents
import Learning
import XCTest

/// `critic_latent_type='encoding'` (spec infom.md §1.5 b): the critic target's latents are
/// samples m + σ ⊙ ε of the intention encoder on the batch's (s′, a′) instead of prior draws.
final class InFOMCriticLatentTests: XCTestCase {
    func testEncodingLatentsAreSamplesOfTheIntentionEncoder() throws {
        let configuration = try InFOMConfiguration.tiny()
        var encoding = configuration
        encoding.criticLatent = .encoding
        let ds = 3, da = 2, l = 4, b = 5
        let sampled = InFOMAgent(observationSize: ds, actionSize: da, configuration: encoding, seed: 1)
        let prior = InFOMAgent(observationSize: ds, actionSize: da, configuration: configuration, seed: 1)
        // q_φ(z | s′, a′) made a point mass at c = (0.5, −0.25, 1, 0.75): zero kernels, the mean
        // head's bias c, the log σ head's bias −40 (σ ≈ 4e-18).
        let c: [Float] = [0.5, -0.25, 1, 0.75]
        for agent in [sampled, prior] {
            let mean = agent.networks.intentionMean, logStd = agent.networks.intentionLogStd
            mean.kernel.assign([Float](repeating: 0, count: mean.kernel.count))
            logStd.kernel.assign([Float](repeating: 0, count: logStd.kernel.count))
            mean.bias.assign(c)
            logStd.bias.assign([Float](repeating: -40, count: l))
        }
        var random = SeededRandom(seed: 3)
        let batch = TransitionBatch.random(size: b, observationSize: ds, actionSize: da, random: &random)
        sampled.noise.draw(&random, finetuning: true, futureEqualsCurrent: false)
        prior.noise = sampled.noise
        let low = [Float](repeating: -2, count: ds), high = [Float](repeating: 2, count: ds)
        func criticLoss(_ agent: InFOMAgent) -> Double {
            agent.step(injected: batch, low: low, high: high, finetuning: true, fullUpdate: false, update: false)["critic/critic_loss"]!
        }
        let withPriorDraws = criticLoss(prior)
        // With the encoder a point mass at c, the encoding option equals prior latents all equal to c.
        prior.noise.priorLatents = (0..<(b * l)).map { c[$0 % l] }
        let withLatentsC = criticLoss(prior)
        let withEncoding = criticLoss(sampled)
        XCTAssertEqual(withEncoding, withLatentsC, accuracy: 1e-6 * abs(withLatentsC))
        XCTAssertGreaterThan(abs(withEncoding - withPriorDraws), 1e-4 * abs(withPriorDraws), "the option changes the target")
    }
}
