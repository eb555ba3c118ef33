import MuJoCo
@testable import Suite
import TestSupport
import XCTest

/// The manipulation world against the spec's golden values (§2, §3.3, §9.3): sizes, masses,
/// kinematics at the home pose, IK solutions, site positions.
final class ManipulationModelTests: XCTestCase {
    func testStateSizesMatchOGBench() throws {
        let expected: [(ManipulationFamily, Int, Int, Int)] = [
            (.cube(count: 1), 21, 20, 28), (.cube(count: 2), 28, 26, 37), (.cube(count: 3), 35, 32, 46),
            (.cube(count: 4), 42, 38, 55), (.cube(count: 8), 70, 62, 91), (.scene, 25, 24, 40),
            (.puzzle(rows: 3, columns: 3), 23, 23, 55), (.puzzle(rows: 4, columns: 4), 30, 30, 83),
            (.puzzle(rows: 4, columns: 5), 34, 34, 99), (.puzzle(rows: 4, columns: 6), 38, 38, 115),
        ]
        for (family, nq, nv, observation) in expected {
            let env = try ManipulationEnvironment(id: family.stem, family: family, seed: 0)
            XCTAssertEqual(env.simulation.model.nq, nq, family.stem)
            XCTAssertEqual(env.simulation.model.nv, nv, family.stem)
            XCTAssertEqual(env.simulation.model.nu, 7, family.stem)
            XCTAssertEqual(try env.reset(seed: 1).count, observation, family.stem)
            XCTAssertEqual(env.goalObservation.count, observation, family.stem)
        }
    }

    func testHomePoseKinematicsAndMasses() throws {
        let env = try ManipulationEnvironment(id: "cube-single-v0", family: .cube(count: 1), seed: 0)
        let sim = env.simulation
        for j in 0..<6 { sim.qpos[j] = ManipulationEnvironment.homePose[j] }
        sim.computeKinematics()
        assertClose(env.world.effectorPosition, SIMD3(0.492, 0.134, 0.3322), tolerance: 1e-4)
        assertClose(sim.position(of: env.world.attachmentSite), SIMD3(0.492, 0.134, 0.488), tolerance: 1e-4)
        XCTAssertEqual(env.world.effectorYaw, 0, accuracy: 1e-6)
        let model = sim.model
        XCTAssertEqual(try model.body("object_0").mass, 0.07936, accuracy: 1e-12)
        let arm = try model.body("ur5e/")
        let total = model.objects(Body.self).filter { body in
            var id = body.id
            while id > 0, id != arm.id { id = try! model.object(Body.self, id: id).parentID }
            return id == arm.id
        }.map(\.mass).reduce(0, +)
        XCTAssertEqual(total, 22.0475, accuracy: 1e-4)
        XCTAssertEqual(model.actuatorGainParameters[0], 4500)
        XCTAssertEqual(model.actuatorBiasParameters[10 * 5 + 1], -500)
        XCTAssertEqual(model.actuatorBiasParameters[10 * 0 + 2], -400)
    }

    func testInverseKinematicsReachesTheGoldenSolutions() throws {
        let env = try ManipulationEnvironment(id: "cube-single-v0", family: .cube(count: 1), seed: 0)
        let cases: [(SIMD3<Double>, Double, [Double])] = [
            (SIMD3(0.425, 0, 0.25), 0, [-1.891558, -1.763932, 1.954623, -1.761488, -1.570796, -0.320761]),
            (SIMD3(0.3, -0.2, 0.1), .pi / 2, [-2.539534, -1.778478, 2.383808, -2.176127, -1.570796, -2.539534]),
            (SIMD3(0.55, 0.3, 0.3), -2, [-1.287016, -1.283907, 1.321751, -1.60864, -1.570796, 2.283781]),
        ]
        for (pinch, yaw, golden) in cases {
            let q = env.solveArm(pinch: pinch, yaw: yaw, start: ManipulationEnvironment.homePose)
            for j in 0..<6 { XCTAssertEqual(q[j], golden[j], accuracy: 1e-4, "joint \(j) for \(pinch)") }
            let sim = env.simulation
            for j in 0..<6 { sim.qpos[j] = q[j] }
            sim.computeKinematics()
            assertClose(env.world.effectorPosition, pinch, tolerance: 1e-4)
            XCTAssertEqual(ManipulationEnvironment.wrap(env.world.effectorYaw - yaw), 0, accuracy: 1e-4)
        }
    }

    func testSceneAndPuzzleSitesSitWhereOGBenchPutsThem() throws {
        let scene = try ManipulationEnvironment(id: "scene-v0", family: .scene, seed: 0)
        let sim = scene.simulation
        sim.reset()
        try sim.forward()
        assertClose(scene.world.drawerHandlePosition, SIMD3(0.3303, -0.2400, 0.080), tolerance: 2e-4)
        assertClose(scene.world.windowHandlePosition, SIMD3(0.286, 0.225, 0.237), tolerance: 2e-4)
        assertClose(scene.world.buttonTop(0), SIMD3(0.58, -0.05006, 0.1254), tolerance: 1e-4)
        assertClose(scene.world.buttonTop(1), SIMD3(0.58, 0.04994, 0.1212), tolerance: 1e-4)
        scene.world.setDrawer(-0.16)
        scene.world.setWindow(0.2)
        try sim.forward()
        XCTAssertEqual(scene.world.drawerHandlePosition.y, -0.08, accuracy: 2e-4)
        XCTAssertEqual(scene.world.windowHandlePosition.x, 0.486, accuracy: 2e-4)
        XCTAssertEqual(try sim.model.body("drawer_link").mass, 6.2758875, accuracy: 1e-9)

        let puzzle = try ManipulationEnvironment(id: "puzzle-4x4-v0", family: .puzzle(rows: 4, columns: 4), seed: 0)
        puzzle.simulation.reset()
        try puzzle.simulation.forward()
        let xs = [0.275, 0.375, 0.475, 0.575], ys = [-0.15, -0.05, 0.05, 0.15]
        for r in 0..<4 {
            for c in 0..<4 {
                assertClose(puzzle.world.buttonTop(4 * r + c), SIMD3(xs[r], ys[c] - 6e-5, 0.1254), tolerance: 1e-4)
            }
        }
    }
}
