/// A network piece that owns parameters (Dense, LayerNorm, MLP, ensembles, convolutions,
/// encoders, policies): what optimizers, checkpoints and target copies collect from an agent.
/// A layer lists its parameters in a fixed order, which is the order of the optimizer's state
/// and of the checkpoint's entries.
public protocol Layer<Scalar> {
    associatedtype Scalar: TensorScalar
    /// The layer's parameters, named as their checkpoint entries.
    var parameters: [Parameter<Scalar>] { get }
}

/// The parameters of `layers` in order: an agent's trainable or checkpointed set. Two
/// parameters of one name would overwrite each other's checkpoint entry, so that is refused here,
/// where the set is built, rather than found when a checkpoint does not load.
public func collectParameters<Scalar>(_ layers: [any Layer<Scalar>]) -> [Parameter<Scalar>] {
    let parameters = layers.flatMap { $0.parameters }
    var seen = Set<String>()
    for parameter in parameters {
        precondition(seen.insert(parameter.name).inserted, "two parameters are named \(parameter.name); name each layer once")
    }
    return parameters
}

extension Dense: Layer {}
extension LayerNorm: Layer {}
extension MLP: Layer {}
extension EnsembleMLP: Layer {}
extension Conv: Layer {}
extension ResidualStack: Layer {}
extension ImpalaEncoder: Layer {}
extension GaussianHead: Layer {}
