import TestSupport
import XCTest
@testable import Suite

/// The pieces of OGBench's plan oracle: the smoothing filter, the SE(3) midpoint, the sampled
/// plan, and that a plan solves its subtask without noise.
final class PlanOracleTests: XCTestCase {
    func testSmoothingWeightsAreScipysFiveTaps() {
        // gaussian_filter1d(σ = 0.5, truncate 4): radius 2, weights from the spec (§7.2).
        let weights = PlanOracle.gaussianWeights(sigma: 0.5)
        let expected = [0.000264, 0.106450, 0.786570, 0.106450, 0.000264]
        XCTAssertEqual(weights.count, 5)
        for (w, e) in zip(weights, expected) { assertClose(w, e, tolerance: 1e-6) }
    }

    func testMidpointFollowsTheScrewMotion() {
        // Without rotation the midpoint is the average.
        let (straight, straightYaw) = PlanOracle.midpoint(SIMD3(0.3, -0.1, 0.2), 0.4, SIMD3(0.5, 0.1, 0.4), 0.4)
        assertClose(straight, SIMD3(0.4, 0, 0.3), tolerance: 1e-12)
        assertClose(straightYaw, 0.4, tolerance: 1e-12)
        // Turning 90° while moving 1 along x is a rotation about (0.5, 0.5): halfway, the origin
        // has turned 45° about that centre, to (0.5, 0.5 − √½).
        let (turned, turnedYaw) = PlanOracle.midpoint(.zero, 0, SIMD3(1, 0, 0), .pi / 2)
        assertClose(turned, SIMD3(0.5, 0.5 - 0.5.squareRoot(), 0), tolerance: 1e-12)
        assertClose(turnedYaw, .pi / 4, tolerance: 1e-12)
        // The yaw takes the shorter arc through ±π.
        assertClose(PlanOracle.midpoint(.zero, 3.0, .zero, -3.0).1, .pi, tolerance: 1e-9)
    }

    func testPlanSamplesKeyframesEveryControlStep() {
        let frames = [
            PlanOracle.Keyframe(time: 0, position: SIMD3(0, 0, 0), yaw: 3.0, grasp: 0),
            PlanOracle.Keyframe(time: 0.5, position: SIMD3(0.1, 0, 0), yaw: -3.0, grasp: 1),
            PlanOracle.Keyframe(time: 1.0, position: SIMD3(0.1, 0.2, 0), yaw: -3.0, grasp: 1),
        ]
        let plan = PlanOracle.sample(frames)
        XCTAssertEqual(plan.count, 20)  // t = 0, 0.05, …, 0.95
        assertClose(plan[5][0], 0.05, tolerance: 1e-12)
        assertClose(plan[5][4], 0.5, tolerance: 1e-12)
        assertClose(plan[15][1], 0.1, tolerance: 1e-12)
        // Halfway between yaw 3 and −3 along the short arc is π, not 0.
        assertClose(abs(plan[5][3]), .pi, tolerance: 1e-9)
    }

    func testNoiselessPlansPickAndPlaceTheCube() throws {
        let env = try ManipulationEnvironment(id: "cube-single-v0", family: .cube(count: 1), mode: .dataCollection, seed: 3)
        var random = NumpyRandomState(seed: 11)
        for episode in 0..<2 {
            _ = try env.reset(seed: UInt32(episode))
            var oracle = PlanOracle(subtask: env.subtask, environment: env, random: &random, noise: 0)
            var steps = 0
            while !oracle.isDone, steps < 200 {
                _ = try env.step(oracle.action(env))
                steps += 1
            }
            XCTAssertTrue(oracle.isDone)
            XCTAssertTrue(env.isSuccess, "episode \(episode): the cube is not on its goal after the plan (\(steps) steps)")
        }
    }
}
