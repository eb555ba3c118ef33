"""Convert between our dataset files and ExORL episode folders (numpy only).

  python convert_exorl.py to-exorl  OURS.npz  OUT_DIR      # OUT_DIR/episode_<i>_<T>.npz, ExORL's keys
  python convert_exorl.py from-exorl EXORL_DIR OURS.npz --nq 9 --nv 9 --env walker_walk

ExORL episode files hold T+1 rows: observation, action (row 0 zeros; row t produced observation t),
reward (row 0 zero; row t is the reward of reaching row t), discount (ones), physics (float64
qpos|qvel|act). Ours hold the same rows with actions[t] taken at row t and, after relabeling,
rewards[t] earned by that action; so ExORL's action[t] = our actions[t-1] and reward[t] = our rewards[t-1].
Episodes are read in sorted file order, as ExORL's loaders do.
"""
import argparse
import glob
import os

import numpy as np

from dataset_files import save_dataset


def episodes(terminals):
    ends = np.nonzero(terminals)[0]
    starts = np.concatenate([[0], ends[:-1] + 1])
    return list(zip(starts, ends + 1))


def to_exorl(src, out_dir):
    d = np.load(src)
    os.makedirs(out_dir, exist_ok=True)
    for i, (a, b) in enumerate(episodes(d["terminals"])):
        rows = b - a
        action = np.zeros_like(d["actions"][a:b])
        action[1:] = d["actions"][a:b - 1]
        reward = np.zeros((rows, 1), np.float32)
        if "rewards" in d.files:
            reward[1:, 0] = d["rewards"][a:b - 1]
        np.savez(os.path.join(out_dir, f"episode_{i:06d}_{rows - 1}.npz"), observation=d["observations"][a:b],
                 action=action, reward=reward, discount=np.ones((rows, 1), np.float32), physics=d["physics"][a:b])
    print(f"wrote {i + 1} episodes to {out_dir}")


def from_exorl(src_dir, out, nq, nv, env):
    files = sorted(glob.glob(os.path.join(src_dir, "*.npz")))
    if not files:
        raise SystemExit(f"no .npz episode files in {src_dir}")
    parts = {k: [] for k in ["observations", "actions", "terminals", "qpos", "qvel", "physics"]}
    for path in files:
        e = np.load(path)
        rows = len(e["observation"])
        physics = e["physics"].astype(np.float64)
        actions = np.zeros_like(e["action"], dtype=np.float32)
        actions[:-1] = e["action"][1:]  # the last row's action was never taken; ExORL does not store it
        terminals = np.zeros(rows, np.float32)
        terminals[-1] = 1
        parts["observations"].append(e["observation"].astype(np.float32))
        parts["actions"].append(actions)
        parts["terminals"].append(terminals)
        parts["qpos"].append(physics[:, :nq].astype(np.float32))
        parts["qvel"].append(physics[:, nq:nq + nv].astype(np.float32))
        parts["physics"].append(physics)
    save_dataset(out, {k: np.concatenate(v) for k, v in parts.items()}, env, "exorl")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("to-exorl")
    a.add_argument("src")
    a.add_argument("out_dir")
    b = sub.add_parser("from-exorl")
    b.add_argument("src_dir")
    b.add_argument("out")
    b.add_argument("--nq", type=int, required=True, help="qpos size of the domain (walker 9, cheetah 9, quadruped 23)")
    b.add_argument("--nv", type=int, required=True, help="qvel size of the domain (walker 9, cheetah 9, quadruped 22)")
    b.add_argument("--env", default=None)
    args = parser.parse_args()
    if args.command == "to-exorl":
        to_exorl(args.src, args.out_dir)
    else:
        from_exorl(args.src_dir, args.out, args.nq, args.nv, args.env)
