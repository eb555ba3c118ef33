// Headless OpenGL contexts for MuJoCo's renderer: EGL on Mesa's surfaceless platform, or OSMesa.
// The GL library of the chosen backend is loaded at run time (dlopen, RTLD_GLOBAL), so a process
// holds exactly one GL implementation and MuJoCo's function loader finds that one.
#ifndef INFOM_CGLCONTEXT_H
#define INFOM_CGLCONTEXT_H

#ifdef __cplusplus
extern "C" {
#endif

/// Backends, as named by the MUJOCO_GL environment variable.
typedef enum { INFOM_GL_EGL = 1, INFOM_GL_OSMESA = 2 } infom_gl_backend;

/// An opaque GL context owned by the caller; free it with `infom_gl_destroy`.
typedef struct infom_gl_context infom_gl_context;

/// Creates a context of `backend` and makes it current on the calling thread. Returns NULL on
/// failure with a description in `message`. All contexts of a process must use one backend.
infom_gl_context* infom_gl_create(infom_gl_backend backend, char* message, int message_size);

/// Makes `ctx` current on the calling thread. Returns 0 on success.
int infom_gl_make_current(infom_gl_context* ctx);
/* Leaves no EGL context current on the calling thread (a no-op for OSMesa), so that another
   GL API (a window's GLX context) can be made current there. */
void infom_gl_release_current(infom_gl_context* ctx);

/// Releases the context (making nothing current if it was current) and frees it.
void infom_gl_destroy(infom_gl_context* ctx);

/// GL_RENDERER of the current context, or "" if none.
const char* infom_gl_renderer_name(void);

#ifdef __cplusplus
}
#endif

#include "CGLWindow.h"  // on-screen windows (GLFW) for the interactive viewer

#endif
