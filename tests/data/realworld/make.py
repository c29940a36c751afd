#!/usr/bin/env python3
"""Make the real-world-shaped incident files in this folder.

Each file follows a published dataset's column list and date conventions
(ACLED's codebook and API, UCDP GED's codebook and its HDX export, the GTD
codebook); the GIS files are made from a CSV with ogr2ogr, as users make
them; the workbooks are written here as the published formats lay them
out (SpreadsheetML for .xlsx, as Excel saves it; OpenDocument for .ods, as
LibreOffice does), so that they are not what GDAL itself writes. facts.tsv
says which file must give the same facts as which (a re-save of another),
or the dates, extent and classes of a hand-written one. A few bad-input
files for tests/bad/ are written here too. The records are synthetic (places in Iraq, Syria, Ukraine, Colombia)
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

# ==== Files as analysts get them from other tools (a second random stream,
# so the files above stay byte for byte what they were). ======================
rnd = random.Random(29)


def place2():
    p = rnd.choice(PLACES)
    return p[0], round(p[1] + rnd.uniform(-0.05, 0.05), 4), \
        round(p[2] + rnd.uniform(-0.05, 0.05), 4), p[3], p[4]


def day2():
    return rnd.randint(2019, 2024), rnd.randint(1, 12), rnd.randint(1, 28)


# ---- the UCDP API (ucdp.uu.se/apidocs): {"TotalCount", "TotalPages",
#      "PreviousPageUrl", "NextPageUrl", "Result": [events]}, the GED columns
#      with numbers as numbers and dates as "2023-01-05T00:00:00.000" ----------
result = []
for i in range(25):
    site, lat, lon, country, adm1 = place2()
    y, m, d = day2()
    prec = rnd.choice([1, 1, 2, 4, 5])
    start = datetime.date(y, m, d)
    end = start + datetime.timedelta(days={1: 0, 2: 3, 4: 20, 5: 200}[prec])
    result.append({"id": 400000 + i, "relid": "UKR-2023-1-%d" % i, "year": y, "active_year": True,
                   "code_status": "Clear", "type_of_violence": rnd.choice([1, 2, 3]),
                   "conflict_dset_id": "13243", "conflict_new_id": 13243,
                   "conflict_name": "Russia - Ukraine", "dyad_dset_id": "15570",
                   "dyad_new_id": 15570, "dyad_name": "Government of Russia - Government of Ukraine",
                   "side_a_dset_id": "57", "side_a_new_id": 57, "side_a": "Government of Russia",
                   "side_b_dset_id": "68", "side_b_new_id": 68, "side_b": "Government of Ukraine",
                   "number_of_sources": 1, "source_article": "", "source_office": "Kyiv Independent",
                   "source_date": "", "source_headline": "", "source_original": "",
                   "where_prec": rnd.randint(1, 4), "where_coordinates": site,
                   "where_description": "", "adm_1": adm1, "adm_2": "", "latitude": lat,
                   "longitude": lon, "geom_wkt": "POINT (%.4f %.4f)" % (lon, lat),
                   "priogrid_gid": 180000 + i, "country": country, "country_id": 369,
                   "region": "Europe", "event_clarity": 1, "date_prec": prec,
                   "date_start": start.isoformat() + "T00:00:00.000",
                   "date_end": end.isoformat() + "T00:00:00.000", "deaths_a": 0, "deaths_b": 1,
                   "deaths_civilians": 0, "deaths_unknown": 0, "best": 1, "high": 2, "low": 1,
                   "gwnoa": "365", "gwnob": None})
write("ucdp-api.json", json.dumps({"TotalCount": len(result), "TotalPages": 1,
                                   "PreviousPageUrl": "", "NextPageUrl": "",
                                   "Result": result}, indent=1))
expected.append(("ucdp-api.json", len(result), ""))

# ---- ACLED's current export (2024 codebook: population columns) saved by
#      Excel as "Unicode Text": UTF-16 LE with a byte order mark, tabs, CRLF,
#      dates as the website shows them ("03 January 2024") --------------------
pop_header = new_header + ["population_1km", "population_2km", "population_5km",
                           "population_best"]
rows = []
for i in range(18):
    site, lat, lon, country, adm1 = place2()
    y, m, d = day2()
    sub = rnd.choice(ACLED_SUB)
    pop = [rnd.randint(0, 9000) for _ in range(3)]
    rows.append(["UKR%d" % (300000 + i), "%02d %s %d" % (d, MONTHS[m - 1], y), y,
                 rnd.choice([1, 2]), "Political violence", ACLED_TYPE[sub], sub,
                 "Military Forces of Russia (2000-)", "", "State forces", "Civilians (Ukraine)",
                 "", "Civilians", "State forces-Civilians", "", 804, "Europe", country, adm1,
                 "", "", site, "%.4f" % lat, "%.4f" % lon, 1, "Suspilne", "National",
                 "Shelling; Übergriff gemeldet, 2 injured.", rnd.choice([0, 1]),
                 "", 1710000000 + i] + pop + [max(pop)])
write("acled-unicode-text.txt", "\ufeff" + rows_csv(pop_header, rows, "\t"),
      encoding="utf-16-le", newline="\r\n")
expected.append(("acled-unicode-text.txt", len(rows), ""))

# ---- the same export through Excel's "CSV" with the "sep=;" line Excel
#      writes and reads (the delimiter for Excel itself) --------------------
write("acled-sep-line.csv", "sep=;\n" + rows_csv(pop_header, rows, ";"), newline="\r\n")
expected.append(("acled-sep-line.csv", len(rows), ""))

# ---- an analyst's own sheet saved by Excel on Windows as "CSV (Comma
#      delimited)": Windows-1252 bytes (é, ü, the ’ Word puts in) -----------
own = [("Aïn al-Asad", 33.7856, 42.4412), ("Qayyarah West – “Q-West”", 35.7670, 43.1250),
       ("Bagdad – Green Zone", 33.3000, 44.3900), ("Al-Tanf ’garrison’", 33.4967, 38.6489)]
rows = []
for i in range(16):
    site, lat, lon = own[i % len(own)]
    y, m, d = day2()
    rows.append(["A-%03d" % i, "%04d-%02d-%02d" % (y, m, d), "%.4f" % lat, "%.4f" % lon,
                 rnd.choice(["rocket", "drone", "IDF"]), site, "Bericht über Angriff"])
write("excel-windows-1252.csv", rows_csv(["id", "date", "latitude", "longitude", "weapon",
                                          "site", "notes"], rows), encoding="cp1252",
      newline="\r\n")
expected.append(("excel-windows-1252.csv", len(rows), ""))

# ---- Google My Maps' KMZ: doc.kml with one Folder per map layer, the
#      table's columns as ExtendedData/Data, a description in HTML -----------
import zipfile
def placemark(name, lon, lat, inner):
    return ("      <Placemark>\n        <name>%s</name>\n%s"
            "        <Point>\n          <coordinates>%.4f,%.4f,0</coordinates>\n"
            "        </Point>\n      </Placemark>\n" % (name, inner, lon, lat))
folders = {"Rockets": "rocket", "Drones": "drone", "IED": "ied"}
body, n_mm = "", 0
for title, weapon in folders.items():
    body += "    <Folder>\n      <name>%s</name>\n" % title
    for i in range(4 + len(title) % 3):
        site, lat, lon, country, adm1 = place2()
        y, m, d = day2()
        data = ("        <description><![CDATA[date: %04d-%02d-%02d<br>weapon: %s<br>"
                "source: <a href=\"https://example.org/%d\">report</a>]]></description>\n"
                "        <styleUrl>#icon-1899-0288D1</styleUrl>\n        <ExtendedData>\n"
                "          <Data name=\"date\">\n            <value>%04d-%02d-%02d</value>\n"
                "          </Data>\n          <Data name=\"weapon\">\n            <value>%s</value>\n"
                "          </Data>\n        </ExtendedData>\n"
                % (y, m, d, weapon, n_mm, y, m, d, weapon))
        body += placemark(site, lon, lat, data)
        n_mm += 1
    body += "    </Folder>\n"
doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n'
       '  <Document>\n    <name>Attacks on bases</name>\n'
       '    <Style id="icon-1899-0288D1-normal">\n      <IconStyle>\n        <color>ffd18802</color>\n'
       '      </IconStyle>\n    </Style>\n' + body + '  </Document>\n</kml>\n')
with zipfile.ZipFile(os.path.join(HERE, "mymaps.kmz"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("doc.kml", (2024, 1, 1, 0, 0, 0)), doc)
expected.append(("mymaps.kmz", n_mm, ""))

# ---- Google Earth Pro: nested Folders, a CSV imported as Schema and
#      SchemaData/SimpleData, TimeStamp/when (day or instant) and one
#      TimeSpan/begin-end ------------------------------------------------------
def earth_pm(i, when):
    site, lat, lon, country, adm1 = place2()
    return placemark(site, lon, lat, when + (
        "        <ExtendedData>\n          <SchemaData schemaUrl=\"#attacks\">\n"
        "            <SimpleData name=\"weapon\">%s</SimpleData>\n"
        "            <SimpleData name=\"casualties\">%d</SimpleData>\n"
        "          </SchemaData>\n        </ExtendedData>\n" % (rnd.choice(["rocket", "Shahed",
                                                                          "107mm"]), i % 3)))
body, n_ge = "", 0
for country in ["Iraq", "Syria"]:
    body += "    <Folder>\n      <name>%s</name>\n" % country
    for month in [1, 2]:
        body += "    <Folder>\n      <name>2024-%02d</name>\n" % month
        for i in range(3):
            when = ("        <TimeStamp><when>2024-%02d-%02dT%02d:30:00Z</when></TimeStamp>\n"
                    % (month, 3 + i, 10 + i)) if i else \
                   ("        <TimeStamp><when>2024-%02d-%02d</when></TimeStamp>\n" % (month, 9))
            body += earth_pm(n_ge, when)
            n_ge += 1
        body += "    </Folder>\n"
    body += "    </Folder>\n"
body += earth_pm(n_ge, "        <TimeSpan><begin>2024-03-01</begin><end>2024-03-03</end>"
                       "</TimeSpan>\n")
n_ge += 1
write("google-earth.kml", '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">\n'
      '<Document>\n  <name>attacks.kml</name>\n'
      '  <Schema name="attacks" id="attacks">\n'
      '    <SimpleField type="string" name="weapon"></SimpleField>\n'
      '    <SimpleField type="int" name="casualties"></SimpleField>\n  </Schema>\n'
      + body + '</Document>\n</kml>\n')
expected.append(("google-earth.kml", n_ge, ""))

# ---- a zipped Shapefile, as data portals and e-mail hand them out (in a
#      folder, with macOS's __MACOSX entries) ---------------------------------
shp_tmp = os.path.join(HERE, "tmp-shp")
os.makedirs(shp_tmp, exist_ok=True)
subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", os.path.join(shp_tmp, "ged_events.shp"),
                "ucdp-ged.csv"] + src, check=True, cwd=HERE, stderr=subprocess.DEVNULL)
with zipfile.ZipFile(os.path.join(HERE, "ged-events-shp.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(os.listdir(shp_tmp)):
        info = zipfile.ZipInfo("ged_events/" + f, (2024, 1, 1, 0, 0, 0))
        z.writestr(info, open(os.path.join(shp_tmp, f), "rb").read())
    z.writestr(zipfile.ZipInfo("__MACOSX/ged_events/._ged_events.shp", (2024, 1, 1, 0, 0, 0)),
               b"\0\5\26\7")
for f in os.listdir(shp_tmp):
    os.remove(os.path.join(shp_tmp, f))
os.rmdir(shp_tmp)
expected.append(("ged-events-shp.zip", n, "--preset ucdp --field weapon=type_of_vi"))

# ---- a Google Forms response sheet downloaded as CSV: "Timestamp" first,
#      the point as Google Maps copies it ("33.3152, 44.3661", latitude
#      first) in one "Coordinates" column -------------------------------------
rows = []
for i in range(14):
    site, lat, lon, country, adm1 = place2()
    y, m, d = day2()
    rows.append(["%d/%d/%d %d:%02d:%02d" % (m, d, y, rnd.randint(0, 23), rnd.randint(0, 59),
                                             rnd.randint(0, 59)),
                 "%04d-%02d-%02d" % (y, m, d), "%.6f, %.6f" % (lat, lon),
                 rnd.choice(["Rocket", "Drone", "IED", "Mortar"]), site, "Seen from the gate"])
write("google-forms.csv", rows_csv(["Timestamp", "Date", "Coordinates", "Type", "Location",
                                    "Notes"], rows))
expected.append(("google-forms.csv", len(rows), ""))

# ---- a sheet whose date column lost its format (Excel then writes the
#      serial day number, 45292 for 2024-01-01) and whose coordinates were
#      copied from Google Earth in degrees, minutes and seconds -------------
def dms(v, pos, neg):
    a = abs(v)
    d = int(a)
    m = int((a - d) * 60)
    sec = (a - d - m / 60) * 3600
    return "%d°%d'%.2f\"%s" % (d, m, sec, pos if v >= 0 else neg)
rows = []
for i in range(12):
    site, lat, lon, country, adm1 = place2()
    y, m, d = day2()
    serial = (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days
    rows.append(["S-%02d" % i, str(serial) if i % 3 else "%d.%d" % (serial, 25 * (i % 4)),
                 dms(lat, "N", "S"), dms(lon, "E", "W"), rnd.choice(["rocket", "drone"]), site])
write("excel-serial-dms.csv", rows_csv(["id", "date", "latitude", "longitude", "weapon", "site"],
                                       rows))
expected.append(("excel-serial-dms.csv", len(rows), ""))

# ==== Workbooks and GIS exports nobody had tried (a third random stream). =====
rnd3 = random.Random(43)
facts = []  # (file, "same", reference file) or (file, "facts", {first, last, extent, weapons})


def place3():
    p = rnd3.choice(PLACES)
    return p[0], round(p[1] + rnd3.uniform(-.05, .05), 4), round(p[2] + rnd3.uniform(-.05, .05), 4)


def xlsx_col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def write_xlsx(name, sheets, date_format=None):
    """A workbook as Excel saves one (ECMA-376 SpreadsheetML): shared strings,
    numbers as numbers, dates as serial day numbers in cells styled with a
    date format (built-in 14, or date_format as custom format 164), date and
    time cells with built-in format 22. sheets: [(name, rows)]; a cell is a
    str, an int or float, a datetime.date or datetime.datetime, or None (no
    cell); an empty row is written as no row at all."""
    from xml.sax.saxutils import escape
    strings, index, parts = [], {}, []
    epoch = datetime.datetime(1899, 12, 30)
    for _, rows in sheets:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
               '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for r, row in enumerate(rows, 1):
            cells = []
            for c, v in enumerate(row):
                ref = "%s%d" % (xlsx_col(c), r)
                if v is None or v == "":
                    continue
                if isinstance(v, datetime.datetime):
                    d = v - epoch
                    cells.append('<c r="%s" s="2"><v>%s</v></c>'
                                 % (ref, repr(d.days + d.seconds / 86400)))
                elif isinstance(v, datetime.date):
                    cells.append('<c r="%s" s="1"><v>%d</v></c>'
                                 % (ref, (v - epoch.date()).days))
                elif isinstance(v, (int, float)):
                    cells.append('<c r="%s"><v>%s</v></c>' % (ref, repr(v)))
                else:
                    if v not in index:
                        index[v] = len(strings)
                        strings.append(v)
                    cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
            if cells:
                out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
        out.append('</sheetData></worksheet>')
        parts.append("".join(out))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml."
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    files = {}
    files["[Content_Types].xml"] = head + (
        '<Types xmlns="%s/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="%ssheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="%sstyles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="%ssharedStrings+xml"/>'
        % (pkg, ct, ct, ct) +
        "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="%sworksheet+xml"/>'
                % (i + 1, ct) for i in range(len(sheets))) + '</Types>')
    files["_rels/.rels"] = head + (
        '<Relationships xmlns="%s/relationships"><Relationship Id="rId1" Type="%s/officeDocument"'
        ' Target="xl/workbook.xml"/></Relationships>' % (pkg, rel))
    files["xl/workbook.xml"] = head + (
        '<workbook %s xmlns:r="%s"><sheets>' % (ns, rel) +
        "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(n), i + 1, i + 1)
                for i, (n, _) in enumerate(sheets)) + '</sheets></workbook>')
    n = len(sheets)
    files["xl/_rels/workbook.xml.rels"] = head + (
        '<Relationships xmlns="%s/relationships">' % pkg +
        "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
                % (i + 1, rel, i + 1) for i in range(n)) +
        '<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>' % (n + 1, rel) +
        '<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
        % (n + 2, rel) + '</Relationships>')
    custom = ('<numFmts count="1"><numFmt numFmtId="164" formatCode="%s"/></numFmts>'
              % escape(date_format)) if date_format else ""
    files["xl/styles.xml"] = head + (
        '<styleSheet %s>%s<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
        '</fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" '
        'fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="%d" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs></styleSheet>' % (ns, custom, 164 if date_format else 14))
    files["xl/sharedStrings.xml"] = head + (
        '<sst %s count="%d" uniqueCount="%d">' % (ns, len(strings), len(strings)) +
        "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings) +
        '</sst>')
    for i, p in enumerate(parts):
        files["xl/worksheets/sheet%d.xml" % (i + 1)] = p
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        for f in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                  "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml"] + \
                 ["xl/worksheets/sheet%d.xml" % (i + 1) for i in range(n)]:
            z.writestr(zipfile.ZipInfo(f, (2024, 1, 1, 0, 0, 0)), files[f])


def read_csv(name, encoding="utf-8"):
    with open(os.path.join(HERE, name), encoding=encoding, newline="") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]


def number(text):
    """A cell as Excel stores what it parsed: integers and decimals as numbers."""
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


# ---- the ACLED 2023 export opened in Excel and saved as a workbook: the
#      dates became date cells (serial numbers, format 14), the numbers
#      numbers, and a "Notes" sheet was put in front of the data -------------
head, body = read_csv("acled-2023.csv")
sheet = [head] + [[datetime.date(*map(int, c.split("-"))) if k == 1 else
                   c if k == 0 else number(c) for k, c in enumerate(r)] for r in body]
write_xlsx("acled-2023-excel.xlsx", [("Notes", [["Downloaded from the ACLED Explorer"],
                                                ["Terms of use apply"]]), ("Data", sheet)])
expected.append(("acled-2023-excel.xlsx", len(body), ""))
facts.append(("acled-2023-excel.xlsx", "same", "acled-2023.csv"))

# ---- the GTD as START distributes it (globalterrorismdb_*.xlsx): one sheet,
#      codebook columns, numbers as numbers, iyear/imonth/iday with 0 for
#      unknown, text in Unicode ----------------------------------------------
head, body = read_csv("gtd.csv", "cp1252")
write_xlsx("gtd.xlsx", [("Data", [head] + [[number(c) if k != 12 else c
                                             for k, c in enumerate(r)] for r in body])])
expected.append(("gtd.xlsx", len(body), ""))
facts.append(("gtd.xlsx", "same", "gtd.csv"))

# ---- UCDP GED's Excel download (GEDEvent_v23_1.xlsx): the codebook's
#      columns, date_start/date_end as date-and-time cells at midnight ------
def ged_cell(k, c):
    if ged_header[k] in ("date_start", "date_end"):
        return datetime.datetime.strptime(c, "%Y-%m-%d %H:%M:%S.%f")
    return number(c) if isinstance(c, str) else c
write_xlsx("ucdp-ged.xlsx", [("GEDEvent_v23_1", [ged_header] + [
    [ged_cell(k, c) for k, c in enumerate(r)] for r in ucdp_rows])])
expected.append(("ucdp-ged.xlsx", len(ucdp_rows), ""))
facts.append(("ucdp-ged.xlsx", "same", "ucdp-ged-hdx.csv"))

# ---- Google Forms' responses downloaded from Sheets as .xlsx: the timestamp
#      a date-and-time cell, the point as one "Coordinates" text column ------
head, body = read_csv("google-forms.csv")
def us_stamp(t):
    d, tm = t.split(" ")
    mo, dd, yy = map(int, d.split("/"))
    return datetime.datetime(yy, mo, dd, *map(int, tm.split(":")))
write_xlsx("google-forms.xlsx", [("Form Responses 1", [head] + [
    [us_stamp(r[0]), datetime.date(*map(int, r[1].split("-")))] + r[2:] for r in body])])
expected.append(("google-forms.xlsx", len(body), ""))
facts.append(("google-forms.xlsx", "same", "google-forms.csv"))

# ---- the same responses published as JSON from the sheet (opensheet and
#      SheetDB's shape: an array of row objects keyed by the header, every
#      value a string), the point still one "Coordinates" string ----------
write("google-sheet.json", json.dumps([dict(zip(head, r)) for r in body], indent=1,
                                      ensure_ascii=False))
expected.append(("google-sheet.json", len(body), ""))
facts.append(("google-sheet.json", "same", "google-forms.csv"))

# ---- an analyst's own log: a title, a source line and a blank row above the
#      header, dates in a dd/mm/yyyy date format, a time column, some
#      coordinates typed as text, a blank row between months ----------------
log, first, last, kinds, ext = [], None, None, {}, [180, 90, -180, -90]
for i in range(16):
    site, lat, lon = place3()
    d = datetime.date(2024, 1 + i // 8, 1 + rnd3.randint(0, 27))
    kind = rnd3.choice(["Rocket", "Drone", "IED", "Mortar"])
    kinds[kind.lower()] = kinds.get(kind.lower(), 0) + 1
    first, last = min(first or d, d), max(last or d, d)
    ext = [min(ext[0], lon), min(ext[1], lat), max(ext[2], lon), max(ext[3], lat)]
    if i == 8:
        log.append([])
    log.append([i + 1, d, datetime.datetime(d.year, d.month, d.day, rnd3.randint(0, 23),
                                            rnd3.choice([0, 15, 30, 45])),
                "%.4f" % lat if i % 3 == 0 else lat, "%.4f" % lon if i % 3 == 0 else lon,
                kind, site, "Reported by the site"])
write_xlsx("analyst-log.xlsx", [("Log", [["Incident log: Iraq, Syria, Ukraine (2024)"],
                                         ["Source: unit reports; coordinates WGS 84"], [],
                                         ["No.", "Date", "Time (local)", "Lat", "Long", "Type",
                                          "Location", "Remarks"]] + log)],
           date_format="dd/mm/yyyy")
expected.append(("analyst-log.xlsx", 16, ""))
facts.append(("analyst-log.xlsx", "facts", {"first": first.isoformat(), "last": last.isoformat(),
                                            "extent": ext, "weapons": kinds}))

# ---- the same log saved by LibreOffice Calc as OpenDocument (.ods, ODF 1.2:
#      content.xml with office:value-type "date" and "float" cells, the
#      blank row and the one above the header as empty rows) ---------------
def write_ods(name, sheets):
    from xml.sax.saxutils import escape
    def cell(v):
        if v is None or v == "":
            return "<table:table-cell/>"
        if isinstance(v, datetime.datetime):
            return ('<table:table-cell office:value-type="date" office:date-value="%s">'
                    '<text:p>%s</text:p></table:table-cell>'
                    % (v.strftime("%Y-%m-%dT%H:%M:%S"), v.strftime("%d/%m/%Y %H:%M")))
        if isinstance(v, datetime.date):
            return ('<table:table-cell office:value-type="date" office:date-value="%s">'
                    '<text:p>%s</text:p></table:table-cell>' % (v.isoformat(),
                                                                 v.strftime("%d/%m/%Y")))
        if isinstance(v, (int, float)):
            return ('<table:table-cell office:value-type="float" office:value="%s">'
                    '<text:p>%s</text:p></table:table-cell>' % (repr(v), repr(v)))
        return ('<table:table-cell office:value-type="string"><text:p>%s</text:p>'
                '</table:table-cell>' % escape(v))
    body = "".join('<table:table table:name="%s">' % escape(n) + "".join(
        "<table:table-row>%s</table:table-row>" % ("".join(cell(v) for v in r) or
                                                   "<table:table-cell/>") for r in rows) +
        "</table:table>" for n, rows in sheets)
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet>%s</office:spreadsheet></office:body>'
               '</office:document-content>' % body)
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
                'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path='
                '"content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype", (2024, 1, 1, 0, 0, 0)),
                   "application/vnd.oasis.opendocument.spreadsheet")  # stored, first
        for f, t in [("META-INF/manifest.xml", manifest), ("content.xml", content)]:
            z.writestr(zipfile.ZipInfo(f, (2024, 1, 1, 0, 0, 0)), t,
                       compress_type=zipfile.ZIP_DEFLATED)
write_ods("analyst-log.ods", [("Log", [["Incident log: Iraq, Syria, Ukraine (2024)"],
                                       ["Source: unit reports; coordinates WGS 84"], [],
                                       ["No.", "Date", "Time (local)", "Lat", "Long", "Type",
                                        "Location", "Remarks"]] + log)])
expected.append(("analyst-log.ods", 16, ""))
facts.append(("analyst-log.ods", "same", "analyst-log.xlsx"))

# ---- a phone's GPX (GPX 1.1, topografix.com/GPX/1/1): waypoints with a
#      time, a name, a description and a type, beside the patrol's track ----
wpts, kinds, first, last, ext = [], {}, None, None, [180, 90, -180, -90]
for i in range(12):
    site, lat, lon = place3()
    t = datetime.datetime(2024, 3, 1 + i * 2, rnd3.randint(0, 23), rnd3.randint(0, 59))
    kind = rnd3.choice(["rocket", "drone", "mortar"])
    kinds[kind] = kinds.get(kind, 0) + 1
    first, last = min(first or t.date(), t.date()), max(last or t.date(), t.date())
    ext = [min(ext[0], lon), min(ext[1], lat), max(ext[2], lon), max(ext[3], lat)]
    wpts.append('  <wpt lat="%.5f" lon="%.5f">\n    <ele>%d</ele>\n    <time>%sZ</time>\n'
                '    <name>%s</name>\n    <desc>Impact seen from the gate</desc>\n'
                '    <sym>Danger Area</sym>\n    <type>%s</type>\n  </wpt>\n'
                % (lat, lon, rnd3.randint(30, 400), t.isoformat(), site, kind))
trk = "".join('      <trkpt lat="%.5f" lon="%.5f"><time>2024-03-01T08:%02d:00Z</time></trkpt>\n'
              % (33.30 + k / 1000, 44.39 + k / 1000, k) for k in range(20))
write("waypoints.gpx", '<?xml version="1.0" encoding="UTF-8"?>\n'
      '<gpx version="1.1" creator="OsmAnd~ 4.6" xmlns="http://www.topografix.com/GPX/1/1">\n'
      '  <metadata><name>Impacts March 2024</name></metadata>\n' + "".join(wpts) +
      '  <trk>\n    <name>Patrol</name>\n    <trkseg>\n' + trk + '    </trkseg>\n  </trk>\n'
      '</gpx>\n')
expected.append(("waypoints.gpx", 12, ""))
facts.append(("waypoints.gpx", "facts", {"first": first.isoformat(), "last": last.isoformat(),
                                         "extent": ext, "weapons": kinds}))

# ---- ArcGIS Pro's Export Table (CSV) of a point layer after Add XY
#      Coordinates: OBJECTID, POINT_X/POINT_Y, dates as ArcGIS writes them
#      ("1/5/2024 12:00:00 AM": month first, a 12-hour clock) -------------------
rows, kinds, first, last, ext = [], {}, None, None, [180, 90, -180, -90]
for i in range(15):
    site, lat, lon = place3()
    t = datetime.datetime(2024, rnd3.randint(1, 6), rnd3.randint(1, 28), rnd3.randint(0, 23),
                          rnd3.choice([0, 10, 30, 45]))
    kind = rnd3.choice(["Rocket", "Drone", "Mortar", "IED"])
    kinds[kind.lower()] = kinds.get(kind.lower(), 0) + 1
    first, last = min(first or t.date(), t.date()), max(last or t.date(), t.date())
    ext = [min(ext[0], lon), min(ext[1], lat), max(ext[2], lon), max(ext[3], lat)]
    h12 = t.hour % 12 or 12
    rows.append([i + 1, "INC-%03d" % (i + 1), "%d/%d/%d %d:%02d:00 %s" % (
        t.month, t.day, t.year, h12, t.minute, "AM" if t.hour < 12 else "PM"), kind, site,
        "%.8f" % lon, "%.8f" % lat])
write("arcgis-table.csv", rows_csv(["OBJECTID", "IncidentID", "Date", "Type", "Site",
                                    "POINT_X", "POINT_Y"], rows), newline="\r\n")
expected.append(("arcgis-table.csv", len(rows), ""))
facts.append(("arcgis-table.csv", "facts", {"first": first.isoformat(), "last": last.isoformat(),
                                            "extent": ext, "weapons": kinds}))

# ---- a sheet saved by Excel (US settings) as CSV whose date column has
#      the Long Date format: Excel writes what the cell shows, "Monday,
#      February 25, 2019"; the time column "h:mm AM/PM" ---------------------
rows, kinds, first, last, ext = [], {}, None, None, [180, 90, -180, -90]
for i in range(10):
    site, lat, lon = place3()
    t = datetime.datetime(2023, rnd3.randint(1, 12), rnd3.randint(1, 28), rnd3.randint(0, 23),
                          rnd3.choice([0, 5, 20, 40]))
    kind = rnd3.choice(["rocket", "drone", "ied"])
    kinds[kind] = kinds.get(kind, 0) + 1
    first, last = min(first or t.date(), t.date()), max(last or t.date(), t.date())
    ext = [min(ext[0], lon), min(ext[1], lat), max(ext[2], lon), max(ext[3], lat)]
    rows.append(["%s, %s %d, %d" % (t.strftime("%A"), MONTHS[t.month - 1], t.day, t.year),
                 "%d:%02d %s" % (t.hour % 12 or 12, t.minute, "AM" if t.hour < 12 else "PM"),
                 "%.4f" % lat, "%.4f" % lon, kind, site])
write("excel-long-dates.csv", rows_csv(["Date", "Time", "Latitude", "Longitude", "Weapon",
                                        "Site"], rows), newline="\r\n")
expected.append(("excel-long-dates.csv", len(rows), ""))
facts.append(("excel-long-dates.csv", "facts", {"first": first.isoformat(),
                                                "last": last.isoformat(), "extent": ext,
                                                "weapons": kinds}))

# ---- QGIS's and ogr2ogr's other exports of the UCDP events: GML (GML 3.2,
#      no .xsd beside it), MapInfo TAB (.tab, .dat, .map, .id) and MIF/MID,
#      and a GeoPackage with the events in UTM 38N between a polygon layer
#      and a table ------------------------------------------------------------
for f in os.listdir(HERE):
    if f.startswith("incidents-mapinfo.") or f.startswith("incidents-layers.") or \
            f.startswith("incidents-gml."):
        os.remove(os.path.join(HERE, f))
ogr("-f", "GML", "incidents-gml.gml", "ucdp-ged.csv", *src, "-dsco", "XSISCHEMA=OFF")
expected.append(("incidents-gml.gml", n, ""))
facts.append(("incidents-gml.gml", "same", "incidents.fgb"))
ogr("-f", "MapInfo File", "incidents-mapinfo.tab", "ucdp-ged.csv", *src)
expected.append(("incidents-mapinfo.tab", n, ""))
facts.append(("incidents-mapinfo.tab", "same", "incidents.fgb"))
ogr("-f", "MapInfo File", "incidents-mapinfo.mif", "ucdp-ged.csv", *src)
expected.append(("incidents-mapinfo.mif", n, ""))
facts.append(("incidents-mapinfo.mif", "same", "incidents.fgb"))
utm = src[:-2] + ["-s_srs", "EPSG:4326", "-t_srs", "EPSG:32638"]
ogr("-f", "GPKG", "-nln", "districts", "-nlt", "POLYGON", "-dialect", "SQLite", "-sql",
    "SELECT adm_1, ST_Buffer(MakePoint(CAST(longitude AS REAL), CAST(latitude AS REAL), 4326),"
    " 0.2) AS geom FROM \"ucdp-ged\"", "incidents-layers.gpkg", "ucdp-ged.csv",
    *(src[:-2] + ["-s_srs", "EPSG:4326", "-t_srs", "EPSG:32638"]))
ogr("-f", "GPKG", "-update", "-nln", "events", "incidents-layers.gpkg", "ucdp-ged.csv", *utm)
ogr("-f", "GPKG", "-update", "-nln", "sources", "-sql",
    "SELECT id, source_office, date_start FROM \"ucdp-ged\"", "incidents-layers.gpkg",
    "ucdp-ged.csv")
expected.append(("incidents-layers.gpkg", n, ""))
facts.append(("incidents-layers.gpkg", "same", "incidents.fgb"))

# ---- bad input cases for tests/bad/ from the same formats ------------------
BAD = os.path.join(HERE, "..", "..", "bad")
# A workbook whose log sheet (after a notes sheet, below a title) has 30
# February typed as text in row 6 and a latitude of 95 in row 7.
write_xlsx(os.path.join(BAD, "xlsx-bad-row.xlsx"), [
    ("Notes", [["Incidents reported by the sites"]]),
    ("Log", [["Incident log, February 2024"], [],
             ["id", "date", "lat", "lon", "weapon"],
             ["a", datetime.date(2024, 2, 1), 33.3152, 44.3661, "rocket"],
             ["b", datetime.date(2024, 2, 3), 36.2376, 43.9632, "drone"],
             ["c", "2024-02-30", 33.7856, 42.4412, "rocket"],
             ["d", datetime.date(2024, 2, 9), 95.0, 44.3661, "rocket"]])])
# A GeoPackage whose only layer holds areas (polygons), not points.
if os.path.exists(os.path.join(BAD, "gpkg-polygons.gpkg")):
    os.remove(os.path.join(BAD, "gpkg-polygons.gpkg"))
ogr("-f", "GPKG", os.path.join(BAD, "gpkg-polygons.gpkg"), "incidents-layers.gpkg", "districts",
    "-where", "fid <= 3")

# ---- news and alert feeds (GeoRSS, georss.org): RSS 2.0 items with
#      georss:point ("lat lon"), pubDate in RFC 822 form, guid and category;
#      Atom entries with published/updated, id and <category term>; RSS
#      with the W3C Basic Geo vocabulary (geo:lat, geo:long) ----------------
rnd4 = random.Random(29)


def feed_items(n):
    items, kinds, first, last, ext = [], {}, None, None, [180, 90, -180, -90]
    for i in range(n):
        p = rnd4.choice(PLACES)
        lat, lon = round(p[1] + rnd4.uniform(-0.05, 0.05), 4), round(p[2] + rnd4.uniform(-0.05, 0.05), 4)
        t = datetime.datetime(2024, 4, 1 + i * 2, rnd4.randint(0, 23), rnd4.randint(0, 59),
                              tzinfo=datetime.timezone.utc)
        kind = rnd4.choice(["rocket", "drone", "mortar", "IED"])
        kinds[kind.lower()] = kinds.get(kind.lower(), 0) + 1
        first, last = min(first or t.date(), t.date()), max(last or t.date(), t.date())
        ext = [min(ext[0], lon), min(ext[1], lat), max(ext[2], lon), max(ext[3], lat)]
        items.append((i + 1, p[0], lat, lon, t, kind))
    return items, {"first": first.isoformat(), "last": last.isoformat(), "extent": ext,
                   "weapons": kinds}


def rss(name, n, xmlns, point, date_format, description):
    """An RSS 2.0 feed of n items; point(lat, lon) gives an item's position elements."""
    items, f = feed_items(n)
    write(name, '<?xml version="1.0" encoding="UTF-8"?>\n'
          '<rss version="2.0" %s>\n<channel>\n' % xmlns +
          '  <title>Incident alerts</title>\n  <link>https://alerts.example.org/</link>\n'
          '  <description>Attacks reported by the sites</description>\n' + "".join(
              '  <item>\n    <title>%s reported at %s</title>\n%s'
              '    <pubDate>%s</pubDate>\n    <guid isPermaLink="false">alert-%d</guid>\n'
              '    <category>%s</category>\n%s  </item>\n'
              % (k[0].upper() + k[1:], site, description, t.strftime(date_format), i, k,
                 point(lat, lon))
              for i, site, lat, lon, t, k in items) + '</channel>\n</rss>\n')
    expected.append((name, n, ""))
    facts.append((name, "facts", f))


