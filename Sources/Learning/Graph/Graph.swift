#if canImport(Glibc)
import Glibc
#endif

/// A computation built once and run many times: reverse-mode automatic differentiation over
/// buffers allocated when the graph is built, so that training steps allocate nothing.
///
/// Build it by creating inputs and parameters and combining them with operations (see
/// `Graph+Operations.swift`); then per step write inputs, call ``forward()``, and call
/// ``backward(from:)`` to accumulate gradients into the parameters and into inputs created with
/// `requiresGradient`. Not thread-safe.
public final class Graph<Scalar: TensorScalar> {
    final class Node {
        let shape: [Int]
        let count: Int
        let value: UnsafeMutablePointer<Scalar>
        let gradient: UnsafeMutablePointer<Scalar>
        let operation: (any GraphOperation<Scalar>)?
        /// The nodes this one reads, in order (earlier nodes of the same graph).
        let inputs: [Node]
        let requiresGradient: Bool
        /// Whether the buffers belong to a ``Parameter`` rather than to the node.
        let borrowed: Bool
        /// Per-operation scratch that backward needs (for example layer norm statistics).
        var scratch: [Scalar] = []
        /// The graph's shared ``Workspace``, for memory needed only inside one forward or
        /// backward call; set when the node is added.
        var workspace: Workspace!
        /// How each input's elements line up with the output's (broadcasting), or the output
        /// index of each input element (reductions), or argmin positions; built once.
        var access: [BroadcastAccess] = []
        var indexMap: [Int] = []
        /// Max-pool: the window cell (row-major, 0 ..< window²) that won each output element.
        var winners: [UInt8] = []
        /// Whether the gradient buffer still holds the previous backward pass's values; it is
        /// zeroed just before the first contribution of the current pass.
        var gradientIsStale = false

        init(shape: [Int], operation: (any GraphOperation<Scalar>)?, inputs: [Node], requiresGradient: Bool,
             value: UnsafeMutablePointer<Scalar>? = nil, gradient: UnsafeMutablePointer<Scalar>? = nil) {
            self.shape = shape
            count = shape.reduce(1, *)
            self.operation = operation
            self.inputs = inputs
            self.requiresGradient = requiresGradient
            if let value, let gradient {
                self.value = value
                self.gradient = gradient
                borrowed = true
            } else {
                self.value = Self.zeroed(count)
                self.gradient = Self.zeroed(count)
                borrowed = false
            }
        }

        /// `count` zeros from `calloc`: large buffers are fresh zero pages that take no memory
        /// until written, so the gradients of nodes no backward pass reaches (inputs, frozen
        /// targets) and the buffers of a graph that never runs cost nothing.
        private static func zeroed(_ count: Int) -> UnsafeMutablePointer<Scalar> {
            guard let raw = calloc(max(1, count), MemoryLayout<Scalar>.stride) else {
                fatalError("Graph: out of memory for a buffer of \(count) values")
            }
            return raw.bindMemory(to: Scalar.self, capacity: max(1, count))
        }

        deinit {
            if !borrowed {
                free(value)
                free(gradient)
            }
        }
    }

    /// Memory an operation uses only inside one forward or backward call (padded images, patch
    /// matrices): nothing in it survives to the next call, so one buffer, grown to the largest
    /// request, serves every node of the graph instead of a copy per node.
    final class Workspace {
        private var storage: UnsafeMutablePointer<Scalar>?
        private var capacity = 0

        /// At least `count` scalars, uninitialised, valid until the next call of `reserve`.
        func reserve(_ count: Int) -> UnsafeMutablePointer<Scalar> {
            if let storage, count <= capacity { return storage }
            storage?.deallocate()
            capacity = max(1, count)
            let grown = UnsafeMutablePointer<Scalar>.allocate(capacity: capacity)
            storage = grown
            return grown
        }

        deinit { storage?.deallocate() }
    }

    let workspace = Workspace()
    var nodes: [Node] = []
    /// The parameters this graph reads, in the order they were added.
    public private(set) var parameters: [Parameter<Scalar>] = []

    public init() {}

    /// A value the caller writes before each ``forward()``.
    public func input(_ shape: [Int], requiresGradient: Bool = false) -> Variable {
        add(Node(shape: shape, operation: nil, inputs: [], requiresGradient: requiresGradient))
    }

    /// A fixed value: every element equals `value`. Forward passes never change it.
    public func constant(_ value: Scalar, shape: [Int]) -> Variable {
        let variable = input(shape)
        let node = nodes[variable.index]
        for i in 0..<node.count { node.value[i] = value }
        return variable
    }

    private var parameterNodes: [ObjectIdentifier: Variable] = [:]
    private var frozenNodes: [ObjectIdentifier: Variable] = [:]
    private var freezing = false

