#!/usr/bin/env python3
"""Make the incident files the symbology tests read (tests/symbology/).

acled-fatalities.csv follows ACLED's export columns (the 2023 codebook's
order, as tests/data/realworld/acled-2023.csv) with event types, actors and
fatalities spread as in a month of ACLED data for Syria and Iraq: most
events kill nobody, a few kill many, some have no figure. groups.geojson is
a GeoJSON FeatureCollection whose properties name a group and a number
killed. The records are synthetic and deterministic.

Run from this folder: python3 make.py
"""
import csv, io, json, os, random

random.seed(16)
HERE = os.path.dirname(os.path.abspath(__file__))
HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
          "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,"
          "civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,"
          "longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp").split(",")
PLACES = [("Deir ez-Zor", 35.3359, 40.1408, "Syria"), ("Raqqa", 35.9528, 39.0079, "Syria"),
          ("Idlib", 35.9306, 36.6339, "Syria"), ("Aleppo", 36.2021, 37.1343, "Syria"),
          ("Daraa", 32.6189, 36.1021, "Syria"), ("Homs", 34.7324, 36.7137, "Syria"),
          ("Al-Tanf", 33.4967, 38.6489, "Syria"), ("Mosul", 36.3450, 43.1450, "Iraq"),
          ("Kirkuk", 35.4681, 44.3922, "Iraq"), ("Ain al-Asad Air Base", 33.7856, 42.4412, "Iraq"),
          ("Erbil", 36.1911, 44.0092, "Iraq"), ("Baghdad", 33.3152, 44.3661, "Iraq"),
          ("Basra", 30.5085, 47.7804, "Iraq"), ("Qamishli", 37.0522, 41.2317, "Syria")]
EVENTS = [("Explosions/Remote violence", "Shelling/artillery/missile attack", 30),
          ("Explosions/Remote violence", "Air/drone strike", 22),
          ("Explosions/Remote violence", "Remote explosive/landmine/IED", 10),
          ("Battles", "Armed clash", 18),
          ("Violence against civilians", "Attack", 9),
          ("Protests", "Peaceful protest", 7),
          ("Riots", "Mob violence", 3),
          ("Strategic developments", "Looting/property destruction", 2)]
ACTORS = ["Military Forces of Syria (2000-)", "Hayat Tahrir al-Sham", "Islamic State (Syria)",
          "SDF: Syrian Democratic Forces", "Military Forces of Turkey (2016-)",
          "Military Forces of Russia (2000-)", "Unidentified Armed Group (Syria)",
          "Islamic Resistance in Iraq", "Military Forces of Iraq (2022-)",
          "Military Forces of the United States (2021-)", "Protesters (Syria)",
          "Rioters (Iraq)", "Military Forces of Israel (2022-)"]


def pick(items):
    total = sum(w for *_, w in items)
    r = random.uniform(0, total)
    for it in items:
        r -= it[-1]
        if r <= 0:
            return it
    return items[-1]


def fatalities(event_type):
    if event_type in ("Protests", "Strategic developments"):
        return 0
    r = random.random()
    if r < 0.45:
        return 0
    if r < 0.8:
        return random.randint(1, 5)
    if r < 0.95:
        return random.randint(6, 30)
    return random.randint(40, 140)


rows = []
for i in range(90):
    place, lat, lon, country = random.choice(PLACES)
    et, sub, _ = pick(EVENTS)
    actor = ACTORS[min(int(random.expovariate(0.28)), len(ACTORS) - 1)]
    day = 1 + i % 28
    f = fatalities(et)
    fat = "" if i % 23 == 5 else str(f)  # some events have no figure
    rows.append({"event_id_cnty": "SYR%05d" % (4000 + i), "event_date": "2024-03-%02d" % day,
                 "year": "2024", "time_precision": "1", "disorder_type": "Political violence",
                 "event_type": et, "sub_event_type": sub, "actor1": actor, "assoc_actor_1": "",
                 "inter1": "1", "actor2": "", "assoc_actor_2": "", "inter2": "", "interaction": "10",
                 "civilian_targeting": "", "iso": "760" if country == "Syria" else "368",
                 "region": "Middle East", "country": country, "admin1": "", "admin2": "",
                 "admin3": "", "location": place,
                 "latitude": "%.4f" % lat,
                 "longitude": "%.4f" % lon,
                 "geo_precision": "1", "source": "SOHR", "source_scale": "Other",
                 "notes": "Synthetic record %d." % i, "fatalities": fat, "tags": "",
                 "timestamp": str(1711000000 + i)})
out = io.StringIO()
w = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
w.writeheader()
w.writerows(rows)
with open(os.path.join(HERE, "acled-fatalities.csv"), "w", encoding="utf-8", newline="") as fh:
    fh.write(out.getvalue())

GROUPS = ["Group A", "Group B", "Group C"]
feats = []
for i in range(24):
    place, lat, lon, _ = PLACES[i % len(PLACES)]
    feats.append({"type": "Feature",
                  "geometry": {"type": "Point", "coordinates": [lon, lat]},
                  "properties": {"id": "g%02d" % i, "date": "2024-04-%02d" % (1 + i),
                                 "site": place, "weapon": ["rocket", "drone", "ied"][i % 3],
                                 "group": GROUPS[i % 3] if i % 8 else None,
                                 "killed": [0, 1, 2, 4, 8, 16, 32, 64][i % 8]}})
with open(os.path.join(HERE, "groups.geojson"), "w", encoding="utf-8") as fh:
    json.dump({"type": "FeatureCollection", "features": feats}, fh, indent=1)
    fh.write("\n")
