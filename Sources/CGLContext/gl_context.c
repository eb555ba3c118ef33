#include "CGLContext.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/gl.h>
#include <GL/osmesa.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// Entry points resolved from the backend library at run time.
static struct {
  int loaded;  // 0: nothing loaded; otherwise the backend whose library is loaded
  void* library;
  // EGL
  PFNEGLGETPROCADDRESSPROC GetProcAddress;
  PFNEGLINITIALIZEPROC Initialize;
  PFNEGLCHOOSECONFIGPROC ChooseConfig;
  PFNEGLBINDAPIPROC BindAPI;
  PFNEGLCREATECONTEXTPROC CreateContext;
  PFNEGLMAKECURRENTPROC MakeCurrent;
  PFNEGLDESTROYCONTEXTPROC DestroyContext;
  PFNEGLGETERRORPROC GetError;
  EGLDisplay display;
  // OSMesa
  OSMesaContext (*OSMesaCreateContextExt)(GLenum, GLint, GLint, GLint, OSMesaContext);
  GLboolean (*OSMesaMakeCurrent)(OSMesaContext, void*, GLenum, GLsizei, GLsizei);
  void (*OSMesaDestroyContext)(OSMesaContext);
  // Both
  const GLubyte* (*GetString)(GLenum);
} gl;

static pthread_mutex_t gl_lock = PTHREAD_MUTEX_INITIALIZER;

struct infom_gl_context {
  infom_gl_backend backend;
  EGLContext egl;
  OSMesaContext osmesa;
  unsigned char* osmesa_buffer;  // the OSMesa window buffer; MuJoCo renders to its own framebuffer
};

enum { OSMESA_WINDOW = 4 };

#define FAIL(...)                                                     \
  do {                                                                \
    if (message && message_size > 0) snprintf(message, message_size, __VA_ARGS__); \
    return 0;                                                         \
  } while (0)

static void* symbol(const char* name) { return dlsym(gl.library, name); }

static int load_egl(char* message, int message_size) {
  gl.library = dlopen("libEGL.so.1", RTLD_NOW | RTLD_GLOBAL);
  if (!gl.library)
    FAIL("cannot load libEGL.so.1 (%s); install libegl1 libegl-mesa0 libgl1-mesa-dri, or set MUJOCO_GL=osmesa",
         dlerror());
  gl.GetProcAddress = (PFNEGLGETPROCADDRESSPROC)symbol("eglGetProcAddress");
  gl.Initialize = (PFNEGLINITIALIZEPROC)symbol("eglInitialize");
  gl.ChooseConfig = (PFNEGLCHOOSECONFIGPROC)symbol("eglChooseConfig");
  gl.BindAPI = (PFNEGLBINDAPIPROC)symbol("eglBindAPI");
  gl.CreateContext = (PFNEGLCREATECONTEXTPROC)symbol("eglCreateContext");
  gl.MakeCurrent = (PFNEGLMAKECURRENTPROC)symbol("eglMakeCurrent");
  gl.DestroyContext = (PFNEGLDESTROYCONTEXTPROC)symbol("eglDestroyContext");
  gl.GetError = (PFNEGLGETERRORPROC)symbol("eglGetError");
  if (!gl.GetProcAddress || !gl.Initialize || !gl.ChooseConfig || !gl.BindAPI ||
      !gl.CreateContext || !gl.MakeCurrent || !gl.DestroyContext || !gl.GetError)
    FAIL("libEGL.so.1 lacks core EGL 1.4 entry points");
  gl.GetString = (const GLubyte* (*)(GLenum))gl.GetProcAddress("glGetString");

  PFNEGLGETPLATFORMDISPLAYEXTPROC get_platform_display =
      (PFNEGLGETPLATFORMDISPLAYEXTPROC)gl.GetProcAddress("eglGetPlatformDisplayEXT");
  if (!get_platform_display) FAIL("EGL has no eglGetPlatformDisplayEXT; set MUJOCO_GL=osmesa");
  gl.display = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
  if (gl.display == EGL_NO_DISPLAY)
    FAIL("EGL has no surfaceless Mesa display (is libegl-mesa0 installed?); set MUJOCO_GL=osmesa");
  EGLint major = 0, minor = 0;
  if (!gl.Initialize(gl.display, &major, &minor))
    FAIL("eglInitialize failed with EGL error 0x%x; set MUJOCO_GL=osmesa", gl.GetError());
  if (!gl.BindAPI(EGL_OPENGL_API)) FAIL("eglBindAPI(EGL_OPENGL_API) failed with 0x%x", gl.GetError());
  return 1;
}

static int load_osmesa(char* message, int message_size) {
  gl.library = dlopen("libOSMesa.so.8", RTLD_NOW | RTLD_GLOBAL);
  if (!gl.library) gl.library = dlopen("libOSMesa.so.6", RTLD_NOW | RTLD_GLOBAL);
  if (!gl.library) FAIL("cannot load libOSMesa (%s); install libosmesa6, or set MUJOCO_GL=egl", dlerror());
  gl.OSMesaCreateContextExt = symbol("OSMesaCreateContextExt");
  gl.OSMesaMakeCurrent = symbol("OSMesaMakeCurrent");
  gl.OSMesaDestroyContext = symbol("OSMesaDestroyContext");
  gl.GetString = symbol("glGetString");
  if (!gl.OSMesaCreateContextExt || !gl.OSMesaMakeCurrent || !gl.OSMesaDestroyContext)
    FAIL("libOSMesa lacks OSMesaCreateContextExt/OSMesaMakeCurrent");
  return 1;
}

