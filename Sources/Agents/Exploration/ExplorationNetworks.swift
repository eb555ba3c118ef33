import Learning

/// URLB's DDPG actor on states: Linear → LayerNorm → tanh → Linear → ReLU → Linear → tanh,
/// orthogonal weights and zero biases; the output is the mean action μ in [−1, 1].
struct DeterministicActor {
    let input: Dense<Float>, norm: LayerNorm<Float>, hidden: Dense<Float>, output: Dense<Float>

    init(name: ParameterPath, observationSize: Int, actionSize: Int, width: Int, random: inout SeededRandom) {
        input = Dense(name: name / "trunk", inputSize: observationSize, outputSize: width, orthogonalGain: 1, random: &random)
        norm = LayerNorm(name: name / "trunk_norm", size: width)
        hidden = Dense(name: name / "hidden", inputSize: width, outputSize: width, orthogonalGain: 1, random: &random)
        output = Dense(name: name / "mean", inputSize: width, outputSize: actionSize, orthogonalGain: 1, random: &random)
    }

    func callAsFunction(_ graph: Graph<Float>, _ observation: Variable) -> Variable {
        let trunk = graph.tanh(normalized(graph, norm, input(graph, observation)))
        return graph.tanh(output(graph, graph.relu(hidden(graph, trunk))))
    }

    var parameters: [Parameter<Float>] { input.parameters + norm.parameters + hidden.parameters + output.parameters }
}

/// URLB's twin DDPG critic on states: a shared trunk Linear(obs ‖ action) → LayerNorm → tanh,
/// then two heads Linear → ReLU → Linear(1), evaluated as one ensemble ([2, B, 1]).
struct DDPGTwinCritic {
    let input: Dense<Float>, norm: LayerNorm<Float>
    let headHidden: (kernel: Parameter<Float>, bias: Parameter<Float>)
    let headOutput: (kernel: Parameter<Float>, bias: Parameter<Float>)

    init(name: ParameterPath, observationSize: Int, actionSize: Int, width: Int, random: inout SeededRandom) {
        input = Dense(name: name / "trunk", inputSize: observationSize + actionSize, outputSize: width, orthogonalGain: 1,
                      random: &random)
        norm = LayerNorm(name: name / "trunk_norm", size: width)
        func head(_ layer: String, _ fanIn: Int, _ fanOut: Int) -> (Parameter<Float>, Parameter<Float>) {
            let kernels: [Float] = (0..<2).flatMap { _ in
                Initializer.orthogonal(rows: fanIn, columns: fanOut, random: &random) as [Float]
            }
            return (Parameter(path: name / "heads" / layer / "kernel", shape: [2, fanIn, fanOut], initial: kernels),
                    Parameter(path: name / "heads" / layer / "bias", shape: [2, fanOut], initial: Array(repeating: 0, count: 2 * fanOut)))
        }
        headHidden = head("hidden", width, width)
        headOutput = head("value", width, 1)
    }

    /// Q-values [2, B, 1] of observations [B, O] and actions [B, A].
    func callAsFunction(_ graph: Graph<Float>, _ observation: Variable, _ action: Variable) -> Variable {
        let trunk = graph.tanh(normalized(graph, norm, input(graph, graph.concatenate([observation, action]))))
        let hidden = graph.relu(graph.ensembleAffine(trunk, graph.parameter(headHidden.kernel), graph.parameter(headHidden.bias)))
        return graph.ensembleAffine(hidden, graph.parameter(headOutput.kernel), graph.parameter(headOutput.bias))
    }

    var parameters: [Parameter<Float>] {
        input.parameters + norm.parameters + [headHidden.kernel, headHidden.bias, headOutput.kernel, headOutput.bias]
    }
}

/// The RND predictor and its frozen random target share this shape: Linear → ReLU → Linear →
/// ReLU → Linear(representation), orthogonal weights.
struct RNDNetwork {
    let layers: [Dense<Float>]

    init(name: ParameterPath, observationSize: Int, width: Int, representation: Int, random: inout SeededRandom) {
        let sizes = [observationSize, width, width, representation]
        layers = (0..<3).map { i in
            Dense(name: name.appending("Dense", index: i), inputSize: sizes[i], outputSize: sizes[i + 1], orthogonalGain: 1, random: &random)
        }
    }

    func callAsFunction(_ graph: Graph<Float>, _ x: Variable) -> Variable {
        graph.layers(layers, x)
    }

    var parameters: [Parameter<Float>] { layers.flatMap(\.parameters) }
}

extension Graph where Scalar == Float {
    /// Dense layers with ReLU between them (none after the last).
    func layers(_ layers: [Dense<Float>], _ x: Variable) -> Variable {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(self, h)
            if i < layers.count - 1 { h = relu(h) }
        }
        return h
    }
}

/// PyTorch's LayerNorm (ε = 1e-5) with a ``LayerNorm``'s parameters.
func normalized(_ graph: Graph<Float>, _ norm: LayerNorm<Float>, _ x: Variable) -> Variable {
    graph.layerNorm(x, scale: graph.parameter(norm.scale), offset: graph.parameter(norm.offset), epsilon: 1e-5)
}
