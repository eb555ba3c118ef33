import Learning

/// The explorer's replay of finished episodes (URLB's buffer): n-step transitions drawn
/// uniformly over all (episode, start) pairs whose n-th successor exists. Episodes are stored
/// as rows of observations and actions in the dataset layout (the action of row t was taken at
/// observation t).
public final class TransitionReplay {
    public let observationSize: Int, actionSize: Int, nStep: Int
    private var observations: [Float] = []
    private var actions: [Float] = []
    /// Row ranges of the stored episodes.
    private var episodes: [Range<Int>] = []
    /// Valid transition starts, flattened: row indices t with t + nStep inside the episode.
    private var starts: [Int] = []

    public init(observationSize: Int, actionSize: Int, nStep: Int) {
        self.observationSize = observationSize
        self.actionSize = actionSize
        self.nStep = nStep
    }

    /// Number of stored transitions.
    public var count: Int { starts.count }

    /// Adds one finished episode of `rows` rows.
    public func append(observations episodeObservations: [Float], actions episodeActions: [Float], rows: Int) {
        precondition(episodeObservations.count == rows * observationSize && episodeActions.count == rows * actionSize,
                     "episode arrays do not match \(rows) rows")
        let first = episodes.last?.upperBound ?? 0
        observations.append(contentsOf: episodeObservations)
        actions.append(contentsOf: episodeActions)
        episodes.append(first..<(first + rows))
        if rows > nStep { starts.append(contentsOf: first..<(first + rows - nStep)) }
    }

    /// Fills a batch: observation t, action t and observation t + n for uniformly drawn t.
    public func sample(into observation: inout [Float], action: inout [Float], nextObservation: inout [Float],
                       batch: Int, random: inout SeededRandom) {
        precondition(!starts.isEmpty, "the replay holds no transitions yet")
        let o = observationSize, a = actionSize
        for b in 0..<batch {
            let t = starts[Int(random.next() % UInt64(starts.count))]
            for k in 0..<o {
                observation[b * o + k] = observations[t * o + k]
                nextObservation[b * o + k] = observations[(t + nStep) * o + k]
            }
            for k in 0..<a { action[b * a + k] = actions[t * a + k] }
        }
    }
}
