import RealModule

/// A diagonal Gaussian policy head on top of a feature trunk, as the reference's `Actor`:
/// mean = Dense(features) (optionally tanh-squashed), and log σ either a constant 0
/// (`const_std`, σ = 1) or a Dense output clipped to [−5, 2]. The mean head's kernel uses
/// `variance_scaling(meanScale)` (0.01 in InFOM). Parameters `<name>/mean_net/…` and
/// `<name>/log_std_net/…`.
public struct GaussianHead<Scalar: TensorScalar> {
    public let mean: Dense<Scalar>
    /// nil for a constant σ = 1.
    public let logStd: Dense<Scalar>?
    public let tanhMean: Bool
    public static var logStdRange: ClosedRange<Scalar> { -5...2 }

    public init(name: ParameterPath, inputSize: Int, actionSize: Int, meanScale: Double = 0.01, constantStd: Bool = true,
                tanhMean: Bool = false, random: inout SeededRandom) {
        mean = Dense(name: name / "mean_net", inputSize: inputSize, outputSize: actionSize, scale: meanScale,
                     random: &random)
        logStd = constantStd ? nil : Dense(name: name / "log_std_net", inputSize: inputSize, outputSize: actionSize,
                                           random: &random)
        self.tanhMean = tanhMean
    }

    /// The mean [..., d_a] (the mode, the action at temperature 0) and log σ (nil when σ ≡ 1).
    public func callAsFunction(_ graph: Graph<Scalar>, _ features: Variable) -> (mean: Variable, logStd: Variable?) {
        let raw = mean(graph, features)
        let logStd = logStd.map {
            graph.clip($0(graph, features), low: Self.logStdRange.lowerBound, high: Self.logStdRange.upperBound)
        }
        return (tanhMean ? graph.tanh(raw) : raw, logStd)
    }

    /// log N(a; μ, diag σ²) = Σ_i [−½((a_i − μ_i)/σ_i)² − log σ_i − ½ log 2π] over the last axis.
    public func logProbability(_ graph: Graph<Scalar>, mean: Variable, logStd: Variable?, actions: Variable) -> Variable {
        var z = graph.subtract(actions, mean)
        if let logStd { z = graph.multiply(z, graph.exp(graph.negate(logStd))) }
        var perDimension = graph.scale(graph.square(z), by: -0.5)
        if let logStd { perDimension = graph.subtract(perDimension, logStd) }
        let total = graph.sum(perDimension, axes: [-1])
        let constant = graph.constant(-Scalar(actions.shape.last!) / 2 * Scalar.log(2 * Scalar.pi), shape: [])
        return graph.add(total, constant)
    }

    public var parameters: [Parameter<Scalar>] { mean.parameters + (logStd?.parameters ?? []) }
}
