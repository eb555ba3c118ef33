/// a + b, a − b, a · b or a / b with numpy broadcasting (the node's `access` says how each input's
/// elements line up with the output's).
struct ElementwiseOperation<Scalar: TensorScalar>: GraphOperation {
    enum Kind { case add, subtract, multiply, divide }
    let kind: Kind

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let a = inputs[0].value, b = inputs[1].value, access = (node.access[0], node.access[1]), out = node.value
        switch kind {
        case .add: Self.combine(a, b, access, into: out, count: node.count, +)
        case .subtract: Self.combine(a, b, access, into: out, count: node.count, -)
        case .multiply: Self.combine(a, b, access, into: out, count: node.count, *)
        case .divide: Self.combine(a, b, access, into: out, count: node.count, /)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ node: Graph<Scalar>.Node, _ inputs: [Graph<Scalar>.Node]) {
        let a = inputs[0], b = inputs[1], g = node.gradient
        if kind == .add || kind == .subtract, Self.isSameOrSuffix(node.access) {
            let sign: Scalar = kind == .add ? 1 : -1
            if a.requiresGradient { for i in 0..<node.count { a.gradient[i] += g[i] } }
            if b.requiresGradient {
                let width = b.count
                for r in 0..<(node.count / width) {
                    let row = g + r * width
                    for j in 0..<width { b.gradient[j] += sign * row[j] }
                }
            }
            return
        }
        let ia = node.access[0], ib = node.access[1]
        let wantA = a.requiresGradient, wantB = b.requiresGradient
        for i in 0..<node.count {
            let ja = ia.index(i), jb = ib.index(i)
            switch kind {
            case .add:
                if wantA { a.gradient[ja] += g[i] }
                if wantB { b.gradient[jb] += g[i] }
            case .subtract:
                if wantA { a.gradient[ja] += g[i] }
                if wantB { b.gradient[jb] -= g[i] }
            case .multiply:
                if wantA { a.gradient[ja] += g[i] * b.value[jb] }
                if wantB { b.gradient[jb] += g[i] * a.value[ja] }
            case .divide:
                // d(a/b)/da = 1/b, d(a/b)/db = −(a/b)/b.
                if wantA { a.gradient[ja] += g[i] / b.value[jb] }
                if wantB { b.gradient[jb] -= g[i] * node.value[i] / b.value[jb] }
            }
        }
    }

    /// out[i] = f(a, b) at output element i under numpy broadcasting; called with an operator
    /// literal so that each loop inlines it and vectorizes.
    @inline(__always)
    static func combine(_ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ access: (BroadcastAccess, BroadcastAccess),
                        into out: UnsafeMutablePointer<Scalar>, count: Int, _ f: (Scalar, Scalar) -> Scalar) {
        switch access {
        case (.same, .same):
            for i in 0..<count { out[i] = f(a[i], b[i]) }
        case let (.same, .suffix(width)):
            for r in 0..<(count / width) {
                let row = a + r * width, o = out + r * width
                for j in 0..<width { o[j] = f(row[j], b[j]) }
            }
        case let (ia, ib):
            for i in 0..<count { out[i] = f(a[ia.index(i)], b[ib.index(i)]) }
        }
    }

    /// Whether the left input matches the output and the right one repeats as a suffix (or matches).
    static func isSameOrSuffix(_ access: [BroadcastAccess]) -> Bool {
        guard case .same = access[0] else { return false }
        switch access[1] {
        case .same, .suffix: return true
        case .mapped: return false
        }
    }
}
