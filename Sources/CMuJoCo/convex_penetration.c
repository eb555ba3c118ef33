// Convex collisions by GJK and EPA (the minimum penetration), for models that ask for it.
//
// MuJoCo 2.2.2 collides convex primitive pairs without a native function (pairs with a cylinder
// or an ellipsoid) through libccd's MPR, whose penetration is measured along the line between
// the two centres rather than in the direction of least penetration. MuJoCo 3 ("nativeccd")
// finds the true minimum with GJK and EPA. The two differ most for flat, wide shapes touched
// off-centre: a gripper pad resting on a button cap reads as a sideways contact under MPR.
// This file implements GJK (distance and intersection) and EPA on the shapes' support functions,
// written from the algorithms' definitions, and installs itself in MuJoCo's collision table for
// those pairs; models not registered keep MuJoCo's own function.
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "CMuJoCo.h"

// ---- shapes --------------------------------------------------------------------------------------

/// A geom's shape in world coordinates: type, size, position and rotation (row-major, local→world).
typedef struct {
  int type;
  const mjtNum* size;
  const mjtNum* pos;
  const mjtNum* mat;
} shape_t;

/// The point of `s` farthest along the world direction `dir`.
static void support(const shape_t* s, const mjtNum dir[3], mjtNum out[3]) {
  const mjtNum* r = s->mat;
  const mjtNum l[3] = {r[0] * dir[0] + r[3] * dir[1] + r[6] * dir[2],
                       r[1] * dir[0] + r[4] * dir[1] + r[7] * dir[2],
                       r[2] * dir[0] + r[5] * dir[1] + r[8] * dir[2]};
  const mjtNum* z = s->size;
  mjtNum p[3] = {0, 0, 0};
  switch (s->type) {
    case mjGEOM_SPHERE:
    case mjGEOM_CAPSULE: {
      mjtNum n = sqrt(l[0] * l[0] + l[1] * l[1] + l[2] * l[2]);
      if (n > mjMINVAL) {
        for (int i = 0; i < 3; i++) p[i] = z[0] * l[i] / n;
      } else {
        p[0] = z[0];
      }
      if (s->type == mjGEOM_CAPSULE) p[2] += l[2] >= 0 ? z[1] : -z[1];
      break;
    }
    case mjGEOM_ELLIPSOID: {
      mjtNum t[3] = {z[0] * l[0], z[1] * l[1], z[2] * l[2]};
      mjtNum n = sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
      if (n > mjMINVAL) {
        for (int i = 0; i < 3; i++) p[i] = z[i] * t[i] / n;
      } else {
        p[0] = z[0];
      }
      break;
    }
    case mjGEOM_CYLINDER: {
      mjtNum n = sqrt(l[0] * l[0] + l[1] * l[1]);
      if (n > mjMINVAL) {
        p[0] = z[0] * l[0] / n;
        p[1] = z[0] * l[1] / n;
      }
      p[2] = l[2] >= 0 ? z[1] : -z[1];
      break;
    }
    default:  // box
      for (int i = 0; i < 3; i++) p[i] = l[i] >= 0 ? z[i] : -z[i];
      break;
  }
  for (int i = 0; i < 3; i++) out[i] = s->pos[i] + r[3 * i] * p[0] + r[3 * i + 1] * p[1] + r[3 * i + 2] * p[2];
}

// ---- vector helpers ------------------------------------------------------------------------------

static inline mjtNum dot3(const mjtNum a[3], const mjtNum b[3]) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
static inline void sub3(mjtNum r[3], const mjtNum a[3], const mjtNum b[3]) {
  r[0] = a[0] - b[0]; r[1] = a[1] - b[1]; r[2] = a[2] - b[2];
}
static inline void cross3(mjtNum r[3], const mjtNum a[3], const mjtNum b[3]) {
  r[0] = a[1] * b[2] - a[2] * b[1]; r[1] = a[2] * b[0] - a[0] * b[2]; r[2] = a[0] * b[1] - a[1] * b[0];
}

/// A vertex of the Minkowski difference A − B, with the support points it came from.
typedef struct {
  mjtNum w[3], a[3], b[3];
} vertex_t;

