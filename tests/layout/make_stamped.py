#!/usr/bin/env python3
"""make_stamped.py N OUT: N incidents at N/3 sites in Iraq, three at each site
(so each site fans out with leaders and a site dot), every fourth record
dated only to the month (a dashed edge and the legend's note)."""
import json
import sys

n, out = int(sys.argv[1]), sys.argv[2]
weapons = ["rocket", "drone", "ied", "mortar"]
recs = []
for i in range(n):
    site = i // 3
    # sites on a grid over central Iraq, about 20 km apart
    lon = 41.5 + (site % 40) * 0.12
    lat = 31.5 + (site // 40) * 0.12
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    date = "2021-%02d" % month if i % 4 == 0 else "2021-%02d-%02d" % (month, day)
    recs.append({"id": "s%d" % i, "date": date, "lat": round(lat, 4), "lon": round(lon, 4),
                 "weapon": weapons[i % 4], "site": "Site %d" % site})
with open(out, "w") as f:
    json.dump({"incidents": recs}, f)
