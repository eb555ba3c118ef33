import ArrayFiles
import Datasets
import Foundation
import Learning

/// The transitions of a dataset file in our (OGBench's flat) layout, ready for training:
/// every row that is not an episode's last gives (s_t, a_t, s_{t+1}), a_{t+1} is the next
/// transition's action, actions are clipped to ±(1 − 1e-5), and state observations are
/// normalised with this file's own statistics (spec infom.md §5). Pixel files (uint8
/// [N, H, W, 3]) give frame-stacked images as floats 0…255, unnormalised, with random-crop
/// augmentation at sampling (§5.4).
public final class TransitionDataset {
    public let path: String
    public let count: Int
    /// Values per (stacked) observation: d_s, or H·W·3k for pixels.
    public let observationSize: Int
    public let actionSize: Int
    public let normalizer: ObservationNormalizer
    /// Per-dimension min and max of the normalised observations: the flow goals' clip bounds.
    public let observationMin: [Float]
    public let observationMax: [Float]
    public let hasRewards: Bool
    private let observations: [Float]
    private let nextObservations: [Float]
    private let actions: [Float]
    private let rewards: [Float]
    private let masks: [Float]
    /// For each transition, the index of its trajectory's last transition (goal sampling).
    private let trajectoryEnds: [Int32]
    private let frames: FrameTransitions?

    /// [H, W, 3k] of a pixel dataset's stacked observations; nil for states.
    public var imageShape: [Int]? { frames.map { [$0.height, $0.width, 3 * $0.frameStack] } }

    /// Loads `path` (checked by ``DatasetFile``). With `requireRewards` the file must have
    /// `rewards` (from `infom dataset relabel`). Pixel files stack `frameStack` frames per
    /// observation and are never normalised.
    public convenience init(path: String, requireRewards: Bool, normalization: ObservationNormalizer.Kind = .normal,
                            frameStack: Int = 1) throws {
        try self.init(file: DatasetFile(path: path), requireRewards: requireRewards, normalization: normalization,
                      frameStack: frameStack)
    }

    /// The transitions of a checked dataset file.
    public init(file: DatasetFile, requireRewards: Bool, normalization: ObservationNormalizer.Kind = .normal,
                frameStack: Int = 1) throws {
        let path = file.path, archive = file.archive
        self.path = path
        let observationHeader = try archive.header(DatasetKeys.observations)
        let observationShape = observationHeader.shape
        let pixels = observationShape.count == 4
        let rows = file.rows, ds = pixels ? observationShape[1] * observationShape[2] * 3 : observationShape[1]
        let da = try file.shape(DatasetKeys.actions)[1]
        if requireRewards, !file.has(DatasetKeys.rewards) {
            throw TrainingError.io(path: path, reason:
                "has no rewards; fine-tuning needs a reward-labelled file: run `infom dataset relabel --task TASK \(path) OUT.npz`")
        }
        let rawActions = try archive.array(DatasetKeys.actions, as: Float.self)
        let terminals = try file.terminals()
        let rawRewards = file.has(DatasetKeys.rewards) ? try archive.array(DatasetKeys.rewards, as: Float.self) : []
        let rawMasks = file.has(DatasetKeys.masks) ? try archive.array(DatasetKeys.masks, as: Float.self) : []
        let starts = (0..<(rows - 1)).filter { !terminals[$0] }
        guard !starts.isEmpty else {
            throw ArrayFileError.invalid(path: path, reason: "holds no transitions (every row ends an episode); training needs episodes of at least two rows")
        }
        var actions = [Float]()
        actions.reserveCapacity(starts.count * da)
        for t in starts {
            actions.append(contentsOf: rawActions[(t * da)..<((t + 1) * da)].map { min(max($0, -1 + 1e-5), 1 - 1e-5) })
        }
        var observations = [Float](), nextObservations = [Float]()
        if pixels {
            var episodeStart = 0, firstRows = [Int](repeating: 0, count: rows)
            for t in 0..<rows {
                firstRows[t] = episodeStart
                if terminals[t] { episodeStart = t + 1 }
            }
            frames = FrameTransitions(frames: try archive.array(DatasetKeys.observations, as: UInt8.self),
                                      height: observationShape[1], width: observationShape[2], frameStack: frameStack,
                                      rows: starts, episodeStarts: starts.map { firstRows[$0] })
            normalizer = ObservationNormalizer(kind: .none, observations: [], width: 0)
            observationMin = []
            observationMax = []
            observationSize = frames!.observationSize
        } else {
            let rawObservations = try archive.array(DatasetKeys.observations, as: Float.self)
            observations.reserveCapacity(starts.count * ds)
            nextObservations.reserveCapacity(starts.count * ds)
            for t in starts {
                observations.append(contentsOf: rawObservations[(t * ds)..<((t + 1) * ds)])
                nextObservations.append(contentsOf: rawObservations[((t + 1) * ds)..<((t + 2) * ds)])
            }
            let statistics = ObservationNormalizer(kind: normalization, observations: observations, width: ds)
            statistics.normalize(&observations)
            statistics.normalize(&nextObservations)
            normalizer = statistics
            var low = [Float](repeating: .infinity, count: ds), high = [Float](repeating: -.infinity, count: ds)
            for (i, x) in observations.enumerated() {
                low[i % ds] = min(low[i % ds], x)
                high[i % ds] = max(high[i % ds], x)
            }
            observationMin = low
            observationMax = high
            observationSize = ds
            frames = nil
        }
        self.count = starts.count
        // Rows t…T−1 before a trajectory's end row T are all transitions, so the last one of
        // transition i (row t) is i + (T − 1 − t).
        var ends = [Int32](repeating: 0, count: starts.count), endRow = rows - 1
        for (i, t) in starts.enumerated().reversed() {
            if i + 1 == starts.count || starts[i + 1] != t + 1 { endRow = t + 1 }
            ends[i] = Int32(i + endRow - 1 - t)
        }
        trajectoryEnds = ends
        actionSize = da
        hasRewards = !rawRewards.isEmpty
        self.observations = observations
        self.nextObservations = nextObservations
        self.actions = actions
        rewards = rawRewards.isEmpty ? [] : starts.map { rawRewards[$0] }
        masks = rawMasks.isEmpty ? [] : starts.map { rawMasks[$0] }
    }

