import CMuJoCo
import Foundation
import MuJoCo

/// Renders simulations of one model to RGB (and depth) images without a window or display.
///
/// The renderer owns a GL context (EGL or OSMesa, see ``GLBackend``), a MuJoCo scene
/// (`mjv_makeScene`) and a MuJoCo render context (`mjr_makeContext`) whose offscreen buffer is
/// sized to the requested image. It makes its GL context current on every call, so several
/// renderers can be used alternately in one thread. Not thread-safe.
public final class OffscreenRenderer {
    /// The model this renderer draws.
    public let model: Model
    public let width: Int
    public let height: Int
    public let options: RenderOptions
    private let context: GLContext
    private let scene: UnsafeMutablePointer<mjvScene>
    private let renderContext: UnsafeMutablePointer<mjrContext>
    private let visualOptions: UnsafeMutablePointer<mjvOption>
    private let camera: UnsafeMutablePointer<mjvCamera>
    private var bottomUpRGB: [UInt8]
    private var rawDepth: [Float]

    /// The largest number of geoms a scene can hold.
    public static let maxGeoms: Int32 = 10_000

    /// Creates a renderer of `width`×`height` images for `model`. The backend defaults to the
    /// one `MUJOCO_GL` selects.
    public init(model: Model, width: Int, height: Int, options: RenderOptions = .standard,
                backend: GLBackend? = nil) throws {
        guard width > 0, height > 0 else {
            throw RenderingError.invalidSize(width: width, height: height, message: "width and height must be positive")
        }
        self.model = model
        self.width = width
        self.height = height
        self.options = options
        // MuJoCo 2.2.2 loads GL function pointers into process-wide globals when it makes a
        // context: renderers on several threads are created and freed one at a time.
        Self.creation.lock()
        defer { Self.creation.unlock() }
        context = try GLContext(backend: backend ?? GLBackend.fromEnvironment())

        scene = .allocate(capacity: 1)
        renderContext = .allocate(capacity: 1)
        visualOptions = .allocate(capacity: 1)
        camera = .allocate(capacity: 1)
        mjv_defaultScene(scene)
        mjr_defaultContext(renderContext)
        mjv_defaultOption(visualOptions)
        mjv_defaultCamera(camera)
        bottomUpRGB = [UInt8](repeating: 0, count: width * height * 3)
        rawDepth = [Float](repeating: 0, count: width * height)

        let m = model.pointer
        mjv_makeScene(m, scene, Self.maxGeoms)
        // mjr_makeContext sizes the offscreen buffer from the model's visual settings: set them
        // to this renderer's request for the call, then give the model its own values back.
        let saved = m.pointee.vis
        m.pointee.vis.global.offwidth = Int32(width)
        m.pointee.vis.global.offheight = Int32(height)
        if let samples = options.multisamples { m.pointee.vis.quality.offsamples = Int32(samples) }
        var message = [CChar](repeating: 0, count: 512)
        let code = infom_mjr_make_context(m, renderContext, Int32(mjFONTSCALE_100.rawValue), &message, 512)
        m.pointee.vis = saved
        if code != 0 {
            throw RenderingError.invalidSize(width: width, height: height, message: message.nulTerminatedString)
        }
        mjr_setBuffer(Int32(mjFB_OFFSCREEN.rawValue), renderContext)
        let r = renderContext.pointee
        guard r.currentBuffer == Int32(mjFB_OFFSCREEN.rawValue), r.offWidth >= width, r.offHeight >= height else {
            throw RenderingError.invalidSize(
                width: width, height: height,
                message: "the GL implementation gave a \(r.offWidth)x\(r.offHeight) offscreen buffer")
        }
    }

    /// Held while a renderer's GL and MuJoCo contexts are created or freed.
    private static let creation = NSLock()

    deinit {
        Self.creation.lock()
        defer { Self.creation.unlock() }
        try? context.makeCurrent()
        mjr_freeContext(renderContext)
        mjv_freeScene(scene)
        scene.deallocate()
        renderContext.deallocate()
        visualOptions.deallocate()
        camera.deallocate()
    }

    /// The GL_RENDERER string of this renderer's context.
    public func glRendererName() throws -> String {
        try context.makeCurrent()
        return GLContext.currentRendererName
    }

