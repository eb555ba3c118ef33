import ArgumentParser

/// The options `infom render` and `infom view` share: which policy acts, the seeds of its
/// episodes and the camera to watch from.
struct RolloutOptions: ParsableArguments {
    @Option(help: "random | oracle (manipulation envs, Jaco reach) | a training folder (`infom train --out DIR`).") var policy: String = "random"
    @Option(parsing: .unconditional, help: "Base seed of the episodes.") var seed: UInt32 = 0
    @Option(help: "Camera name or id (-1: free camera); default: the environment's camera.") var camera: String?

    /// The policy, checked against `env` (a pixel policy needs its visual env, and so on).
    func policySource(env: String) throws -> PolicySource {
        let source = try PolicySource(argument: policy)
        try source.check(env: env)
        return source
    }
}
