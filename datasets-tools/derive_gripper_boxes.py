"""Derives the primitive collision boxes of our 2F-85-style gripper (Assets/manipulation/world.xml).

Reads the gripper's link meshes from an installed `ogbench` package (never copied into this
repository) and prints, per link, the tightest box rotated only about the joint axis (x) that
contains the mesh, plus PCA and axis-aligned boxes for comparison. Usage:
    /root/venv-jax/bin/python datasets-tools/derive_gripper_boxes.py
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
