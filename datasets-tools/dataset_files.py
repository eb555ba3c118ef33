"""Writing our dataset files from Python: arrays with np.savez (uncompressed) plus the
metadata.json entry that `infom dataset info` reads. Shared by the converters."""
import json
import zipfile

import numpy as np


def save_dataset(out, arrays, env, collector, split="train", software=None):
    """Writes `arrays` (terminals float32, 1 on each episode's last row) and their metadata to `out`."""
    ends = np.nonzero(arrays["terminals"])[0]
    meta = {"env": env or "unknown", "collector": collector, "seed": 0, "firstEpisode": 0, "episodes": len(ends),
            "rowsPerEpisode": int(ends[0] + 1) if len(ends) else 0, "split": split, "software": software or collector}
    np.savez(out, **arrays)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("metadata.json", json.dumps(meta, indent=2, sort_keys=True))
    print(f"wrote {out}: {len(ends)} episodes, {len(arrays['terminals'])} rows")
