import Agents
import Datasets
import Learning
import TestSupport
import XCTest

/// The training data pipeline against the reference's conventions (spec infom.md §5, test 12).
final class TransitionDatasetTests: XCTestCase {
    func testTransitionsNormalisationAndNextActions() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("data.npz")
        let writer = try NPZWriter(path: path)
        try writer.write("observations", [0, 0, 1, 10, 2, 20, 10, 0, 11, -1, 12, -2] as [Float], shape: [6, 2])
        try writer.write("actions", [0.5, 2, 9, -3, 0.25, 7] as [Float], shape: [6, 1])
        try writer.write("terminals", [0, 0, 1, 0, 0, 1] as [Float], shape: [6])
        try writer.write("rewards", [1, 2, 0, 3, 4, 0] as [Float], shape: [6])
        try writer.finish()

        let data = try TransitionDataset(path: path, requireRewards: true)
        XCTAssertEqual(data.count, 4, "the last row of each episode starts no transition")
        // Statistics over the 4 transition observations: (0,0), (1,10), (10,0), (11,-1).
        let mean: [Float] = [5.5, 2.25]
        let variance: [Double] = [(30.25 + 20.25 + 20.25 + 30.25) / 4, (5.0625 + 60.0625 + 5.0625 + 10.5625) / 4]
        for j in 0..<2 {
            XCTAssertEqual(data.normalizer.mean[j], mean[j], accuracy: 1e-6)
            XCTAssertEqual(Double(data.normalizer.inverseScale[j]), 1 / (variance[j] + 1e-8).squareRoot(), accuracy: 1e-6)
        }
        XCTAssertEqual(data.observationMin[0], (0 - 5.5) * data.normalizer.inverseScale[0], accuracy: 1e-6)
        XCTAssertEqual(data.observationMax[1], (10 - 2.25) * data.normalizer.inverseScale[1], accuracy: 1e-6)

        // Sample every transition many times; each row must be one of the 4 with its own next row.
        var batch = TransitionBatch(size: 64, observationSize: 2, actionSize: 1)
        var random = SeededRandom(seed: 3)
        data.sample(into: &batch, random: &random)
        var seen = Set<Float>()
        for b in 0..<64 {
            let s0 = batch.observations[2 * b] / data.normalizer.inverseScale[0] + 5.5
            let next0 = batch.nextObservations[2 * b] / data.normalizer.inverseScale[0] + 5.5
            seen.insert(s0.rounded())
            XCTAssertEqual(next0, s0 + 1, accuracy: 1e-4, "s′ is the next row of the same episode")
            let expected: [Float: (Float, Float, Float)] = [  // action, next action, reward
                0: (0.5, 1 - 1e-5, 1), 1: (1 - 1e-5, -1 + 1e-5, 2), 10: (-1 + 1e-5, 0.25, 3), 11: (0.25, 0.25, 4),
            ]
            let (action, nextAction, reward) = expected[s0.rounded()]!
            XCTAssertEqual(batch.actions[b], action, "actions are clipped to ±(1 − 1e-5)")
            XCTAssertEqual(batch.nextActions[b], nextAction,
                           "a′ is the next transition's action, across episode ends, the last one its own (reference behaviour)")
            XCTAssertEqual(batch.rewards[b], reward)
        }
        XCTAssertEqual(seen, [0, 1, 10, 11])
    }

    func testFineTuningDataNeedsRewards() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("reward-free.npz")
        let writer = try NPZWriter(path: path)
        try writer.write("observations", [0, 1, 2] as [Float], shape: [3, 1])
        try writer.write("actions", [0, 0, 0] as [Float], shape: [3, 1])
        try writer.write("terminals", [0, 0, 1] as [Float], shape: [3])
        try writer.finish()
        XCTAssertNoThrow(try TransitionDataset(path: path, requireRewards: false))
        XCTAssertThrowsError(try TransitionDataset(path: path, requireRewards: true)) { error in
            XCTAssertTrue("\(error)".contains("infom dataset relabel"), "\(error)")
        }
    }
}
