/// The per-family settings of OGBench's dataset generator (§7.1).
extension ManipulationFamily {
    /// This episode's probability that a cube subtask stacks the cube on another: 0 for one
    /// cube (no draw), U(0, 0.25) double, U(0.05, 0.35) triple, U(0.1, 0.5) quadruple,
    /// U(0, 0.35) octuple, 0.5 for the scene and the puzzles (no draw).
    public func drawStackProbability(_ random: inout NumpyRandomState) -> Double {
        switch self {
        case let .cube(count):
            let ranges: [Int: (Double, Double)] = [2: (0, 0.25), 3: (0.05, 0.35), 4: (0.1, 0.5), 8: (0, 0.35)]
            guard let (low, high) = ranges[count] else { return 0 }
            return random.uniform(low, high)
        case .scene, .puzzle:
            return 0.5
        }
    }

    /// How often the `noisy` collector replaces the oracle's action by a uniform random one:
    /// 0.1 for cubes and the scene, 0.2 for the puzzles.
    public var noisyRandomActionProbability: Double {
        if case .puzzle = self { return 0.2 }
        return 0.1
    }

    /// Whether collected episodes pass a health check on the first cube's path (the scene's).
    public var checksCubePath: Bool { self == .scene }

    /// OGBench's scene health check on the cube position of every row of an episode: the cube
    /// must not pass y ≥ 0.29 (off the right edge) nor y ≤ −0.3 outside the drawer's height band
    /// (0.06…0.08). Other families accept every episode.
    public func acceptsCubePath(_ positions: [SIMD3<Double>]) -> Bool {
        guard checksCubePath else { return true }
        return !positions.contains { $0.y >= 0.29 || ($0.y <= -0.3 && ($0.z < 0.06 || $0.z > 0.08)) }
    }
}
