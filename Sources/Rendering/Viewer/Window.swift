import CGLContext
import Foundation

/// An on-screen window with a current OpenGL context (`infom_window_create`, GLFW loaded at run
/// time), owned by this object and closed in `deinit`. One window per process, used from the
/// thread that opened it.
final class Window {
    private let handle: OpaquePointer

    /// Opens a `width`×`height` window, or throws ``RenderingError/noDisplay(_:)`` with the fix
    /// when there is no display to open it on.
    init(width: Int, height: Int, title: String) throws {
        let environment = ProcessInfo.processInfo.environment
        if (environment["DISPLAY"] ?? "").isEmpty && (environment["WAYLAND_DISPLAY"] ?? "").isEmpty {
            throw RenderingError.noDisplay("neither DISPLAY nor WAYLAND_DISPLAY is set")
        }
        var message = [CChar](repeating: 0, count: 512)
        guard let handle = infom_window_create(Int32(width), Int32(height), title, &message, Int32(message.count)) else {
            throw RenderingError.noDisplay(message.nulTerminatedString)
        }
        self.handle = handle
    }

    deinit { infom_window_destroy(handle) }

    /// Makes the window's GL context current (`glfwMakeContextCurrent`).
    func makeCurrent() { infom_window_make_current(handle) }
    /// Leaves the window's context not current, so that offscreen renderers (a pixel policy's)
    /// can make theirs current on this thread (`glfwMakeContextCurrent(NULL)`).
    func releaseCurrent() { infom_window_release_current() }

    /// Processes window-system events (`glfwPollEvents`) and returns the input received since
    /// the last call, oldest first.
    func pollEvents() -> [WindowEvent] {
        infom_window_poll(handle)
        var events: [WindowEvent] = []
        var raw = infom_window_event()
        while infom_window_next_event(handle, &raw) != 0 {
            if let event = WindowEvent(raw) { events.append(event) }
        }
        return events
    }

    /// Whether the user closed the window (`glfwWindowShouldClose`).
    var shouldClose: Bool { infom_window_should_close(handle) != 0 }

    /// The drawable size in pixels (`glfwGetFramebufferSize`).
    var framebufferSize: (width: Int, height: Int) {
        var width: Int32 = 0, height: Int32 = 0
        infom_window_framebuffer_size(handle, &width, &height)
        return (Int(width), Int(height))
    }

    /// The window size in screen coordinates, the unit of cursor positions (`glfwGetWindowSize`).
    var size: (width: Int, height: Int) {
        var width: Int32 = 0, height: Int32 = 0
        infom_window_size(handle, &width, &height)
        return (Int(width), Int(height))
    }

    /// Shows the back buffer (`glfwSwapBuffers`).
    func swapBuffers() { infom_window_swap(handle) }
}
