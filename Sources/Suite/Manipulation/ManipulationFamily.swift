/// The OGBench manipulation families: cubes, the scene (cube, buttons, drawer, window) and the
/// "Lights Out" button puzzles, with the per-family constants of the spec (§1, §4.3, §5.1).
public enum ManipulationFamily: Hashable, Sendable {
    /// `count` cubes: 1 (single), 2 (double), 3 (triple), 4 (quadruple) or 8 (octuple).
    case cube(count: Int)
    case scene
    /// A rows×columns grid of buttons: 3×3, 4×4, 4×5 or 4×6.
    case puzzle(rows: Int, columns: Int)

    /// Every family OGBench registers, in listing order.
    public static let all: [ManipulationFamily] = [
        .cube(count: 1), .cube(count: 2), .cube(count: 3), .cube(count: 4), .cube(count: 8), .scene,
        .puzzle(rows: 3, columns: 3), .puzzle(rows: 4, columns: 4), .puzzle(rows: 4, columns: 5),
        .puzzle(rows: 4, columns: 6),
    ]

    /// The env-id stem, for example `cube-double` or `puzzle-4x4`.
    public var stem: String {
        switch self {
        case let .cube(count):
            let names = [1: "single", 2: "double", 3: "triple", 4: "quadruple", 8: "octuple"]
            return "cube-\(names[count] ?? "\(count)")"
        case .scene: return "scene"
        case let .puzzle(rows, columns): return "puzzle-\(rows)x\(columns)"
        }
    }

    /// Steps per evaluation episode (OGBench's TimeLimit).
    public var episodeLength: Int {
        switch self {
        case let .cube(count): return [1: 200, 2: 500, 3: 1000, 4: 1000, 8: 1500][count] ?? 1000
        case .scene: return 750
        case let .puzzle(rows, columns): return rows * columns <= 16 ? 500 : 1000
        }
    }

    /// Number of cubes in the world.
    public var cubeCount: Int {
        switch self {
        case let .cube(count): return count
        case .scene: return 1
        case .puzzle: return 0
        }
    }

    /// Number of buttons in the world.
    public var buttonCount: Int {
        switch self {
        case .cube: return 0
        case .scene: return 2
        case let .puzzle(rows, columns): return rows * columns
        }
    }

    /// Whether the world has the scene's drawer and window.
    public var hasFurniture: Bool { self == .scene }

    /// Length of the state observation: 19 proprioceptive values and the family's objects.
    public var observationSize: Int {
        switch self {
        case .scene: return 19 + 9 + 2 * 4 + 4
        default: return 19 + 9 * cubeCount + 4 * buttonCount
        }
    }

    /// The task a single-task env id without a number (`…-singletask-v0`) uses.
    public var defaultSingleTask: Int {
        switch self {
        case .cube, .scene: return 2
        case let .puzzle(rows, columns): return rows * columns <= 16 ? 4 : 2
        }
    }

    /// Where reset samples the gripper's pinch point (lower and upper corner).
    public var armSamplingBounds: (SIMD3<Double>, SIMD3<Double>) {
        switch self {
        case .cube: return (SIMD3(0.25, -0.35, 0.20), SIMD3(0.6, 0.35, 0.35))
        case .scene: return (SIMD3(0.25, -0.2, 0.20), SIMD3(0.6, 0.2, 0.35))
        case .puzzle: return (SIMD3(0.25, -0.2, 0.20), SIMD3(0.6, 0.2, 0.25))
        }
    }

    /// Where cubes and their goals are sampled in data collection (xy corners).
    public var objectSamplingBounds: (SIMD2<Double>, SIMD2<Double>) {
        switch self {
        case .scene: return (SIMD2(0.3, -0.07), SIMD2(0.45, 0.18))
        default: return (SIMD2(0.3, -0.3), SIMD2(0.55, 0.3))
        }
    }

    /// Environment steps with random actions that settle the goal state before the goal
    /// observation is taken (the puzzle's close the gripper).
    var goalSettleSteps: Int {
        if case .puzzle = self { return 5 }
        return 2
    }

    /// The MJCF text of the family's world, as compiled before the runtime edits (arm gains,
    /// the pixel look): what `infom envs --model-xml` prints, to open in MuJoCo's tools.
    public func modelXML() throws -> String { try ManipulationModel.xml(self) }
}
