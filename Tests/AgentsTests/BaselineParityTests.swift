@testable import Agents
import Learning
import XCTest

/// The eight baselines (IQL, ReBRAC, MBPO + ReBRAC, DINO + ReBRAC, CRL + IS, TD InfoNCE + IS,
/// FB + IQL, HILP + IQL) against the reference JAX agents: fixtures from
/// `datasets-tools/make_baseline_fixtures.py`, one file per agent under `Fixtures/baselines/`,
/// reference revision f0356dd, on CPU in float32 at the highest matmul precision, every random
/// draw injected (smoothing noise, latents, skills, views) and the goal-conditioned agents' goals
/// given in the batch. One pre-training step, then a fine-tuning step with the actor and one
/// without from the pre-trained state: losses, logged metrics, every gradient leaf, the
/// parameters (targets included) and Adam moments after it.
///
/// The visual variants of CRL + IS, FB + IQL and DINO + ReBRAC are checked at the tiny size on
/// 8×8 images of 3 stacked frames (values 0–255), every network's IMPALA encoder of stacks
/// (4, 4, 4) with an 8-wide embedding, goals and DINO's two cropped views given in the batch.
///
/// Tolerances as for InFOM (``ParityFixture``): forward values within 2e-5·(1 + |ref|) at the
/// tiny size and 2e-4 at the default size; leaves within 1e-4 relative L2, or at the default size
/// norms within 1e-4 relative and sampled entries within 1e-3 of the leaf's RMS.
final class BaselineParityTests: XCTestCase {
    var fixture: ParityFixture!

    /// Opens the agent's fixture (`Fixtures/baselines/AGENT.npz`, one file per reference agent) and
    /// returns the case's prefix in it.
    func open(_ agent: String, _ c: Case) throws -> String {
        fixture = try ParityFixture("baselines/\(agent).npz")
        return c.name
    }

    struct Case {
        let name: String, hidden: [Int], ds: Int, da: Int, batch: Int, full: Bool, forwardTolerance: Double
        /// [H, W, 3k] of the visual case's images; nil on states.
        var imageShape: [Int]? = nil
        static let tiny = Case(name: "tiny", hidden: [32, 32], ds: 5, da: 2, batch: 4, full: true, forwardTolerance: 2e-5)
        static let defaultSizes = Case(name: "default", hidden: [512, 512, 512, 512], ds: 24, da: 6, batch: 8, full: false,
                                       forwardTolerance: 2e-4)
        static let pixels = Case(name: "pixels", hidden: [32, 32], ds: 8 * 8 * 9, da: 2, batch: 4, full: true, forwardTolerance: 2e-5,
                                 imageShape: [8, 8, 9])

        /// The fixtures' tiny image encoder (the generator's `impala_tiny`), on the visual case.
        var encoder: ImageEncoderConfiguration? {
            imageShape.map { _ in
                var encoder = ImageEncoderConfiguration()
                encoder.stackSizes = [4, 4, 4]
                encoder.embeddingSize = 8
                return encoder
            }
        }
    }

    func testIQLTiny() throws { try checkIQL(.tiny) }
    func testIQLDefaultSizes() throws { try checkIQL(.defaultSizes) }
    func testReBRACTiny() throws { try checkReBRAC(.tiny) }
    func testReBRACDefaultSizes() throws { try checkReBRAC(.defaultSizes) }
    func testMBPOReBRACTiny() throws { try checkReBRAC(.tiny, worldModel: true) }
    func testMBPOReBRACDefaultSizes() throws { try checkReBRAC(.defaultSizes, worldModel: true) }

    func testCRLTiny() throws { try checkContrastive(.tiny, td: false) }
    func testCRLDefaultSizes() throws { try checkContrastive(.defaultSizes, td: false) }
    func testTDInfoNCETiny() throws { try checkContrastive(.tiny, td: true) }
    func testTDInfoNCEDefaultSizes() throws { try checkContrastive(.defaultSizes, td: true) }
    func testCRLPixels() throws { try checkContrastive(.pixels, td: false) }

