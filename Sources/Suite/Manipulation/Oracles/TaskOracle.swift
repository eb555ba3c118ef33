/// A scripted policy that solves a task-mode episode (`infom eval --policy oracle`): it splits
/// the task into subtasks and runs a ``MarkovOracle`` on each, choosing the next subtask from
/// the current state whenever the previous one is done and the gripper is clear.
/// - Cubes: move a cube that nothing sits on to its goal once the goal is free and, for a
///   stacked goal, the cube below is in place; lowest goals first; break swaps and cycles by
///   parking a blocking cube on a free spot.
/// - Puzzle: solve the Lights Out system over GF(2) and press the nearest button of the solution.
/// - Scene: unlock with a button before moving the drawer or window, open the drawer before
///   putting the cube in, then close and lock as the goal says.
public struct TaskOracle: Sendable {
    private var random: NumpyRandomState
    private var current: MarkovOracle?
    /// Steps left of backing off after a subtask ran out of steps (for example fingers resting on
    /// a handle), and the direction of that move.
    private var recoverySteps = 0
    private var recoveryAction: [Float] = []

    /// A solver drawing its oracles' final poses from a generator seeded with `seed`.
    public init(seed: UInt32) { random = NumpyRandomState(seed: seed) }

    /// The next action for the environment's current state.
    public mutating func action(_ environment: ManipulationEnvironment) -> [Float] {
        if recoverySteps > 0 {
            recoverySteps -= 1
            return recoveryAction
        }
        if let oracle = current, oracle.isDone, !oracle.isClear(in: environment) {
            current = nil
            recoverySteps = 5
            recoveryAction = [Float(random.uniform(-1, 1)), Float(random.uniform(-1, 1)), 1, Float(random.uniform(-1, 1)), -1]
            return recoveryAction
        }
        // Clear-ness is judged on the state before this step's action, as a solver looking at
        // the observation does: a subtask that is over takes no further step.
        if current.map({ $0.isClear(in: environment) || $0.isDone }) ?? true {
            current = nextOracle(environment)
        }
        guard var oracle = current else { return [0, 0, 0, 0, 0] }
        let action = oracle.action(environment)
        current = oracle
        return action
    }

    private mutating func nextOracle(_ env: ManipulationEnvironment) -> MarkovOracle? {
        switch env.family {
        case .cube: return cubeOracle(env)
        case .puzzle: return puzzleOracle(env)
        case .scene: return sceneOracle(env)
        }
    }

    // MARK: Cubes

    private mutating func cubeOracle(_ env: ManipulationEnvironment) -> MarkovOracle? {
        let world = env.world, n = env.family.cubeCount
        let positions = (0..<n).map(world.cubePosition), goals = (0..<n).map(world.ghostPosition)
        let done = (0..<n).map { distance(positions[$0], goals[$0]) <= 0.04 }
        let movable = env.world.topCubes(among: (0..<n).filter { !done[$0] })
        guard !movable.isEmpty else { return nil }
        func goalIsFree(_ i: Int) -> Bool {
            !(0..<n).contains { j in j != i && distanceXY(positions[j], goals[i]) < 0.04 && positions[j].z > goals[i].z - 0.03 }
        }
        func supportIsReady(_ i: Int) -> Bool {
            goals[i].z < 0.04 || (0..<n).contains { j in
                j != i && done[j] && distanceXY(goals[j], goals[i]) < 0.02 && abs(goals[j].z + 0.04 - goals[i].z) < 0.01
            }
        }
        if let next = movable.filter({ goalIsFree($0) && supportIsReady($0) }).min(by: { goals[$0].z < goals[$1].z }) {
            return MarkovOracle(subtask: .cube(next), environment: env, random: &random)
        }
        // Deadlock (swap, cycle, occupied goal): park a movable cube away from every cube and goal.
        let blocker = movable.first { i in (0..<n).contains { j in j != i && distanceXY(positions[i], goals[j]) < 0.04 } } ?? movable[0]
        let (low, high) = env.family.objectSamplingBounds
        let occupied = positions + goals
        var best = SIMD3<Double>(0.425, 0, 0.02), bestClearance = -1.0
        for x in stride(from: low.x, through: high.x, by: 0.025) {
            for y in stride(from: low.y, through: high.y, by: 0.025) {
                let spot = SIMD3(x, y, 0.02)
                let clearance = occupied.map { distanceXY($0, spot) }.min() ?? 1
                if clearance > bestClearance { best = spot; bestClearance = clearance }
            }
        }
        return MarkovOracle(subtask: .cube(blocker), environment: env, random: &random, target: best)
    }