rss("georss-rss.xml", 12, 'xmlns:georss="http://www.georss.org/georss"',
    lambda lat, lon: '    <georss:point>%.4f %.4f</georss:point>\n' % (lat, lon),
    "%a, %d %b %Y %H:%M:%S +0000",
    '    <description>Reported by the site; details to follow.</description>\n')
items, f = feed_items(10)
write("georss-atom.xml", '<?xml version="1.0" encoding="utf-8"?>\n'
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss">\n'
      '  <title>Incident alerts</title>\n  <id>urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66</id>\n'
      '  <updated>2024-05-01T00:00:00Z</updated>\n' + "".join(
          '  <entry>\n    <title>%s reported at %s</title>\n    <id>urn:alert:%d</id>\n'
          '    <published>%s</published>\n    <updated>2024-05-01T00:00:00Z</updated>\n'
          '    <category term="%s"/>\n    <georss:point>%.4f %.4f</georss:point>\n  </entry>\n'
          % (k[0].upper() + k[1:], site, n, t.strftime("%Y-%m-%dT%H:%M:%SZ"), k, lat, lon)
          for n, site, lat, lon, t, k in items) + '</feed>\n')
expected.append(("georss-atom.xml", 10, ""))
facts.append(("georss-atom.xml", "facts", f))
rss("georss-w3c.xml", 8, 'xmlns:geo="http://www.w3.org/2003/01/geo/wgs84_pos#"',
    lambda lat, lon: '    <geo:lat>%.4f</geo:lat>\n    <geo:long>%.4f</geo:long>\n' % (lat, lon),
    "%a, %d %b %Y %H:%M:%S GMT", "")

