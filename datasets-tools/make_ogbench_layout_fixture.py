"""Makes Tests/DatasetsTests/Fixtures/ogbench_compressed.npz: a small file in OGBench's own dataset
layout, written the way OGBench writes its datasets (np.savez_compressed; bool terminals, float32
observations, actions, qpos and qvel, int64 button_states where the family has buttons; no physics,
no metadata.json), so the tests can check that our readers take OGBench's files as downloaded.

  infom collect --env cube-single-v0 --collector play --episodes 2 --seed 3 --out cube.npz
  python make_ogbench_layout_fixture.py cube.npz ../Tests/DatasetsTests/Fixtures/ogbench_compressed.npz --rows 60

The rows are ours (OGBench's files cannot be downloaded here); each episode keeps its first --rows
rows, its last one terminal.
"""
import argparse

import numpy as np

from convert_ogbench import OGBENCH_KEYS

DTYPES = {"terminals": bool, "button_states": np.int64}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src")
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=60, help="rows kept per episode")
    args = parser.parse_args()
    d = np.load(args.src)
    ends = np.nonzero(d["terminals"])[0]
    starts = np.concatenate([[0], ends[:-1] + 1])
    keep = np.concatenate([np.arange(s, min(s + args.rows, e + 1)) for s, e in zip(starts, ends)])
    arrays = {}
    for key in OGBENCH_KEYS:
        if key in d.files:
            arrays[key] = d[key][keep].astype(DTYPES.get(key, np.float32))
    terminals = np.zeros(len(keep), dtype=bool)
    terminals[np.cumsum([min(args.rows, e + 1 - s) for s, e in zip(starts, ends)]) - 1] = True
    arrays["terminals"] = terminals
    np.savez_compressed(args.out, **arrays)
    print(f"wrote {args.out}: {len(keep)} rows, {terminals.sum()} episodes, keys {sorted(arrays)}")


if __name__ == "__main__":
    main()
