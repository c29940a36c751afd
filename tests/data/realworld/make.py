#!/usr/bin/env python3
"""Make the real-world-shaped incident files in this folder.

Each file follows a published dataset's column list and date conventions
(ACLED's codebook and API, UCDP GED's codebook and its HDX export, the GTD
codebook); the GIS files are made from a CSV with ogr2ogr, as users make
them. The records are synthetic (places in Iraq, Syria, Ukraine, Colombia)
and deterministic. expected.tsv records, for every file, how many records
incmap must load and the options it may need (at most --preset/--field, or
--skip-invalid for the files with deliberately broken rows): the counts
come from this generator, not from incmap.

Run from this folder: python3 make.py   (needs ogr2ogr for the GIS files)
"""
import csv, io, json, os, random, subprocess

random.seed(13)
HERE = os.path.dirname(os.path.abspath(__file__))
expected = []  # (file, count, options)

PLACES = [("Ain al-Asad Air Base", 33.7856, 42.4412, "Iraq", "Al Anbar"),
          ("Erbil International Airport", 36.2376, 43.9632, "Iraq", "Erbil"),
          ("Baghdad Embassy", 33.2986, 44.3961, "Iraq", "Baghdad"),
          ("Al-Tanf", 33.4967, 38.6489, "Syria", "Rif Dimashq"),
          ("Conoco gas field", 35.3350, 40.2950, "Syria", "Deir ez-Zor"),
          ("Kharkiv", 49.9935, 36.2304, "Ukraine", "Kharkivska"),
          ("Odesa", 46.4825, 30.7233, "Ukraine", "Odeska"),
          ("Kyiv", 50.4501, 30.5234, "Ukraine", "Kyiv")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def write(name, text, encoding="utf-8", newline="\n"):
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="") as f:
        f.write(text.replace("\n", newline))


def rows_csv(header, rows, delim=","):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delim, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def place():
    p = random.choice(PLACES)
    return p[0], round(p[1] + random.uniform(-0.05, 0.05), 4), \
        round(p[2] + random.uniform(-0.05, 0.05), 4), p[3], p[4]


def day():
    return random.randint(2019, 2024), random.randint(1, 12), random.randint(1, 28)


# ---- ACLED, 2019-2022 layout (codebook 2019): dates "07 July 2021" ----------
ACLED_SUB = ["Shelling/artillery/missile attack", "Air/drone strike",
             "Remote explosive/landmine/IED", "Armed clash", "Peaceful protest",
             "Suicide bomb", "Grenade"]
ACLED_TYPE = {"Shelling/artillery/missile attack": "Explosions/Remote violence",
              "Air/drone strike": "Explosions/Remote violence",
              "Remote explosive/landmine/IED": "Explosions/Remote violence",
              "Suicide bomb": "Explosions/Remote violence",
              "Grenade": "Explosions/Remote violence",
              "Armed clash": "Battles", "Peaceful protest": "Protests"}
old_header = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
              "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
              "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "region",
              "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
              "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp",
              "iso3"]
rows = []
for i in range(40):
    site, lat, lon, country, adm1 = place()
    y, m, d = day()
    sub = random.choice(ACLED_SUB)
    rows.append([8000000 + i, 368, "IRQ%d" % (10000 + i), 10000 + i,
                 "%02d %s %d" % (d, MONTHS[m - 1], y), y, random.choice([1, 1, 2, 3]),
                 ACLED_TYPE[sub], sub, "Unidentified Armed Group (Iraq)", "", 3,
                 "Military Forces of the United States (2021-)", "", 8, 38,
                 "Middle East", country, adm1, "", "", site, "%.4f" % lat, "%.4f" % lon,
                 random.choice([1, 1, 2, 3]), "Shafaq News", "National",
                 "On %d %s %d, rockets hit \"%s\", no casualties." % (d, MONTHS[m - 1], y, site),
                 random.choice([0, 0, 1, 2]), 1625000000 + i, "IRQ"])
write("acled-2019.csv", rows_csv(old_header, rows))
expected.append(("acled-2019.csv", len(rows), ""))

