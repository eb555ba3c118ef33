import Foundation
import Learning

/// Where one kind of goal comes from, as the reference's `GCDataset` draws it (its
/// `{value,actor}_p_curgoal`, `_p_trajgoal`, `_p_randomgoal` and `_geom_sample` settings): the
/// transition's own state with `currentProbability`; otherwise a later state of the same
/// trajectory with probability `trajectoryProbability / (1 − currentProbability + 1e-6)` (the
/// reference's formula, 1e-6 included), else a state drawn uniformly from the dataset.
///
/// A later state is s_{t+k}, clipped to the trajectory's last transition, with k ≥ 1 geometric
/// with success probability 1 − γ (`geometric`), or uniform between t + 1 and the last
/// transition, rounded half to even as numpy rounds. The reference passes its
/// `geom_start_offset` setting into another parameter, so its geometric offsets always start at
/// 1; so do ours.
public struct GoalDistribution: Codable, Equatable, Sendable {
    public var currentProbability: Double
    public var trajectoryProbability: Double
    public var randomProbability: Double
    public var geometric: Bool

    public init(currentProbability: Double = 0, trajectoryProbability: Double = 1, randomProbability: Double = 0,
                geometric: Bool) {
        self.currentProbability = currentProbability
        self.trajectoryProbability = trajectoryProbability
        self.randomProbability = randomProbability
        self.geometric = geometric
    }

    /// Whether the three probabilities sum to 1 (the reference asserts it).
    var isNormalised: Bool { abs(currentProbability + trajectoryProbability + randomProbability - 1) < 1e-6 }

    /// The goal's transition index for transition `i`, whose trajectory ends at transition
    /// `last`, in a dataset of `count` transitions.
    func goalIndex(_ i: Int, last: Int, count: Int, discount: Double, random: inout SeededRandom) -> Int {
        let randomGoal = Int(random.next() % UInt64(count))
        let later: Int
        if geometric {
            // Inverse-CDF geometric draw on {1, 2, …}: ⌈log(1 − u) / log(1 − p)⌉ for u in [0, 1).
            let u: Double = random.uniform(0, 1)
            let k = (Foundation.log1p(-u) / Foundation.log1p(-(1 - discount))).rounded(.up)
            let offset = k.isFinite ? Int(min(max(k, 1), Double(count))) : count
            later = min(i + offset, last)
        } else {
            let d: Double = random.uniform(0, 1)
            later = Int((Double(min(i + 1, last)) * d + Double(last) * (1 - d)).rounded(.toNearestOrEven))
        }
        let trajectory: Double = random.uniform(0, 1), current: Double = random.uniform(0, 1)
        let goal = trajectory < trajectoryProbability / (1 - currentProbability + 1e-6) ? later : randomGoal
        return current < currentProbability ? i : goal
    }
}

/// The goals a goal-conditioned agent's batches carry: value goals for its critic and actor goals
/// for its policy loss (the reference's `value_goals` and `actor_goals`), with the discount of
/// the geometric draws.
public struct GoalSampling: Codable, Equatable, Sendable {
    public var value: GoalDistribution
    public var actor: GoalDistribution
    public var discount: Double

    /// The reference's CRL and TD InfoNCE defaults: value goals geometric future states, actor
    /// goals uniform future states, both always from the same trajectory.
    public init(value: GoalDistribution = GoalDistribution(geometric: true),
                actor: GoalDistribution = GoalDistribution(geometric: false), discount: Double = 0.99) {
        self.value = value
        self.actor = actor
        self.discount = discount
    }
}
