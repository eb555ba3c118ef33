"""OGBench's own evaluation episodes for Tests/SuiteTests/OGBenchReplayTests.swift: for a few
tasks, OGBench's oracles (sequenced as in compare_ogbench_oracles.py) solve an episode in task
mode on OGBench 1.2.2 / MuJoCo 3.17; the fixture holds its initial state (qpos, qvel, button
states), actions, observations after every step and final success. The test replays the actions
from that state in our environment and checks the path, the button toggles and the success.
Usage (OGBench venv):
    /work/venv-ogb/bin/python datasets-tools/make_ogbench_replay_fixture.py Tests/SuiteTests/Fixtures/ogbench_replay.npz
"""
import sys

import mujoco
import numpy as np

from compare_ogbench_replay import record
from ogbench_on_our_model import make

EPISODES = [('cube-double-v0', 5, 5001), ('scene-v0', 2, 2000), ('scene-v0', 4, 4001), ('puzzle-3x3-v0', 4, 4000)]


def main():
    arrays = {'mujoco_version': np.frombuffer(mujoco.__version__.encode(), dtype=np.uint8)}
    for k, (env_id, task, seed) in enumerate(EPISODES):
        np.random.seed(seed)
        env = make(env_id, terminate_at_goal=True)
        (qpos, qvel, buttons), actions, path, solved = record(env, task, seed)
        assert solved, f'{env_id} task {task} seed {seed} was not solved'
        prefix = f'episode{k}.'
        arrays[prefix + 'env'] = np.frombuffer(env_id.encode(), dtype=np.uint8)
        arrays[prefix + 'task'] = np.array([task, seed], dtype=np.int64)
        arrays[prefix + 'qpos'], arrays[prefix + 'qvel'] = qpos, qvel
        arrays[prefix + 'button_states'] = buttons.astype(np.int64)
        arrays[prefix + 'actions'] = actions.astype(np.float32)
        arrays[prefix + 'observations'] = path.astype(np.float32)
        print(f'{env_id} task {task}: {len(actions)} steps')
    np.savez(sys.argv[1], **arrays)


if __name__ == '__main__':
    main()