static void minkowski_support(const shape_t* A, const shape_t* B, const mjtNum dir[3], vertex_t* v) {
  const mjtNum neg[3] = {-dir[0], -dir[1], -dir[2]};
  support(A, dir, v->a);
  support(B, neg, v->b);
  sub3(v->w, v->a, v->b);
}

// ---- GJK -----------------------------------------------------------------------------------------

/// Barycentric coordinates of the point of triangle (a, b, c) closest to the origin (Voronoi regions
/// of the vertices, edges and face). Writes the weights of a, b, c.
static void closest_on_triangle(const mjtNum a[3], const mjtNum b[3], const mjtNum c[3], mjtNum lambda[3]) {
  mjtNum ab[3], ac[3], ap[3] = {-a[0], -a[1], -a[2]};
  sub3(ab, b, a);
  sub3(ac, c, a);
  mjtNum d1 = dot3(ab, ap), d2 = dot3(ac, ap);
  if (d1 <= 0 && d2 <= 0) { lambda[0] = 1; lambda[1] = lambda[2] = 0; return; }
  mjtNum bp[3] = {-b[0], -b[1], -b[2]};
  mjtNum d3 = dot3(ab, bp), d4 = dot3(ac, bp);
  if (d3 >= 0 && d4 <= d3) { lambda[1] = 1; lambda[0] = lambda[2] = 0; return; }
  mjtNum vc = d1 * d4 - d3 * d2;
  if (vc <= 0 && d1 >= 0 && d3 <= 0) {
    mjtNum t = d1 / (d1 - d3);
    lambda[0] = 1 - t; lambda[1] = t; lambda[2] = 0; return;
  }
  mjtNum cp[3] = {-c[0], -c[1], -c[2]};
  mjtNum d5 = dot3(ab, cp), d6 = dot3(ac, cp);
  if (d6 >= 0 && d5 <= d6) { lambda[2] = 1; lambda[0] = lambda[1] = 0; return; }
  mjtNum vb = d5 * d2 - d1 * d6;
  if (vb <= 0 && d2 >= 0 && d6 <= 0) {
    mjtNum t = d2 / (d2 - d6);
    lambda[0] = 1 - t; lambda[2] = t; lambda[1] = 0; return;
  }
  mjtNum va = d3 * d6 - d5 * d4;
  if (va <= 0 && (d4 - d3) >= 0 && (d5 - d6) >= 0) {
    mjtNum t = (d4 - d3) / ((d4 - d3) + (d5 - d6));
    lambda[1] = 1 - t; lambda[2] = t; lambda[0] = 0; return;
  }
  mjtNum den = va + vb + vc;
  if (fabs(den) < mjMINVAL) { lambda[0] = 1; lambda[1] = lambda[2] = 0; return; }
  lambda[1] = vb / den; lambda[2] = vc / den; lambda[0] = 1 - lambda[1] - lambda[2];
}

/// 1 when the origin and `d` lie on the same side of the plane through a, b, c (or the origin on
/// it); 0 when `d` lies on the plane (a flat tetrahedron holds nothing).
static int same_side(const mjtNum a[3], const mjtNum b[3], const mjtNum c[3], const mjtNum d[3]) {
  mjtNum ab[3], ac[3], n[3], ad[3];
  sub3(ab, b, a); sub3(ac, c, a); cross3(n, ab, ac); sub3(ad, d, a);
  mjtNum sd = dot3(n, ad), so = -dot3(n, a);
  if (fabs(sd) <= 1e-12 * sqrt(dot3(n, n) * dot3(ad, ad))) return 0;
  return sd * so >= 0;
}

