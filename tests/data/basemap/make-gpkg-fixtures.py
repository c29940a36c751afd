#!/usr/bin/python3
"""Write the GeoPackage fixtures of tests/unit/test_basemap.c (run from this folder):
gpkg/ (a good two-feature basemap) and bad/gpkg_* (broken ones). Deterministic."""
import json
import os
import sqlite3
import struct


def gp(wkb, env=None, flags=None, magic=b"GP"):
    if flags is None:
        flags = 0b00000011 if env is not None else 0b00000001
    head = magic + bytes([0, flags]) + struct.pack("<i", 4326)
    if env is not None:
        head += struct.pack("<dddd", *env)
    return head + wkb


def poly(ring):
    return struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring)) + \
        b"".join(struct.pack("<dd", x, y) for x, y in ring)


def square(x, y, d):
    return [(x, y), (x + d, y), (x + d, y + d), (x, y + d), (x, y)]


def write(folder, rows, table="land", manifest_table="land", index=True):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "t.gpkg")
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA page_size = 1024")
    db.execute("PRAGMA application_id = 1196444487")
    db.execute("CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, "
               "geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT)")
    db.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POLYGON', 4326, 0, 0)",
               (table,))
    db.execute("CREATE TABLE \"%s\" (fid INTEGER PRIMARY KEY, geom BLOB, name TEXT, "
               "rank INTEGER)" % table)
    if index:
        db.execute("CREATE VIRTUAL TABLE \"rtree_%s_geom\" USING rtree(id, minx, maxx, miny, "
                   "maxy)" % table)
    for fid, blob, name, env in rows:
        db.execute("INSERT INTO \"%s\" VALUES (?, ?, ?, 1)" % table, (fid, blob, name))
        if index:
            db.execute("INSERT INTO \"rtree_%s_geom\" VALUES (?, ?, ?, ?, ?)" % table,
                       (fid,) + env)
    db.commit()
    db.execute("VACUUM")
    db.close()
    m = {"name": "gpkg-test", "extent": [-180, -90, 180, 90], "background": "#d7e6f1",
         "attribution_parts": {"land": "land: test data"},
         "layers": [{"name": "land", "file": "t.gpkg", "table": manifest_table,
                     "type": "polygon", "style": {"fill": "#f2efe9"}}]}
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(m, f, indent=1)
        f.write("\n")


def expect(folder, *lines):
    with open(os.path.join(folder, "expect.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


a = square(44.0, 33.0, 1.0)          # near Baghdad
b = square(-175.5, -21.5, 1.0)       # Tonga, across the antimeridian from Fiji
good = [(1, gp(poly(a), (44, 45, 33, 34)), "A", (44.0, 45.0, 33.0, 34.0)),
        (2, gp(poly(b)[:], None, 0b00000001), "B", (-175.5, -174.5, -21.5, -20.5))]
write("gpkg", good)
write("bad/gpkg_truncated", [(7, gp(poly(a))[:-9], "T", (44, 45, 33, 34))])
expect("bad/gpkg_truncated", "t.gpkg: table land, fid 7", "truncated")
write("bad/gpkg_magic", [(3, gp(poly(a), magic=b"XX"), "M", (44, 45, 33, 34))])
expect("bad/gpkg_magic", "fid 3", "not a GeoPackage geometry")
write("bad/gpkg_no_table", good, manifest_table="roads")
expect("bad/gpkg_no_table", "t.gpkg", "no feature table \"roads\"")
write("bad/gpkg_table_name", good, manifest_table="land\"; DROP TABLE land; --")
expect("bad/gpkg_table_name", "\"table\" must name a feature table")
write("bad/gpkg_lat_range", [(4, gp(poly(square(44.0, 95.0, 1.0))), "L", (44, 45, 95, 96))])
expect("bad/gpkg_lat_range", "fid 4", "is not a longitude/latitude")
write("bad/gpkg_ring_open", [(5, gp(poly(square(44.0, 33.0, 1.0)[:-1] + [(44.5, 33.5)])),
                              "O", (44, 45, 33, 34))])
expect("bad/gpkg_ring_open", "fid 5", "not closed")
