"""Writes Tests/DatasetsTests/Fixtures/ogbench_relabel.npz: OGBench's own single-task
relabelling (ogbench.relabel_utils.relabel_dataset) of rows from datasets our collectors wrote,
for DatasetsTests/RelabelingTests.swift, which relabels the same rows with our code.

Inputs are made with
    infom collect --env scene-v0 --collector noisy --episodes 2 --seed 7 --out scene-noisy.npz
    infom collect --env puzzle-3x3-v0 --collector play --episodes 1 --seed 7 --out puzzle-play.npz
    infom collect --env cube-double-v0 --collector play --episodes 2 --seed 7 --out cube-double-play.npz
Usage (OGBench venv, DEVELOPERS.md), from the folder holding them:
    /root/venv-jax/bin/python /path/to/datasets-tools/make_relabel_fixtures.py OUT.npz
For each case the fixture holds NAME_qpos (float32), NAME_button_states (int64, puzzle and
scene), NAME_rewards and NAME_masks, with NAME the single-task id's stem.
"""
import sys

import gymnasium
import numpy as np
import ogbench  # noqa: F401  (registers the envs)
from ogbench.relabel_utils import relabel_dataset

CASES = [('scene-noisy.npz', 'scene-singletask-task2-v0'),
         ('scene-noisy.npz', 'scene-singletask-task4-v0'),
         ('puzzle-play.npz', 'puzzle-3x3-singletask-task1-v0'),
         ('cube-double-play.npz', 'cube-double-singletask-task1-v0')]


def main():
    out = {}
    for path, task in CASES:
        data = np.load(path)
        rows = np.arange(0, data['qpos'].shape[0], 7)
        dataset = {'qpos': data['qpos'][rows]}
        if 'button_states' in data.files:
            dataset['button_states'] = data['button_states'][rows]
        env = gymnasium.make(task)
        relabel_dataset(task, env, dataset)
        name = task.replace('-singletask', '').replace('-v0', '').replace('-', '_')
        out[f'{name}_qpos'] = dataset['qpos'].astype(np.float32)
        if 'button_states' in dataset:
            out[f'{name}_button_states'] = dataset['button_states'].astype(np.int64)
        out[f'{name}_rewards'] = dataset['rewards'].astype(np.float32)
        out[f'{name}_masks'] = dataset['masks'].astype(np.float32)
        values, counts = np.unique(dataset['rewards'], return_counts=True)
        print(task, len(rows), 'rows, rewards', dict(zip(values.tolist(), counts.tolist())))
    np.savez(sys.argv[1], **out)


if __name__ == '__main__':
    main()
