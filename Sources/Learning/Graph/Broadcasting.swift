/// How an input of a broadcasting operation is read for each output element.
enum BroadcastAccess {
    /// Same shape as the output: element i.
    case same
    /// The input's shape is a suffix of the output's: element i mod count.
    case suffix(count: Int)
    /// Any other numpy broadcast: element map[i].
    case mapped([Int])

    /// The input element for output element `i`.
    @inline(__always)
    func index(_ i: Int) -> Int {
        switch self {
        case .same: return i
        case let .suffix(count): return i % count
        case let .mapped(map): return map[i]
        }
    }
}

enum Broadcasting {
    /// The numpy broadcast of two shapes, or nil if they are incompatible.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var out: [Int] = []
        for (x, y) in zip(pa, pb) {
            guard x == y || x == 1 || y == 1 else { return nil }
            out.append(max(x, y))
        }
        return out
    }

    /// How an input of `shape` is read for each element of `output`.
    static func access(of shape: [Int], into output: [Int]) -> BroadcastAccess {
        if shape == output { return .same }
        let count = shape.reduce(1, *)
        if shape.count <= output.count, Array(output.suffix(shape.count)) == shape { return .suffix(count: count) }
        let padded = Array(repeating: 1, count: output.count - shape.count) + shape
        var strides = Array(repeating: 0, count: output.count)
        var step = 1
        for axis in (0..<output.count).reversed() {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        return .mapped(offsets(walking: output, strides: strides))
    }

    /// For a reduction of `shape` over `axes`: the output index of every input element.
    static func reductionMap(_ shape: [Int], axes: Set<Int>) -> [Int] {
        let kept = shape.indices.filter { !axes.contains($0) }
        var strides = Array(repeating: 0, count: shape.count)
        var step = 1
        for axis in kept.reversed() {
            strides[axis] = step
            step *= shape[axis]
        }
        return offsets(walking: shape, strides: strides)
    }

    /// For every element of `shape` in row-major order, the sum of its indices times `strides`.
    static func offsets(walking shape: [Int], strides: [Int]) -> [Int] {
        let total = shape.reduce(1, *)
        var map = [Int](repeating: 0, count: total)
        var index = [Int](repeating: 0, count: shape.count)
        for i in 0..<total {
            var flat = 0
            for axis in 0..<shape.count { flat += index[axis] * strides[axis] }
            map[i] = flat
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return map
    }
}
