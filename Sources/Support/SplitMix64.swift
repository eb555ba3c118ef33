/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit state advanced by the golden-ratio gamma
/// and a mixing finaliser. Seeds the project's generators (``SeededRandom``'s xoshiro256**
/// state) and derives each collected episode's seeds from the collection's.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64

    public init(state: UInt64) { self.state = state }

    /// Advances the state and returns its mix.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
