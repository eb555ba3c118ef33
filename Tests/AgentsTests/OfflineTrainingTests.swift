import Agents
import ArrayFiles
import Datasets
import Learning
import TestSupport
import XCTest

/// Training behaviour of every agent on small synthetic data shaped like cheetah_run
/// (17-dimensional observations, 6-dimensional actions), and exact resumption of `OfflineTrainer`.
final class OfflineTrainingTests: XCTestCase {
    static let observationSize = 17, actionSize = 6

    /// 10 episodes of 40 rows: a random walk of observations, actions a fixed smooth function of
    /// the observation, reward the first observation coordinate.
    func writeData(_ path: String) throws {
        var random = SeededRandom(seed: 11)
        let rows = 400, ds = Self.observationSize, da = Self.actionSize
        var observations = [Float](), actions = [Float](), terminals = [Float](), rewards = [Float]()
        var state = [Float](repeating: 0, count: ds)
        for row in 0..<rows {
            if row % 40 == 0 { state = (0..<ds).map { _ in random.uniform(-1, 1) } }
            for j in 0..<ds { state[j] += 0.1 * random.uniform(-1, 1) }
            observations += state
            actions += (0..<da).map { Float.tanh(state[$0] - 0.5 * state[$0 + 1]) }
            terminals.append(row % 40 == 39 ? 1 : 0)
            rewards.append(state[0])
        }
        let writer = try NPZWriter(path: path)
        try writer.write("observations", observations, shape: [rows, ds])
        try writer.write("actions", actions, shape: [rows, da])
        try writer.write("terminals", terminals, shape: [rows])
        try writer.write("rewards", rewards, shape: [rows])
        try writer.finish()
    }

    func tinyDescription(_ kind: AgentDescription.Kind) throws -> AgentDescription {
        var description = try AgentDescription(kind: kind, preset: .small, env: "cheetah_run",
                                           observationSize: Self.observationSize, actionSize: Self.actionSize)
        description.infom?.actorHidden = [32, 32]; description.infom?.valueHidden = [32, 32]
        description.infom?.rewardHidden = [32, 32]; description.infom?.intentionHidden = [32, 32]
        description.infom?.latentSize = 8; description.infom?.flowGoals = 2; description.infom?.flowSteps = 3
        description.infom?.batchSize = 32
        description.iql?.actorHidden = [32, 32]; description.iql?.valueHidden = [32, 32]; description.iql?.batchSize = 32
        description.rebrac?.actorHidden = [32, 32]; description.rebrac?.valueHidden = [32, 32]; description.rebrac?.batchSize = 32
        description.mbpoReBRAC?.actorHidden = [32, 32]; description.mbpoReBRAC?.valueHidden = [32, 32]
        description.mbpoReBRAC?.batchSize = 32
        description.mbpoReBRAC?.worldModel?.transitionHidden = [32, 32]; description.mbpoReBRAC?.worldModel?.rewardHidden = [32, 32]
        description.crl?.actorHidden = [32, 32]; description.crl?.valueHidden = [32, 32]; description.crl?.rewardHidden = [32, 32]
        description.crl?.latentSize = 8; description.crl?.batchSize = 32
        description.tdInfoNCE?.actorHidden = [32, 32]; description.tdInfoNCE?.valueHidden = [32, 32]
        description.tdInfoNCE?.rewardHidden = [32, 32]; description.tdInfoNCE?.latentSize = 8; description.tdInfoNCE?.batchSize = 32
        description.fb?.actorHidden = [32, 32]; description.fb?.valueHidden = [32, 32]; description.fb?.forwardHidden = [32, 32]
        description.fb?.backwardHidden = [32, 32]; description.fb?.latentSize = 8; description.fb?.batchSize = 32
        description.fb?.inferenceSamples = 300
        description.hilp?.actorHidden = [32, 32]; description.hilp?.valueHidden = [32, 32]; description.hilp?.latentSize = 8
        description.hilp?.batchSize = 32; description.hilp?.inferenceSamples = 300
        description.dinoReBRAC?.actorHidden = [32, 32]; description.dinoReBRAC?.valueHidden = [32, 32]
        description.dinoReBRAC?.batchSize = 32; description.dinoReBRAC?.dino?.encoderHidden = [32, 32]
        return description
    }

