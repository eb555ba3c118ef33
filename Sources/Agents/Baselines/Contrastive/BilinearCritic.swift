import Foundation
import Learning

/// The reference's `GCBilinearValue` with two members (`num_ensembles=2`), the critic of CRL + IS
/// and TD InfoNCE + IS: state–action features φ(s, a) and goal features ψ(g), each a
/// layer-normalised GELU ensemble (`<name>/phi`, `<name>/psi`) with `latentSize` outputs, and the
/// logits f_e(s_i, a_i, g_j) = φ_e(s_i, a_i)·ψ_e(g_j)/√d of every pair of a batch, [2, B, B].
struct BilinearCritic: Layer {
    let phi: EnsembleMLP<Float>
    let psi: EnsembleMLP<Float>
    let latentSize: Int

    init(name: ParameterPath, observationSize ds: Int, actionSize da: Int, hidden: [Int], latentSize: Int,
         random: inout SeededRandom) {
        phi = EnsembleMLP(name: name / "phi", inputSize: ds + da, hiddenSizes: hidden + [latentSize], layerNorm: true,
                          random: &random)
        psi = EnsembleMLP(name: name / "psi", inputSize: ds, hiddenSizes: hidden + [latentSize], layerNorm: true,
                          random: &random)
        self.latentSize = latentSize
    }

    /// φ(s, a), [2, B, d].
    func stateActionFeatures(_ g: Graph<Float>, _ observations: Variable, _ actions: Variable) -> Variable {
        phi(g, g.concatenate([observations, actions]))
    }

    /// ψ(g), [2, B, d].
    func goalFeatures(_ g: Graph<Float>, _ goals: Variable) -> Variable { psi(g, goals) }

    /// The logits φ_e(s_i, a_i)·ψ_e(g_j)/√d of features φ and ψ, [2, B, B].
    func logits(_ g: Graph<Float>, _ phi: Variable, _ psi: Variable) -> Variable {
        g.scale(g.batchMatmul(phi, psi, transposeB: true), by: 1 / Float(latentSize).squareRoot())
    }

    /// The logits of state–action pairs against goals, [2, B, B].
    func logits(_ g: Graph<Float>, observations: Variable, actions: Variable, goals: Variable) -> Variable {
        logits(g, stateActionFeatures(g, observations, actions), goalFeatures(g, goals))
    }

    var parameters: [Parameter<Float>] { phi.parameters + psi.parameters }
}
