"""Learning curves of `infom train` runs, as a PNG (numpy + matplotlib).

  python plot_learning_curves.py --out curves.png --metric success \
      --group "pixel InFOM=runs/pixel-s0,runs/pixel-s1,runs/pixel-s2" \
      --group "state InFOM=runs/state-s0,runs/state-s1,runs/state-s2" \
      [--baseline "random policy=0.0"] [--title TEXT]

Each run folder's `eval.csv` (step, length, return, success: one row per evaluation) gives one
curve; a group draws the mean over its runs at the steps they all reached, with a band from the
lowest to the highest run, and the runs themselves as thin lines. A baseline is a horizontal line
(for example a random policy's figure from `infom eval --policy random`). The x axis is the
global update count, pre-training then fine-tuning; a dotted line marks where fine-tuning began
(read from the runs' `pretrain.csv`, when every run of the first group has one).
"""
import argparse
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np


def read_eval(run, metric):
    path = os.path.join(run, "eval.csv")
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as error:
        sys.exit(f"error: cannot read {path} ({error.strerror}); name folders written by `infom train --out`")
    if not rows or metric not in rows[0] or "step" not in rows[0]:
        sys.exit(f"error: {path} has no '{metric}' evaluations; name a folder of a run that evaluated (--eval-every)")
    return {int(r["step"]): float(r[metric]) for r in rows}


def last_pretraining_step(run):
    path = os.path.join(run, "pretrain.csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        steps = [int(r["step"]) for r in csv.DictReader(f) if r.get("step")]
    return max(steps) if steps else None


def parse_group(text):
    label, sep, runs = text.partition("=")
    if not sep or not label or not runs:
        sys.exit(f"error: --group '{text}' is not LABEL=RUN[,RUN...]; give a label, '=' and run folders")
    return label, runs.split(",")


def parse_baseline(text):
    label, sep, value = text.partition("=")
    try:
        return label, float(value)
    except ValueError:
        sys.exit(f"error: --baseline '{text}' is not LABEL=NUMBER; give a label, '=' and a number")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--group", action="append", required=True, help="LABEL=RUN[,RUN...]")
    parser.add_argument("--baseline", action="append", default=[], help="LABEL=VALUE")
    parser.add_argument("--metric", choices=("return", "success"), default="return")
    parser.add_argument("--title", default="")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    fig, ax = plt.subplots(figsize=(7, 4.2))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    switches = []
    for index, text in enumerate(args.group):
        label, runs = parse_group(text)
        curves = [read_eval(run, args.metric) for run in runs]
        steps = sorted(set.intersection(*(set(c) for c in curves)))
        if not steps:
            sys.exit(f"error: the runs of '{label}' share no evaluation step; compare runs of the same budget")
        values = np.array([[c[s] for s in steps] for c in curves])
        color = colors[index % len(colors)]
        for curve in curves:
            own = sorted(curve)
            ax.plot(own, [curve[s] for s in own], color=color, alpha=0.3, linewidth=0.8)
        ax.fill_between(steps, values.min(0), values.max(0), color=color, alpha=0.15)
        ax.plot(steps, values.mean(0), color=color, marker="o", markersize=3,
                label=f"{label} (mean of {len(runs)}, final {values[:, -1].mean():.3g})")
        if index == 0:
            switches = [last_pretraining_step(run) for run in runs]
    for index, text in enumerate(args.baseline):
        label, value = parse_baseline(text)
        ax.axhline(value, color="0.4", linestyle="--", linewidth=1, label=f"{label} ({value:.3g})")
    if switches and all(s is not None for s in switches) and len(set(switches)) == 1:
        ax.axvline(switches[0], color="0.6", linestyle=":", linewidth=1)
        ax.annotate("fine-tuning starts", (switches[0], ax.get_ylim()[1]), xytext=(4, -12),
                    textcoords="offset points", fontsize=8, color="0.4")
    ax.set_xlabel("update (pre-training, then fine-tuning)")
    ax.set_ylabel("evaluation success" if args.metric == "success" else "evaluation return")
    if args.title:
        ax.set_title(args.title)
    ax.legend(fontsize=8, loc="best")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    temporary = f"{args.out}.tmp-{os.getpid()}.png"
    fig.savefig(temporary, dpi=120)
    os.replace(temporary, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
