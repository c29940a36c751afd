#!/usr/bin/env python3
"""A Markdown report that embeds the map as SVG, from a DataFrame.

    python3 report.py INCIDENTS.json OUTDIR

writes OUTDIR/report.md and OUTDIR/map.svg (the Markdown links the SVG, which
stays sharp in HTML and PDF made from it, e.g. with pandoc).
"""
import json
import os
import sys

import pandas as pd

import incmap


def main(src, outdir):
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    df = pd.DataFrame(doc["incidents"])
    df["date"] = pd.to_datetime(df["date"], utc=True)
    os.makedirs(outdir, exist_ok=True)
    title = doc.get("title", "Incidents")
    m = incmap.Map(df, size="1200x675", title=title, display="svg")
    with open(os.path.join(outdir, "map.svg"), "w", encoding="utf-8") as f:
        f.write(m.svg())
    by_type = df.groupby("weapon").agg(incidents=("id", "size"), first=("date", "min"),
                                       last=("date", "max")).sort_values("incidents",
                                                                         ascending=False)
    lines = [f"# {title}", "",
             f"{len(df)} incidents from {df['date'].min():%d %B %Y} to "
             f"{df['date'].max():%d %B %Y}.", "",
             "![Map of the incidents](map.svg)", "",
             "| type | incidents | first | last |", "|---|---:|---|---|"]
    for weapon, row in by_type.iterrows():
        lines.append(f"| {weapon} | {row.incidents} | {row['first']:%Y-%m-%d} | "
                     f"{row['last']:%Y-%m-%d} |")
    lines += ["", f"*Map: incmap {incmap.version()}.*", ""]
    with open(os.path.join(outdir, "report.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
