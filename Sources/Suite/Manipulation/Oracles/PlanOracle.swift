import Foundation

/// OGBench's open-loop ("plan") scripted oracles (§7.2), which collect the `play` datasets. At
/// reset the oracle lays out keyframes for its subtask (gripper poses, grasp values, jittered
/// times), samples them every control step (0.05 s) into a plan of absolute targets (position,
/// yaw, grasp), and adds temporally smoothed Gaussian noise. Each action then moves toward the
/// plan entry for the time elapsed since the reset; the oracle is done at the plan's last entry.
public struct PlanOracle: SubtaskOracle, Sendable {
    /// One keyframe: the pinch point, the gripper yaw and the grasp value (0 open, 1 closed).
    struct Keyframe {
        var time: Double
        var position: SIMD3<Double>
        var yaw: Double
        var grasp: Double
    }

    /// The subtask being solved.
    public let subtask: ManipulationSubtask
    public private(set) var isDone = false
    /// Plan entries (x, y, z, yaw, grasp), one per control step.
    private(set) var plan: [SIMD8<Double>] = []
    private let startTime: Double

    /// Keyframes are `segment` seconds apart before jitter (OGBench's `segment_dt`).
    static let segment = 0.4
    static let controlTimestep = 0.05

    /// Plans `subtask` from the environment's current state, drawing the final pose, the
    /// keyframe randomness and the plan noise from `random` in OGBench's order. `noise` scales
    /// the per-dimension noise (0.05, 0.05, 0.05, 0.3, 1); `smoothing` is the σ, in steps, of
    /// the Gaussian filter along time.
    public init(subtask: ManipulationSubtask, environment: ManipulationEnvironment, random: inout NumpyRandomState,
                noise: Double = 0.1, smoothing: Double = 0.5) {
        self.subtask = subtask
        startTime = environment.simulation.time
        let world = environment.world
        let initial = Keyframe(time: 0, position: world.effectorPosition, yaw: world.effectorYaw, grasp: 0)
        let (low, high) = environment.family.armSamplingBounds
        let finalPosition = SIMD3((0..<3).map { random.uniform(low[$0], high[$0]) })
        let finalYaw = random.uniform(-.pi, .pi)
        let final = Keyframe(time: 0, position: finalPosition, yaw: finalYaw, grasp: 0)
        let keyframes: [Keyframe]
        switch subtask {
        case let .cube(i):
            keyframes = Self.cubeKeyframes(initial: initial, final: final, block: (world.cubePosition(i), world.cubeYaw(i)),
                                           goal: (world.ghostPosition(i), world.ghostYaw(i)), random: &random)
        case let .button(i):
            keyframes = Self.buttonKeyframes(initial: initial, final: final, top: world.buttonTop(i),
                                             alwaysClosed: environment.task.gripperStaysClosed, random: &random)
        case .drawer:
            keyframes = Self.slideKeyframes(initial: initial, final: final, handle: world.drawerHandlePosition,
                                            handleYaw: world.drawerHandleYaw, target: world.drawerTargetHandlePosition,
                                            approach: 0.12, random: &random)
        case .window:
            keyframes = Self.slideKeyframes(initial: initial, final: final, handle: world.windowHandlePosition,
                                            handleYaw: world.windowHandleYaw, target: world.windowTargetHandlePosition,
                                            approach: 0.06, random: &random)
        }
        plan = Self.sample(keyframes)
        Self.addSmoothedNoise(to: &plan, scale: noise, sigma: smoothing, random: &random)
    }

    /// The next action in [−1, 1]⁵: the difference between the plan entry for the elapsed time
    /// and the current effector position, yaw (not wrapped) and gripper opening, over the action
    /// scale.
    public mutating func action(_ environment: ManipulationEnvironment) -> [Float] {
        var index = Int(((environment.simulation.time - startTime + 1e-7) / Self.controlTimestep).rounded(.down))
        if index >= plan.count - 1 {
            index = plan.count - 1
            isDone = true
        }
        let world = environment.world, entry = plan[index], effector = world.effectorPosition
        let difference = [entry[0] - effector.x, entry[1] - effector.y, entry[2] - effector.z,
                          entry[3] - world.effectorYaw, entry[4] - world.gripperOpening]
        return (0..<5).map { Float(min(max(difference[$0] / ManipulationEnvironment.actionScale[$0], -1), 1)) }
    }

    // MARK: Keyframes

    /// `yaw` in [0, 2π) (OGBench's `get_yaw`).
    static func positiveYaw(_ yaw: Double) -> Double {
        let wrapped = ManipulationEnvironment.wrap(yaw)
        return wrapped < 0 ? wrapped + 2 * .pi : wrapped
    }

