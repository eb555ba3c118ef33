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
                             int substeps, int implicitfast) {
  for (long i = 0; i < steps; i++) {
    for (int u = 0; u < m->nu; u++) d->ctrl[u] = controls[i * m->nu + u];
    if (implicitfast) {
      for (int k = 0; k < substeps; k++) infom_mj_step_implicitfast(m, d);
      continue;
    }
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

// ---- implicitfast (MuJoCo 3's integrator) on MuJoCo 2.2.2 ----------------------------------------
//
// M is stored by MuJoCo in its tree layout: row i of the lower triangle keeps M(i,i) at
// dof_Madr[i] followed by M(i,j) for each ancestor j of i, nearest first. D is accumulated in
// the same layout, which is also where MuJoCo 3 keeps the implicitfast matrix.

// Number of entries of row i (the dof and its ancestors): rows are stored one after another.
static int tree_row_length(const mjModel* m, int i) {
  return (i + 1 < m->nv ? m->dof_Madr[i + 1] : m->nM) - m->dof_Madr[i];
}

// deriv += scale · v vᵀ, restricted to the tree layout.
static void add_outer_on_tree(const mjModel* m, mjtNum* deriv, const mjtNum* v, mjtNum scale) {
  for (int i = 0; i < m->nv; i++) {
    if (v[i] == 0) continue;
    int adr = m->dof_Madr[i];
    for (int j = i; j >= 0; j = m->dof_parentid[j]) deriv[adr++] += scale * v[i] * v[j];
  }
}

// In-place LᵀDL factorization of a matrix in the tree layout (leaves first): afterwards the
// off-diagonal entries hold L and `diag_inv` holds 1/D.
static void factor_tree(const mjModel* m, mjtNum* a, mjtNum* diag_inv) {
  for (int k = m->nv - 1; k >= 0; k--) {
    int kk = m->dof_Madr[k];
    if (a[kk] < mjMINVAL) a[kk] = mjMINVAL;
    int ki = kk + 1;
    for (int i = m->dof_parentid[k]; i >= 0; i = m->dof_parentid[i], ki++) {
      mjtNum ratio = a[ki] / a[kk];
      int n = tree_row_length(m, i), ii = m->dof_Madr[i];
      for (int t = 0; t < n; t++) a[ii + t] -= ratio * a[ki + t];
      a[ki] = ratio;
    }
  }
  for (int i = 0; i < m->nv; i++) diag_inv[i] = 1 / a[m->dof_Madr[i]];
}

// x ← (LᵀDL)⁻¹ x with the factor of `factor_tree`.
static void solve_tree(const mjModel* m, const mjtNum* a, const mjtNum* diag_inv, mjtNum* x) {
  for (int i = m->nv - 1; i >= 0; i--) {
    if (x[i] == 0) continue;
    int adr = m->dof_Madr[i] + 1;
    for (int j = m->dof_parentid[i]; j >= 0; j = m->dof_parentid[j]) x[j] -= a[adr++] * x[i];
  }
  for (int i = 0; i < m->nv; i++) x[i] *= diag_inv[i];
  for (int i = 0; i < m->nv; i++) {
    int adr = m->dof_Madr[i] + 1;
    for (int j = m->dof_parentid[i]; j >= 0; j = m->dof_parentid[j]) x[i] -= a[adr++] * x[j];
  }
}

int infom_implicitfast_supported(const mjModel* m) {
  if (m->na > 0 || m->opt.density != 0 || m->opt.viscosity != 0) return 0;
  for (int i = 0; i < m->nu; i++) {
    if (m->actuator_gaintype[i] == mjGAIN_MUSCLE || m->actuator_biastype[i] == mjBIAS_MUSCLE) return 0;
  }
  return 1;
}

void infom_mj_step_implicitfast(const mjModel* m, mjData* d) {
  mj_checkPos(m, d);
  mj_checkVel(m, d);
  mj_forward(m, d);
  mj_checkAcc(m, d);

  int nv = m->nv;
  mjtNum h = m->opt.timestep;
  mjMARKSTACK;
  mjtNum* deriv = mj_stackAlloc(d, m->nM);
  mjtNum* lower = mj_stackAlloc(d, m->nM);
  mjtNum* diag_inv = mj_stackAlloc(d, nv);
  mjtNum* acc = mj_stackAlloc(d, nv);
  mju_zero(deriv, m->nM);

  // d(qfrc_actuator)/d(qvel): affine velocity terms of unsaturated actuators.
  if (!(m->opt.disableflags & mjDSBL_ACTUATION)) {
    for (int i = 0; i < m->nu; i++) {
      mjtNum slope = 0;
      if (m->actuator_biastype[i] == mjBIAS_AFFINE) slope += m->actuator_biasprm[mjNBIAS * i + 2];
      if (m->actuator_gaintype[i] == mjGAIN_AFFINE) {
        mjtNum ctrl = d->ctrl[i];
        if (m->actuator_ctrllimited[i]) ctrl = mju_clip(ctrl, m->actuator_ctrlrange[2 * i], m->actuator_ctrlrange[2 * i + 1]);
        slope += m->actuator_gainprm[mjNGAIN * i + 2] * ctrl;
      }
      if (slope == 0) continue;
      if (m->actuator_forcelimited[i]) {
        mjtNum force = d->actuator_force[i];
        if (force <= m->actuator_forcerange[2 * i] || force >= m->actuator_forcerange[2 * i + 1]) continue;
      }
      add_outer_on_tree(m, deriv, d->actuator_moment + (size_t)i * nv, slope);
    }
  }
  // d(qfrc_passive)/d(qvel): joint and tendon damping.
  if (!(m->opt.disableflags & mjDSBL_PASSIVE)) {
    for (int i = 0; i < nv; i++) deriv[m->dof_Madr[i]] -= m->dof_damping[i];
    for (int t = 0; t < m->ntendon; t++) {
      if (m->tendon_damping[t] != 0) add_outer_on_tree(m, deriv, d->ten_J + (size_t)t * nv, -m->tendon_damping[t]);
    }
  }

  // (M − h·D) qacc = qfrc_smooth + qfrc_constraint
  mju_copy(lower, d->qM, m->nM);
  mju_addToScl(lower, deriv, -h, m->nM);
  factor_tree(m, lower, diag_inv);
  mju_add(acc, d->qfrc_smooth, d->qfrc_constraint, nv);
  solve_tree(m, lower, diag_inv, acc);

  mju_addToScl(d->qvel, acc, h, nv);
  mj_integratePos(m, d->qpos, d->qvel, h);
  d->time += h;
  mjFREESTACK;
}
