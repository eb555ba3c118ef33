import Learning
import Rendering
import Suite

/// A trained pixel agent's deterministic policy as an ``EvaluationPolicy``: it renders the
/// environment's current state from its default camera as the training data were rendered,
/// keeps the episode's last k frames (k copies of the first at the start; make one instance per
/// episode), encodes the stacked image and clips the policy's output to [−1, 1].
public struct PixelAgentPolicy: EvaluationPolicy {
    private let observation: PixelObservation
    private let graph: Graph<Float>
    private let input: Variable
    private let output: Variable
    private let tanhOutput: Bool
    /// Made at the episode's first action, when the environment is known.
    private var observer: PixelObserver?
    private var pixels: [Float]

    public init(_ policy: DeterministicPolicyNetwork, observation: PixelObservation) {
        precondition(policy.encoder?.inputShape == observation.imageShape,
                     "PixelAgentPolicy: the encoder reads \(policy.encoder?.inputShape ?? []), the observation is \(observation.imageShape)")
        self.observation = observation
        let graph = Graph<Float>(), input = graph.input([1] + observation.imageShape)
        output = graph.frozen { policy.network(graph, policy.encoder!(graph, input)) }
        self.graph = graph
        self.input = input
        tanhOutput = policy.tanhOutput
        pixels = Array(repeating: 0, count: observation.size)
    }

    public mutating func action(in environment: any Environment<[Float]>, observation _: [Float]) throws -> [Float] {
        if observer == nil {
            observer = try PixelObserver(model: environment.simulation.model, width: observation.width, height: observation.height,
                                         frameStack: observation.frameStack, camera: environment.defaultCamera,
                                         options: .observation(fast: observation.fastRendering))
            try observer!.restart(environment.simulation)
        } else {
            try observer!.push(environment.simulation)
        }
        let stacked = observer!.stacked()
        for i in pixels.indices { pixels[i] = Float(stacked[i]) }
        graph.set(input, pixels)
        graph.forward()
        return graph.buffer(output).map { min(max(tanhOutput ? Float.tanh($0) : $0, -1), 1) }
    }
}
