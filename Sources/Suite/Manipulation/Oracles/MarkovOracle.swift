import Foundation

/// OGBench's closed-loop ("Markov") scripted oracles (§7.3), one per subtask kind: pick and
/// place a cube, press a button, slide the drawer or window. Each step looks at the current
/// state only; position commands are 5·(target − effector) with a minimum norm of 0.4 before
/// clipping, so the oracle keeps moving and dithers around its targets. These drive the
/// `noisy` datasets and the task solver of `infom eval --policy oracle`.
public struct MarkovOracle: SubtaskOracle, Sendable {
    /// The subtask being solved.
    public private(set) var subtask: ManipulationSubtask
    /// Set once the subtask is achieved and the arm reached its final pose, or after the
    /// step limit.
    public private(set) var isDone = false
    /// The button oracle keeps the gripper closed (the puzzle's setting).
    public let gripperAlwaysClosed: Bool
    private let minimumNorm = 0.4
    private var steps = 0
    private var maxSteps = 200
    private var finalPosition = SIMD3<Double>(0.4, 0, 0.3)
    private var finalYaw = 0.0
    /// Where the cube or handle must go instead of the environment's goal marker.
    private let targetOverride: SIMD3<Double>?
    /// A button subtask is achieved once the button left this state (one press).
    private var pressedState = 0

    /// An oracle for `subtask` of `environment`; draws its final pose from `random`. With
    /// `target`, a cube subtask places the cube there (yaw 0) and a drawer or window subtask
    /// slides the handle there, instead of to the environment's goal.
    public init(subtask: ManipulationSubtask, environment: ManipulationEnvironment, random: inout NumpyRandomState,
                target: SIMD3<Double>? = nil) {
        self.subtask = subtask
        targetOverride = target
        if case let .button(i) = subtask { pressedState = environment.world.buttonStates[i] ^ 1 }
        gripperAlwaysClosed = environment.task.gripperStaysClosed
        var (low, high) = environment.family.armSamplingBounds
        switch subtask {
        case .cube: maxSteps = 200
        case .button: maxSteps = 100
        case .drawer: maxSteps = 75
        case .window: maxSteps = 75; low.z = max(low.z, 0.3)
        }
        finalPosition = SIMD3((0..<3).map { random.uniform(low[$0], high[$0]) })
        finalYaw = random.uniform(-.pi, .pi)
    }

    /// Whether the environment's current state has the subtask achieved and the gripper clear of
    /// the object (above the height from which the oracle only travels to its random final
    /// pose): a task solver moves on to its next subtask from such a state.
    public func isClear(in environment: ManipulationEnvironment) -> Bool {
        let world = environment.world, height = world.effectorPosition.z
        switch subtask {
        case let .cube(i):
            let target = targetOverride ?? world.ghostPosition(i)
            return distance(target, world.cubePosition(i)) <= 0.02 && world.gripperContact < 0.1 && height > 0.16
        case let .button(i):
            return world.buttonStates[i] == pressedState && height > 0.16
        case .drawer:
            return distance(targetOverride ?? world.drawerTargetHandlePosition, world.drawerHandlePosition) <= 0.01 && height > 0.18
        case .window:
            return distance(targetOverride ?? world.windowTargetHandlePosition, world.windowHandlePosition) <= 0.01 && height > 0.28
        }
    }

    /// The next action in [−1, 1]⁵ for the environment's current state.
    public mutating func action(_ environment: ManipulationEnvironment) -> [Float] {
        let world = environment.world
        let effector = world.effectorPosition, yaw = world.effectorYaw
        var action = [Double](repeating: 0, count: 5)
        let achieved: Bool
        switch subtask {
        case let .cube(i): achieved = cubeAction(i, world: world, effector: effector, yaw: yaw, into: &action)
        case let .button(i): achieved = buttonAction(i, world: world, effector: effector, yaw: yaw, into: &action)
        case .drawer:
            achieved = slideAction(handle: world.drawerHandlePosition, handleYaw: world.drawerHandleYaw,
                                   target: targetOverride ?? world.drawerTargetHandlePosition, approach: 0.12, aboveThreshold: 0.18,
                                   closeWhileMoving: false, effector: effector, yaw: yaw, into: &action)
        case .window:
            achieved = slideAction(handle: world.windowHandlePosition, handleYaw: world.windowHandleYaw,
                                   target: targetOverride ?? world.windowTargetHandlePosition, approach: 0.06, aboveThreshold: 0.28,
                                   closeWhileMoving: true, effector: effector, yaw: yaw, into: &action)
        }
        if achieved, distance(finalPosition, effector) <= 0.04 { isDone = true }
        steps += 1
        if steps == maxSteps { isDone = true }
        return action.map { Float(min(max($0, -1), 1)) }
    }

    /// 5·shape(target − effector) into the position part of `action`.
    private func move(to target: SIMD3<Double>, from effector: SIMD3<Double>, into action: inout [Double]) {
        var d = target - effector
        let norm = length(d)
        if norm < minimumNorm { d = d / (norm + 1e-6) * minimumNorm }
        for k in 0..<3 { action[k] = 5 * d[k] }
    }