    /// A trainable parameter; its gradient accumulates in `parameter.gradient`. Using the same
    /// parameter again returns the same variable, so gradients of every use add up. Inside
    /// ``frozen(_:)`` it is instead a read-only view of the values that takes no gradient.
    public func parameter(_ parameter: Parameter<Scalar>) -> Variable {
        if freezing {
            if let existing = frozenNodes[ObjectIdentifier(parameter)] { return existing }
            let variable = add(Node(shape: parameter.shape, operation: nil, inputs: [], requiresGradient: false,
                                    value: parameter.value, gradient: parameter.gradient))
            frozenNodes[ObjectIdentifier(parameter)] = variable
            return variable
        }
        if let existing = parameterNodes[ObjectIdentifier(parameter)] { return existing }
        parameters.append(parameter)
        let variable = add(Node(shape: parameter.shape, operation: nil, inputs: [], requiresGradient: true,
                                value: parameter.value, gradient: parameter.gradient))
        parameterNodes[ObjectIdentifier(parameter)] = variable
        return variable
    }

    /// Builds `body` with every parameter it uses frozen: the layers read the current values
    /// but no gradient reaches the parameters (`stop_gradient` on the parameters, as when a
    /// policy's loss differentiates through a critic without training it).
    public func frozen<T>(_ body: () -> T) -> T {
        let outer = freezing
        freezing = true
        defer { freezing = outer }
        return body()
    }

    func add(_ node: Node) -> Variable {
        node.workspace = workspace
        nodes.append(node)
        return Variable(index: nodes.count - 1, shape: node.shape)
    }

    /// Writes an input's values.
    public func set(_ variable: Variable, _ values: [Scalar]) {
        let node = nodes[variable.index]
        precondition(values.count == node.count, "input of shape \(node.shape) needs \(node.count) values, got \(values.count)")
        node.value.update(from: values, count: node.count)
    }

    /// Writes an input's values from a buffer of exactly its size.
    public func set(_ variable: Variable, from buffer: UnsafeBufferPointer<Scalar>) {
        let node = nodes[variable.index]
        precondition(buffer.count == node.count, "input of shape \(node.shape) needs \(node.count) values, got \(buffer.count)")
        node.value.update(from: buffer.baseAddress!, count: node.count)
    }

    /// A variable's current values.
    public func value(_ variable: Variable) -> [Scalar] {
        let node = nodes[variable.index]
        return Array(UnsafeBufferPointer(start: node.value, count: node.count))
    }

    /// A variable's current values without a copy; valid until the next forward pass.
    public func buffer(_ variable: Variable) -> UnsafeBufferPointer<Scalar> {
        let node = nodes[variable.index]
        return UnsafeBufferPointer(start: node.value, count: node.count)
    }

    /// The gradient of the last backward pass with respect to a variable.
    public func gradient(_ variable: Variable) -> [Scalar] {
        let node = nodes[variable.index]
        return Array(UnsafeBufferPointer(start: node.gradient, count: node.count))
    }

    /// A scalar variable's value.
    public func scalar(_ variable: Variable) -> Scalar {
        precondition(nodes[variable.index].count == 1, "not a scalar: shape \(variable.shape)")
        return nodes[variable.index].value[0]
    }

    /// Computes every node from the inputs and parameters, in construction order.
    public func forward() {
        for node in nodes {
            node.operation?.forward(node, node.inputs)
        }
    }

    /// Computes the nodes built up to and including `variable`, so that a caller can read it
    /// and write inputs built after it before ``forward(after:)`` finishes the pass.
    public func forward(through variable: Variable) {
        for node in nodes[...variable.index] { node.operation?.forward(node, node.inputs) }
    }

    /// Computes the nodes built after `variable` (the second half of ``forward(through:)``).
    public func forward(after variable: Variable) {
        for node in nodes[(variable.index + 1)...] { node.operation?.forward(node, node.inputs) }
    }

    /// Sets all gradients to zero, then back-propagates from the scalar `loss`, accumulating
    /// gradients into parameters and gradient-requiring inputs.
    public func backward(from loss: Variable) {
        precondition(nodes[loss.index].count == 1, "backward needs a scalar loss, got shape \(loss.shape)")
        for node in nodes where node.requiresGradient { node.gradientIsStale = true }
        clearGradient(of: nodes[loss.index])
        nodes[loss.index].gradient[0] = 1
        for index in stride(from: loss.index, through: 0, by: -1) {
            let node = nodes[index]
            guard node.requiresGradient, let operation = node.operation else { continue }
            clearGradient(of: node)
            for input in node.inputs { clearGradient(of: input) }
            operation.backward(node, node.inputs)
        }
        for node in nodes { clearGradient(of: node) }
    }

    /// Zeroes a node's gradient if it still holds the previous backward pass's values, just
    /// before the first contribution is added to it (while its buffer is about to be in cache).
    @inline(__always)
    private func clearGradient(of node: Node) {
        guard node.gradientIsStale else { return }
        zero(node.gradient, count: node.count)
        node.gradientIsStale = false
    }
}

/// Sets `count` scalars to zero with one `memset` (IEEE zero is all-zero bits for Float and
/// Double), so the generic graph does not zero element by element.
@inline(__always)
func zero<Scalar: TensorScalar>(_ pointer: UnsafeMutablePointer<Scalar>, count: Int) {
    _ = memset(pointer, 0, count * MemoryLayout<Scalar>.stride)
}

/// A value in a ``Graph``: an index and a shape.
public struct Variable: Equatable, Sendable {
    let index: Int
    public let shape: [Int]
    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
}
