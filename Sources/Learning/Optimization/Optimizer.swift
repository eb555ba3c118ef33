import ArrayFiles

/// What agents, trainers and checkpoints ask of an optimizer: one update of its parameters
/// from their current gradients, the gradients' norm for the logs, and a state that a
/// checkpoint saves as safetensors entries and restores exactly. ``Adam`` is the first.
public protocol Optimizer<Scalar>: AnyObject {
    associatedtype Scalar: TensorScalar & NPYElement
    /// The parameters it updates, in a fixed order.
    var parameters: [Parameter<Scalar>] { get }
    /// Applies one update from the parameters' current gradients.
    func update()
    /// Σ over parameters of the L2 norm of each one's current gradient (the reference's `grad/norm`).
    var gradientNorm: Double { get }
    /// The whole state (moments, step count) as safetensors entries.
    func stateTensors() -> SafeTensors
    /// Restores a state written by ``stateTensors()`` for the same parameters; `source` names
    /// the file in errors.
    func load(from file: SafeTensors, source: String) throws
}

extension Optimizer {
    /// Writes the state to `path` atomically.
    public func save(to path: String) throws { try stateTensors().write(to: path) }

    /// Reads `path` and restores the state (``load(from:source:)``).
    public func load(from path: String) throws { try load(from: try SafeTensors.read(path), source: path) }
}
