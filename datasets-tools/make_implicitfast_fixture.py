"""MuJoCo 3's `implicitfast` stepping our own manipulation models: the fixture of
Tests/SuiteTests/ImplicitFastTests.swift.

OGBench steps its manipulation models with `implicitfast`, which MuJoCo 2.2.2 lacks; our
Simulation emulates it (infom_mj_step_implicitfast). This script compiles our MJCF (from
`infom envs --model-xml ID`) in MuJoCo 3, applies the runtime arm gains, and steps it from the
home pose through a fixed sequence of arm and gripper targets (some saturating the actuators'
force ranges, the gripper closing onto nothing and, for the cube, a grasp), recording qpos and
qvel after every 25 substeps. Run in the OGBench venv (DEVELOPERS.md; mujoco==3.17.0):
    for e in puzzle-3x3-v0 cube-single-v0; do .build/debug/infom envs --model-xml $e > /tmp/$e.xml; done
    /work/venv-ogb/bin/python datasets-tools/make_implicitfast_fixture.py /tmp Tests/SuiteTests/Fixtures/implicitfast.npz
"""
import sys
import mujoco
import numpy as np

ARM_GAINS = [4500, 4500, 4500, 2000, 2000, 500]
HOME = [-np.pi / 2, -np.pi / 2, np.pi / 2, -np.pi / 2, -np.pi / 2, 0]
STEPS, SUBSTEPS = 40, 25


def targets(seed):
    """Arm targets around home (±0.05 rad saturates the shoulders) and gripper commands."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(STEPS):
        arm = np.array(HOME) + rng.uniform(-0.05, 0.05, 6) * (1 + (k % 5 == 0))
        rows.append(np.concatenate([arm, [255.0 if (k // 8) % 2 else 0.0]]))
    return np.array(rows)


def run(xml_path, controls):
    model = mujoco.MjModel.from_xml_path(xml_path)
    model.opt.integrator = mujoco.mjtIntegrator.mjINT_IMPLICITFAST
    for i, kp in enumerate(ARM_GAINS):
        model.actuator_gainprm[i, 0] = kp
        model.actuator_biasprm[i, 1] = -kp
    data = mujoco.MjData(model)
    data.qpos[:6] = HOME
    mujoco.mj_forward(model, data)
    qpos, qvel = [], []
    for ctrl in controls:
        data.ctrl[:] = ctrl
        for _ in range(SUBSTEPS):
            mujoco.mj_step(model, data)
        qpos.append(data.qpos.copy())
        qvel.append(data.qvel.copy())
    return np.array(qpos), np.array(qvel)


def main():
    folder, out = sys.argv[1], sys.argv[2]
    arrays = {"mujoco_version": np.frombuffer(mujoco.__version__.encode(), dtype=np.uint8)}
    for seed, env_id in enumerate(["puzzle-3x3-v0", "cube-single-v0"]):
        controls = targets(seed)
        qpos, qvel = run(f"{folder}/{env_id}.xml", controls)
        arrays[f"{env_id}.ctrl"] = controls
        arrays[f"{env_id}.qpos"] = qpos
        arrays[f"{env_id}.qvel"] = qvel
    np.savez(out, **arrays)
    print(f"wrote {out}: {', '.join(sorted(arrays))}")


if __name__ == "__main__":
    main()
