import Agents
import ArgumentParser

// The command line's closed sets of values: each option parses straight into its type, and a
// value outside the set is refused by the parser with the list of those it takes.

extension AgentDescription.Kind: ExpressibleByArgument {}
extension AgentPreset: ExpressibleByArgument {}
extension InFOMHyperparameters.CriticLatent: ExpressibleByArgument {}
extension ObservationNormalizer.Kind: ExpressibleByArgument {}
extension CollectorKind: ExpressibleByArgument {}

extension InFOMHyperparameters.KLForm: ExpressibleByArgument {
    /// `standard`, or `log-variance` (the paper era's form).
    public init?(argument: String) {
        switch argument {
        case "standard": self = .standard
        case "log-variance": self = .logVariance
        default: return nil
        }
    }

    public var defaultValueDescription: String { self == .standard ? "standard" : "log-variance" }
    public static var allValueStrings: [String] { ["standard", "log-variance"] }
    /// What `--help` says of each value (ArgumentParser's default would pair the raw value
    /// `logVariance` with its spelling).
    public static var allValueDescriptions: [String: String] {
        ["standard": "the current reference's", "log-variance": "the paper era's, log σ read as log σ²"]
    }
}

/// The look of rendered pixel observations (`--render`).
enum RenderLook: String, CaseIterable, ExpressibleByArgument {
    /// MuJoCo's look: shadows, reflections, skybox, multisampling.
    case standard
    /// None of those; about 25× faster on a CPU.
    case fast
}
