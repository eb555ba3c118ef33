import Foundation
import MuJoCo

/// What the current data-collection subtask asks for (OGBench's `privileged/target_task`).
public enum ManipulationSubtask: Equatable, Sendable {
    /// Move cube `index` onto its ghost.
    case cube(Int)
    /// Press button `index` once (its target state is the toggle of its current state).
    case button(Int)
    case drawer
    case window
}

/// The objects of a manipulation world and the task state that lives outside MuJoCo (button
/// states and targets): reading positions, writing poses, button looks and locks, successes.
final class ManipulationWorld {
    let simulation: Simulation
    let model: Model

    let pinchSite: Site, attachmentSite: Site
    let gripperJointQpos: Int, gripperJointDof: Int
    let rightPadBody: Int
    let cubeQpos: [Int], cubeDof: [Int], cubeGeoms: [Int], ghostGeoms: [Int], ghostMocap: [Int]
    let buttonQpos: [Int], buttonDof: [Int], buttonCapGeoms: [Int], buttonTopSites: [Site]
    let drawerQpos: Int?, drawerDof: Int?, windowQpos: Int?, windowDof: Int?
    let drawerHandle: Site?, windowHandle: Site?, drawerTargetSite: Int?, windowTargetSite: Int?
    /// Whether the world has the scene's drawer and window.
    let hasFurniture: Bool
    private let drawerHandleMaterial: Int?, windowHandleMaterial: Int?

    /// Button states (0/1) and their targets; drawer and window targets.
    var buttonStates: [Int], targetButtonStates: [Int]
    var targetDrawer = 0.0, targetWindow = 0.0
    /// Whether goal ghosts and success colours are drawn (state envs only).
    var visualizeInfo: Bool
    /// The step-info key of each component, in ``Successes/all`` order: `success/cube_0`, …,
    /// `success/button_0`, …, `success/drawer`, `success/window`.
    let componentInfoKeys: [String]

    init(family: ManipulationFamily, simulation: Simulation, visualizeInfo: Bool) throws {
        self.simulation = simulation
        self.visualizeInfo = visualizeInfo
        let model = simulation.model
        self.model = model
        pinchSite = try model.site("ur5e/robotiq/pinch")
        attachmentSite = try model.site("ur5e/attachment_site")
        let driver = try model.joint("ur5e/robotiq/right_driver_joint")
        gripperJointQpos = driver.qposRange.lowerBound
        gripperJointDof = driver.dofRange.lowerBound
        rightPadBody = try model.body("ur5e/robotiq/right_pad").id
        let cubes = try (0..<family.cubeCount).map { try model.joint("object_joint_\($0)") }
        cubeQpos = cubes.map(\.qposRange.lowerBound)
        cubeDof = cubes.map(\.dofRange.lowerBound)
        cubeGeoms = try (0..<family.cubeCount).map { try model.geom("object_\($0)").id }
        ghostGeoms = try (0..<family.cubeCount).map { try model.geom("target_object_\($0)").id }
        ghostMocap = try (0..<family.cubeCount).map { i in
            let body = try model.body("object_target_\(i)")
            guard let mocap = body.mocapID else { throw EnvironmentError.assetsUnavailable("object_target_\(i) is not a mocap body") }
            return mocap
        }
        let buttons = try (0..<family.buttonCount).map { try model.joint("buttonbox_joint_\($0)") }
        buttonQpos = buttons.map(\.qposRange.lowerBound)
        buttonDof = buttons.map(\.dofRange.lowerBound)
        buttonCapGeoms = try (0..<family.buttonCount).map { try model.geom("btngeom_\($0)").id }
        buttonTopSites = try (0..<family.buttonCount).map { try model.site("btntop_\($0)") }
        componentInfoKeys = (0..<family.cubeCount).map { "success/cube_\($0)" }
            + (0..<family.buttonCount).map { "success/button_\($0)" }
            + (family.hasFurniture ? ["success/drawer", "success/window"] : [])
        buttonStates = Array(repeating: 0, count: family.buttonCount)
        targetButtonStates = Array(repeating: 0, count: family.buttonCount)
        hasFurniture = family.hasFurniture
        if hasFurniture {
            let drawer = try model.joint("drawer_slide"), window = try model.joint("window_slide")
            drawerQpos = drawer.qposRange.lowerBound; drawerDof = drawer.dofRange.lowerBound
            windowQpos = window.qposRange.lowerBound; windowDof = window.dofRange.lowerBound
            drawerHandle = try model.site("drawer_handle_center")
            windowHandle = try model.site("window_handle_center")
            drawerTargetSite = try model.site("drawer_handle_center_target").id
            windowTargetSite = try model.site("window_handle_center_target").id
            drawerHandleMaterial = model.id(of: .material, named: "drawer_handle")
            windowHandleMaterial = model.id(of: .material, named: "window_handle")
        } else {
            drawerQpos = nil; drawerDof = nil; windowQpos = nil; windowDof = nil
            drawerHandle = nil; windowHandle = nil; drawerTargetSite = nil; windowTargetSite = nil
            drawerHandleMaterial = nil; windowHandleMaterial = nil
        }
    }

