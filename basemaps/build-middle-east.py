#!/usr/bin/python3
"""Build the bundled "middle-east" basemap of incmap from Debian-packaged data.

Usage (run with Debian's interpreter, which has the netCDF4/shapely/numpy modules):

    /usr/bin/python3 basemaps/build-middle-east.py [--out DIR] [--install] [--check]

Sources (all Debian packages, nothing is downloaded):
  gmt-gshhg-high     GSHHG 2.3.7 binned shoreline and river files (coast, land, lakes, rivers)
  gmt-dcw            DCW-GMT 2.1.1 (country polygons, used for borders and to give land a country)
  libgeonames0 (+ libgeonames-common)
                     GeoNames cities15000 embedded in the library, names in .mo catalogues
  ferret-datasets    ETOPO5 global relief (hillshade)

The output is deterministic: the same inputs give byte-identical files (stable order,
coordinates rounded to 4 decimals, no timestamps).  See basemaps/README.md.
"""

import argparse
import gettext
import json
import math
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import unicodedata
import zlib

# --------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------

NAME = "middle-east"
EXTENT = (25.0, 12.0, 63.0, 42.0)          # west, south, east, north (degrees)
SIMPLIFY_DEG = 0.005                       # topology-preserving simplification tolerance
MIN_POLY_KM2 = 1.0                         # drop GSHHG islands/lakes smaller than this
BORDER_SEA_GAP_DEG = 0.018                 # ~2 km: border parts this close to the sea are dropped
RELIEF_UPSAMPLE = 4                        # ETOPO5 5' cells -> 1.25' pixels (cubic spline)
RELIEF_LIGHTS = ((315.0, 0.45), (270.0, 0.2), (0.0, 0.2), (225.0, 0.15))  # azimuth, weight
RELIEF_SLOPE_FULL = 1.5                    # exaggerated slope (rise/run) of full slope tint
RELIEF_SLOPE_STRENGTH = 0.18               # darkening of the steepest ground
RELIEF_ALTITUDE = 45.0
RELIEF_ZFACTOR = 6.0                       # vertical exaggeration for ~9 km cells
RELIEF_STRENGTH = 0.9                      # 1 = full hillshade darkness, less = softer
RELIEF_MIN_SCALE = 3000000                 # relief at full strength from 1:3,000,000 up
RELIEF_FAINT_MIN_SCALE = 1500000           # faint from 1:1,500,000 to 1:3,000,000

DCW_FILE = "/usr/share/gmt-dcw/dcw-gmt.nc"
DCW_LIST = "/usr/share/gmt-dcw/dcw-countries.txt"
GSHHS_FILE = "/usr/share/gmt-gshhg/binned_GSHHS_h.nc"
RIVER_FILE = "/usr/share/gmt-gshhg/binned_river_h.nc"
ETOPO_FILE = "/usr/share/ferret-vis/data/etopo5.cdf"
GEONAMES_LIB = "/usr/lib/x86_64-linux-gnu/libgeonames.so.0.3.0"
GEONAMES_RESOURCE = "/com/lomiri/geonames/cities.compiled"
LOCALE_DIR = "/usr/share/locale"
LGPL_TEXT = "/usr/share/common-licenses/LGPL-3"
GPL_TEXT = "/usr/share/common-licenses/GPL-3"

# Debian packages the build needs, with the file that proves each is installed.
REQUIRED_PACKAGES = [
    ("gmt-dcw", DCW_FILE),
    ("gmt-gshhg-high", GSHHS_FILE),
    ("libgeonames0", GEONAMES_LIB),
    ("libgeonames-common", os.path.join(LOCALE_DIR, "ar/LC_MESSAGES/geonames.mo")),
    ("ferret-datasets", ETOPO_FILE),
    ("python3-netcdf4", None),
    ("python3-shapely", None),
    ("python3-numpy", None),
    ("python3-scipy", None),
    ("libglib2.0-bin", "/usr/bin/gresource"),
    ("base-files", LGPL_TEXT),
]

# --------------------------------------------------------------------------------------
# Curated tables (written for this basemap)
# --------------------------------------------------------------------------------------

# Lakes: identified by a point known to lie in the water body (lon, lat).
LAKES = [
    # name, name_ar, lon, lat
    ("Lake Tharthar", "بحيرة الثرثار", 43.30, 34.00),
    ("Lake Habbaniyah", "بحيرة الحبانية", 43.47, 33.27),
    ("Lake Razzaza", "بحيرة الرزازة", 43.80, 32.70),
    ("Lake Dukan", "بحيرة دوكان", 44.93, 36.10),
    ("Lake Darbandikhan", "بحيرة دربندخان", 45.83, 35.21),
    ("Lake Urmia", "بحيرة أرومية", 45.50, 37.70),
    ("Lake Van", "بحيرة وان", 42.90, 38.60),
    ("Keban Reservoir", "بحيرة سد كيبان", 39.30, 38.80),
    ("Dead Sea", "البحر الميت", 35.50, 31.50),
    ("Sea of Galilee (Lake Tiberias)", "بحيرة طبريا", 35.59, 32.82),
    ("Caspian Sea", "بحر قزوين", 51.00, 40.00),
    ("Lake Sevan", "بحيرة سيفان", 45.30, 40.30),
    ("Lake Assad", "بحيرة الأسد", 38.20, 35.95),
    ("Lake Nasser", "بحيرة ناصر", 32.90, 23.00),
    ("Lake Qarun", "بحيرة قارون", 30.60, 29.47),
    ("Lake Manzala", "بحيرة المنزلة", 32.00, 31.25),
    ("Great Bitter Lake", "البحيرة المرة الكبرى", 32.38, 30.35),
    ("Lake Tana", "بحيرة تانا", 37.30, 12.15),
    ("Tuz Gölü", "بحيرة الملح", 33.40, 38.80),
    ("Lake Hamrin", "بحيرة حمرين", 44.95, 34.18),
    ("Mosul Dam Lake", "بحيرة سد الموصل", 42.85, 36.75),
    ("Lake Qadisiyah (Haditha)", "بحيرة القادسية", 42.20, 34.30),
    ("Atatürk Reservoir", "بحيرة سد أتاتورك", 38.60, 37.50),
    ("Lake Bakhtegan", "بحيرة بختگان", 53.80, 29.30),
    ("Lake Hamun", "بحيرة هامون", 61.40, 31.30),
    ("Hawizeh Marshes", "هور الحويزة", 47.65, 31.60),
    ("Hammar Lake", "هور الحمار", 46.80, 30.85),
    ("Mingachevir Reservoir", "خزان منغتشفير", 46.75, 40.90),
    ("Lake Beyşehir", "بحيرة بيشهير", 31.50, 37.75),
    ("Lake Eğirdir", "بحيرة أغريدير", 30.85, 38.00),
    ("Lake İznik", "بحيرة إزنيق", 29.50, 40.43),
    # double-lined rivers (GSHHG "river-lakes"): matched within 0.03 degree
    ("Tigris", "دجلة", 44.39, 33.33),
    ("Shatt al-Arab", "شط العرب", 48.25, 30.45),
]
# The last five water bodies of the list above that no packaged source has are reported
# by --check (they are in the table so that the check can prove that they are missing).
RESERVOIRS_MISSING = ["Mosul Dam Lake", "Lake Hamrin", "Lake Qadisiyah (Haditha)",
                      "Lake Assad", "Atatürk Reservoir", "Keban Reservoir"]

# Rivers: a chain of points along each river, from upstream to downstream.  Each point is
# snapped to the nearest GSHHG river vertex and the river network is followed between
# consecutive points (shortest path), so the names cover exactly the mapped river lines.
RIVERS = [
    # None breaks a chain (the Tigris is double-lined between Balad and Ali al-Gharbi,
    # so that reach is a "river-lake" in the lakes table, not a line here).
    ("Tigris", "دجلة", [(39.90, 38.20), (40.23, 37.90), (41.20, 37.85), (42.18, 37.33),
                        (42.60, 36.95), (43.13, 36.34), (43.30, 35.90), (43.40, 35.40),
                        (43.68, 34.60), (43.88, 34.19), (44.02, 34.08), None,
                        (46.85, 32.02), (47.15, 31.84), (47.30, 31.40), (47.43, 31.00)]),
    ("Euphrates", "الفرات", [(37.87, 37.49), (38.00, 36.85), (38.00, 36.30), (38.60, 35.95),
                             (40.15, 35.33), (40.95, 34.45), (41.45, 34.35),
                             (42.35, 34.10), (42.83, 33.63), (43.30, 33.42),
                             (43.75, 33.33), (44.20, 32.75), (44.25, 32.25),
                             (44.50, 31.55), (45.05, 31.30), (45.30, 31.31),
                             (46.25, 31.05), (46.75, 30.95), (47.43, 31.00)]),
    ("Shatt al-Arab", "شط العرب", [(47.43, 31.00), (47.70, 30.62)]),
    ("Great Zab", "الزاب الكبير", [(43.55, 37.25), (43.85, 36.80), (43.60, 36.40),
                                   (43.35, 36.02)]),
    ("Little Zab", "الزاب الصغير", [(45.15, 36.15), (44.95, 35.93), (44.30, 35.87),
                                    (43.93, 35.58), (43.45, 35.24)]),
    ("Diyala", "ديالى", [(46.00, 35.40), (45.75, 35.10), (45.20, 34.40),
                         (44.70, 33.75), (44.52, 33.22)]),
    ("Khabur", "الخابور", [(40.10, 36.85), (40.75, 36.50), (40.50, 35.80),
                           (40.45, 35.15)]),
    ("Karun", "کارون", [(49.80, 32.00), (48.85, 31.95), (48.70, 31.30),
                        (48.35, 30.55)]),
    ("Jordan", "نهر الأردن", [(35.60, 33.20), (35.58, 32.70), (35.55, 32.20),
                              (35.55, 31.78)]),
    ("Orontes", "العاصي", [(36.40, 34.40), (36.70, 34.75), (36.73, 35.13),
                           (36.35, 35.75), (36.35, 36.20), (35.95, 36.05)]),
    ("Kura", "كورا", [(44.80, 41.70), (45.40, 41.10), (46.25, 40.93), (47.09, 40.76),
                      (47.54, 40.25), (48.60, 40.00), (49.30, 39.40)]),
    ("Aras", "آراس", [(43.50, 40.10), (44.70, 39.70), (45.50, 39.00), (47.80, 39.70)]),
    ("Nile", "النيل", [(32.90, 24.05), (32.75, 25.70), (31.25, 29.90), (31.20, 30.10)]),
]

# National capitals in the region (GeoNames ids).  This GeoNames extract carries no
# feature codes, so PPLC comes from this table.
CAPITALS = {
    "98182": "Baghdad", "170654": "Damascus", "276781": "Beirut", "250441": "Amman",
    "281184": "Jerusalem", "108410": "Riyadh", "285787": "Kuwait City", "290340": "Manama",
    "290030": "Doha", "292968": "Abu Dhabi", "287286": "Muscat", "71137": "Sanaa",
    "112931": "Tehran", "323786": "Ankara", "146268": "Nicosia", "360630": "Cairo",
    "616052": "Yerevan", "587084": "Baku", "611717": "Tbilisi", "162183": "Ashgabat",
    "343300": "Asmara", "379252": "Khartoum",
}

