import Foundation
import MuJoCo
import Rendering

/// An OGBench manipulation environment (cube, scene, puzzle) on our own world model.
///
/// Actions are 5-D in [−1, 1]: (Δx, Δy, Δz, Δyaw, Δgripper), scaled by (0.05, 0.05, 0.05, 0.3, 1),
/// turned into a pinch-point target clipped to the workspace and into arm joint targets by
/// differential IK; each step runs 25 physics steps of 2 ms. Observations follow OGBench's layout
/// (§4). In task mode an episode evaluates one of the family's five tasks; in data-collection mode
/// the environment draws subtasks for scripted collectors (``setNewTarget(stackProbability:)``).
/// What differs between families (where objects go, which subtasks exist, how buttons toggle,
/// the objects' observation) is the family's ``ManipulationTask``.
public final class ManipulationEnvironment: Environment {
    /// Evaluation tasks, or OGBench's `data_collection` mode.
    public enum Mode: Sendable { case task, dataCollection }
    /// Whether success, reward and termination describe the state before the action (OGBench ≥
    /// 1.2 single-task) or after it (goal-conditioned, and InFOM's pinned OGBench).
    public enum SuccessTiming: Sendable { case pre, post }

    public let id: String
    public let family: ManipulationFamily
    public let mode: Mode
    public let simulation: Simulation
    public let observationSpec: ArraySpec
    public let actionSpec: ArraySpec
    public let episodeLength: Int
    /// The fixed task of a single-task env (1…5), whose reward is −#unsatisfied components.
    public let rewardTask: Int?
    public let successTiming: SuccessTiming
    /// Whether a task-mode episode ends when the task is solved.
    public var terminateAtGoal = true
    /// Whether goal-conditioned resets shuffle which cube goes to which goal.
    public let permuteCubes: Bool
    public var defaultCamera: RenderCamera { .named(pixelObservations ? "front_pixels" : "front") }
    /// The task of the current episode (1…5) in task mode; set before a reset to choose one.
    public var taskID: Int?
    /// The task (1…5) of the current task-mode episode.
    public private(set) var currentTask = 1
    /// The current data-collection subtask.
    public internal(set) var subtask: ManipulationSubtask = .cube(0)
    /// The goal observation of the current task-mode episode.
    public private(set) var goalObservation: [Float] = []
    /// Whether the current state satisfies the task (or subtask).
    public private(set) var isSuccess = false
    /// The buttons' on/off states (0 or 1), in button order; empty without buttons.
    public var buttonStates: [Int] { world.buttonStates }

    let world: ManipulationWorld
    /// The family's objects and their rules.
    let task: any ManipulationTask
    private let pixelObservations: Bool
    private let ik: DifferentialIK
    private let tasks: [ManipulationTaskSpec]
    var random: NumpyRandomState
    private var episode: EpisodeLoop
    /// Pinch-to-attachment rotation and offset (in the pinch frame), from the model at qpos = 0.
    private let pinchToAttachmentRotation: SIMD4<Double>
    private let pinchToAttachmentOffset: SIMD3<Double>
    private var previousButtonPositions: [Double]
    /// Every component's success after the latest physics update (``ManipulationWorld/componentInfoKeys`` order).
    private var componentSuccesses: [Bool] = []

    static let homePose: [Double] = [-.pi / 2, -.pi / 2, .pi / 2, -.pi / 2, -.pi / 2, 0]
    static let workspace = (low: SIMD3<Double>(0.25, -0.35, 0.02), high: SIMD3<Double>(0.6, 0.35, 0.35))
    static let actionScale: [Double] = [0.05, 0.05, 0.05, 0.3, 1]
    static let substeps = 25
    /// Rx(π): the gripper pointing down.
    static let downRotation = SIMD4<Double>(0, 1, 0, 0)

