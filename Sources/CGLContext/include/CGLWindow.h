// An on-screen OpenGL window for MuJoCo's renderer, through GLFW. libglfw.so.3 and the GLX
// library (libGL.so.1) are loaded at run time, so programs that never open a window do not need
// a display stack. Input arrives as a queue of events that the caller drains after polling.
#ifndef INFOM_CGLWINDOW_H
#define INFOM_CGLWINDOW_H

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque window with its GL context, owned by the caller; free it with `infom_window_destroy`.
typedef struct infom_window infom_window;

/// Kinds of input events.
typedef enum {
  INFOM_WINDOW_KEY = 1,           ///< `key` (GLFW key code), `action` (0 release, 1 press, 2 repeat), `mods`
  INFOM_WINDOW_MOUSE_BUTTON = 2,  ///< `button` (0 left, 1 right, 2 middle), `action`, `mods`
  INFOM_WINDOW_CURSOR = 3,        ///< `x`, `y`: cursor position in screen coordinates
  INFOM_WINDOW_SCROLL = 4,        ///< `x`, `y`: scroll offsets
} infom_window_event_kind;

/// One input event.
typedef struct {
  infom_window_event_kind kind;
  int key, button, action, mods;
  double x, y;
} infom_window_event;

/// Opens a `width`×`height` window titled `title` with a current GL context (double-buffered,
/// 4× multisampling, vsync off). Returns NULL with a description in `message` when there is no
/// display, GLFW is not installed, or the window cannot be made.
infom_window* infom_window_create(int width, int height, const char* title, char* message, int message_size);

/// Makes the window's context current on the calling thread.
void infom_window_make_current(infom_window* window);
/* Leaves no window context current on the calling thread (glfwMakeContextCurrent(NULL)). */
void infom_window_release_current(void);

/// Processes pending window-system events (`glfwPollEvents`), queueing input events.
void infom_window_poll(infom_window* window);

/// Takes the oldest queued input event into `event`; returns 0 when the queue is empty.
int infom_window_next_event(infom_window* window, infom_window_event* event);

/// Whether the user asked to close the window.
int infom_window_should_close(infom_window* window);

/// The framebuffer size in pixels (`glfwGetFramebufferSize`).
void infom_window_framebuffer_size(infom_window* window, int* width, int* height);

/// The window size in screen coordinates (`glfwGetWindowSize`).
void infom_window_size(infom_window* window, int* width, int* height);

/// Shows the frame drawn into the back buffer (`glfwSwapBuffers`).
void infom_window_swap(infom_window* window);

/// Closes the window and frees it.
void infom_window_destroy(infom_window* window);

#ifdef __cplusplus
}
#endif

#endif
