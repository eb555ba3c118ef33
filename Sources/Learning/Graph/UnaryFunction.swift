import CVectorMath
import RealModule

/// Elementwise functions, with derivatives in terms of the input x and the output y.
enum UnaryFunction {
    case square, exp, log, tanh, relu, negate, atanh, sqrt

    /// y = f(x) over n elements; one loop per function, so each loop vectorizes where it can.
    func apply<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
        switch self {
        case .square: for i in 0..<n { y[i] = x[i] * x[i] }
        case .negate: for i in 0..<n { y[i] = -x[i] }
        case .relu: Self.rectify(x, y, n)
        default: for i in 0..<n { y[i] = value(x[i]) }
        }
    }

    /// dx += dy · f′(x) over n elements.
    func accumulateGradient<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ dy: UnsafePointer<S>,
                                             _ dx: UnsafeMutablePointer<S>, _ n: Int) {
        switch self {
        case .square: for i in 0..<n { dx[i] += dy[i] * 2 * x[i] }
        case .negate: for i in 0..<n { dx[i] -= dy[i] }
        case .relu: Self.addRectifiedGradient(x, dy, dx, n)
        case .exp: for i in 0..<n { dx[i] += dy[i] * y[i] }
        case .tanh: for i in 0..<n { dx[i] += dy[i] * (1 - y[i] * y[i]) }
        case .log: for i in 0..<n { dx[i] += dy[i] / x[i] }
        case .atanh: for i in 0..<n { dx[i] += dy[i] / (1 - x[i] * x[i]) }
        case .sqrt: for i in 0..<n { dx[i] += dy[i] / (2 * y[i]) }
        }
    }

    /// y = ReLU(x) = (x > 0 ? x : 0) over n elements (Float: `infom_copy_rectified`); x and y
    /// do not overlap.
    @inline(__always)
    static func rectify<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
        if S.self == Float.self { return infom_copy_rectified(floats(y), floats(x), n) }
        for i in 0..<n { y[i] = x[i] > 0 ? x[i] : 0 }
    }

    /// dx += dy where x > 0 (ReLU's gradient) over n elements (Float: `infom_add_where_positive`);
    /// dx overlaps neither x nor dy.
    @inline(__always)
    static func addRectifiedGradient<S: TensorScalar>(_ x: UnsafePointer<S>, _ dy: UnsafePointer<S>,
                                                      _ dx: UnsafeMutablePointer<S>, _ n: Int) {
        if S.self == Float.self { return infom_add_where_positive(floats(dx), floats(dy), floats(x), n) }
        for i in 0..<n { dx[i] += x[i] > 0 ? dy[i] : 0 }
    }

    @inline(__always)
    func value<S: TensorScalar>(_ x: S) -> S {
        switch self {
        case .square: return x * x
        case .exp: return S.exp(x)
        case .log: return S.log(x)
        case .tanh: return S.tanh(x)
        case .relu: return x > 0 ? x : 0
        case .negate: return -x
        case .atanh: return S.atanh(x)
        case .sqrt: return S.sqrt(x)
        }
    }
}

/// Constants of the tanh form of GELU: sqrt(2/π) and 0.044715.
enum GELU<S: TensorScalar> {
    static var c: S { S.sqrt(2 / S.pi) }
    static var k: S { S(0.044715) }
}