    /// Builds the environment. `pixels` only changes the look (purple, see-through arm; no ghosts);
    /// ``PixelEnvironment`` renders the observations.
    public init(id: String, family: ManipulationFamily, mode: Mode = .task, rewardTask: Int? = nil,
                successTiming: SuccessTiming = .post, permuteCubes: Bool = true, pixels: Bool = false,
                seed: UInt32 = 0) throws {
        self.id = id
        self.family = family
        self.mode = mode
        self.rewardTask = rewardTask
        self.successTiming = successTiming
        self.permuteCubes = permuteCubes
        pixelObservations = pixels
        episodeLength = mode == .dataCollection ? 1001 : family.episodeLength
        episode = EpisodeLoop(length: episodeLength)
        let model = try ManipulationModel.load(family, pixels: pixels)
        simulation = try Simulation(model: model)
        try simulation.use(.implicitFast)
        world = try ManipulationWorld(family: family, simulation: simulation, visualizeInfo: !pixels)
        task = family.makeTask()
        ik = try DifferentialIK(model: model, site: "ur5e/attachment_site")
        tasks = ManipulationTaskTable.tasks(family)
        random = NumpyRandomState(seed: seed)
        previousButtonPositions = Array(repeating: 0, count: family.buttonCount)
        observationSpec = ArraySpec(name: "observations", shape: [family.observationSize], dtype: .float32)
        actionSpec = ArraySpec(name: "action", shape: [5], dtype: .float32,
                               minimum: Array(repeating: -1, count: 5), maximum: Array(repeating: 1, count: 5))
        // T_pa = (pinch pose)⁻¹ ∘ (attachment pose) at qpos = 0.
        simulation.computeKinematics()
        let pinchQuat = simulation.quaternion(of: world.pinchSite)
        let attachQuat = simulation.quaternion(of: world.attachmentSite)
        let inverse = QuaternionMath.conjugate(pinchQuat)
        pinchToAttachmentRotation = QuaternionMath.multiply(inverse, attachQuat)
        pinchToAttachmentOffset = Self.rotate(inverse, simulation.position(of: world.attachmentSite) - simulation.position(of: world.pinchSite))
    }

    /// The five evaluation tasks of the family.
    public var taskSpecs: [ManipulationTaskSpec] { tasks }

    // MARK: Episodes

    public func reset(seed: UInt32?) throws -> [Float] {
        if let seed { random = NumpyRandomState(seed: seed) }
        isSuccess = false
        try EnvironmentError.reportingPhysics(env: id, step: 0) {
            simulation.reset()
            try simulation.forward()
            try initializeEpisode()
        }
        episode.begin()
        return observation()
    }

    /// One environment step. `info` holds `success` (the task, or in data-collection mode the
    /// subtask) and each component's own success after the action: `success/cube_i`,
    /// `success/button_i`, `success/drawer`, `success/window` (1 or 0). The goal of a task-mode
    /// episode is ``goalObservation``.
    public func step(_ action: [Float]) throws -> TimeStep<[Float]> {
        if episode.needsReset {
            return TimeStep(stepType: .first, observation: try reset(seed: nil), reward: 0, discount: 1)
        }
        let (observed, reward, success, terminated) = try advance(action)
        var info = ["success": success ? 1.0 : 0.0]
        for (key, satisfied) in zip(world.componentInfoKeys, componentSuccesses) { info[key] = satisfied ? 1 : 0 }
        return episode.finish(observation: observed, reward: reward, terminated: terminated, info: info)
    }

    /// One environment step in OGBench's order (§3.4); returns observation, reward, success and
    /// termination.
    /// `settling` steps belong to a reset (the goal state's settling): their physics errors
    /// report step 0, and until the reset completes the next step must reset again.
    private func advance(_ action: [Float], settling: Bool = false) throws -> ([Float], Double, Bool, Bool) {
        guard action.count == 5 else { throw EnvironmentError.wrongActionSize(env: id, expected: 5, actual: action.count) }
        for (i, a) in action.enumerated() where !a.isFinite {
            throw EnvironmentError.nonFiniteAction(env: id, index: i, value: a)
        }
        var success = false, reward = 0.0, terminated = false
        if successTiming == .pre { (success, reward, terminated) = outcome(components: world.successes().all) }
        setControl(action)
        for i in 0..<previousButtonPositions.count { previousButtonPositions[i] = world.buttonPosition(i) }
        let physics = {
            for _ in 0..<Self.substeps { try self.simulation.step() }
            self.simulation.computeConstraintForces()
            try self.postStep()
        }
        if settling {
            episode.interrupt()
            try EnvironmentError.reportingPhysics(env: id, step: 0, physics)
        } else {
            try episode.stepPhysics(env: id, physics)
        }
        if successTiming == .post { (success, reward, terminated) = outcome(components: componentSuccesses) }
        return (observation(), reward, success, terminated)
    }

    /// Success, reward and termination, with `components` the state's component successes
    /// (evaluated only for single-task rewards).
    private func outcome(components: @autoclosure () -> [Bool]) -> (success: Bool, reward: Double, terminated: Bool) {
        let reward: Double
        if rewardTask != nil {
            let all = components()
            reward = Double(all.filter { $0 }.count - all.count)
        } else {
            reward = isSuccess ? 1 : 0
        }
        return (isSuccess, reward, mode == .task && terminateAtGoal && isSuccess)
    }

