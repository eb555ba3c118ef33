@testable import Agents
import Foundation
import Learning
import DatasetTestSupport
import TestSupport
import XCTest

/// The baselines the reference trains on its visual tasks (CRL + IS, DINO + ReBRAC and FB + IQL
/// with `encoder='impala_small'`) at a tiny size: their presets, which encoder each loss trains, DINO's
/// cropped views, and whole runs on pixels that resume exactly and evaluate by rendering.
final class PixelBaselineTests: XCTestCase {
    static let env = "visual-cube-single-singletask-task1-v0"
    static let observation = PixelObservation(height: 8, width: 8, frameStack: 3, fastRendering: true)

    static func tinyDescription(_ kind: AgentDescription.Kind) throws -> AgentDescription {
        var description = try AgentDescription(kind: kind, preset: .small, env: env, observationSize: 28, actionSize: 5,
                                               pixels: observation)
        func shrink(_ s: inout SharedHyperparameters) {
            s.actorHidden = [16, 16]; s.valueHidden = [16, 16]; s.batchSize = 4
            s.encoder?.stackSizes = [4, 4, 4]; s.encoder?.embeddingSize = 8
        }
        if description.crl != nil {
            shrink(&description.crl!.shared)
            description.crl?.rewardHidden = [16, 16]; description.crl?.latentSize = 4
        }
        if description.dinoReBRAC != nil { shrink(&description.dinoReBRAC!.shared) }
        if description.fb != nil {
            shrink(&description.fb!.shared)
            description.fb?.forwardHidden = [16, 16]; description.fb?.backwardHidden = [16, 16]; description.fb?.latentSize = 4
            description.fb?.inferenceSamples = 30
        }
        return description
    }

    /// A batch of random pixel values (and goals), random actions and rewards.
    static func randomBatch(for agent: any OfflineAgent, seed: UInt64) -> TransitionBatch {
        var batch = agent.makeBatch(observationSize: observation.size, actionSize: 5)
        var random = SeededRandom(seed: seed)
        func pixels(_ array: inout [Float]) { for i in array.indices { array[i] = Float(random.next() % 256) } }
        pixels(&batch.observations); pixels(&batch.nextObservations)
        if batch.hasGoals { pixels(&batch.valueGoals); pixels(&batch.actorGoals) }
        for i in batch.actions.indices { batch.actions[i] = random.uniform(Float(-0.9), 0.9) }
        for i in batch.nextActions.indices { batch.nextActions[i] = random.uniform(Float(-0.9), 0.9) }
        for i in batch.rewards.indices { batch.rewards[i] = random.uniform(Float(-1), 0) }
        return batch
    }

    /// Which of `groups` the term `name` of `loss` sends a gradient to, after a forward pass on `batch`.
    func trainedGroups(_ loss: BatchLossGraph, _ name: String, batch: TransitionBatch, agent: any OfflineAgent,
                       groups: [(String, [Parameter<Float>])]) throws -> Set<String> {
        _ = loss.step(batch, optimizer: agent.optimizer, update: false)
        for parameter in agent.parameters { parameter.zeroGradient() }
        let variable = try XCTUnwrap(loss.terms.first { $0.name == name }?.variable, name)
        loss.graph.backward(from: variable)
        return Set(groups.filter { group in group.1.contains { $0.gradients.contains { $0 != 0 } } }.map(\.0))
    }

