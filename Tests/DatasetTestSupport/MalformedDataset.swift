import Datasets
import Foundation

/// Small dataset files that break the dataset layout in one way each, with the words the
/// refusal must contain: the test suite's generator of bad inputs (no Python needed). Each
/// starts from a valid cheetah-shaped file of two 4-row episodes (17 observation values, 6
/// actions, 18 physics values, rewards and masks of cheetah_run).
public enum MalformedDataset: String, CaseIterable {
    case unequalRows, nanTerminals, fractionalTerminal, noEpisodeEnd, nanRewards, nanMasks, infiniteObservation
    case float64Observations, rank3Observations, zeroRows, hostileEntryName, overflowingShape, scalarArray
    case missingTerminals, entryPastTheEnd

    /// What the one-line error must say.
    public var expectedMessage: String {
        switch self {
        case .unequalRows: return "array 'actions' has 7 rows but 'observations' has 8"
        case .nanTerminals: return "array 'terminals' holds nan at row 2; its values must be 0 or 1"
        case .fractionalTerminal: return "array 'terminals' holds 0.5 at row 2; its values must be 0 or 1"
        case .noEpisodeEnd: return "the last row (7) is not terminal"
        case .nanRewards: return "array 'rewards' holds nan at row 1; its values must be finite"
        case .nanMasks: return "array 'masks' holds nan at row 6; its values must be 0 or 1"
        case .infiniteObservation: return "array 'observations' holds inf at row 5; its values must be finite"
        case .float64Observations: return "array 'observations' is <f8 [8, 17]; the dataset layout needs <f4 of rank 2 or |u1 of rank 4"
        case .rank3Observations: return "array 'observations' is <f4 [8, 17, 1]; the dataset layout needs"
        case .zeroRows: return "holds no rows; a dataset needs at least one episode"
        case .hostileEntryName: return "entry '../../x.npy' is not a plain array or file name"
        case .overflowingShape: return "needs more bytes than any file can hold"
        case .scalarArray: return "array 'extra' is a scalar"
        case .missingTerminals: return "has no array 'terminals'"
        case .entryPastTheEnd: return "entry 'observations.npy' points past the end of the file"
        }
    }

    static let rows = 8, observationSize = 17, actionSize = 6, physicsSize = 18

    /// Writes the valid file (`nil`) or this case's broken form of it to `path`.
    public static func write(_ flaw: MalformedDataset?, to path: String, env: String = "cheetah_run",
                             relabeledTask: String? = "cheetah_run") throws {
        let rows = flaw == .zeroRows ? 0 : Self.rows
        var observations = (0..<(rows * observationSize)).map { Float($0 % 13) * 0.1 }
        var terminals = (0..<rows).map { Float($0 % 4 == 3 ? 1 : 0) }
        var rewards = (0..<rows).map { Float($0) * 0.05 }
        var masks = [Float](repeating: 1, count: rows)
        switch flaw {
        case .nanTerminals: terminals[2] = .nan
        case .fractionalTerminal: terminals[2] = 0.5
        case .noEpisodeEnd: terminals[7] = 0
        case .nanRewards: rewards[1] = .nan
        case .nanMasks: masks[6] = .nan
        case .infiniteObservation: observations[5 * observationSize + 3] = .infinity
        default: break
        }
        var entries: [StoredZip.Entry] = []
        switch flaw {
        case .float64Observations: entries.append(.array("observations", observations.map(Double.init), shape: [rows, observationSize]))
        case .rank3Observations: entries.append(.array("observations", observations, shape: [rows, observationSize, 1]))
        case .overflowingShape: entries.append(.array("observations", observations, shape: [1 << 40, 1 << 40]))
        default: entries.append(.array("observations", observations, shape: [rows, observationSize]))
        }
        let actionRows = flaw == .unequalRows ? rows - 1 : rows
        entries.append(.array("actions", (0..<(actionRows * actionSize)).map { Float($0 % 7) * 0.2 - 0.6 }, shape: [actionRows, actionSize]))
        if flaw != .missingTerminals { entries.append(.array("terminals", terminals, shape: [rows])) }
        entries.append(.array("qpos", [Float](repeating: 0.1, count: rows * 9), shape: [rows, 9]))
        entries.append(.array("qvel", [Float](repeating: 0.2, count: rows * 9), shape: [rows, 9]))
        entries.append(.array("physics", [Double](repeating: 0.1, count: rows * physicsSize), shape: [rows, physicsSize]))
        if relabeledTask != nil {
            entries.append(.array("rewards", rewards, shape: [rows]))
            entries.append(.array("masks", masks, shape: [rows]))
        }
        if flaw == .hostileEntryName { entries.append(.array("../../x", [Float](repeating: 0, count: rows), shape: [rows])) }
        if flaw == .scalarArray { entries.append(.array("extra", [Float(1)], shape: [])) }
        let metadata = DatasetMetadata(env: env, collector: "random", seed: 0, firstEpisode: 0, episodes: 2, rowsPerEpisode: 4,
                                       split: "train", relabeledTask: relabeledTask)
        entries.append(StoredZip.Entry(name: "metadata.json", bytes: try metadata.encoded()))
        try StoredZip.write(entries, to: path)
        if flaw == .entryPastTheEnd {
            // The first central directory record's local header offset, moved far past the end.
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let record = try (0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)] == [0x50, 0x4B, 0x01, 0x02] }
                .orThrow("no central directory in \(path)")
            bytes.replaceSubrange((record + 42)..<(record + 46), with: [0xF0, 0xFF, 0xFF, 0x7F])
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
    }
}

private extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let self else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: message]) }
        return self
    }
}
