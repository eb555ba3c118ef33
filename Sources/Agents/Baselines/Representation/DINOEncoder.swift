import Learning

/// DINO + ReBRAC's state encoder hyperparameters (the reference's `dino_rebrac.py` with
/// `encoder='mlp'`, the only encoder its state tasks can use).
public struct DINOHyperparameters: Codable, Equatable, Sendable {
    /// The encoder's widths; the last is the representation's size (the reference's `mlp`
    /// encoder: 512 × 4 with layer norm).
    public var encoderHidden = [512, 512, 512, 512]
    /// The student's and the teacher's softmax temperatures (`repr_temp`, `target_repr_temp`).
    public var studentTemperature: Float = 0.1
    public var teacherTemperature: Float = 0.04
    /// The views' Gaussian noise σ and its clip (`repr_noise`, `repr_noise_clip`).
    public var viewNoise: Float = 0.5
    public var viewNoiseClip: Float = 1

    public init() {}
}

/// The encoder DINO + ReBRAC learns by self-distillation: a layer-normalised GELU MLP
/// (`encoder`) and its Polyak-averaged teacher (`target_encoder`). For two noisy views
/// s + clip(σε, ±c) of each state, the student's log-softmax at temperature τ_s is pulled toward
/// the teacher's softmax at τ_t of the same view:
///
///   ½ Σ_views mean_i −Σ_j softmax((t_ij − c_j)/τ_t)·log_softmax(s_ij/τ_s).
///
/// The reference's centre c only changes on fine-tuning's actor steps (its update writes a
/// per-row array that no later loss reads), so c = 0 throughout pre-training, the one phase
/// whose loss reads it; this port therefore keeps no centre.
struct DINOEncoder {
    let online: MLP<Float>
    let target: MLP<Float>
    let hyperparameters: DINOHyperparameters

    init(observationSize ds: Int, hyperparameters h: DINOHyperparameters, random: inout SeededRandom) {
        online = MLP(name: "encoder", inputSize: ds, hiddenSizes: h.encoderHidden, layerNorm: true, random: &random)
        target = MLP(name: "target_encoder", inputSize: ds, hiddenSizes: h.encoderHidden, layerNorm: true, random: &random)
        copyParameters(from: online.parameters, to: target.parameters)
        hyperparameters = h
    }

    /// The representation's size.
    var outputSize: Int { hyperparameters.encoderHidden.last! }

    /// The self-distillation loss on views `observations + noise` for each of the clipped noises.
    func loss(_ g: Graph<Float>, observations: Variable, noises: [Variable]) -> Variable {
        let h = hyperparameters
        var total: Variable?
        for noise in noises {
            let view = g.add(observations, noise)
            let teacher = g.frozen { g.softmax(g.scale(target(g, view), by: 1 / h.teacherTemperature)) }
            let term = g.mean(g.softmaxCrossEntropy(logits: g.scale(online(g, view), by: 1 / h.studentTemperature), labels: teacher))
            total = total.map { g.add($0, term) } ?? term
        }
        return g.scale(total!, by: 1 / Float(noises.count))
    }

    /// The teacher's Polyak step toward the student.
    func followOnline(tau: Float) { polyakUpdate(targets: target.parameters, online: online.parameters, tau: tau) }

    var parameters: [Parameter<Float>] { online.parameters + target.parameters }
}
