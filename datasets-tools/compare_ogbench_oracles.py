"""Runs OGBench's own Markov oracles on OGBench's evaluation tasks, sequenced the way our task
solver (Sources/Suite/Manipulation/Oracles/TaskOracle.swift) sequences them, and prints success
rates and episode lengths per task in the same JSON shape as `infom eval --json`.

Families: cube-single, cube-double (lowest goal first, a blocked goal or a swap parks a cube on
the free spot farthest from all cubes and goals), puzzle-3x3 / puzzle-4x4 (Lights Out solved
over GF(2), nearest button of the solution first) and scene (unlock with a button before moving
the drawer or window, open the drawer before putting the cube in, then close and lock as the
goal says). A subtask is over once achieved with the gripper clear, judged on the state before
each step. Compare with
    infom eval --env cube-single-v0 --policy oracle --episodes 20 --seed 0 --json
Usage (OGBench venv, DEVELOPERS.md):
    /work/venv-ogb/bin/python datasets-tools/compare_ogbench_oracles.py --env cube-single-v0 --episodes 20
With --model-xml FILE (from `infom envs --model-xml ID`) the same oracles run on our model in
OGBench's simulator (datasets-tools/ogbench_on_our_model.py).
"""
import argparse
import json
import time

import numpy as np
import ogbench  # noqa: F401  (registers the envs)
from ogbench_on_our_model import make
from ogbench.manipspace.oracles.markov.button_markov import ButtonMarkovOracle
from ogbench.manipspace.oracles.markov.cube_markov import CubeMarkovOracle
from ogbench.manipspace.oracles.markov.drawer_markov import DrawerMarkovOracle
from ogbench.manipspace.oracles.markov.window_markov import WindowMarkovOracle


def lights_out_solution(rows, cols, difference):
    n = rows * cols
    a = np.zeros((n, n + 1), dtype=np.int64)
    for r in range(rows):
        for c in range(cols):
            for dr, dc in [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)]:
                nr, nc = r + dr, c + dc
                if 0 <= nr < rows and 0 <= nc < cols:
                    a[nr * cols + nc, r * cols + c] = 1
    a[:, n] = difference
    pivots, row = [], 0
    for col in range(n):
        hits = [k for k in range(row, n) if a[k, col]]
        if not hits:
            continue
        a[[row, hits[0]]] = a[[hits[0], row]]
        for k in range(n):
            if k != row and a[k, col]:
                a[k] ^= a[row]
        pivots.append(col)
        row += 1
    if a[row:, n].any():
        return None
    x = np.zeros(n, dtype=np.int64)
    for r, col in enumerate(pivots):
        x[col] = a[r, n]
    return x