    /// Behaviour cloning in pre-training fits the data's actions, and fine-tuning's losses fall.
    func testEveryAgentLearnsOnSyntheticData() throws {
        let folder = try TemporaryDirectory()
        try writeData(folder.file("data.npz"))
        let data = try TransitionDataset(path: folder.file("data.npz"), requireRewards: true)
        for kind in AgentDescription.Kind.allCases {
            let agent = try tinyDescription(kind).make(seed: 1)
            var batch = agent.makeBatch(observationSize: Self.observationSize, actionSize: Self.actionSize)
            var random = SeededRandom(seed: 2)
            var mse: [Double] = [], accuracy: [Double] = [], hilbertLoss: [Double] = []
            for _ in 0..<300 {
                data.sample(into: &batch, random: &random, goals: agent.goalSampling)
                let info = agent.pretrain(batch, dataset: data)
                mse.append(info["bc/mse"] ?? info["fb_actor/mse"] ?? info["skill_actor/mse"]!)
                accuracy.append(info["critic/categorical_accuracy"] ?? 0)
                hilbertLoss.append(info["value/value_loss"] ?? 0)
            }
            let early = mse.prefix(10).reduce(0, +) / 10, late = mse.suffix(10).reduce(0, +) / 10
            // FB's pre-training actor also climbs its Q (α_repr = 1 here), so its mse falls less (measured 0.34×).
            XCTAssertLessThan(late, (kind == .fb ? 0.5 : 0.3) * early, "\(kind): behaviour cloning mse \(early) → \(late)")
            if kind == .hilp {
                // φ's temporal-distance value fits its goal-reaching targets.
                let first = hilbertLoss.prefix(20).reduce(0, +) / 20, last = hilbertLoss.suffix(20).reduce(0, +) / 20
                XCTAssertLessThan(last, 0.5 * first, "hilp: value loss \(first) → \(last)")
            }
            if kind == .crl || kind == .tdInfoNCE {
                // Contrastive critics learn to pick each row's own future state out of the batch:
                // well above chance (1/B) after pre-training (measured 0.31 for CRL, 0.11 for TD InfoNCE).
                let picked = accuracy.suffix(20).reduce(0, +) / 20
                XCTAssertGreaterThan(picked, 3 / Double(agent.batchSize), "\(kind): categorical accuracy \(picked)")
            }
            agent.inferTask(from: data, random: &random)
            agent.startFinetuning()
            let lossName = [.infom, .crl, .tdInfoNCE].contains(kind) ? "reward/reward_loss"
                : kind == .hilp ? "skill_critic/critic_loss" : "critic/critic_loss"
            var losses: [Double] = []
            for step in 301...600 {
                data.sample(into: &batch, random: &random, goals: agent.goalSampling)
                let info = agent.finetune(batch, dataset: data, step: step)
                XCTAssertTrue(info.values.allSatisfy(\.isFinite), "\(kind) step \(step): \(info)")
                losses.append(info[lossName]!)
            }
            let first = losses.prefix(20).reduce(0, +) / 20, last = losses.suffix(20).reduce(0, +) / 20
            XCTAssertLessThan(last, 0.5 * first, "\(kind): \(lossName) \(first) → \(last)")
        }
    }

    /// Validation losses draw the noise the next update would, then put the agent's generator
    /// back: an update after them equals an update without them, for every agent and phase.
    func testValidationLossesLeaveTheGeneratorAlone() throws {
        let folder = try TemporaryDirectory()
        try writeData(folder.file("data.npz"))
        let data = try TransitionDataset(path: folder.file("data.npz"), requireRewards: true)
        for kind in AgentDescription.Kind.allCases {
            let validated = try tinyDescription(kind).make(seed: 1), plain = try tinyDescription(kind).make(seed: 1)
            var batch = validated.makeBatch(observationSize: Self.observationSize, actionSize: Self.actionSize)
            var random = SeededRandom(seed: 3)
            data.sample(into: &batch, random: &random, goals: validated.goalSampling)
            _ = validated.losses(batch, dataset: data, finetuning: false)
            _ = validated.losses(batch, dataset: data, finetuning: true)
            XCTAssertEqual(validated.random.state, plain.random.state, "\(kind)")
            XCTAssertEqual(validated.pretrain(batch, dataset: data), plain.pretrain(batch, dataset: data), "\(kind)")
        }
    }

