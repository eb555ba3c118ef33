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

/// The encoder DINO + ReBRAC learns by self-distillation: a layer-normalised GELU MLP on states
/// or an IMPALA encoder on pixels (`encoder`), and its Polyak-averaged teacher (`target_encoder`).
/// For two views of each observation (on states s + clip(σε, ±c), on pixels two random crops),
/// the student's log-softmax at temperature τ_s is pulled toward the teacher's softmax at τ_t of
/// the same view:
///
///   ½ Σ_views mean_i −Σ_j softmax((t_ij − c_j)/τ_t)·log_softmax(s_ij/τ_s).
///
/// The reference's centre c only changes on fine-tuning's actor steps (its update writes a
/// per-row array that no later loss reads), so c = 0 throughout pre-training, the one phase
/// whose loss reads it; this port therefore keeps no centre.
struct DINOEncoder {
    /// The student or the teacher.
    enum Network {
        case state(MLP<Float>)
        case image(ImpalaEncoder<Float>)

        func callAsFunction(_ g: Graph<Float>, _ observations: Variable) -> Variable {
            switch self {
            case .state(let mlp): mlp(g, observations)
            case .image(let encoder): Optional(encoder).features(g, observations)
            }
        }

        var parameters: [Parameter<Float>] {
            switch self {
            case .state(let mlp): mlp.parameters
            case .image(let encoder): encoder.parameters
            }
        }

        var stateNetwork: MLP<Float>? { if case .state(let mlp) = self { mlp } else { nil } }
        var imageNetwork: ImpalaEncoder<Float>? { if case .image(let encoder) = self { encoder } else { nil } }
    }

    let online: Network
    let target: Network
    let hyperparameters: DINOHyperparameters
    /// The representation's size.
    let outputSize: Int

    /// The MLP encoder of states of `ds` values, or with `imageShape` the image encoder of
    /// configuration `image`.
    init(observationSize ds: Int, imageShape: [Int]? = nil, image: ImageEncoderConfiguration? = nil,
         hyperparameters h: DINOHyperparameters, random: inout SeededRandom) {
        func make(_ name: ParameterPath) -> Network {
            if let imageShape { return .image(ImpalaEncoder(name: name, imageShape: imageShape, configuration: image!, random: &random)) }
            return .state(MLP(name: name, inputSize: ds, hiddenSizes: h.encoderHidden, layerNorm: true, random: &random))
        }
        online = make("encoder")
        target = make("target_encoder")
        copyParameters(from: online.parameters, to: target.parameters)
        hyperparameters = h
        outputSize = imageShape == nil ? h.encoderHidden.last! : image!.embeddingSize
    }

    /// The self-distillation loss on `views` of the batch's observations.
    func loss(_ g: Graph<Float>, views: [Variable]) -> Variable {
        let h = hyperparameters
        var total: Variable?
        for view in views {
            let teacher = g.frozen { g.softmax(g.scale(target(g, view), by: 1 / h.teacherTemperature)) }
            let term = g.mean(g.softmaxCrossEntropy(logits: g.scale(online(g, view), by: 1 / h.studentTemperature), labels: teacher))
            total = total.map { g.add($0, term) } ?? term
        }
        return g.scale(total!, by: 1 / Float(views.count))
    }

    /// The teacher's Polyak step toward the student.
    func followOnline(tau: Float) { polyakUpdate(targets: target.parameters, online: online.parameters, tau: tau) }

    var parameters: [Parameter<Float>] { online.parameters + target.parameters }
}
