"""Open-loop replay of OGBench's oracle episodes: how closely our environments reproduce
OGBench's dynamics (issue "OGBench fidelity", manipulation-fidelity.md).

For each evaluation task, OGBench's Markov oracles (sequenced as in compare_ogbench_oracles.py)
solve episodes in task mode. Each episode's initial state (qpos, qvel, button states) and actions
are written in our dataset layout and replayed here with
    infom replay --env ID --task T --initial-state EPISODE.npz --actions ACTIONS.npy --out OURS.npz
The control is OGBench replaying the same actions from the same state with the first cube moved
+1 mm in x (puzzle: shoulder pan +1 mrad): its success is the bar ours must meet. Printed per
family: final-step success (ours, OGBench's control, OGBench's own recording), and the mean
effector and first-object gaps to OGBench's recording at steps 10, 50, 100 and 200 (mm), and for
button families the effector height at which buttons toggle (OGBench's recording and ours) and
how many of OGBench's toggles have no toggle of the same button here within 15 steps.
Usage (OGBench venv; a built infom):
    /work/venv-ogb/bin/python datasets-tools/compare_ogbench_replay.py --env scene-v0 --episodes 4 \\
        --infom .build/release/infom
"""
import argparse
import json
import os
import subprocess
import tempfile

import numpy as np

from compare_ogbench_oracles import Solver
from ogbench_on_our_model import make

CHECKPOINTS = (10, 50, 100, 200)


def record(env, task, seed):
    """One oracle episode in task mode: initial state, actions, effector and object paths."""
    ob, info = env.reset(seed=seed, options={'task_id': task})
    u = env.unwrapped
    state = (u._data.qpos.copy(), u._data.qvel.copy(), np.array(getattr(u, '_cur_button_states', []), dtype=np.int64))
    solver, actions, path = Solver(env), [], [ob.copy()]
    while True:
        action = np.clip(solver.action(ob, info), -1, 1).astype(np.float32)
        ob, _, terminated, truncated, info = env.step(action)
        actions.append(action)
        path.append(ob.copy())
        if terminated or truncated:
            return state, np.array(actions), np.array(path), bool(info['success'])


def replay_in_ogbench(env, task, seed, state, actions, perturb):
    """OGBench stepping `actions` from `state` (perturbed when asked): final-step success."""
    env.reset(seed=seed, options={'task_id': task})
    u = env.unwrapped
    qpos, qvel, buttons = (s.copy() for s in state)
    if perturb:
        if u._num_cubes if hasattr(u, '_num_cubes') else 0:
            qpos[14] += 0.001
        else:
            qpos[0] += 0.001
    if len(buttons):
        u.set_state(qpos, qvel, buttons)
    else:
        u.set_state(qpos, qvel)
    info = {}
    for action in actions:
        _, _, _, _, info = env.step(action)
    return bool(info['success'])


def write_episode(path, state, actions, observations):
    qpos, qvel, buttons = state
    rows = len(observations)
    arrays = dict(observations=observations.astype(np.float32),
                  actions=np.concatenate([actions, np.zeros((1, actions.shape[1]), np.float32)]),
                  terminals=np.eye(1, rows, rows - 1, dtype=np.float32)[0],
                  qpos=np.repeat(qpos[None].astype(np.float32), rows, 0),
                  qvel=np.repeat(qvel[None].astype(np.float32), rows, 0),
                  physics=np.repeat(np.concatenate([qpos, qvel])[None], rows, 0))
    if len(buttons):
        arrays['button_states'] = np.repeat(buttons[None], rows, 0)
    np.savez(path, **arrays)


def toggles(observations, first, buttons):
    """(step, button, effector height in mm) of every button-state change along a path."""
    states = observations[:, first:first + 4 * buttons:4]
    changed = np.argwhere(states[1:] != states[:-1])
    return [(int(t) + 1, int(b), float(observations[t + 1, 14] * 100)) for t, b in changed]