    /// A learning rate that makes the losses overflow stops the run with the step, the metrics
    /// that are no longer finite and where the last checkpoint is.
    func testDivergenceStopsTheRunWithTheStepAndTheCheckpoint() throws {
        let folder = try TemporaryDirectory()
        try writeData(folder.file("data.npz"))
        var description = try tinyDescription(.iql)
        description.iql?.learningRate = 1e30
        let plan = TrainingPlan(env: "cheetah_run", pretrainData: folder.file("data.npz"), finetuneData: folder.file("data.npz"),
                                pretrainSteps: 20, finetuneSteps: 0, evalEvery: 100, evalEpisodes: 1, seed: 5, logEvery: 1)
        let trainer = try OfflineTrainer(description: description, plan: plan, directory: folder.file("run"))
        XCTAssertThrowsError(try trainer.run()) { error in
            guard case let TrainingError.diverged(step, metrics, checkpoint) = error else { return XCTFail("\(error)") }
            XCTAssertGreaterThan(step, 1)
            XCTAssertFalse(metrics.isEmpty)
            XCTAssertEqual(checkpoint, folder.file("run/checkpoint"))
            XCTAssertTrue("\(error)".hasPrefix("training diverged at step \(step): \(metrics.joined(separator: ", ")) is not finite"), "\(error)")
        }
    }

    /// For every agent, a run stopped after a checkpoint and resumed by a new trainer ends with
    /// the same parameters, optimizer state and logs as one uninterrupted run.
    func testResumedRunEqualsUninterruptedRun() throws {
        let folder = try TemporaryDirectory()
        try writeData(folder.file("data.npz"))
        func plan() -> TrainingPlan {
            TrainingPlan(env: "cheetah_run", pretrainData: folder.file("data.npz"), finetuneData: folder.file("data.npz"),
                         pretrainSteps: 6, finetuneSteps: 6, evalEvery: 100, evalEpisodes: 1, seed: 5, logEvery: 2,
                         checkpointEvery: 100)
        }
        for kind in AgentDescription.Kind.allCases {
            let description = try tinyDescription(kind), name = kind.rawValue
            let whole = try OfflineTrainer(description: description, plan: plan(), directory: folder.file("whole-\(name)"))
            let wholeResult = try XCTUnwrap(try whole.run())

            // Each trainer holds the folder's lock while it lives: the first one goes before the second starts.
            do {
                let first = try OfflineTrainer(description: description, plan: plan(), directory: folder.file("split-\(name)"))
                XCTAssertNil(try first.run(stopAfter: 8))
            }
            // The second trainer, too, lets go of the folder before the next check.
            let second = try OfflineTrainer(description: description, plan: plan(), directory: folder.file("split-\(name)"))
            XCTAssertEqual(second.step, 8, name)
            let splitResult = try XCTUnwrap(try second.run())

            XCTAssertEqual(zip(whole.agent.parameters, second.agent.parameters).filter { $0.values != $1.values }.map(\.0.name), [], name)
            XCTAssertEqual(try whole.agent.optimizer.stateTensors().encoded(), try second.agent.optimizer.stateTensors().encoded(),
                           "\(name): the optimizer's whole state: moments and step count")
            XCTAssertEqual(wholeResult.return, splitResult.return, name)
            for log in ["pretrain.csv", "finetune.csv", "eval.csv"] {
                XCTAssertEqual(try Self.untimedRows(folder.file("whole-\(name)/\(log)")),
                               try Self.untimedRows(folder.file("split-\(name)/\(log)")),
                               "\(name): \(log) rows (all but the timing column)")
            }
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("split-\(name)/eval.json")), name)
        }

        let description = try tinyDescription(.infom)
        var other = plan()
        other.seed = 6
        XCTAssertThrowsError(try OfflineTrainer(description: description, plan: other, directory: folder.file("split-infom"))) {
            XCTAssertTrue("\($0)".contains("other settings"), "\($0)")
        }
    }

    /// A CSV log's rows without the `updates_per_second` column (wall-clock timing).
    static func untimedRows(_ path: String) throws -> [[Substring]] {
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let timing = rows.first?.firstIndex(of: "updates_per_second") else { return rows }
        return rows.map { row in row.enumerated().filter { $0.offset != timing }.map(\.element) }
    }
}
