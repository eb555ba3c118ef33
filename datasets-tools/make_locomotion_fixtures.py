"""Parity fixtures for the locomotion suite, from dm_control 1.0.7 on MuJoCo 2.2.2.

Needs the locomotion oracle venv: Python 3.10 with numpy<2, mujoco==2.2.2, dm_control==1.0.7.
Writes Tests/SuiteTests/Fixtures/locomotion_parity.npz (uncompressed, our NPZ reader's format).

For each of the 12 tasks, seeds 1 and 42, two consecutive episodes each (the second continues
the task's random stream), with float32 actions drawn from RandomState(1000 + seed).uniform(-1, 1)
in C order (the Swift tests regenerate them with our RandomState port). Per episode and step
(1001 rows, row 0 the reset) it stores:
  <task>.rewards           float64 (E, 1001), row 0 is 0.0
  <task>.physics_digest    uint64  (E, 1001), FNV-1a of the float64 qpos|qvel|act bytes
  <task>.observation_digest uint64 (E, 1001), FNV-1a of the float32 observation bytes
  <task>.first_physics / <task>.last_physics  float64 (E, D), for diagnosing a mismatch
  <task>.first_observation float32 (E, O)
The custom ExORL/InFOM tasks are rebuilt here from dm_control's pieces as our spec describes.
"""
import os

import numpy as np
from dm_control import suite
from dm_control.rl import control
from dm_control.suite import cheetah, common, quadruped, walker
from dm_control.suite.wrappers import action_scale
from dm_control.utils import rewards
from dm_env import specs

SEEDS = (1, 42)
EPISODES = 2
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "SuiteTests", "Fixtures",
                   "locomotion_parity.npz")


class WalkerFlip(walker.PlanarWalker):
    def get_reward(self, physics):
        standing = rewards.tolerance(physics.torso_height(), bounds=(walker._STAND_HEIGHT, float("inf")),
                                     margin=walker._STAND_HEIGHT / 2)
        upright = (1 + physics.torso_upright()) / 2
        stand_reward = (3 * standing + upright) / 4
        spin = 1.0 * physics.named.data.subtree_angmom["torso"][1]
        move_reward = rewards.tolerance(spin, bounds=(5, float("inf")), margin=5, value_at_margin=0,
                                        sigmoid="linear")
        return stand_reward * (5 * move_reward + 1) / 6


class CheetahSpeed(cheetah.Cheetah):
    def __init__(self, speed, direction, random):
        super().__init__(random=random)
        self._speed, self._direction = speed, direction

    def get_reward(self, physics):
        return rewards.tolerance(self._direction * physics.speed(), bounds=(self._speed, float("inf")),
                                 margin=self._speed, value_at_margin=0, sigmoid="linear")


class QuadrupedStand(quadruped.Move):
    def get_reward(self, physics):
        return quadruped._upright_reward(physics)


class QuadrupedJump(quadruped.Move):
    def get_reward(self, physics):
        height = physics.named.data.sensordata["center_of_mass"][2]
        return quadruped._upright_reward(physics) * rewards.tolerance(
            height, bounds=(1.0, float("inf")), margin=1.0, value_at_margin=0.5, sigmoid="linear")


def custom(task_name, seed):
    random = np.random.RandomState(seed)
    if task_name == "walker_flip":
        physics = walker.Physics.from_xml_string(*walker.get_model_and_assets())
        return control.Environment(physics, WalkerFlip(move_speed=0, random=random), time_limit=25,
                                   control_timestep=0.025, flat_observation=True)
    if task_name.startswith("cheetah_"):
        xml = cheetah.get_model_and_assets()[0].decode().replace('size="100 .8 .5"', 'size="200 .8 .5"')
        physics = cheetah.Physics.from_xml_string(xml, common.ASSETS)
        speed = 10 if "run" in task_name else 2
        direction = -1 if task_name.endswith("backward") else 1
        return control.Environment(physics, CheetahSpeed(speed, direction, random), time_limit=10,
                                   flat_observation=True)
    if task_name in ("quadruped_stand", "quadruped_jump"):
        physics = quadruped.Physics.from_xml_string(quadruped.make_model(floor_size=10), common.ASSETS)
        task_class = QuadrupedStand if task_name.endswith("stand") else QuadrupedJump
        return control.Environment(physics, task_class(desired_speed=0.5, random=random), time_limit=20,
                                   control_timestep=0.02, flat_observation=True)
    raise ValueError(task_name)


