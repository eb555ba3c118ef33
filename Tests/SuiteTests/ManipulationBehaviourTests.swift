import MuJoCo
import Rendering
@testable import Suite
import XCTest

/// Buttons, locks, lights-out toggling, success and reward on constructed states, control
/// behaviour against the spec's measured values, errors, the oracle, and pixel frames.
final class ManipulationBehaviourTests: XCTestCase {
    private func make(_ id: String, seed: UInt32 = 0) throws -> ManipulationEnvironment {
        try XCTUnwrap(try EnvironmentRegistry.make(id, seed: seed) as? ManipulationEnvironment)
    }

    func testPuzzlePressTogglesTheButtonAndItsNeighbours() throws {
        let env = try make("puzzle-3x3-v0")
        _ = try env.reset(seed: 1)
        let world = env.world
        world.buttonStates = Array(repeating: 0, count: 9)
        // Button 4 (centre) pressed: it and its four neighbours flip, the corners do not.
        let previous = (0..<9).map { _ in 0.0 }
        env.simulation.qpos[world.buttonQpos[4]] = -0.021
        env.togglePressedButtons(since: previous)
        XCTAssertEqual(world.buttonStates, [0, 1, 0, 1, 1, 1, 0, 1, 0])
        // A corner press flips three; a button already down does not count again.
        env.simulation.qpos[world.buttonQpos[0]] = -0.024
        var down = previous
        down[4] = -0.021
        env.togglePressedButtons(since: down)
        XCTAssertEqual(world.buttonStates, [1, 0, 0, 0, 1, 1, 0, 1, 0])
        try world.applyButtonStates()
        XCTAssertEqual(env.simulation.model.geomRGBA[4 * world.buttonCapGeoms[0] + 2], ManipulationWorld.blue.z)
        XCTAssertEqual(env.simulation.model.geomRGBA[4 * world.buttonCapGeoms[1] + 0], ManipulationWorld.red.x)
    }

    func testSceneButtonsLockTheDrawerAndWindow() throws {
        let env = try make("scene-v0")
        _ = try env.reset(seed: 1)
        let world = env.world, model = env.simulation.model
        let handle = try XCTUnwrap(model.id(of: .material, named: "drawer_handle"))
        world.buttonStates = [0, 1]
        try world.applyButtonStates()
        XCTAssertEqual(model.dofDamping[try XCTUnwrap(world.drawerDof)], 1e6)
        XCTAssertEqual(model.dofDamping[try XCTUnwrap(world.windowDof)], 2)
        XCTAssertEqual(model.materialRGBA[4 * handle], ManipulationWorld.red.x)
        // A scene press flips only the pressed button.
        env.simulation.qpos[world.buttonQpos[1]] = -0.022
        env.togglePressedButtons(since: [0, 0])
        XCTAssertEqual(world.buttonStates, [0, 0])
        world.buttonStates = [1, 0]
        try world.applyButtonStates()
        XCTAssertEqual(model.dofDamping[try XCTUnwrap(world.drawerDof)], 2)
        XCTAssertEqual(model.dofDamping[try XCTUnwrap(world.windowDof)], 1e6)
        XCTAssertEqual(model.materialRGBA[4 * handle], ManipulationWorld.white.x)
    }

