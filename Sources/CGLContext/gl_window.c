#include "CGLWindow.h"

#include <GLFW/glfw3.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// GLFW entry points resolved from libglfw.so.3 at run time.
#define GLFW_FUNCTIONS(X)                                                                     \
  X(glfwInit) X(glfwTerminate) X(glfwSetErrorCallback) X(glfwWindowHint) X(glfwCreateWindow)  \
  X(glfwDestroyWindow) X(glfwMakeContextCurrent) X(glfwSwapBuffers) X(glfwSwapInterval)       \
  X(glfwPollEvents) X(glfwWindowShouldClose) X(glfwGetFramebufferSize) X(glfwGetWindowSize)   \
  X(glfwSetKeyCallback) X(glfwSetMouseButtonCallback) X(glfwSetCursorPosCallback)             \
  X(glfwSetScrollCallback) X(glfwSetWindowUserPointer) X(glfwGetWindowUserPointer)

static struct {
  int loaded;
#define DECLARE(name) __typeof__(name)* name;
  GLFW_FUNCTIONS(DECLARE)
#undef DECLARE
} glfw;

enum { QUEUE = 1024 };

struct infom_window {
  GLFWwindow* handle;
  infom_window_event events[QUEUE];
  int head, count;  // ring buffer of queued events
};

static char last_error[512];

static void on_error(int code, const char* description) {
  snprintf(last_error, sizeof last_error, "%s (GLFW error 0x%x)", description, code);
}

static void push(GLFWwindow* handle, infom_window_event event) {
  infom_window* window = glfw.glfwGetWindowUserPointer(handle);
  if (!window || window->count == QUEUE) return;  // a full queue drops input rather than blocking
  window->events[(window->head + window->count) % QUEUE] = event;
  window->count++;
}

static void on_key(GLFWwindow* handle, int key, int scancode, int action, int mods) {
  (void)scancode;
  push(handle, (infom_window_event){.kind = INFOM_WINDOW_KEY, .key = key, .action = action, .mods = mods});
}

static void on_mouse_button(GLFWwindow* handle, int button, int action, int mods) {
  push(handle, (infom_window_event){.kind = INFOM_WINDOW_MOUSE_BUTTON, .button = button, .action = action, .mods = mods});
}

static void on_cursor(GLFWwindow* handle, double x, double y) {
  push(handle, (infom_window_event){.kind = INFOM_WINDOW_CURSOR, .x = x, .y = y});
}

static void on_scroll(GLFWwindow* handle, double x, double y) {
  push(handle, (infom_window_event){.kind = INFOM_WINDOW_SCROLL, .x = x, .y = y});
}

#define FAIL(...)                                                                  \
  do {                                                                             \
    if (message && message_size > 0) snprintf(message, message_size, __VA_ARGS__); \
    return 0;                                                                      \
  } while (0)

static int load_glfw(char* message, int message_size) {
  if (glfw.loaded) return 1;
  // MuJoCo's GL loader looks functions up process-wide: load the GLX library globally first.
  if (!dlopen("libGL.so.1", RTLD_NOW | RTLD_GLOBAL))
    FAIL("cannot load libGL.so.1 (%s); install libgl1 libgl1-mesa-dri", dlerror());
  void* library = dlopen("libglfw.so.3", RTLD_NOW | RTLD_GLOBAL);
  if (!library) FAIL("cannot load libglfw.so.3 (%s); install libglfw3", dlerror());
#define RESOLVE(name)                                                   \
  glfw.name = (__typeof__(name)*)dlsym(library, #name);                 \
  if (!glfw.name) FAIL("libglfw.so.3 lacks %s; install GLFW 3.3 or newer", #name);
  GLFW_FUNCTIONS(RESOLVE)
#undef RESOLVE
  glfw.glfwSetErrorCallback(on_error);
  glfw.loaded = 1;
  return 1;
}

infom_window* infom_window_create(int width, int height, const char* title, char* message, int message_size) {
  if (!load_glfw(message, message_size)) return NULL;
  last_error[0] = 0;
  if (!glfw.glfwInit()) FAIL("GLFW cannot start: %s", last_error[0] ? last_error : "unknown error");
  glfw.glfwWindowHint(GLFW_SAMPLES, 4);
  glfw.glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
  GLFWwindow* handle = glfw.glfwCreateWindow(width, height, title, NULL, NULL);
  if (!handle) {  // displays without multisampled visuals: try again without
    glfw.glfwWindowHint(GLFW_SAMPLES, 0);
    handle = glfw.glfwCreateWindow(width, height, title, NULL, NULL);
  }
  if (!handle) {
    glfw.glfwTerminate();
    FAIL("GLFW cannot open a window: %s", last_error[0] ? last_error : "unknown error");
  }
  infom_window* window = calloc(1, sizeof *window);
  if (!window) {
    glfw.glfwDestroyWindow(handle);
    glfw.glfwTerminate();
    FAIL("out of memory for a window");
  }
  window->handle = handle;
  glfw.glfwSetWindowUserPointer(handle, window);
  glfw.glfwSetKeyCallback(handle, on_key);
  glfw.glfwSetMouseButtonCallback(handle, on_mouse_button);
  glfw.glfwSetCursorPosCallback(handle, on_cursor);
  glfw.glfwSetScrollCallback(handle, on_scroll);
  glfw.glfwMakeContextCurrent(handle);
  glfw.glfwSwapInterval(0);
  return window;
}

void infom_window_make_current(infom_window* window) { glfw.glfwMakeContextCurrent(window->handle); }

void infom_window_release_current(void) { glfw.glfwMakeContextCurrent(NULL); }

void infom_window_poll(infom_window* window) {
  (void)window;
  glfw.glfwPollEvents();
}

int infom_window_next_event(infom_window* window, infom_window_event* event) {
  if (window->count == 0) return 0;
  *event = window->events[window->head];
  window->head = (window->head + 1) % QUEUE;
  window->count--;
  return 1;
}

int infom_window_should_close(infom_window* window) { return glfw.glfwWindowShouldClose(window->handle); }

void infom_window_framebuffer_size(infom_window* window, int* width, int* height) {
  glfw.glfwGetFramebufferSize(window->handle, width, height);
}

void infom_window_size(infom_window* window, int* width, int* height) {
  glfw.glfwGetWindowSize(window->handle, width, height);
}

void infom_window_swap(infom_window* window) { glfw.glfwSwapBuffers(window->handle); }

void infom_window_destroy(infom_window* window) {
  if (!window) return;
  glfw.glfwDestroyWindow(window->handle);
  glfw.glfwTerminate();
  free(window);
}
