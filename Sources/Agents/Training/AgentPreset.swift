/// A named set of hyperparameters for an environment, shared by every agent.
public enum AgentPreset: String, CaseIterable, Sendable {
    /// The reference's per-task values (README table, spec §4.2).
    case paper
    /// Smaller networks (and, for InFOM, fewer flow goals) that train in minutes on 2 CPU cores;
    /// the task's coefficients from the paper preset.
    case small

    /// Hidden widths of every network of every agent under this preset.
    public var hiddenSizes: [Int] { self == .paper ? [512, 512, 512, 512] : [256, 256] }
}
