import Foundation

/// The cubes' share of resets, subtasks and observations, for every family with cubes.
extension ManipulationWorld {
    /// Every cube at a random spot in `bounds` (x, then y, then a random yaw, cube by cube),
    /// at rest on the table.
    func scatterCubes(in bounds: (SIMD2<Double>, SIMD2<Double>), random: inout NumpyRandomState) {
        let (low, high) = bounds
        for i in 0..<cubeQpos.count {
            let x = random.uniform(low.x, high.x), y = random.uniform(low.y, high.y)
            setCube(i, position: SIMD3(x, y, 0.02), quaternion: Self.zRotation(random.uniform(0, 2 * .pi)))
            for k in 0..<6 { simulation.qvel[cubeDof[i] + k] = 0 }
        }
    }

    /// Cube `i` and its ghost on `goals[i]`, upright.
    func placeCubesOnGoals(_ goals: [SIMD3<Double>]) {
        for (i, goal) in goals.enumerated() {
            setCube(i, position: goal, quaternion: SIMD4(1, 0, 0, 0))
            setGhost(i, position: goal, quaternion: SIMD4(1, 0, 0, 0))
        }
    }

    /// Cube `i` within ±1 cm of `starts[i]` in x and y with a random yaw, its ghost on `goals[i]`.
    func placeCubes(near starts: [SIMD3<Double>], goals: [SIMD3<Double>], random: inout NumpyRandomState) {
        for (i, start) in starts.enumerated() {
            let x = start.x + random.uniform(-0.01, 0.01), y = start.y + random.uniform(-0.01, 0.01)
            setCube(i, position: SIMD3(x, y, start.z), quaternion: Self.zRotation(random.uniform(0, 2 * .pi)))
            setGhost(i, position: goals[i], quaternion: SIMD4(1, 0, 0, 0))
        }
    }

    /// Cubes with no other cube above them within 2 cm in xy.
    func topCubes(among candidates: [Int]) -> [Int] {
        candidates.filter { i in
            let p = cubePosition(i)
            return !(0..<cubeQpos.count).contains { j in
                guard j != i else { return false }
                let q = cubePosition(j)
                let d = SIMD2(p.x - q.x, p.y - q.y)
                return q.z > p.z && (d * d).sum().squareRoot() < 0.02
            }
        }
    }

    /// A cube subtask (§7.4): a top cube among `available` goes to a random spot in `bounds`,
    /// onto another top cube (with `stackProbability`) or, when `drawer` is given and the drawer
    /// is open, sometimes into it. Only the target's ghost is shown. Returns the target cube.
    func drawCubeTarget(among available: [Int], bounds: (SIMD2<Double>, SIMD2<Double>), stackProbability: Double,
                        drawer: SIMD3<Double>?, random: inout NumpyRandomState) -> Int {
        let top = topCubes(among: available)
        let target = top[min(Int(random.uniform(0, Double(top.count))), top.count - 1)]
        let intoDrawer = drawer != nil && drawerPosition < -0.12 && random.uniform(0, 1) < 0.3
        let stack = top.count >= 2 && random.uniform(0, 1) < stackProbability
        var goal: SIMD3<Double>
        if intoDrawer, let drawer {
            goal = drawer
            goal.x += random.uniform(-0.005, 0.005)
            goal.y += random.uniform(-0.005, 0.005)
        } else if stack {
            let others = top.filter { $0 != target }
            let base = cubePosition(others[min(Int(random.uniform(0, Double(others.count))), others.count - 1)])
            goal = base + SIMD3(0, 0, 0.04)
        } else {
            let (low, high) = bounds
            goal = SIMD3(random.uniform(low.x, high.x), random.uniform(low.y, high.y), 0.02)
        }
        let yaw = random.uniform(0, 2 * .pi)
        for i in 0..<cubeQpos.count {
            if i == target {
                setGhost(i, position: goal, quaternion: Self.zRotation(yaw))
            } else {
                setGhost(i, position: SIMD3(0, 0, -0.3), quaternion: SIMD4(1, 0, 0, 0))
            }
        }
        updateCubeColors(cubeSuccesses: successes().cubes) { $0 == target }
        return target
    }

    /// Each cube's scaled position, quaternion and yaw's cosine and sine (§4.2).
    func appendCubeObservations(to out: inout [Float]) {
        for i in 0..<cubeQpos.count {
            Self.appendScaledPosition(cubePosition(i), to: &out)
            let q = cubeQuaternion(i)
            for k in 0..<4 { out.append(Float(q[k])) }
            let cubeYaw = Self.yaw(q)
            out.append(Float(cos(cubeYaw))); out.append(Float(sin(cubeYaw)))
        }
    }

    /// A position in the observation's frame: (x − 0.425, y, z) × 10.
    static func appendScaledPosition(_ p: SIMD3<Double>, to out: inout [Float]) {
        out.append(Float((p.x - 0.425) * 10)); out.append(Float(p.y * 10)); out.append(Float(p.z * 10))
    }
}
