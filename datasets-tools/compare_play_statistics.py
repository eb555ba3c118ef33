"""Play-data statistics of two manipulation datasets side by side: OGBench's (from
compare_ogbench_collectors.py --out, or OGBench's own files) and ours (`infom collect`).

Prints, for each file: the closed-gripper figures (gripper opening and the contact feature on
rows whose gripper is closed), button joints past their upper limit (max, and rows more than
2 mm past it), the share of rows with a tilted cube (quaternion x-y norm > 0.1), and per
observation and action dimension the gap of the means in OGBench's σ, beside OGBench's own
first-half-against-second-half gap (its self-noise at this size).
Usage (any Python with numpy):
    python3 datasets-tools/compare_play_statistics.py --env scene-v0 OGBENCH.npz OURS.npz
"""
import argparse
import json

import numpy as np

# qpos columns of the cube quaternion and of the buttons (manipulation-ogbench.md §2.2).
LAYOUT = {'scene': dict(quat=(17, 21), buttons=(21, 23)),
          'puzzle-3x3': dict(quat=None, buttons=(14, 23)), 'puzzle-4x4': dict(quat=None, buttons=(14, 30)),
          'cube-single': dict(quat=(17, 21), buttons=None), 'cube-double': dict(quat=(17, 21), buttons=None)}


def figures(data, family):
    ob, qpos = data['observations'], data['qpos']
    opening, contact = ob[:, 17] / 3, ob[:, 18]
    closed = opening > 0.9
    out = {'rows': len(ob), 'closed_rows': float(closed.mean()),
           'closed_opening_mean': float(opening[closed].mean()) if closed.any() else None,
           'closed_contact_mean': float(contact[closed].mean()) if closed.any() else None,
           'opening_mean': float(opening.mean()), 'contact_mean': float(contact.mean())}
    layout = LAYOUT[family]
    if layout['buttons']:
        b = qpos[:, layout['buttons'][0]:layout['buttons'][1]]
        out['button_past_limit_max_mm'] = float(b.max() * 1000)
        out['button_rows_past_2mm'] = int((b > 0.002).any(axis=1).sum())
    if layout['quat']:
        q = qpos[:, layout['quat'][0]:layout['quat'][1]]
        out['tilted_share'] = float((np.linalg.norm(q[:, 1:3], axis=1) > 0.1).mean())
    return out


def sigma_gaps(a, b, reference):
    sd = reference.std(0) + 1e-8
    return np.abs(a.mean(0) - b.mean(0)) / sd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--env', required=True)
    parser.add_argument('ogbench')
    parser.add_argument('ours')
    args = parser.parse_args()
    family = args.env.replace('-v0', '').replace('visual-', '')
    ogb, ours = np.load(args.ogbench), np.load(args.ours)
    report = {'env': args.env, 'ogbench': figures(ogb, family), 'ours': figures(ours, family)}
    for key in ('observations', 'actions'):
        ref = ogb[key].astype(float)
        half = len(ref) // 2
        self_noise = sigma_gaps(ref[:half], ref[half:], ref)
        gap = sigma_gaps(ours[key].astype(float), ref, ref)
        report[key] = {'gap_sigma_median': float(np.median(gap)), 'gap_sigma_max': float(gap.max()),
                       'worst_dims': [int(i) for i in np.argsort(-gap)[:5]],
                       'self_noise_sigma_median': float(np.median(self_noise)),
                       'self_noise_sigma_max': float(self_noise.max())}
    closed = [report[s]['closed_contact_mean'] for s in ('ogbench', 'ours')]
    if None not in closed:
        ob = ogb['observations']
        sel = ob[:, 17] / 3 > 0.9
        report['closed_contact_gap_sigma'] = abs(closed[1] - closed[0]) / float(ob[sel, 18].std() + 1e-8)
        opening = ob[sel, 17] / 3
        report['closed_opening_gap_sigma'] = abs(report['ours']['closed_opening_mean'] - report['ogbench']['closed_opening_mean']) / float(opening.std() + 1e-8)
    print(json.dumps(report, indent=1, sort_keys=True))


if __name__ == '__main__':
    main()
