"""Runs the reference's Jaco reach environment (github.com/chongyi-zheng/infom,
custom_dmc_tasks/jaco.py on dm_control 1.0.7's composer, MuJoCo 2.2.2) and writes what
`JacoParityTests` replays against ours (issue 24):

- `reset_qpos` (tasks x seeds x 9): the joint configuration each seed's first reset gives, with
  `reset_reward` (after one zero action) for each;
- `rollout_*`: for each rollout, the state after a seeded reset (`rollout_start`, qpos || qvel),
  uniform float32 actions in [-1, 1] (`rollout_actions`), and after every step qpos, qvel, the
  42 float32 observations, the reward of reach_top_left, and `rollout_contacts`, the largest
  number of contacts over the step's 20 physics steps (so the first contact is known even if it
  ends within a step);
- `state_rewards` (states x 4): the four tasks' float32 rewards of every rollout state, in the
  reference's TASKS order (top left, top right, bottom left, bottom right), computed by its
  multitask reward after setting the state.

Usage (the dm_control venv, Python 3.10 with numpy<2 mujoco==2.2.2 dm_control==1.0.7):
    /work/venv-dmc/bin/python datasets-tools/jaco_parity.py --reference INFOM_CHECKOUT \\
        --out Tests/SuiteTests/Fixtures/jaco_parity.npz
"""
import argparse
import os
import sys

import numpy as np

TASKS = ('reach_top_left', 'reach_top_right', 'reach_bottom_left', 'reach_bottom_right')


def flat_observation(step):
    return np.concatenate([np.asarray(value).ravel() for value in step.observation.values()]).astype(np.float32)


def scaled(env, action):
    """ExORL's action_scale wrapper: [-1, 1] float32 to the actuators' ranges, in float32."""
    spec = env.action_spec()
    low, high = spec.minimum.astype(np.float32), spec.maximum.astype(np.float32)
    return low + (high - low) / np.float32(2) * (action + np.float32(1))


def counting_contacts(env):
    """Wraps the physics' step so that each environment step records its largest contact count."""
    physics = env.physics
    step = physics.step
    counter = dict(most=0)

    def counted(*args, **kwargs):
        step(*args, **kwargs)
        counter['most'] = max(counter['most'], int(physics.data.ncon))
    physics.step = counted
    return counter


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--reference', required=True, help='a checkout of github.com/chongyi-zheng/infom')
    parser.add_argument('--out', required=True)
    parser.add_argument('--seeds', type=int, default=20, help='reset seeds per task')
    parser.add_argument('--rollouts', type=int, default=4)
    parser.add_argument('--steps', type=int, default=250)
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(args.reference, 'custom_dmc_tasks'))
    import jaco

    reset_qpos = np.zeros((len(TASKS), args.seeds, 9))
    reset_reward = np.zeros((len(TASKS), args.seeds), np.float32)
    for t, task in enumerate(TASKS):
        for seed in range(args.seeds):
            env = jaco.make(task, 'states', seed=seed)
            env.reset()
            reset_qpos[t, seed] = env.physics.data.qpos
            reset_reward[t, seed] = env.step(np.zeros(9)).reward

    starts, actions, qpos, qvel, observations, rewards, contacts = [], [], [], [], [], [], []
    for rollout in range(args.rollouts):
        env = jaco.make(TASKS[0], 'states', seed=100 + rollout)
        env.reset()
        physics = env.physics
        starts.append(np.concatenate([physics.data.qpos, physics.data.qvel]))
        counter = counting_contacts(env)
        draws = np.random.RandomState(1000 + rollout).uniform(-1, 1, size=(args.steps, 9)).astype(np.float32)
        actions.append(draws)
        for action in draws:
            counter['most'] = 0
            step = env.step(scaled(env, action))
            qpos.append(physics.data.qpos.copy())
            qvel.append(physics.data.qvel.copy())
            observations.append(flat_observation(step))
            rewards.append(np.float32(step.reward))
            contacts.append(counter['most'])

    multitask = jaco.make('reach_multitask', 'states', seed=0)
    multitask.reset()
    physics = multitask.physics
    state_rewards = []
    for q, v in zip(qpos, qvel):
        with physics.reset_context():
            physics.data.qpos[:] = q
            physics.data.qvel[:] = v
        state_rewards.append(multitask.task.get_reward(physics))

    shape = (args.rollouts, args.steps)
    temporary = args.out + '.partial.npz'
    np.savez(temporary, reset_qpos=reset_qpos, reset_reward=reset_reward,
             rollout_start=np.array(starts), rollout_actions=np.array(actions),
             rollout_qpos=np.array(qpos).reshape(*shape, 9), rollout_qvel=np.array(qvel).reshape(*shape, 9),
             rollout_observations=np.array(observations).reshape(*shape, 42),
             rollout_rewards=np.array(rewards).reshape(shape), rollout_contacts=np.array(contacts).reshape(shape),
             state_rewards=np.array(state_rewards, np.float32))
    os.replace(temporary, args.out)
    first = [int(np.argmax(c > 0)) if (c > 0).any() else None for c in np.array(contacts).reshape(shape)]
    print(f'wrote {args.out}: {len(TASKS)} x {args.seeds} resets, {args.rollouts} rollouts of {args.steps} steps '
          f'(first contact at steps {first}), {len(state_rewards)} states x 4 rewards')


if __name__ == '__main__':
    main()
