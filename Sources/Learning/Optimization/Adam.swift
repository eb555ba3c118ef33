import CVectorMath
import RealModule

/// Adam as optax computes it, with one global step count for all parameters:
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; c ← c + 1;
/// Δ = −lr · (m/(1−β1^c)) / (sqrt(v/(1−β2^c)) + ε).
/// Parameters with zero gradient and zero moments stay exactly unchanged.
public final class Adam<Scalar: TensorScalar> {
    public let parameters: [Parameter<Scalar>]
    public var learningRate: Scalar
    public let beta1: Scalar, beta2: Scalar, epsilon: Scalar
    /// The global step count c.
    public private(set) var step = 0
    /// First and second moments, one buffer per parameter, allocated once.
    public private(set) var firstMoments: [[Scalar]]
    public private(set) var secondMoments: [[Scalar]]
    /// Per parameter: its moments are all zero (no non-zero gradient has reached it yet).
    private var atRest: [Bool]

    public init(parameters: [Parameter<Scalar>], learningRate: Scalar = 3e-4, beta1: Scalar = 0.9,
                beta2: Scalar = 0.999, epsilon: Scalar = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { Array(repeating: 0, count: $0.count) }
        secondMoments = parameters.map { Array(repeating: 0, count: $0.count) }
        atRest = Array(repeating: true, count: parameters.count)
    }

    /// Applies one update from the parameters' current gradients. A parameter whose moments are
    /// still zero and whose gradient is zero (one no loss has reached yet) is skipped: Adam would
    /// leave its values and moments exactly as they are. Large parameters are split over the
    /// cores; Float runs the vectorised C kernel (`infom_adam_update`), which rounds as below.
    @_specialize(where Scalar == Float)
    public func update() {
        step += 1
        let correction1 = 1 - Scalar.pow(beta1, step), correction2 = 1 - Scalar.pow(beta2, step)
        let beta1 = beta1, beta2 = beta2, learningRate = learningRate, epsilon = epsilon
        for (k, parameter) in parameters.enumerated() {
            let g = parameter.gradient, w = parameter.value
            if atRest[k] {
                if Self.allZero(g, count: parameter.count) { continue }
                atRest[k] = false
            }
            firstMoments[k].withUnsafeMutableBufferPointer { m in
                secondMoments[k].withUnsafeMutableBufferPointer { v in
                    let (m, v) = (m.baseAddress!, v.baseAddress!)
                    ParallelParts.forEach(parameter.count, costPerItem: 1) { range in
                        if Scalar.self == Float.self {
                            let i = range.lowerBound
                            infom_adam_update(
                                floats(w + i), floats(g + i), floats(m + i), floats(v + i), range.count,
                                beta1 as! Float, beta2 as! Float, learningRate as! Float, epsilon as! Float,
                                correction1 as! Float, correction2 as! Float)
                            return
                        }
                        for i in range {
                            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
                            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
                            let mHat = m[i] / correction1, vHat = v[i] / correction2
                            w[i] -= learningRate * (mHat / (vHat.squareRoot() + epsilon))
                        }
                    }
                }
            }
        }
    }

    /// Whether all `count` values at `g` are zero (the vectorised `infom_all_zero` for Float).
    @inline(__always)
    private static func allZero(_ g: UnsafePointer<Scalar>, count: Int) -> Bool {
        if Scalar.self == Float.self {
            return infom_all_zero(floats(g), count) != 0
        }
        return UnsafeBufferPointer(start: g, count: count).allSatisfy { $0 == 0 }
    }

    /// Σ over parameters of the L2 norm of each one's current gradient (the reference's `grad/norm`).
    public var gradientNorm: Double {
        parameters.reduce(0) { total, parameter in
            var sum: Double = 0
            for i in 0..<parameter.count { sum += Double(parameter.gradient[i]) * Double(parameter.gradient[i]) }
            return total + sum.squareRoot()
        }
    }

    /// Restores a saved optimizer state.
    public func restore(step: Int, firstMoments: [[Scalar]], secondMoments: [[Scalar]]) {
        precondition(firstMoments.map(\.count) == parameters.map(\.count) && secondMoments.map(\.count) == parameters.map(\.count),
                     "optimizer state does not match the parameters")
        self.step = step
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        atRest = zip(firstMoments, secondMoments).map { m, v in m.allSatisfy { $0 == 0 } && v.allSatisfy { $0 == 0 } }
    }
}

/// θ̄ ← τ·θ + (1 − τ)·θ̄ for each target/online pair (Polyak averaging of target networks), large
/// parameters split over the cores.
@_specialize(where S == Float)
public func polyakUpdate<S: TensorScalar>(targets: [Parameter<S>], online: [Parameter<S>], tau: S) {
    precondition(targets.map(\.count) == online.map(\.count), "targets and online parameters differ in shape")
    let keep = 1 - tau
    for (target, source) in zip(targets, online) {
        let t = target.value, s = source.value
        ParallelParts.forEach(target.count, costPerItem: 1) { range in
            for i in range { t[i] = tau * s[i] + keep * t[i] }
        }
    }
}
