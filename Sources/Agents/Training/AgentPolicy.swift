import Learning
import Suite

/// A trained agent's deterministic policy as an ``EvaluationPolicy``: the observation normalised
/// with the fine-tuning data's statistics, the policy network's output (tanh-squashed where the
/// agent squashes), clipped to [−1, 1] (spec infom.md §6). Each instance owns its buffers, so
/// evaluation workers each make their own; all read the same parameters.
public struct AgentPolicy: EvaluationPolicy {
    private let inference: MLPInference
    /// The state encoder's pass before the policy network's (DINO + ReBRAC); nil for the others.
    private let encoding: MLPInference?
    private let normalizer: ObservationNormalizer
    private let tanhOutput: Bool
    private var input: [Float]

    public init(_ policy: DeterministicPolicyNetwork, normalizer: ObservationNormalizer) {
        inference = MLPInference(policy.network, capacity: 1)
        encoding = policy.stateEncoder.map { MLPInference($0, capacity: 1) }
        self.normalizer = normalizer
        tanhOutput = policy.tanhOutput
        input = Array(repeating: 0, count: encoding?.inputSize ?? inference.inputSize)
    }

    public mutating func action(in environment: any Environment<[Float]>, observation: [Float]) throws -> [Float] {
        guard observation.count == input.count else {
            throw EnvironmentError.resetFailed(env: environment.id, reason:
                "the policy was trained on \(input.count)-dimensional observations but \(environment.id) gives \(observation.count); evaluate on the task it was trained for")
        }
        for i in input.indices { input[i] = observation[i] }
        normalizer.normalize(&input)
        let output = input.withUnsafeBufferPointer { states in
            guard let encoding else { return inference(states, rows: 1) }
            return inference(encoding(states, rows: 1), rows: 1)
        }
        return output.map { min(max(tanhOutput ? Float.tanh($0) : $0, -1), 1) }
    }
}