    /// The action → joint targets map (§3.2).
    private func setControl(_ action: [Float]) {
        let scale = Self.actionScale
        let move = SIMD3(Double(action[0]) * scale[0], Double(action[1]) * scale[1], Double(action[2]) * scale[2])
        let target = (world.effectorPosition + move).clamped(lowerBound: Self.workspace.low, upperBound: Self.workspace.high)
        let yaw = Self.wrap(world.effectorYaw + Double(action[3]) * scale[3])
        let opening = min(max(world.gripperOpening + Double(action[4]) * scale[4], 0), 1)
        let q = solveArm(pinch: target, yaw: yaw, start: simulation.qpos)
        for j in 0..<6 { simulation.ctrl[j] = q[j] }
        simulation.ctrl[6] = 255 * opening
    }

    /// Arm angles that put the pinch point at `pinch`, pointing down with `yaw`.
    func solveArm<Start: RandomAccessCollection<Double>>(pinch: SIMD3<Double>, yaw: Double, start: Start) -> [Double]
    where Start.Index == Int {
        let rotation = QuaternionMath.multiply(ManipulationWorld.zRotation(yaw), Self.downRotation)
        let attachment = pinch + Self.rotate(rotation, pinchToAttachmentOffset)
        return ik.solve(position: attachment, quaternion: QuaternionMath.multiply(rotation, pinchToAttachmentRotation), start: start)
    }

    /// Random pinch position in the family's bounds, random yaw, arm solved from home (§5.1).
    private func initializeArm() throws {
        let (low, high) = family.armSamplingBounds
        let position = SIMD3((0..<3).map { random.uniform(low[$0], high[$0]) })
        let yaw = random.uniform(-.pi, .pi)
        let q = solveArm(pinch: position, yaw: yaw, start: Self.homePose)
        for j in 0..<6 { simulation.qpos[j] = q[j] }
        try simulation.forward()
    }

    private func initializeEpisode() throws {
        world.paintCubes()
        for j in 0..<6 { simulation.qpos[j] = Self.homePose[j] }
        simulation.computeKinematics()
        switch mode {
        case .dataCollection: try initializeForCollection()
        case .task: try initializeTask()
        }
        for i in 0..<previousButtonPositions.count { previousButtonPositions[i] = world.buttonPosition(i) }
        try simulation.forward()
        try postStep()
        isSuccess = false
    }

    private func initializeForCollection() throws {
        try initializeArm()
        try task.randomizeObjects(in: world, random: &random)
        try setNewTarget(stackProbability: 0.5)
    }

    private func initializeTask() throws {
        let number = rewardTask ?? taskID ?? (1 + Int(random.uniform(0, 5)))
        guard (1...tasks.count).contains(number) else {
            throw EnvironmentError.resetFailed(env: id, reason: "task \(number) does not exist; tasks are 1…\(tasks.count)")
        }
        taskID = rewardTask == nil ? taskID : number
        currentTask = number
        let spec = tasks[number - 1]
        var order = Array(0..<family.cubeCount)
        if permuteCubes { shuffle(&order) }
        let initial = order.map { spec.cubeInit[$0] }, goal = order.map { spec.cubeGoal[$0] }
        let savedQpos = Array(simulation.qpos), savedQvel = Array(simulation.qvel)

        // The goal state, settled by a few random steps, gives the goal observation.
        try initializeArm()
        try task.placeGoal(of: spec, cubeGoals: goal, in: world)
        try simulation.forward()
        for _ in 0..<family.goalSettleSteps {
            var action = (0..<5).map { _ in Float(random.uniform(-1, 1)) }
            if task.gripperStaysClosed { action[4] = 1 }
            _ = try advance(action, settling: true)
        }
        goalObservation = observation()

        try simulation.qpos.assign(savedQpos)
        try simulation.qvel.assign(savedQvel)
        try initializeArm()
        try task.placeStart(of: spec, cubeStarts: initial, cubeGoals: goal, in: world, random: &random)
    }

