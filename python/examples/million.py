#!/usr/bin/env python3
"""A 1,000,000-row DataFrame mapped two ways, for /usr/bin/time -v:

    python3 million.py frame OUT.png     # incmap.Map(df) -> PNG, columns by pointer
    python3 million.py csv OUT.png       # df.to_csv() then "incmap render" (INCMAP_EXE)
    python3 million.py none OUT.png      # only the DataFrame (the baseline)

The rows are synthetic: five clusters in Iraq and Syria, three years of days,
four weapon types as a pandas categorical.
"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd


def frame(n=1_000_000, seed=1):
    rng = np.random.default_rng(seed)
    centres = np.array([[44.39, 33.30], [42.44, 33.79], [43.96, 36.24], [40.6, 35.1],
                        [44.3, 33.95]])
    k = rng.integers(0, len(centres), n)
    return pd.DataFrame({
        "lon": centres[k, 0] + rng.normal(0, 0.6, n),
        "lat": centres[k, 1] + rng.normal(0, 0.4, n),
        "date": pd.Timestamp("2019-01-01") + pd.to_timedelta(rng.integers(0, 1095, n), "D"),
        "weapon": pd.Categorical.from_codes(rng.integers(0, 4, n),
                                            ["rocket", "drone", "ied", "mortar"]),
    })


def main(mode, out):
    df = frame()
    t0 = time.perf_counter()
    opts = dict(size="1200x675", title="1,000,000 synthetic incidents")
    if mode == "frame":
        import warnings
        import incmap
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", incmap.IncmapWarning)  # density mode, expected
            incmap.Map(df, **opts).save(out)
    elif mode == "csv":
        with tempfile.TemporaryDirectory() as tmp:
            csv = os.path.join(tmp, "rows.csv")
            df.to_csv(csv, index=False, date_format="%Y-%m-%d")
            subprocess.run([os.environ.get("INCMAP_EXE", "incmap"), "-q", "render", csv,
                            "--size", opts["size"], "--title", opts["title"], "-o", out],
                           check=True)
    print(f"{mode}: {time.perf_counter() - t0:.2f} s after the DataFrame was built",
          file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:3])