    func testSingleTaskRewardCountsUnsatisfiedComponentsBeforeTheAction() throws {
        let env = try make("cube-double-singletask-task2-v0")
        XCTAssertEqual(env.rewardTask, 2)
        _ = try env.reset(seed: 3)
        // Task 2 (double_pnp1): neither cube starts on its goal.
        let first = try env.step([0, 0, 0, 0, 0])
        XCTAssertEqual(first.reward, -2)
        XCTAssertEqual(first.info["success"], 0)
        // Put cube 0 on its goal: the next step (timing 'pre') sees one component satisfied.
        env.world.setCube(0, position: env.world.ghostPosition(0), quaternion: SIMD4(1, 0, 0, 0))
        try env.simulation.forward()
        let half = try env.step([0, 0, 0, 0, 0])
        XCTAssertEqual(half.reward, -1)
        // Per-component successes describe the state after the action.
        XCTAssertEqual(half.info["success/cube_0"], 1)
        XCTAssertEqual(half.info["success/cube_1"], 0)
        XCTAssertNil(half.info["success/drawer"])
        env.world.setCube(1, position: env.world.ghostPosition(1), quaternion: SIMD4(1, 0, 0, 0))
        env.world.setCube(0, position: env.world.ghostPosition(0), quaternion: SIMD4(1, 0, 0, 0))
        try env.simulation.forward()
        _ = try env.step([0, 0, 0, 0, 0])
        // The step after the state was solved reports reward 0, success and termination.
        let solved = try env.step([0, 0, 0, 0, 0])
        XCTAssertEqual(solved.reward, 0)
        XCTAssertEqual(solved.info["success"], 1)
        XCTAssertEqual(solved.end, .terminated)
        XCTAssertEqual(solved.discount, 0)
    }

    func testPuzzleSingleTaskRewardAndGoalObservation() throws {
        let env = try make("puzzle-3x3-singletask-task1-v0")
        let observation = try env.reset(seed: 0)
        // Task 1: all off → 110/101/011, six buttons differ from the goal.
        XCTAssertEqual(try env.step([0, 0, 0, 0, 0]).reward, -6)
        // One-hot states in the observation (offset 19, four values per button).
        XCTAssertEqual(observation[19], 1); XCTAssertEqual(observation[20], 0)
        let goal = env.goalObservation
        let goalStates = (0..<9).map { Int(goal[19 + 4 * $0 + 1]) }
        XCTAssertEqual(goalStates, [1, 1, 0, 1, 0, 1, 0, 1, 1])
    }

    func testCubeGoalObservationShowsTheCubeOnItsGoal() throws {
        let env = try make("cube-single-v0")
        env.taskID = 2
        _ = try env.reset(seed: 4)
        // Task 2 goal (0.5, 0, 0.02): observation stores (p − (0.425, 0, 0)) × 10.
        let goal = env.goalObservation
        XCTAssertEqual(Double(goal[19]), 0.75, accuracy: 0.05)
        XCTAssertEqual(Double(goal[20]), 0, accuracy: 0.05)
        XCTAssertEqual(Double(goal[21]), 0.2, accuracy: 0.02)
        let ghost = env.world.ghostPosition(0)
        XCTAssertEqual(ghost, SIMD3(0.5, 0, 0.02))
        // The episode starts near the task's initial position (0.35, 0) ± 1 cm.
        XCTAssertEqual(env.world.cubePosition(0).x, 0.35, accuracy: 0.0101)
    }

    /// OGBench's arm from three cube-single task-1 resets (datasets-tools/make_manipulation_fixtures.py,
    /// ogbench 1.2.2): joint angles, then the pinch point's height after 0, 20, 50 and 100
    /// zero-action steps (each step re-targets the sagging pose, so the arm sinks).
    static let sagReference: [([Double], [Double])] = [
        ([-1.297672520, -1.328883078, 1.402493066, -1.644406315, -1.570796327, -1.168845613], [0.290996, 0.238811, 0.161645, 0.042346]),
        ([-2.097091040, -1.941451010, 1.888321509, -1.517666825, -1.570796327, 0.044223939], [0.324155, 0.301575, 0.268804, 0.217381]),
        ([-1.514811088, -1.593649610, 1.861917427, -1.839064143, -1.570796327, 2.851081414], [0.228185, 0.194633, 0.147425, 0.078414]),
    ]

    func testZeroActionsSagLikeOGBenchAndTheGripperCloses() throws {
        let env = try make("cube-single-v0")
        env.taskID = 1
        for (angles, heights) in Self.sagReference {
            _ = try env.reset(seed: 0)
            for j in 0..<6 { env.simulation.qpos[j] = angles[j]; env.simulation.qvel[j] = 0 }
            try env.simulation.forward()
            var measured = [env.world.effectorPosition.z]
            for step in 1...100 {
                _ = try env.step([0, 0, 0, 0, 0])
                if [20, 50, 100].contains(step) { measured.append(env.world.effectorPosition.z) }
            }
            for k in 0..<4 { XCTAssertEqual(measured[k], heights[k], accuracy: 0.0005, "height \(k) from \(angles)") }
        }
        for _ in 0..<20 { _ = try env.step([0, 0, 0, 0, 1]) }
        XCTAssertEqual(env.world.gripperOpening, 0.978, accuracy: 0.02, "spec §9.3")
    }

