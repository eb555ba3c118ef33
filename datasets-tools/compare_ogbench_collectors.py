"""Collects play or noisy episodes with OGBench's own environments and oracles, following the
generator loop of our spec (manipulation-ogbench.md §7.1), and prints what our collector
reports for the same settings: subtasks finished per episode, the share of them solved when the
oracle reported done, and environment steps per second (one process, like OGBench's script).
With --out it also writes the episodes in OGBench's dataset layout, for `infom dataset info`
or numpy comparisons with ours; with --model-xml it collects on our model in OGBench's simulator.

Compare with
    infom collect --env cube-single-v0 --collector play --episodes 100 --out cube-single-play.npz
Usage (OGBench venv, DEVELOPERS.md):
    /work/venv-ogb/bin/python datasets-tools/compare_ogbench_collectors.py --env cube-single-v0 --collector play --episodes 10
"""
import argparse
import json
import time

import numpy as np
import ogbench  # noqa: F401  (registers the envs)
from ogbench.manipspace.oracles.markov.button_markov import ButtonMarkovOracle
from ogbench.manipspace.oracles.markov.cube_markov import CubeMarkovOracle
from ogbench.manipspace.oracles.markov.drawer_markov import DrawerMarkovOracle
from ogbench.manipspace.oracles.markov.window_markov import WindowMarkovOracle
from ogbench.manipspace.oracles.plan.button_plan import ButtonPlanOracle
from ogbench.manipspace.oracles.plan.cube_plan import CubePlanOracle
from ogbench.manipspace.oracles.plan.drawer_plan import DrawerPlanOracle
from ogbench.manipspace.oracles.plan.window_plan import WindowPlanOracle
from ogbench_on_our_model import make

STACK_RANGES = {'single': None, 'double': (0.0, 0.25), 'triple': (0.05, 0.35), 'quadruple': (0.1, 0.5),
                'octuple': (0.0, 0.35)}


def make_oracles(env, env_name, collector):
    puzzle = 'puzzle' in env_name
    if collector == 'play':
        kw = dict(env=env, noise=0.1, noise_smoothing=0.5)
        oracles = {'cube': CubePlanOracle(**kw), 'drawer': DrawerPlanOracle(**kw), 'window': WindowPlanOracle(**kw),
                   'button': ButtonPlanOracle(gripper_always_closed=puzzle, **kw)}
    else:
        kw = dict(env=env, min_norm=0.4)
        oracles = {'cube': CubeMarkovOracle(**kw), 'drawer': DrawerMarkovOracle(**kw), 'window': WindowMarkovOracle(**kw),
                   'button': ButtonMarkovOracle(gripper_always_closed=puzzle, **kw)}
    return oracles


def stack_probability(env_name):
    for word, bounds in STACK_RANGES.items():
        if f'cube-{word}' in env_name:
            return 0.0 if bounds is None else np.random.uniform(*bounds)
    return 0.5


def healthy(env_name, qpos):
    if 'scene' not in env_name:
        return True
    cube = np.asarray(qpos)[:, 14:17]
    off_right = (cube[:, 1] >= 0.29).any()
    off_left = ((cube[:, 1] <= -0.3) & ((cube[:, 2] < 0.06) | (cube[:, 2] > 0.08))).any()
    return not (off_right or off_left)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--env', default='cube-single-v0')
    parser.add_argument('--collector', choices=['play', 'noisy'], default='play')
    parser.add_argument('--episodes', type=int, default=10)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--out', default=None)
    parser.add_argument('--model-xml', help='collect on our model (infom envs --model-xml ID > FILE) instead of OGBench\'s')
    args = parser.parse_args()
    np.random.seed(args.seed)
    env = make(args.env, args.model_xml, terminate_at_goal=False, mode='data_collection', max_episode_steps=1001)
    oracles = make_oracles(env, args.env, args.collector)
    p_random = 0.0 if args.collector == 'play' else (0.2 if 'puzzle' in args.env else 0.1)
    keys = ['observations', 'actions', 'terminals', 'qpos', 'qvel'] + (
        ['button_states'] if hasattr(env.unwrapped, '_cur_button_states') else [])
    data = {k: [] for k in keys}
    finished = solved = steps = 0
    start = time.time()
    for episode in range(args.episodes):
        first_reset = episode == 0
        while True:
            ob, info = env.reset(seed=args.seed if first_reset else None)
            first_reset = False
            p_stack = stack_probability(args.env)
            xi = np.random.uniform(0, 0.1) if args.collector == 'noisy' else 0.0
            oracle = oracles[info['privileged/target_task']]
            oracle.reset(ob, info)
            rows = {k: [] for k in keys}
            done = False
            episode_finished = episode_solved = 0
            while not done:
                if np.random.rand() < p_random:
                    action = env.action_space.sample()
                else:
                    action = np.asarray(oracle.select_action(ob, info))
                    if args.collector == 'noisy':
                        action = action + np.random.normal(0, [xi, xi, xi, 3 * xi, 10 * xi], action.shape)
                action = np.clip(action, -1, 1)
                next_ob, _, terminated, truncated, info = env.step(action)
                done = terminated or truncated
                steps += 1
                if oracle.done:
                    episode_finished += 1
                    episode_solved += int(info['success'])
                    target_ob, target_info = env.unwrapped.set_new_target(p_stack=p_stack)
                    oracle = oracles[target_info['privileged/target_task']]
                    oracle.reset(target_ob, target_info)
                rows['observations'].append(ob)
                rows['actions'].append(action)
                rows['terminals'].append(done)
                rows['qpos'].append(info['prev_qpos'])
                rows['qvel'].append(info['prev_qvel'])
                if 'button_states' in rows:
                    rows['button_states'].append(info['prev_button_states'])
                ob = next_ob
            if healthy(args.env, rows['qpos']):
                break
        finished += episode_finished
        solved += episode_solved
        for k in keys:
            data[k] += rows[k]
    seconds = time.time() - start
    if args.out:
        dtypes = {'terminals': np.float32, 'button_states': np.int64}
        np.savez(args.out, **{k: np.asarray(v, dtype=dtypes.get(k, np.float32)) for k, v in data.items()})
    print(json.dumps({'env': args.env, 'collector': f'ogbench-{args.collector}', 'episodes': args.episodes,
                      'subtasks_per_episode': finished / args.episodes, 'solved_share': solved / max(finished, 1),
                      'steps_per_s': steps / seconds, 'seconds': seconds}, sort_keys=True))


if __name__ == '__main__':
    main()
