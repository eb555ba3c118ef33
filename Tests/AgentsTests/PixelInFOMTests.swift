@testable import Agents
import Foundation
import Learning
import DatasetTestSupport
import TestSupport
import XCTest

/// InFOM's visual variant (spec infom.md §2.3, §5.4) at a tiny size: which encoder each loss
/// trains, the encoder target's Polyak schedule, and a whole run on pixels evaluated by
/// rendering the environment.
final class PixelInFOMTests: XCTestCase {
    static let env = "visual-cube-single-singletask-task1-v0"
    static let observation = PixelObservation(height: 8, width: 8, frameStack: 3, fastRendering: true)

    static func tinyConfiguration() throws -> InFOMConfiguration {
        var c = try InFOMConfiguration.preset(.small, env: env)
        c.actorHidden = [16, 16]; c.valueHidden = [16, 16]; c.rewardHidden = [16, 16]; c.intentionHidden = [16, 16]
        c.latentSize = 4; c.flowGoals = 2; c.flowSteps = 2; c.batchSize = 4
        c.encoder?.stackSizes = [4, 4, 4]; c.encoder?.embeddingSize = 8
        return c
    }

    static func tinyAgent(seed: UInt64 = 1) throws -> InFOMAgent {
        InFOMAgent(observationSize: observation.size, imageShape: observation.imageShape, actionSize: 5,
                   configuration: try tinyConfiguration(), seed: seed)
    }

    /// The visual preset: an impala_small encoder on 3 stacked frames, crops with p = 0.5, no goal clipping.
    func testVisualPresetUsesImpalaSmallOnThreeFrames() throws {
        let paper = try InFOMConfiguration.preset(.paper, env: Self.env)
        XCTAssertEqual(paper.encoder, ImageEncoderConfiguration())
        XCTAssertEqual(paper.encoder?.stackSizes, [16, 32, 32])
        XCTAssertEqual(paper.encoder?.blocks, 1)
        XCTAssertEqual(paper.encoder?.frameStack, 3)
        XCTAssertEqual(paper.encoder?.augmentationProbability, 0.5)
        XCTAssertEqual(paper.klWeight, 0.025, "visual cube's λ")
        XCTAssertFalse(paper.clipFlowGoals)
        XCTAssertNil(try InFOMConfiguration.preset(.paper, env: "cube-single-singletask-task1-v0").encoder)
        let description = try AgentDescription(kind: .infom, preset: .small, env: Self.env, observationSize: 28, actionSize: 5,
                                               pixels: PixelObservation(height: 64, width: 64, frameStack: 1, fastRendering: false))
        XCTAssertEqual(description.pixels?.imageShape, [64, 64, 9])
        XCTAssertEqual(description.observationSize, 64 * 64 * 9)
        XCTAssertThrowsError(try AgentDescription(kind: .rebrac, preset: .small, env: Self.env, observationSize: 28, actionSize: 5,
                                                  pixels: description.pixels)) {
            XCTAssertTrue("\($0)".contains("--agent infom"), "\($0)")
        }
        XCTAssertThrowsError(try AgentDescription(kind: .infom, preset: .small, env: Self.env, observationSize: 28, actionSize: 5)) {
            XCTAssertTrue("\($0)".contains("pixel data"), "\($0)")
        }
    }

    /// Each loss term reaches exactly the encoders the reference differentiates: the critic_vf
    /// encoder only through the current term's noisy input, the intention encoder through z,
    /// the actor's and critic's encoders through their own losses (the actor's Q term does not
    /// train the critic's encoder).
    func testEachLossTrainsOnlyItsEncoders() throws {
        let agent = try Self.tinyAgent(), networks = agent.networks, encoders = try XCTUnwrap(networks.encoders)
        let groups: [(name: String, parameters: [Parameter<Float>])] = [
            ("critic_vf", encoders.criticVectorField.parameters), ("intention", encoders.intention.parameters),
            ("actor", encoders.actor.parameters), ("critic", encoders.critic.parameters),
            ("target", encoders.targetCriticVectorField.parameters),
        ]
        let cases: [(InFOMLossGraph.Phase, String, Set<String>)] = [
            (.pretraining, "flow_occupancy/current_flow_matching_loss", ["critic_vf", "intention"]),
            (.pretraining, "flow_occupancy/future_flow_matching_loss", []),
            (.pretraining, "flow_occupancy/kl_loss", ["intention"]),
            (.pretraining, "bc/bc_loss", ["actor"]),
            (.finetuningWithActor, "reward/reward_loss", []),
            (.finetuningWithActor, "critic/critic_loss", ["critic"]),
            (.finetuningWithActor, "actor/q_loss", ["actor"]),
            (.finetuningWithActor, "actor/bc_loss", ["actor"]),
        ]
        var random = SeededRandom(seed: 4)
        for (phase, metric, trained) in cases {
            let loss = InFOMLossGraph(phase: phase, networks: networks, configuration: agent.configuration, batchSize: 4)
            let g = loss.graph
            var inputs = [loss.observations, loss.nextObservations].map { v in (v, (0..<v.count).map { _ in Float(random.next() % 256) }) }
            inputs += [loss.actions, loss.nextActions, loss.latentNoise, loss.currentNoise, loss.futureInput, loss.futureTarget]
                .map { v in (v, (0..<v.count).map { _ in random.uniform(Float(-1), 1) }) }
            inputs += [(loss.times, (0..<4).map { _ in random.uniform(Float(0), 1) })]
            inputs += [loss.rewards, loss.targetQ].compactMap { $0 }.map { v in (v, (0..<v.count).map { _ in random.uniform(Float(-5), 0) }) }
            for (variable, values) in inputs { g.set(variable, values) }
            g.forward()
            for parameter in networks.all { parameter.zeroGradient() }
            let variable = try XCTUnwrap(loss.metrics.first { $0.name == metric }?.variable)
            g.backward(from: variable)
            for (name, parameters) in groups {
                let norm = parameters.map { $0.gradients.map { Double($0 * $0) }.reduce(0, +) }.reduce(0, +)
                if trained.contains(name) {
                    XCTAssertGreaterThan(norm, 0, "\(metric) should train the \(name) encoder")
                } else {
                    XCTAssertEqual(norm, 0, "\(metric) must not reach the \(name) encoder")
                }
            }
        }
    }

