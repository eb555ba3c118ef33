"""Plot what a dataset covers, from our .npz files (numpy + matplotlib).

  python plot_coverage.py DATA.npz --out coverage.png [--x 0 --y 1]

Left: a 2-D histogram of two qpos coordinates over all rows (default 0 and 1: walker's root height
and x, cheetah's root x and height, the quadruped's x and y). Right: per-dimension
observation ranges (mean ± std and min/max) so unexplored dimensions stand out. The title carries the
file's metadata.
"""
import argparse
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data")
    parser.add_argument("--out", default="coverage.png")
    parser.add_argument("--x", type=int, default=0)
    parser.add_argument("--y", type=int, default=1)
    args = parser.parse_args()
    d = np.load(args.data)
    meta = json.loads(d["metadata.json"]) if "metadata.json" in d.files else {}
    qpos = d["qpos"]
    obs = d["observations"].reshape(len(d["observations"]), -1).astype(np.float64)
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    left.hist2d(qpos[:, args.x], qpos[:, args.y], bins=80, cmap="viridis", norm=matplotlib.colors.LogNorm())
    left.set_xlabel(f"qpos[{args.x}]")
    left.set_ylabel(f"qpos[{args.y}]")
    left.set_title("state visitation (log counts)")
    dims = np.arange(obs.shape[1]) if obs.shape[1] <= 512 else np.arange(512)
    mean, std = obs[:, dims].mean(0), obs[:, dims].std(0)
    right.fill_between(dims, obs[:, dims].min(0), obs[:, dims].max(0), color="0.85", label="min–max")
    right.errorbar(dims, mean, yerr=std, fmt=".", ms=3, label="mean ± std")
    right.set_xlabel("observation dimension")
    right.legend(loc="upper right")
    episodes = int(d["terminals"].sum())
    fig.suptitle(f"{args.data}: {meta.get('env', '?')}, collector {meta.get('collector', '?')}, "
                 f"{episodes} episodes, {len(qpos)} rows")
    fig.tight_layout()
    fig.savefig(args.out, dpi=100)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