    /// CRL + IS (α = 0.03) or TD InfoNCE + IS (α = 0.003, its target reset before fine-tuning),
    /// latent 8 at the tiny size and 512 at the default.
    ///
    /// TD InfoNCE's loss does not change when every ψ(g) moves by the same vector (each row's
    /// logits move by one constant, which its softmax ignores), and its actor's log-ratios are
    /// unchanged too; so the gradient of ψ's output bias and of its last layer norm's offset is
    /// zero but for rounding, on both sides, and Adam moves them by rounding noise. They are
    /// checked as ``ParityFixture/compareStep`` checks undetermined parameters; the metrics that
    /// read the logits' level (not the loss) then differ by that noise in fine-tuning (measured
    /// 1.3e-4), and are held to 1e-3 there.
    func checkContrastive(_ c: Case, td: Bool) throws {
        let latent = c.full ? 8 : 512
        let agent: any OfflineAgent
        let pretrain: (TransitionBatch) -> [String: Double], finetune: (TransitionBatch, Bool) -> [String: Double]
        if td {
            var config = TDInfoNCEConfiguration()
            config.actorHidden = c.hidden; config.valueHidden = c.hidden; config.rewardHidden = c.hidden
            config.batchSize = c.batch; config.latentSize = latent; config.alpha = 0.003
            let td = TDInfoNCEAgent(observationSize: c.ds, actionSize: c.da, configuration: config, seed: 0)
            (agent, pretrain, finetune) = (td, td.pretrain, td.finetune)
        } else {
            var config = CRLConfiguration()
            config.actorHidden = c.hidden; config.valueHidden = c.hidden; config.rewardHidden = c.hidden
            config.batchSize = c.batch; config.latentSize = latent; config.alpha = 0.03; config.encoder = c.encoder
            let crl = CRLAgent(observationSize: c.ds, imageShape: c.imageShape, actionSize: c.da, configuration: config, seed: 0)
            (agent, pretrain, finetune) = (crl, crl.pretrain, crl.finetune)
        }
        let prefix = try open(td ? "td_infonce" : "crl_infonce", c)
        let optimizer = try XCTUnwrap(agent.optimizer as? Adam<Float>)
        try setInitialParameters(agent.parameters, c, prefix)
        let batch = try readBatch(c, prefix, goals: true)
        let undetermined = td ? Self.shiftParameters("critic/psi", layers: c.hidden.count) : []
        let levels = ["logits", "logits_pos", "logits_neg", "v_mean", "v_max", "v_min"]
        let levelTolerances = td ? Dictionary(uniqueKeysWithValues: levels.map { ("critic/\($0)", 1e-3) }) : [:]
        try compare(c, "\(prefix)/pretrain", pretrain(batch), optimizer, agent.parameters, metrics: 13, adamStep: 1,
                    undetermined: undetermined)
        agent.startFinetuning()
        try ParityFixture.fromPretrainedState(agent.parameters, optimizer) { full in
            try compare(c, "\(prefix)/\(full ? "finetune_actor" : "finetune")", finetune(batch, full), optimizer, agent.parameters,
                        metrics: full ? 18 : 10, adamStep: 2, undetermined: undetermined, metricTolerances: levelTolerances)
        }
    }

    func testDINOReBRACTiny() throws { try checkReBRAC(.tiny, dino: true) }
    func testDINOReBRACDefaultSizes() throws { try checkReBRAC(.defaultSizes, dino: true) }
    func testFBTiny() throws { try checkFB(.tiny) }
    func testFBDefaultSizes() throws { try checkFB(.defaultSizes) }
    func testFBPixels() throws { try checkFB(.pixels) }
    func testDINOReBRACPixels() throws { try checkReBRAC(.pixels, dino: true) }

