import ArrayFiles
import MuJoCo
@testable import Suite
import TestSupport
import XCTest

/// Our Jaco reach tasks against the reference's environment, dm_control 1.0.7's composer on
/// MuJoCo 2.2.2 (fixtures from datasets-tools/jaco_parity.py, which documents each array).
final class JacoParityTests: XCTestCase {
    static let ids = JacoReachTask.Corner.allCases.map { "jaco_reach_\($0.rawValue)" }
    var fixture: NPZArchive!

    override func setUpWithError() throws {
        fixture = try NPZArchive(path: "\(RepositoryPaths.root)/Tests/SuiteTests/Fixtures/jaco_parity.npz")
    }

    /// Each seed's first reset puts the nine joints where dm_control's does: the same draws in
    /// the same order (the grasp, the targets, the re-randomised arms after failed solves), and
    /// inverse kinematics that converges to the same solution. Measured over 4 tasks × 20 seeds:
    /// 3.1e-15 rad, and the reward after a zero action to 7e-33.
    func testResetsGiveDmControlsInitialJointConfiguration() throws {
        let expected = try fixture.array("reset_qpos", as: Double.self)
        let rewards = try fixture.array("reset_reward", as: Float.self)
        let seeds = expected.count / (Self.ids.count * 9)
        var worst = 0.0, rewardError = 0.0
        for (t, id) in Self.ids.enumerated() {
            for seed in 0..<seeds {
                let env = try EnvironmentRegistry.make(id, seed: UInt32(seed))
                _ = try env.reset()
                let row = t * seeds + seed
                for k in 0..<9 {
                    worst = max(worst, abs(env.simulation.qpos[k] - expected[row * 9 + k]))
                }
                let reward = try env.step([Float](repeating: 0, count: 9)).reward
                rewardError = max(rewardError, abs(reward - Double(rewards[row])))
            }
        }
        XCTAssertLessThanOrEqual(worst, 1e-12)
        XCTAssertLessThanOrEqual(rewardError, 1e-6)
    }

    /// From dm_control's state after a reset, the same float32 actions move the joints as
    /// dm_control's do until the first contact of either model (ours touches first, by up to two
    /// steps: our boxes bound dm_control's meshes). Measured over 348 steps of 4 rollouts:
    /// qpos within 8.9e-16, qvel within 1.1e-15, every float32 observation and reward equal.
    func testRolloutsFollowDmControlUntilTheFirstContact() throws {
        let starts = try fixture.array("rollout_start", as: Double.self)
        let actions = try fixture.array("rollout_actions", as: Float.self)
        let qpos = try fixture.array("rollout_qpos", as: Double.self), qvel = try fixture.array("rollout_qvel", as: Double.self)
        let observations = try fixture.array("rollout_observations", as: Float.self)
        let rewards = try fixture.array("rollout_rewards", as: Float.self)
        let contacts = try fixture.array("rollout_contacts", as: Int64.self)
        let rollouts = starts.count / 18, steps = rewards.count / rollouts
        var positionError = 0.0, velocityError = 0.0, observationError: Float = 0, rewardError = 0.0
        var compared = 0
        for rollout in 0..<rollouts {
            let env = try EnvironmentRegistry.make(Self.ids[0], seed: 0)
            _ = try env.reset()
            XCTAssertTrue(try env.simulation.loadPhysicsState(Array(starts[(rollout * 18)..<((rollout + 1) * 18)])))
            for t in 0..<steps {
                let k = rollout * steps + t
                if contacts[k] > 0 { break }
                let step = try env.step(Array(actions[(k * 9)..<((k + 1) * 9)]))
                // Our box geometry touches a little earlier than dm_control's meshes.
                if !env.simulation.contacts.isEmpty { break }
                for j in 0..<9 {
                    positionError = max(positionError, abs(env.simulation.qpos[j] - qpos[k * 9 + j]))
                    velocityError = max(velocityError, abs(env.simulation.qvel[j] - qvel[k * 9 + j]))
                }
                for i in 0..<42 { observationError = max(observationError, abs(step.observation[i] - observations[k * 42 + i])) }
                rewardError = max(rewardError, abs(step.reward - Double(rewards[k])))
                XCTAssertEqual(step.stepType == .last, t == steps - 1, "rollout \(rollout) step \(t)")
                compared += 1
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 340)
        XCTAssertLessThanOrEqual(positionError, 1e-12)
        XCTAssertLessThanOrEqual(velocityError, 1e-12)
        XCTAssertLessThanOrEqual(observationError, 1e-6)
        XCTAssertLessThanOrEqual(rewardError, 1e-6)
    }

    /// The four tasks' rewards of every rollout state, set in both environments, agree to 1e-6
    /// (the reward is float32; measured: all 4,000 equal).
    func testRewardsOfStoredStatesEqualTheReferences() throws {
        let qpos = try fixture.array("rollout_qpos", as: Double.self), qvel = try fixture.array("rollout_qvel", as: Double.self)
        let expected = try fixture.array("state_rewards", as: Float.self)
        let states = qpos.count / 9
        var worst = 0.0, rewarded = 0
        for (t, id) in Self.ids.enumerated() {
            let env = try XCTUnwrap(try EnvironmentRegistry.make(id) as? StateRewardEnvironment)
            for s in 0..<states {
                let state = Array(qpos[(s * 9)..<((s + 1) * 9)]) + Array(qvel[(s * 9)..<((s + 1) * 9)])
                let reward = try env.reward(physicsState: state)
                worst = max(worst, abs(reward - Double(expected[s * 4 + t])))
                if expected[s * 4 + t] > 0.01 { rewarded += 1 }
            }
        }
        XCTAssertLessThanOrEqual(worst, 1e-6)
        XCTAssertGreaterThan(rewarded, 0, "the fixture's states should include some near a target")
    }
}
