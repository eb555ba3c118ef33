import Suite

/// InFOM's hyperparameters (spec infom.md §4.1): the shared ones and InFOM's own.
public typealias InFOMConfiguration = AgentConfiguration<InFOMHyperparameters>

/// InFOM's own hyperparameters, the reference's current semantics by default, with the
/// paper-era variants of §11 behind flags.
public struct InFOMHyperparameters: AgentHyperparameters {
    /// The KL form: `standard` is −½(1 + 2ℓ − m² − e^{2ℓ}) with ℓ = log σ (the reference since
    /// 2025-07-16); `logVariance` is the earlier −½(1 + ℓ − m² − e^ℓ), which read ℓ as log σ².
    public enum KLForm: String, Codable, CaseIterable, Sendable { case standard, logVariance }

    /// Where the critic target's latents come from (`critic_latent_type`): the prior N(0, I), or
    /// samples of the intention encoder q_φ(z | s′, a′) of the batch.
    public enum CriticLatent: String, Codable, CaseIterable, Sendable { case prior, encoding }

    /// Hidden widths of the reward network and the intention encoder (the actor's, critic's and
    /// vector field's are the shared `actorHidden` and `valueHidden`).
    public var rewardHidden = [512, 512, 512, 512]
    public var intentionHidden = [512, 512, 512, 512]
    /// Layer norm in the critic and the vector field (false at HEAD; true in the paper era).
    public var valueLayerNorm = false
    public var latentSize = 512
    public var expectile: Float = 0.9
    public var klWeight: Float = 0.01
    public var alpha: Float = 10
    public var flowGoals = 16
    public var flowSteps = 10
    public var clipFlowGoals = true
    /// An independent prior latent per flow goal ([N, B, L]) instead of one per sample shared by
    /// its N goals (HEAD).
    public var latentPerFlowGoal = false
    /// The future term reuses the current term's noise (the reference before 2026-05-11).
    public var futureNoiseEqualsCurrent = false
    public var klForm: KLForm = .standard
    /// The critic target's latents; nil means `.prior`, the reference's default.
    public var criticLatent: CriticLatent?

    public init() {}

    /// The task's λ, μ, α and latent size (``TaskHyperparameters``) with the preset's widths;
    /// `small` caps the latent at 64 and uses 8 flow goals; on a visual id no flow-goal clipping
    /// (the image encoder is a shared hyperparameter).
    public static func preset(_ preset: AgentPreset, env: String, shared: inout SharedHyperparameters) throws -> Self {
        var config = Self()
        let task = try TaskHyperparameters(env: env)
        config.latentSize = task.latentSize
        config.klWeight = task.klWeight
        config.expectile = task.expectile
        config.alpha = task.alpha
        config.rewardHidden = preset.hiddenSizes
        config.intentionHidden = preset.hiddenSizes
        if preset == .small {
            config.latentSize = min(task.latentSize, 64)
            config.flowGoals = 8
        }
        // On pixels, flow goals are embeddings, which have no dataset bounds to clip to (spec §11).
        if try EnvironmentRegistry.entry(env).pixels { config.clipFlowGoals = false }
        return config
    }
}
