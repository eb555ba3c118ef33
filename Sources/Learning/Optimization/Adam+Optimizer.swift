import ArrayFiles

/// Adam's state in a checkpoint: its moments per parameter and its step count.
extension Adam: Optimizer where Scalar: NPYElement {
    /// The optimizer state as safetensors entries `m/<name>` and `v/<name>` per parameter, with
    /// the global step count in the metadata (`adam_step`) and the hyperparameters beside it.
    public func stateTensors() -> SafeTensors {
        var file = SafeTensors()
        for (k, parameter) in parameters.enumerated() {
            file.add(Self.momentKey("m", parameter), firstMoments[k], shape: parameter.shape)
            file.add(Self.momentKey("v", parameter), secondMoments[k], shape: parameter.shape)
        }
        file.metadata = ["adam_step": String(step), "learning_rate": "\(learningRate)", "beta1": "\(beta1)",
                         "beta2": "\(beta2)", "epsilon": "\(epsilon)"]
        return file
    }

    /// Restores moments and step count saved by ``Optimizer/save(to:)`` for the same parameters.
    public func load(from file: SafeTensors, source: String) throws {
        guard let stepText = file.metadata["adam_step"], let step = Int(stepText), step >= 0 else {
            throw ArrayFileError.invalid(path: source, reason: "has no adam_step in its metadata, so it is not an optimizer state file; name a checkpoint's optimizer-STEP.safetensors")
        }
        func moments(_ prefix: String) throws -> [[Scalar]] {
            try parameters.map { try file.values(Self.momentKey(prefix, $0), as: Scalar.self, shape: $0.shape, source: source) }
        }
        restore(step: step, firstMoments: try moments("m"), secondMoments: try moments("v"))
    }

    /// The entry of a parameter's moment: the parameter's path under `moment` (`m/actor/…`).
    private static func momentKey(_ moment: String, _ parameter: Parameter<Scalar>) -> String {
        ParameterPath([moment] + parameter.path.components).description
    }
}
