import MuJoCo
import CGLContext

/// A headless OpenGL context (`infom_gl_create`), owned by this object and destroyed in `deinit`.
///
/// GL contexts are current per thread; callers make the context current before every use,
/// since other contexts may have been made current in between.
final class GLContext {
    let backend: GLBackend
    private let handle: OpaquePointer

    /// Creates a context and makes it current on the calling thread.
    init(backend: GLBackend) throws {
        var message = [CChar](repeating: 0, count: 512)
        let code = backend == .egl ? INFOM_GL_EGL : INFOM_GL_OSMESA
        guard let handle = infom_gl_create(code, &message, Int32(message.count)) else {
            throw RenderingError.contextUnavailable(backend: backend, message: message.nulTerminatedString)
        }
        self.backend = backend
        self.handle = handle
    }

    deinit { infom_gl_destroy(handle) }

    /// Makes this context current on the calling thread (`eglMakeCurrent` or `OSMesaMakeCurrent`).
    func makeCurrent() throws {
        guard infom_gl_make_current(handle) == 0 else {
            throw RenderingError.contextUnavailable(backend: backend, message: "cannot make the context current")
        }
    }

    /// Leaves no context of ours current on the calling thread (`eglMakeCurrent` with no
    /// context; nothing for OSMesa), so that a window's context can become current there.
    func releaseCurrent() { infom_gl_release_current(handle) }

    /// The GL_RENDERER string of the current context (for example "llvmpipe (LLVM 15.0.6, 256 bits)").
    static var currentRendererName: String { String(cString: infom_gl_renderer_name()) }
}
