#!/usr/bin/python3
"""The Cartopy anchor of the incmap benchmark: the same Iraq map with matplotlib + Cartopy.

Usage (Debian's interpreter, which has python3-cartopy):
    /usr/bin/python3 anchor_cartopy.py INCIDENTS.json OUTPUT.{png,svg,pdf} BASEMAP_DIR

Reads the native incmap JSON (json.load, as a typical script would), draws land, lakes,
rivers, coastline and borders from incmap's own bundled GeoPackage in BASEMAP_DIR (read with
sqlite3 and shapely, no heavier GIS stack; Cartopy's Natural Earth features would be
downloaded at run time, which the benchmark cannot do),
the incidents as one scatter per weapon type with the colours and shapes incmap uses, a
legend and a title, in Mercator over 38-49 E, 29-38 N, saved at 10 x 8 in, 200 dpi
(2000 x 1600 pixels for PNG).  Everything from reading the JSON to writing the file is
inside the timed command.
"""

import json
import os
import sqlite3
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import cartopy.crs as ccrs  # noqa: E402
from shapely import wkb  # noqa: E402

EXTENT = (38, 49, 29, 38)
WEAPONS = (  # name, label, colour (Okabe-Ito, as incmap), matplotlib marker
    ("rocket", "Rocket", "#D55E00", "^"),
    ("drone", "Drone", "#0072B2", "D"),
    ("mortar", "Mortar", "#E69F00", "o"),
    ("ied", "IED", "#009E73", "s"),
)


def geoms(basemap, table):
    """The geometries of a table of the basemap's GeoPackage (a GeoPackage blob is an
    8-byte header, an envelope whose size its flags give, then WKB)."""
    db = sqlite3.connect(os.path.join(basemap, "middle-east.gpkg"))
    out = []
    for (blob,) in db.execute('SELECT geom FROM "%s" WHERE geom IS NOT NULL' % table):
        env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
        out.append(wkb.loads(bytes(blob[8 + env:])))
    db.close()
    return out


def main():
    src, out, basemap = sys.argv[1:4]
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    incidents = doc["incidents"] if isinstance(doc, dict) else doc
    pts = {w[0]: ([], []) for w in WEAPONS}
    for r in incidents:
        xy = pts.get(r["weapon"])
        if xy is not None:
            xy[0].append(r["lon"])
            xy[1].append(r["lat"])

    pc = ccrs.PlateCarree()
    fig = plt.figure(figsize=(10, 8), dpi=200)
    ax = fig.add_axes([0.05, 0.05, 0.9, 0.88], projection=ccrs.Mercator())
    ax.set_extent(EXTENT, crs=pc)
    ax.set_facecolor("#d7e6f1")
    ax.add_geometries(geoms(basemap, "countries"), pc, facecolor="#f2efe9",
                      edgecolor="none")
    ax.add_geometries(geoms(basemap, "lakes"), pc, facecolor="#c6dcee",
                      edgecolor="#7fa7c9", linewidth=0.4)
    ax.add_geometries(geoms(basemap, "rivers"), pc, facecolor="none",
                      edgecolor="#7fa7c9", linewidth=0.5)
    ax.add_geometries(geoms(basemap, "coastline"), pc, facecolor="none",
                      edgecolor="#7fa7c9", linewidth=0.5)
    ax.add_geometries(geoms(basemap, "borders"), pc, facecolor="none",
                      edgecolor="#8a8079", linewidth=0.8, linestyle=(0, (4, 1.5, 1, 1.5)))
    for name, label, colour, marker in WEAPONS:
        lon, lat = pts[name]
        if lon:
            ax.scatter(lon, lat, s=30, c=colour, marker=marker, edgecolors="white",
                       linewidths=0.3, transform=pc, label="%s  %d" % (label, len(lon)),
                       zorder=5)
    ax.gridlines(draw_labels=True, linewidth=0.3, color="#999999")
    ax.legend(loc="lower left", title="Attack type", framealpha=0.9)
    ax.set_title("%d incidents" % len(incidents), loc="left", fontsize=16, fontweight="bold")
    fig.savefig(out, dpi=200)


if __name__ == "__main__":
    main()
