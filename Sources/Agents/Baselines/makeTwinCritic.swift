import Learning

/// The baselines' twin critic Q(s, a): two layer-normed members (`critic/value_net`) and a
/// target (`target_critic/value_net`) that starts as their copy, drawn in that order from
/// `random`.
func makeTwinCritic(inputSize: Int, hidden: [Int], random: inout SeededRandom)
    -> (online: EnsembleMLP<Float>, target: EnsembleMLP<Float>) {
    let online = EnsembleMLP<Float>(name: "critic/value_net", inputSize: inputSize, hiddenSizes: hidden + [1],
                                    layerNorm: true, random: &random)
    let target = EnsembleMLP<Float>(name: "target_critic/value_net", inputSize: inputSize, hiddenSizes: hidden + [1],
                                    layerNorm: true, random: &random)
    copyParameters(from: online.parameters, to: target.parameters)
    return (online, target)
}
