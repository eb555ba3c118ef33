/// What a collection produces: which episodes of which environment, by which collector, from
/// which seed. Episodes 0..<episodes form the training file and the next `valEpisodes` the
/// `-val` file; shard I of N collects the I-th contiguous block of each.
public struct CollectionPlan: Codable, Equatable, Sendable {
    public var env: String
    public var collector: String
    public var seed: UInt32
    public var episodes: Int
    public var valEpisodes: Int
    /// "WxH camera" for pixel observations, nil for states.
    public var render: String?
    public var shardIndex: Int
    public var shardCount: Int
    public var software: String

    public init(env: String, collector: String, seed: UInt32, episodes: Int, valEpisodes: Int = 0,
                render: String? = nil, shardIndex: Int = 0, shardCount: Int = 1) {
        self.env = env
        self.collector = collector
        self.seed = seed
        self.episodes = episodes
        self.valEpisodes = valEpisodes
        self.render = render
        self.shardIndex = shardIndex
        self.shardCount = shardCount
        software = SoftwareVersion.string
    }

    /// The block of `0..<total` that this shard collects (exact for any counts: the products
    /// are taken at double width).
    func block(of total: Int) -> Range<Int> {
        func boundary(_ index: Int) -> Int { shardCount.dividingFullWidth(total.multipliedFullWidth(by: index)).quotient }
        return boundary(shardIndex)..<boundary(shardIndex + 1)
    }

    /// Global indices of this shard's training episodes.
    public var trainEpisodes: Range<Int> { block(of: episodes) }
    /// Global indices of this shard's validation episodes (they follow all training episodes).
    public var validationEpisodes: Range<Int> {
        let local = block(of: valEpisodes)
        return (episodes + local.lowerBound)..<(episodes + local.upperBound)
    }

    /// "I/N" for a sharded collection, nil otherwise.
    public var shardLabel: String? { shardCount > 1 ? "\(shardIndex)/\(shardCount)" : nil }

    /// The file of the validation split beside `path`: `NAME-val.npz`.
    public static func validationPath(for path: String) -> String {
        path.hasSuffix(".npz") ? String(path.dropLast(4)) + "-val.npz" : path + "-val"
    }
}