    /// FB + IQL (α_repr = α_awr = 1, latent 8 or 512): pre-training with the reference's latent
    /// draws injected, the task latent inferred from the fixture's labelled states, then the two
    /// fine-tuning steps on it. Its target critic keeps its own initialisation.
    func checkFB(_ c: Case) throws {
        var config = FBConfiguration()
        config.actorHidden = c.hidden; config.valueHidden = c.hidden; config.forwardHidden = c.hidden
        config.backwardHidden = c.hidden; config.batchSize = c.batch; config.latentSize = c.full ? 8 : 512
        config.alphaRepresentation = 1; config.alphaAWR = 1; config.encoder = c.encoder
        let agent = FBAgent(observationSize: c.ds, imageShape: c.imageShape, actionSize: c.da, configuration: config, seed: 0)
        let prefix = try open("fb_repr", c)
        try setInitialParameters(agent.parameters, c, prefix, independentTargets: ["target_critic"], outside: ["task_latent"])
        let batch = try readBatch(c, prefix)
        let noise = FBLatentNoise(gaussian: try fixture.array("\(prefix)/pretrain/noise/gaussian"),
                                  permutation: try fixture.array("\(prefix)/pretrain/noise/permutation").map { Int($0) },
                                  mix: try fixture.array("\(prefix)/pretrain/noise/mix"))
        try compare(c, "\(prefix)/pretrain", agent.pretrain(batch, latentNoise: noise), agent.optimizer, agent.parameters,
                    metrics: 17, adamStep: 1)
        agent.inferTask(observations: try fixture.array("\(prefix)/infer/observations"),
                        rewards: try fixture.array("\(prefix)/infer/rewards"))
        let expected = try fixture.array("\(prefix)/infer/latent")
        XCTAssertLessThanOrEqual(zip(agent.taskLatent.values, expected).map { abs($0 - $1) }.max()!, 1e-4, "the inferred task latent")
        try ParityFixture.fromPretrainedState(agent.parameters, agent.optimizer) { full in
            try compare(c, "\(prefix)/\(full ? "finetune_actor" : "finetune")", agent.finetune(batch, fullUpdate: full),
                        agent.optimizer, agent.parameters, metrics: full ? 13 : 8, adamStep: 2)
        }
    }

    func testHILPTiny() throws { try checkHILP(.tiny) }
    func testHILPDefaultSizes() throws { try checkHILP(.defaultSizes) }

    /// HILP + IQL (α = 1, latent 8 or 512): pre-training with the reference's skill draws
    /// injected, the task latent fitted on the fixture's labelled transitions, the target skill
    /// critic reset, then the two fine-tuning steps on that latent. V(s, g) = −‖φ(s) − φ(g)‖, the
    /// intrinsic rewards and the fit all ignore a common shift of φ, so φ's output bias and last
    /// layer-norm offset are undetermined parameters (``ParityFixture/compareStep``).
    func checkHILP(_ c: Case) throws {
        var config = HILPConfiguration()
        config.actorHidden = c.hidden; config.valueHidden = c.hidden; config.batchSize = c.batch
        config.latentSize = c.full ? 8 : 512; config.alpha = 1
        let agent = HILPAgent(observationSize: c.ds, actionSize: c.da, configuration: config, seed: 0)
        let prefix = try open("hilp", c)
        try setInitialParameters(agent.parameters, c, prefix, outside: ["task_latent"])
        let batch = try readBatch(c, prefix, goals: true)
        let undetermined = Self.shiftParameters("value/phi", layers: c.hidden.count)
        try compare(c, "\(prefix)/pretrain", agent.pretrain(batch, skillNoise: try fixture.array("\(prefix)/pretrain/noise/skills")),
                    agent.optimizer, agent.parameters, metrics: 17, adamStep: 1, undetermined: undetermined)
        agent.inferTask(observations: try fixture.array("\(prefix)/infer/observations"),
                        nextObservations: try fixture.array("\(prefix)/infer/next_observations"),
                        rewards: try fixture.array("\(prefix)/infer/rewards"))
        let expected = try fixture.array("\(prefix)/infer/latent")
        XCTAssertLessThanOrEqual(zip(agent.taskLatent.values, expected).map { abs($0 - $1) }.max()!, 1e-3, "the inferred task latent")
        agent.startFinetuning()
        try ParityFixture.fromPretrainedState(agent.parameters, agent.optimizer) { full in
            try compare(c, "\(prefix)/\(full ? "finetune_actor" : "finetune")", agent.finetune(batch, fullUpdate: full),
                        agent.optimizer, agent.parameters, metrics: full ? 13 : 8, adamStep: 2, undetermined: undetermined)
        }
    }

