/// One evaluation task: where everything starts and where it must end (§5.4).
public struct ManipulationTaskSpec: Sendable {
    public var name: String
    /// Cube positions, cube 0 first (before any permutation).
    public var cubeInit: [SIMD3<Double>] = [], cubeGoal: [SIMD3<Double>] = []
    /// Button states (1 = unlocked in the scene, blue in the puzzle), row-major for puzzles.
    public var buttonInit: [Int] = [], buttonGoal: [Int] = []
    /// Drawer and window slide positions (scene only).
    public var drawerInit = 0.0, drawerGoal = 0.0, windowInit = 0.0, windowGoal = 0.0
}

/// The five evaluation tasks of every family, as OGBench defines them.
enum ManipulationTaskTable {
    static func tasks(_ family: ManipulationFamily) -> [ManipulationTaskSpec] {
        switch family {
        case let .cube(count): return cubeTasks(count)
        case .scene: return sceneTasks
        case let .puzzle(rows, columns): return puzzleTasks(rows: rows, columns: columns)
        }
    }

    private static func cubes(_ name: String, _ initial: [(Double, Double, Double)], _ goal: [(Double, Double, Double)]) -> ManipulationTaskSpec {
        ManipulationTaskSpec(name: name, cubeInit: initial.map { SIMD3($0.0, $0.1, $0.2) },
                             cubeGoal: goal.map { SIMD3($0.0, $0.1, $0.2) })
    }

    private static func flat(_ points: [(Double, Double)]) -> [(Double, Double, Double)] { points.map { ($0.0, $0.1, 0.02) } }

