"""Prints reference values from OGBench for Tests/SuiteTests/ManipulationBehaviourTests.swift.

Zero-action sag: cube-single-v0, task 1, reset with seed S; the arm's joint angles right after
reset and the pinch point's height after 0, 20, 50 and 100 zero-action steps. The test puts our
arm in the same joint angles (gripper open, at rest) and compares the heights.
Usage (OGBench venv, DEVELOPERS.md):
    /root/venv-jax/bin/python datasets-tools/make_manipulation_fixtures.py
"""
import gymnasium
import numpy as np
import ogbench  # noqa: F401
import mujoco

from importlib.metadata import version
print(f"# ogbench {version('ogbench')}, mujoco {mujoco.__version__}")
for seed in [0, 1, 2]:
    env = gymnasium.make('cube-single-v0')
    ob, info = env.reset(seed=seed, options={'task_id': 1})
    q = info['proprio/joint_pos']
    heights = [info['proprio/effector_pos'][2]]
    for step in range(100):
        ob, _, _, _, info = env.step(np.zeros(5))
        if step + 1 in (20, 50, 100):
            heights.append(info['proprio/effector_pos'][2])
    print('([' + ', '.join(f'{v:.9f}' for v in q) + '], [' + ', '.join(f'{v:.6f}' for v in heights) + ']),')
