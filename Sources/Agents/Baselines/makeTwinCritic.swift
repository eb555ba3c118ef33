import Learning

/// The baselines' twin critic Q(s, a): two layer-normed members (`<prefix>critic/value_net`) and a
/// target (`target_<prefix>critic/value_net`), drawn in that order from `random`; the target
/// starts as their copy unless `targetIsCopy` is false (FB + IQL's target critic keeps its own
/// initialisation, as the reference's).
func makeTwinCritic(prefix: String = "", inputSize: Int, hidden: [Int], targetIsCopy: Bool = true,
                    random: inout SeededRandom) -> (online: EnsembleMLP<Float>, target: EnsembleMLP<Float>) {
    let online = EnsembleMLP<Float>(name: ParameterPath(stringLiteral: prefix + "critic") / "value_net", inputSize: inputSize,
                                    hiddenSizes: hidden + [1], layerNorm: true, random: &random)
    let target = EnsembleMLP<Float>(name: ParameterPath(stringLiteral: "target_" + prefix + "critic") / "value_net",
                                    inputSize: inputSize, hiddenSizes: hidden + [1], layerNorm: true, random: &random)
    if targetIsCopy { copyParameters(from: online.parameters, to: target.parameters) }
    return (online, target)
}