/// Replaces the simplex by its smallest face holding the point closest to the origin; writes that
/// point to `v` and its weights to `lambda`. Returns 1 when the origin lies inside a tetrahedron.
static int reduce_simplex(vertex_t* s, int* n, mjtNum lambda[4], mjtNum v[3]) {
  if (*n == 4) {
    int inside = 1;
    mjtNum best = INFINITY, best_lambda[3] = {0};
    int best_face[3] = {0, 1, 2};
    static const int faces[4][4] = {{0, 1, 2, 3}, {0, 1, 3, 2}, {0, 2, 3, 1}, {1, 2, 3, 0}};
    for (int f = 0; f < 4; f++) {
      const int* k = faces[f];
      if (same_side(s[k[0]].w, s[k[1]].w, s[k[2]].w, s[k[3]].w)) continue;
      inside = 0;
      mjtNum l[3], p[3];
      closest_on_triangle(s[k[0]].w, s[k[1]].w, s[k[2]].w, l);
      for (int i = 0; i < 3; i++) p[i] = l[0] * s[k[0]].w[i] + l[1] * s[k[1]].w[i] + l[2] * s[k[2]].w[i];
      mjtNum d = dot3(p, p);
      if (d < best) {
        best = d;
        memcpy(best_lambda, l, sizeof(l));
        memcpy(best_face, k, sizeof(best_face));
      }
    }
    if (inside) return 1;
    vertex_t t[3] = {s[best_face[0]], s[best_face[1]], s[best_face[2]]};
    memcpy(s, t, sizeof(t));
    memcpy(lambda, best_lambda, sizeof(best_lambda));
    *n = 3;
  } else if (*n == 3) {
    closest_on_triangle(s[0].w, s[1].w, s[2].w, lambda);
  } else if (*n == 2) {
    mjtNum d[3];
    sub3(d, s[1].w, s[0].w);
    mjtNum dd = dot3(d, d), t = dd > mjMINVAL ? -dot3(s[0].w, d) / dd : 0;
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    lambda[0] = 1 - t; lambda[1] = t;
  } else {
    lambda[0] = 1;
  }
  // drop vertices of zero weight
  int m = 0;
  for (int i = 0; i < *n; i++) {
    if (lambda[i] > 0) { s[m] = s[i]; lambda[m] = lambda[i]; m++; }
  }
  if (m == 0) { m = 1; lambda[0] = 1; }
  *n = m;
  for (int i = 0; i < 3; i++) {
    v[i] = 0;
    for (int j = 0; j < m; j++) v[i] += lambda[j] * s[j].w[i];
  }
  return 0;
}

/// The points of A and B that the `n` vertices `v` weighted by `lambda` combine to.
static void witness_points(const vertex_t* v, const mjtNum* lambda, int n, mjtNum pa[3], mjtNum pb[3]) {
  for (int i = 0; i < 3; i++) {
    pa[i] = pb[i] = 0;
    for (int j = 0; j < n; j++) { pa[i] += lambda[j] * v[j].a[i]; pb[i] += lambda[j] * v[j].b[i]; }
  }
}

enum { GJK_SEPARATED = 0, GJK_INTERSECTING = 1, GJK_BEYOND = 2 };

/// GJK on A − B. Separated: the distance and the witness points on A and B. Intersecting: the
/// simplex (1 to 4 vertices) that holds the origin. Beyond: a direction proves the distance
/// larger than `cutoff` (nothing else is computed).
static int gjk(const shape_t* A, const shape_t* B, mjtNum cutoff, vertex_t s[4], int* n, mjtNum* distance,
               mjtNum pa[3], mjtNum pb[3]) {
  mjtNum v[3], lambda[4] = {1, 0, 0, 0};
  sub3(v, A->pos, B->pos);
  if (dot3(v, v) < mjMINVAL) { v[0] = 1; v[1] = v[2] = 0; }
  *n = 0;
  for (int iter = 0; iter < 100; iter++) {
    mjtNum dir[3] = {-v[0], -v[1], -v[2]};
    vertex_t w;
    minkowski_support(A, B, dir, &w);
    mjtNum vv = dot3(v, v), vw = dot3(v, w.w);
    // every point of A − B lies at least v·w / |v| from the origin along v
    if (vw > 0 && vw * vw > cutoff * cutoff * vv) return GJK_BEYOND;
    // converged: the new vertex brings the origin no closer (relative tolerance)
    if (*n > 0 && vv - vw <= 1e-12 * vv) break;
    int repeated = 0;
    for (int i = 0; i < *n; i++) {
      if (s[i].w[0] == w.w[0] && s[i].w[1] == w.w[1] && s[i].w[2] == w.w[2]) repeated = 1;
    }
    if (repeated) break;
    s[(*n)++] = w;
    if (reduce_simplex(s, n, lambda, v)) return GJK_INTERSECTING;
    if (dot3(v, v) < 1e-24) return GJK_INTERSECTING;
  }
  witness_points(s, lambda, *n, pa, pb);
  *distance = sqrt(dot3(v, v));
  return GJK_SEPARATED;
}