# English names where the GeoNames main name is not the common English one.
NAME_OVERRIDE = {"292968": "Abu Dhabi", "2427123": "N'Djamena"}  # marks kept where French spells them

# Iraqi governorate seats (GeoNames ids).  Elsewhere the most populous listed place of
# each first-level division stands in for PPLA (see README).
IRAQ_ADMIN_SEATS = [
    "98182", "99532", "99072", "95446", "98463", "94787", "98860", "94824", "98854",
    "99608", "99762", "99131", "99347", "96994", "98717", "98530", "97990", "90150",
    "96205",
]

# Names that must carry Arabic script; used only if the GeoNames catalogue lacks them.
ARABIC_FALLBACK = {
    "98182": "بغداد", "95446": "أربيل", "99072": "الموصل", "99532": "البصرة",
    "94787": "كركوك",
}
MUST_HAVE_ARABIC = ["98182", "95446", "99072", "99532", "94787"]

# ---- Place-name cleanup (see README "Place names") ----
# GeoNames entries that are not places a reader would look for: removed by id.
PLACE_DROP = {
    "10630176": "Pasragad Branch: an office's entry inside Hamadan (Hamadan is listed itself)",
    "11238838": "Merkezefendi: an urban district of Denizli (Denizli is listed itself)",
}
# Urban districts (ilce) of Turkey's metropolitan cities are listed by GeoNames as
# places of their own: a Turkish entry within this distance of a Turkish city of at
# least a million people and three times its population is such a district.
METRO_DISTRICT_KM = 20.0
METRO_DISTRICT_NAMES = {"Muratpaşa"}   # Antalya's central district (Antalya < 1M here)
# Canonical English names by GeoNames id (the entry is an administrative unit whose
# point is its seat, or GeoNames has only a local or official variant).
PLACE_NAME = {
    "90026": "Tuz Khurmatu", "92430": "Qaraqosh", "90353": "Tel Keppe", "738743": "Tokat",
    "292672": "Sharjah", "12042053": "Musaffah", "8057551": "Khalifa City",
    "12042052": "Bani Yas", "291580": "Madinat Zayed", "12047416": "Al Shamkha",
    "32909": "Andisheh", "6765385": "Anah", "99434": "Ghammas",
}
# Canonical English (press and UN usage) for names that, once the transliteration marks
# are dropped, are still a local variant.
PLACE_NAME_BY_TEXT = {
    "Dayr az Zawr": "Deir ez-Zor", "Al Hasakah": "Al-Hasakah", "Rakka": "Raqqa",
    "Ad Diwaniyah": "Diwaniyah", "Al Hillah": "Hillah", "As Samawah": "Samawah",
    "Dara": "Daraa", "Ayn al Arab": "Kobani", "Albu Kamal": "Abu Kamal",
    "Al Mayadin": "Mayadin", "Bayji": "Baiji", "Hadithah": "Haditha",
    "Baynjiwayn": "Penjwen", "Ruwandiz": "Rawanduz", "Koysinceq": "Koya",
    "Al Miqdadiyah": "Muqdadiyah", "Ath Thawrah": "Tabqa", "Ar Rutbah": "Rutba",
    "Jamjamal": "Chamchamal", "Tallkayf": "Tel Keppe", "Al Qamishli": "Qamishli",
    "Sanliurfa": "\u015eanl\u0131urfa", "Skutari": "\u00dcsk\u00fcdar",
    "Umraniye": "\u00dcmraniye",
}
# Arabic names by GeoNames id where the catalogue has a unit's or a wrong name.
PLACE_NAME_AR = {"90026": "طوز خورماتو", "92430": "قرقوش", "6765385": "عنة",
                 "90353": "تلكيف"}
# Countries whose own script is Latin: their GeoNames names are orthography, not
# transliteration, and keep their letters (Şanlıurfa, Gəncə).
LATIN_SCRIPT_COUNTRIES = {"TR", "AZ", "UZ", "TM"}

# ---- Names of countries, seas, lakes and rivers (names.geojson) ----
COUNTRY_NAMES = {  # ISO: (English, Arabic)
    "AE": ("United Arab Emirates", "الإمارات"), "AF": ("Afghanistan", "أفغانستان"),
    "AM": ("Armenia", "أرمينيا"), "AZ": ("Azerbaijan", "أذربيجان"),
    "BG": ("Bulgaria", "بلغاريا"), "BH": ("Bahrain", "البحرين"), "CY": ("Cyprus", "قبرص"),
    "DJ": ("Djibouti", "جيبوتي"), "EG": ("Egypt", "مصر"), "ER": ("Eritrea", "إريتريا"),
    "ET": ("Ethiopia", "إثيوبيا"), "GE": ("Georgia", "جورجيا"), "GR": ("Greece", "اليونان"),
    "IL": ("Israel", "إسرائيل"), "IQ": ("Iraq", "العراق"), "IR": ("Iran", "إيران"),
    "JO": ("Jordan", "الأردن"), "KW": ("Kuwait", "الكويت"), "KZ": ("Kazakhstan", "كازاخستان"),
    "LB": ("Lebanon", "لبنان"), "LY": ("Libya", "ليبيا"), "OM": ("Oman", "عمان"),
    "PK": ("Pakistan", "باكستان"), "PS": ("Palestine", "فلسطين"), "QA": ("Qatar", "قطر"),
    "RU": ("Russia", "روسيا"), "SA": ("Saudi Arabia", "السعودية"), "SD": ("Sudan", "السودان"),
    "SS": ("South Sudan", "جنوب السودان"), "SY": ("Syria", "سوريا"),
    "TM": ("Turkmenistan", "تركمانستان"), "TR": ("Turkey", "تركيا"),
    "UZ": ("Uzbekistan", "أوزبكستان"), "YE": ("Yemen", "اليمن"),
}
# Seas: (English, Arabic, W, S, E, N of the box whose open water the name may use).
SEAS = [
    ("Mediterranean Sea", "البحر المتوسط", 25.0, 31.0, 36.5, 37.2),
    ("Black Sea", "البحر الأسود", 27.5, 40.8, 42.0, 42.0),
    ("Red Sea", "البحر الأحمر", 32.0, 12.7, 43.4, 28.0),
    ("Persian Gulf", "الخليج", 47.5, 23.5, 56.3, 30.5),
    ("Gulf of Oman", "خليج عمان", 56.3, 22.3, 61.5, 26.0),
    ("Arabian Sea", "بحر العرب", 55.0, 12.0, 63.0, 22.3),
    ("Gulf of Aden", "خليج عدن", 43.4, 11.0, 51.5, 14.8),
]
NAME_CANDIDATES = 24            # anchor candidates kept per country or sea
RIVER_WINDOWS = (0.3, 0.45, 0.6, 0.9, 1.2, 2.4)  # lengths (degrees) of the river stretches offered for labels
RIVER_STRAIGHT = 0.18            # a stretch strays at most this fraction of its length

# GSHHG river classes -> rank (1 = permanent major, 2 = other permanent, 3 = minor /
# intermittent / canals).
RIVER_RANK = {1: 1, 2: 1, 3: 2, 4: 3, 5: 2, 6: 3, 7: 3, 8: 2, 9: 3, 10: 3}

ATTRIBUTION = ("Coast, lakes, rivers: GSHHG 2.3.7; borders: DCW-GMT 2.1.1 (LGPL-3.0+); "
               "places: \u00a9 GeoNames (CC BY 4.0); relief: ETOPO5 (NOAA)")


# --------------------------------------------------------------------------------------
# Package check
# --------------------------------------------------------------------------------------

def dpkg_version(pkg):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}|${Version}", pkg],
                             capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return None
    if out.returncode != 0 or "install ok installed" not in out.stdout:
        return None
    return out.stdout.split("|", 1)[1]


