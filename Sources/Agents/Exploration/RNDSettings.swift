import Learning

/// The settings of the RND explorer (DDPG with the RND intrinsic reward), URLB's by default
/// (locomotion-dmc.md §6): 1024-wide networks, batch 1024, Adam at 1e-4, τ = 0.01, γ = 0.99 with
/// 3-step returns, an update every 2 environment steps after 4000 uniform-random seed steps,
/// exploration noise 0.2 (clipped at 0.3 in updates), RND representation 512.
public struct RNDSettings: Codable, Equatable, Sendable {
    /// Width of the actor and critic hidden layers (URLB's `hidden_dim`).
    public var hidden = 1024
    /// Width of the RND predictor and target hidden layers.
    public var rndHidden = 1024
    /// Output size of the RND networks (`rnd_rep_dim`).
    public var representation = 512
    public var batch = 1024
    public var learningRate: Float = 1e-4
    /// Polyak rate of the critic target.
    public var tau: Float = 0.01
    public var discount: Float = 0.99
    public var nStep = 3
    public var updateEvery = 2
    /// Environment steps with uniform random actions before the actor acts and updates begin.
    public var seedSteps = 4000
    public var stddev: Float = 0.2
    public var stddevClip: Float = 0.3
    public var rndScale: Float = 1

    public init() {}

    /// A short label for dataset metadata and resume checks. It ends with the OpenBLAS kernel set
    /// in use (`blas=SkylakeX`): the explorer's updates round as its products do, so the same
    /// settings give the same episodes only on the same set, and a collection resumes only on it.
    public var label: String {
        "rnd hidden=\(hidden) rnd-hidden=\(rndHidden) rep=\(representation) batch=\(batch) lr=\(learningRate) seed-steps=\(seedSteps)"
            + " blas=\(OpenBLASCore.current)"
    }
}
