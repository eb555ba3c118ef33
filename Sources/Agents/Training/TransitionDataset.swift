import Datasets
import Foundation
import Learning

/// The transitions of a dataset file in our (OGBench's flat) layout, ready for training:
/// every row that is not an episode's last gives (s_t, a_t, s_{t+1}), a_{t+1} is the next
/// transition's action, actions are clipped to ±(1 − 1e-5), and observations are normalised
/// with this file's own statistics (spec infom.md §5).
public final class TransitionDataset {
    public let path: String
    public let count: Int
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

    /// Loads `path`. With `requireRewards` the file must have `rewards` (from `infom dataset relabel`).
    public init(path: String, requireRewards: Bool, normalization: ObservationNormalizer.Kind = .normal) throws {
        self.path = path
        let archive = try NPZArchive(path: path)
        for name in [DatasetKeys.observations, DatasetKeys.actions, DatasetKeys.terminals] where !archive.names.contains(name) {
            throw DatasetError.missingArray(path: path, name: name, available: archive.names)
        }
        let observationShape = try archive.header(DatasetKeys.observations).shape
        guard observationShape.count == 2 else {
            throw DatasetError.corrupt(path: path, reason:
                "observations have shape \(observationShape); training reads state observations [N, D] (pixel datasets are not supported by infom train yet)")
        }
        let rows = observationShape[0], ds = observationShape[1]
        let actionShape = try archive.header(DatasetKeys.actions).shape
        guard actionShape.count == 2, actionShape[0] == rows else {
            throw DatasetError.corrupt(path: path, reason: "actions have shape \(actionShape) for \(rows) observation rows")
        }
        let da = actionShape[1]
        if requireRewards, !archive.names.contains(DatasetKeys.rewards) {
            throw TrainingError.io(path: path, reason:
                "has no rewards; fine-tuning needs a reward-labelled file: run `infom dataset relabel --task TASK \(path) OUT.npz`")
        }
        let rawObservations = try archive.array(DatasetKeys.observations, as: Float.self)
        let rawActions = try archive.array(DatasetKeys.actions, as: Float.self)
        let terminals = try archive.array(DatasetKeys.terminals, as: Float.self)
        let rawRewards = archive.names.contains(DatasetKeys.rewards) ? try archive.array(DatasetKeys.rewards, as: Float.self) : []
        let rawMasks = archive.names.contains(DatasetKeys.masks) ? try archive.array(DatasetKeys.masks, as: Float.self) : []
        guard terminals.count == rows, rawRewards.isEmpty || rawRewards.count == rows, rawMasks.isEmpty || rawMasks.count == rows else {
            throw DatasetError.corrupt(path: path, reason: "terminals, rewards or masks do not have one value per row (\(rows))")
        }
        let starts = (0..<max(rows - 1, 0)).filter { terminals[$0] == 0 }
        guard !starts.isEmpty else {
            throw DatasetError.corrupt(path: path, reason: "holds no transitions (every row ends an episode)")
        }
        guard rawObservations.allSatisfy({ $0.isFinite }), rawActions.allSatisfy({ $0.isFinite }) else {
            throw DatasetError.corrupt(path: path, reason: "observations or actions contain NaN or infinite values")
        }
        var observations = [Float](), nextObservations = [Float](), actions = [Float]()
        observations.reserveCapacity(starts.count * ds)
        nextObservations.reserveCapacity(starts.count * ds)
        actions.reserveCapacity(starts.count * da)
        for t in starts {
            observations.append(contentsOf: rawObservations[(t * ds)..<((t + 1) * ds)])
            nextObservations.append(contentsOf: rawObservations[((t + 1) * ds)..<((t + 2) * ds)])
            actions.append(contentsOf: rawActions[(t * da)..<((t + 1) * da)].map { min(max($0, -1 + 1e-5), 1 - 1e-5) })
        }
        let normalizer = ObservationNormalizer(kind: normalization, observations: observations, width: ds)
        normalizer.normalize(&observations)
        normalizer.normalize(&nextObservations)
        var low = [Float](repeating: .infinity, count: ds), high = [Float](repeating: -.infinity, count: ds)
        for (i, x) in observations.enumerated() {
            low[i % ds] = min(low[i % ds], x)
            high[i % ds] = max(high[i % ds], x)
        }
        self.count = starts.count
        observationSize = ds
        actionSize = da
        self.normalizer = normalizer
        observationMin = low
        observationMax = high
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

    /// Fills `batch` with transitions drawn uniformly with replacement.
    public func sample(into batch: inout TransitionBatch, random: inout SeededRandom) {
        precondition(batch.observationSize == observationSize && batch.actionSize == actionSize,
                     "batch of [\(batch.observationSize), \(batch.actionSize)] for a dataset of [\(observationSize), \(actionSize)]")
        let ds = observationSize, da = actionSize
        for b in 0..<batch.size {
            let i = Int(random.next() % UInt64(count))
            let next = min(i + 1, count - 1)
            for j in 0..<ds {
                batch.observations[b * ds + j] = observations[i * ds + j]
                batch.nextObservations[b * ds + j] = nextObservations[i * ds + j]
            }
            for j in 0..<da {
                batch.actions[b * da + j] = actions[i * da + j]
                batch.nextActions[b * da + j] = actions[next * da + j]
            }
            batch.rewards[b] = rewards.isEmpty ? 0 : rewards[i]
            batch.masks[b] = masks.isEmpty ? 1 : masks[i]
        }
    }
}