class Float32Actions:
    """ExORL's ActionDTypeWrapper: a float32 action spec over the float64 one."""

    def __init__(self, env):
        self._env = env
        spec = env.action_spec()
        self._spec = specs.BoundedArray(spec.shape, np.float32, spec.minimum, spec.maximum, "action")

    def action_spec(self):
        return self._spec

    def observation_spec(self):
        return self._env.observation_spec()

    def reset(self):
        return self._env.reset()

    def step(self, action):
        return self._env.step(action.astype(self._env.action_spec().dtype))

    def __getattr__(self, name):
        return getattr(self._env, name)


def make(task_name, seed):
    domain, task = task_name.split("_", 1)
    if (domain, task) in suite.ALL_TASKS:
        env = suite.load(domain, task, task_kwargs={"random": seed}, environment_kwargs={"flat_observation": True})
    else:
        env = custom(task_name, seed)
    return action_scale.Wrapper(Float32Actions(env), minimum=-1.0, maximum=+1.0)


def fnv1a(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


TASKS = ["walker_stand", "walker_walk", "walker_run", "walker_flip",
         "cheetah_run", "cheetah_run_backward", "cheetah_walk", "cheetah_walk_backward",
         "quadruped_walk", "quadruped_run", "quadruped_stand", "quadruped_jump"]


def main():
    arrays = {"seeds": np.array(SEEDS, dtype=np.int64), "episodes": np.array([EPISODES], dtype=np.int64)}
    for name in TASKS:
        rows = {k: [] for k in ("rewards", "physics_digest", "observation_digest", "first_physics",
                                "last_physics", "first_observation")}
        for seed in SEEDS:
            env = make(name, seed)
            physics = env.physics
            actions = np.random.RandomState(1000 + seed).uniform(
                -1, 1, size=(EPISODES * 1000, env.action_spec().shape[0])).astype(np.float32)
            for episode in range(EPISODES):
                ts = env.reset()
                rew, pd, od = [0.0], [], []
                obs = ts.observation["observations"].astype(np.float32)
                state = physics.get_state().astype("<f8")
                rows["first_physics"].append(state)
                rows["first_observation"].append(obs)
                pd.append(fnv1a(state.tobytes()))
                od.append(fnv1a(obs.astype("<f4").tobytes()))
                for t in range(1000):
                    ts = env.step(actions[episode * 1000 + t])
                    obs = ts.observation["observations"].astype(np.float32)
                    state = physics.get_state().astype("<f8")
                    rew.append(float(ts.reward))
                    pd.append(fnv1a(state.tobytes()))
                    od.append(fnv1a(obs.astype("<f4").tobytes()))
                    assert ts.last() == (t == 999), (name, t)
                rows["last_physics"].append(state)
                rows["rewards"].append(rew)
                rows["physics_digest"].append(pd)
                rows["observation_digest"].append(od)
            print(name, "seed", seed, "returns", [sum(r) for r in rows["rewards"][-EPISODES:]], flush=True)
        for key, value in rows.items():
            dtype = {"rewards": np.float64, "physics_digest": np.uint64, "observation_digest": np.uint64,
                     "first_observation": np.float32}.get(key, np.float64)
            arrays[f"{name}.{key}"] = np.array(value, dtype=dtype)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    np.savez(OUT, **arrays)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
