/// What a manipulation family puts on the table and the rules its objects follow (dm_control's
/// `Task`), behind the arm, gripper and episode loop that every ``ManipulationEnvironment``
/// shares: where the objects go at a reset in either mode, which subtasks data collection
/// draws, how a pressed button toggles, what the objects add to the observation, and the guards
/// that run after physics.
///
/// The environment calls these in OGBench's order, so every family draws a seed's random
/// numbers in the same sequence: the arm first, then cubes, buttons and furniture.
/// ``ManipulationFamily/makeTask()`` gives each family's task.
protocol ManipulationTask: Sendable {
    /// Whether the gripper stays closed throughout (the puzzles press buttons with closed fingers).
    var gripperStaysClosed: Bool { get }

    /// Data-collection reset: random poses and states for every object (the arm is placed).
    func randomizeObjects(in world: ManipulationWorld, random: inout NumpyRandomState) throws

    /// Task reset, first half: the objects in the goal of `spec`, with cube `i` at `cubeGoals[i]`
    /// (the task's goals after the reset's cube permutation).
    func placeGoal(of spec: ManipulationTaskSpec, cubeGoals: [SIMD3<Double>], in world: ManipulationWorld) throws

    /// Task reset, second half: the objects at the start of `spec` with the reset's noise, cube
    /// `i` near `cubeStarts[i]` with its ghost on `cubeGoals[i]`, and the goal set as target.
    func placeStart(of spec: ManipulationTaskSpec, cubeStarts: [SIMD3<Double>], cubeGoals: [SIMD3<Double>],
                    in world: ManipulationWorld, random: inout NumpyRandomState) throws

    /// The next data-collection subtask, with its target set in `world` (§7.4).
    func drawSubtask(in world: ManipulationWorld, stackProbability: Double,
                     random: inout NumpyRandomState) throws -> ManipulationSubtask

    /// What pressing `button` does to the button states.
    func press(_ button: Int, states: inout [Int])

    /// Runs after each environment step's physics, before buttons toggle; `mode` is the
    /// environment's. The default does nothing.
    func guardObjects(in world: ManipulationWorld, mode: ManipulationEnvironment.Mode,
                      random: inout NumpyRandomState) throws

    /// Appends the objects' part of the state observation (§4.2).
    func appendObservation(of world: ManipulationWorld, to out: inout [Float])
}

extension ManipulationTask {
    var gripperStaysClosed: Bool { false }

    func press(_ button: Int, states: inout [Int]) { states[button] ^= 1 }

    func guardObjects(in world: ManipulationWorld, mode: ManipulationEnvironment.Mode,
                      random: inout NumpyRandomState) throws {}
}

extension ManipulationFamily {
    /// The family's task: what its objects are and how they behave.
    func makeTask() -> any ManipulationTask {
        switch self {
        case .cube: return CubeTask(family: self)
        case .scene: return SceneTask()
        case let .puzzle(rows, columns): return PuzzleTask(rows: rows, columns: columns)
        }
    }
}
