/// InFOM's hyperparameters (spec infom.md §4.1), the reference's current semantics by default,
/// with the paper-era variants of §11 behind flags.
public struct InFOMConfiguration: Codable, Equatable, Sendable {
    /// The KL form: `standard` is −½(1 + 2ℓ − m² − e^{2ℓ}) with ℓ = log σ (the reference since
    /// 2025-07-16); `logVariance` is the earlier −½(1 + ℓ − m² − e^ℓ), which read ℓ as log σ².
    public enum KLForm: String, Codable, CaseIterable, Sendable { case standard, logVariance }

    /// Where the critic target's latents come from (`critic_latent_type`): the prior N(0, I), or
    /// samples of the intention encoder q_φ(z | s′, a′) of the batch.
    public enum CriticLatent: String, Codable, CaseIterable, Sendable { case prior, encoding }

    public var learningRate: Float = 3e-4
    public var batchSize = 256
    /// Hidden widths of the actor, critic, vector field, reward and intention encoder.
    public var actorHidden = [512, 512, 512, 512]
    public var valueHidden = [512, 512, 512, 512]
    public var rewardHidden = [512, 512, 512, 512]
    public var intentionHidden = [512, 512, 512, 512]
    /// Layer norm in the critic and the vector field (false at HEAD; true in the paper era).
    public var valueLayerNorm = false
    public var latentSize = 512
    public var discount: Float = 0.99
    public var tau: Float = 0.005
    public var expectile: Float = 0.9
    public var klWeight: Float = 0.01
    public var alpha: Float = 10
    public var flowGoals = 16
    public var flowSteps = 10
    public var actorFrequency = 4
    public var clipFlowGoals = true
    /// An independent prior latent per flow goal ([N, B, L]) instead of one per sample shared by
    /// its N goals (HEAD).
    public var latentPerFlowGoal = false
    /// The future term reuses the current term's noise (the reference before 2026-05-11).
    public var futureNoiseEqualsCurrent = false
    public var klForm: KLForm = .standard
    /// The critic target's latents; nil means `.prior`, the reference's default.
    public var criticLatent: CriticLatent?
    /// The image encoder on pixel observations (`encoder='impala_small'`); nil on states.
    public var encoder: ImageEncoderConfiguration?

    public init() {}

    /// A named preset for an environment ID.
    public enum Preset: String, CaseIterable, Sendable {
        /// The reference's per-task values (README table, spec §4.2).
        case paper
        /// Smaller networks and fewer flow goals that train in minutes on 2 CPU cores; the
        /// task's λ, μ and α from the paper preset.
        case small

        /// Hidden widths of every network of every agent under this preset.
        public var hiddenSizes: [Int] { self == .paper ? [512, 512, 512, 512] : [256, 256] }
    }

    /// The preset's configuration for `env` (a locomotion task or an OGBench single-task id).
    public static func preset(_ preset: Preset, env: String) -> InFOMConfiguration {
        var config = InFOMConfiguration()
        let task = TaskHyperparameters.lookup(env)
        config.latentSize = task.latentSize
        config.klWeight = task.klWeight
        config.expectile = task.expectile
        config.alpha = task.alpha
        config.actorHidden = preset.hiddenSizes
        config.valueHidden = preset.hiddenSizes
        config.rewardHidden = preset.hiddenSizes
        config.intentionHidden = preset.hiddenSizes
        if preset == .small {
            config.latentSize = min(task.latentSize, 64)
            config.flowGoals = 8
        }
        if env.hasPrefix("visual-") {
            // Flow goals are embeddings, which have no dataset bounds to clip to (spec §11).
            config.clipFlowGoals = false
            var encoder = ImageEncoderConfiguration()
            if preset == .small {
                encoder.embeddingSize = 256
                config.batchSize = 64
            }
            config.encoder = encoder
        }
        return config
    }
}

/// The per-domain values of the reference README (spec §4.2): latent size, λ, μ and α.
struct TaskHyperparameters {
    var latentSize: Int, klWeight: Float, expectile: Float, alpha: Float

    /// The env ID without its `visual-` prefix (`cube-single-singletask-task1-v0`, `cheetah_run`).
    static func domain(_ env: String) -> String { env.replacingOccurrences(of: "visual-", with: "") }

    /// Whether `env` is an OGBench manipulation id (cube, scene, puzzle).
    static func isManipulation(_ env: String) -> Bool {
        ["cube", "scene", "puzzle"].contains { domain(env).hasPrefix($0) }
    }

    static func lookup(_ env: String) -> TaskHyperparameters {
        let domain = domain(env)
        if domain.hasPrefix("cheetah") { return .init(latentSize: 128, klWeight: 0.05, expectile: 0.9, alpha: 0.3) }
        if domain.hasPrefix("walker") { return .init(latentSize: 512, klWeight: 0.1, expectile: 0.9, alpha: 0.3) }
        if domain.hasPrefix("quadruped") { return .init(latentSize: 512, klWeight: 0.005, expectile: 0.9, alpha: 0.3) }
        if domain.hasPrefix("cube-single") { return .init(latentSize: 512, klWeight: env.hasPrefix("visual-") ? 0.025 : 0.05, expectile: 0.95, alpha: 30) }
        if domain.hasPrefix("cube-double") { return .init(latentSize: 128, klWeight: env.hasPrefix("visual-") ? 0.01 : 0.025, expectile: 0.9, alpha: 30) }
        if domain.hasPrefix("scene") { return .init(latentSize: 128, klWeight: env.hasPrefix("visual-") ? 0.1 : 0.2, expectile: 0.99, alpha: 300) }
        if domain.hasPrefix("puzzle") { return .init(latentSize: 128, klWeight: 0.1, expectile: 0.95, alpha: 300) }
        return .init(latentSize: 512, klWeight: 0.01, expectile: 0.9, alpha: 10)
    }
}