# ---- ACLED, 2023+ layout: ISO dates, disorder_type, civilian_targeting, tags ----
new_header = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
              "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
              "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
              "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
              "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
              "timestamp"]
rows = []
for i in range(35):
    site, lat, lon, country, adm1 = place()
    y, m, d = day()
    sub = random.choice(ACLED_SUB)
    rows.append(["UKR%d" % (200000 + i), "%04d-%02d-%02d" % (y, m, d), y,
                 random.choice([1, 2, 3]), "Political violence", ACLED_TYPE[sub], sub,
                 "Military Forces of Russia (2000-)", "", "State forces",
                 "Civilians (Ukraine)", "", "Civilians", "State forces-Civilians",
                 random.choice(["Civilian targeting", ""]), 804, "Europe", country, adm1, "",
                 "", site, "%.4f" % lat, "%.4f" % lon, random.choice([1, 2, 3]),
                 "Ukrinform; Telegram", "National-New media", "Shelling; 2 injured.",
                 random.choice([0, 1, 3]), "", 1700000000 + i])
write("acled-2023.csv", rows_csv(new_header, rows))
expected.append(("acled-2023.csv", len(rows), ""))

# ---- ACLED, the old (pre-2019) layout: upper-case names, event_type only,
#      dates "01-January-2015" --------------------------------------------------
oldest = ["GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR", "TIME_PRECISION",
          "EVENT_TYPE", "ACTOR1", "ALLY_ACTOR_1", "INTER1", "ACTOR2", "ALLY_ACTOR_2", "INTER2",
          "INTERACTION", "COUNTRY", "ADMIN1", "ADMIN2", "ADMIN3", "LOCATION", "LATITUDE",
          "LONGITUDE", "GEO_PRECISION", "SOURCE", "NOTES", "FATALITIES"]
rows = []
for i in range(25):
    site, lat, lon, country, adm1 = place()
    y, m, d = random.randint(2012, 2016), random.randint(1, 12), random.randint(1, 28)
    rows.append([645, "IRQ%d" % i, i, "%02d-%s-%d" % (d, MONTHS[m - 1], y), y, 1,
                 random.choice(["Remote violence", "Battle-No change of territory",
                                "Violence against civilians", "Riots/Protests"]),
                 "Islamic State", "", 2, "", "", 0, 20, country, adm1, "", "", site,
                 "%.4f" % lat, "%.4f" % lon, 1, "AFP", "", random.choice([0, 4])])
write("acled-2015-old.csv", rows_csv(oldest, rows))
expected.append(("acled-2015-old.csv", len(rows), ""))

# ---- ACLED re-saved by Excel: BOM, CRLF, semicolons, dates "9-May-20" and "31-12-19" --
rows = []
for i in range(30):
    site, lat, lon, country, adm1 = place()
    y, m, d = day()
    date = ("%d-%s-%02d" % (d, MONTHS[m - 1][:3], y % 100)) if i % 2 else \
        ("%02d-%02d-%02d" % (d, m, y % 100))
    rows.append(["SYR%d" % (5000 + i), date, y, 1, "Explosions/Remote violence",
                 random.choice(ACLED_SUB), site, "%.4f" % lat, "%.4f" % lon, 1, "SOHR", 0])
hdr = ["event_id_cnty", "event_date", "year", "time_precision", "event_type",
       "sub_event_type", "location", "latitude", "longitude", "geo_precision", "source",
       "fatalities"]
write("acled-excel.csv", "\ufeff" + rows_csv(hdr, rows, ";"), newline="\r\n")
expected.append(("acled-excel.csv", len(rows), ""))
# ... and the same rows from Excel in a German, French or Spanish locale, whose
# decimal mark is a comma: "33,7856" in the coordinates.
de = [r[:7] + [r[7].replace(".", ","), r[8].replace(".", ",")] + r[9:] for r in rows]
write("acled-excel-de.csv", "\ufeff" + rows_csv(hdr, de, ";"), newline="\r\n")
expected.append(("acled-excel-de.csv", len(rows), ""))
# ... and from Excel in US settings: commas, dates month first without
# zeros (7/17/2022), where the first rows' days are all 12 or less, so only
# the file as a whole says which order it is in.
def us_date(text):
    a, b, c = text.split("-")
    mon = int(b) if b.isdigit() else [x[:3] for x in MONTHS].index(b) + 1
    return "%d/%d/20%s" % (mon, int(a), c)
