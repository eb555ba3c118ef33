/// The layer order of Flax's MLP as the InFOM reference builds it, in one place for its three
/// forms (``MLP`` and ``EnsembleMLP`` on the graph, ``MLPInference`` forward only): each layer
/// is an affine map, then — unless it is the last and `activateFinal` is off — GELU and, where
/// the layer has one, LayerNorm (Dense → GELU → LN).
enum MLPLayerOrder {
    /// Whether layer `index` of `count` is followed by GELU (and its LayerNorm, if any).
    static func activates(_ index: Int, of count: Int, activateFinal: Bool) -> Bool {
        index < count - 1 || activateFinal
    }

    /// The graph form: `affine(i, h)` for every layer, then GELU and `norm(i, h)` (nil: none)
    /// after the layers that activate.
    static func forward<Scalar>(_ graph: Graph<Scalar>, _ x: Variable, layers count: Int, activateFinal: Bool,
                                affine: (Int, Variable) -> Variable, norm: (Int, Variable) -> Variable?) -> Variable {
        var h = x
        for i in 0..<count {
            h = affine(i, h)
            if activates(i, of: count, activateFinal: activateFinal) {
                h = graph.gelu(h)
                if let normalized = norm(i, h) { h = normalized }
            }
        }
        return h
    }
}
