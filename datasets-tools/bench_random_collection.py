"""Baseline for `infom collect --collector random`: the same collection with dm_control in Python.

Needs the locomotion oracle venv (numpy<2, mujoco==2.2.2, dm_control==1.0.7).

  python bench_random_collection.py --env walker_walk --episodes 100 [--workers 2]

Per episode: reset, then 1000 steps of float32 uniform actions, keeping observation, action and
physics.get_state() per row as our collector does, then np.savez of the episode. With --workers > 1
episodes are spread over processes (multiprocessing), the usual way to use several cores from Python.
Prints rows/s (one row per environment step, reset rows included).
"""
import argparse
import multiprocessing
import os
import tempfile
import time

import numpy as np
from dm_control import suite
from dm_control.suite.wrappers import action_scale


def collect(args):
    env_id, episodes, seed, out_dir = args
    domain, task = env_id.split("_", 1)
    env = action_scale.Wrapper(suite.load(domain, task, task_kwargs={"random": seed}), minimum=-1.0, maximum=1.0)
    spec = env.action_spec()
    rng = np.random.RandomState(seed)
    rows = 0
    for e in range(episodes):
        step = env.reset()
        obs, acts, phys = [], [], []
        while True:
            action = rng.uniform(-1, 1, spec.shape).astype(np.float32)
            obs.append(np.concatenate([np.asarray(v, np.float32).ravel() for v in step.observation.values()]))
            acts.append(action)
            phys.append(env.physics.get_state().copy())
            if step.last():
                break
            step = env.step(action)
        np.savez(os.path.join(out_dir, f"{seed}-{e}.npz"), observations=np.stack(obs), actions=np.stack(acts),
                 physics=np.stack(phys))
        rows += len(obs)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--env", default="walker_walk")
    parser.add_argument("--episodes", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out_dir:
        shares = [args.episodes // args.workers + (1 if i < args.episodes % args.workers else 0) for i in range(args.workers)]
        start = time.perf_counter()
        if args.workers == 1:
            rows = collect((args.env, args.episodes, 0, out_dir))
        else:
            with multiprocessing.Pool(args.workers) as pool:
                rows = sum(pool.map(collect, [(args.env, n, i, out_dir) for i, n in enumerate(shares)]))
        seconds = time.perf_counter() - start
    print(f"dm_control {args.env}: {rows} rows in {seconds:.1f} s = {rows / seconds:.0f} rows/s with {args.workers} worker(s)")


if __name__ == "__main__":
    main()