static int load_backend(infom_gl_backend backend, char* message, int message_size) {
  if (gl.loaded) {
    if (gl.loaded == (int)backend) return 1;
    FAIL("this process already renders with %s; one process uses one GL backend (MUJOCO_GL)",
         gl.loaded == INFOM_GL_EGL ? "EGL" : "OSMesa");
  }
  int ok = backend == INFOM_GL_EGL ? load_egl(message, message_size)
                                   : load_osmesa(message, message_size);
  if (ok) gl.loaded = (int)backend;
  return ok;
}

static int create_egl(infom_gl_context* ctx, char* message, int message_size) {
  const EGLint attributes[] = {EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8,
                               EGL_ALPHA_SIZE, 8, EGL_DEPTH_SIZE, 24, EGL_STENCIL_SIZE, 8,
                               EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                               EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_NONE};
  EGLConfig config;
  EGLint count = 0;
  if (!gl.ChooseConfig(gl.display, attributes, &config, 1, &count) || count < 1)
    FAIL("no EGL config with RGBA8, depth 24, stencil 8 and desktop OpenGL (EGL error 0x%x)",
         gl.GetError());
  /* The bound client API is per thread and defaults to OpenGL ES: bind desktop GL on this one. */
  if (!gl.BindAPI(EGL_OPENGL_API)) FAIL("eglBindAPI(EGL_OPENGL_API) failed with 0x%x", gl.GetError());
  ctx->egl = gl.CreateContext(gl.display, config, EGL_NO_CONTEXT, NULL);
  if (ctx->egl == EGL_NO_CONTEXT) FAIL("eglCreateContext failed with EGL error 0x%x", gl.GetError());
  return 1;
}

static int create_osmesa(infom_gl_context* ctx, char* message, int message_size) {
  ctx->osmesa = gl.OSMesaCreateContextExt(OSMESA_RGBA, 24, 8, 0, NULL);
  if (!ctx->osmesa) FAIL("OSMesaCreateContextExt(RGBA, depth 24, stencil 8) failed");
  ctx->osmesa_buffer = calloc(OSMESA_WINDOW * OSMESA_WINDOW * 4, 1);
  if (!ctx->osmesa_buffer) FAIL("out of memory for the OSMesa buffer");
  return 1;
}

infom_gl_context* infom_gl_create(infom_gl_backend backend, char* message, int message_size) {
  pthread_mutex_lock(&gl_lock);
  infom_gl_context* ctx = NULL;
  if (load_backend(backend, message, message_size)) {
    ctx = calloc(1, sizeof *ctx);
    if (ctx) {
      ctx->backend = backend;
      int ok = backend == INFOM_GL_EGL ? create_egl(ctx, message, message_size)
                                       : create_osmesa(ctx, message, message_size);
      if (!ok) {
        infom_gl_destroy(ctx);
        ctx = NULL;
      }
    } else if (message && message_size > 0) {
      snprintf(message, message_size, "out of memory for a GL context");
    }
  }
  pthread_mutex_unlock(&gl_lock);
  if (ctx && infom_gl_make_current(ctx) != 0) {
    if (message && message_size > 0) snprintf(message, message_size, "cannot make the new GL context current");
    infom_gl_destroy(ctx);
    return NULL;
  }
  return ctx;
}

int infom_gl_make_current(infom_gl_context* ctx) {
  if (!ctx) return -1;
  if (ctx->backend == INFOM_GL_EGL)
    return gl.BindAPI(EGL_OPENGL_API) && gl.MakeCurrent(gl.display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx->egl) ? 0 : -1;
  return gl.OSMesaMakeCurrent(ctx->osmesa, ctx->osmesa_buffer, GL_UNSIGNED_BYTE, OSMESA_WINDOW,
                              OSMESA_WINDOW) ? 0 : -1;
}

void infom_gl_release_current(infom_gl_context* ctx) {
  if (ctx && ctx->backend == INFOM_GL_EGL) gl.MakeCurrent(gl.display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
}

void infom_gl_destroy(infom_gl_context* ctx) {
  if (!ctx) return;
  if (ctx->backend == INFOM_GL_EGL && ctx->egl != EGL_NO_CONTEXT && gl.DestroyContext) {
    gl.MakeCurrent(gl.display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    gl.DestroyContext(gl.display, ctx->egl);
  }
  if (ctx->backend == INFOM_GL_OSMESA && ctx->osmesa && gl.OSMesaDestroyContext) {
    gl.OSMesaDestroyContext(ctx->osmesa);
  }
  free(ctx->osmesa_buffer);
  free(ctx);
}

const char* infom_gl_renderer_name(void) {
  const GLubyte* name = gl.GetString ? gl.GetString(GL_RENDERER) : NULL;
  return name ? (const char*)name : "";
}
