"""Contacts of convex primitive pairs in MuJoCo 3: the fixture of
Tests/MuJoCoTests/ConvexCollisionTests.swift.

MuJoCo 2.2.2 collides pairs with a cylinder or an ellipsoid through libccd's MPR; MuJoCo 3 (what
OGBench runs) finds the minimum penetration with GJK and EPA ("nativeccd"). For each pair of
shapes this script draws random overlapping and nearly touching poses of two free bodies and
records MuJoCo 3's single contact (multiccd disabled) with nativeccd, and the true minimum
penetration: the minimum over directions n of the support functions' h_A(n) + h_B(-n), found by
sampling directions and refining the best with Nelder-Mead. MuJoCo 3's EPA stops early on some
deep, curved overlaps (3e-5 m short of the minimum on a cylinder pair, 4e-4 m on an ellipsoid);
the test holds ours to the truth. Run in the OGBench venv (DEVELOPERS.md; mujoco==3.17.0):
    /work/venv-ogb/bin/python datasets-tools/make_convex_collision_fixture.py Tests/MuJoCoTests/Fixtures/convex_collision.json
"""
import json
import sys

import mujoco
import numpy as np
from scipy.optimize import minimize

SHAPES = {'box': ('box', '0.05 0.03 0.02', 0.062), 'cylinder': ('cylinder', '0.03 0.02', 0.036),
          'capsule': ('capsule', '0.015 0.03', 0.045), 'sphere': ('sphere', '0.025', 0.025),
          'ellipsoid': ('ellipsoid', '0.04 0.03 0.02', 0.04), 'flat_cylinder': ('cylinder', '0.0172 0.0044', 0.018)}
PAIRS = [('cylinder', 'box'), ('flat_cylinder', 'box'), ('capsule', 'cylinder'), ('cylinder', 'cylinder'),
         ('sphere', 'cylinder'), ('ellipsoid', 'box'), ('sphere', 'ellipsoid')]
POSES = 60


def xml(a, b):
    """Two free bodies without gravity, one geom each (first geom A, second geom B)."""
    (ta, sa, _), (tb, sb, _) = SHAPES[a], SHAPES[b]
    return f"""<mujoco><option gravity="0 0 0"/><worldbody>
<body name="a"><freejoint/><geom type="{ta}" size="{sa}"/></body>
<body name="b" pos="0 0 1"><freejoint/><geom type="{tb}" size="{sb}"/></body>
</worldbody></mujoco>"""


def support_value(shape, pos, rot, n):
    """h(n) = max over the shape of x·n, for rows n of unit world directions."""
    kind, size = SHAPES[shape][0], np.array([float(x) for x in SHAPES[shape][1].split()])
    local = n @ rot
    base = n @ pos
    if kind == 'sphere':
        return base + size[0]
    if kind == 'capsule':
        return base + size[0] + size[1] * np.abs(local[:, 2])
    if kind == 'cylinder':
        return base + size[0] * np.hypot(local[:, 0], local[:, 1]) + size[1] * np.abs(local[:, 2])
    if kind == 'ellipsoid':
        return base + np.linalg.norm(local * size, axis=1)
    return base + np.abs(local) @ size


def minimum_penetration(a, b, qpos, rng, guess):
    """Depth and normal (from A to B) of the least translation of B that separates the shapes;
    `guess` (MuJoCo's normal) is one of the starts."""
    rot = []
    for q in (qpos[3:7], qpos[10:14]):
        m = np.zeros(9)
        mujoco.mju_quat2Mat(m, q)
        rot.append(m.reshape(3, 3))

    def depth(v):
        n = np.atleast_2d(v) / np.linalg.norm(np.atleast_2d(v), axis=1, keepdims=True)
        return support_value(a, qpos[0:3], rot[0], n) + support_value(b, qpos[7:10], rot[1], -n)

    directions = rng.normal(size=(20000, 3))
    starts = np.concatenate([directions[np.argsort(depth(directions))[:10]], [guess]])
    best = min((minimize(lambda v: depth(v)[0], start, method='Nelder-Mead',
                         options=dict(xatol=1e-12, fatol=1e-15, maxiter=4000)) for start in starts),
               key=lambda r: r.fun)
    return float(best.fun), (best.x / np.linalg.norm(best.x)).tolist()


def contacts(model, data, qpos):
    model.opt.disableflags = int(mujoco.mjtDisableBit.mjDSBL_MULTICCD)
    data.qpos[:] = qpos
    mujoco.mj_forward(model, data)
    out = []
    for c in data.contact[:data.ncon]:
        sign = 1.0 if c.geom1 == 0 else -1.0  # normals from geom A to geom B
        out.append([float(c.dist), *map(float, c.pos), *(sign * float(x) for x in c.frame[:3])])
    return out


def random_quat(rng):
    q = rng.normal(size=4)
    return q / np.linalg.norm(q)


def main():
    rng = np.random.default_rng(0)
    fixture = {'mujoco': mujoco.__version__, 'pairs': []}
    for a, b in PAIRS:
        model = mujoco.MjModel.from_xml_string(xml(a, b))
        data = mujoco.MjData(model)
        reach = SHAPES[a][2] + SHAPES[b][2]
        poses = []
        while len(poses) < POSES:
            direction = rng.normal(size=3)
            offset = direction / np.linalg.norm(direction) * rng.uniform(0.2, 1.0) * reach
            qpos = np.concatenate([[0, 0, 0], random_quat(rng), offset, random_quat(rng)])
            native = contacts(model, data, qpos)
            if len(native) > 1:
                continue
            pose = {'qpos': qpos.tolist(), 'native': native}
            if native:
                pose['depth'], pose['normal'] = minimum_penetration(a, b, qpos, rng, np.array(native[0][4:7]))
            poses.append(pose)
        fixture['pairs'].append({'name': f'{a}-{b}', 'xml': xml(a, b), 'poses': poses})
        gaps = [abs(p['native'][0][0] + p['depth']) for p in poses if p['native']]
        print(f'{a}-{b}: {len(gaps)} of {POSES} poses in contact; MuJoCo 3 depth to the minimum: max {max(gaps):.2g} m')
    with open(sys.argv[1], 'w') as f:
        json.dump(fixture, f)


if __name__ == '__main__':
    main()
