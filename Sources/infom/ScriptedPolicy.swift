import Suite

/// The policies `infom eval` and `infom render` run by name: the scripted oracle (manipulation
/// tasks, Jaco reach), or
/// uniform random actions.
enum ScriptedPolicy: String {
    case oracle, random

    /// A clear error when `env` cannot run this policy (the oracle needs a manipulation or Jaco env).
    func check(env: String) throws {
        if self == .oracle, !OraclePolicy.exists(for: try EnvironmentRegistry.entry(env)) {
            throw CommandFailure(message: "--policy oracle needs a manipulation env (cube, scene, puzzle) or a Jaco reach task; \(env) has no scripted oracle. Use --policy random.")
        }
    }

    /// The policy of one episode, seeded.
    func make(seed: UInt32) -> any EvaluationPolicy {
        switch self {
        case .oracle: return OraclePolicy(seed: seed)
        case .random: return RandomPolicy(seed: seed)
        }
    }
}