def check_packages(allow_install):
    missing = []
    for pkg, probe in REQUIRED_PACKAGES:
        present = dpkg_version(pkg) is not None
        if probe is not None and not os.path.exists(probe):
            present = False
        if not present:
            missing.append(pkg)
    if not missing:
        return
    line = "apt-get install " + " ".join(missing)
    if allow_install and os.geteuid() == 0:
        print("installing: " + line, file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y"] + missing, check=True)
        return
    sys.exit("build-middle-east: missing Debian packages: %s\n"
             "install them with:\n    sudo %s\n"
             "(or rerun this script as root with --install)" % (", ".join(missing), line))


# --------------------------------------------------------------------------------------
# Helpers: rounding, GeoJSON writing
# --------------------------------------------------------------------------------------

def r4(v):
    v = round(float(v), 4)
    return 0.0 if v == 0 else v


def ring_coords(coords):
    out = []
    for x, y in coords:
        p = [r4(x), r4(y)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def line_coords(coords):
    return ring_coords(coords)


def polygon_coords(poly):
    from shapely.geometry.polygon import orient
    poly = orient(poly, 1.0)            # RFC 7946: exterior counter-clockwise, holes clockwise
    rings = []
    ext = ring_coords(poly.exterior.coords)
    if len(ext) < 4:
        return None
    rings.append(ext)
    for hole in poly.interiors:
        h = ring_coords(hole.coords)
        if len(h) >= 4:
            rings.append(h)
    return rings


def geom_to_geojson(g):
    """Shapely geometry -> GeoJSON geometry dict with rounded coordinates (or None)."""
    t = g.geom_type
    if t in ("Polygon", "MultiPolygon"):
        polys = [g] if t == "Polygon" else list(g.geoms)
        out = [c for c in (polygon_coords(p) for p in polys) if c]
        if not out:
            return None
        if len(out) == 1:
            return {"type": "Polygon", "coordinates": out[0]}
        return {"type": "MultiPolygon", "coordinates": out}
    if t in ("LineString", "MultiLineString"):
        lines = [g] if t == "LineString" else list(g.geoms)
        out = [c for c in (line_coords(l.coords) for l in lines) if len(c) >= 2]
        if not out:
            return None
        if len(out) == 1:
            return {"type": "LineString", "coordinates": out[0]}
        return {"type": "MultiLineString", "coordinates": out}
    if t == "Point":
        return {"type": "Point", "coordinates": [r4(g.x), r4(g.y)]}
    if t == "GeometryCollection":
        raise ValueError("unexpected geometry collection")
    raise ValueError("unsupported geometry " + t)


def write_geojson(path, features, name):
    """Write a FeatureCollection, one feature per line, keys sorted."""
    parts = []
    for geom, props in features:
        gj = geom_to_geojson(geom) if not isinstance(geom, dict) else geom
        if gj is None:
            continue
        f = {"type": "Feature", "properties": props, "geometry": gj}
        parts.append(json.dumps(f, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    head = '{"type":"FeatureCollection","name":%s,"features":[\n' % json.dumps(name)
    text = head + ",\n".join(parts) + "\n]}\n"
    write_file(path, text.encode("utf-8"))
    return len(parts)


def write_layers(path, layers):
    """The layers as feature tables of one GeoPackage, with the GeoJSON geometry each
    feature would have in a .geojson file (geom_to_geojson: 4 decimals, rings as they are)
    and its properties as columns (sorted; integers, flags and text as SQLite INTEGER,
    REAL or TEXT). incmap reads the rows whose R-tree box meets the map's area."""
    tmp = path + ".tmp"
    pack = GeoPackage(tmp)
    for name, kind, features in layers:
        rows = []
        for geom, props in features:
            gj = geom_to_geojson(geom) if not isinstance(geom, dict) else geom
            if gj is not None:
                rows.append((gj, props))
        seen = {}
        for _, props in rows:
            for k, v in props.items():
                seen.setdefault(k, set()).add("TEXT" if isinstance(v, str) else
                                              "REAL" if isinstance(v, float) else "INTEGER")
        columns = [(k, "TEXT" if "TEXT" in t else "REAL" if "REAL" in t else "INTEGER")
                   for k, t in sorted(seen.items())]
        pack.table(name, kind, columns, rows, 4)
    pack.close()
    os.replace(tmp, path)


def write_file(path, data):
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# ---- GeoPackage writer (SQLite; geometry = GeoPackage binary header + WKB, R-tree index):
# middle-east.gpkg here, world.gpkg in build-world.py ----

def wkb(g, nd):
    """ISO WKB (little endian) of a shapely geometry, coordinates rounded to nd decimals."""
    def pts(coords):
        c = [(round(x, nd), round(y, nd)) for x, y in coords]
        out = [c[0]] if c else []
        for p in c[1:]:
            if p != out[-1]:
                out.append(p)
        return out

    def ring(coords):
        c = pts(coords)
        if c and c[0] != c[-1]:
            c.append(c[0])
        return c

    t = g.geom_type
    if t == "Point":
        return struct.pack("<BIdd", 1, 1, round(g.x, nd), round(g.y, nd))
    if t == "LineString":
        c = pts(g.coords)
        if len(c) < 2:
            return None
        return struct.pack("<BII", 1, 2, len(c)) + b"".join(struct.pack("<dd", *p) for p in c)
    if t == "Polygon":
        from shapely.geometry.polygon import orient
        g = orient(g, 1.0)
        rings = [ring(g.exterior.coords)] + [ring(r.coords) for r in g.interiors]
        rings = [r for r in rings if len(r) >= 4]
        if not rings or len(ring(g.exterior.coords)) < 4:
            return None
        out = struct.pack("<BII", 1, 3, len(rings))
        for r in rings:
            out += struct.pack("<I", len(r)) + b"".join(struct.pack("<dd", *p) for p in r)
        return out
    if t in ("MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"):
        code = {"MultiPoint": 4, "MultiLineString": 5, "MultiPolygon": 6,
                "GeometryCollection": 7}[t]
        subs = [x for x in (wkb(p, nd) for p in g.geoms) if x]
        if not subs:
            return None
        return struct.pack("<BII", 1, code, len(subs)) + b"".join(subs)
    raise ValueError(t)


def gpkg_blob(g, nd):
    w = wkb(g, nd)
    if w is None:
        return None, None
    x0, y0, x1, y1 = g.bounds
    return gpkg_header(x0, x1, y0, y1) + w, (x0, x1, y0, y1)


def gpkg_header(x0, x1, y0, y1):
    """magic "GP", version 0, flags: little endian, envelope [minx, maxx, miny, maxy]"""
    return b"GP" + bytes([0, 0b00000011]) + struct.pack("<i", 4326) + \
        struct.pack("<dddd", x0, x1, y0, y1)


def geojson_wkb(gj):
    """ISO WKB (little endian) of a GeoJSON geometry object, coordinates unchanged."""
    t, c = gj["type"], gj.get("coordinates")

    def pts(seq):
        return struct.pack("<I", len(seq)) + b"".join(struct.pack("<dd", x, y)
                                                      for x, y, *_ in seq)

    if t == "Point":
        return struct.pack("<BIdd", 1, 1, c[0], c[1])
    if t == "LineString":
        return struct.pack("<BI", 1, 2) + pts(c)
    if t == "Polygon":
        return struct.pack("<BII", 1, 3, len(c)) + b"".join(pts(r) for r in c)
    if t in ("MultiPoint", "MultiLineString", "MultiPolygon"):
        sub = {"MultiPoint": "Point", "MultiLineString": "LineString",
               "MultiPolygon": "Polygon"}[t]
        return struct.pack("<BII", 1, {"MultiPoint": 4, "MultiLineString": 5,
                                       "MultiPolygon": 6}[t], len(c)) + \
            b"".join(geojson_wkb({"type": sub, "coordinates": p}) for p in c)
    raise ValueError("unsupported geometry " + t)


def gpkg_blob_geojson(gj):
    """GeoPackage binary (header with envelope, then WKB) of a GeoJSON geometry."""
    xs, ys = [], []

    def walk(c):
        if isinstance(c[0], (int, float)):
            xs.append(c[0])
            ys.append(c[1])
        else:
            for p in c:
                walk(p)
    walk(gj["coordinates"])
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return gpkg_header(x0, x1, y0, y1) + geojson_wkb(gj), (x0, x1, y0, y1)


GPKG_GEOM = {"polygon": "MULTIPOLYGON", "line": "MULTILINESTRING", "point": "POINT"}


class GeoPackage:
    def __init__(self, path, reopen=False):
        if reopen:   # an existing pack: tables are replaced one by one (drop, then table)
            self.db = sqlite3.connect(path)
            return
        if os.path.exists(path):
            os.remove(path)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA application_id = 1196444487")   # 'GPKG'
        self.db.execute("PRAGMA user_version = 10300")
        self.db.execute("PRAGMA page_size = 4096")
        self.db.executescript("""
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
  definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
  m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
  definition TEXT NOT NULL, scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
""")
        self.db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                        ("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_WKT,
                         "longitude/latitude coordinates in decimal degrees on WGS 84"))
        self.db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None))
        self.db.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
                        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None))

    def table(self, name, kind, columns, rows, nd):
        """rows: list of (geometry, {column: value}); columns: [(name, sql type)]. A
        geometry is a shapely one (rounded to nd decimals, rings oriented) or a GeoJSON
        geometry object, whose coordinates are written as they are."""
        cols = "".join(', "%s" %s' % (c, t) for c, t in columns)
        self.db.execute("CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
                        "geom %s%s)" % (name, GPKG_GEOM[kind], cols))
        self.db.execute("CREATE VIRTUAL TABLE rtree_%s_geom USING rtree(id, minx, maxx, "
                        "miny, maxy)" % name)
        bb = [180.0, 90.0, -180.0, -90.0]
        fid = 0
        for g, props in rows:
            blob, env = gpkg_blob_geojson(g) if isinstance(g, dict) else gpkg_blob(g, nd)
            if blob is None:
                continue
            fid += 1
            vals = [props.get(c) for c, _ in columns]
            self.db.execute("INSERT INTO %s VALUES (?, ?%s)" % (name, ", ?" * len(columns)),
                            [fid, blob] + vals)
            self.db.execute("INSERT INTO rtree_%s_geom VALUES (?,?,?,?,?)" % name,
                            (fid,) + env)
            bb = [min(bb[0], env[0]), min(bb[1], env[2]), max(bb[2], env[1]),
                  max(bb[3], env[3])]
        self.db.execute("INSERT INTO gpkg_contents VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (name, "features", name, "", "2000-01-01T00:00:00.000Z",
                         bb[0], bb[1], bb[2], bb[3], 4326))
        self.db.execute("INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,?,?)",
                        (name, "geom", GPKG_GEOM[kind], 4326, 0, 0))
        self.db.execute("INSERT INTO gpkg_extensions VALUES (?,?,?,?,?)",
                        (name, "geom", "gpkg_rtree_index",
                         "http://www.geopackage.org/spec120/#extension_rtree", "write-only"))
        return fid

    def drop(self, name):
        """Remove table name, its spatial index and its metadata rows."""
        self.db.execute("DROP TABLE IF EXISTS %s" % name)
        self.db.execute("DROP TABLE IF EXISTS rtree_%s_geom" % name)
        for meta in ("gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions"):
            self.db.execute("DELETE FROM %s WHERE table_name = ?" % meta, (name,))

    def close(self):
        self.db.commit()
        self.db.execute("VACUUM")
        self.db.close()



_T0 = [None]