us = [r[:1] + [us_date(r[1])] + r[2:] for r in rows]
us.sort(key=lambda r: int(r[1].split("/")[1]) > 12)  # ambiguous ones first
write("acled-excel-us.csv", rows_csv(hdr, us), newline="\r\n")
expected.append(("acled-excel-us.csv", len(rows), ""))
# ... and one whose last row Excel cut short: loads with --skip-invalid.
text = "\ufeff" + rows_csv(hdr, rows[:12], ";")
text += ";".join(str(x) for x in rows[12][:5]) + "\n"
write("acled-excel-truncated.csv", text, newline="\r\n")
expected.append(("acled-excel-truncated.csv", 12, "--skip-invalid"))

# ---- ACLED API response (JSON, every value a string) -------------------------
data = []
for i in range(20):
    site, lat, lon, country, adm1 = place()
    y, m, d = day()
    data.append({"event_id_cnty": "IRQ%d" % (70000 + i), "event_date": "%04d-%02d-%02d" % (y, m, d),
                 "year": str(y), "time_precision": "1", "disorder_type": "Political violence",
                 "event_type": "Explosions/Remote violence",
                 "sub_event_type": random.choice(ACLED_SUB), "country": country,
                 "location": site, "latitude": "%.4f" % lat, "longitude": "%.4f" % lon,
                 "geo_precision": "1", "source": "Shafaq News", "fatalities": "0",
                 "timestamp": str(1700000000 + i)})
write("acled-api.json", json.dumps({"status": 200, "success": True, "last_update": 12,
                                    "count": len(data), "messages": [], "data": data,
                                    "filename": "2024-01-01"}, indent=1))
expected.append(("acled-api.json", len(data), ""))

# ---- UCDP GED (codebook 23.1 columns) with HDX's hashtag row ----------------
ged_header = ["id", "relid", "year", "active_year", "code_status", "type_of_violence",
              "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id",
              "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
              "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
              "source_article", "source_office", "source_date", "source_headline",
              "source_original", "where_prec", "where_coordinates", "where_description",
              "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid",
              "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
              "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
              "high", "low", "gwnoa", "gwnob"]
hashtags = ["#event+id", "", "#date+year", "", "", "#event+type", "", "", "#event+name", "",
            "", "", "", "", "#group+a", "", "", "#group+b", "", "", "", "", "", "", "",
            "#loc+name", "", "#adm1+name", "#adm2+name", "#geo+lat", "#geo+lon", "", "",
            "#country+name", "#country+code", "#region+name", "", "", "#date+start",
            "#date+end", "", "", "", "", "#affected+killed", "", "", "", ""]
rows = []
for i in range(30):
    site, lat, lon, country, adm1 = place()
    y, m, d = day()
    prec = random.choice([1, 1, 2, 3, 4, 5])
    span = {1: 0, 2: 3, 3: 6, 4: 20, 5: 200}[prec]
    import datetime
    start = datetime.date(y, m, d)
    end = start + datetime.timedelta(days=span)
    tov = random.choice([1, 2, 3])
    rows.append([300000 + i, "IRQ-%d" % i, y, "TRUE", "Clear", tov, 259, 259,
                 "Iraq: Government", 799, 799, "Government of Iraq - IS", 116, 116,
                 "Government of Iraq", 234, 234, "IS", 2, "", "Reuters", "", "", "",
                 random.randint(1, 7), site, site + " (town)", adm1 + " governorate", "",
                 "%.4f" % lat, "%.4f" % lon, "POINT (%.4f %.4f)" % (lon, lat), 150000 + i,
                 country, 645, "Middle East", 1, prec,
                 start.isoformat() + " 00:00:00.000", end.isoformat() + " 00:00:00.000",
                 0, 2, 0, 0, 2, 3, 2, 645, ""])