def gap_mm(a, b, dims):
    """Distance between positions in the observation (scaled ×10 there) in mm."""
    return float(np.linalg.norm(a[dims] - b[dims]) * 100)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--env', default='cube-single-v0')
    parser.add_argument('--episodes', type=int, default=4, help='episodes per task')
    parser.add_argument('--infom', default='.build/release/infom')
    parser.add_argument('--model-xml', help="replay in OGBench's simulator on our model instead of running infom")
    parser.add_argument('--per-episode', action='store_true', help='also print each episode\'s row (task, seed, successes, gaps)')
    args = parser.parse_args()
    env = make(args.env, terminate_at_goal=True)
    control = make(args.env, terminate_at_goal=False)
    ours_in_mujoco3 = make(args.env, args.model_xml, terminate_at_goal=False) if args.model_xml else None
    effector, objects = [12, 13, 14], [19, 20, 21]
    buttons = len(getattr(env.unwrapped, '_cur_button_states', []))
    first_button = 19 + (9 if 'scene' in args.env else 0)
    rows, heights = [], {'ogbench': [], 'ours': []}
    missed = total = 0
    with tempfile.TemporaryDirectory() as folder:
        for task in range(1, 6):
            for episode in range(args.episodes):
                seed = 1000 * task + episode
                state, actions, path, solved = record(env, task, seed)
                if ours_in_mujoco3 is not None:
                    success = replay_in_ogbench(ours_in_mujoco3, task, seed, state, actions, perturb=False)
                    ours_path = None
                else:
                    episode_file = os.path.join(folder, 'episode.npz')
                    write_episode(episode_file, state, actions, path)
                    np.save(os.path.join(folder, 'actions.npy'), actions)
                    out = os.path.join(folder, 'ours.npz')
                    subprocess.run([args.infom, 'replay', '--env', args.env, '--task', str(task), '--seed', str(seed),
                                    '--initial-state', episode_file, '--actions', os.path.join(folder, 'actions.npy'),
                                    '--out', out], check=True, capture_output=True)
                    ours = np.load(out)
                    success, ours_path = bool(ours['success'][-1]), ours['observations']
                if buttons and ours_path is not None:
                    theirs, mine = toggles(path, first_button, buttons), toggles(ours_path, first_button, buttons)
                    heights['ogbench'] += [h for _, _, h in theirs]
                    heights['ours'] += [h for _, _, h in mine]
                    total += len(theirs)
                    missed += sum(not any(b2 == b and abs(t2 - t) <= 15 for t2, b2, _ in mine) for t, b, _ in theirs)
                row = dict(task=task, seed=seed, recorded=solved, ours=success, length=len(actions),
                           control=replay_in_ogbench(control, task, seed, state, actions, perturb=True))
                for k in CHECKPOINTS:
                    if ours_path is not None and k < len(path):
                        row[f'effector_{k}'] = gap_mm(ours_path[k], path[k], effector)
                        if path.shape[1] > 21 and 'puzzle' not in args.env:
                            row[f'object_{k}'] = gap_mm(ours_path[k], path[k], objects)
                rows.append(row)
                if args.per_episode:
                    print(json.dumps(row, sort_keys=True), flush=True)
    summary = {'env': args.env, 'episodes': len(rows),
               'success_ours': float(np.mean([r['ours'] for r in rows])),
               'success_ogbench_control': float(np.mean([r['control'] for r in rows])),
               'success_ogbench_recorded': float(np.mean([r['recorded'] for r in rows])),
               'oracle_length': float(np.mean([r['length'] for r in rows]))}
    if heights['ogbench']:
        summary.update(toggle_height_ogbench_mm=float(np.mean(heights['ogbench'])),
                       toggle_height_ours_mm=float(np.mean(heights['ours'])) if heights['ours'] else None,
                       toggles_ogbench=total, toggles_missed_here=missed)
    for key in [f'{what}_{k}' for what in ('effector', 'object') for k in CHECKPOINTS]:
        values = [r[key] for r in rows if key in r]
        if values:
            summary[key + '_mm'] = float(np.mean(values))
    print(json.dumps(summary, sort_keys=True))


if __name__ == '__main__':
    main()