    // MARK: Reading the state

    /// The pinch point (between the finger pads) in the world frame.
    var effectorPosition: SIMD3<Double> { simulation.position(of: pinchSite) }
    /// The gripper's yaw (ZYX yaw of the pinch site).
    var effectorYaw: Double { Self.yaw(simulation.quaternion(of: pinchSite)) }
    /// 0 open … 1 closed.
    var gripperOpening: Double { min(max(simulation.qpos[gripperJointQpos] / 0.8, 0), 1) }
    /// The right pad's contact wrench norm / 50, clipped to [0, 1] (valid after a step).
    var gripperContact: Double {
        let w = simulation.externalWrenches
        var s = 0.0
        for k in 0..<6 { let v = w[6 * rightPadBody + k]; s += v * v }
        return min(max(s.squareRoot() / 50, 0), 1)
    }

    func cubePosition(_ i: Int) -> SIMD3<Double> {
        let q = simulation.qpos, a = cubeQpos[i]
        return SIMD3(q[a], q[a + 1], q[a + 2])
    }

    func cubeQuaternion(_ i: Int) -> SIMD4<Double> {
        let q = simulation.qpos, a = cubeQpos[i] + 3
        return SIMD4(q[a], q[a + 1], q[a + 2], q[a + 3])
    }

    func cubeYaw(_ i: Int) -> Double { Self.yaw(cubeQuaternion(i)) }

    func ghostPosition(_ i: Int) -> SIMD3<Double> {
        let m = simulation.mocapPos, a = 3 * ghostMocap[i]
        return SIMD3(m[a], m[a + 1], m[a + 2])
    }

    func ghostYaw(_ i: Int) -> Double {
        let m = simulation.mocapQuat, a = 4 * ghostMocap[i]
        return Self.yaw(SIMD4(m[a], m[a + 1], m[a + 2], m[a + 3]))
    }

    func buttonPosition(_ i: Int) -> Double { simulation.qpos[buttonQpos[i]] }
    func buttonVelocity(_ i: Int) -> Double { simulation.qvel[buttonDof[i]] }
    func buttonTop(_ i: Int) -> SIMD3<Double> { simulation.position(of: buttonTopSites[i]) }

    var drawerPosition: Double { drawerQpos.map { simulation.qpos[$0] } ?? 0 }
    var windowPosition: Double { windowQpos.map { simulation.qpos[$0] } ?? 0 }
    var drawerVelocity: Double { drawerDof.map { simulation.qvel[$0] } ?? 0 }
    var windowVelocity: Double { windowDof.map { simulation.qvel[$0] } ?? 0 }
    var drawerHandlePosition: SIMD3<Double> { drawerHandle.map { simulation.position(of: $0) } ?? .zero }
    var windowHandlePosition: SIMD3<Double> { windowHandle.map { simulation.position(of: $0) } ?? .zero }
    var drawerHandleYaw: Double { drawerHandle.map { Self.yaw(simulation.quaternion(of: $0)) } ?? 0 }
    var windowHandleYaw: Double { windowHandle.map { Self.yaw(simulation.quaternion(of: $0)) } ?? 0 }
    /// Where the handle must go (the target sites; valid after kinematics).
    var drawerTargetHandlePosition: SIMD3<Double> { drawerTargetSite.map { site(at: $0) } ?? .zero }
    var windowTargetHandlePosition: SIMD3<Double> { windowTargetSite.map { site(at: $0) } ?? .zero }

    /// Whether a position lies inside the (moving) drawer box.
    func isInDrawer(_ p: SIMD3<Double>) -> Bool {
        let y = drawerHandlePosition.y
        return p.x >= 0.21 && p.x <= 0.45 && p.y >= y - 0.27 && p.y <= y - 0.07 && p.z >= 0 && p.z <= 0.15
    }

    private func site(at id: Int) -> SIMD3<Double> {
        let x = simulation.siteXpos
        return SIMD3(x[3 * id], x[3 * id + 1], x[3 * id + 2])
    }

    /// ZYX yaw of a quaternion (w, x, y, z): atan2(2(wz + xy), 1 − 2(y² + z²)).
    static func yaw(_ q: SIMD4<Double>) -> Double {
        atan2(2 * (q[0] * q[3] + q[1] * q[2]), 1 - 2 * (q[2] * q[2] + q[3] * q[3]))
    }

    /// The quaternion of a rotation by `yaw` about z.
    static func zRotation(_ yaw: Double) -> SIMD4<Double> { SIMD4(cos(yaw / 2), 0, 0, sin(yaw / 2)) }

    // MARK: Writing the state

    func setCube(_ i: Int, position: SIMD3<Double>, quaternion: SIMD4<Double>) {
        let q = simulation.qpos, a = cubeQpos[i]
        for k in 0..<3 { q[a + k] = position[k] }
        for k in 0..<4 { q[a + 3 + k] = quaternion[k] }
    }

