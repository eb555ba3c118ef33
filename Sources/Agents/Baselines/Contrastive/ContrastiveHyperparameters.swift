import Suite

/// The contrastive objective a ``ContrastiveHyperparameters`` configures: its README α on
/// locomotion (its cheetah runs) and the weight of CRL's log-partition penalty, if it has one.
public protocol ContrastiveObjective: Sendable {
    static var locomotionAlpha: Float { get }
    static var logsumexpPenalty: Float? { get }
}

/// CRL's forward InfoNCE (`agents/crl_infonce.py`): α 0.03 on locomotion, penalty 0.01.
public enum ForwardInfoNCE: ContrastiveObjective {
    public static let locomotionAlpha: Float = 0.03
    public static let logsumexpPenalty: Float? = 0.01
}

/// TD InfoNCE (`agents/td_infonce.py`): α 0.003 on locomotion, no penalty.
public enum TemporalDifferenceInfoNCE: ContrastiveObjective {
    public static let locomotionAlpha: Float = 0.003
    public static let logsumexpPenalty: Float? = nil
}

/// CRL + IS's hyperparameters (the reference's `crl_infonce.py` defaults, the README's α).
public typealias CRLConfiguration = AgentConfiguration<ContrastiveHyperparameters<ForwardInfoNCE>>
/// TD InfoNCE + IS's hyperparameters (the reference's `td_infonce.py` defaults, the README's α).
public typealias TDInfoNCEConfiguration = AgentConfiguration<ContrastiveHyperparameters<TemporalDifferenceInfoNCE>>

/// The own hyperparameters of CRL + IS and TD InfoNCE + IS.
public struct ContrastiveHyperparameters<Objective: ContrastiveObjective>: AgentHyperparameters {
    /// The behaviour-cloning weight of the actor loss.
    public var alpha: Float = 0.1
    /// Outputs of φ and ψ.
    public var latentSize = 512
    public var rewardHidden = [512, 512, 512, 512]
    /// The weight of the squared log-partition in CRL's forward InfoNCE loss; nil for TD InfoNCE,
    /// whose loss has none.
    public var logsumexpPenalty: Float? = Objective.logsumexpPenalty
    public var goals = GoalSampling()

    public init() {}

    /// The README's α: the objective's locomotion value, 30 for OGBench's manipulation (its
    /// cube-single runs); `small` uses 256 × 2 networks and caps the latent at 64, as for InFOM.
    public static func preset(_ preset: AgentPreset, env: String, shared: inout SharedHyperparameters) throws -> Self {
        var config = Self()
        config.alpha = try EnvironmentRegistry.entry(env).manipulationFamily != nil ? 30 : Objective.locomotionAlpha
        config.rewardHidden = preset.hiddenSizes
        if preset == .small { config.latentSize = 64 }
        config.goals.discount = Double(shared.discount)
        return config
    }
}