    /// Visual presets: impala_small on 3 stacked frames with a 256-wide embedding and batches of
    /// 64 under `small`; CRL crops half of the batches, DINO crops its views instead of the batch;
    /// the visual DINO student temperature is the README's 0.1. Agents without image encoders name
    /// the ones that have them.
    func testVisualBaselinePresets() throws {
        for description in try [AgentDescription.Kind.crl, .dinoReBRAC, .fb].map(Self.tinyDescription) {
            XCTAssertEqual(description.pixels?.imageShape, [8, 8, 9])
            XCTAssertEqual(description.observationSize, 8 * 8 * 9)
        }
        let small = try AgentDescription(kind: .crl, preset: .small, env: Self.env, observationSize: 28, actionSize: 5,
                                         pixels: Self.observation)
        XCTAssertEqual(small.crl?.encoder?.embeddingSize, 256)
        XCTAssertEqual(small.crl?.encoder?.stackSizes, [16, 32, 32])
        XCTAssertEqual(small.crl?.encoder?.frameStack, 3)
        XCTAssertEqual(small.crl?.encoder?.augmentationProbability, 0.5)
        XCTAssertEqual(small.batchSize, 64)
        XCTAssertEqual(small.crl?.alpha, 30, "the README's visual cube α")
        let fb = try AgentDescription(kind: .fb, preset: .paper, env: Self.env, observationSize: 28, actionSize: 5, pixels: Self.observation)
        XCTAssertEqual(fb.fb?.alphaRepresentation, 10, "the README's visual cube α_repr")
        XCTAssertEqual(fb.fb?.alphaAWR, 1)
        XCTAssertEqual(fb.fb?.encoder?.augmentationProbability, 0.5)
        let paper = try AgentDescription(kind: .dinoReBRAC, preset: .paper, env: Self.env, observationSize: 28, actionSize: 5,
                                         pixels: Self.observation)
        XCTAssertEqual(paper.dinoReBRAC?.encoder?.embeddingSize, 512)
        XCTAssertEqual(paper.dinoReBRAC?.encoder?.augmentationProbability, 0, "DINO's views are its crops")
        XCTAssertEqual(paper.dinoReBRAC?.dino?.studentTemperature, 0.1)
        XCTAssertEqual(paper.batchSize, 256)
        let stateDINO = try AgentDescription(kind: .dinoReBRAC, preset: .paper, env: "cube-single-singletask-task1-v0",
                                             observationSize: 28, actionSize: 5)
        XCTAssertEqual(stateDINO.dinoReBRAC?.dino?.studentTemperature, 0.04)
        XCTAssertNil(stateDINO.dinoReBRAC?.encoder)

        XCTAssertThrowsError(try AgentDescription(kind: .iql, preset: .small, env: Self.env, observationSize: 28, actionSize: 5,
                                                  pixels: Self.observation)) {
            XCTAssertEqual("\($0)", "the iql agent trains on state observations only; use --agent infom (or dino-rebrac, crl-is, fb-iql) for \(Self.env)")
        }
        XCTAssertThrowsError(try AgentDescription(kind: .crl, preset: .small, env: "cube-single-singletask-task1-v0",
                                                  observationSize: 28, actionSize: 5, pixels: Self.observation)) {
            XCTAssertEqual("\($0)", "the data holds pixel observations, but cube-single-singletask-task1-v0 is a state task; train on visual-cube-single-singletask-task1-v0")
        }
        XCTAssertThrowsError(try AgentDescription(kind: .crl, preset: .small, env: Self.env, observationSize: 28, actionSize: 5)) {
            XCTAssertTrue("\($0)".contains("the data holds state observations"), "\($0)")
        }
    }

    /// CRL + IS: the contrastive loss trains the critic's state and goal encoders, behaviour
    /// cloning and both actor terms the actor's, the reward loss the reward's; the actor's Q term
    /// reaches neither the critic's nor the reward's encoders (the reference calls them without
    /// its gradient parameters).
    func testEachCRLLossTrainsOnlyItsEncoders() throws {
        let agent = try XCTUnwrap(try Self.tinyDescription(.crl).make(seed: 3) as? CRLAgent)
        let groups: [(String, [Parameter<Float>])] = [
            ("state", try XCTUnwrap(agent.critic.stateEncoder).parameters), ("goal", try XCTUnwrap(agent.critic.goalEncoder).parameters),
            ("actor", try XCTUnwrap(agent.actor.encoder).parameters), ("reward", try XCTUnwrap(agent.reward.encoder).parameters),
        ]
        let batch = Self.randomBatch(for: agent, seed: 4)
        let cases: [(BatchLossGraph, String, Set<String>)] = [
            (agent.pretraining, "critic/contrastive_loss", ["state", "goal"]),
            (agent.pretraining, "bc/bc_loss", ["actor"]),
            (agent.finetuningWithActor, "reward/reward_loss", ["reward"]),
            (agent.finetuningWithActor, "critic/contrastive_loss", ["state", "goal"]),
            (agent.finetuningWithActor, "actor/q_loss", ["actor"]),
            (agent.finetuningWithActor, "actor/bc_loss", ["actor"]),
        ]
        for (loss, name, expected) in cases {
            XCTAssertEqual(try trainedGroups(loss, name, batch: batch, agent: agent, groups: groups), expected, name)
        }
    }