    /// Rise to `height` above `xy` or, once above `threshold`, go to the final pose.
    private mutating func leave(over xy: SIMD3<Double>, height: Double, threshold: Double, gripper: Double,
                                effector: SIMD3<Double>, yaw: Double, into action: inout [Double]) {
        if effector.z <= threshold {
            move(to: SIMD3(xy.x, xy.y, height), from: effector, into: &action)
        } else {
            move(to: finalPosition, from: effector, into: &action)
        }
        action[3] = 3 * (finalYaw - yaw)
        action[4] = gripper
    }

    private mutating func cubeAction(_ i: Int, world: ManipulationWorld, effector: SIMD3<Double>, yaw: Double,
                                     into action: inout [Double]) -> Bool {
        let block = world.cubePosition(i), target = targetOverride ?? world.ghostPosition(i)
        let blockYaw = Self.shortestYaw(yaw, world.cubeYaw(i), symmetry: 4)
        let targetYaw = Self.shortestYaw(yaw, targetOverride == nil ? world.ghostYaw(i) : 0, symmetry: 4)
        let contact = world.gripperContact
        let closed = contact > 0.5, open = contact < 0.1, above = effector.z > 0.16
        let xyAligned = distanceXY(block, effector) <= 0.04
        let aligned = distance(block, effector) <= 0.02
        let targetXYAligned = distanceXY(target, block) <= 0.04
        let placed = distance(target, block) <= 0.02
        let lift = SIMD3<Double>(0, 0, 0.18)
        if !placed {
            if !xyAligned {
                move(to: block + lift, from: effector, into: &action)
                action[3] = 3 * (blockYaw - yaw); action[4] = -1
            } else if !aligned {
                move(to: block, from: effector, into: &action)
                action[3] = 3 * (blockYaw - yaw); action[4] = -1
            } else if !closed {
                move(to: block, from: effector, into: &action)
                action[3] = 3 * (blockYaw - yaw); action[4] = 1
            } else if !above && !targetXYAligned {
                move(to: SIMD3(block.x, block.y, 0.36), from: effector, into: &action)
                action[3] = 3 * (targetYaw - blockYaw); action[4] = 1
            } else if above && !targetXYAligned {
                move(to: target + lift, from: effector, into: &action)
                action[3] = 3 * (targetYaw - blockYaw); action[4] = 1
            } else {
                move(to: target, from: effector, into: &action)
                action[3] = 3 * (targetYaw - blockYaw); action[4] = 1
            }
            return false
        }
        if !open {
            move(to: target, from: effector, into: &action)
            action[3] = 3 * (targetYaw - blockYaw); action[4] = -1
        } else {
            leave(over: block, height: 0.32, threshold: 0.16, gripper: -1, effector: effector, yaw: yaw, into: &action)
        }
        return true
    }

    private mutating func buttonAction(_ i: Int, world: ManipulationWorld, effector: SIMD3<Double>, yaw: Double,
                                       into action: inout [Double]) -> Bool {
        let top = world.buttonTop(i)
        let over = top + SIMD3(0, 0, 0.06), bottom = top - SIMD3(0, 0, 0.022)
        if world.buttonStates[i] != pressedState {
            move(to: distanceXY(over, effector) <= 0.04 ? bottom : over, from: effector, into: &action)
            action[4] = 1
            return false
        }
        leave(over: over, height: 0.32, threshold: 0.16, gripper: gripperAlwaysClosed ? 1 : -1,
              effector: effector, yaw: yaw, into: &action)
        return true
    }

    private mutating func slideAction(handle: SIMD3<Double>, handleYaw: Double, target: SIMD3<Double>, approach: Double,
                                      aboveThreshold: Double, closeWhileMoving: Bool, effector: SIMD3<Double>, yaw: Double,
                                      into action: inout [Double]) -> Bool {
        let alignedYaw = Self.shortestYaw(yaw, handleYaw, symmetry: 2)
        if distance(target, handle) > 0.01 {
            if distanceXY(handle, effector) > 0.04 {
                move(to: handle + SIMD3(0, 0, approach), from: effector, into: &action)
                action[4] = -1
            } else if distance(handle, effector) > 0.03 {
                move(to: handle, from: effector, into: &action)
                action[4] = -1
            } else {
                move(to: target, from: effector, into: &action)
                action[4] = closeWhileMoving ? 1 : -1
            }
            action[3] = 3 * (alignedYaw - yaw)
            return false
        }
        leave(over: handle, height: 2 * aboveThreshold, threshold: aboveThreshold, gripper: -1,
              effector: effector, yaw: yaw, into: &action)
        return true
    }

    /// Among `object + k·2π/n` (k = −n…n), the angle closest to `effector` (plain difference).
    static func shortestYaw(_ effector: Double, _ object: Double, symmetry n: Int) -> Double {
        var best = object, bestDistance = Double.infinity
        for k in -n...n {
            let candidate = Double(k) * 2 * .pi / Double(n) + object
            if abs(effector - candidate) < bestDistance { best = candidate; bestDistance = abs(effector - candidate) }
        }
        return best
    }
}

func length(_ v: SIMD3<Double>) -> Double { (v * v).sum().squareRoot() }
func distance(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double { length(a - b) }
func distanceXY(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
    let d = SIMD2(a.x - b.x, a.y - b.y)
    return (d * d).sum().squareRoot()
}