    /// Pre-training leaves the critic's encoder alone, and the encoder target follows the online
    /// critic_vf encoder by Polyak averaging of the pre-update values (spec §3.2), then is reset
    /// to it at the switch.
    func testEncoderTargetFollowsByPolyakAveraging() throws {
        let agent = try Self.tinyAgent(), encoders = try XCTUnwrap(agent.networks.encoders)
        let tau = agent.configuration.tau
        var batch = TransitionBatch(size: 4, observationSize: Self.observation.size, actionSize: 5)
        var random = SeededRandom(seed: 6)
        func fill() {
            for i in batch.observations.indices { batch.observations[i] = Float(random.next() % 256) }
            for i in batch.nextObservations.indices { batch.nextObservations[i] = Float(random.next() % 256) }
            for i in batch.actions.indices { batch.actions[i] = random.uniform(Float(-1), 1) }
            for i in batch.nextActions.indices { batch.nextActions[i] = random.uniform(Float(-1), 1) }
        }
        let critic0 = encoders.critic.parameters.map(\.values)
        let online0 = encoders.criticVectorField.parameters.map(\.values)
        fill()
        _ = agent.pretrain(batch, low: [], high: [])
        let online1 = encoders.criticVectorField.parameters.map(\.values)
        XCTAssertNotEqual(online0, online1, "the critic_vf encoder trains")
        for (target, start) in zip(encoders.targetCriticVectorField.parameters, online0) {
            for (value, x0) in zip(target.values, start) {
                XCTAssertEqual(value, x0, accuracy: 1e-6, "the first Polyak step averages two equal copies")
            }
        }
        fill()
        let info = agent.pretrain(batch, low: [], high: [])
        XCTAssertTrue(info.values.allSatisfy(\.isFinite), "\(info)")
        for (target, (a, b)) in zip(encoders.targetCriticVectorField.parameters, zip(online1, online0)) {
            for (value, (x1, x0)) in zip(target.values, zip(a, b)) {
                XCTAssertEqual(value, tau * x1 + (1 - tau) * x0, accuracy: 1e-6, target.name)
            }
        }
        XCTAssertEqual(encoders.critic.parameters.map(\.values), critic0, "the critic's encoder waits for fine-tuning")
        agent.startFinetuning()
        XCTAssertEqual(encoders.targetCriticVectorField.parameters.map(\.values),
                       encoders.criticVectorField.parameters.map(\.values), "the target reset covers the encoder")
        fill()
        batch.rewards = [-1, 0, -1, -1]
        let fine = agent.finetune(batch, low: [], high: [], step: 4)
        XCTAssertTrue(fine.values.allSatisfy(\.isFinite), "\(fine)")
        XCTAssertNotEqual(encoders.critic.parameters.map(\.values), critic0, "fine-tuning trains the critic's encoder")
    }

    /// A whole run on a pixel dataset: pre-training, fine-tuning and an evaluation that renders
    /// 8×8 frames of the visual cube task; the saved policy, loaded again, repeats that evaluation.
    func testPixelRunTrainsEvaluatesAndReloads() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("pixels.npz"), rows = 40
        try writeRandomPixelDataset(to: data, rows: rows, episodeLength: 20, seed: 8)

        var description = try AgentDescription(kind: .infom, preset: .small, env: Self.env, observationSize: 28, actionSize: 5,
                                               pixels: Self.observation)
        description.infom = try Self.tinyConfiguration()
        let plan = TrainingPlan(env: Self.env, pretrainData: data, finetuneData: data, pretrainSteps: 3, finetuneSteps: 3,
                                evalEvery: 10, evalEpisodes: 1, seed: 2, logEvery: 1)
        let trainer = try OfflineTrainer(description: description, plan: plan, directory: folder.file("run"))
        let result = try XCTUnwrap(try trainer.run())
        XCTAssertEqual(result.episodes, 1)
        XCTAssertEqual(result.perEpisode[0].length, 200, "a cube evaluation episode runs to its end")
        XCTAssertTrue(result.return.isFinite)
        let finetune = try String(contentsOfFile: folder.file("run/finetune.csv"), encoding: .utf8)
        XCTAssertEqual(finetune.split(separator: "\n").count, 4, "a header and three fine-tuning rows")

        let reloaded = try TrainedPolicy(directory: folder.file("run"))
        XCTAssertEqual(reloaded.description.pixels, Self.observation)
        let again = try reloaded.evaluate(env: Self.env, episodes: 1, seed: UInt32(plan.seed))
        XCTAssertEqual(again.perEpisode, result.perEpisode, "the checkpoint's policy acts as the trained one did")
    }
}
