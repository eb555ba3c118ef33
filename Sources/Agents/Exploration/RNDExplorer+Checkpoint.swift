import ArrayFiles
import Datasets
import Foundation
import Learning

extension RNDExplorer {
    /// Writes the explorer's whole state into the folder `path` (created atomically: written
    /// beside it under a temporary name, then renamed; a state already there is moved aside
    /// first and removed only once the new one is in place, so one of them is always on disk):
    /// every network, the three optimizers, the step counts, the reward statistics and the
    /// random generator. The replay is not saved; it is rebuilt from the dataset's episodes.
    public func save(to path: String, metadata extra: [String: String] = [:]) throws {
        let temporary = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
        let manager = FileManager.default
        try? manager.removeItem(atPath: temporary)
        try manager.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        var metadata = extra
        metadata["steps"] = "\(steps)"
        metadata["updates"] = "\(updates)"
        metadata["random_state"] = random.state.map(String.init).joined(separator: " ")
        metadata["intrinsic_reward_statistics"] = String(decoding: try JSONEncoder().encode(intrinsicRewardStatistics), as: UTF8.self)
        metadata["settings"] = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try ParameterSet.save(parameters, to: "\(temporary)/parameters.safetensors", metadata: metadata)
        try actorOptimizer.save(to: "\(temporary)/adam-actor.safetensors")
        try criticOptimizer.save(to: "\(temporary)/adam-critic.safetensors")
        try predictorOptimizer.save(to: "\(temporary)/adam-predictor.safetensors")
        let previous = "\(path).partial-previous-\(ProcessInfo.processInfo.processIdentifier)"
        let replacing = manager.fileExists(atPath: path)
        if replacing {
            try? manager.removeItem(atPath: previous)
            try manager.moveItem(atPath: path, toPath: previous)
        }
        try manager.moveItem(atPath: temporary, toPath: path)
        if replacing { try manager.removeItem(atPath: previous) }
    }

    /// Restores a state written by ``save(to:metadata:)`` for the same sizes and settings and
    /// returns its metadata.
    @discardableResult
    public func load(from path: String) throws -> [String: String] {
        let file = try SafeTensors.read("\(path)/parameters.safetensors")
        let metadata = file.metadata
        let saved = metadata["settings"].flatMap { try? JSONDecoder().decode(RNDSettings.self, from: Data($0.utf8)) }
        guard saved == settings else {
            throw ArrayFileError.invalid(path: path, reason: "was written with other RND settings; run with the same flags or start over")
        }
        let words = (metadata["random_state"] ?? "").split(separator: " ").compactMap { UInt64($0) }
        guard let steps = metadata["steps"].flatMap(Int.init), let updates = metadata["updates"].flatMap(Int.init), words.count == 4,
              let statistics = metadata["intrinsic_reward_statistics"].flatMap({
                  try? JSONDecoder().decode(RunningMeanVariance.self, from: Data($0.utf8))
              }) else {
            throw ArrayFileError.corrupt(path: path, reason: "the explorer state's metadata is incomplete; delete the folder to start over")
        }
        try ParameterSet.load(parameters, from: file, source: path)
        try actorOptimizer.load(from: "\(path)/adam-actor.safetensors")
        try criticOptimizer.load(from: "\(path)/adam-critic.safetensors")
        try predictorOptimizer.load(from: "\(path)/adam-predictor.safetensors")
        restore(steps: steps, updates: updates, statistics: statistics, random: SeededRandom(state: words))
        return metadata
    }
}
