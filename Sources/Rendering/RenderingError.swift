/// Errors from headless rendering and image files; each message says how to fix the problem.
public enum RenderingError: Error, Equatable, CustomStringConvertible {
    /// MUJOCO_GL names a backend we do not offer for offscreen rendering.
    case unsupportedBackend(String)
    /// No GL context could be created or made current.
    case contextUnavailable(backend: GLBackend, message: String)
    /// The requested image size is not positive or too large for the GL implementation.
    case invalidSize(width: Int, height: Int, message: String)
    /// A camera index outside the model's cameras.
    case unknownCamera(String, available: [String])
    /// The simulation belongs to another model than the renderer.
    case modelMismatch
    /// An image file could not be read or written.
    case imageFile(path: String, message: String)
    /// A window could not be opened: no display, or GLFW could not start.
    case noDisplay(String)
    /// MuJoCo could not make its render context in a window's GL context.
    case windowContext(String)

    public var description: String {
        switch self {
        case let .unsupportedBackend(value):
            return "MUJOCO_GL=\(value) is not an offscreen backend: use MUJOCO_GL=egl (default) or MUJOCO_GL=osmesa"
        case let .contextUnavailable(backend, message):
            return "cannot create a headless \(backend) GL context: \(message)"
        case let .invalidSize(width, height, message):
            return "cannot render \(width)x\(height): \(message)"
        case let .unknownCamera(camera, available):
            let names = available.isEmpty ? "the model defines no cameras" : "cameras: \(available.joined(separator: ", "))"
            return "no camera \(camera) in the model (\(names); -1 is the free camera)"
        case .modelMismatch:
            return "this renderer was made for another model: create one OffscreenRenderer per model"
        case let .imageFile(path, message):
            return "\(path): \(message)"
        case let .noDisplay(reason):
            return """
                a viewer window needs a display, and none is available (\(reason)). Run on a desktop or with X \
                forwarding (ssh -X), or start a virtual display: `Xvfb :99 -screen 0 1280x1024x24 &` (Debian package \
                xvfb), then run with DISPLAY=:99. To watch a policy without a display, write a video with `infom render`.
                """
        case let .windowContext(message):
            return "cannot draw in the window: \(message)"
        }
    }
}
