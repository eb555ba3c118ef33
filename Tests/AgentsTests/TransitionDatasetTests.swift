import Agents
import ArrayFiles
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

    /// Goals as the reference's GCDataset draws them with CRL's and TD InfoNCE's settings: value
    /// goals a geometric number of steps k ≥ 1 ahead in the same trajectory (mean 1/(1 − γ) before
    /// clipping), actor goals uniform between the next transition and the trajectory's last one;
    /// `currentProbability` 1 gives the transition's own state and `randomProbability` 1 states
    /// of any trajectory.
    func testGoalsComeFromTheSameTrajectoryAsTheReferenceDrawsThem() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("data.npz")
        // Two trajectories: rows 0…2999 (2,999 transitions) and rows 3000…3009 (9 transitions);
        // the observation is the row number.
        let rows = 3010
        let writer = try NPZWriter(path: path)
        try writer.write("observations", (0..<rows).map { Float($0) }, shape: [rows, 1])
        try writer.write("actions", [Float](repeating: 0, count: rows), shape: [rows, 1])
        try writer.write("terminals", (0..<rows).map { $0 == 2999 || $0 == rows - 1 ? Float(1) : 0 }, shape: [rows])
        try writer.finish()
        let data = try TransitionDataset(path: path, requireRewards: false, normalization: .none)
        XCTAssertEqual(data.count, 2999 + 9)
        XCTAssertEqual(data.trajectoryEnd(of: 0), 2998)
        XCTAssertEqual(data.trajectoryEnd(of: 2999), 3007, "the second trajectory's first transition (row 3000)")
        XCTAssertEqual(data.trajectoryEnd(of: 3007), 3007)

        var batch = TransitionBatch(size: 512, observationSize: 1, actionSize: 1, goals: true)
        var random = SeededRandom(seed: 4)
        var early: [Double] = [], sawClipped = false
        for _ in 0..<40 {
            data.sample(into: &batch, random: &random, goals: GoalSampling())
            for b in 0..<batch.size {
                let row = batch.observations[b], value = batch.valueGoals[b], actor = batch.actorGoals[b]
                let last: Float = row < 3000 ? 2998 : 3008
                // The last transition's goal is its own state (the clip), as in the reference.
                XCTAssertTrue((value > row || row == last) && value <= last, "value goal \(value) for row \(row)")
                XCTAssertTrue((actor > row || row == last) && actor <= last, "actor goal \(actor) for row \(row)")
                if row < 2000 { early.append(Double(value - row)) }
                if row >= 3000, value == last { sawClipped = true }
            }
        }
        let meanOffset = early.reduce(0, +) / Double(early.count)
        XCTAssertEqual(meanOffset, 100, accuracy: 5, "geometric offsets with p = 0.01 (far from the trajectory's end)")
        XCTAssertGreaterThan(early.filter { $0 == 1 }.count, 0)
        XCTAssertTrue(sawClipped, "offsets past the trajectory's end stop at its last transition")

        let current = GoalDistribution(currentProbability: 1, trajectoryProbability: 0, geometric: false)
        let anywhere = GoalDistribution(trajectoryProbability: 0, randomProbability: 1, geometric: true)
        data.sample(into: &batch, random: &random, goals: GoalSampling(value: current, actor: anywhere))
        XCTAssertEqual(batch.valueGoals, batch.observations)
        XCTAssertTrue(batch.actorGoals.contains { $0 < 3000 } && batch.actorGoals.contains { $0 > 3000 })
        XCTAssertTrue(zip(batch.actorGoals, batch.observations).contains { $0 < $1 }, "random goals may lie in the past")
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

    /// Pixel transitions (spec §5.4): frames stacked oldest first with the episode's first frame
    /// repeated before it, s′ the stack shifted by one, and random crops of the 3-pixel
    /// edge-padded images sharing one window between s and s′. Frame r's pixels hold (r, y, x).
    func testPixelTransitionsStackFramesAndCropBothObservationsAlike() throws {
        let folder = try TemporaryDirectory()
        let path = folder.file("frames.npz"), size = 8, rows = 6
        var frames = [UInt8]()
        for r in 0..<rows { for y in 0..<size { for x in 0..<size { frames += [UInt8(r), UInt8(y), UInt8(x)] } } }
        let writer = try NPZWriter(path: path)
        try writer.write("observations", frames, shape: [rows, size, size, 3])
        try writer.write("actions", (0..<rows).map { Float($0) / 10 }, shape: [rows, 1])
        try writer.write("terminals", [0, 0, 1, 0, 0, 1] as [Float], shape: [rows])
        try writer.finish()

        let data = try TransitionDataset(path: path, requireRewards: false, frameStack: 3)
        XCTAssertEqual(data.count, 4)
        XCTAssertEqual(data.imageShape, [size, size, 9])
        XCTAssertEqual(data.observationSize, size * size * 9)
        XCTAssertEqual(data.normalizer.kind, .none, "images are not normalised")
        // The frame rows each transition's stacked s and s′ read, keyed by its own row.
        let expected: [Int: (s: [Float], next: [Float])] = [
            0: ([0, 0, 0], [0, 0, 1]), 1: ([0, 0, 1], [0, 1, 2]), 3: ([3, 3, 3], [3, 3, 4]), 4: ([3, 3, 4], [3, 4, 5]),
        ]
        for augmentation in [0.0, 1.0] {
            var batch = TransitionBatch(size: 64, observationSize: data.observationSize, actionSize: 1)
            var random = SeededRandom(seed: 9)
            data.sample(into: &batch, random: &random, augmentation: augmentation)
            var offsets = Set<[Float]>()
            for b in 0..<64 {
                let image = Array(batch.observations[(b * data.observationSize)..<((b + 1) * data.observationSize)])
                let next = Array(batch.nextObservations[(b * data.observationSize)..<((b + 1) * data.observationSize)])
                let row = Int(image[6])
                let (s, sNext) = try XCTUnwrap(expected[row], "row \(row) starts no transition")
                XCTAssertEqual(batch.actions[b], Float(row) / 10, accuracy: 1e-6)
                // The window's offset (dy, dx) ∈ {0…6}²: the centre pixel (3, 3) reads (dy, dx).
                let centre = (3 * size + 3) * 9
                let dy = Int(image[centre + 1]), dx = Int(image[centre + 2])
                for y in 0..<size {
                    for x in 0..<size {
                        let pixel = (y * size + x) * 9
                        let readY = Float(min(max(y + dy - 3, 0), size - 1)), readX = Float(min(max(x + dx - 3, 0), size - 1))
                        for slot in 0..<3 {
                            let at = pixel + 3 * slot
                            XCTAssertEqual([image[at], image[at + 1], image[at + 2]], [s[slot], readY, readX])
                            XCTAssertEqual([next[at], next[at + 1], next[at + 2]], [sNext[slot], readY, readX])
                        }
                    }
                }
                offsets.insert([Float(dy), Float(dx)])
            }
            if augmentation == 0 {
                XCTAssertEqual(offsets, [[3, 3]], "without augmentation every image is read as it is")
            } else {
                XCTAssertGreaterThan(offsets.count, 5, "crops vary per sample")
            }
        }
    }
}
