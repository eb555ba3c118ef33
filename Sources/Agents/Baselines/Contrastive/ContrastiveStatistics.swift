/// The statistics the reference logs of a contrastive critic's logits f [E, B, B] (member,
/// state–action i, goal j), where the positive goal of row i is column i: the member-mean
/// logits' categorical accuracy (argmax of a row is its own column), mean positive, negative
/// and overall logit, the range of the values v, and a binary accuracy whose definition differs
/// between the two agents.
struct ContrastiveStatistics {
    /// CRL + IS: v = exp f; a row is right when its positive logit beats its left neighbour's
    /// column (`diag(f) > diag(roll(f, 1))`).
    static func crl(_ logits: UnsafeBufferPointer<Float>, members: Int, batch: Int) -> [String: Double] {
        let mean = memberMean(logits, members: members, batch: batch)
        var info = common(mean, batch: batch)
        let b = batch
        info["critic/binary_accuracy"] = Double((0..<b).filter { mean[$0 * b + $0] > mean[$0 * b + ($0 + b - 1) % b] }.count) / Double(b)
        info.merge(range(logits.lazy.map { Float.exp($0) }), uniquingKeysWith: { $1 })
        return info
    }

    /// TD InfoNCE + IS: v = f itself; the share of entries whose sign says whether they are
    /// positive (`(f > 0) == I`).
    static func tdInfoNCE(_ logits: UnsafeBufferPointer<Float>, members: Int, batch: Int) -> [String: Double] {
        let mean = memberMean(logits, members: members, batch: batch)
        var info = common(mean, batch: batch)
        let b = batch
        var right = 0
        for i in 0..<b { for j in 0..<b where (mean[i * b + j] > 0) == (i == j) { right += 1 } }
        info["critic/binary_accuracy"] = Double(right) / Double(b * b)
        info.merge(range(logits), uniquingKeysWith: { $1 })
        return info
    }

    private static func memberMean(_ logits: UnsafeBufferPointer<Float>, members: Int, batch: Int) -> [Float] {
        let n = batch * batch
        return (0..<n).map { k in (0..<members).reduce(Float(0)) { $0 + logits[$1 * n + k] } / Float(members) }
    }

    private static func common(_ mean: [Float], batch b: Int) -> [String: Double] {
        var correct = 0, positive = 0.0, negative = 0.0
        for i in 0..<b {
            let row = mean[(i * b)..<((i + 1) * b)]
            // argmax takes the first of equal maxima, as jnp.argmax does.
            if row.indices.max(by: { row[$0] < row[$1] || (row[$0] == row[$1] && $0 > $1) }) == i * b + i { correct += 1 }
            for j in 0..<b {
                if i == j { positive += Double(mean[i * b + j]) } else { negative += Double(mean[i * b + j]) }
            }
        }
        return ["critic/categorical_accuracy": Double(correct) / Double(b),
                "critic/logits_pos": positive / Double(b),
                "critic/logits_neg": negative / Double(b * (b - 1)),
                "critic/logits": (positive + negative) / Double(b * b)]
    }

    private static func range<S: Sequence<Float>>(_ values: S) -> [String: Double] {
        var sum = 0.0, count = 0, low = Float.infinity, high = -Float.infinity
        for v in values {
            sum += Double(v)
            count += 1
            low = min(low, v)
            high = max(high, v)
        }
        return ["critic/v_mean": sum / Double(count), "critic/v_max": Double(high), "critic/v_min": Double(low)]
    }
}
