/// The scene: one cube, two buttons that lock and unlock the drawer (button 0) and the window
/// (button 1), the drawer and the sliding window.
struct SceneTask: ManipulationTask {
    var family: ManipulationFamily { .scene }

    /// The "put in drawer" target: the open drawer's centre.
    static let drawerCenter = SIMD3<Double>(0.33, -0.24, 0.066)
    static let drawerRange = -0.16...0.0, windowRange = 0.0...0.2

    func randomizeObjects(in world: ManipulationWorld, random: inout NumpyRandomState) throws {
        world.scatterCubes(in: family.objectSamplingBounds, random: &random)
        try world.randomizeButtons(random: &random)
        world.setDrawer(random.uniform(Self.drawerRange.lowerBound, Self.drawerRange.upperBound))
        world.setWindow(random.uniform(Self.windowRange.lowerBound, Self.windowRange.upperBound))
    }

    func placeGoal(of spec: ManipulationTaskSpec, cubeGoals: [SIMD3<Double>], in world: ManipulationWorld) throws {
        world.placeCubesOnGoals(cubeGoals)
        try world.setButtons(spec.buttonGoal)
        world.setDrawer(spec.drawerGoal)
        world.setWindow(spec.windowGoal)
    }

    func placeStart(of spec: ManipulationTaskSpec, cubeStarts: [SIMD3<Double>], cubeGoals: [SIMD3<Double>],
                    in world: ManipulationWorld, random: inout NumpyRandomState) throws {
        world.placeCubes(near: cubeStarts, goals: cubeGoals, random: &random)
        try world.setButtons(spec.buttonInit, targets: spec.buttonGoal)
        world.setDrawer((spec.drawerInit + random.uniform(-0.01, 0.01)).clamped(to: Self.drawerRange))
        world.setWindow((spec.windowInit + random.uniform(-0.01, 0.01)).clamped(to: Self.windowRange))
        world.targetDrawer = spec.drawerGoal
        world.targetWindow = spec.windowGoal
        world.placeTargetSites()
    }

    /// The cube (unless it is in the drawer), the drawer, a button or the window, with weights
    /// 1, 1, and 1 for a button state of 1 or ¼ for a 0 (the first button, then the second; a
    /// button subtask presses either).
    func drawSubtask(in world: ManipulationWorld, stackProbability: Double,
                     random: inout NumpyRandomState) throws -> ManipulationSubtask {
        let available = (0..<family.cubeCount).filter { !world.isInDrawer(world.cubePosition($0)) }
        var weights = [available.isEmpty ? 0 : 1, 1, world.buttonStates[0] == 0 ? 0.25 : 1,
                       world.buttonStates[1] == 0 ? 0.25 : 1]
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        var u = random.uniform(0, 1), choice = 0
        while choice < 3, u >= weights[choice] { u -= weights[choice]; choice += 1 }
        let subtask: ManipulationSubtask
        switch choice {
        case 0:
            subtask = .cube(world.drawCubeTarget(among: available, bounds: family.objectSamplingBounds,
                                                 stackProbability: stackProbability, drawer: Self.drawerCenter, random: &random))
        case 1:
            let button = Int(random.uniform(0, 2))
            world.targetButtonStates[button] = world.buttonStates[button] ^ 1
            subtask = .button(button)
        case 2:
            world.targetDrawer = world.drawerPosition >= -0.08 ? -0.16 : 0
            subtask = .drawer
        default:
            world.targetWindow = world.windowPosition <= 0.1 ? 0.2 : 0
            subtask = .window
        }
        world.placeTargetSites()
        return subtask
    }

    /// In task mode, cubes thrown out of the workspace (by 20 cm) are all re-placed at random.
    func guardObjects(in world: ManipulationWorld, mode: ManipulationEnvironment.Mode,
                      random: inout NumpyRandomState) throws {
        guard mode == .task else { return }
        let low = ManipulationEnvironment.workspace.low - 0.2, high = ManipulationEnvironment.workspace.high + 0.2
        let escaped = (0..<family.cubeCount).contains { i in
            let p = world.cubePosition(i)
            return any(p .<= low) || any(p .>= high)
        }
        guard escaped else { return }
        world.scatterCubes(in: family.objectSamplingBounds, random: &random)
        try world.simulation.forward()
    }

    func appendObservation(of world: ManipulationWorld, to out: inout [Float]) {
        world.appendCubeObservations(to: &out)
        world.appendButtonObservations(to: &out)
        out.append(Float(world.drawerPosition * 18)); out.append(Float(world.drawerVelocity))
        out.append(Float(world.windowPosition * 15)); out.append(Float(world.windowVelocity))
    }
}

private extension Double {
    func clamped(to range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