    /// DINO + ReBRAC: each pre-training update draws two views that are random crops of the
    /// batch's stacked frames (edge-padded by 3, one window per image and view); only the
    /// self-distillation loss trains the encoder, behaviour cloning, the critic and the actor read
    /// it without gradient, and the teacher never gets one.
    func testDINOViewsAreCropsAndOnlySelfDistillationTrainsItsEncoder() throws {
        let agent = try XCTUnwrap(try Self.tinyDescription(.dinoReBRAC).make(seed: 3) as? ReBRACAgent)
        let encoder = try XCTUnwrap(agent.encoder)
        XCTAssertNotNil(encoder.online.imageNetwork)
        let folder = try TemporaryDirectory(), path = folder.file("pixels.npz")
        try writeRandomPixelDataset(to: path, rows: 40, episodeLength: 20, seed: 8)
        let data = try TransitionDataset(path: path, requireRewards: true, frameStack: 3)
        var batch = agent.makeBatch(observationSize: Self.observation.size, actionSize: 5)
        var random = SeededRandom(seed: 5)
        data.sample(into: &batch, random: &random)
        _ = agent.pretrain(batch, dataset: data)

        let size = Self.observation.size, (h, w, c) = (8, 8, 9)
        var windows: [[Int]] = []
        for view in agent.views {
            for b in 0..<4 {
                let image = Array(batch.observations[(b * size)..<((b + 1) * size)]), crop = Array(view[(b * size)..<((b + 1) * size)])
                let window = (0...6).flatMap { dy in (0...6).map { dx in [dy, dx] } }.first { offset in
                    (0..<h).allSatisfy { y in (0..<w).allSatisfy { x in (0..<c).allSatisfy { k in
                        crop[(y * w + x) * c + k] == image[(min(max(y + offset[0] - 3, 0), h - 1) * w + min(max(x + offset[1] - 3, 0), w - 1)) * c + k]
                    } } }
                }
                windows.append(try XCTUnwrap(window, "view of image \(b) is a crop of it"))
            }
        }
        XCTAssertNotEqual(Array(windows.prefix(4)), Array(windows.suffix(4)), "the two views are cropped independently")

        let groups = [("student", encoder.online.parameters), ("teacher", encoder.target.parameters)]
        let cases: [(BatchLossGraph, String, Set<String>)] = [
            (agent.pretraining, "repr/repr_loss", ["student"]),
            (agent.pretraining, "bc/bc_loss", []),
            (agent.finetuningWithActor, "critic/critic_loss", []),
            (agent.finetuningWithActor, "actor/actor_loss", []),
        ]
        for (loss, name, expected) in cases {
            XCTAssertEqual(try trainedGroups(loss, name, batch: batch, agent: agent, groups: groups), expected, name)
        }
    }

    /// FB + IQL: the FB loss trains F's and B's encoders, the orthonormality loss B's, both actor
    /// terms the actor's (F's features reach the Q term without gradient); fine-tuning's value,
    /// critic and actor losses train their own encoders; no target encoder gets a gradient.
    func testEachFBLossTrainsOnlyItsEncoders() throws {
        let agent = try XCTUnwrap(try Self.tinyDescription(.fb).make(seed: 3) as? FBAgent)
        func parameters(_ encoder: ImpalaEncoder<Float>?) throws -> [Parameter<Float>] { try XCTUnwrap(encoder).parameters }
        let groups: [(String, [Parameter<Float>])] = [
            ("forward", try parameters(agent.forwardEncoder)), ("backward", try parameters(agent.backwardEncoder)),
            ("value", try parameters(agent.iql.valueEncoder)), ("critic", try parameters(agent.iql.criticEncoder)),
            ("actor", try parameters(agent.iql.actor.encoder)),
            ("targets", try parameters(agent.targetForwardEncoder) + parameters(agent.targetBackwardEncoder)
                + parameters(agent.iql.targetCriticEncoder)),
        ]
        let batch = Self.randomBatch(for: agent, seed: 4)
        var random = SeededRandom(seed: 6)
        let noise = FBLatentNoise(gaussian: (0..<16).map { _ in random.normal() as Float }, permutation: [2, 0, 3, 1], mix: [0.2, 0.7, 0.9, 0.4])
        XCTAssertTrue(agent.pretrain(batch, latentNoise: noise).values.allSatisfy(\.isFinite), "sets the latents' inputs")
        let cases: [(BatchLossGraph, String, Set<String>)] = [
            (agent.pretraining, "fb_repr/repr_loss", ["forward", "backward"]),
            (agent.pretraining, "fb_repr/ortho_loss", ["backward"]),
            (agent.pretraining, "fb_actor/q_loss", ["actor"]),
            (agent.pretraining, "fb_actor/bc_loss", ["actor"]),
            (agent.finetuning.graphs[1], "value/value_loss", ["value"]),
            (agent.finetuning.graphs[1], "critic/critic_loss", ["critic"]),
            (agent.finetuning.graphs[1], "actor/actor_loss", ["actor"]),
        ]
        for (loss, name, expected) in cases {
            XCTAssertEqual(try trainedGroups(loss, name, batch: batch, agent: agent, groups: groups), expected, name)
        }
    }