    /// The validation file beside `path` (`NAME-val.npz`, as `infom collect --val-episodes` writes), if any.
    public static func validationPath(for path: String) -> String? {
        guard path.hasSuffix(".npz") else { return nil }
        let candidate = String(path.dropLast(4)) + "-val.npz"
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    /// Edge padding of the random-crop augmentation: windows are offset by 0…2·pad pixels.
    static let cropPadding = 3

    /// Fills `batch` with transitions drawn uniformly with replacement. For pixels, with
    /// probability `augmentation` (one draw per batch) every sample is read through a random
    /// crop of its edge-padded images, the same window for s and s′ (spec §5.4).
    ///
    /// With `goals`, each sample also gets a value goal and an actor goal (``GoalSampling``),
    /// drawn after the sample's transition; on pixels, with a second draw of probability
    /// `augmentation` per batch, both goals of a sample are read through one crop window of their
    /// own, as the reference's `GCDataset` crops them.
    public func sample(into batch: inout TransitionBatch, random: inout SeededRandom, augmentation: Double = 0,
                       goals: GoalSampling? = nil) {
        precondition(batch.observationSize == observationSize && batch.actionSize == actionSize,
                     "batch of [\(batch.observationSize), \(batch.actionSize)] for a dataset of [\(observationSize), \(actionSize)]")
        precondition(goals == nil || batch.hasGoals, "goals need a batch with goals")
        let ds = observationSize, da = actionSize, pad = Self.cropPadding
        func draw() -> Bool { frames != nil && augmentation > 0 && Double(random.uniform(Float(0), Float(1))) < augmentation }
        func window(_ augment: Bool) -> CropWindow {
            augment ? CropWindow(pad: pad, random: &random) : CropWindow(identityWithPad: pad)
        }
        let augment = draw(), augmentGoals = goals != nil && draw()
        for b in 0..<batch.size {
            let i = Int(random.next() % UInt64(count))
            let next = min(i + 1, count - 1)
            if let frames {
                let crop = window(augment)
                batch.observations.withUnsafeMutableBufferPointer { o in
                    batch.nextObservations.withUnsafeMutableBufferPointer { n in
                        frames.write(i, slot: b, crop: crop, observations: o.baseAddress!, nextObservations: n.baseAddress!)
                    }
                }
            } else {
                for j in 0..<ds {
                    batch.observations[b * ds + j] = observations[i * ds + j]
                    batch.nextObservations[b * ds + j] = nextObservations[i * ds + j]
                }
            }
            for j in 0..<da {
                batch.actions[b * da + j] = actions[i * da + j]
                batch.nextActions[b * da + j] = actions[next * da + j]
            }
            batch.rewards[b] = rewards.isEmpty ? 0 : rewards[i]
            batch.masks[b] = masks.isEmpty ? 1 : masks[i]
            if let goals {
                let last = Int(trajectoryEnds[i])
                let valueGoal = goals.value.goalIndex(i, last: last, count: count, discount: goals.discount, random: &random)
                let actorGoal = goals.actor.goalIndex(i, last: last, count: count, discount: goals.discount, random: &random)
                batch.goalRewards[b] = valueGoal == i ? 0 : -1
                batch.goalMasks[b] = valueGoal == i ? 0 : 1
                if let frames {
                    let crop = window(augmentGoals)
                    batch.valueGoals.withUnsafeMutableBufferPointer { frames.writeObservation(valueGoal, slot: b, crop: crop, into: $0.baseAddress!) }
                    batch.actorGoals.withUnsafeMutableBufferPointer { frames.writeObservation(actorGoal, slot: b, crop: crop, into: $0.baseAddress!) }
                } else {
                    for j in 0..<ds {
                        batch.valueGoals[b * ds + j] = observations[valueGoal * ds + j]
                        batch.actorGoals[b * ds + j] = observations[actorGoal * ds + j]
                    }
                }
            }
        }
    }

    /// `count` transitions drawn uniformly with replacement, as one batch (the reference's
    /// latent inference draws batches until it has that many).
    public func sample(_ count: Int, random: inout SeededRandom) -> TransitionBatch {
        var batch = TransitionBatch(size: count, observationSize: observationSize, actionSize: actionSize)
        sample(into: &batch, random: &random)
        return batch
    }

    /// The index of transition `i`'s trajectory's last transition.
    public func trajectoryEnd(of i: Int) -> Int { Int(trajectoryEnds[i]) }
}