    /// Adds U(−1, 1)·`scale`·segment to every time after the first (in order).
    private static func jitter(_ frames: inout [Keyframe], scale: Double, random: inout NumpyRandomState) {
        for k in 1..<frames.count { frames[k].time += random.uniform(-1, 1) * segment * scale }
    }

    /// Times from durations (in segments) between consecutive keyframes.
    private static func setTimes(_ frames: inout [Keyframe], durations: [Double]) {
        for k in 1..<frames.count { frames[k].time = frames[k - 1].time + segment * durations[k - 1] }
    }

    /// Pick the block (from above, at a random height 0.1–0.2), carry it through a clearance
    /// point, place it on the goal (yaws by 90° symmetry), leave for the final pose.
    static func cubeKeyframes(initial: Keyframe, final: Keyframe, block: (SIMD3<Double>, Double),
                              goal: (SIMD3<Double>, Double), random: inout NumpyRandomState) -> [Keyframe] {
        let blockYaw = MarkovOracle.shortestYaw(positiveYaw(initial.yaw), positiveYaw(block.1), symmetry: 4)
        let pick = Keyframe(time: 0, position: block.0 + SIMD3(0, 0, 0.1 + random.uniform(0, 0.1)), yaw: blockYaw, grasp: 0)
        let atBlock = Keyframe(time: 0, position: block.0, yaw: blockYaw, grasp: 0)
        let goalYaw = MarkovOracle.shortestYaw(positiveYaw(blockYaw), positiveYaw(goal.1), symmetry: 4)
        let place = Keyframe(time: 0, position: goal.0 + SIMD3(0, 0, 0.1 + random.uniform(0, 0.1)), yaw: goalYaw, grasp: 1)
        let atGoal = Keyframe(time: 0, position: goal.0, yaw: goalYaw, grasp: 1)
        let (middle, middleYaw) = midpoint(pick.position, pick.yaw, place.position, place.yaw)
        let offset = SIMD3(random.uniform(-0.1, 0.1), random.uniform(-0.1, 0.1), random.uniform(0, 0.2))
        let clearance = Keyframe(time: 0, position: SIMD3(middle.x, middle.y, initial.position.z) + offset,
                                 yaw: middleYaw, grasp: 1)
        var frames = [initial, pick, atBlock, atBlock, pick, clearance, place, atGoal, atGoal, place, final]
        // Grasp: open until the block is reached, closed from pick_end, open again from place_end.
        for k in frames.indices { frames[k].grasp = (3...7).contains(k) ? 1 : 0 }
        setTimes(&frames, durations: [1, 1.5, 1, 1, 1, 1, 1.5, 1, 1, 1])
        jitter(&frames, scale: 0.2, random: &random)
        return frames
    }

    /// Hover 6 cm over the button top, push 2.5 cm below it, come back up, leave. The hover and
    /// press poses take the button's x coordinate as yaw (OGBench's quirk).
    static func buttonKeyframes(initial: Keyframe, final: Keyframe, top: SIMD3<Double>, alwaysClosed: Bool,
                                random: inout NumpyRandomState) -> [Keyframe] {
        let over = Keyframe(time: 0, position: top + SIMD3(0, 0, 0.06), yaw: top.x, grasp: 1)
        let press = Keyframe(time: 0, position: top - SIMD3(0, 0, 0.025), yaw: top.x, grasp: 1)
        var frames = [initial, over, press, over, final]
        for k in frames.indices { frames[k].grasp = alwaysClosed || (1...3).contains(k) ? 1 : 0 }
        let reach = distance(initial.position, over.position)
        setTimes(&frames, durations: [0.5 + 4 * reach, 0.8, 0.8, 1.25])
        jitter(&frames, scale: 0.1, random: &random)
        return frames
    }

    /// Approach the handle from `approach` above, grasp it, slide it to the target, release,
    /// rise, leave. Yaws follow the handle with 180° symmetry.
    static func slideKeyframes(initial: Keyframe, final: Keyframe, handle: SIMD3<Double>, handleYaw: Double,
                               target: SIMD3<Double>, approach: Double, random: inout NumpyRandomState) -> [Keyframe] {
        let yaw = MarkovOracle.shortestYaw(positiveYaw(initial.yaw), positiveYaw(handleYaw), symmetry: 2)
        let lift = SIMD3<Double>(0, 0, approach)
        let above = Keyframe(time: 0, position: handle + lift, yaw: yaw, grasp: 0)
        let atHandle = Keyframe(time: 0, position: handle, yaw: yaw, grasp: 0)
        let atTarget = Keyframe(time: 0, position: target, yaw: yaw, grasp: 0)
        let clearance = Keyframe(time: 0, position: target + lift, yaw: yaw, grasp: 0)
        var frames = [initial, above, atHandle, atHandle, atTarget, atTarget, clearance, final]
        for k in frames.indices { frames[k].grasp = (3...4).contains(k) ? 1 : 0 }
        setTimes(&frames, durations: [1, 0.5, 0.5, 0.5, 0.5, 0.5, 1])
        jitter(&frames, scale: 0.1, random: &random)
        return frames
    }

