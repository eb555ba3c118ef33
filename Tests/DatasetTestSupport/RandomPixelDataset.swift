import ArrayFiles
import Datasets
import Learning

/// Writes a small pixel dataset of random content: uint8 frames [rows, size, size, 3], actions in
/// (−1, 1), an episode end every `episodeLength` rows and rewards 0 on every third row, −1
/// otherwise. Enough for a pixel agent to train and evaluate on, not to learn anything.
public func writeRandomPixelDataset(to path: String, rows: Int, size: Int = 8, actionSize: Int = 5,
                                    episodeLength: Int, seed: UInt64) throws {
    var random = SeededRandom(seed: seed)
    let writer = try NPZWriter(path: path)
    try writer.write("observations", (0..<(rows * size * size * 3)).map { _ in UInt8(random.next() % 256) },
                     shape: [rows, size, size, 3])
    try writer.write("actions", (0..<(rows * actionSize)).map { _ in random.uniform(Float(-1), 1) }, shape: [rows, actionSize])
    try writer.write("terminals", (0..<rows).map { $0 % episodeLength == episodeLength - 1 ? 1 : 0 } as [Float], shape: [rows])
    try writer.write("rewards", (0..<rows).map { $0 % 3 == 0 ? 0 : -1 } as [Float], shape: [rows])
    try writer.finish()
}