ucdp_rows = rows
write("ucdp-ged-hdx.csv", rows_csv(ged_header, [hashtags] + rows))
expected.append(("ucdp-ged-hdx.csv", len(rows), ""))
write("ucdp-ged.csv", rows_csv(ged_header, rows))

# ---- GTD (codebook columns), Windows-1252 text, iyear/imonth/iday 0 = unknown --
gtd_header = ["eventid", "iyear", "imonth", "iday", "approxdate", "extended", "resolution",
              "country", "country_txt", "region", "region_txt", "provstate", "city",
              "latitude", "longitude", "specificity", "vicinity", "location", "summary",
              "crit1", "crit2", "crit3", "doubtterr", "multiple", "success", "suicide",
              "attacktype1", "attacktype1_txt", "targtype1", "targtype1_txt", "gname",
              "weaptype1", "weaptype1_txt", "weapsubtype1", "weapsubtype1_txt", "nkill",
              "nwound", "dbsource", "scite1"]
GTD_PLACES = [("Bogotá", "Bogotá D.C.", 4.711, -74.0721), ("Medellín", "Antioquia", 6.2442, -75.5812),
              ("Cúcuta", "Norte de Santander", 7.8939, -72.5078),
              ("São Paulo", "São Paulo", -23.5505, -46.6333)]
WEAP = [(5, "Firearms", 2, "Automatic or Semi-Automatic Rifle"),
        (6, "Explosives", 16, "Unknown Explosive Type"), (8, "Incendiary", 18, "Arson/Fire"),
        (9, "Melee", 24, "Knife or Other Sharp Object"), (13, "Unknown", "", "")]
rows = []
for i in range(30):
    city, prov, lat, lon = random.choice(GTD_PLACES)
    y = random.randint(1975, 2019)
    mo = 0 if i % 10 == 3 else random.randint(1, 12)
    dd = 0 if i % 5 == 1 or mo == 0 else random.randint(1, 28)
    w = random.choice(WEAP)
    rows.append(["%04d%02d%02d%04d" % (y, mo, dd, i), y, mo, dd, "", 0, "", 45, "Colombia", 3,
                 "South America", prov, city, "%.6f" % (lat + random.uniform(-.02, .02)),
                 "%.6f" % (lon + random.uniform(-.02, .02)), random.randint(1, 4), 0,
                 "Cerca de la estación", "Ataque en %s." % city, 1, 1, 1, 0, 0, 1, 0, 2,
                 "Armed Assault", 3, "Police", "Revolutionary Armed Forces of Colombia (FARC)",
                 w[0], w[1], w[2], w[3], random.choice([0, 1, 2, ""]), 0, "START Primary Collection",
                 "«El Tiempo», 12 de enero."])
write("gtd.csv", rows_csv(gtd_header, rows), encoding="cp1252")
expected.append(("gtd.csv", len(rows), ""))
# ... with rows that have no coordinates (specificity 5): --skip-invalid leaves them out.
broken = [list(r) for r in rows[:20]]
for r in broken[::4]:
    r[13] = r[14] = ""
    r[15] = 5
write("gtd-no-coordinates.csv", rows_csv(gtd_header, broken), encoding="cp1252")
expected.append(("gtd-no-coordinates.csv", len(broken) - len(broken[::4]), "--skip-invalid"))

# ---- a tracker's JSON: a top-level array, latitude/lng, its own wording ------
TRACK = ["Missile Strike", "Airstrike", "Drones", "Shahed", "Geran-2", "Lancet", "FPV",
         "Iskander", "Kalibr", "HIMARS", "IDF", "SAF"]
arr = []
for i in range(24):
    site, lat, lon, country, adm1 = place()
    y, m, d = day()
    arr.append({"uid": 9000 + i, "reported": "%02d/%02d/%04d" % (m, d, y) if d > 12 else
                "%04d-%02d-%02d" % (y, m, d), "latitude": lat, "lng": lon,
                "system": TRACK[i % len(TRACK)], "place": site, "verified": i % 3 == 0,
                "killed": i % 4})
