#!/usr/bin/env python3
"""Write N synthetic incidents as native JSON, GeoJSON and CSV, for the
load benchmark. Deterministic: the same N (and seed) gives the same bytes.

Half the records are spread over lon 38-49 E, lat 29-38 N; half cluster
within ~15 km of Baghdad, Erbil and Al-Asad. Weapons are rocket, drone,
mortar and ied; dates run from 2019-05-01 to 2021-07-31.

usage: gen_incidents.py N OUTDIR [--seed S] [--formats json,geojson,csv]
writes OUTDIR/incidents-N.json, .geojson and .csv (or only the formats named)
"""
import argparse
import datetime
import json
import os
import random

SITES = [("Baghdad", 33.2985, 44.3953), ("Erbil", 36.2376, 43.9632),
         ("Al-Asad", 33.7856, 42.4412)]
WEAPONS = ["rocket", "drone", "mortar", "ied"]
ACLED = {"rocket": "Shelling/artillery/missile attack", "drone": "Air/drone strike",
         "mortar": "mortar", "ied": "Remote explosive/landmine/IED"}
DAY0 = datetime.date(2019, 5, 1)
DAYS = (datetime.date(2021, 7, 31) - DAY0).days + 1


def records(n, seed):
    rng = random.Random(seed)
    for i in range(n):
        if i % 2 == 0:
            lat, lon, site = rng.uniform(29, 38), rng.uniform(38, 49), ""
        else:
            name, la, lo = SITES[rng.randrange(3)]
            lat, lon, site = la + rng.gauss(0, 0.08), lo + rng.gauss(0, 0.08), name
        date = DAY0 + datetime.timedelta(days=rng.randrange(DAYS))
        yield {"id": "syn-%07d" % i, "date": date.isoformat(), "lat": round(lat, 5),
               "lon": round(lon, 5), "site": site, "weapon": WEAPONS[rng.randrange(4)],
               "count": rng.randint(1, 20), "casualties": rng.choice([0, 0, 0, 1, 2, 5])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=20210707)
    ap.add_argument("--formats", default="json,geojson,csv")
    a = ap.parse_args()
    want = set(a.formats.split(","))
    os.makedirs(a.outdir, exist_ok=True)
    base = os.path.join(a.outdir, "incidents-%d" % a.n)
    null = os.devnull
    with open(base + ".json" if "json" in want else null, "w") as js, \
            open(base + ".geojson" if "geojson" in want else null, "w") as gj, \
            open(base + ".csv" if "csv" in want else null, "w", newline="") as cs:
        js.write('{"title": "synthetic", "incidents": [\n')
        gj.write('{"type": "FeatureCollection", "features": [\n')
        cs.write("event_id_cnty,event_date,sub_event_type,location,latitude,longitude,"
                 "fatalities,count\n")
        for i, r in enumerate(records(a.n, a.seed)):
            sep = ",\n" if i else ""
            rec = dict(r)
            if not rec["site"]:
                del rec["site"]
            if "json" in want:
                js.write(sep + json.dumps(rec, separators=(",", ":")))
            if "geojson" in want:
                props = {k: v for k, v in rec.items() if k not in ("lat", "lon")}
                gj.write(sep + json.dumps({"type": "Feature", "geometry": {
                    "type": "Point", "coordinates": [r["lon"], r["lat"]]},
                    "properties": props}, separators=(",", ":")))
            d = datetime.date.fromisoformat(r["date"])
            cs.write("%s,%02d-%02d-%04d,%s,%s,%s,%s,%d,%d\n" % (
                r["id"], d.day, d.month, d.year, ACLED[r["weapon"]], r["site"], r["lat"],
                r["lon"], r["casualties"], r["count"]))
        js.write("\n]}\n")
        gj.write("\n]}\n")


if __name__ == "__main__":
    main()
