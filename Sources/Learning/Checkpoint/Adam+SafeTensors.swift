import Datasets

extension Adam where Scalar: NPYElement {
    /// The optimizer state as safetensors entries `m/<name>` and `v/<name>` per parameter, with
    /// the global step count in the metadata (`adam_step`) and the hyperparameters beside it.
    public func stateTensors() -> SafeTensors {
        var file = SafeTensors()
        for (k, parameter) in parameters.enumerated() {
            file.add("m/\(parameter.name)", firstMoments[k], shape: parameter.shape)
            file.add("v/\(parameter.name)", secondMoments[k], shape: parameter.shape)
        }
        file.metadata = ["adam_step": String(step), "learning_rate": "\(learningRate)", "beta1": "\(beta1)",
                         "beta2": "\(beta2)", "epsilon": "\(epsilon)"]
        return file
    }

    /// Writes the optimizer state to `path` atomically.
    public func save(to path: String) throws { try stateTensors().write(to: path) }

    /// Restores moments and step count saved by ``save(to:)`` for the same parameters.
    public func load(from file: SafeTensors, source: String) throws {
        guard let stepText = file.metadata["adam_step"], let step = Int(stepText), step >= 0 else {
            throw DatasetError.corrupt(path: source, reason: "no adam_step in the metadata; not an optimizer state file")
        }
        var first: [[Scalar]] = [], second: [[Scalar]] = []
        for parameter in parameters {
            for (prefix, list) in [("m", 0), ("v", 1)] {
                let name = "\(prefix)/\(parameter.name)"
                guard let tensor = file.tensors[name] else {
                    throw DatasetError.missingArray(path: source, name: name, available: file.names)
                }
                guard tensor.shape == parameter.shape else {
                    throw DatasetError.corrupt(path: source, reason: "\(name) has shape \(tensor.shape), the model needs \(parameter.shape)")
                }
                let values = try file.values(name, as: Scalar.self, source: source)
                if list == 0 { first.append(values) } else { second.append(values) }
            }
        }
        restore(step: step, firstMoments: first, secondMoments: second)
    }

    /// Reads `path` and restores the state (see ``load(from:source:)``).
    public func load(from path: String) throws { try load(from: try SafeTensors.read(path), source: path) }
}