    /// FB's task latent on pixels is summed over chunks of images (the last one padded with copies
    /// of a row at reward 0); it equals normalise(Σ r_i·B(s_i)/N) computed over all images at once,
    /// and from a dataset its samples are drawn chunk by chunk, as one batch would draw them.
    func testFBTaskInferenceOverChunksEqualsOnePass() throws {
        let agent = try XCTUnwrap(try Self.tinyDescription(.fb).make(seed: 3) as? FBAgent)
        let n = 2 * FBAgent.inferenceChunk + 37, size = Self.observation.size
        var random = SeededRandom(seed: 9)
        let observations = (0..<(n * size)).map { _ in Float(random.next() % 256) }
        let rewards = (0..<n).map { _ in random.uniform(Float(-1), 1) }
        agent.inferTask(observations: observations, rewards: rewards)
        let g = Graph<Float>(), states = g.input([n, size]), r = g.input([1, n]), rootD = Float(4).squareRoot()
        let reprs = g.normalizeRows(agent.backward(g, agent.backwardEncoder.features(g, states)), to: rootD)
        let latent = g.normalizeRows(g.scale(g.matmul(r, reprs), by: 1 / Float(n)), to: rootD)
        g.set(states, observations)
        g.set(r, rewards)
        g.forward()
        for (chunked, whole) in zip(agent.taskLatent.values, g.value(latent)) { XCTAssertEqual(chunked, whole, accuracy: 1e-5) }
        XCTAssertEqual(agent.taskLatent.values.map { $0 * $0 }.reduce(0, +), 4, accuracy: 1e-4, "‖z_r‖ = √d")

        // From a dataset, the samples are drawn a chunk at a time: the same draws as one batch.
        let folder = try TemporaryDirectory(), path = folder.file("pixels.npz")
        try writeRandomPixelDataset(to: path, rows: 40, episodeLength: 20, seed: 8)
        let data = try TransitionDataset(path: path, requireRewards: true, frameStack: 3)
        var description = try Self.tinyDescription(.fb)
        description.fb?.inferenceSamples = n
        let chunked = try XCTUnwrap(description.make(seed: 3) as? FBAgent)
        var sampler = SeededRandom(seed: 12), same = SeededRandom(seed: 12)
        chunked.inferTask(from: data, random: &sampler)
        let all = data.sample(n, random: &same)
        agent.inferTask(observations: all.observations, rewards: all.rewards)
        XCTAssertEqual(chunked.taskLatent.values, agent.taskLatent.values)
        XCTAssertEqual(sampler.state, same.state, "as many draws as one batch of \(n)")
    }

    /// Whole runs on a pixel dataset for each visual baseline: pre-training, fine-tuning and an
    /// evaluation that renders 8×8 frames of the visual cube task; a run stopped midway and
    /// resumed ends with the same parameters and evaluation, and the saved policy, loaded again,
    /// repeats that evaluation.
    func testPixelBaselinesTrainResumeAndEvaluate() throws {
        let folder = try TemporaryDirectory()
        let data = folder.file("pixels.npz")
        try writeRandomPixelDataset(to: data, rows: 40, episodeLength: 20, seed: 8)
        let plan = TrainingPlan(env: Self.env, pretrainData: data, finetuneData: data, pretrainSteps: 3, finetuneSteps: 3,
                                evalEvery: 10, evalEpisodes: 1, seed: 2, logEvery: 1, checkpointEvery: 100)
        for kind in [AgentDescription.Kind.crl, .dinoReBRAC, .fb] {
            let description = try Self.tinyDescription(kind), name = kind.rawValue
            let whole = try OfflineTrainer(description: description, plan: plan, directory: folder.file("whole-\(name)"))
            let result = try XCTUnwrap(try whole.run())
            XCTAssertEqual(result.perEpisode.map(\.length), [200], "\(name): a cube evaluation episode runs to its end")
            XCTAssertTrue(result.return.isFinite, name)
            do {
                let first = try OfflineTrainer(description: description, plan: plan, directory: folder.file("split-\(name)"))
                XCTAssertNil(try first.run(stopAfter: 4))
            }
            let second = try OfflineTrainer(description: description, plan: plan, directory: folder.file("split-\(name)"))
            XCTAssertEqual(second.step, 4, name)
            let resumed = try XCTUnwrap(try second.run())
            XCTAssertEqual(zip(whole.agent.parameters, second.agent.parameters).filter { $0.values != $1.values }.map(\.0.name), [], name)
            XCTAssertEqual(resumed.perEpisode, result.perEpisode, name)

            let reloaded = try TrainedPolicy(directory: folder.file("whole-\(name)"))
            XCTAssertEqual(reloaded.description.pixels, Self.observation, name)
            let again = try reloaded.evaluate(env: Self.env, episodes: 1, seed: UInt32(plan.seed))
            XCTAssertEqual(again.perEpisode, result.perEpisode, "\(name): the checkpoint's policy acts as the trained one did")
        }
    }
}