    func setGhost(_ i: Int, position: SIMD3<Double>, quaternion: SIMD4<Double>) {
        let m = simulation.mocapPos, mq = simulation.mocapQuat
        for k in 0..<3 { m[3 * ghostMocap[i] + k] = position[k] }
        for k in 0..<4 { mq[4 * ghostMocap[i] + k] = quaternion[k] }
    }

    func setDrawer(_ value: Double) { if let a = drawerQpos { simulation.qpos[a] = value } }
    func setWindow(_ value: Double) { if let a = windowQpos { simulation.qpos[a] = value } }

    /// Moves the drawer's and window's target sites to their targets.
    func placeTargetSites() {
        if let id = drawerTargetSite { model.sitePos[3 * id + 1] = targetDrawer }
        if let id = windowTargetSite { model.sitePos[3 * id] = targetWindow }
    }

    // MARK: Buttons, locks, colours

    static let red = SIMD4<Float>(0.96, 0.26, 0.33, 1)
    static let white = SIMD4<Float>(0.9, 0.9, 0.9, 1)
    static let blue = SIMD4<Float>(0.35, 0.55, 0.91, 1)

    /// Colours the caps for their states; in the scene, a button in state 0 locks the drawer
    /// (button 0) or window (button 1) with damping 1e6 and shows a red handle. Then `mj_forward`.
    func applyButtonStates() throws {
        for i in 0..<buttonStates.count {
            setGeomColor(buttonCapGeoms[i], buttonStates[i] == 0 ? Self.red : (hasFurniture ? Self.white : Self.blue))
        }
        if let drawerDof, let windowDof {
            for (button, dof, material) in [(0, drawerDof, drawerHandleMaterial), (1, windowDof, windowHandleMaterial)] {
                let locked = buttonStates[button] == 0
                model.dofDamping[dof] = locked ? 1e6 : 2
                if let material {
                    let c = locked ? Self.red : Self.white
                    for k in 0..<4 { model.materialRGBA[4 * material + k] = c[k] }
                }
            }
        }
        try simulation.forward()
    }

    /// The buttons whose slide crossed −0.02 (pressed) since `previousPositions`, in order.
    func pressedButtons(previousPositions: [Double]) -> [Int] {
        (0..<buttonStates.count).filter { previousPositions[$0] > -0.02 && buttonPosition($0) <= -0.02 }
    }

    func setGeomColor(_ geom: Int, _ rgba: SIMD4<Float>) {
        for k in 0..<4 { model.geomRGBA[4 * geom + k] = rgba[k] }
    }

    /// Ghost visibility and cube colours: ghosts shown (α 0.2) for all cubes in task mode or for
    /// the target cube in data collection; cubes on their goal take their light colour.
    func updateCubeColors(cubeSuccesses: [Bool], visibleGhost: (Int) -> Bool) {
        for i in 0..<cubeGeoms.count {
            model.geomRGBA[4 * ghostGeoms[i] + 3] = visualizeInfo && visibleGhost(i) ? 0.2 : 0
            let rgb = visualizeInfo && cubeSuccesses[i] ? ManipulationModel.cubeSuccessColors[i % 8] : ManipulationModel.cubeColors[i % 8]
            for k in 0..<3 { model.geomRGBA[4 * cubeGeoms[i] + k] = rgb[k] }
        }
    }

    /// Cubes and ghosts in their base colours (start of every episode).
    func paintCubes() {
        for i in 0..<cubeGeoms.count {
            let rgb = ManipulationModel.cubeColors[i % 8]
            for k in 0..<3 {
                model.geomRGBA[4 * cubeGeoms[i] + k] = rgb[k]
                model.geomRGBA[4 * ghostGeoms[i] + k] = rgb[k]
            }
            model.geomRGBA[4 * cubeGeoms[i] + 3] = 1
        }
    }

    // MARK: Success

    /// Per-object successes (§6.1): cubes within 4 cm of their ghosts, buttons in their target
    /// states, drawer and window within 4 cm of their targets.
    struct Successes {
        var cubes: [Bool], buttons: [Bool], drawer: Bool, window: Bool

        /// Every component the family has.
        var all: [Bool] { cubes + buttons + (hasFurniture ? [drawer, window] : []) }

        var hasFurniture: Bool
    }

    func successes() -> Successes {
        let cubes = (0..<cubeQpos.count).map { i -> Bool in
            let d = cubePosition(i) - ghostPosition(i)
            return (d * d).sum().squareRoot() <= 0.04
        }
        let buttons = (0..<buttonStates.count).map { buttonStates[$0] == targetButtonStates[$0] }
        return Successes(cubes: cubes, buttons: buttons,
                         drawer: !hasFurniture || abs(drawerPosition - targetDrawer) <= 0.04,
                         window: !hasFurniture || abs(windowPosition - targetWindow) <= 0.04, hasFurniture: hasFurniture)
    }
}
