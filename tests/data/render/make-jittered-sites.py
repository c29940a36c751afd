#!/usr/bin/env python3
"""Writes jittered-sites.json: a city's events geocoded to its centre (one
cluster) plus events of the same city jittered a few km around it, in
twos and threes (small fans), the way ACLED and UCDP files geocode
neighbourhoods; and a second city close by. No cluster symbol may cover
a fan's markers (tests/layout/layout_check.c)."""
import json
import random

random.seed(7)
out, i = [], 0
weapons = ["rocket", "ied", "mortar", "drone"]


def day():
    return "2021-%02d-%02d" % (random.randint(1, 12), random.randint(1, 28))


for name, lat, lon, n, jitter in [("Baghdad", 33.31, 44.37, 140, 14),
                                  ("Abu Ghraib", 33.29, 44.06, 40, 6),
                                  ("Mosul", 36.34, 43.13, 60, 10)]:
    for _ in range(n):
        out.append({"id": "j%d" % i, "date": day(), "lat": lat, "lon": lon, "site": name,
                    "weapon": random.choice(weapons)})
        i += 1
    for _ in range(jitter):
        jl, jo = lat + random.uniform(-0.06, 0.06), lon + random.uniform(-0.06, 0.06)
        for _ in range(random.randint(1, 3)):
            out.append({"id": "j%d" % i, "date": day(), "lat": round(jl, 4),
                        "lon": round(jo, 4), "site": name, "weapon": random.choice(weapons)})
            i += 1
for _ in range(30):
    out.append({"id": "j%d" % i, "date": day(), "lat": round(random.uniform(30.5, 36.8), 3),
                "lon": round(random.uniform(40.5, 47.5), 3), "weapon": random.choice(weapons)})
    i += 1
with open("jittered-sites.json", "w") as f:
    json.dump({"title": "Same-name sites jittered around their city (test data)",
               "incidents": out}, f, separators=(",", ":"))
    f.write("\n")
