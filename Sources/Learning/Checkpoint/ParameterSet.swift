import ArrayFiles

/// Parameters saved to and loaded from `.safetensors` files under their stable names
/// (`actor/Dense_0/kernel`, …), so that Python reads them with `safetensors.numpy.load_file`.
public enum ParameterSet {
    /// The parameters' current values as safetensors entries.
    public static func tensors<S: TensorScalar & NPYElement>(_ parameters: [Parameter<S>]) -> SafeTensors {
        var file = SafeTensors()
        for parameter in parameters {
            precondition(file.tensors[parameter.name] == nil, "two parameters are named \(parameter.name)")
            file.add(parameter.name, UnsafeBufferPointer(start: parameter.value, count: parameter.count), shape: parameter.shape)
        }
        return file
    }

    /// Writes the parameters (and `metadata`) to `path` atomically.
    public static func save<S: TensorScalar & NPYElement>(_ parameters: [Parameter<S>], to path: String,
                                                            metadata: [String: String] = [:]) throws {
        var file = tensors(parameters)
        file.metadata = metadata
        try file.write(to: path)
    }

    /// Overwrites the parameters with the file's tensors of the same names. Every parameter must
    /// be present with its shape and dtype; extra tensors in the file are an error too, so a
    /// checkpoint of another architecture is never half-loaded.
    public static func load<S: TensorScalar & NPYElement>(_ parameters: [Parameter<S>], from file: SafeTensors,
                                                            source: String) throws {
        let expected = Set(parameters.map(\.name)), present = Set(file.names)
        guard expected == present else {
            let missing = expected.subtracting(present).sorted(), extra = present.subtracting(expected).sorted()
            throw ArrayFileError.invalid(path: source, reason: "holds another model's parameters ("
                + (missing.isEmpty ? "" : "missing \(missing.prefix(5).joined(separator: ", "))")
                + (missing.isEmpty || extra.isEmpty ? "" : "; ")
                + (extra.isEmpty ? "" : "unexpected \(extra.prefix(5).joined(separator: ", "))")
                + "); load it with the agent and flags it was trained with")
        }
        let values = try parameters.map { try file.values($0.name, as: S.self, shape: $0.shape, source: source) }
        for (parameter, v) in zip(parameters, values) { parameter.assign(v) }
    }

    /// Reads `path` and loads it into the parameters (see ``load(_:from:source:)``).
    public static func load<S: TensorScalar & NPYElement>(_ parameters: [Parameter<S>], from path: String) throws {
        try load(parameters, from: try SafeTensors.read(path), source: path)
    }
}
