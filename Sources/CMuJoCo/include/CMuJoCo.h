// C helpers around Debian's libmujoco 2.2.2 that Swift cannot express directly:
// guarded calls that turn mju_error into a return code, simulation-warning checks,
// access to fixed-size C arrays, and the bare C stepping loop used as a benchmark baseline.
#ifndef INFOM_CMUJOCO_H
#define INFOM_CMUJOCO_H

#include <mujoco/mujoco.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Installs MuJoCo error and warning handlers that record the message for the calling thread
/// instead of printing it, writing MUJOCO_LOG.TXT or exiting. Idempotent.
void infom_mj_install_handlers(void);

/// A physics call with the MuJoCo signature `void f(const mjModel*, mjData*)`.
typedef void (*infom_mj_physics_fn)(const mjModel*, mjData*);

/// Outcome codes of `infom_mj_guarded_call`.
enum {
  INFOM_MJ_OK = 0,
  INFOM_MJ_FATAL = -1,  ///< mju_error was raised; `message` holds its text and `d` was reset.
};

/// Calls `fn(m, d)`. Returns INFOM_MJ_OK, INFOM_MJ_FATAL, or `1 + w` where `w` is the first
/// simulation warning (mjtWarning) among bad qpos/qvel/qacc/ctrl and full contact/constraint
/// buffers whose counter grew during the call. `message` (of `message_size` bytes) receives
/// MuJoCo's text for a fatal error.
int infom_mj_guarded_call(infom_mj_physics_fn fn, const mjModel* m, mjData* d,
                          char* message, int message_size);

/// `mj_makeData` with mju_error turned into NULL and a message.
mjData* infom_mj_make_data(const mjModel* m, char* message, int message_size);

/// `mj_loadXML` with mju_error turned into NULL; `message` receives the compiler's or the error's text.
mjModel* infom_mj_load_xml(const char* filename, const mjVFS* vfs, char* message, int message_size);

/// `mj_loadModel` (MJB) with mju_error turned into NULL; `message` receives the error or warning text.
mjModel* infom_mj_load_model(const char* filename, const mjVFS* vfs, char* message, int message_size);

/// `mjr_makeContext` with mju_error turned into a non-zero return and a message (for example when
/// the GL context cannot provide an offscreen framebuffer).
int infom_mjr_make_context(const mjModel* m, mjrContext* con, int fontscale, char* message,
                           int message_size);

/// Copies `size` bytes into a new VFS file named `name`. Returns mj_makeEmptyFileVFS's code
/// (0 success, 1 full, 2 repeated name).
int infom_vfs_add(mjVFS* vfs, const char* name, const void* data, int size);

/// One step with MuJoCo 3's `implicitfast` integrator, which MuJoCo 2.2.2 lacks (OGBench steps
/// its manipulation models with it). As `mj_step`: checks, `mj_forward`, then velocities are
/// integrated implicitly in the derivative D of actuator and passive forces with respect to qvel:
/// (M − h·D) qacc = qfrc_smooth + qfrc_constraint, qvel += h·qacc, qpos by `mj_integratePos`.
/// D holds the affine actuators' velocity gains (skipped while the force sits at its forcerange
/// bound), joint and tendon damping, kept to the sparsity of M as MuJoCo 3 keeps it. The model
/// must have no activations, muscles or fluid forces (`infom_implicitfast_supported`).
void infom_mj_step_implicitfast(const mjModel* m, mjData* d);

/// 1 when `infom_mj_step_implicitfast` can step `m`: no activations, muscle actuators or fluid
/// forces (medium density and viscosity zero); else 0.
int infom_implicitfast_supported(const mjModel* m);

/// Collides geoms `g1` and `g2` (convex primitives) as MuJoCo 3 does by default ("nativeccd"):
/// GJK for the distance, EPA for the minimum penetration, one contact at the midpoint of the
/// witness points, normal from g1 to g2 (an `mjfCollision`). MuJoCo 2.2.2 measures such pairs
/// with libccd's MPR along the line between the centres instead.
int infom_convex_penetration(const mjModel* m, const mjData* d, mjContact* con, int g1, int g2,
                             mjtNum margin);

/// With `enable` 1, collisions of `m` between convex primitives that MuJoCo 2.2.2 hands to
/// libccd (pairs with a cylinder or an ellipsoid) use `infom_convex_penetration`; with 0, MuJoCo's
/// function again. Other models are unaffected. Call with 0 before deleting the model. Returns 0,
/// or -1 when 256 models are registered already.
int infom_use_convex_penetration(const mjModel* m, int enable);

/// Runs `mj_step` `steps` times in a plain C loop: the baseline that benchmarks compare against.
void infom_bare_step_loop(const mjModel* m, mjData* d, long steps);

/// The bare C loop of an environment step, as a benchmark baseline: for each of `steps` steps,
/// copy `nu` controls from `controls` (`steps * nu` values), then `mj_step2`, `substeps - 1`
/// times `mj_step`, and `mj_step1`; with `implicitfast`, `substeps` times
/// `infom_mj_step_implicitfast` instead.
void infom_bare_substep_loop(const mjModel* m, mjData* d, const mjtNum* controls, long steps,
                             int substeps, int implicitfast);

/// Sets one of the scene's rendering flags (mjtRndFlag).
void infom_scene_set_flag(mjvScene* scn, int flag, int value);

/// Reads a warning counter of the data (mjtWarning).
int infom_warning_count(const mjData* d, int warning);

/// Reads the info (for bad-number warnings: the offending index) of the data's last warning of a kind.
int infom_warning_info(const mjData* d, int warning);

#ifdef __cplusplus
}
#endif

#endif
