import CMuJoCo
import Foundation
import MuJoCo

/// An interactive window that shows a ``SteppedSimulation`` in real time: the mouse moves the
/// camera, keys pause, single-step, reset and switch cameras.
///
/// The viewer owns its ``Window`` (GLFW, so it needs a display: a desktop, `ssh -X`, or Xvfb)
/// and MuJoCo's scene and render context in the window's GL context (``SceneContext``). Use it
/// from the thread that made it.
public final class Viewer {
    /// How the viewer starts and when it stops.
    public struct Options: Sendable {
        /// The camera to start from; nil is MuJoCo's free camera.
        public var camera: RenderCamera?
        /// Start paused.
        public var paused = false
        /// Stop after this many frames, stepping once per frame instead of in real time (for
        /// screenshots and tests); nil runs until the window is closed.
        public var frames: Int?
        /// Write the last frame to this PNG file when the viewer stops.
        public var screenshot: String?

        public init(camera: RenderCamera? = nil, paused: Bool = false, frames: Int? = nil, screenshot: String? = nil) {
            self.camera = camera
            self.paused = paused
            self.frames = frames
            self.screenshot = screenshot
        }
    }

    /// What a finished run did.
    public struct Summary: Sendable {
        public var frames = 0
        public var steps = 0
        public var resets = 0
    }

    /// The keys, as the help overlay lists them.
    public static let keyHelp: [(String, String)] = [
        ("Space", "pause / run"), ("Right, N", "one step"), ("Backspace, R", "reset"), ("C, Tab", "next camera"),
        ("Left drag", "rotate (Shift: horizontal)"), ("Right drag", "pan (Shift: horizontal)"),
        ("Scroll, middle drag", "zoom"), ("H", "hide this help"), ("Esc, Q", "quit"),
    ]

    public let model: Model
    private let window: Window
    private let drawing: SceneContext
    private let cameraNames: [String]
    private var mouse = MouseCameraControl()

    /// Opens a `width`×`height` window titled `title` for simulations of `model`. Throws
    /// ``RenderingError/noDisplay(_:)`` when no display is available.
    public init(model: Model, width: Int = 1024, height: Int = 768, title: String) throws {
        guard (64...8192).contains(width), (64...8192).contains(height) else {
            throw RenderingError.invalidSize(width: width, height: height, message: "a window is 64…8192 pixels wide and high")
        }
        self.model = model
        cameraNames = model.names(of: .camera)
        let window = try Window(width: width, height: height, title: title)
        self.window = window
        SceneContext.lock.lock()
        defer { SceneContext.lock.unlock() }
        drawing = try SceneContext(model: model, glOwner: window, makeCurrent: window.makeCurrent, fontScale: mjFONTSCALE_150,
                                   failure: RenderingError.windowContext)
    }

    /// Shows and drives `subject` until the window is closed, Esc or Q is pressed, or
    /// `options.frames` frames have been drawn.
    @discardableResult
    public func run(_ subject: SteppedSimulation, options: Options = Options()) throws -> Summary {
        guard subject.simulation.model === model else { throw RenderingError.modelMismatch }
        window.makeCurrent()
        var fixedCamera = try options.camera.flatMap(drawing.setCamera)  // nil: the free camera
        var paused = options.paused, showHelp = true, summary = Summary()
        var clock = RealTimeClock(simulationTime: subject.simulation.time)

        while !window.shouldClose {
            var stepOnce = false, quit = false
            for event in window.pollEvents() {
                switch event {
                case let .keyPress(key, _):
                    switch key {
                    case WindowEvent.Key.space: paused.toggle()
                    case WindowEvent.Key.right, WindowEvent.Key.letter("N"): stepOnce = true; paused = true
                    case WindowEvent.Key.backspace, WindowEvent.Key.letter("R"):
                        try subject.reset()
                        summary.resets += 1
                    case WindowEvent.Key.letter("C"), WindowEvent.Key.tab:
                        let next = (fixedCamera ?? -1) + 1
                        fixedCamera = next < model.ncam ? next : nil
                    case WindowEvent.Key.letter("H"): showHelp.toggle()
                    case WindowEvent.Key.escape, WindowEvent.Key.letter("Q"): quit = true
                    default: break
                    }
                default:
                    guard let motion = mouse.motion(for: event, windowHeight: window.size.height) else { continue }
                    fixedCamera = nil  // dragging a fixed camera continues from the free camera
                    mjv_moveCamera(model.pointer, Int32(motion.action.rawValue), motion.dx, motion.dy, drawing.scene, drawing.camera)
                }
            }
            if quit { break }
            window.releaseCurrent()  // the subject's policy may render offscreen (pixel agents)

            // With a frame limit, one step per frame; otherwise in step with the wall clock.
            if stepOnce || (options.frames != nil && !paused) {
                try subject.step()
                summary.steps += 1
            } else if !paused {
                summary.steps += try clock.catchUp(subject)
            }
            if paused { clock.restart(simulationTime: subject.simulation.time) }

            draw(subject, fixedCamera: fixedCamera, paused: paused, showHelp: showHelp)
            summary.frames += 1
            if let limit = options.frames, summary.frames >= limit {
                if let path = options.screenshot { try PNG.write(screenshot(), to: path) }
                break
            }
            window.swapBuffers()
            if options.frames == nil { clock.waitForNextFrame() }
        }
        return summary
    }

    /// Renders the scene and the overlays into the window's back buffer.
    private func draw(_ subject: SteppedSimulation, fixedCamera: Int?, paused: Bool, showHelp: Bool) {
        window.makeCurrent()
        drawing.setCamera(id: fixedCamera)
        let viewport = self.viewport
        drawing.draw(subject.simulation, buffer: mjFB_WINDOW, viewport: viewport)

        let cameraName = fixedCamera.map { cameraNames[$0].isEmpty ? "\($0)" : cameraNames[$0] } ?? "free"
        let status = [("state", paused ? "paused" : "running"), ("time", String(format: "%.2f s", subject.simulation.time)),
                      ("camera", cameraName)] + subject.status
        overlay(status, corner: mjGRID_TOPLEFT, viewport: viewport)
        if showHelp { overlay(Self.keyHelp, corner: mjGRID_BOTTOMRIGHT, viewport: viewport) }
    }

    private func overlay(_ lines: [(String, String)], corner: mjtGridPos, viewport: mjrRect) {
        let labels = lines.map(\.0).joined(separator: "\n"), values = lines.map(\.1).joined(separator: "\n")
        mjr_overlay(Int32(mjFONT_NORMAL.rawValue), Int32(corner.rawValue), viewport, labels, values, drawing.renderContext)
    }

    private var viewport: mjrRect {
        let size = window.framebufferSize
        return mjrRect(left: 0, bottom: 0, width: Int32(size.width), height: Int32(size.height))
    }

    /// The back buffer as drawn (`mjr_readPixels` from the window buffer), top row first.
    private func screenshot() -> RGBImage {
        let viewport = self.viewport
        let width = Int(viewport.width), height = Int(viewport.height)
        var bottomUp = [UInt8](repeating: 0, count: width * height * 3)
        bottomUp.withUnsafeMutableBufferPointer { drawing.readPixels(viewport, rgb: $0.baseAddress, depth: nil) }
        var image = RGBImage(width: width, height: height)
        copyFlippingRows(bottomUp, rowLength: width * 3, height: height, into: &image.pixels)
        return image
    }
}