write("tracker.json", json.dumps(arr, indent=1))
expected.append(("tracker.json", len(arr),
                 "--field id=uid --field date=reported --field weapon=system --field site=place "
                 "--field casualties=killed --date-order mdy"))

# ---- GIS files made with ogr2ogr from the UCDP CSV -------------------------------
def ogr(*args):
    subprocess.run(["ogr2ogr"] + list(args), check=True, cwd=HERE,
                   env=dict(os.environ, OGR_GEOJSON_MAX_OBJ_SIZE="0"))

src = ["-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude",
       "-oo", "AUTODETECT_TYPE=YES"]
to3857 = src + ["-s_srs", "EPSG:4326", "-t_srs", "EPSG:3857"]
src = src + ["-a_srs", "EPSG:4326"]
for f in ["ucdp-ged.geojson", "ucdp-ged-3857.geojson", "incidents.gpkg", "incidents.kml",
          "incidents-wkt.csv",
          "incidents.fgb", "incidents.geojsonl", "incidents.xlsx", "incidents.ods"]:
    if os.path.exists(os.path.join(HERE, f)):
        os.remove(os.path.join(HERE, f))
for f in os.listdir(HERE):
    if f.startswith("incidents-3857."):
        os.remove(os.path.join(HERE, f))
n = len(ucdp_rows)
ogr("-f", "GeoJSON", "ucdp-ged.geojson", "ucdp-ged.csv", *src)
expected.append(("ucdp-ged.geojson", n, ""))
ogr("-f", "GeoJSON", "-lco", "RFC7946=NO", "ucdp-ged-3857.geojson", "ucdp-ged.csv", *to3857)
expected.append(("ucdp-ged-3857.geojson", n, ""))
ogr("-f", "GPKG", "-nln", "events", "incidents.gpkg", "ucdp-ged.csv", *src)
ogr("-f", "GPKG", "-update", "-nln", "sites", "-sql",
    "SELECT DISTINCT where_coordinates FROM \"ucdp-ged\"", "incidents.gpkg", "ucdp-ged.csv")
expected.append(("incidents.gpkg", n, "--layer-name events"))
ogr("-f", "ESRI Shapefile", "incidents-3857.shp", "ucdp-ged.csv", *to3857)
# DBF cuts names to 10 characters: type_of_violence is type_of_vi.
expected.append(("incidents-3857.shp", n, "--preset ucdp --field weapon=type_of_vi"))
ogr("-f", "KML", "incidents.kml", "ucdp-ged.csv", *src)
expected.append(("incidents.kml", n, ""))
ogr("-f", "FlatGeobuf", "incidents.fgb", "ucdp-ged.csv", *src)
expected.append(("incidents.fgb", n, ""))
ogr("-f", "GeoJSONSeq", "incidents.geojsonl", "ucdp-ged.csv", *src)
expected.append(("incidents.geojsonl", n, ""))
# QGIS's and ogr2ogr's CSV with the geometry as WKT and no coordinate columns.
ogr("-f", "CSV", "-lco", "GEOMETRY=AS_WKT", "incidents-wkt.csv", "ucdp-ged.csv", *src, "-sql",
    "SELECT id, date_start, date_end, date_prec, type_of_violence, where_coordinates, best, "
    "country FROM \"ucdp-ged\"")
expected.append(("incidents-wkt.csv", n, ""))
ogr("-f", "XLSX", "incidents.xlsx", "acled-2023.csv", "-oo", "AUTODETECT_TYPE=YES")
expected.append(("incidents.xlsx", 35, ""))
ogr("-f", "ODS", "incidents.ods", "acled-2023.csv")
expected.append(("incidents.ods", 35, ""))
os.remove(os.path.join(HERE, "ucdp-ged.csv"))

with open(os.path.join(HERE, "expected.tsv"), "w") as f:
    f.write("# file\trecords incmap must load\toptions (made by make.py)\n")
    for name, count, opts in expected:
        f.write("%s\t%d\t%s\n" % (name, count, opts))