    func checkIQL(_ c: Case) throws {
        var config = IQLConfiguration()
        config.actorHidden = c.hidden; config.valueHidden = c.hidden; config.batchSize = c.batch
        config.alpha = 1; config.expectile = 0.9
        let agent = IQLAgent(observationSize: c.ds, actionSize: c.da, configuration: config, seed: 0)
        let prefix = try open("iql", c)
        try setInitialParameters(agent.parameters, c, prefix)
        let batch = try readBatch(c, prefix)
        try compare(c, "\(prefix)/pretrain", agent.pretrain(batch), agent.optimizer, agent.parameters, metrics: 2, adamStep: 1)
        try ParityFixture.fromPretrainedState(agent.parameters, agent.optimizer) { full in
            let info = agent.finetune(batch, fullUpdate: full)
            try compare(c, "\(prefix)/\(full ? "finetune_actor" : "finetune")", info, agent.optimizer, agent.parameters,
                        metrics: full ? 6 : 3, adamStep: 2)
        }
    }

    /// ReBRAC, with `worldModel` MBPO + ReBRAC (its transition and reward models as wide as the
    /// other networks), or with `dino` DINO + ReBRAC (penalties 0, τ_s = 0.1, its encoder 32 × 2
    /// at the tiny size and 512 × 4 at the default, the views' noises injected, the teacher reset
    /// before fine-tuning).
    func checkReBRAC(_ c: Case, worldModel: Bool = false, dino: Bool = false) throws {
        var config = ReBRACConfiguration()
        config.actorHidden = c.hidden; config.valueHidden = c.hidden; config.batchSize = c.batch
        config.alphaActor = dino ? 0 : 0.1; config.alphaCritic = dino ? 0 : 0.1
        if worldModel {
            var model = WorldModelHyperparameters()
            model.transitionHidden = c.hidden; model.rewardHidden = c.hidden
            config.worldModel = model
        }
        if dino {
            var encoder = DINOHyperparameters()
            encoder.encoderHidden = c.full ? [32, 32] : [512, 512, 512, 512]
            config.dino = encoder
        }
        config.encoder = c.encoder
        let agent = ReBRACAgent(observationSize: c.ds, imageShape: c.imageShape, actionSize: c.da, configuration: config, seed: 0)
        let prefix = try open(worldModel ? "mbpo_rebrac" : dino ? "dino_rebrac" : "rebrac", c)
        try setInitialParameters(agent.parameters, c, prefix)
        let batch = try readBatch(c, prefix)
        // DINO's views: the noises on states, the cropped images on pixels.
        let views = !dino ? [] : c.imageShape == nil
            ? [try fixture.array("\(prefix)/pretrain/noise/view1"), try fixture.array("\(prefix)/pretrain/noise/view2")]
            : [try fixture.array("\(prefix)/batch/aug1_observations"), try fixture.array("\(prefix)/batch/aug2_observations")]
        try compare(c, "\(prefix)/pretrain", agent.pretrain(batch, viewNoise: views), agent.optimizer, agent.parameters,
                    metrics: worldModel ? 4 : dino ? 4 : 2, adamStep: 1)
        agent.startFinetuning()
        try ParityFixture.fromPretrainedState(agent.parameters, agent.optimizer) { full in
            let step = "\(prefix)/\(full ? "finetune_actor" : "finetune")"
            let info = agent.finetune(batch, smoothingNoise: try fixture.array("\(step)/noise/smoothing"), fullUpdate: full)
            try compare(c, step, info, agent.optimizer, agent.parameters, metrics: (full ? 5 : 2) + (worldModel ? 3 : 0), adamStep: 2)
        }
    }

