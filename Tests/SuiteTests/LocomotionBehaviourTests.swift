import MuJoCo
import Suite
import TestSupport
import XCTest

/// Golden values of the spec, relabeling from stored states, errors and episode bookkeeping.
final class LocomotionBehaviourTests: XCTestCase {
    /// First-step rewards with every action at +0.5 from seed 1 (spec section 10, dm_control 1.0.7).
    func testFirstStepRewardsMatchTheSpecsGoldenValues() throws {
        let golden: [(String, Double)] = [
            ("walker_stand", 0.98636935342633714), ("walker_walk", 0.16439489223772286),
            ("walker_run", 0.16439489223772286), ("walker_flip", 0.16592488881518228),
            ("cheetah_run", 0.018942551581580203), ("cheetah_walk", 0.094712757907901679),
            ("cheetah_run_backward", 0), ("cheetah_walk_backward", 0),
            ("quadruped_walk", 0.31220986255726046), ("quadruped_run", 0.41506140514125989),
            ("quadruped_stand", 0.85297870863451952), ("quadruped_jump", 0.80582312408981838),
        ]
        for (id, reward) in golden {
            let env = try EnvironmentRegistry.make(id, seed: 1)
            _ = try env.reset()
            let step = try env.step([Float](repeating: 0.5, count: env.actionSpec.count))
            XCTAssertEqual(step.reward, reward, accuracy: 1e-15, id)
        }
    }

    func testWalkerResetMatchesTheSpec() throws {
        let env = try EnvironmentRegistry.make("walker_walk", seed: 1)
        let observation = try env.reset()
        XCTAssertEqual(Array(env.simulation.qpos), [
            0, 0, -0.52136612087200396, 1.1595782408002493, -2.6176944454198892, -0.31049526883690309,
            -0.041701031424153823, -2.3762520021844442, -0.49282130753736181,
        ])
        XCTAssertEqual(observation.count, 24)
        XCTAssertEqual(observation[0], Float(0.86713957176222634))
        XCTAssertEqual(observation[14], 1.3)
        XCTAssertEqual(Array(observation[15...]), [Float](repeating: 0, count: 9))
    }

    func testQuadrupedResetFindsTheSpecsHeight() throws {
        let env = try EnvironmentRegistry.make("quadruped_walk", seed: 1)
        _ = try env.reset()
        XCTAssertEqual(Array(env.simulation.qpos.prefix(7)), [
            0, 0, 0.91000000000000059, 0.77062242365869782, -0.29022966465246808, -0.25057540406272177,
            -0.50903810151000894,
        ])
    }

    func testRewardFromStoredStatesEqualsTheStepReward() throws {
        for (id, tolerance) in [("walker_flip", 0.0), ("cheetah_run", 0.0), ("quadruped_jump", 1e-15)] {
            let env = try EnvironmentRegistry.make(id, seed: 3)
            _ = try env.reset()
            var random = NumpyRandomState(seed: 9)
            for _ in 0..<200 {
                let action = (0..<env.actionSpec.count).map { _ in Float(random.uniform(-1, 1)) }
                let step = try env.step(action)
                let state = env.simulation.physicsState
                let relabeled = try reward(of: env, physicsState: state)
                XCTAssertEqual(relabeled, step.reward, accuracy: tolerance, id)
            }
        }
    }

    func reward(of env: any Environment<[Float]>, physicsState: [Double]) throws -> Double {
        try XCTUnwrap(env as? any StateRewardEnvironment, "\(env.id) cannot relabel").reward(physicsState: physicsState)
    }

    func testBadActionsAreClearErrors() throws {
        let env = try EnvironmentRegistry.make("cheetah_run")
        _ = try env.reset()
        XCTAssertThrowsError(try env.step([0, 0, 0])) { error in
            XCTAssertEqual(error as? EnvironmentError, .wrongActionSize(env: "cheetah_run", expected: 6, actual: 3))
            XCTAssertTrue("\(error)".contains("takes actions of 6 values"), "\(error)")
        }
        XCTAssertThrowsError(try env.step([0, 0, .nan, 0, 0, 0])) { error in
            XCTAssertTrue("\(error)".contains("action element 2 is nan"), "\(error)")
        }
        XCTAssertThrowsError(try env.step([0, 0, 0, .infinity, 0, 0]))
    }

    func testUnknownIDSuggestsNeighbours() {
        XCTAssertThrowsError(try EnvironmentRegistry.make("walker_jog")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("unknown env ID 'walker_jog'"), text)
            XCTAssertTrue(text.contains("walker_walk"), text)
            XCTAssertTrue(text.contains("infom envs"), text)
        }
        XCTAssertThrowsError(try EnvironmentRegistry.make("chetah_run")) { error in
            XCTAssertTrue("\(error)".contains("cheetah_run"), "\(error)")
        }
    }

    func testDivergenceNamesTheTaskAndStep() throws {
        let env = try EnvironmentRegistry.make("walker_run")
        _ = try env.reset()
        for _ in 0..<3 { _ = try env.step([Float](repeating: 0, count: 6)) }
        env.simulation.qvel[3] = 1e12
        XCTAssertThrowsError(try env.step([Float](repeating: 0, count: 6))) { error in
            guard case let .physicsDiverged(id, step, _) = error as? EnvironmentError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(id, "walker_run")
            XCTAssertEqual(step, 4)
        }
    }

    func testEpisodesLastOneThousandStepsThenRestart() throws {
        let env = try EnvironmentRegistry.make("cheetah_walk")
        _ = try env.reset()
        let zero = [Float](repeating: 0, count: 6)
        for t in 1...1000 {
            let step = try env.step(zero)
            XCTAssertEqual(step.discount, 1)
            if t < 1000 { XCTAssertEqual(step.stepType, .mid) }
            else { XCTAssertEqual(step.stepType, .last); XCTAssertEqual(step.end, .truncated) }
        }
        let next = try env.step(zero)
        XCTAssertEqual(next.stepType, .first)
        XCTAssertEqual(next.reward, 0)
        XCTAssertEqual(env.simulation.time, 0)
    }

    func testSpecsDescribeTheArrays() throws {
        for entry in EnvironmentRegistry.entries where ["walker", "cheetah", "quadruped"].contains(entry.family) {
            let env = try EnvironmentRegistry.make(entry.id)
            XCTAssertEqual(env.observationSpec.shape, [entry.observationSize], entry.id)
            XCTAssertEqual(env.actionSpec.shape, [entry.actionSize], entry.id)
            XCTAssertEqual(env.actionSpec.minimum, [Double](repeating: -1, count: entry.actionSize))
            XCTAssertEqual(env.episodeLength, 1000)
            XCTAssertEqual(try env.reset().count, entry.observationSize)
        }
    }
}