/// Grows a simplex holding the origin to a tetrahedron of non-zero volume (EPA's start), with
/// support points in directions across the simplex. Returns 0 when the difference is flat.
static int grow_to_tetrahedron(const shape_t* A, const shape_t* B, vertex_t s[4], int* n) {
  static const mjtNum axes[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
  if (*n == 1) {
    for (int k = 0; k < 6 && *n == 1; k++) {
      vertex_t w;
      minkowski_support(A, B, axes[k], &w);
      mjtNum d[3];
      sub3(d, w.w, s[0].w);
      if (dot3(d, d) > 1e-18) s[(*n)++] = w;
    }
    if (*n == 1) return 0;
  }
  if (*n == 2) {
    mjtNum e[3];
    sub3(e, s[1].w, s[0].w);
    int k = fabs(e[0]) < fabs(e[1]) ? (fabs(e[0]) < fabs(e[2]) ? 0 : 2) : (fabs(e[1]) < fabs(e[2]) ? 1 : 2);
    mjtNum u[3], dir[3];
    cross3(u, e, axes[2 * k]);
    mjtNum un = sqrt(dot3(u, u)), en = sqrt(dot3(e, e));
    for (int i = 0; i < 3; i++) u[i] /= un;
    mjtNum t[3];
    cross3(t, e, u);
    for (int i = 0; i < 3; i++) t[i] /= en;
    for (int j = 0; j < 6 && *n == 2; j++) {
      mjtNum a = j * M_PI / 3;
      for (int i = 0; i < 3; i++) dir[i] = cos(a) * u[i] + sin(a) * t[i];
      vertex_t w;
      minkowski_support(A, B, dir, &w);
      mjtNum d0[3], c[3];
      sub3(d0, w.w, s[0].w);
      cross3(c, e, d0);
      if (dot3(c, c) > 1e-18 * dot3(e, e)) s[(*n)++] = w;
    }
    if (*n == 2) return 0;
  }
  if (*n == 3) {
    mjtNum e1[3], e2[3], nrm[3];
    sub3(e1, s[1].w, s[0].w);
    sub3(e2, s[2].w, s[0].w);
    cross3(nrm, e1, e2);
    for (int sign = 0; sign < 2 && *n == 3; sign++) {
      mjtNum dir[3] = {sign ? -nrm[0] : nrm[0], sign ? -nrm[1] : nrm[1], sign ? -nrm[2] : nrm[2]};
      vertex_t w;
      minkowski_support(A, B, dir, &w);
      mjtNum d0[3];
      sub3(d0, w.w, s[0].w);
      if (fabs(dot3(d0, nrm)) > 1e-12 * sqrt(dot3(nrm, nrm))) s[(*n)++] = w;
    }
    if (*n == 3) return 0;
  }
  return 1;
}

// ---- EPA -----------------------------------------------------------------------------------------

enum { EPA_MAX_VERTICES = 128, EPA_MAX_FACES = 256, EPA_MAX_EDGES = 128 };

typedef struct {
  int v[3];
  mjtNum normal[3];
  mjtNum distance;
  int alive;
} face_t;

typedef struct {
  vertex_t vertices[EPA_MAX_VERTICES];
  face_t faces[EPA_MAX_FACES];
  int nvertex, nface;
  mjtNum interior[3];  // a point inside the polytope: the centroid of the first tetrahedron
} polytope_t;

/// Adds face (i, j, k), oriented away from the polytope's interior. Returns 0 when full.
static int add_face(polytope_t* p, int i, int j, int k) {
  if (p->nface == EPA_MAX_FACES) return 0;
  face_t* f = &p->faces[p->nface++];
  const mjtNum *a = p->vertices[i].w, *b = p->vertices[j].w, *c = p->vertices[k].w;
  mjtNum e1[3], e2[3], nrm[3], out[3];
  sub3(e1, b, a);
  sub3(e2, c, a);
  cross3(nrm, e1, e2);
  sub3(out, a, p->interior);
  if (dot3(nrm, out) < 0) {
    int t = j; j = k; k = t;
    for (int q = 0; q < 3; q++) nrm[q] = -nrm[q];
  }
  mjtNum len = sqrt(dot3(nrm, nrm));
  f->v[0] = i; f->v[1] = j; f->v[2] = k;
  f->alive = len > mjMINVAL;
  if (f->alive) for (int q = 0; q < 3; q++) f->normal[q] = nrm[q] / len;
  f->distance = f->alive ? dot3(f->normal, a) : INFINITY;
  return 1;
}

/// The live face nearest the origin.
static face_t* nearest_face(polytope_t* p) {
  int best = -1;
  for (int f = 0; f < p->nface; f++) {
    if (p->faces[f].alive && (best < 0 || p->faces[f].distance < p->faces[best].distance)) best = f;
  }
  return &p->faces[best];
}

/// EPA from a tetrahedron holding the origin: the face of A − B nearest the origin, within
/// `tolerance`. Writes the depth, the normal (from A towards B) and the witness points.
static void epa(const shape_t* A, const shape_t* B, const vertex_t tet[4], mjtNum tolerance, int iterations,
                mjtNum* depth, mjtNum normal[3], mjtNum pa[3], mjtNum pb[3]) {
  polytope_t polytope, *p = &polytope;
  p->nvertex = 4;
  p->nface = 0;
  memcpy(p->vertices, tet, 4 * sizeof(vertex_t));
  for (int i = 0; i < 3; i++) p->interior[i] = 0.25 * (tet[0].w[i] + tet[1].w[i] + tet[2].w[i] + tet[3].w[i]);
  add_face(p, 0, 1, 2); add_face(p, 0, 1, 3); add_face(p, 0, 2, 3); add_face(p, 1, 2, 3);
  for (int iter = 0; iter < iterations; iter++) {
    face_t* f = nearest_face(p);
    vertex_t w;
    minkowski_support(A, B, f->normal, &w);
    if (dot3(f->normal, w.w) - f->distance < tolerance || p->nvertex == EPA_MAX_VERTICES) break;
    int nw = p->nvertex++;
    p->vertices[nw] = w;
    // remove the faces the new vertex sees; their boundary (the horizon) spans the new faces
    int edges[EPA_MAX_EDGES][2], nedge = 0, overflow = 0;
    for (int g = 0; g < p->nface; g++) {
      face_t* h = &p->faces[g];
      if (!h->alive) continue;
      mjtNum d[3];
      sub3(d, w.w, p->vertices[h->v[0]].w);
      if (dot3(h->normal, d) <= 0) continue;
      h->alive = 0;
      for (int e = 0; e < 3; e++) {
        int a = h->v[e], b = h->v[(e + 1) % 3], shared = -1;
        for (int q = 0; q < nedge; q++) {
          if (edges[q][0] == b && edges[q][1] == a) { shared = q; break; }
        }
        if (shared >= 0) {
          edges[shared][0] = edges[nedge - 1][0];
          edges[shared][1] = edges[nedge - 1][1];
          nedge--;
        } else if (nedge < EPA_MAX_EDGES) {
          edges[nedge][0] = a; edges[nedge][1] = b; nedge++;
        } else {
          overflow = 1;
        }
      }
    }
    int full = overflow;
    for (int q = 0; q < nedge && !full; q++) full = !add_face(p, edges[q][0], edges[q][1], nw);
    if (full) break;
  }
  face_t* f = nearest_face(p);
  *depth = f->distance;
  memcpy(normal, f->normal, 3 * sizeof(mjtNum));
  // the origin's projection on the face, in the face's barycentric coordinates
  const vertex_t *a = &p->vertices[f->v[0]], *b = &p->vertices[f->v[1]], *c = &p->vertices[f->v[2]];
  mjtNum q[3] = {f->distance * normal[0], f->distance * normal[1], f->distance * normal[2]};
  mjtNum e1[3], e2[3], e3[3];
  sub3(e1, b->w, a->w); sub3(e2, c->w, a->w); sub3(e3, q, a->w);
  mjtNum d11 = dot3(e1, e1), d12 = dot3(e1, e2), d22 = dot3(e2, e2), d31 = dot3(e3, e1), d32 = dot3(e3, e2);
  mjtNum den = d11 * d22 - d12 * d12, l1 = 0, l2 = 0;
  if (fabs(den) > mjMINVAL) {
    l1 = (d22 * d31 - d12 * d32) / den;
    l2 = (d11 * d32 - d12 * d31) / den;
  }
  const vertex_t corners[3] = {*a, *b, *c};
  const mjtNum lambda[3] = {1 - l1 - l2, l1, l2};
  witness_points(corners, lambda, 3, pa, pb);
}

// ---- the collision function and its registration ------------------------------------------------

int infom_convex_penetration(const mjModel* m, const mjData* d, mjContact* con, int g1, int g2, mjtNum margin) {
  shape_t A = {m->geom_type[g1], m->geom_size + 3 * g1, d->geom_xpos + 3 * g1, d->geom_xmat + 9 * g1};
  shape_t B = {m->geom_type[g2], m->geom_size + 3 * g2, d->geom_xpos + 3 * g2, d->geom_xmat + 9 * g2};
  vertex_t s[4];
  int n;
  mjtNum distance, pa[3], pb[3], normal[3];
  int status = gjk(&A, &B, margin, s, &n, &distance, pa, pb);
  if (status == GJK_BEYOND) return 0;
  if (status == GJK_SEPARATED) {
    if (distance >= margin || distance < mjMINVAL) return 0;
    sub3(normal, pb, pa);
    for (int i = 0; i < 3; i++) normal[i] /= distance;
    con->dist = distance;
  } else {
    if (!grow_to_tetrahedron(&A, &B, s, &n)) return 0;
    mjtNum depth;
    epa(&A, &B, s, m->opt.mpr_tolerance, 4 * m->opt.mpr_iterations, &depth, normal, pa, pb);
    con->dist = -depth;
  }
  for (int i = 0; i < 3; i++) {
    con->pos[i] = 0.5 * (pa[i] + pb[i]);
    con->frame[i] = normal[i];
    con->frame[3 + i] = 0;
  }
  return 1;
}

/// MuJoCo's own function for the pairs replaced below (libccd), called for models not registered.
static mjfCollision mujoco_libccd;
/// The registered models (null slots are free).
enum { MAX_MODELS = 256 };
static _Atomic(const mjModel*) registered[MAX_MODELS];
/// One past the highest slot ever used.
static atomic_int used_slots;

static int is_registered(const mjModel* m) {
  int used = atomic_load_explicit(&used_slots, memory_order_acquire);
  for (int i = 0; i < used; i++) {
    if (atomic_load_explicit(&registered[i], memory_order_relaxed) == m) return 1;
  }
  return 0;
}

static int collide(const mjModel* m, const mjData* d, mjContact* con, int g1, int g2, mjtNum margin) {
  if (is_registered(m)) return infom_convex_penetration(m, d, con, g1, g2, margin);
  return mujoco_libccd(m, d, con, g1, g2, margin);
}

static pthread_once_t install_once = PTHREAD_ONCE_INIT;

/// Replaces MuJoCo's libccd function (the one it uses for ellipsoid pairs) for every pair of
/// primitives that uses it; meshes, planes and height fields keep theirs.
static void install(void) {
  mujoco_libccd = mjCOLLISIONFUNC[mjGEOM_ELLIPSOID][mjGEOM_ELLIPSOID];
  for (int i = mjGEOM_SPHERE; i <= mjGEOM_BOX; i++) {
    for (int j = i; j <= mjGEOM_BOX; j++) {
      if (mjCOLLISIONFUNC[i][j] == mujoco_libccd) mjCOLLISIONFUNC[i][j] = collide;
    }
  }
}

int infom_use_convex_penetration(const mjModel* m, int enable) {
  pthread_once(&install_once, install);
  for (int i = 0; i < MAX_MODELS; i++) {
    if (atomic_load(&registered[i]) == m) {
      if (!enable) atomic_store(&registered[i], NULL);
      return 0;
    }
  }
  if (!enable) return 0;
  for (int i = 0; i < MAX_MODELS; i++) {
    const mjModel* empty = NULL;
    if (atomic_compare_exchange_strong(&registered[i], &empty, m)) {
      int used = atomic_load(&used_slots);
      while (used < i + 1 && !atomic_compare_exchange_weak(&used_slots, &used, i + 1)) {}
      return 0;
    }
  }
  return -1;
}
