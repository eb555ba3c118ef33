/// The hyperparameters of one agent beyond the ``SharedHyperparameters``, with the agent's
/// defaults from `init()` and its per-task values from ``preset(_:env:shared:)``.
public protocol AgentHyperparameters: Codable, Equatable, Sendable {
    init()
    /// The agent's own values under `preset` for `env`; may also adjust the shared ones, which
    /// arrive as the preset gives them.
    static func preset(_ preset: AgentPreset, env: String, shared: inout SharedHyperparameters) throws -> Self
}
