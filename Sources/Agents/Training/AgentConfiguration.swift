import Suite

/// An agent's hyperparameters: the shared ones and the agent's own, read and written as one
/// set (`configuration.learningRate`, `configuration.expectile`) and stored as one flat JSON
/// object (`agent.json`), so files written before the split read unchanged.
@dynamicMemberLookup
public struct AgentConfiguration<Specific: AgentHyperparameters>: Codable, Equatable, Sendable {
    public var shared: SharedHyperparameters
    public var specific: Specific

    public init(shared: SharedHyperparameters = SharedHyperparameters(), specific: Specific = Specific()) {
        self.shared = shared
        self.specific = specific
    }

    /// The preset's configuration for `env` (a locomotion task or an OGBench id); an env whose
    /// domain has no reference values is an error. A visual id gets an image encoder, and under
    /// `small` a 256-wide embedding and batches of 64.
    public static func preset(_ preset: AgentPreset, env: String) throws -> Self {
        var shared = SharedHyperparameters(preset: preset)
        if try EnvironmentRegistry.entry(env).pixels {
            var encoder = ImageEncoderConfiguration()
            if preset == .small {
                encoder.embeddingSize = 256
                shared.batchSize = 64
            }
            shared.encoder = encoder
        }
        let specific = try Specific.preset(preset, env: env, shared: &shared)
        return Self(shared: shared, specific: specific)
    }

    public subscript<Value>(dynamicMember key: WritableKeyPath<SharedHyperparameters, Value>) -> Value {
        get { shared[keyPath: key] }
        set { shared[keyPath: key] = newValue }
    }

    public subscript<Value>(dynamicMember key: WritableKeyPath<Specific, Value>) -> Value {
        get { specific[keyPath: key] }
        set { specific[keyPath: key] = newValue }
    }

    /// Both parts read their keys from the same object.
    public init(from decoder: any Decoder) throws {
        shared = try SharedHyperparameters(from: decoder)
        specific = try Specific(from: decoder)
    }

    /// Both parts write their keys into the same object.
    public func encode(to encoder: any Encoder) throws {
        try shared.encode(to: encoder)
        try specific.encode(to: encoder)
    }
}
