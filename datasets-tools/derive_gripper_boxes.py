"""Derives the primitive collision boxes of our 2F-85-style gripper (Assets/manipulation/world.xml).

Reads the gripper's link meshes from an installed `ogbench` package (never copied into this
repository) and prints, per link, the tightest box rotated only about the joint axis (x) that
contains the mesh, plus PCA and axis-aligned boxes for comparison. Usage:
    /work/venv-ogb/bin/python datasets-tools/derive_gripper_boxes.py
"""
import os
import ogbench
import numpy as np, struct
d = os.path.join(os.path.dirname(ogbench.__file__), "manipspace/descriptions/robotiq_2f85/assets")
def load_stl(p):
    b = open(p,'rb').read()
    if b[:5] == b'solid' and b'facet' in b[:300]:
        v=[list(map(float,l.split()[1:4])) for l in b.decode().splitlines() if l.strip().startswith('vertex')]
        return np.array(v)
    n = struct.unpack('<I', b[80:84])[0]
    a = np.frombuffer(b[84:84+n*50], dtype=np.dtype([('n','<3f4'),('v','<9f4'),('a','<u2')]))
    return a['v'].reshape(-1,3).astype(float)
for name in ["base_mount","base","driver","coupler","spring_link","follower"]:
    v = load_stl(f"{d}/{name}.stl")*0.001
    c = v.mean(0)
    w, vec = np.linalg.eigh(np.cov((v-c).T))
    vec = vec[:, ::-1]
    if np.linalg.det(vec) < 0: vec[:,2] *= -1
    p = (v-c) @ vec
    lo, hi = p.min(0), p.max(0)
    center = c + vec @ ((lo+hi)/2)
    half = (hi-lo)/2
    aabb_lo, aabb_hi = v.min(0), v.max(0)
    # quaternion from rotation matrix vec (columns = box axes in body frame)
    R = vec; t = np.trace(R)
    qw = np.sqrt(max(0,1+t))/2; qx = np.copysign(np.sqrt(max(0,1+R[0,0]-R[1,1]-R[2,2]))/2, R[2,1]-R[1,2])
    qy = np.copysign(np.sqrt(max(0,1-R[0,0]+R[1,1]-R[2,2]))/2, R[0,2]-R[2,0]); qz = np.copysign(np.sqrt(max(0,1-R[0,0]-R[1,1]+R[2,2]))/2, R[1,0]-R[0,1])
    print(name, "obb pos", np.round(center,5), "quat", np.round([qw,qx,qy,qz],4), "half", np.round(half,5), "vol", np.prod(2*half))
    print("   aabb center", np.round((aabb_lo+aabb_hi)/2,5), "half", np.round((aabb_hi-aabb_lo)/2,5), "vol", np.prod(aabb_hi-aabb_lo))
print("--- x-axis-aligned (rotation about x only) boxes")
for name in ["driver","coupler","spring_link","follower"]:
    v = load_stl(f"{d}/{name}.stl")*0.001
    best=None
    for ang in np.linspace(0, np.pi, 721):
        c_, s_ = np.cos(ang), np.sin(ang)
        R = np.array([[1,0,0],[0,c_,-s_],[0,s_,c_]])  # columns = box axes
        p = v @ R
        lo, hi = p.min(0), p.max(0)
        vol = np.prod(hi-lo)
        if best is None or vol < best[0]: best=(vol, ang, R, lo, hi)
    vol, ang, R, lo, hi = best
    center = R @ ((lo+hi)/2)
    print(name, "pos", np.round(center,5), "angle about x", round(ang,4), "quat", np.round([np.cos(ang/2), np.sin(ang/2),0,0],5), "half", np.round((hi-lo)/2,5))

# --- How closely our primitives (Assets/manipulation/world.xml) follow each link's hull, in the
# link's y-z plane (every link spans its full width along the joint axis x): the share of the
# hull they miss, the area they add outside it, and how far past the hull they reach. The
# driver and follower are several primitives because one box around either reached 9 and 18 mm
# past its hull (the follower's hooked on the scene drawer's case); the coupler's and spring link's
# hulls are stadiums, a box between two end cylinders. The base (its own 3-D hull, narrowing toward
# the fingers) is a cylinder and two boxes per 1 cm band, all inside the hull.
import math
from scipy.spatial import ConvexHull, Delaunay, cKDTree


def box(cy, cz, hy, hz, angle=0.0):
    return ('box', cy, cz, hy, hz, angle)


def knuckle(radius):
    return ('disc', 0.0, 0.0, radius, radius, 0.0)


def angle_of(w, x):
    return 2 * math.atan2(x, w)


PRIMITIVES = {
    'driver': [box(0.0122, 0.0065, 0.0035, 0.0144, -1.3686), box(0.0148, -0.0052, 0.0035, 0.0167, -1.6579),
               box(0.015, 0.0015, 0.015, 0.0065), box(0.0328, 0.0003, 0.0052, 0.0062), knuckle(0.0075)],
    'coupler': [box(0.0031, 0.02355, 0.006, 0.02375, angle_of(0.99786, -0.0654)), knuckle(0.006),
                ('disc', 0.0062, 0.0471, 0.006, 0.006, 0.0)],
    'spring_link': [box(0.01855, 0.02165, 0.0285, 0.006, angle_of(0.90814, 0.41866)), knuckle(0.006),
                    ('disc', 0.0371, 0.0433, 0.006, 0.006, 0.0)],
    'follower': [box(-0.006874, 0.022094, 0.003, 0.023289, 0.4319), box(-0.018836, 0.026054, 0.003, 0.0182, -0.1599),
                 box(-0.0125, 0.0035, 0.0085, 0.0025), box(-0.012, 0.013, 0.006, 0.007), knuckle(0.006)],
}
for name, shapes in PRIMITIVES.items():
    yz = load_stl(f"{d}/{name}.stl")[:, 1:] * 0.001
    hull = Delaunay(yz[ConvexHull(yz).vertices])
    points = np.random.default_rng(0).uniform(yz.min(0) - 0.01, yz.max(0) + 0.01, (200000, 2))
    inside = hull.find_simplex(points) >= 0
    covered = np.zeros(len(points), bool)
    for kind, cy, cz, hy, hz, angle in shapes:
        q = points - [cy, cz]
        if kind == 'disc':  # a cylinder along x centred at (cy, cz)
            covered |= np.linalg.norm(q, axis=1) <= hy
            continue
        c, s = math.cos(angle), math.sin(angle)
        covered |= (np.abs(q[:, 0] * c + q[:, 1] * s) <= hy) & (np.abs(-q[:, 0] * s + q[:, 1] * c) <= hz)
    outside = points[covered & ~inside]
    reach = cKDTree(points[inside]).query(outside)[0].max() if len(outside) else 0.0
    print(f"{name}: {len(shapes)} primitives miss {np.mean(~covered[inside]):.0%} of the hull, add "
          f"{np.sum(covered & ~inside) / inside.sum():.0%} outside it, reach at most {reach * 1000:.1f} mm past it")
