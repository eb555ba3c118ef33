#include "CMuJoCo.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local jmp_buf* guard_target = NULL;
static _Thread_local char guard_message[1024];
static _Thread_local char warning_message[1024];

static void record_error(const char* msg) {
  snprintf(guard_message, sizeof guard_message, "%s", msg);
  if (guard_target) {
    longjmp(*guard_target, 1);
  }
  // An error outside a guarded call cannot be recovered: say what happened before aborting.
  fprintf(stderr, "MuJoCo fatal error outside a guarded call: %s\n", msg);
  abort();
}

static void record_warning(const char* msg) {
  snprintf(warning_message, sizeof warning_message, "%s", msg);
}

void infom_mj_install_handlers(void) {
  mju_user_error = record_error;
  mju_user_warning = record_warning;
}

static const int checked_warnings[] = {mjWARN_BADQPOS, mjWARN_BADQVEL, mjWARN_BADQACC,
                                       mjWARN_BADCTRL, mjWARN_CONTACTFULL, mjWARN_CNSTRFULL};
enum { n_checked = sizeof checked_warnings / sizeof checked_warnings[0] };

// Runs `body` with mju_error redirected to a longjmp back here. On error: restores the outer
// guard, copies MuJoCo's message into `message` and runs `on_error` (which must return).
#define GUARDED(message, message_size, on_error, body)                       \
  do {                                                                       \
    jmp_buf target;                                                          \
    jmp_buf* outer = guard_target;                                           \
    if (setjmp(target)) {                                                    \
      guard_target = outer;                                                  \
      if ((message) && (message_size) > 0)                                   \
        snprintf((message), (message_size), "%s", guard_message);            \
      on_error;                                                              \
    }                                                                        \
    guard_target = &target;                                                  \
    body;                                                                    \
    guard_target = outer;                                                    \
  } while (0)

int infom_mj_guarded_call(infom_mj_physics_fn fn, const mjModel* m, mjData* d,
                          char* message, int message_size) {
  int before[n_checked];
  for (int i = 0; i < n_checked; i++) before[i] = d->warning[checked_warnings[i]].number;
  // The longjmp skips MuJoCo's stack bookkeeping: reset so the data is usable again.
  GUARDED(message, message_size, { mj_resetData(m, d); return INFOM_MJ_FATAL; }, fn(m, d));
  for (int i = 0; i < n_checked; i++) {
    if (d->warning[checked_warnings[i]].number > before[i]) return 1 + checked_warnings[i];
  }
  return INFOM_MJ_OK;
}

mjData* infom_mj_make_data(const mjModel* m, char* message, int message_size) {
  mjData* d = NULL;
  GUARDED(message, message_size, return NULL, d = mj_makeData(m));
  return d;
}

mjModel* infom_mj_load_xml(const char* filename, const mjVFS* vfs, char* message, int message_size) {
  mjModel* m = NULL;
  GUARDED(message, message_size, return NULL, m = mj_loadXML(filename, vfs, message, message_size));
  return m;
}

mjModel* infom_mj_load_model(const char* filename, const mjVFS* vfs, char* message, int message_size) {
  mjModel* m = NULL;
  warning_message[0] = 0;
  GUARDED(message, message_size, return NULL, m = mj_loadModel(filename, vfs));
  if (!m && message && message_size > 0) snprintf(message, message_size, "%s", warning_message);
  return m;
}

int infom_mjr_make_context(const mjModel* m, mjrContext* con, int fontscale, char* message,
                           int message_size) {
  GUARDED(message, message_size, return -1, mjr_makeContext(m, con, fontscale));
  return 0;
}

int infom_vfs_add(mjVFS* vfs, const char* name, const void* data, int size) {
  int code = mj_makeEmptyFileVFS(vfs, name, size);
  if (code != 0) return code;
  int index = mj_findFileVFS(vfs, name);
  if (index < 0) return -1;
  if (size > 0) memcpy(vfs->filedata[index], data, (size_t)size);
  return 0;
}

void infom_bare_step_loop(const mjModel* m, mjData* d, long steps) {
  for (long i = 0; i < steps; i++) mj_step(m, d);
}

void infom_bare_substep_loop(const mjModel* m, mjData* d, const mjtNum* controls, long steps,
                             int substeps) {
  for (long i = 0; i < steps; i++) {
    for (int u = 0; u < m->nu; u++) d->ctrl[u] = controls[i * m->nu + u];
    mj_step2(m, d);
    for (int k = 1; k < substeps; k++) mj_step(m, d);
    mj_step1(m, d);
  }
}

void infom_scene_set_flag(mjvScene* scn, int flag, int value) {
  if (flag >= 0 && flag < mjNRNDFLAG) scn->flags[flag] = (mjtByte)(value != 0);
}

int infom_warning_count(const mjData* d, int warning) {
  return (warning >= 0 && warning < mjNWARNING) ? d->warning[warning].number : 0;
}

int infom_warning_info(const mjData* d, int warning) {
  return (warning >= 0 && warning < mjNWARNING) ? d->warning[warning].lastinfo : 0;
}
