#!/usr/bin/env python3
"""Writes iraq-clusters.json: incidents shaped like a UCDP GED extract for
Iraq (events geocoded to town centres, so hundreds share one position;
Mosul and Tal Afar, Baghdad, Abu Ghraib and Fallujah lie close enough that
their cluster symbols meet at small sizes) plus scattered single events.
The layout battery asserts that the clusters stay inside the frame and
never overlap (tests/layout/cases.txt)."""
import json
import random

random.seed(12)
towns = [("Mosul", 36.34, 43.13, 90), ("Tal Afar", 36.37, 42.45, 75),
         ("Baghdad", 33.31, 44.37, 90), ("Abu Ghraib", 33.29, 44.06, 75),
         ("Fallujah", 33.35, 43.78, 75), ("Ramadi", 33.42, 43.30, 70),
         ("Baqubah", 33.75, 44.64, 70), ("Taji", 33.52, 44.27, 20),
         ("Kirkuk", 35.47, 44.39, 12), ("Basra", 30.51, 47.78, 30)]
weapons = ["rocket", "ied", "small arms", "mortar", "drone"]
out, i = [], 0


def day():
    return "20%d-%02d-%02d" % (random.randint(14, 17), random.randint(1, 12), random.randint(1, 28))


for name, lat, lon, n in towns:
    for _ in range(n):
        out.append({"id": "u%d" % i, "date": day(), "lat": lat, "lon": lon, "site": name,
                    "weapon": random.choice(weapons)})
        i += 1
for _ in range(60):
    out.append({"id": "u%d" % i, "date": day(), "lat": round(random.uniform(30.5, 36.8), 3),
                "lon": round(random.uniform(40.5, 47.5), 3), "weapon": random.choice(weapons)})
    i += 1
with open("iraq-clusters.json", "w") as f:
    json.dump({"title": "Violent events in Iraq (UCDP-shaped test data)", "incidents": out}, f,
              separators=(",", ":"))
    f.write("\n")
