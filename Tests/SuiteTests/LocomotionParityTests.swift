import ArrayFiles
import Datasets
import Suite
import TestSupport
import XCTest

/// Our locomotion tasks against dm_control 1.0.7 on MuJoCo 2.2.2 (fixtures from
/// datasets-tools/make_locomotion_fixtures.py): for 12 tasks, seeds 1 and 42, two consecutive
/// full episodes each with random float32 actions, every step's physics state (float64) and
/// observation (float32) are bit-identical, rewards agree within 1e-12 and every episode ends
/// exactly at step 1000.
final class LocomotionParityTests: XCTestCase {
    var fixture: NPZArchive!

    override func setUpWithError() throws {
        fixture = try NPZArchive(path: "\(RepositoryPaths.root)/Tests/SuiteTests/Fixtures/locomotion_parity.npz")
    }

    /// 64-bit FNV-1a of the values' bytes, as the fixture script computes it.
    static func fnv1a<T>(_ values: [T]) -> UInt64 {
        values.withUnsafeBytes { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    func checkTask(_ id: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let seeds = try fixture.array("seeds", as: Int64.self)
        let episodes = Int(try fixture.array("episodes", as: Int64.self)[0])
        let rewards = try fixture.array("\(id).rewards", as: Double.self)
        let physicsDigests = try fixture.array("\(id).physics_digest", as: UInt64.self)
        let observationDigests = try fixture.array("\(id).observation_digest", as: UInt64.self)
        let firstPhysics = try fixture.array("\(id).first_physics", as: Double.self)
        let stateSize = firstPhysics.count / (seeds.count * episodes)
        var row = 0
        for seed in seeds {
            let env = try EnvironmentRegistry.make(id, seed: UInt32(seed))
            let actionSize = env.actionSpec.count
            var actionRandom = NumpyRandomState(seed: UInt32(1000 + seed))
            for episode in 0..<episodes {
                let observation = try env.reset()
                let where0 = "\(id) seed \(seed) episode \(episode)"
                let state0 = env.simulation.physicsState
                XCTAssertEqual(state0, Array(firstPhysics[(row * stateSize)..<((row + 1) * stateSize)]),
                               "\(where0): reset state", file: file, line: line)
                XCTAssertEqual(Self.fnv1a(observation), observationDigests[row * 1001], "\(where0): reset observation",
                               file: file, line: line)
                for t in 1...1000 {
                    let action = (0..<actionSize).map { _ in Float(actionRandom.uniform(-1, 1)) }
                    let step = try env.step(action)
                    let k = row * 1001 + t
                    guard Self.fnv1a(env.simulation.physicsState) == physicsDigests[k] else {
                        return XCTFail("\(where0): physics state differs at step \(t)", file: file, line: line)
                    }
                    guard Self.fnv1a(step.observation) == observationDigests[k] else {
                        return XCTFail("\(where0): observation differs at step \(t)", file: file, line: line)
                    }
                    guard abs(step.reward - rewards[k]) <= 1e-12 else {
                        return XCTFail("\(where0): reward \(step.reward) vs \(rewards[k]) at step \(t)", file: file, line: line)
                    }
                    guard (step.stepType == .last) == (t == 1000), (step.end == .truncated) == (t == 1000) else {
                        return XCTFail("\(where0): episode boundary differs at step \(t)", file: file, line: line)
                    }
                }
                row += 1
            }
        }
    }

    func testWalkerStand() throws { try checkTask("walker_stand") }
    func testWalkerWalk() throws { try checkTask("walker_walk") }
    func testWalkerRun() throws { try checkTask("walker_run") }
    func testWalkerFlip() throws { try checkTask("walker_flip") }
    func testCheetahRun() throws { try checkTask("cheetah_run") }
    func testCheetahRunBackward() throws { try checkTask("cheetah_run_backward") }
    func testCheetahWalk() throws { try checkTask("cheetah_walk") }
    func testCheetahWalkBackward() throws { try checkTask("cheetah_walk_backward") }
    func testQuadrupedWalk() throws { try checkTask("quadruped_walk") }
    func testQuadrupedRun() throws { try checkTask("quadruped_run") }
    func testQuadrupedStand() throws { try checkTask("quadruped_stand") }
    func testQuadrupedJump() throws { try checkTask("quadruped_jump") }
}