class Solver:
    """Chooses subtasks and feeds OGBench's oracles the privileged info they read."""

    def __init__(self, env):
        self.env = env
        self.u = env.unwrapped
        self.oracle = None
        self.extra = {}
        self.recovery, self.recovery_action = 0, None

    def cube_subtask(self, info):
        n = self.u._num_cubes
        pos = np.array([info[f'privileged/block_{i}_pos'] for i in range(n)])
        goals = np.array([self.u._data.mocap_pos[self.u._cube_target_mocap_ids[i]] for i in range(n)])
        done = [np.linalg.norm(pos[i] - goals[i]) <= 0.04 for i in range(n)]
        top = [i for i in range(n) if not done[i] and not any(
            j != i and pos[j][2] > pos[i][2] and np.linalg.norm(pos[i][:2] - pos[j][:2]) < 0.02 for j in range(n))]
        if not top:
            return None
        free = lambda i: not any(j != i and np.linalg.norm(pos[j][:2] - goals[i][:2]) < 0.04 and pos[j][2] > goals[i][2] - 0.03
                                 for j in range(n))
        ready = lambda i: goals[i][2] < 0.04 or any(j != i and done[j] and np.linalg.norm(goals[j][:2] - goals[i][:2]) < 0.02
                                                   and abs(goals[j][2] + 0.04 - goals[i][2]) < 0.01 for j in range(n))
        choices = [i for i in top if free(i) and ready(i)]
        if choices:
            i = min(choices, key=lambda k: goals[k][2])
            return i, goals[i]
        blocker = next((i for i in top if any(j != i and np.linalg.norm(pos[i][:2] - goals[j][:2]) < 0.04 for j in range(n))), top[0])
        best, clearance = None, -1
        for x in np.arange(0.3, 0.55 + 1e-9, 0.025):
            for y in np.arange(-0.3, 0.3 + 1e-9, 0.025):
                c = min(np.linalg.norm(p[:2] - np.array([x, y])) for p in list(pos) + list(goals))
                if c > clearance:
                    best, clearance = np.array([x, y, 0.02]), c
        return blocker, best

    def slide_target(self, info, what, value):
        """The handle position that puts the drawer or window at `value`."""
        handle = info[f'privileged/{what}_handle_pos'].copy()
        current = info[f'privileged/{what}_pos'][0]
        if what == 'drawer':
            handle[1] -= value - current
        else:
            handle[0] += value - current
        return handle

    def scene_subtask(self, info):
        """(kind, extra info) of the next scene subtask, as our TaskOracle chooses it."""
        u = self.u
        cube = info['privileged/block_0_pos']
        goal = u._data.mocap_pos[u._cube_target_mocap_ids[0]].copy()
        cube_done = np.linalg.norm(cube - goal) <= 0.04
        goal_in_drawer = goal[1] < -0.3
        buttons = u._cur_button_states

        def press(i):
            return 'button', {'privileged/target_button': i, 'privileged/target_button_state': 1 - buttons[i],
                              'privileged/target_button_top_pos': u._data.site_xpos[u._button_site_ids[i]].copy()}

        def slide(what, value):
            return what, {f'privileged/target_{what}_handle_pos': self.slide_target(info, what, value)}

        def move_cube(target):
            return 'cube', {'privileged/target_block': 0, 'privileged/target_block_pos': target,
                            'privileged/target_block_yaw': np.array([0.0])}

        if not cube_done and goal_in_drawer and not u._is_in_drawer(cube):
            if info['privileged/drawer_pos'][0] > -0.12:
                return press(0) if buttons[0] == 0 else slide('drawer', -0.16)
            hy = info['privileged/drawer_handle_pos'][1]
            return move_cube(np.array([0.33, hy - 0.16, 0.066]))
        if not cube_done and not goal_in_drawer:
            return move_cube(goal)
        if abs(info['privileged/drawer_pos'][0] - u._target_drawer_pos) > 0.02:
            return press(0) if buttons[0] == 0 else slide('drawer', u._target_drawer_pos)
        if abs(info['privileged/window_pos'][0] - u._target_window_pos) > 0.02:
            return press(1) if buttons[1] == 0 else slide('window', u._target_window_pos)
        for i in range(2):
            if buttons[i] != u._target_button_states[i]:
                return press(i)
        return None

    def next(self, info):
        if 'scene' in self.u.spec.id:
            choice = self.scene_subtask(info)
            if choice is None:
                return None
            kind, self.extra = choice
            self.kind = kind
            oracle = {'cube': lambda: CubeMarkovOracle(env=self.env, min_norm=0.4),
                      'button': lambda: ButtonMarkovOracle(env=self.env, min_norm=0.4),
                      'drawer': lambda: DrawerMarkovOracle(env=self.env, min_norm=0.4),
                      'window': lambda: WindowMarkovOracle(env=self.env, min_norm=0.4)}[kind]()
            oracle.reset(None, {**info, **self.extra})
            return oracle
        if 'cube' in self.u.spec.id:
            choice = self.cube_subtask(info)
            if choice is None:
                return None
            block, target = choice
            self.extra = {'privileged/target_block': block, 'privileged/target_block_pos': target,
                          'privileged/target_block_yaw': np.array([0.0])}
            oracle = CubeMarkovOracle(env=self.env, min_norm=0.4)
        else:
            rows, cols = self.u._num_rows, self.u._num_cols
            diff = (self.u._cur_button_states ^ self.u._target_button_states).astype(np.int64)
            x = lights_out_solution(rows, cols, diff)
            if x is None or not x.any():
                return None
            eff = info['proprio/effector_pos']
            pending = [i for i in range(rows * cols) if x[i]]
            b = min(pending, key=lambda i: np.linalg.norm(self.u._data.site_xpos[self.u._button_site_ids[i]][:2] - eff[:2]))
            self.extra = {'privileged/target_button': b,
                          'privileged/target_button_top_pos': self.u._data.site_xpos[self.u._button_site_ids[b]].copy(),
                          'privileged/target_button_state': 1 - self.u._cur_button_states[b]}
            oracle = ButtonMarkovOracle(env=self.env, min_norm=0.4, gripper_always_closed=True)
        oracle.reset(None, {**info, **self.extra})
        return oracle

    def clear(self, info):
        """Like our solver: a subtask is over once achieved and the gripper is clear above it
        (OGBench's oracles would go on to a random final pose)."""
        eff = info['proprio/effector_pos']
        for what, height in (('drawer', 0.18), ('window', 0.28)):
            if f'privileged/target_{what}_handle_pos' in self.extra:
                target = self.extra[f'privileged/target_{what}_handle_pos']
                return np.linalg.norm(target - info[f'privileged/{what}_handle_pos']) <= 0.01 and eff[2] > height
        if 'privileged/target_block' in self.extra:
            block = info[f"privileged/block_{self.extra['privileged/target_block']}_pos"]
            return (np.linalg.norm(self.extra['privileged/target_block_pos'] - block) <= 0.02
                    and info['proprio/gripper_contact'][0] < 0.1 and eff[2] > 0.16)
        b = self.extra['privileged/target_button']
        return self.u._cur_button_states[b] == self.extra['privileged/target_button_state'] and eff[2] > 0.16

    def action(self, ob, info):
        """As our TaskOracle: a subtask that ran out of steps without clearing (fingers resting
        on a handle) is followed by 6 steps of backing off upwards with the gripper open."""
        if self.recovery > 0:
            self.recovery -= 1
            return self.recovery_action
        if self.oracle is not None and self.oracle.done and self.extra and not self.clear(info):
            self.oracle, self.recovery = None, 5
            r = np.random.uniform(-1, 1, 3)
            self.recovery_action = np.array([r[0], r[1], 1, r[2], -1])
            return self.recovery_action
        if 'privileged/target_button' in self.extra:
            self.extra['privileged/target_button_top_pos'] = self.u._data.site_xpos[
                self.u._button_site_ids[self.extra['privileged/target_button']]].copy()
        if self.oracle is None or self.oracle.done or self.clear(info):
            self.oracle = self.next(info)
        if self.oracle is None:
            return np.zeros(5)
        return self.oracle.select_action(ob, {**info, **self.extra})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--env', default='cube-single-v0')
    parser.add_argument('--episodes', type=int, default=20)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--model-xml', help='run on our model (infom envs --model-xml ID > FILE) instead of OGBench\'s')
    args = parser.parse_args()
    env = make(args.env, args.model_xml)
    np.random.seed(args.seed)
    start, results = time.time(), []
    for task in range(1, 6):
        for episode in range(args.episodes):
            ob, info = env.reset(seed=args.seed * 1000 + task * 100 + episode, options={'task_id': task})
            solver, total, length = Solver(env), 0.0, 0
            while True:
                ob, reward, terminated, truncated, info = env.step(np.clip(solver.action(ob, info), -1, 1))
                total += reward
                length += 1
                if terminated or truncated:
                    break
            results.append({'task': task, 'success': float(info['success']), 'return': total, 'length': length})

    def summary(rows):
        return {k: float(np.mean([r[k] for r in rows])) for k in ('success', 'return', 'length')}

    tasks = [{'task': t, 'episodes': args.episodes, **summary([r for r in results if r['task'] == t])} for t in range(1, 6)]
    for t in tasks:
        print(f"task {t['task']}: success {t['success']:.3f}  length {t['length']:.1f}")
    print(json.dumps({'env': args.env, 'policy': 'ogbench-markov', 'episodes': len(results), **summary(results),
                      'seconds': time.time() - start, 'tasks': tasks}, sort_keys=True))


if __name__ == '__main__':
    main()
