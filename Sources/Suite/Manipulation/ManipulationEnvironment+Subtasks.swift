import MuJoCo

extension ManipulationEnvironment {
    /// The scene's "put in drawer" target: the open drawer's centre.
    static let drawerCenter = SIMD3<Double>(0.33, -0.24, 0.066)

    /// Draws the next data-collection subtask (§7.4) and moves the goal markers: a cube on top of
    /// its stack to a random spot (or, with `stackProbability`, onto another top cube; in the
    /// scene sometimes into the open drawer), a button to press, or the drawer or window to
    /// open or close.
    public func setNewTarget(stackProbability: Double) throws {
        precondition(mode == .dataCollection, "subtasks exist in data-collection mode only")
        switch family {
        case .cube:
            try setCubeTarget(available: Array(0..<family.cubeCount), stackProbability: stackProbability, drawer: false)
        case .puzzle:
            let button = Int(random.uniform(0, Double(family.buttonCount)))
            world.targetButtonStates[button] = world.buttonStates[button] ^ 1
            subtask = .button(button)
        case .scene:
            let available = (0..<family.cubeCount).filter { !isInDrawer(world.cubePosition($0)) }
            var weights = [available.isEmpty ? 0 : 1, 1, world.buttonStates[0] == 0 ? 0.25 : 1,
                           world.buttonStates[1] == 0 ? 0.25 : 1]
            let total = weights.reduce(0, +)
            weights = weights.map { $0 / total }
            var u = random.uniform(0, 1), choice = 0
            while choice < 3, u >= weights[choice] { u -= weights[choice]; choice += 1 }
            switch choice {
            case 0:
                try setCubeTarget(available: available, stackProbability: stackProbability, drawer: true)
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
        }
        simulation.computeKinematics()
    }

    /// Cubes with no other cube above them within 2 cm in xy.
    func topCubes(among candidates: [Int]) -> [Int] {
        candidates.filter { i in
            let p = world.cubePosition(i)
            return !(0..<family.cubeCount).contains { j in
                guard j != i else { return false }
                let q = world.cubePosition(j)
                let d = SIMD2(p.x - q.x, p.y - q.y)
                return q.z > p.z && (d * d).sum().squareRoot() < 0.02
            }
        }
    }

    private func setCubeTarget(available: [Int], stackProbability: Double, drawer: Bool) throws {
        let top = topCubes(among: available)
        let target = top[min(Int(random.uniform(0, Double(top.count))), top.count - 1)]
        let intoDrawer = drawer && world.drawerPosition < -0.12 && random.uniform(0, 1) < 0.3
        let stack = top.count >= 2 && random.uniform(0, 1) < stackProbability
        var goal: SIMD3<Double>
        if intoDrawer {
            goal = Self.drawerCenter
            goal.x += random.uniform(-0.005, 0.005)
            goal.y += random.uniform(-0.005, 0.005)
        } else if stack {
            let others = top.filter { $0 != target }
            let base = world.cubePosition(others[min(Int(random.uniform(0, Double(others.count))), others.count - 1)])
            goal = base + SIMD3(0, 0, 0.04)
        } else {
            let (low, high) = family.objectSamplingBounds
            goal = SIMD3(random.uniform(low.x, high.x), random.uniform(low.y, high.y), 0.02)
        }
        let yaw = random.uniform(0, 2 * .pi)
        for i in 0..<family.cubeCount {
            if i == target {
                world.setGhost(i, position: goal, quaternion: ManipulationWorld.zRotation(yaw))
            } else {
                world.setGhost(i, position: SIMD3(0, 0, -0.3), quaternion: SIMD4(1, 0, 0, 0))
            }
        }
        subtask = .cube(target)
        world.updateCubeColors(cubeSuccesses: world.successes().cubes) { $0 == target }
    }

    /// Whether a position lies inside the (moving) drawer box.
    func isInDrawer(_ p: SIMD3<Double>) -> Bool {
        let y = world.drawerHandlePosition.y
        return p.x >= 0.21 && p.x <= 0.45 && p.y >= y - 0.27 && p.y <= y - 0.07 && p.z >= 0 && p.z <= 0.15
    }
}
