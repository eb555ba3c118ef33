import Foundation

/// The files of a training folder (`infom train --out DIR`): where each lives and how it is read,
/// shared by the trainer that writes them and by ``TrainedPolicy`` that loads them.
struct TrainingFolder {
    /// What `checkpoint/state.json` holds: the step of the latest checkpoint and the generators.
    struct CheckpointState: Codable {
        var step: Int
        var agentRandom: [UInt64]
        var samplerRandom: [UInt64]
    }

    let path: String

    var agentPath: String { "\(path)/agent.json" }
    var planPath: String { "\(path)/plan.json" }
    var normalizerPath: String { "\(path)/normalizer.json" }
    var checkpoint: String { "\(path)/checkpoint" }
    var statePath: String { "\(checkpoint)/state.json" }

    /// The parameters (`parameters`) or optimizer state (`optimizer`) of the checkpoint at `step`.
    func tensorsPath(_ kind: String, step: Int) -> String { "\(checkpoint)/\(kind)-\(step).safetensors" }

    /// Decodes the JSON file at `file`, with an error that names the fix.
    func read<T: Decodable>(_ type: T.Type, _ file: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw TrainingError.io(path: file, reason: "missing; pass the --out folder of a `infom train` run that has saved a checkpoint")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw TrainingError.io(path: file, reason: "is not valid (\(error)); the training folder is damaged")
        }
    }
}
