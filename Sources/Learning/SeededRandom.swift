import RealModule
import Support

/// A seeded, reproducible random generator (xoshiro256** seeded through SplitMix64) with
/// uniform and normal draws, for initialisation and sampling.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var seeder = SplitMix64(state: seed)
        s = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
    }

    /// Continues a generator from a saved ``state``.
    public init(state: [UInt64]) {
        precondition(state.count == 4, "a generator state has 4 words")
        s = (state[0], state[1], state[2], state[3])
    }

    /// The four words of the generator's state, to save and resume it.
    public var state: [UInt64] { [s.0, s.1, s.2, s.3] }

    public mutating func next() -> UInt64 {
        let result = (s.1 &* 5).rotatedLeft(by: 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3.rotatedLeft(by: 45)
        return result
    }

    /// Uniform in [low, high).
    public mutating func uniform<S: TensorScalar>(_ low: S, _ high: S) -> S {
        low + (high - low) * S(Double(next() >> 11) / Double(UInt64(1) << 53))
    }

    /// Normal with mean 0 and standard deviation 1 (Box–Muller).
    public mutating func normal<S: TensorScalar>() -> S {
        var u = 0.0
        repeat { u = Double(next() >> 11) / Double(UInt64(1) << 53) } while u == 0
        let v = Double(next() >> 11) / Double(UInt64(1) << 53)
        return S((-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v))
    }
}

extension SeededRandom {
    /// Fills `buffer` with standard normal draws, using both values of each Box–Muller pair
    /// (half the transcendental calls of ``normal()``, for the many draws of a training step).
    public mutating func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>) {
        var i = 0
        while i < buffer.count {
            var u = 0.0
            repeat { u = Double(next() >> 11) / Double(UInt64(1) << 53) } while u == 0
            let v = Double(next() >> 11) / Double(UInt64(1) << 53)
            let radius = (-2 * Double.log(u)).squareRoot(), angle = 2 * Double.pi * v
            buffer[i] = Float(radius * Double.cos(angle))
            if i + 1 < buffer.count { buffer[i + 1] = Float(radius * Double.sin(angle)) }
            i += 2
        }
    }

    /// Fills `array` with standard normal draws (see ``fillNormal(_:)-(UnsafeMutableBufferPointer<Float>)``).
    public mutating func fillNormal(_ array: inout [Float]) {
        array.withUnsafeMutableBufferPointer { fillNormal($0) }
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
