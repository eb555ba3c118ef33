import Learning

/// Every random tensor one InFOM update uses (spec infom.md §1.4, §1.5, §3.5). Drawn from the
/// agent's generator, or injected by a test from the reference's own draws.
public struct InFOMNoise {
    /// ε_z [B, L]: z = m + σ ⊙ ε_z.
    public var latentNoise: [Float]
    /// t [B], one per sample, shared by the current and future terms.
    public var times: [Float]
    /// ε_c and ε_f [B, d_s].
    public var currentNoise: [Float]
    public var futureNoise: [Float]
    /// Fine-tuning: the critic target's flow noise [N, B, d_s] and prior latents [B, L]
    /// (or [N, B, L] with `latentPerFlowGoal`).
    public var goalNoise: [Float]
    public var priorLatents: [Float]

    public init(configuration c: InFOMConfiguration, batchSize b: Int, observationSize ds: Int) {
        latentNoise = Array(repeating: 0, count: b * c.latentSize)
        times = Array(repeating: 0, count: b)
        currentNoise = Array(repeating: 0, count: b * ds)
        futureNoise = currentNoise
        goalNoise = Array(repeating: 0, count: c.flowGoals * b * ds)
        priorLatents = Array(repeating: 0, count: (c.latentPerFlowGoal ? c.flowGoals : 1) * b * c.latentSize)
    }

    /// Fresh draws for a pre-training (or, with `finetuning`, a fine-tuning) update.
    public mutating func draw(_ random: inout SeededRandom, finetuning: Bool, futureEqualsCurrent: Bool) {
        random.fillNormal(&latentNoise)
        for i in times.indices { times[i] = random.uniform(0, 1) }
        random.fillNormal(&currentNoise)
        if futureEqualsCurrent {
            for i in futureNoise.indices { futureNoise[i] = currentNoise[i] }
        } else {
            random.fillNormal(&futureNoise)
        }
        if finetuning {
            random.fillNormal(&goalNoise)
            random.fillNormal(&priorLatents)
        }
    }
}
