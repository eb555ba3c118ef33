"""Convert between our dataset files and OGBench dataset files (numpy only).

  python convert_ogbench.py to-ogbench   OURS.npz OGBENCH.npz
  python convert_ogbench.py from-ogbench OGBENCH.npz OURS.npz --env cube-single-v0

OGBench files (np.savez_compressed) hold observations, actions, terminals (bool), qpos, qvel and, for
scene and puzzle, button_states, one row per step with terminals on each episode's last row. Ours
have the same rows, terminals as float32, a float64 `physics` when collected by us, and a
metadata.json entry, stored uncompressed. `infom` reads OGBench's files as they are (deflated
entries, bool terminals); from-ogbench adds the metadata.json that names the environment, so that
commands can check the file is used for its own domain.
"""
import argparse

import numpy as np

from dataset_files import save_dataset

OGBENCH_KEYS = ["observations", "actions", "terminals", "qpos", "qvel", "button_states"]


def to_ogbench(src, out):
    d = np.load(src)
    arrays = {k: d[k] for k in OGBENCH_KEYS if k in d.files}
    arrays["terminals"] = arrays["terminals"].astype(bool)
    arrays["actions"] = arrays["actions"].astype(np.float32)
    np.savez_compressed(out, **arrays)
    print(f"wrote {out}: {len(arrays['terminals'])} rows, keys {sorted(arrays)}")


def from_ogbench(src, out, env):
    d = np.load(src)
    missing = [k for k in ["observations", "actions", "terminals"] if k not in d.files]
    if missing:
        raise SystemExit(f"{src} lacks {missing}; not an OGBench dataset")
    arrays = {k: d[k] for k in OGBENCH_KEYS if k in d.files}
    arrays["terminals"] = arrays["terminals"].astype(np.float32)
    save_dataset(out, arrays, env, "ogbench", split="val" if src.endswith("-val.npz") else "train")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("to-ogbench")
    a.add_argument("src")
    a.add_argument("out")
    b = sub.add_parser("from-ogbench")
    b.add_argument("src")
    b.add_argument("out")
    b.add_argument("--env", required=True)
    args = parser.parse_args()
    if args.command == "to-ogbench":
        to_ogbench(args.src, args.out)
    else:
        from_ogbench(args.src, args.out, args.env)
