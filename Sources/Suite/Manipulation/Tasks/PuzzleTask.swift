/// The "Lights Out" puzzles: a rows×columns grid of buttons, where a press toggles the button
/// and its four neighbours, pressed with the gripper closed.
struct PuzzleTask: ManipulationTask {
    let rows: Int, columns: Int

    var gripperStaysClosed: Bool { true }

    func randomizeObjects(in world: ManipulationWorld, random: inout NumpyRandomState) throws {
        try world.randomizeButtons(random: &random)
    }

    func placeGoal(of spec: ManipulationTaskSpec, cubeGoals: [SIMD3<Double>], in world: ManipulationWorld) throws {
        try world.setButtons(spec.buttonGoal)
    }

    func placeStart(of spec: ManipulationTaskSpec, cubeStarts: [SIMD3<Double>], cubeGoals: [SIMD3<Double>],
                    in world: ManipulationWorld, random: inout NumpyRandomState) throws {
        try world.setButtons(spec.buttonInit, targets: spec.buttonGoal)
    }

    /// A random button, whose target is its other state.
    func drawSubtask(in world: ManipulationWorld, stackProbability: Double,
                     random: inout NumpyRandomState) throws -> ManipulationSubtask {
        let button = Int(random.uniform(0, Double(rows * columns)))
        world.targetButtonStates[button] = world.buttonStates[button] ^ 1
        return .button(button)
    }

    func press(_ button: Int, states: inout [Int]) {
        let r = button / columns, c = button % columns
        for (dr, dc) in [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)] {
            let nr = r + dr, nc = c + dc
            if nr >= 0, nr < rows, nc >= 0, nc < columns { states[nr * columns + nc] ^= 1 }
        }
    }

    func appendObservation(of world: ManipulationWorld, to out: inout [Float]) {
        world.appendButtonObservations(to: &out)
    }
}