    // MARK: Puzzle

    private mutating func puzzleOracle(_ env: ManipulationEnvironment) -> MarkovOracle? {
        guard case let .puzzle(rows, columns) = env.family else { return nil }
        let world = env.world
        let difference = zip(world.buttonStates, world.targetButtonStates).map { $0 ^ $1 }
        guard let presses = Self.lightsOutSolution(rows: rows, columns: columns, difference: difference) else { return nil }
        let effector = world.effectorPosition
        let pending = (0..<presses.count).filter { presses[$0] == 1 }
        guard let next = pending.min(by: { distanceXY(world.buttonTop($0), effector) < distanceXY(world.buttonTop($1), effector) })
        else { return nil }
        return MarkovOracle(subtask: .button(next), environment: env, random: &random)
    }

    /// Buttons to press once each so that the states change by `difference` (GF(2) Gaussian
    /// elimination; free variables 0), or nil when no set of presses does it.
    static func lightsOutSolution(rows: Int, columns: Int, difference: [Int]) -> [Int]? {
        let n = rows * columns
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: n)
        for r in 0..<rows {
            for c in 0..<columns {
                let press = r * columns + c
                for (dr, dc) in [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)] {
                    let nr = r + dr, nc = c + dc
                    if nr >= 0, nr < rows, nc >= 0, nc < columns { matrix[nr * columns + nc][press] = 1 }
                }
            }
        }
        for i in 0..<n { matrix[i][n] = difference[i] }
        var pivotColumns: [Int] = [], row = 0
        for col in 0..<n where row < n {
            guard let pivot = (row..<n).first(where: { matrix[$0][col] == 1 }) else { continue }
            matrix.swapAt(row, pivot)
            for r in 0..<n where r != row && matrix[r][col] == 1 {
                for k in col...n { matrix[r][k] ^= matrix[row][k] }
            }
            pivotColumns.append(col)
            row += 1
        }
        if (row..<n).contains(where: { matrix[$0][n] == 1 }) { return nil }
        var solution = [Int](repeating: 0, count: n)
        for (r, col) in pivotColumns.enumerated() { solution[col] = matrix[r][n] }
        return solution
    }

    // MARK: Scene

    private mutating func sceneOracle(_ env: ManipulationEnvironment) -> MarkovOracle? {
        let world = env.world
        let cube = world.cubePosition(0), goal = world.ghostPosition(0)
        let cubeDone = distance(cube, goal) <= 0.04
        let goalInDrawer = goal.y < -0.3
        func press(_ i: Int) -> MarkovOracle { MarkovOracle(subtask: .button(i), environment: env, random: &random) }
        func slide(_ subtask: ManipulationSubtask, to value: Double) -> MarkovOracle {
            let target: SIMD3<Double>
            if subtask == .drawer {
                target = world.drawerHandlePosition + SIMD3(0, -(value - world.drawerPosition), 0)
            } else {
                target = world.windowHandlePosition + SIMD3(value - world.windowPosition, 0, 0)
            }
            return MarkovOracle(subtask: subtask, environment: env, random: &random, target: target)
        }
        if !cubeDone, goalInDrawer, !env.world.isInDrawer(cube) {
            if world.drawerPosition > -0.12 { return world.buttonStates[0] == 0 ? press(0) : slide(.drawer, to: -0.16) }
            let center = SIMD3(0.33, world.drawerHandlePosition.y - 0.16, 0.066)
            return MarkovOracle(subtask: .cube(0), environment: env, random: &random, target: center)
        }
        if !cubeDone, !goalInDrawer { return MarkovOracle(subtask: .cube(0), environment: env, random: &random) }
        if abs(world.drawerPosition - world.targetDrawer) > 0.02 {
            return world.buttonStates[0] == 0 ? press(0) : slide(.drawer, to: world.targetDrawer)
        }
        if abs(world.windowPosition - world.targetWindow) > 0.02 {
            return world.buttonStates[1] == 0 ? press(1) : slide(.window, to: world.targetWindow)
        }
        if let button = (0..<2).first(where: { world.buttonStates[$0] != world.targetButtonStates[$0] }) { return press(button) }
        return nil
    }
}