    /// The reference's initial weights (tiny), or the formula's with each target a copy of its
    /// online network (default sizes), except targets under `independentTargets`, which the
    /// formula sets as networks of their own. Parameters under `outside` are ours alone (the
    /// reference keeps them outside its parameter tree) and keep their initial values.
    func setInitialParameters(_ parameters: [Parameter<Float>], _ c: Case, _ prefix: String,
                              independentTargets: [String] = [], outside: Set<String> = []) throws {
        let parameters = parameters.filter { !outside.contains($0.name) }
        if c.full {
            for p in parameters { p.assign(try fixture.array("\(prefix)/param/initial/\(p.name)")) }
            return
        }
        let independent = { (p: Parameter<Float>) in independentTargets.contains { p.name.hasPrefix($0 + "/") } }
        let online = parameters.filter { !$0.name.hasPrefix("target_") || independent($0) }
        for (p, values) in zip(online, ParityFixture.formulaParameters(online)) { p.assign(values) }
        let byName = Dictionary(uniqueKeysWithValues: online.map { ($0.name, $0) })
        for target in parameters where target.name.hasPrefix("target_") && !independent(target) {
            target.copyValues(from: try XCTUnwrap(byName[String(target.name.dropFirst("target_".count))]))
        }
    }

    func readBatch(_ c: Case, _ prefix: String, goals: Bool = false) throws -> TransitionBatch {
        var batch = TransitionBatch(size: c.batch, observationSize: c.ds, actionSize: c.da, goals: goals)
        if goals {
            batch.valueGoals = try fixture.array("\(prefix)/batch/value_goals")
            batch.actorGoals = try fixture.array("\(prefix)/batch/actor_goals")
            if fixture.has("\(prefix)/batch/relabeled_rewards") {
                batch.goalRewards = try fixture.array("\(prefix)/batch/relabeled_rewards")
                batch.goalMasks = try fixture.array("\(prefix)/batch/relabeled_masks")
            }
        }
        batch.observations = try fixture.array("\(prefix)/batch/observations")
        batch.actions = try fixture.array("\(prefix)/batch/actions")
        batch.nextObservations = try fixture.array("\(prefix)/batch/next_observations")
        batch.nextActions = try fixture.array("\(prefix)/batch/next_actions")
        batch.rewards = try fixture.array("\(prefix)/batch/rewards")
        batch.masks = try fixture.array("\(prefix)/batch/masks")
        return batch
    }

    func compare(_ c: Case, _ prefix: String, _ info: [String: Double], _ optimizer: Adam<Float>, _ parameters: [Parameter<Float>],
                 metrics: Int, adamStep: Int, undetermined: Set<String> = [], metricTolerances: [String: Double] = [:],
                 file: StaticString = #filePath, line: UInt = #line) throws {
        try fixture.compareStep(prefix, full: c.full, forwardTolerance: c.forwardTolerance, info: info, optimizer: optimizer,
                                parameters: parameters, minimumMetrics: metrics, adamStep: adamStep, undetermined: undetermined,
                                metricTolerances: metricTolerances, file: file, line: line)
    }

    /// The output bias and last layer-norm offset of a network `name` (with `layers` hidden
    /// layers) whose loss ignores a common shift of its outputs.
    static func shiftParameters(_ name: String, layers: Int) -> Set<String> {
        ["\(name)/Dense_\(layers)/bias", "\(name)/LayerNorm_\(layers - 1)/bias"]
    }
}
