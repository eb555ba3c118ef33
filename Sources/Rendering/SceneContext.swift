import CMuJoCo
import Foundation
import MuJoCo

/// MuJoCo's drawing state for one model in one GL context: a scene (`mjv_makeScene`), a render
/// context (`mjr_makeContext`), visual options and a camera. Owned by ``OffscreenRenderer`` and
/// ``Viewer``; frees the MuJoCo memory in `deinit` after making its GL context current again,
/// and keeps the owner of that GL context alive until then.
final class SceneContext {
    let model: Model
    let scene: UnsafeMutablePointer<mjvScene>
    let renderContext: UnsafeMutablePointer<mjrContext>
    let visualOptions: UnsafeMutablePointer<mjvOption>
    let camera: UnsafeMutablePointer<mjvCamera>
    private let glOwner: AnyObject
    private let makeCurrent: () -> Void

    /// The largest number of geoms a scene can hold.
    static let maxGeoms: Int32 = 10_000

    /// Held while render contexts are made or freed: MuJoCo 2.2.2 loads GL function pointers into
    /// process-wide globals when it makes one, so contexts on several threads come and go one at a time.
    static let lock = NSLock()

    /// Makes the scene and render context in the GL context that is current (which `glOwner`
    /// owns and `makeCurrent` makes current again). `visual` adjusts the model's visual settings
    /// for the duration of `mjr_makeContext` only (the offscreen buffer's size and samples); its
    /// failure is thrown as `failure(MuJoCo's message)`. The caller holds ``lock``.
    init(model: Model, glOwner: AnyObject, makeCurrent: @escaping () -> Void, fontScale: mjtFontScale = mjFONTSCALE_100,
         visual: (inout mjVisual) -> Void = { _ in }, failure: (String) -> RenderingError) throws {
        self.model = model
        self.glOwner = glOwner
        self.makeCurrent = makeCurrent
        scene = .allocate(capacity: 1)
        renderContext = .allocate(capacity: 1)
        visualOptions = .allocate(capacity: 1)
        camera = .allocate(capacity: 1)
        mjv_defaultScene(scene)
        mjr_defaultContext(renderContext)
        mjv_defaultOption(visualOptions)
        mjv_defaultFreeCamera(model.pointer, camera)
        let m = model.pointer
        mjv_makeScene(m, scene, Self.maxGeoms)
        let saved = m.pointee.vis
        visual(&m.pointee.vis)
        var message = [CChar](repeating: 0, count: 512)
        let code = infom_mjr_make_context(m, renderContext, Int32(fontScale.rawValue), &message, 512)
        m.pointee.vis = saved
        if code != 0 { throw failure(message.nulTerminatedString) }
    }

    deinit {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        makeCurrent()
        mjr_freeContext(renderContext)
        mjv_freeScene(scene)
        scene.deallocate()
        renderContext.deallocate()
        visualOptions.deallocate()
        camera.deallocate()
    }

    /// Points the camera at `view`: a fixed model camera, or the free camera (MuJoCo's default
    /// one, or one orbiting a point). Returns the fixed camera's id, nil for a free camera.
    @discardableResult
    func setCamera(_ view: RenderCamera) throws -> Int? {
        if let id = try view.cameraID(in: model) {
            setCamera(id: id)
            return id
        }
        mjv_defaultFreeCamera(model.pointer, camera)
        if case let .free(lookAt, distance, azimuth, elevation) = view {
            camera.pointee.lookat = (lookAt.x, lookAt.y, lookAt.z)
            camera.pointee.distance = distance
            camera.pointee.azimuth = azimuth
            camera.pointee.elevation = elevation
        }
        return nil
    }

    /// Uses model camera `id`, or the free camera as it was last left when `id` is nil.
    func setCamera(id: Int?) {
        if let id {
            camera.pointee.type = Int32(mjCAMERA_FIXED.rawValue)
            camera.pointee.fixedcamid = Int32(id)
        } else {
            camera.pointee.type = Int32(mjCAMERA_FREE.rawValue)
        }
    }

    /// Turns one of the scene's rendering flags (shadows, reflections, skybox, …) on or off for
    /// every later frame.
    func setFlag(_ flag: mjtRndFlag, _ value: Bool) {
        infom_scene_set_flag(scene, Int32(flag.rawValue), value ? 1 : 0)
    }

    /// Updates the scene from `simulation` (`mjv_updateScene`) and draws it into `viewport` of
    /// `buffer` (`mjr_setBuffer`, `mjr_render`).
    func draw(_ simulation: Simulation, buffer: mjtFramebuffer, viewport: mjrRect) {
        mjv_updateScene(model.pointer, simulation.pointer, visualOptions, nil, camera, Int32(mjCAT_ALL.rawValue), scene)
        mjr_setBuffer(Int32(buffer.rawValue), renderContext)
        mjr_render(viewport, scene, renderContext)
    }

    /// Reads `viewport` of the current buffer (`mjr_readPixels`), bottom row first.
    func readPixels(_ viewport: mjrRect, rgb: UnsafeMutablePointer<UInt8>?, depth: UnsafeMutablePointer<Float>?) {
        mjr_readPixels(rgb, depth, viewport, renderContext)
    }
}
