import Suite

/// The per-domain values of the reference README (spec §4.2): latent size, λ (KL weight), μ
/// (expectile) and α (BC coefficient), looked up by the registry entry's domain (its `family`)
/// and look (visual ids have their own λ for cube and scene).
struct TaskHyperparameters {
    var latentSize: Int, klWeight: Float, expectile: Float, alpha: Float

    /// The values for `env`; a domain the reference gives no values for is an error rather
    /// than a silent default.
    init(env: String) throws {
        let entry = try EnvironmentRegistry.entry(env), visual = entry.pixels
        switch entry.family {
        case "cheetah": self.init(latentSize: 128, klWeight: 0.05, expectile: 0.9, alpha: 0.3)
        case "walker": self.init(latentSize: 512, klWeight: 0.1, expectile: 0.9, alpha: 0.3)
        case "quadruped": self.init(latentSize: 512, klWeight: 0.005, expectile: 0.9, alpha: 0.3)
        case "jaco": self.init(latentSize: 512, klWeight: 0.2, expectile: 0.9, alpha: 0.1)
        case "cube-single": self.init(latentSize: 512, klWeight: visual ? 0.025 : 0.05, expectile: 0.95, alpha: 30)
        case "cube-double": self.init(latentSize: 128, klWeight: visual ? 0.01 : 0.025, expectile: 0.9, alpha: 30)
        case "scene": self.init(latentSize: 128, klWeight: visual ? 0.1 : 0.2, expectile: 0.99, alpha: 300)
        case "puzzle-3x3", "puzzle-4x4", "puzzle-4x5", "puzzle-4x6":
            self.init(latentSize: 128, klWeight: 0.1, expectile: 0.95, alpha: 300)
        default:
            throw TrainingError.mismatch(
                "the InFOM reference gives no hyperparameters for domain \(entry.family) (\(env)); train on cheetah, walker, quadruped, jaco, cube-single, cube-double, scene or puzzle tasks")
        }
    }

    init(latentSize: Int, klWeight: Float, expectile: Float, alpha: Float) {
        self.latentSize = latentSize
        self.klWeight = klWeight
        self.expectile = expectile
        self.alpha = alpha
    }
}