    func testBadActionsAreClearErrors() throws {
        let env = try make("cube-single-v0")
        _ = try env.reset(seed: 0)
        XCTAssertThrowsError(try env.step([0, 0, 0])) { error in
            XCTAssertTrue("\(error)".contains("5"), "\(error)")
        }
        XCTAssertThrowsError(try env.step([0, .nan, 0, 0, 0]))
        XCTAssertThrowsError(try EnvironmentRegistry.make("cube-sngle-v0")) { error in
            XCTAssertTrue("\(error)".contains("cube-single-v0"), "\(error)")
        }
    }

    func testLightsOutSolutionsReproduceTheDifference() throws {
        for (rows, columns) in [(3, 3), (4, 4), (4, 5), (4, 6)] {
            for task in ManipulationTaskTable.tasks(.puzzle(rows: rows, columns: columns)) {
                let difference = zip(task.buttonInit, task.buttonGoal).map { $0 ^ $1 }
                let presses = try XCTUnwrap(TaskOracle.lightsOutSolution(rows: rows, columns: columns, difference: difference))
                var state = Array(repeating: 0, count: rows * columns)
                for press in 0..<presses.count where presses[press] == 1 {
                    let r = press / columns, c = press % columns
                    for (dr, dc) in [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)] where (0..<rows).contains(r + dr) && (0..<columns).contains(c + dc) {
                        state[(r + dr) * columns + c + dc] ^= 1
                    }
                }
                XCTAssertEqual(state, difference, "\(rows)x\(columns) \(task.name)")
            }
        }
    }

    func testOracleSolvesEveryCubeSingleTaskAndAPuzzle() throws {
        for (id, task) in [("cube-single-v0", 1), ("cube-single-v0", 2), ("cube-single-v0", 3), ("cube-single-v0", 4),
                           ("cube-single-v0", 5), ("puzzle-3x3-v0", 3)] {
            let outcome = try PolicyEvaluation.runEpisode(try EnvironmentRegistry.make(id), task: task, seed: 11,
                                                          policy: OraclePolicy(seed: 2))
            XCTAssertEqual(outcome.success, 1, "\(id) task \(task)")
            XCTAssertEqual(outcome.episodeReturn, 1)
            XCTAssertLessThan(outcome.length, 150)
        }
    }

    func testVisualFramesShowTheCubeInItsColour() throws {
        let entry = try EnvironmentRegistry.entry("visual-cube-single-v0")
        XCTAssertTrue(entry.pixels)
        XCTAssertEqual(entry.observationShape, [64, 64, 3])
        let base = try EnvironmentRegistry.make(entry.id, seed: 0)
        let env = try PixelEnvironment(base, width: 64, height: 64)
        let frame = try env.reset(seed: 0)
        XCTAssertEqual(frame.count, 64 * 64 * 3)
        // Red cube pixels (R high and far above G and B: the lit cube draws as about (255, 95,
        // 121), its shaded side as (205, 88, 114)) exist; the frame is not blank or uniform.
        var red = 0, distinct = Set<Int>()
        for p in 0..<(64 * 64) {
            let r = Int(frame[3 * p]), g = Int(frame[3 * p + 1]), b = Int(frame[3 * p + 2])
            if r > 150, r > g + 80, r > b + 80 { red += 1 }
            distinct.insert(r << 16 | g << 8 | b)
        }
        XCTAssertGreaterThan(red, 4, "the red cube is visible")
        XCTAssertGreaterThan(distinct.count, 100)
        // No ghost in visual envs: the goal marker's alpha is 0.
        let world = try XCTUnwrap(base as? ManipulationEnvironment).world
        XCTAssertEqual(base.simulation.model.geomRGBA[4 * world.ghostGeoms[0] + 3], 0)
    }
}