def log(msg):
    import time
    if _T0[0] is None:
        _T0[0] = time.time()
    print("[%6.1fs] %s" % (time.time() - _T0[0], msg), file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# GSHHG (binned shoreline): whole polygons rebuilt from their bin segments
# --------------------------------------------------------------------------------------

def _bin_origin(b, bin_nx, bsize):
    row, col = divmod(int(b), bin_nx)
    lon = col * bsize
    lat = 90.0 - (row + 1) * bsize
    # Keep longitudes continuous around the region: [-136, 224) contains every polygon
    # that reaches the region (Eurasia ends near 190 E).
    if lon >= 224.0:
        lon -= 360.0
    return lon, lat


def _bins_touching(extent, bin_nx, bin_ny, bsize):
    w, s, e, n = extent
    out = []
    for b in range(bin_nx * bin_ny):
        lon, lat = _bin_origin(b, bin_nx, bsize)
        if lon < e and lon + bsize > w and lat < n and lat + bsize > s:
            out.append(b)
    return out


def read_gshhg_polygons(extent):
    """Return {id: (level, riverlake, area_km2, Polygon)} for every GSHHG polygon that has
    a segment in a bin touching the extent.  The polygon is rebuilt from all of its
    segments in the whole file (segments of one polygon join end to end across bins)."""
    import netCDF4
    import numpy as np
    from shapely.geometry import LineString, Polygon
    from shapely.ops import polygonize, unary_union

    g = netCDF4.Dataset(GSHHS_FILE)
    g.set_auto_maskandscale(False)
    V = lambda k: g.variables[k][:]
    bsize = int(V("Bin_size_in_minutes")[0]) / 60.0
    bin_nx = int(V("N_bins_in_360_longitude_range")[0])
    bin_ny = int(V("N_bins_in_180_degree_latitude_range")[0])
    first_seg = V("Id_of_first_segment_in_a_bin").astype(np.int64)
    nseg = V("N_segments_in_a_bin").astype(np.int64)
    info = V("Embedded_npts_levels_exit_entry_for_a_segment").astype(np.int64)
    seg_first_pt = V("Id_of_first_point_in_a_segment").astype(np.int64)
    seg_id = V("Id_of_GSHHS_ID").astype(np.int64)
    area = V("The_km_squared_area_of_polygons")
    dx = V("Relative_longitude_from_SW_corner_of_bin").astype(np.int64) & 0xFFFF
    dy = V("Relative_latitude_from_SW_corner_of_bin").astype(np.int64) & 0xFFFF
    g.close()
    scale = bsize / 65535.0

    wanted = set()
    for b in _bins_touching(extent, bin_nx, bin_ny, bsize):
        for s in range(first_seg[b], first_seg[b] + nseg[b]):
            wanted.add(int(seg_id[s]))
    order = np.argsort(first_seg, kind="stable")
    seg_bin = np.empty(len(seg_id), dtype=np.int64)
    for b in order:
        if nseg[b]:
            seg_bin[first_seg[b]:first_seg[b] + nseg[b]] = b

    pieces = {}
    levels = {}
    wanted_arr = np.array(sorted(wanted), dtype=np.int64)
    for s in np.nonzero(np.isin(seg_id, wanted_arr))[0]:
        pid = int(seg_id[s])
        n = int(info[s] >> 9)
        level = int((info[s] >> 6) & 7)
        if level > 4:          # Antarctic special levels: not in this region
            level = 1
        lon0, lat0 = _bin_origin(seg_bin[s], bin_nx, bsize)
        i0 = int(seg_first_pt[s])
        xs = np.round(lon0 + dx[i0:i0 + n] * scale, 7)
        ys = np.round(lat0 + dy[i0:i0 + n] * scale, 7)
        pieces.setdefault(pid, []).append(list(zip(xs.tolist(), ys.tolist())))
        levels[pid] = level

    out = {}
    for pid in sorted(pieces):
        a = float(area[pid])
        if abs(a) < MIN_POLY_KM2:
            continue
        lines = [LineString(p) for p in pieces[pid] if len(p) >= 2]
        polys = list(polygonize(unary_union(lines)))
        if not polys:
            # a single closed segment may come back unchanged; build it directly
            pts = [q for p in pieces[pid] for q in p]
            if len(pts) >= 4:
                polys = [Polygon(pts).buffer(0)]
        if not polys:
            log("  gshhg: polygon %d could not be rebuilt (skipped)" % pid)
            continue
        poly = unary_union(polys) if len(polys) > 1 else polys[0]
        # polygonize returns holes as faces too; a GSHHG polygon has no holes, so the
        # union of faces is the polygon itself.
        out[pid] = (levels[pid], a < 0, abs(a), poly)
    return out


def read_gshhg_rivers(extent):
    """Return a list of (class, [(lon, lat), ...]) river segments in bins touching the extent."""
    import netCDF4
    import numpy as np
    g = netCDF4.Dataset(RIVER_FILE)
    g.set_auto_maskandscale(False)
    V = lambda k: g.variables[k][:]
    bsize = int(V("Bin_size_in_minutes")[0]) / 60.0
    bin_nx = int(V("N_bins_in_360_longitude_range")[0])
    bin_ny = int(V("N_bins_in_180_degree_latitude_range")[0])
    first_seg = V("Id_of_first_segment_in_a_bin").astype(np.int64)
    nseg = V("N_segments_in_a_bin").astype(np.int64)
    npts = V("N_points_for_a_segment").astype(np.int64)
    level = V("Hierarchial_level_of_a_segment").astype(np.int64)
    first_pt = V("Id_of_first_point_in_a_segment").astype(np.int64)
    dx = V("Relative_longitude_from_SW_corner_of_bin").astype(np.int64) & 0xFFFF
    dy = V("Relative_latitude_from_SW_corner_of_bin").astype(np.int64) & 0xFFFF
    g.close()
    scale = bsize / 65535.0
    out = []
    for b in _bins_touching(extent, bin_nx, bin_ny, bsize):
        lon0, lat0 = _bin_origin(b, bin_nx, bsize)
        for s in range(first_seg[b], first_seg[b] + nseg[b]):
            cls = int(level[s])
            if cls < 1 or cls > 10:
                continue
            i0, n = int(first_pt[s]), int(npts[s])
            if n < 2:
                continue
            xs = np.round(lon0 + dx[i0:i0 + n] * scale, 7)
            ys = np.round(lat0 + dy[i0:i0 + n] * scale, 7)
            out.append((cls, list(zip(xs.tolist(), ys.tolist()))))
    return out


# --------------------------------------------------------------------------------------
# DCW countries
# --------------------------------------------------------------------------------------

def read_dcw_countries(extent):
    """Return {iso: (name, MultiPolygon)} for DCW countries whose box meets the extent."""
    import netCDF4
    import numpy as np
    from shapely.geometry import Polygon
    from shapely.ops import unary_union

    names = {}
    with open(DCW_LIST, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split(None, 2)
            if len(parts) == 3 and len(parts[1]) == 2:
                names[parts[1]] = parts[2].strip()
    d = netCDF4.Dataset(DCW_FILE)
    d.set_auto_maskandscale(False)
    w, s, e, n = extent
    out = {}
    for iso in sorted(names):
        vx = d.variables.get(iso + "_lon")
        vy = d.variables.get(iso + "_lat")
        if vx is None or vy is None:
            continue
        west, east = float(vx.getncattr("min")), float(vx.getncattr("max"))
        south, north = float(vy.getncattr("min")), float(vy.getncattr("max"))
        if east < w or west > e or north < s or south > n:
            continue
        xscl, yscl = float(vx.getncattr("scale")), float(vy.getncattr("scale"))
        rx = np.asarray(vx[:]).astype(np.int64)
        ry = np.asarray(vy[:]).astype(np.int64)
        breaks = np.nonzero(rx == 65535)[0].tolist() + [len(rx)]
        rings = []
        for a, b in zip(breaks[:-1], breaks[1:]):
            xs = rx[a + 1:b] / xscl + west
            ys = ry[a + 1:b] / yscl + south
            if len(xs) >= 3:
                rings.append(list(zip(xs.tolist(), ys.tolist())))
        # keep rings near the extent; a ring inside another one is a hole (enclave)
        polys = []
        for r in rings:
            xs_, ys_ = [q[0] for q in r], [q[1] for q in r]
            if max(xs_) < w - 1 or min(xs_) > e + 1 or max(ys_) < s - 1 or min(ys_) > n + 1:
                continue
            p = Polygon(r)
            if not p.is_valid:
                p = p.buffer(0)
            if not p.is_empty:
                polys.append(p)
        if not polys:
            continue
        polys.sort(key=lambda p: (-p.area, p.bounds))
        depth = []
        bnds = [p.bounds for p in polys]
        for k, p in enumerate(polys):
            rp = p.representative_point()
            x, y = rp.x, rp.y
            depth.append(sum(1 for q, b in zip(polys[:k], bnds[:k])
                             if b[0] <= x <= b[2] and b[1] <= y <= b[3]
                             and q.area > p.area and q.contains(rp)))
        acc = unary_union([p for p, dd in zip(polys, depth) if dd % 2 == 0 and dd < 2])
        holes = [p for p, dd in zip(polys, depth) if dd % 2 == 1]
        if holes:
            acc = acc.difference(unary_union(holes))
        inner = [p for p, dd in zip(polys, depth) if dd % 2 == 0 and dd >= 2]
        if inner:
            acc = acc.union(unary_union(inner))
        if acc.is_empty:
            continue
        out[iso] = (names[iso], acc)
    d.close()
    return out


# --------------------------------------------------------------------------------------
# Country coverage of GSHHG land, simplified as one topology
# --------------------------------------------------------------------------------------

def explode(g):
    if g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if hasattr(g, "geoms"):
        out = []
        for x in g.geoms:
            out.extend(explode(x))
        return out
    return []


def polys_only(g):
    from shapely.geometry import MultiPolygon
    ps = [p for p in explode(g) if p.area > 0]
    return MultiPolygon(ps) if ps else MultiPolygon()


def assign_land_to_countries(land, dcw):
    """Partition `land` among the DCW countries.  Land inside a DCW polygon goes to it
    (first code wins where DCW polygons overlap); land outside every DCW polygon (GSHHG
    coast beyond DCW's, islands DCW lacks, slivers between neighbours) goes to the nearest
    country, cut into small cells where it touches more than one country."""
    from shapely.geometry import box
    from shapely.ops import unary_union
    from shapely.strtree import STRtree

    parts = {}
    taken = None
    for iso in sorted(dcw):
        g = land.intersection(dcw[iso][1])
        if taken is not None:
            g = g.difference(taken)
        g = polys_only(g)
        if g.is_empty:
            continue
        parts[iso] = [g]
        taken = g if taken is None else taken.union(g)
    log("  leftover")
    leftover = polys_only(land.difference(taken))
    log("  %d leftover pieces" % len(explode(leftover)))
    isos = sorted(parts)
    base = {iso: parts[iso][0] for iso in isos}
    geoms = [base[i] for i in isos]
    tree = STRtree(geoms)
    index = {id(g): i for i, g in zip(isos, geoms)}

    def nearest_iso(geom):
        best = None
        for rad in (0.01, 0.1, 0.5, 2.0, 10.0):
            cands = [index[id(c)] for c in tree.query(geom.buffer(rad))]
            for iso in sorted(cands):
                dist = geom.distance(base[iso])
                if best is None or dist < best[0] - 1e-12:
                    best = (dist, iso)
            if best is not None:
                return best[1]
        return None

    cell = 0.02
    for piece in sorted(explode(leftover), key=lambda p: (p.bounds, p.area)):
        touching = sorted(set(index[id(c)] for c in tree.query(piece.buffer(1e-7))
                              if c.distance(piece) < 1e-7))
        if len(touching) == 1:
            parts[touching[0]].append(piece)
            continue
        if not touching:
            iso = nearest_iso(piece)
            if iso:
                parts[iso].append(piece)
            continue
        x0, y0, x1, y1 = piece.bounds
        i0, j0 = int(math.floor(x0 / cell)), int(math.floor(y0 / cell))
        i1, j1 = int(math.floor(x1 / cell)), int(math.floor(y1 / cell))
        for i in range(i0, i1 + 1):
            for j in range(j0, j1 + 1):
                c = box(i * cell, j * cell, (i + 1) * cell, (j + 1) * cell)
                if not c.intersects(piece):
                    continue
                sub = polys_only(piece.intersection(c))
                if sub.is_empty:
                    continue
                best = None
                for iso in touching:
                    dist = sub.distance(base[iso])
                    if best is None or dist < best[0] - 1e-12:
                        best = (dist, iso)
                parts[best[1]].append(sub)
    return {iso: polys_only(unary_union(parts[iso])) for iso in isos}


def build_coverage(countries, lakes, extent):
    """Simplify the country/lake/sea partition of the extent as one topology.

    Returns (faces, arcs): faces is a list of (class, Polygon) with class ('C', iso),
    ('L', lake_key) or ('O', None); arcs is a list of (LineString, left_class, right_class).
    """
    from shapely.geometry import box, LineString, MultiLineString, Point
    from shapely.geometry.polygon import orient
    from shapely.ops import linemerge, polygonize, unary_union
    from shapely.strtree import STRtree

    frame = box(*extent)
    lines = [frame.exterior]
    for iso in sorted(countries):
        for p in explode(countries[iso]):
            lines.append(p.exterior)
            lines.extend(p.interiors)
    for key in sorted(lakes):
        for p in explode(lakes[key]):
            lines.append(p.exterior)
            lines.extend(p.interiors)
    log("  noding %d rings" % len(lines))
    noded = unary_union([LineString(l.coords) for l in lines])
    merged = linemerge(noded)
    arcs = list(merged.geoms) if merged.geom_type == "MultiLineString" else [merged]
    log("  simplifying %d arcs" % len(arcs))
    simp = MultiLineString(arcs).simplify(SIMPLIFY_DEG, preserve_topology=True)
    sarcs = []
    for a in (simp.geoms if simp.geom_type == "MultiLineString" else [simp]):
        c = line_coords(a.coords)
        if len(c) >= 2 and not (len(c) == 2 and c[0] == c[1]):
            if c[0] == c[-1] and len(c) < 4:
                continue
            sarcs.append(LineString(c))
    # Rounding to 4 decimals can make two arcs touch; node again (cheap, rare changes).
    renoded = unary_union(sarcs)
    faces_raw = list(polygonize(renoded))
    log("  %d faces" % len(faces_raw))

    log("  classifying faces")
    # Classify faces against the unsimplified truth.
    truth = []
    for iso in sorted(countries):
        for p in explode(countries[iso]):
            truth.append((("C", iso), p))
    for key in sorted(lakes):
        for p in explode(lakes[key]):
            truth.append((("L", key), p))
    tgeoms = [t[1] for t in truth]
    tree = STRtree(tgeoms)
    tindex = {id(g): k for k, g in enumerate(tgeoms)}
    faces = []
    for f in faces_raw:
        f = orient(f, 1.0)
        rp = f.representative_point()
        cands = sorted(tindex[id(c)] for c in tree.query(f))
        cls = None
        hit = [k for k in cands if truth[k][1].contains(rp)]
        if len(hit) == 1 and truth[hit[0]][1].exterior.distance(rp) > 3 * SIMPLIFY_DEG and \
                all(Point(rp).distance(h) > 3 * SIMPLIFY_DEG for h in truth[hit[0]][1].interiors):
            cls = truth[hit[0]][0]
        elif not hit and all(truth[k][1].distance(rp) > 3 * SIMPLIFY_DEG for k in cands):
            cls = ("O", None)
        else:
            best, covered = None, 0.0
            for k in cands:
                a = f.intersection(truth[k][1]).area
                covered += a
                if best is None or a > best[0]:
                    best = (a, truth[k][0])
            ocean = f.area - covered
            cls = best[1] if best is not None and best[0] >= ocean else ("O", None)
        faces.append((cls, f))

    # Which class lies left of each directed segment (faces are CCW, holes CW).
    left_of = {}
    for cls, f in faces:
        for ring in [f.exterior] + list(f.interiors):
            c = list(ring.coords)
            for p, q in zip(c[:-1], c[1:]):
                left_of[(p, q)] = cls
    out_arcs = []
    merged = linemerge(list(renoded.geoms) if renoded.geom_type == "MultiLineString"
                       else [renoded])
    for a in explode_lines(merged):
        c = list(a.coords)
        p, q = c[0], c[1]
        out_arcs.append((a, left_of.get((p, q)), left_of.get((q, p))))
    return faces, out_arcs


# --------------------------------------------------------------------------------------
# Rivers
# --------------------------------------------------------------------------------------

def name_rivers(segments, lakes, rivers=None):
    """Give names to river segments by following the network between curated points.
    Line ends that touch the same lake are joined (rivers stop at lakes and double-lined
    reaches).  A reach whose path is much longer than the straight line between its two
    points is rejected, so a name never runs up a neighbouring river.
    Returns ([(class, (name, name_ar) or None, [(lon, lat), ...]), ...], report)."""
    from shapely.geometry import Point
    from shapely.strtree import STRtree
    import heapq
    # Graph over vertices (rounded to 1e-6 degree so bin-edge points coincide).
    key = lambda p: (round(p[0], 6), round(p[1], 6))
    adj = {}
    edges = []            # (a, b, class, seg index)
    for si, (cls, pts) in enumerate(segments):
        ks = [key(p) for p in pts]
        for a, b in zip(ks[:-1], ks[1:]):
            if a == b:
                continue
            w = math.hypot((a[0] - b[0]) * math.cos(math.radians(a[1])), a[1] - b[1])
            adj.setdefault(a, []).append((b, w))
            adj.setdefault(b, []).append((a, w))
    # Bridge small gaps between line ends (the source is not always noded at bin edges).
    ends = {}
    for cls, pts in segments:
        for p in (key(pts[0]), key(pts[-1])):
            ends[p] = ends.get(p, 0) + 1
    nodes = sorted(adj)
    grid = {}
    for p in nodes:
        grid.setdefault((int(p[0] * 50), int(p[1] * 50)), []).append(p)
    for p in sorted(ends):
        gx, gy = int(p[0] * 50), int(p[1] * 50)
        for ix in (gx - 1, gx, gx + 1):
            for iy in (gy - 1, gy, gy + 1):
                for q in grid.get((ix, iy), []):
                    if q != p and math.hypot(p[0] - q[0], p[1] - q[1]) < 0.01:
                        w = math.hypot(p[0] - q[0], p[1] - q[1]) * 5 + 0.005
                        adj[p].append((q, w))
                        adj[q].append((p, w))

    # Join line ends that touch the same lake or double-lined river.
    lake_geoms = [lakes[k] for k in sorted(lakes)]
    ltree = STRtree(lake_geoms)
    lindex = {id(g): k for k, g in enumerate(lake_geoms)}
    by_lake = {}
    for p in sorted(ends):
        pt = Point(p)
        for lg in ltree.query(pt.buffer(0.02)):
            if lg.distance(pt) < 0.02:
                by_lake.setdefault(lindex[id(lg)], []).append(p)
    for k in sorted(by_lake):
        pts = by_lake[k]
        for i in range(len(pts)):
            for j in range(i + 1, len(pts)):
                a, b = pts[i], pts[j]
                wgt = math.hypot(a[0] - b[0], a[1] - b[1])
                adj[a].append((b, wgt))
                adj[b].append((a, wgt))

    def nearest_node(lon, lat):
        best = None
        gx, gy = int(lon * 50), int(lat * 50)
        for rad in (2, 5, 10, 20):
            for ix in range(gx - rad, gx + rad + 1):
                for iy in range(gy - rad, gy + rad + 1):
                    for q in grid.get((ix, iy), []):
                        d = math.hypot(q[0] - lon, q[1] - lat)
                        if best is None or d < best[0] or (d == best[0] and q < best[1]):
                            best = (d, q)
            if best is not None:
                return best[1]
        return None

    def path(a, b):
        dist = {a: 0.0}
        prev = {}
        heap = [(0.0, a)]
        while heap:
            d, u = heapq.heappop(heap)
            if u == b:
                break
            if d > dist.get(u, 1e18):
                continue
            if d > 25.0:
                return None
            for v, w in adj.get(u, []):
                nd = d + w
                if nd < dist.get(v, 1e18) - 1e-15:
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(heap, (nd, v))
        if b not in dist:
            return None
        out = [b]
        while out[-1] != a:
            out.append(prev[out[-1]])
        return out[::-1]

    named = {}           # frozenset edge -> (name, name_ar)
    report = {}
    for name, name_ar, pts in (RIVERS if rivers is None else rivers):
        snapped = [nearest_node(*p) if p is not None else None for p in pts]
        ok = 0
        for a, b in zip(snapped[:-1], snapped[1:]):
            if a is None or b is None or a == b:
                continue
            p = path(a, b)
            if p is None:
                continue
            plen = sum(math.hypot(u[0] - v[0], u[1] - v[1]) for u, v in zip(p[:-1], p[1:]))
            if plen > 2.0 * math.hypot(a[0] - b[0], a[1] - b[1]) + 0.2:
                continue
            ok += 1
            for u, v in zip(p[:-1], p[1:]):
                named.setdefault(frozenset((u, v)), (name, name_ar))
        report[name] = (ok, sum(1 for a, b in zip(pts[:-1], pts[1:]) if a and b))

    out = []
    for cls, pts in segments:
        ks = [key(p) for p in pts]
        run, cur = [ks[0]], named.get(frozenset((ks[0], ks[1]))) if len(ks) > 1 else None
        for a, b in zip(ks[:-1], ks[1:]):
            if a == b:
                continue
            nm = named.get(frozenset((a, b)))
            if nm != cur:
                if len(run) >= 2:
                    out.append((cls, cur, run))
                run, cur = [a], nm
            run.append(b)
        if len(run) >= 2:
            out.append((cls, cur, run))
    return out, report


# --------------------------------------------------------------------------------------
# GeoNames
# --------------------------------------------------------------------------------------

def _gv_offset_size(n):
    return 0 if n == 0 else 1 if n <= 0xFF else 2 if n <= 0xFFFF else 4 if n <= 0xFFFFFFFF else 8


def parse_cities(blob):
    """Parse the GVariant a(sssssssudd) serialisation of libgeonames' cities table."""
    def rd(b, off, sz):
        return int.from_bytes(b[off:off + sz], "little")
    n = len(blob)
    osz = _gv_offset_size(n)
    table = rd(blob, n - osz, osz)
    count = (n - table) // osz
    out = []
    start = 0
    for i in range(count):
        end = rd(blob, table + i * osz, osz)
        el = blob[start:end]
        m = len(el)
        esz = _gv_offset_size(m)
        offs = [rd(el, m - (k + 1) * esz, esz) for k in range(7)]
        strs, p = [], 0
        for q in offs:
            strs.append(el[p:q - 1].decode("utf-8"))
            p = q
        p = (p + 3) & ~3
        pop = struct.unpack_from("<I", el, p)[0]
        p = (p + 4 + 7) & ~7
        lat, lon = struct.unpack_from("<dd", el, p)
        out.append({"id": strs[0], "name": strs[1], "admin1": strs[2], "admin1_name": strs[3],
                    "cc": strs[4], "country": strs[5], "tz": strs[6], "pop": pop,
                    "lat": lat, "lon": lon})
        start = (end + 7) & ~7
    return out


def load_catalogue(lang):
    path = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", "geonames.mo")
    if not os.path.exists(path):
        return {}
    with open(path, "rb") as f:
        cat = gettext.GNUTranslations(f)._catalog
    return {k: v for k, v in cat.items() if isinstance(k, str) and k}


def _arabic_script(s):
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


def clean_place_name(gid, name, cc, strip_marks=None):
    """The English label of a GeoNames entry: curated name, else the GeoNames name
    without transliteration marks (outside Latin-script countries, or where
    strip_marks(cc) says so), without the prefix or suffix of an administrative unit,
    then mapped to the common English form."""
    if gid in PLACE_NAME:
        return PLACE_NAME[gid]
    if gid in NAME_OVERRIDE:
        return NAME_OVERRIDE[gid]
    if (strip_marks(cc) if strip_marks else cc not in LATIN_SCRIPT_COUNTRIES):
        name = re.sub("[\u2018\u2019\u02bc\u02bb']", "", name)
        name = "".join(ch for ch in unicodedata.normalize("NFD", name)
                       if not unicodedata.combining(ch))
        name = unicodedata.normalize("NFC", name)
    name = re.sub(r"^Nahiy(at|ah) ", "", name)
    name = re.sub(r" (District|Province|Governorate)$", "", name)
    name = re.sub(r" city$", "", name)
    return PLACE_NAME_BY_TEXT.get(name, name)


def metro_cities(places):
    """The Turkish cities of a million people or more, whose districts GeoNames lists."""
    return [m for m in places if m["cc"] == "TR" and m["pop"] >= 1000000]


def not_a_place(c, metros):
    """True for a GeoNames entry a reader would not look for: a curated drop, an office
    ("... Branch"), or an urban district of a Turkish metropolitan city (metros:
    metro_cities() of the kept places)."""
    if c["id"] in PLACE_DROP or re.search(r" (Branch|Office)$", c["name"]):
        return True
    if c["cc"] != "TR":
        return False
    if c["name"] in METRO_DISTRICT_NAMES:
        return True
    for m in metros:
        km = 111.2 * math.hypot((c["lon"] - m["lon"]) * math.cos(math.radians(c["lat"])),
                                c["lat"] - m["lat"])
        if m["id"] != c["id"] and m["pop"] >= 3 * c["pop"] and km < METRO_DISTRICT_KM:
            return True
    return False


def clean_arabic_name(gid, name):
    """Arabic label without the word for the unit (district, sub-district, governorate,
    emirate) that GeoNames' catalogue sometimes puts in front."""
    name = re.sub("^(\u0642\u0636\u0627\u0621|\u0646\u0627\u062d\u064a\u0629|"
                  "\u0645\u062d\u0627\u0641\u0638\u0629|\u0625\u0645\u0627\u0631\u0629) ",
                  "", name)
    if gid != "285787":   # Kuwait City is "madinat al-Kuwait"; elsewhere "madinat" is a prefix
        name = re.sub("^\u0645\u062f\u064a\u0646\u0629 ", "", name)
    return name


def build_places(extent):
    blob = subprocess.run(["gresource", "extract", GEONAMES_LIB, GEONAMES_RESOURCE],
                          capture_output=True, check=True).stdout
    cities = parse_cities(blob)
    ar, fa = load_catalogue("ar"), load_catalogue("fa")
    ku, ckb = load_catalogue("ku"), load_catalogue("ckb")
    w, s, e, n = extent
    inreg = [c for c in cities if w <= c["lon"] <= e and s <= c["lat"] <= n]
    keep = [c for c in inreg if c["pop"] >= 50000 or c["id"] in CAPITALS
            or (c["cc"] == "IQ" and c["pop"] >= 15000)]
    # stand-in for PPLA: the most populous kept place of every admin-1 unit
    seats = set(IRAQ_ADMIN_SEATS)
    best = {}
    for c in inreg:
        if c["cc"] == "IQ" or not c["admin1"] or c["admin1"] == "00":
            continue
        k = (c["cc"], c["admin1"])
        if k not in best or (c["pop"], c["id"]) > (best[k]["pop"], best[k]["id"]):
            best[k] = c
    for c in best.values():
        seats.add(c["id"])
    feats = []
    fallback_used = []
    dropped = []
    metros = metro_cities(keep)
    for c in sorted(keep, key=lambda c: (-c["pop"], int(c["id"]))):
        gid = c["id"]
        if not_a_place(c, metros):
            dropped.append(c["name"])
            continue
        props = {"geonameid": int(gid), "name": clean_place_name(gid, c["name"], c["cc"]),
                 "population": int(c["pop"]),
                 "capital": gid in CAPITALS, "admin_capital": gid in seats,
                 "country": c["cc"]}
        if gid in PLACE_NAME_AR:
            props["name_ar"] = PLACE_NAME_AR[gid]
        elif gid in ar and _arabic_script(ar[gid]):
            props["name_ar"] = clean_arabic_name(gid, ar[gid])
        elif gid in ARABIC_FALLBACK:
            props["name_ar"] = ARABIC_FALLBACK[gid]
            fallback_used.append(c["name"])
        if gid in fa and _arabic_script(fa[gid]):
            props["name_fa"] = fa[gid]
        k = None
        if gid in ckb:
            k = ckb[gid]
        elif gid in ku:
            k = ku[gid]
        if k:
            props["name_ku"] = k
        geom = {"type": "Point", "coordinates": [r4(c["lon"]), r4(c["lat"])]}
        feats.append((geom, props))
    return feats, fallback_used, len(cities), dropped


# --------------------------------------------------------------------------------------
# Relief
# --------------------------------------------------------------------------------------

def rasterize(polygons, west, north, res, width, height):
    """Even-odd scanline fill of polygons (with holes) at pixel centres -> bool array."""
    import numpy as np
    xs1, ys1, xs2, ys2 = [], [], [], []
    for p in polygons:
        for ring in [p.exterior] + list(p.interiors):
            c = np.asarray(ring.coords)
            xs1.append(c[:-1, 0]); ys1.append(c[:-1, 1])
            xs2.append(c[1:, 0]); ys2.append(c[1:, 1])
    x1 = np.concatenate(xs1); y1 = np.concatenate(ys1)
    x2 = np.concatenate(xs2); y2 = np.concatenate(ys2)
    mask = np.zeros((height, width), dtype=bool)
    cx = west + (np.arange(width) + 0.5) * res
    ylo, yhi = np.minimum(y1, y2), np.maximum(y1, y2)
    order = np.argsort(ylo, kind="stable")
    x1, y1, x2, y2, ylo, yhi = x1[order], y1[order], x2[order], y2[order], ylo[order], yhi[order]
    for row in range(height):
        y = north - (row + 0.5) * res
        hi = np.searchsorted(ylo, y, side="right")
        sel = np.nonzero(yhi[:hi] > y)[0]
        sel = sel[(ylo[sel] <= y)]
        if len(sel) == 0:
            continue
        t = (y - y1[sel]) / (y2[sel] - y1[sel])
        xi = np.sort(x1[sel] + t * (x2[sel] - x1[sel]))
        crossings = np.searchsorted(xi, cx, side="right")
        mask[row] = (crossings % 2) == 1
    return mask


def build_relief(extent, land_polys):
    import numpy as np
    import netCDF4
    w, s, e, n = extent
    nc = netCDF4.Dataset(ETOPO_FILE)
    z = nc.variables["ROSE"]
    step = 1.0 / 12.0
    # ETOPO5 nodes: lon = i/12 (0..359.92), lat = -90 + j/12; one node margin each side.
    i0, i1 = int(round(w / step)) - 2, int(round(e / step)) + 2
    j0, j1 = int(round((s + 90) / step)) - 2, int(round((n + 90) / step)) + 2
    elev = np.asarray(z[j0:j1 + 1, i0:i1 + 1], dtype=np.float64)
    nc.close()
    lat_nodes = -90.0 + np.arange(j0, j1 + 1) * step
    # ocean below sea level flattened to 0 so that the coast does not cast a cliff shadow
    land_nodes = rasterize(land_polys, i0 * step - step / 2, lat_nodes[-1] + step / 2, step,
                           elev.shape[1], elev.shape[0])[::-1]
    elev = np.where((~land_nodes) & (elev < 0), 0.0, elev)
    # Resample the heights (not the shade) to the output pixels with a cubic spline,
    # then take slopes on that grid: smooth slopes, no bilinear facets.
    from scipy import ndimage
    res = step / RELIEF_UPSAMPLE
    width = int(round((e - w) / res))
    height = int(round((n - s) / res))
    px = w + (np.arange(width) + 0.5) * res
    py = n - (np.arange(height) + 0.5) * res           # rows north -> south
    fx = px / step - i0
    fy = (py + 90.0) / step - j0
    FY, FX = np.meshgrid(fy, fx, indexing="ij")
    ez = ndimage.map_coordinates(elev, [FY, FX], order=3, mode="nearest")
    m_per_deg = 111320.0
    coslat = np.cos(np.radians(py))[:, None]
    ezp = np.pad(ez, 1, mode="edge")
    dzdx = (ezp[1:-1, 2:] - ezp[1:-1, :-2]) / (2 * res * m_per_deg * coslat)
    dzdy = (ezp[:-2, 1:-1] - ezp[2:, 1:-1]) / (2 * res * m_per_deg)   # north minus south
    dzdx *= RELIEF_ZFACTOR
    dzdy *= RELIEF_ZFACTOR
    norm = np.sqrt(dzdx ** 2 + dzdy ** 2 + 1.0)
    # Lambertian shading from several directions (weighted towards the NW light that
    # readers expect), each relative to flat ground: 1 = flat or lit, less = in shade.
    alt = math.radians(RELIEF_ALTITUDE)
    lz = math.sin(alt)
    rel = np.zeros_like(ez)
    for azd, wgt in RELIEF_LIGHTS:
        az = math.radians(azd)
        lx, ly = math.sin(az) * math.cos(alt), math.cos(az) * math.cos(alt)
        shade = (-dzdx * lx - dzdy * ly + lz) / norm
        rel += wgt * np.clip(shade / lz, 0.0, 1.0)
    # slope gradient: steeper ground a little darker whatever the light
    slope = np.clip(np.sqrt(dzdx ** 2 + dzdy ** 2) / RELIEF_SLOPE_FULL, 0.0, 1.0)
    img = (1.0 - RELIEF_STRENGTH * (1.0 - rel)) * (1.0 - RELIEF_SLOPE_STRENGTH * slope)
    land = rasterize(land_polys, w, n, res, width, height)
    out = np.where(land, np.round(img * 255.0), 255.0).astype(np.uint8)
    return out, res


def png_grey(arr):
    """Deterministic 8-bit greyscale PNG, every row with the same filter: none or up,
    whichever deflates smaller. incmap decodes a relief at every render, and these two
    filters decode in half the time of Paeth (libpng has no fast path for Paeth on one
    byte per pixel) for files about as small as per-row adaptive filtering: the
    middle-east relief 564 KB with up (Paeth 537-558 KB) decoded in 11 ms instead of 21;
    the world's 213 KB with none, smaller than with Paeth."""
    import numpy as np
    a = arr.astype(np.uint8)
    h, w = a.shape
    up = np.empty_like(a)
    up[0] = a[0]
    up[1:] = a[1:] - a[:-1]               # uint8: modulo 256
    best = None
    for ftype, rows in ((0, a), (2, up)):
        raw = np.empty((h, w + 1), dtype=np.uint8)
        raw[:, 0] = ftype
        raw[:, 1:] = rows
        z = zlib.compress(raw.tobytes(), 9)
        if best is None or len(z) < len(best):
            best = z

    def chunk(t, d):
        c = struct.pack(">I", len(d)) + t + d
        return c + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", best) + chunk(b"IEND", b""))


WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
             'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
             'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,'
             'AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]')


# --------------------------------------------------------------------------------------
# Main build
# --------------------------------------------------------------------------------------

def build(out_dir):
    from shapely.geometry import box, LineString, MultiLineString, Point
    from shapely.ops import linemerge, unary_union
    from shapely.prepared import prep
    from shapely.strtree import STRtree

    os.makedirs(out_dir, exist_ok=True)
    layers = []   # (table, kind, features): middle-east.gpkg
    frame = box(*EXTENT)
    w, s, e, n = EXTENT

    log("GSHHG shoreline ...")
    gp = read_gshhg_polygons(EXTENT)
    by_level = {1: [], 2: [], 3: [], 4: []}
    lake_polys = {}
    for pid in sorted(gp):
        level, riverlake, akm2, poly = gp[pid]
        if not poly.intersects(frame):
            continue
        clipped = polys_only(poly.intersection(frame))
        if clipped.is_empty:
            continue
        by_level[level].append(clipped)
        if level in (2, 4):
            lake_polys[pid] = (clipped, riverlake, akm2, level)
    L = {k: unary_union(v) if v else None for k, v in by_level.items()}
    land = L[1]
    if L[2] is not None:
        land = land.difference(L[2])
    if L[3] is not None:
        land = land.union(L[3])
    if L[4] is not None:
        land = land.difference(L[4])
    land = polys_only(land)
    lakes = {}
    for pid in sorted(lake_polys):
        g, riverlake, akm2, level = lake_polys[pid]
        if level == 2 and L[3] is not None:
            g = polys_only(g.difference(L[3]))
        if not g.is_empty:
            lakes[pid] = g
    log("  land parts %d, lakes %d" % (len(explode(land)), len(lakes)))

    log("DCW countries ...")
    dcw = read_dcw_countries(EXTENT)
    log("  %d countries near the region" % len(dcw))
    log("  assigning land to countries")
    countries = assign_land_to_countries(land, dcw)
    countries = {k: v for k, v in countries.items() if not v.is_empty}

    log("coverage ...")
    faces, arcs = build_coverage(countries, lakes, EXTENT)

    log("writing countries, land, lakes, coastline, borders")
    by_iso = {}
    for cls, f in faces:
        if cls[0] == "C":
            by_iso.setdefault(cls[1], []).append(f)
    feats = []
    country_geoms = {}
    for iso in sorted(by_iso):
        g = unary_union(by_iso[iso])
        country_geoms[iso] = g
        feats.append((g, {"iso": iso, "name": dcw[iso][0]}))
    layers.append(("countries", "polygon", feats))

    land_s = unary_union([f for cls, f in faces if cls[0] == "C"])
    layers.append(("land", "polygon", [(land_s, {})]))

    # lakes
    lake_faces = {}
    for cls, f in faces:
        if cls[0] == "L":
            lake_faces.setdefault(cls[1], []).append(f)
    lake_feats = []
    lake_names = {}
    found_lakes = {}
    for pid in sorted(lake_faces):
        g = unary_union(lake_faces[pid])
        props = {"gshhg_id": pid}
        if gp[pid][1]:
            props["riverlake"] = True
        orig = lakes[pid]
        for name, name_ar, lon, lat in LAKES:
            pt = Point(lon, lat)
            hit = orig.contains(pt) or (gp[pid][1] and orig.distance(pt) < 0.03)
            if hit and name not in found_lakes:
                props["name"] = name
                props["name_ar"] = name_ar
                found_lakes[name] = pid
                break
        lake_feats.append((g, props))
    layers.append(("lakes", "polygon", lake_feats))

    # coastline and borders from the shared arcs
    coast, border_parts = [], {}
    caspian = found_lakes.get("Caspian Sea")
    sea_edges = []
    for a, left, right in arcs:
        if left is None or right is None:
            continue
        kinds = {left[0], right[0]}
        if kinds == {"C", "O"}:
            coast.append(a)
            sea_edges.append(a)
        elif left[0] == "C" and right[0] == "C" and left[1] != right[1]:
            border_parts.setdefault((left[1], right[1]), []).append(a)
        elif "C" in kinds and "L" in kinds and caspian is not None and \
                (left == ("L", caspian) or right == ("L", caspian)):
            sea_edges.append(a)
    coast_m = linemerge(coast)
    coast_lines = list(coast_m.geoms) if coast_m.geom_type == "MultiLineString" else [coast_m]
    coast_lines.sort(key=lambda l: (-l.length, l.coords[0]))
    layers.append(("coastline", "line", [(l, {}) for l in coast_lines]))

    # borders: merge both directions of a pair, drop parts within ~2 km of the sea
    sea_tree = STRtree(sea_edges)
    pairs = {}
    for (l, r), lst in sorted(border_parts.items()):
        key = (l, r) if l < r else (r, l)
        for a in lst:
            if key != (l, r):
                a = LineString(list(a.coords)[::-1])
            pairs.setdefault(key, []).append(a)
    border_feats = []
    for (l, r) in sorted(pairs):
        g = linemerge(pairs[(l, r)])
        near = [x for x in sea_tree.query(g.buffer(BORDER_SEA_GAP_DEG, 4))
                if x.distance(g) < BORDER_SEA_GAP_DEG]
        if near:
            zone = unary_union([x.buffer(BORDER_SEA_GAP_DEG, 4) for x in
                                sorted(near, key=lambda x: x.coords[0])])
            g = g.difference(zone)
        if g.is_empty:
            continue
        lines = [x for x in explode_lines(g) if x.length > 0]
        if not lines:
            continue
        g = linemerge(lines) if len(lines) > 1 else lines[0]
        border_feats.append((g, {"left": l, "right": r}))
    layers.append(("borders", "line", border_feats))

    # rivers
    log("rivers ...")
    rsegs = read_gshhg_rivers(EXTENT)
    edges, river_report = name_rivers(rsegs, lakes)
    names_ar = {nm: ar for nm, ar, _ in RIVERS}
    groups = {}
    for cls, nm, pts in edges:
        groups.setdefault((cls, nm[0] if nm else ""), []).append(LineString(pts))
    water = unary_union([f for cls, f in faces if cls[0] != "C"])
    land_prep = prep(land_s)
    river_feats = []
    for cls, nm in sorted(groups):
        g = linemerge(groups[(cls, nm)])
        g = g.intersection(frame)
        g = g.difference(water)
        lines = [x for x in explode_lines(g) if x.length > 0]
        if not lines:
            continue
        g = linemerge(lines) if len(lines) > 1 else lines[0]
        g = g.simplify(SIMPLIFY_DEG, preserve_topology=False)
        lines = [x for x in explode_lines(g) if x.length >= 2 * SIMPLIFY_DEG]
        if not lines:
            continue
        props = {"class": cls, "rank": RIVER_RANK[cls]}
        if nm:
            props["rank"] = min(props["rank"], 2)    # a named river is never drawn hairline
            props["name"] = nm
            props["name_ar"] = names_ar[nm]
        for x in sorted(lines, key=lambda x: (-x.length, x.coords[0])):
            river_feats.append((x, props))
    layers.append(("rivers", "line", river_feats))

    # places
    log("places ...")
    place_feats, fallback_used, ncities, dropped = build_places(EXTENT)
    layers.append(("places", "point", place_feats))

    log("names ...")
    lake_area = {pid: gp[pid][2] for pid in gp}
    build_names(out_dir, country_geoms, land_s, lake_feats, lake_area, river_feats, frame)

    # relief
    log("relief ...")
    img, res = build_relief(EXTENT, explode(land_s))
    write_file(os.path.join(out_dir, "relief.png"), png_grey(img))
    pgw = "%.12f\n0.0\n0.0\n%.12f\n%.12f\n%.12f\n" % (res, -res, w + res / 2, n - res / 2)
    write_file(os.path.join(out_dir, "relief.pgw"), pgw.encode())
    write_file(os.path.join(out_dir, "relief.prj"), (WGS84_WKT + "\n").encode())

    write_layers(os.path.join(out_dir, NAME + ".gpkg"), layers)
    for name, _, _ in layers:   # the GeoJSON layer files of builds before the GeoPackage
        if os.path.exists(os.path.join(out_dir, name + ".geojson")):
            os.remove(os.path.join(out_dir, name + ".geojson"))
    write_manifest(out_dir)
    write_licences(out_dir)
    return {"fallback_arabic": fallback_used, "places_dropped": dropped, "rivers": river_report,
            "lakes_found": sorted(found_lakes), "cities_total": ncities}


def anchor_candidates(g, dist, limit=NAME_CANDIDATES, step=None, spacing=1.5, parts=1):
    """Points inside polygon g where a name may be centred, best first: the pole of
    inaccessibility of the largest part (of the `parts` largest parts), then points of
    a grid (`step` degrees; by default a twelfth of the side of the area's square, 0.1
    to 1), by their distance dist(point) to the edge (degrees), at least `spacing` grid
    steps apart. Returns [(lon, lat, distance)] rounded. Shared with build-world.py."""
    from shapely.geometry import Point
    from shapely.ops import polylabel
    from shapely.prepared import prep
    polys = explode(g)
    if not polys:
        return []
    if step is None:
        step = min(1.0, max(0.1, math.sqrt(sum(p.area for p in polys)) / 12.0))
    cands = []
    for big in sorted(polys, key=lambda p: (-p.area, p.bounds))[:parts]:
        try:
            pole = polylabel(big, tolerance=min(0.01, step / 4))
        except Exception:   # shapely TopologicalError: a part GEOS finds invalid
            pole = big.representative_point()
        cands.append((dist(pole), pole.x, pole.y))
    pg = prep(g)
    w, s, e, n = g.bounds
    i0, i1 = int(math.floor(w / step)), int(math.ceil(e / step))
    j0, j1 = int(math.floor(s / step)), int(math.ceil(n / step))
    for j in range(j0, j1 + 1):
        for i in range(i0, i1 + 1):
            pt = Point((i + 0.5) * step, (j + 0.5) * step)
            if pg.contains(pt):
                cands.append((dist(pt), pt.x, pt.y))
    cands.sort(key=lambda c: (-round(c[0], 6), round(c[1], 6), round(c[2], 6)))
    out = []
    for d, x, y in cands:
        if d <= 0:
            continue
        if all(math.hypot(x - ox, y - oy) >= spacing * step for ox, oy, _ in out):
            out.append((r4(x), r4(y), round(d, 3)))
        if len(out) >= limit:
            break
    return out


def river_stretches(lines, windows=None):
    """Straight-ish stretches of a river's lines where its name can be written along a
    straight baseline: [(x0, y0, x1, y1)] chords of windows RIVER_WINDOWS long whose
    line strays at most RIVER_STRAIGHT of the length from the chord."""
    from shapely.geometry import LineString, Point
    from shapely.ops import substring
    out = []
    for line in lines:
        L = line.length
        for win in (RIVER_WINDOWS if windows is None else windows):
            t = 0.0
            while t + win <= L + 1e-9:
                seg = substring(line, t, t + win)
                a, b = seg.coords[0], seg.coords[-1]
                chord = LineString([a, b])
                if chord.length >= 0.8 * win and \
                        max(chord.distance(Point(c)) for c in seg.coords) <= RIVER_STRAIGHT * win:
                    out.append((r4(a[0]), r4(a[1]), r4(b[0]), r4(b[1])))
                t += win / 2
    return sorted(set(out), key=lambda c: (c[0], c[1], c[2], c[3]))


def build_names(out_dir, country_geoms, land_s, lake_feats, lake_area, river_feats, frame):
    """names.geojson: where the names of countries, seas, lakes and rivers may go
    (see README "Names")."""
    from shapely.geometry import box
    from shapely.ops import unary_union
    edge = frame.boundary
    feats = []
    def multipoint(cands):
        return {"type": "MultiPoint", "coordinates": [[x, y] for x, y, _ in cands]}
    for iso in sorted(country_geoms, key=lambda k: (-country_geoms[k].area, k)):
        g = country_geoms[iso]
        if iso not in COUNTRY_NAMES:
            raise SystemExit("no name for country %s" % iso)
        bnd = g.boundary
        cands = anchor_candidates(g, lambda p: bnd.distance(p))
        if not cands:
            continue
        en, ar = COUNTRY_NAMES[iso]
        feats.append((multipoint(cands), {"kind": "country", "iso": iso, "name": en,
                                          "name_ar": ar, "d": [c[2] for c in cands]}))
    lake_geoms = [g for g, _ in lake_feats]
    sea = frame.difference(unary_union([land_s] + lake_geoms))
    land_b = land_s.boundary
    for en, ar, w, s, e, n in SEAS:
        g = sea.intersection(box(w, s, e, n))
        cands = anchor_candidates(g, lambda p: min(land_b.distance(p), edge.distance(p)))
        if cands:
            feats.append((multipoint(cands), {"kind": "sea", "name": en, "name_ar": ar,
                                              "d": [c[2] for c in cands]}))
    named = [(g, pr) for g, pr in lake_feats if pr.get("name") and not pr.get("riverlake")]
    named.sort(key=lambda gp: (-gp[0].area, gp[1]["name"]))
    for g, pr in named:
        bnd = g.boundary
        kind = "sea" if pr["name"] == "Caspian Sea" else "lake"
        cands = anchor_candidates(g, lambda p: bnd.distance(p), 1 if kind == "lake" else
                                  NAME_CANDIDATES)
        if cands:
            props = {"kind": kind, "name": pr["name"], "name_ar": pr["name_ar"],
                     "d": [c[2] for c in cands]}
            if kind == "lake":
                props["area_km2"] = int(round(lake_area[pr["gshhg_id"]]))
            feats.append((multipoint(cands), props))
    by_river = {}
    for g, pr in river_feats:
        if pr.get("name"):
            by_river.setdefault(pr["name"], (pr["name_ar"], []))[1].append(g)
    for nm, ar, _ in RIVERS:
        if nm not in by_river:
            continue
        chords = river_stretches(by_river[nm][1])
        if chords:
            geom = {"type": "MultiLineString",
                    "coordinates": [[[a, b], [c, d]] for a, b, c, d in chords]}
            feats.append((geom, {"kind": "river", "name": nm, "name_ar": ar,
                                 "rank": 1 if nm in ("Tigris", "Euphrates") else 2}))
    write_geojson(os.path.join(out_dir, "names.geojson"), feats, "names")
    return len(feats)


def explode_lines(g):
    if g.is_empty:
        return []
    if g.geom_type == "LineString":
        return [g]
    if hasattr(g, "geoms"):
        out = []
        for x in g.geoms:
            out.extend(explode_lines(x))
        return out
    return []


def write_manifest(out_dir):
    m = {
        "name": NAME,
        "title": "Middle East regional basemap",
        "extent": [int(v) if float(v).is_integer() else v for v in EXTENT],
        "attribution": ATTRIBUTION,
        # Drawing order and weights follow the hierarchy in README.md ("Cartographic
        # hierarchy"): relief faintest, then rivers, places, coast, borders (with a
        # casing); incidents and their labels are drawn above all of this.
        "layers": [
            {"name": "land", "file": NAME + ".gpkg", "table": "countries", "type": "polygon",
             "style": {"fill": "#f2efe9"}},
            # ETOPO5's 9 km cells: full strength from 1:3M, faint between 1:1.5M and
            # 1:3M, none at larger scales where they would show as blurred blobs.
            {"name": "relief", "file": "relief.png", "type": "raster",
             "world_file": "relief.pgw", "style": {"opacity": 0.5},
             "min_scale": RELIEF_MIN_SCALE, "max_scale": 60000000},
            {"name": "relief-faint", "file": "relief.png", "type": "raster",
             "world_file": "relief.pgw", "style": {"opacity": 0.28},
             "min_scale": RELIEF_FAINT_MIN_SCALE, "max_scale": RELIEF_MIN_SCALE - 1},
            {"name": "lakes", "file": NAME + ".gpkg", "table": "lakes", "type": "polygon",
             "style": {"fill": "#bcd6ec", "stroke": "#6f9cc6", "width": 0.35}},
            {"name": "rivers", "file": NAME + ".gpkg", "table": "rivers", "type": "line",
             "style": {"stroke": "#86b1d9", "width_by_rank": [0.55, 0.4, 0.25]},
             "max_scale": 40000000},
            {"name": "coastline", "file": NAME + ".gpkg", "table": "coastline", "type": "line",
             "style": {"stroke": "#5d8fbf", "width": 0.6}},
            # the casing is left out of overviews smaller than 1:30M (insets), where
            # a 3 pt band would fill the small countries
            {"name": "borders-casing", "file": NAME + ".gpkg", "table": "borders", "type": "line",
             "style": {"stroke": "#c9b8d499", "width": 3.2}, "max_scale": 30000000},
            {"name": "borders", "file": NAME + ".gpkg", "table": "borders", "type": "line",
             "style": {"stroke": "#5b5161", "width": 0.9, "dash": [5, 1.5, 1.2, 1.5]}},
            {"name": "names", "file": "names.geojson", "type": "point",
             "style": {"radius": 0, "font_size": 8.5}},
            {"name": "places", "file": NAME + ".gpkg", "table": "places", "type": "point",
             "style": {"fill": "#333333", "radius": 1.6, "font_size": 7.5,
                       "capital_font_size": 8.5}},
        ],
        "background": "#cfe2f1",
    }
    text = json.dumps(m, ensure_ascii=False, indent=2) + "\n"
    write_file(os.path.join(out_dir, "manifest.json"), text.encode("utf-8"))


CC_BY_NOTICE = """Populated places (the places table of PACK.gpkg) - licence notice
=======================================================================

Data: GeoNames "cities15000" gazetteer, (c) GeoNames, https://www.geonames.org/
Licence: Creative Commons Attribution 4.0 International (CC BY 4.0)
         https://creativecommons.org/licenses/by/4.0/
         (legal code: https://creativecommons.org/licenses/by/4.0/legalcode)

Obtained from: the Debian packages libgeonames0 and libgeonames-common 0.3.0, which
embed the GeoNames table (about 2022) in the library and carry the names in other
languages in their message catalogues (geonames.mo).

Changes made for incmap:
- kept only places inside lon 25-63 E, lat 12-42 N with a population of at least
  50,000, national capitals, and places in Iraq with at least 15,000 people;
- removed entries that are not places (an office's entry, urban districts of Turkish
  metropolitan cities listed besides their city) and gave administrative units (districts, sub-districts) the name
  of their seat; wrote names without transliteration marks outside Latin-script
  countries and replaced some with their common English form (tables in the script);
- kept the fields geonameid, name, population, country code and coordinates
  (rounded to 4 decimals) and added the Arabic, Persian and Kurdish names found in the
  catalogues; where an Arabic name was missing for Baghdad, Erbil, Mosul, Basra or
  Kirkuk it was taken from a table in basemaps/build-middle-east.py;
- added the flags "capital" (from a table of national capitals) and "admin_capital"
  (from a table of Iraqi governorate seats, elsewhere the most populous place of each
  first-level division, because the packaged table has no feature codes);
- converted to GeoJSON.

Attribution to show with any map using this layer: "places: (c) GeoNames (CC BY 4.0)".
There is no warranty; GeoNames does not endorse incmap or its maps.
"""


def write_licences(out_dir, pack=NAME):
    d = os.path.join(out_dir, "LICENSES")
    os.makedirs(d, exist_ok=True)
    for src, dst in ((LGPL_TEXT, "LGPL-3.0.txt"), (GPL_TEXT, "GPL-3.0.txt")):
        with open(src, "rb") as f:
            write_file(os.path.join(d, dst), f.read())
    write_file(os.path.join(d, "CC-BY-4.0-GeoNames.txt"),
               CC_BY_NOTICE.replace("PACK.gpkg", pack + ".gpkg").encode("utf-8"))


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------

def run_checks(out_dir):
    from shapely.geometry import shape, Point
    ok = True

    def load(table):
        """The features of a table of the pack's GeoPackage, as GeoJSON-like dicts."""
        from shapely import wkb as shapely_wkb
        from shapely.geometry import mapping
        db = sqlite3.connect(os.path.join(out_dir, NAME + ".gpkg"))
        cur = db.execute('SELECT * FROM "%s" ORDER BY fid' % table)
        cols = [d[0] for d in cur.description]
        feats = []
        for row in cur:
            props = {c: v for c, v in zip(cols, row) if c not in ("fid", "geom") and v is not None}
            blob = row[cols.index("geom")]
            env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
            feats.append({"properties": props,
                          "geometry": mapping(shapely_wkb.loads(bytes(blob[8 + env:])))})
        db.close()
        return feats

    def check(cond, msg):
        nonlocal ok
        print(("PASS " if cond else "FAIL ") + msg)
        ok = ok and cond

    countries = {f["properties"]["iso"]: shape(f["geometry"]) for f in load("countries")}
    iq = countries.get("IQ")
    check(iq is not None and iq.contains(Point(44.3661, 33.3152)), "IQ contains Baghdad")
    check(iq is not None and not iq.contains(Point(36.2913, 33.5102)), "IQ does not contain Damascus")
    check(countries.get("SY") is not None and countries["SY"].contains(Point(36.2913, 33.5102)),
          "SY contains Damascus")
    for name, g in countries.items():
        check(g.is_valid, "country %s geometry valid" % name) if not g.is_valid else None
    rivers = load("rivers")
    rnames = {f["properties"].get("name") for f in rivers}
    for r in ("Tigris", "Euphrates"):
        check(r in rnames, "river %s present" % r)
    for r, _, _ in RIVERS:
        if r not in ("Tigris", "Euphrates"):
            print(("INFO " if r in rnames else "INFO missing ") + "river " + r)
    places = {str(f["properties"]["geonameid"]): f["properties"] for f in load("places")}
    for gid in MUST_HAVE_ARABIC:
        p = places.get(gid)
        check(p is not None and bool(p.get("name_ar")),
              "place %s has name_ar (%s)" % (p["name"] if p else gid, p.get("name_ar") if p else "-"))
    lakes = load("lakes")
    lnames = {f["properties"].get("name") for f in lakes}
    for l in ("Lake Tharthar", "Lake Habbaniyah", "Lake Razzaza"):
        check(l in lnames, "lake %s present" % l)
    for l in RESERVOIRS_MISSING:
        print("INFO reservoir %s: %s" % (l, "present" if l in lnames else "absent from GSHHG"))
    with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as f:
        m = json.load(f)
    for layer in m["layers"]:
        check(os.path.exists(os.path.join(out_dir, layer["file"])), "layer file " + layer["file"])
    total = 0
    for root, _, files in os.walk(out_dir):
        for fn in files:
            total += os.path.getsize(os.path.join(root, fn))
    check(total < 5 * 1024 * 1024, "basemap folder size %.2f MB < 5 MB" % (total / 1048576.0))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, NAME), help="output folder")
    ap.add_argument("--install", action="store_true",
                    help="apt-get install missing packages (root only)")
    ap.add_argument("--check", action="store_true", help="run sanity checks after building")
    ap.add_argument("--check-only", action="store_true", help="only run the sanity checks")
    args = ap.parse_args()
    check_packages(args.install)
    if not args.check_only:
        info = build(args.out)
        if info["fallback_arabic"]:
            log("Arabic names from the fallback table: " + ", ".join(info["fallback_arabic"]))
        for nm, (ok, tot) in sorted(info["rivers"].items()):
            log("river %-14s %d of %d reaches traced" % (nm, ok, tot))
        log("lakes named: " + ", ".join(info["lakes_found"]))
        log("places removed: " + ", ".join(info["places_dropped"]))
    if args.check or args.check_only:
        sys.exit(0 if run_checks(args.out) else 1)


if __name__ == "__main__":
    main()
