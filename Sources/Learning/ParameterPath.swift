/// Where a parameter sits in its model, as the reference's Flax parameter tree names it: module
/// names from the outermost to the leaf, for example `critic` / `Dense_0` / `kernel`. Its
/// ``description`` (`critic/Dense_0/kernel`) is the parameter's checkpoint key.
///
/// Layers take the path of their module and append their own components, so a checkpoint key
/// is built from typed pieces, never by pasting strings; a component can be neither empty nor
/// contain `/`, so two different paths never share a key.
public struct ParameterPath: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The module names, outermost first.
    public let components: [String]

    /// A path of `components`, each non-empty and without `/`.
    public init(_ components: [String]) {
        precondition(!components.isEmpty && components.allSatisfy { !$0.isEmpty && !$0.contains("/") },
                     "a parameter path needs non-empty components without '/', got \(components)")
        self.components = components
    }

    /// A path written as its key, for example `"critic"` or `"actor/actor_net"`.
    public init(stringLiteral value: String) {
        self.init(value.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    /// The path one module deeper.
    public static func / (path: ParameterPath, component: String) -> ParameterPath {
        ParameterPath(path.components + [component])
    }

    /// The path to the `index`-th submodule of a kind, named as Flax names unnamed submodules
    /// (`Dense_0`, `LayerNorm_1`, `Conv_0`).
    public func appending(_ kind: String, index: Int) -> ParameterPath { self / "\(kind)_\(index)" }

    /// The checkpoint key: the components joined by `/`.
    public var description: String { components.joined(separator: "/") }
}