# ---- Excel 97-2003 workbooks (.xls, BIFF8): what old tools and old
#      downloads still give. Python writes no BIFF, so these are converted
#      from the .xlsx above by LibreOffice ("Save as Excel 97-2003", here
#      soffice --headless --convert-to xls); without soffice the committed
#      .xls are kept. The same rows, sheets and title rows as their .xlsx.
def to_xls(src):
    out_dir = os.path.dirname(os.path.abspath(src))
    try:
        subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", out_dir, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=300)
    except (OSError, subprocess.SubprocessError):
        print("make.py: no LibreOffice (soffice): kept the committed %s" %
              os.path.basename(src)[:-1])

for name in ("analyst-log.xlsx", "gtd.xlsx"):
    to_xls(os.path.join(HERE, name))
    n = next(c for f, c, o in expected if f == name)
    expected.append((name[:-1], n, ""))
    facts.append((name[:-1], "same", name))
to_xls(os.path.join(BAD, "xlsx-bad-row.xlsx"))
if os.path.exists(os.path.join(BAD, "xlsx-bad-row.xls")):
    os.replace(os.path.join(BAD, "xlsx-bad-row.xls"), os.path.join(BAD, "xls-bad-row.xls"))

with open(os.path.join(HERE, "facts.tsv"), "w") as f:
    f.write("# file\t\"same\" as a file or \"facts\"\tthe file, or first/last date, extent "
            "(W,S,E,N) and weapon classes (made by make.py)\n")
    for name, how, what in facts:
        f.write("%s\t%s\t%s\n" % (name, how, what if how == "same" else
                                  json.dumps(what, sort_keys=True)))

os.remove(os.path.join(HERE, "ucdp-ged.csv"))

with open(os.path.join(HERE, "expected.tsv"), "w") as f:
    f.write("# file\trecords incmap must load\toptions (made by make.py)\n")
    for name, count, opts in expected:
        f.write("%s\t%d\t%s\n" % (name, count, opts))