    private static func cubeTasks(_ count: Int) -> [ManipulationTaskSpec] {
        switch count {
        case 1:
            return [
                cubes("horizontal", flat([(0.425, 0.1)]), flat([(0.425, -0.1)])),
                cubes("vertical1", flat([(0.35, 0)]), flat([(0.5, 0)])),
                cubes("vertical2", flat([(0.5, 0)]), flat([(0.35, 0)])),
                cubes("diagonal1", flat([(0.35, -0.2)]), flat([(0.5, 0.2)])),
                cubes("diagonal2", flat([(0.35, 0.2)]), flat([(0.5, -0.2)])),
            ]
        case 2:
            return [
                cubes("single_pnp", flat([(0.425, 0), (0.425, -0.1)]), flat([(0.425, 0), (0.425, 0.1)])),
                cubes("double_pnp1", flat([(0.35, -0.1), (0.5, -0.1)]), flat([(0.35, 0.1), (0.5, 0.1)])),
                cubes("double_pnp2", flat([(0.35, 0), (0.5, 0)]), flat([(0.425, -0.2), (0.425, 0.2)])),
                cubes("swap", flat([(0.425, -0.1), (0.425, 0.1)]), flat([(0.425, 0.1), (0.425, -0.1)])),
                cubes("stack", flat([(0.425, -0.2), (0.425, 0.2)]), [(0.425, 0, 0.02), (0.425, 0, 0.06)]),
            ]
        case 3:
            return [
                cubes("single_pnp", flat([(0.35, -0.1), (0.35, 0.1), (0.5, -0.1)]), flat([(0.35, -0.1), (0.35, 0.1), (0.5, 0.1)])),
                cubes("triple_pnp", flat([(0.35, -0.2), (0.35, 0), (0.35, 0.2)]), flat([(0.5, 0), (0.5, 0.2), (0.5, -0.2)])),
                cubes("pnp_from_stack", [(0.425, 0.2, 0.02), (0.425, 0.2, 0.06), (0.425, 0.2, 0.10)],
                      flat([(0.35, -0.1), (0.5, -0.2), (0.5, 0)])),
                cubes("cycle", flat([(0.35, 0), (0.5, -0.1), (0.5, 0.1)]), flat([(0.5, -0.1), (0.5, 0.1), (0.35, 0)])),
                cubes("stack", flat([(0.35, -0.1), (0.5, -0.2), (0.5, 0)]),
                      [(0.425, 0.2, 0.02), (0.425, 0.2, 0.06), (0.425, 0.2, 0.10)]),
            ]
        case 4:
            return [
                cubes("double_pnp", flat([(0.35, -0.1), (0.35, 0.1), (0.5, -0.1), (0.5, 0.1)]),
                      flat([(0.35, -0.25), (0.35, 0.1), (0.5, -0.1), (0.5, 0.25)])),
                cubes("quadruple_pnp", flat([(0.325, -0.2), (0.325, 0.2), (0.525, -0.2), (0.525, 0.2)]),
                      flat([(0.375, 0.1), (0.475, 0.1), (0.375, -0.1), (0.475, -0.1)])),
                cubes("pnp_from_square", [(0.425, -0.02, 0.02), (0.425, 0.02, 0.02), (0.425, -0.02, 0.06), (0.425, 0.02, 0.06)],
                      flat([(0.525, -0.2), (0.325, 0.2), (0.325, -0.2), (0.525, 0.2)])),
                cubes("cycle", flat([(0.525, -0.1), (0.525, 0.1), (0.325, 0.1), (0.325, -0.1)]),
                      flat([(0.525, 0.1), (0.325, 0.1), (0.325, -0.1), (0.525, -0.1)])),
                cubes("stack", flat([(0.5, -0.05), (0.5, -0.2), (0.35, -0.2), (0.35, -0.05)]),
                      [(0.425, 0.2, 0.02), (0.425, 0.2, 0.06), (0.425, 0.2, 0.10), (0.425, 0.2, 0.14)]),
            ]
        default:
            return [
                cubes("quadruple_pnp",
                      flat([(0.325, -0.15), (0.425, -0.15), (0.425, -0.05), (0.525, -0.05), (0.325, 0.05), (0.425, 0.05), (0.425, 0.15), (0.525, 0.15)]),
                      flat([(0.525, 0.05), (0.425, -0.15), (0.425, -0.05), (0.325, 0.15), (0.525, -0.15), (0.425, 0.05), (0.425, 0.15), (0.325, -0.05)])),
                cubes("octuple_pnp1",
                      flat([(0.4, -0.15), (0.4, -0.05), (0.4, 0.05), (0.4, 0.15), (0.45, -0.15), (0.45, -0.05), (0.45, 0.05), (0.45, 0.15)]),
                      flat([(0.525, 0.2), (0.525, 0), (0.525, -0.2), (0.425, -0.2), (0.325, -0.2), (0.325, 0), (0.325, 0.2), (0.425, 0.2)])),
                cubes("octuple_pnp2",
                      flat([(0.32, -0.15), (0.32, 0.05), (0.39, -0.05), (0.39, 0.15), (0.46, -0.15), (0.46, 0.05), (0.53, -0.05), (0.53, 0.15)]),
                      flat([(0.32, 0.15), (0.46, 0.15), (0.39, 0.05), (0.53, 0.05), (0.32, -0.05), (0.46, -0.05), (0.39, -0.15), (0.53, -0.15)])),
                cubes("stack1",
                      [(0.4, -0.025, 0.02), (0.4, -0.025, 0.06), (0.4, 0.025, 0.02), (0.4, 0.025, 0.06),
                       (0.45, -0.025, 0.02), (0.45, -0.025, 0.06), (0.45, 0.025, 0.02), (0.45, 0.025, 0.06)],
                      [(0.525, 0.05, 0.02), (0.525, -0.05, 0.02), (0.425, -0.15, 0.06), (0.425, -0.15, 0.02),
                       (0.425, 0.15, 0.06), (0.425, 0.15, 0.02), (0.325, -0.05, 0.02), (0.325, 0.05, 0.02)]),
                cubes("stack2",
                      [(0.5, 0.2, 0.06), (0.5, 0.2, 0.02), (0.5, -0.2, 0.06), (0.5, -0.2, 0.02),
                       (0.35, -0.2, 0.06), (0.35, -0.2, 0.02), (0.35, 0.2, 0.06), (0.35, 0.2, 0.02)],
                      [(0.325, 0, 0.02), (0.325, 0, 0.06), (0.425, 0.2, 0.02), (0.425, 0.2, 0.06),
                       (0.525, 0, 0.02), (0.525, 0, 0.06), (0.425, -0.2, 0.02), (0.425, -0.2, 0.06)]),
            ]
        }
    }

