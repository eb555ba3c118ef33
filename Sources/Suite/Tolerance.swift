import Foundation

/// dm_control's `rewards.tolerance`: 1 inside `bounds`, falling off with a sigmoid over `margin`.
///
/// Computed in float64 in dm_control's operation order, so rewards match it to the last bit
/// (up to libm's and numpy's `exp` rounding differences).
public func tolerance(_ x: Double, bounds: (lower: Double, upper: Double), margin: Double = 0,
                      sigmoid: Sigmoid = .gaussian, valueAtMargin: Double = 0.1) -> Double {
    precondition(bounds.lower <= bounds.upper, "tolerance: lower bound must not exceed upper bound")
    precondition(margin >= 0, "tolerance: margin must be non-negative")
    let inBounds = bounds.lower <= x && x <= bounds.upper
    if inBounds { return 1 }
    if margin == 0 { return 0 }
    let d = x < bounds.lower ? (bounds.lower - x) / margin : (x - bounds.upper) / margin
    return sigmoid.value(d, valueAt1: valueAtMargin)
}

/// The fall-off shapes of ``tolerance(_:bounds:margin:sigmoid:valueAtMargin:)``; each equals
/// `valueAt1` at distance 1 (one margin) from the bounds.
public enum Sigmoid: Sendable {
    case gaussian, hyperbolic, longTail, reciprocal, cosine, linear, quadratic, tanhSquared

    /// The sigmoid at distance `d` (in margins), in dm_control's operation order.
    public func value(_ d: Double, valueAt1 v: Double) -> Double {
        switch self {
        case .gaussian:
            let scale = (-2 * log(v)).squareRoot()
            return exp(-0.5 * (d * scale) * (d * scale))
        case .hyperbolic:
            let scale = acosh(1 / v)
            return 1 / cosh(d * scale)
        case .longTail:
            let scale = (1 / v - 1).squareRoot()
            return 1 / ((d * scale) * (d * scale) + 1)
        case .reciprocal:
            let scale = 1 / v - 1
            return 1 / (abs(d) * scale + 1)
        case .cosine:
            let scale = acos(2 * v - 1) / Double.pi
            let s = d * scale
            return abs(s) < 1 ? (1 + cos(Double.pi * s)) / 2 : 0
        case .linear:
            let s = d * (1 - v)
            return abs(s) < 1 ? 1 - s : 0
        case .quadratic:
            let s = d * (1 - v).squareRoot()
            return abs(s) < 1 ? 1 - s * s : 0
        case .tanhSquared:
            let scale = atanh((1 - v).squareRoot())
            let t = tanh(d * scale)
            return 1 - t * t
        }
    }
}
