"""Compare our authored locomotion models with dm_control's compiled models, field by field.

Needs the locomotion oracle venv (Python 3.10, numpy<2, mujoco==2.2.2, dm_control==1.0.7).
Usage: python compare_locomotion_models.py [walker|cheetah|quadruped|cheetah_custom|quadruped_run ...]
Prints every model array that differs (exactly, bit for bit) and exits non-zero if any does.
"""
import os
import sys

import mujoco
import numpy as np

ASSETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Assets", "locomotion")


def ours(name, floor=None):
    """Compile one of our XML files through a VFS, as the Swift suite does."""
    files = {}
    for base in ("skybox.xml", "visual.xml", "materials.xml"):
        with open(os.path.join(ASSETS, "common", base), "rb") as f:
            files[base] = f.read()
    with open(os.path.join(ASSETS, f"{name}.xml")) as f:
        xml = f.read()
    if floor is not None:
        xml = floor(xml)
    return mujoco.MjModel.from_xml_string(xml, files)


def reference(domain, task):
    from dm_control import suite
    if (domain, task) in suite.ALL_TASKS:
        env = suite.load(domain, task, task_kwargs={"random": 1})
    else:
        raise SystemExit(f"{domain}_{task} is not a dm_control suite task")
    return env.physics.model.ptr


def reference_custom(domain, task):
    """The ExORL/InFOM custom tasks, rebuilt from dm_control pieces with their documented edits."""
    from dm_control.suite import cheetah, quadruped, common
    if domain == "cheetah":
        xml = cheetah.get_model_and_assets()[0].decode()
        xml = xml.replace('size="100 .8 .5"', 'size="200 .8 .5"')
        return mujoco.MjModel.from_xml_string(xml, common.ASSETS)
    raise SystemExit("unknown custom model")


def compare(a, b):
    bad = []
    for field in dir(a):
        if field.startswith("_"):
            continue
        try:
            x, y = getattr(a, field), getattr(b, field)
        except Exception:
            continue
        if callable(x) or not isinstance(x, (np.ndarray, int, float)):
            continue
        x, y = np.asarray(x), np.asarray(y)
        if x.shape != y.shape:
            bad.append(f"{field}: shape {x.shape} vs {y.shape}")
        elif x.dtype.kind in "fc" and not np.array_equal(x.view(np.uint8), y.view(np.uint8)):
            diff = np.max(np.abs(x.astype(float) - y.astype(float))) if x.size else 0
            bad.append(f"{field}: max |diff| {diff:.3g}")
        elif x.dtype.kind not in "fc" and not np.array_equal(x, y):
            bad.append(f"{field}: differs")
    return bad


def quadruped_floor(size):
    return lambda xml: xml.replace('size="10 10 .5"', f'size="{size}"')


CASES = {
    "walker": (lambda: ours("walker"), lambda: reference("walker", "walk")),
    "cheetah": (lambda: ours("cheetah"), lambda: reference("cheetah", "run")),
    "cheetah_custom": (lambda: ours("cheetah", lambda x: x.replace('size="100 .8 .5"', 'size="200 .8 .5"')),
                       lambda: reference_custom("cheetah", "run_backward")),
    "quadruped": (lambda: ours("quadruped"), lambda: reference("quadruped", "walk")),
    "quadruped_run": (lambda: ours("quadruped", quadruped_floor("100 100 .5")), lambda: reference("quadruped", "run")),
}

if __name__ == "__main__":
    failed = False
    for name in sys.argv[1:] or CASES:
        mine, theirs = CASES[name]
        bad = compare(mine(), theirs())
        print(f"{name}: {'identical' if not bad else str(len(bad)) + ' fields differ'}")
        for line in bad:
            print("   ", line)
        failed |= bool(bad)
    sys.exit(1 if failed else 0)