    private static func scene(_ name: String, cube: (Double, Double, Double), buttons: [Int], drawer: Double, window: Double,
                              goalCube: (Double, Double, Double), goalButtons: [Int], goalDrawer: Double, goalWindow: Double) -> ManipulationTaskSpec {
        ManipulationTaskSpec(name: name, cubeInit: [SIMD3(cube.0, cube.1, cube.2)], cubeGoal: [SIMD3(goalCube.0, goalCube.1, goalCube.2)],
                             buttonInit: buttons, buttonGoal: goalButtons, drawerInit: drawer, drawerGoal: goalDrawer,
                             windowInit: window, windowGoal: goalWindow)
    }

    private static let sceneTasks: [ManipulationTaskSpec] = [
        scene("open", cube: (0.35, 0.05, 0.02), buttons: [1, 1], drawer: 0, window: 0,
              goalCube: (0.35, 0.05, 0.02), goalButtons: [1, 1], goalDrawer: -0.16, goalWindow: 0.2),
        scene("unlock_and_lock", cube: (0.35, -0.05, 0.02), buttons: [0, 0], drawer: -0.16, window: 0.2,
              goalCube: (0.35, -0.05, 0.02), goalButtons: [0, 0], goalDrawer: 0, goalWindow: 0),
        scene("rearrange_medium", cube: (0.4, -0.05, 0.02), buttons: [1, 0], drawer: 0, window: 0.2,
              goalCube: (0.4, 0.15, 0.02), goalButtons: [1, 1], goalDrawer: -0.16, goalWindow: 0),
        scene("put_in_drawer", cube: (0.35, 0.05, 0.02), buttons: [0, 0], drawer: 0, window: 0,
              goalCube: (0.33, -0.356, 0.065986), goalButtons: [1, 0], goalDrawer: 0, goalWindow: 0),
        scene("rearrange_hard", cube: (0.35, 0.15, 0.02), buttons: [0, 0], drawer: 0, window: 0,
              goalCube: (0.33, -0.356, 0.065986), goalButtons: [0, 0], goalDrawer: 0, goalWindow: 0.2),
    ]

    /// Rows of 0/1 characters to a row-major state list.
    private static func grid(_ rows: String) -> [Int] {
        rows.split(separator: "/").flatMap { $0.map { $0 == "1" ? 1 : 0 } }
    }

    private static func puzzleTasks(rows: Int, columns: Int) -> [ManipulationTaskSpec] {
        let pairs: [(String, String)]
        let zeros = Array(repeating: String(repeating: "0", count: columns), count: rows).joined(separator: "/")
        let ones = Array(repeating: String(repeating: "1", count: columns), count: rows).joined(separator: "/")
        switch (rows, columns) {
        case (3, 3):
            pairs = [(zeros, "110/101/011"), (ones, "011/111/111"), ("010/111/010", "101/010/101"),
                     ("010/101/010", ones), (ones, "101/101/101")]
        case (4, 4):
            pairs = [(zeros, ones), (ones, "1111/1001/1001/1111"), ("1000/0000/0000/0001", "0101/1010/0101/1010"),
                     ("1001/1001/1001/1001", zeros), ("0101/0010/0001/1000", zeros)]
        case (4, 5):
            pairs = [("11011/01010/01010/11011", zeros), (zeros, ones), ("00000/00100/00100/00000", "11111/10001/10001/11111"),
                     (zeros, "00000/00100/00100/00000"), (zeros, "10001/01110/01110/10001")]
        default:
            pairs = [("110111/001010/010100/111011", zeros), (ones, zeros), (zeros, "111110/110101/101011/011111"),
                     ("010101/101010/010101/101010", "100001/000000/000000/100001"), (zeros, "100001/011110/011110/100001")]
        }
        return pairs.enumerated().map { index, pair in
            ManipulationTaskSpec(name: "task\(index + 1)", buttonInit: grid(pair.0), buttonGoal: grid(pair.1))
        }
    }
}