    /// Renders the simulation's current state as seen from `camera` into `image`, reusing its
    /// storage.
    public func render(_ simulation: Simulation, camera view: RenderCamera = .defaultFree,
                       into image: inout RGBImage) throws {
        try draw(simulation, camera: view, readDepth: false)
        copyColor(into: &image)
    }

    /// Renders colour into `image` and metric depth (distance from the camera plane in metres)
    /// into `depth`, reusing their storage.
    public func render(_ simulation: Simulation, camera view: RenderCamera = .defaultFree,
                       into image: inout RGBImage, depth: inout DepthImage) throws {
        try draw(simulation, camera: view, readDepth: true)
        copyColor(into: &image)
        copyMetricDepth(into: &depth)
    }

    /// Renders the simulation's current state as seen from `camera`.
    public func render(_ simulation: Simulation, camera view: RenderCamera = .defaultFree) throws -> RGBImage {
        var image = RGBImage(width: width, height: height)
        try render(simulation, camera: view, into: &image)
        return image
    }

    /// Renders colour and metric depth (distance from the camera plane in metres).
    public func renderWithDepth(_ simulation: Simulation, camera view: RenderCamera = .defaultFree) throws
        -> (RGBImage, DepthImage)
    {
        var image = RGBImage(width: width, height: height)
        var depth = DepthImage(width: width, height: height)
        try render(simulation, camera: view, into: &image, depth: &depth)
        return (image, depth)
    }

    /// Draws the scene into the offscreen buffer and reads it back (bottom row first).
    private func draw(_ simulation: Simulation, camera view: RenderCamera, readDepth: Bool) throws {
        guard simulation.model === model else { throw RenderingError.modelMismatch }
        try context.makeCurrent()
        try configureCamera(view)
        mjv_updateScene(model.pointer, simulation.pointer, visualOptions, nil, camera,
                        Int32(mjCAT_ALL.rawValue), scene)
        infom_scene_set_flag(scene, Int32(mjRND_SHADOW.rawValue), options.shadows ? 1 : 0)
        infom_scene_set_flag(scene, Int32(mjRND_REFLECTION.rawValue), options.reflections ? 1 : 0)
        infom_scene_set_flag(scene, Int32(mjRND_SKYBOX.rawValue), options.skybox ? 1 : 0)

        let viewport = mjrRect(left: 0, bottom: 0, width: Int32(width), height: Int32(height))
        mjr_setBuffer(Int32(mjFB_OFFSCREEN.rawValue), renderContext)
        mjr_render(viewport, scene, renderContext)
        bottomUpRGB.withUnsafeMutableBufferPointer { rgb in
            rawDepth.withUnsafeMutableBufferPointer { z in
                mjr_readPixels(rgb.baseAddress, readDepth ? z.baseAddress : nil, viewport, renderContext)
            }
        }
    }

    private func copyColor(into image: inout RGBImage) {
        if image.width != width || image.height != height { image = RGBImage(width: width, height: height) }
        copyFlippingRows(bottomUpRGB, rowLength: width * 3, height: height, into: &image.pixels)
    }

    private func configureCamera(_ view: RenderCamera) throws {
        if let id = try view.cameraID(in: model) {
            camera.pointee.type = Int32(mjCAMERA_FIXED.rawValue)
            camera.pointee.fixedcamid = Int32(id)
            return
        }
        mjv_defaultFreeCamera(model.pointer, camera)
        if case let .free(lookAt, distance, azimuth, elevation) = view {
            camera.pointee.lookat = (lookAt.x, lookAt.y, lookAt.z)
            camera.pointee.distance = distance
            camera.pointee.azimuth = azimuth
            camera.pointee.elevation = elevation
        }
    }

    /// Converts the depth buffer's [0, 1] values to metres, as dm_control does.
    private func copyMetricDepth(into depth: inout DepthImage) {
        let m = model.pointer.pointee
        let extent = Float(m.stat.extent)
        let near = m.vis.map.znear * extent, far = m.vis.map.zfar * extent
        if depth.width != width || depth.height != height { depth = DepthImage(width: width, height: height) }
        copyFlippingRows(rawDepth, rowLength: width, height: height, into: &depth.values)
        for i in depth.values.indices {
            depth.values[i] = near / (1 - depth.values[i] * (1 - near / far))
        }
    }
}
