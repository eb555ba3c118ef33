import Learning

/// The learned model of MBPO + ReBRAC (the reference's `agents/mbpo_rebrac.py`): a residual
/// transition model f(s, a) ≈ s′ − s (`transition/value_net`) and a reward model r̂(s)
/// (a ``RewardModel``), layer-normalised GELU MLPs trained by mean squared error.
struct WorldModel {
    let transition: MLP<Float>
    let reward: RewardModel

    init(observationSize ds: Int, actionSize da: Int, hyperparameters h: WorldModelHyperparameters, random: inout SeededRandom) {
        transition = MLP(name: "transition/value_net", inputSize: ds + da, hiddenSizes: h.transitionHidden + [ds], layerNorm: true,
                         random: &random)
        reward = RewardModel(observationSize: ds, hidden: h.rewardHidden, random: &random)
    }

    /// mean((f(s, a) − (s′ − s))²) over every element, and the mean residual s′ − s (a metric).
    func transitionLoss(_ g: Graph<Float>, _ io: BatchLossGraph.Inputs) -> (loss: Variable, observationResidual: Variable) {
        let residual = g.subtract(io.nextObservations, io.observations)
        let prediction = transition(g, g.concatenate([io.observations, io.actions]))
        return (g.mean(g.squaredError(prediction, residual)), g.mean(residual))
    }
}

extension WorldModel: Layer {
    var parameters: [Parameter<Float>] { transition.parameters + reward.parameters }
}

/// The widths of MBPO's transition and reward models (the reference's 512 × 4 by default).
public struct WorldModelHyperparameters: Codable, Equatable, Sendable {
    public var transitionHidden = [512, 512, 512, 512]
    public var rewardHidden = [512, 512, 512, 512]

    public init() {}

    /// The preset's widths for both models.
    public init(preset: AgentPreset) {
        transitionHidden = preset.hiddenSizes
        rewardHidden = preset.hiddenSizes
    }
}