    /// The SE(3) geodesic midpoint of two gripper poses that rotate about z only: yaw halfway
    /// along the shorter arc, and the position on the screw motion between them (in the plane,
    /// t₀ + R(a)·((e^{iθ/2} − 1)/(e^{iθ} − 1))·R(a)ᵀ(t₁ − t₀) with θ the wrapped yaw difference;
    /// linear in z).
    static func midpoint(_ p0: SIMD3<Double>, _ yaw0: Double, _ p1: SIMD3<Double>, _ yaw1: Double)
        -> (SIMD3<Double>, Double) {
        let theta = ManipulationEnvironment.wrap(yaw1 - yaw0)
        // The complex factor (e^{iθ/2} − 1)/(e^{iθ} − 1) = 1/(e^{iθ/2} + 1), which is ½ at θ = 0.
        let denominatorRe = cos(theta / 2) + 1, denominatorIm = sin(theta / 2)
        let norm = denominatorRe * denominatorRe + denominatorIm * denominatorIm
        let factorRe = denominatorRe / norm, factorIm = -denominatorIm / norm
        // In the world frame the factor commutes with the rotation R(a) (both are complex numbers).
        let dx = p1.x - p0.x, dy = p1.y - p0.y
        let mx = factorRe * dx - factorIm * dy, my = factorIm * dx + factorRe * dy
        return (SIMD3(p0.x + mx, p0.y + my, p0.z + (p1.z - p0.z) / 2), ManipulationEnvironment.wrap(yaw0 + theta / 2))
    }

    // MARK: Plan

    /// Samples the keyframes every control step from t = 0 while t < the last keyframe's time:
    /// positions and grasps piecewise linear, yaw along the shorter arc between the surrounding
    /// keyframes, reported in (−π, π].
    static func sample(_ frames: [Keyframe]) -> [SIMD8<Double>] {
        var plan: [SIMD8<Double>] = []
        let end = frames[frames.count - 1].time
        var t = 0.0, segmentIndex = 0
        while t < end {
            while segmentIndex + 2 < frames.count, frames[segmentIndex + 1].time <= t { segmentIndex += 1 }
            let a = frames[segmentIndex], b = frames[segmentIndex + 1]
            let alpha = min(max((t - a.time) / (b.time - a.time), 0), 1)
            let position = a.position + (b.position - a.position) * alpha
            let yaw = ManipulationEnvironment.wrap(a.yaw + alpha * ManipulationEnvironment.wrap(b.yaw - a.yaw))
            plan.append(SIMD8(position.x, position.y, position.z, yaw, a.grasp + (b.grasp - a.grasp) * alpha, 0, 0, 0))
            t += controlTimestep
        }
        return plan
    }

    /// Adds N(0, 1)·(0.05, 0.05, 0.05, 0.3, 1)·`scale` per entry (row by row), each dimension
    /// smoothed along time by a Gaussian filter of σ = `sigma` steps truncated at 4σ, with
    /// mirrored edges (scipy's `gaussian_filter1d`, mode "reflect").
    static func addSmoothedNoise(to plan: inout [SIMD8<Double>], scale: Double, sigma: Double,
                                 random: inout NumpyRandomState) {
        guard scale > 0, !plan.isEmpty else { return }
        let n = plan.count
        let dimensionScale = ManipulationEnvironment.actionScale
        var noise = [Double](repeating: 0, count: n * 5)
        for r in 0..<n {
            for d in 0..<5 { noise[r * 5 + d] = random.standardNormal() * dimensionScale[d] * scale }
        }
        let weights = gaussianWeights(sigma: sigma)
        let radius = weights.count / 2
        func mirrored(_ i: Int) -> Int {
            var i = i
            while i < 0 || i >= n { i = i < 0 ? -i - 1 : 2 * n - i - 1 }
            return i
        }
        for r in 0..<n {
            for d in 0..<5 {
                var smoothed = 0.0
                for k in -radius...radius { smoothed += weights[k + radius] * noise[mirrored(r + k) * 5 + d] }
                plan[r][d] += smoothed
            }
        }
    }

    /// Normalised Gaussian weights exp(−x²/2σ²) for x = −r…r, r = ⌊4σ + 0.5⌋.
    static func gaussianWeights(sigma: Double) -> [Double] {
        let radius = Int(4 * sigma + 0.5)
        let raw = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }
}
