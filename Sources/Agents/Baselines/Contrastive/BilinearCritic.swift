import Foundation
import Learning

/// The reference's `GCBilinearValue` with two members (`num_ensembles=2`), the critic of CRL + IS
/// and TD InfoNCE + IS: state–action features φ(s, a) and goal features ψ(g), each a
/// layer-normalised GELU ensemble (`<name>/phi`, `<name>/psi`) with `latentSize` outputs, and the
/// logits f_e(s_i, a_i, g_j) = φ_e(s_i, a_i)·ψ_e(g_j)/√d of every pair of a batch, [2, B, B]. On
/// pixels, φ reads the embedding of a state encoder and ψ that of a goal encoder
/// (`<name>/state_encoder`, `<name>/goal_encoder`; the reference's `critic_state` and
/// `critic_goal`), each shared by the two members.
struct BilinearCritic: Layer {
    let phi: EnsembleMLP<Float>
    let psi: EnsembleMLP<Float>
    let latentSize: Int
    let stateEncoder: ImpalaEncoder<Float>?
    let goalEncoder: ImpalaEncoder<Float>?

    /// A critic on observations of `ds` values, or on stacked frames of `imageShape` through two
    /// encoders of configuration `encoder` (made after φ and ψ).
    init(name: ParameterPath, observationSize ds: Int, actionSize da: Int, hidden: [Int], latentSize: Int,
         imageShape: [Int]? = nil, encoder: ImageEncoderConfiguration? = nil, random: inout SeededRandom) {
        let fs = imageShape == nil ? ds : encoder!.embeddingSize
        phi = EnsembleMLP(name: name / "phi", inputSize: fs + da, hiddenSizes: hidden + [latentSize], layerNorm: true,
                          random: &random)
        psi = EnsembleMLP(name: name / "psi", inputSize: fs, hiddenSizes: hidden + [latentSize], layerNorm: true,
                          random: &random)
        self.latentSize = latentSize
        stateEncoder = imageShape.map { ImpalaEncoder(name: name / "state_encoder", imageShape: $0, configuration: encoder!, random: &random) }
        goalEncoder = imageShape.map { ImpalaEncoder(name: name / "goal_encoder", imageShape: $0, configuration: encoder!, random: &random) }
    }

    /// φ(s, a), [2, B, d].
    func stateActionFeatures(_ g: Graph<Float>, _ observations: Variable, _ actions: Variable) -> Variable {
        phi(g, g.concatenate([stateEncoder.features(g, observations), actions]))
    }

    /// ψ(g), [2, B, d].
    func goalFeatures(_ g: Graph<Float>, _ goals: Variable) -> Variable { psi(g, goalEncoder.features(g, goals)) }

    /// The logits φ_e(s_i, a_i)·ψ_e(g_j)/√d of features φ and ψ, [2, B, B].
    func logits(_ g: Graph<Float>, _ phi: Variable, _ psi: Variable) -> Variable {
        g.scale(g.batchMatmul(phi, psi, transposeB: true), by: 1 / Float(latentSize).squareRoot())
    }

    /// The logits of state–action pairs against goals, [2, B, B].
    func logits(_ g: Graph<Float>, observations: Variable, actions: Variable, goals: Variable) -> Variable {
        logits(g, stateActionFeatures(g, observations, actions), goalFeatures(g, goals))
    }

    var parameters: [Parameter<Float>] { phi.parameters + psi.parameters + stateEncoder.parameters + goalEncoder.parameters }
}
