/// Which agent a run trains, with its sizes and hyperparameters: enough to rebuild it from a
/// checkpoint folder (saved there as `agent.json`).
public struct AgentDescription: Codable, Equatable, Sendable {
    /// The agents `infom train --agent` accepts.
    public enum Kind: String, Codable, CaseIterable, Sendable { case infom, iql, rebrac }

    public var kind: Kind
    public var observationSize: Int
    public var actionSize: Int
    public var infom: InFOMConfiguration?
    public var iql: IQLConfiguration?
    public var rebrac: ReBRACConfiguration?

    /// The preset's description of `kind` for `env` with the given sizes.
    public init(kind: Kind, preset: InFOMConfiguration.Preset, env: String, observationSize: Int, actionSize: Int) {
        self.kind = kind
        self.observationSize = observationSize
        self.actionSize = actionSize
        switch kind {
        case .infom: infom = .preset(preset, env: env)
        case .iql: iql = .preset(preset, env: env)
        case .rebrac: rebrac = .preset(preset, env: env)
        }
    }

    /// Updates per batch of this many transitions.
    public var batchSize: Int { infom?.batchSize ?? iql?.batchSize ?? rebrac?.batchSize ?? 256 }

    /// A freshly initialised agent.
    public func make(seed: UInt64) -> any OfflineAgent {
        switch kind {
        case .infom: return InFOMAgent(observationSize: observationSize, actionSize: actionSize, configuration: infom!, seed: seed)
        case .iql: return IQLAgent(observationSize: observationSize, actionSize: actionSize, configuration: iql!, seed: seed)
        case .rebrac: return ReBRACAgent(observationSize: observationSize, actionSize: actionSize, configuration: rebrac!, seed: seed)
        }
    }
}