    /// OGBench's `set_state(qpos, qvel, button_states)`: puts the world in a recorded state after
    /// a reset, keeping the episode's task. Button states colour the caps and lock the drawer and
    /// window; contact forces (the gripper-contact feature), the successes and the cube colours
    /// of the new state are evaluated, so the observation is the one a step into this state gives. In task mode,
    /// multi-cube families give each cube the goal of the task's starting spot it lies nearest
    /// to, since a reset shuffles which cube starts where. Returns the observation of the new
    /// state. Throws when no episode is under way or the sizes or button states do not fit.
    @discardableResult
    public func setState(qpos: [Double], qvel: [Double], buttonStates: [Int]) throws -> [Float] {
        guard !episode.needsReset else {
            throw EnvironmentError.resetFailed(env: id, reason: "a state can only be set during an episode; reset first")
        }
        let model = simulation.model
        guard qpos.count == model.nq, qvel.count == model.nv else {
            throw EnvironmentError.resetFailed(env: id, reason:
                "the state has \(qpos.count) qpos and \(qvel.count) qvel values but \(id) has nq \(model.nq) and nv \(model.nv); use a state of the same family")
        }
        guard buttonStates.count == family.buttonCount, buttonStates.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw EnvironmentError.resetFailed(env: id, reason:
                "the state has button states \(buttonStates) but \(id) needs \(family.buttonCount) states of 0 or 1")
        }
        try EnvironmentError.reportingPhysics(env: id, step: episode.stepCount) {
            try simulation.qpos.assign(qpos)
            try simulation.qvel.assign(qvel)
            if mode == .task, family.cubeCount > 1 { assignGoalsByStartingSpot() }
            world.buttonStates = buttonStates
            try world.applyButtonStates()
            simulation.computeConstraintForces()
            for i in 0..<previousButtonPositions.count { previousButtonPositions[i] = world.buttonPosition(i) }
            evaluateSuccesses()
        }
        return observation()
    }

    /// Gives each cube the goal of the nearest of the task's starting spots (each spot once).
    private func assignGoalsByStartingSpot() {
        let spec = tasks[currentTask - 1]
        var free = Array(0..<spec.cubeInit.count)
        let pairs = (0..<family.cubeCount).flatMap { cube in free.map { spot in (cube, spot) } }
        let distance = { (pair: (Int, Int)) -> Double in
            let d = self.world.cubePosition(pair.0) - spec.cubeInit[pair.1]
            return (d.x * d.x + d.y * d.y).squareRoot()
        }
        var assigned = Set<Int>()
        for (cube, spot) in pairs.sorted(by: { distance($0) < distance($1) }) where !assigned.contains(cube) && free.contains(spot) {
            world.setGhost(cube, position: spec.cubeGoal[spot], quaternion: SIMD4(1, 0, 0, 0))
            assigned.insert(cube)
            free.removeAll { $0 == spot }
        }
    }

    /// numpy-style Fisher–Yates permutation from our generator.
    private func shuffle(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(i, min(Int(random.uniform(0, Double(i + 1))), i))
        }
    }

    private func postStep() throws {
        try task.guardObjects(in: world, mode: mode, random: &random)
        if !previousButtonPositions.isEmpty {
            togglePressedButtons(since: previousButtonPositions)
            try world.applyButtonStates()
        }
        evaluateSuccesses()
    }

    /// Toggles, by the family's rule, the buttons pressed since `previousPositions` (slides that
    /// crossed −0.02).
    func togglePressedButtons(since previousPositions: [Double]) {
        for button in world.pressedButtons(previousPositions: previousPositions) {
            task.press(button, states: &world.buttonStates)
        }
    }

    /// Every component's success in the current state, and from them ``isSuccess`` (the task's
    /// in task mode, the subtask's in data collection) and the cubes' and ghosts' colours.
    private func evaluateSuccesses() {
        let successes = world.successes()
        componentSuccesses = successes.all
        switch mode {
        case .task: isSuccess = !successes.all.contains(false)
        case .dataCollection:
            switch subtask {
            case let .cube(i): isSuccess = successes.cubes[i]
            case let .button(i): isSuccess = successes.buttons[i]
            case .drawer: isSuccess = successes.drawer
            case .window: isSuccess = successes.window
            }
        }
        if family.cubeCount > 0 {
            world.updateCubeColors(cubeSuccesses: successes.cubes) { [mode, subtask] i in
                mode == .task || subtask == .cube(i)
            }
        }
    }

    // MARK: Observation

    /// OGBench's state observation (§4.1, §4.2), float32.
    func observation() -> [Float] {
        var out = [Float]()
        out.reserveCapacity(family.observationSize)
        for j in 0..<6 { out.append(Float(simulation.qpos[j])) }
        for j in 0..<6 { out.append(Float(simulation.qvel[j])) }
        ManipulationWorld.appendScaledPosition(world.effectorPosition, to: &out)
        let yaw = world.effectorYaw
        out.append(Float(cos(yaw))); out.append(Float(sin(yaw)))
        out.append(Float(world.gripperOpening * 3))
        out.append(Float(world.gripperContact))
        task.appendObservation(of: world, to: &out)
        return out
    }

    // MARK: Geometry helpers

    static func wrap(_ angle: Double) -> Double {
        var a = angle.truncatingRemainder(dividingBy: 2 * .pi)
        if a > .pi { a -= 2 * .pi }
        if a <= -.pi { a += 2 * .pi }
        return a
    }

    /// Rotates `v` by the unit quaternion `q`.
    static func rotate(_ q: SIMD4<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
        let p = QuaternionMath.multiply(QuaternionMath.multiply(q, SIMD4(0, v.x, v.y, v.z)), QuaternionMath.conjugate(q))
        return SIMD3(p[1], p[2], p[3])
    }
}
