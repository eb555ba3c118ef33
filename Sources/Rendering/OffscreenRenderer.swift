import CMuJoCo
import Foundation
import MuJoCo

/// Renders simulations of one model to RGB (and depth) images without a window or display.
///
/// The renderer owns a GL context (EGL or OSMesa, see ``GLBackend``) and MuJoCo's scene and
/// render context in it (``SceneContext``), whose offscreen buffer is sized to the requested
/// image. It makes its GL context current on every call, so several renderers can be used
/// alternately in one thread. Not thread-safe.
public final class OffscreenRenderer {
    /// The model this renderer draws.
    public let model: Model
    public let width: Int
    public let height: Int
    public let options: RenderOptions
    private let context: GLContext
    private let drawing: SceneContext
    private var bottomUpRGB: [UInt8]
    private var rawDepth: [Float]

    /// The largest number of geoms a scene can hold.
    public static let maxGeoms = SceneContext.maxGeoms

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
        bottomUpRGB = [UInt8](repeating: 0, count: width * height * 3)
        rawDepth = [Float](repeating: 0, count: width * height)
        SceneContext.lock.lock()
        defer { SceneContext.lock.unlock() }
        let context = try GLContext(backend: backend ?? GLBackend.fromEnvironment())
        self.context = context
        // mjr_makeContext sizes the offscreen buffer from the model's visual settings.
        drawing = try SceneContext(
            model: model, glOwner: context, makeCurrent: { try? context.makeCurrent() },
            visual: { visual in
                visual.global.offwidth = Int32(width)
                visual.global.offheight = Int32(height)
                if let samples = options.multisamples { visual.quality.offsamples = Int32(samples) }
                visual.quality.shadowsize = Int32(options.shadowMapSize(width: width, height: height))
            },
            failure: { RenderingError.invalidSize(width: width, height: height, message: $0) })
        drawing.setFlag(mjRND_SHADOW, options.shadows)
        drawing.setFlag(mjRND_REFLECTION, options.reflections)
        drawing.setFlag(mjRND_SKYBOX, options.skybox)
        mjr_setBuffer(Int32(mjFB_OFFSCREEN.rawValue), drawing.renderContext)
        let r = drawing.renderContext.pointee
        guard r.currentBuffer == Int32(mjFB_OFFSCREEN.rawValue), r.offWidth >= width, r.offHeight >= height else {
            throw RenderingError.invalidSize(
                width: width, height: height,
                message: "the GL implementation gave a \(r.offWidth)x\(r.offHeight) offscreen buffer")
        }
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

    /// Draws the scene into the offscreen buffer and reads it back (bottom row first). The
    /// context is current only meanwhile, so that a window's context on the same thread (the
    /// viewer running a pixel policy) is not disturbed.
    private func draw(_ simulation: Simulation, camera view: RenderCamera, readDepth: Bool) throws {
        guard simulation.model === model else { throw RenderingError.modelMismatch }
        try context.makeCurrent()
        defer { context.releaseCurrent() }
        try drawing.setCamera(view)
        let viewport = mjrRect(left: 0, bottom: 0, width: Int32(width), height: Int32(height))
        drawing.draw(simulation, buffer: mjFB_OFFSCREEN, viewport: viewport)
        bottomUpRGB.withUnsafeMutableBufferPointer { rgb in
            rawDepth.withUnsafeMutableBufferPointer { z in
                drawing.readPixels(viewport, rgb: rgb.baseAddress, depth: readDepth ? z.baseAddress : nil)
            }
        }
    }

    private func copyColor(into image: inout RGBImage) {
        if image.width != width || image.height != height { image = RGBImage(width: width, height: height) }
        copyFlippingRows(bottomUpRGB, rowLength: width * 3, height: height, into: &image.pixels)
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
