#!/usr/bin/python3
"""Build the bundled "world" basemap of incmap (a GeoPackage) from Debian-packaged data.

Usage (run with Debian's interpreter, which has the netCDF4/shapely/numpy modules):

    /usr/bin/python3 basemaps/build-world.py [--out DIR] [--bbox W,S,E,N --name NAME]
                                             [--check] [--check-only]

Without --bbox it writes basemaps/world/ (the whole Earth).  With --bbox it writes a
regional pack of the same layers for that box (W > E crosses the antimeridian), e.g.

    /usr/bin/python3 basemaps/build-world.py --bbox 20,40,42,53 --name ukraine \
        --bands h --out basemaps/ukraine

Sources (all Debian packages, nothing is downloaded):
  gmt-gshhg-low, gmt-gshhg-high   GSHHG 2.3.7 binned shorelines, rivers and borders
                                  (crude, low, intermediate and high resolutions)
  gmt-dcw                         DCW-GMT 2.1.1 country polygons (name anchors, names.geojson)
  libgeonames0, libgeonames-common GeoNames cities15000 and its name catalogues
  ferret-datasets                 ETOPO5 relief (hillshade)

The output is deterministic: inputs are read in a fixed order, coordinates are rounded,
rows are inserted in a sorted order and nothing records a time; two runs give
byte-identical files.  See basemaps/README.md.
"""

import argparse
import importlib.util
import json
import math
import os
import sqlite3
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Helpers shared with the middle-east build (GeoNames decoding, catalogues, PNG writer,
# polygon rasteriser, package check).
_spec = importlib.util.spec_from_file_location("me_build",
                                               os.path.join(HERE, "build-middle-east.py"))
ME = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ME)

GSHHG_DIR = "/usr/share/gmt-gshhg"
DCW_FILE = "/usr/share/gmt-dcw/dcw-gmt.nc"
DCW_LIST = "/usr/share/gmt-dcw/dcw-countries.txt"
ETOPO_FILE = "/usr/share/ferret-vis/data/etopo5.cdf"

REQUIRED_PACKAGES = [
    ("gmt-dcw", DCW_FILE),
    ("gmt-gshhg-low", os.path.join(GSHHG_DIR, "binned_GSHHS_i.nc")),
    ("gmt-gshhg-high", os.path.join(GSHHG_DIR, "binned_GSHHS_h.nc")),
    ("libgeonames0", ME.GEONAMES_LIB),
    ("libgeonames-common", os.path.join(ME.LOCALE_DIR, "ar/LC_MESSAGES/geonames.mo")),
    ("ferret-datasets", ETOPO_FILE),
    ("python3-netcdf4", None),
    ("python3-shapely", None),
    ("python3-numpy", None),
    ("libglib2.0-bin", "/usr/bin/gresource"),
    ("base-files", ME.LGPL_TEXT),
]

# Scale bands: GSHHG resolution, the map-scale denominators (1:N) it is drawn between,
# simplification tolerance (degrees), decimals kept, tile size for the spatial index
# (degrees), smallest island/lake kept (km2) and the river classes kept.
BANDS = {
    "c": dict(min_scale=80e6, max_scale=None, simplify=0.0, decimals=3, tile=30.0,
              min_km2=500.0, river_classes=(1,)),
    "l": dict(min_scale=15e6, max_scale=80e6, simplify=0.0, decimals=3, tile=30.0,
              min_km2=50.0, river_classes=(1, 2)),
    "i": dict(min_scale=0, max_scale=15e6, simplify=0.012, decimals=4, tile=10.0,
              min_km2=10.0, river_classes=(1, 2, 3)),
    "h": dict(min_scale=0, max_scale=15e6, simplify=0.004, decimals=4, tile=5.0,
              min_km2=1.0, river_classes=(1, 2, 3, 4, 5, 6, 8)),
}
WORLD_BANDS = ("c", "l", "i")
RELIEF_RES = 0.2               # degrees per relief pixel (12 arc minutes) for the world
PLACE_MIN_POP = 50000          # every place at least this big is kept ...
PLACE_PER_ADMIN1 = 1           # ... and the biggest of every first-level division

RIVER_RANK = {1: 1, 2: 1, 3: 2, 4: 3, 5: 2, 6: 3, 7: 3, 8: 2, 9: 3, 10: 3}

# National capitals by ISO code and GeoNames main name (the packaged table has no
# feature codes).  Written for this basemap.
CAPITALS = {
    "AE": "Abu Dhabi", "AF": "Kabul", "AL": "Tirana", "AM": "Yerevan", "AO": "Luanda",
    "AR": "Buenos Aires", "AT": "Vienna", "AU": "Canberra", "AZ": "Baku", "BA": "Sarajevo",
    "BD": "Dhaka", "BE": "Brussels", "BF": "Ouagadougou", "BG": "Sofia", "BH": "Manama",
    "BI": "Gitega", "BJ": "Porto-Novo", "BO": "Sucre", "BR": "Brasília", "BT": "Thimphu",
    "BW": "Gaborone", "BY": "Minsk", "BZ": "Belmopan", "CA": "Ottawa", "CD": "Kinshasa",
    "CF": "Bangui", "CG": "Brazzaville", "CH": "Bern", "CI": "Yamoussoukro", "CL": "Santiago",
    "CM": "Yaoundé", "CN": "Beijing", "CO": "Bogotá", "CR": "San José", "CU": "Havana",
    "CY": "Nicosia", "CZ": "Prague", "DE": "Berlin", "DJ": "Djibouti", "DK": "Copenhagen",
    "DO": "Santo Domingo", "DZ": "Algiers", "EC": "Quito", "EE": "Tallinn", "EG": "Cairo",
    "ER": "Asmara", "ES": "Madrid", "ET": "Addis Ababa", "FI": "Helsinki", "FJ": "Suva",
    "FR": "Paris", "GA": "Libreville", "GB": "London", "GE": "Tbilisi", "GH": "Accra",
    "GM": "Banjul", "GN": "Conakry", "GQ": "Malabo", "GR": "Athens", "GT": "Guatemala City",
    "GW": "Bissau", "GY": "Georgetown", "HN": "Tegucigalpa", "HR": "Zagreb",
    "HT": "Port-au-Prince", "HU": "Budapest", "ID": "Jakarta", "IE": "Dublin",
    "IL": "Jerusalem", "IN": "New Delhi", "IQ": "Baghdad", "IR": "Tehran", "IS": "Reykjavík",
    "IT": "Rome", "JM": "Kingston", "JO": "Amman", "JP": "Tokyo", "KE": "Nairobi",
    "KG": "Bishkek", "KH": "Phnom Penh", "KP": "Pyongyang", "KR": "Seoul",
    "KW": "Kuwait City", "KZ": "Astana", "LA": "Vientiane", "LB": "Beirut", "LK": "Colombo",
    "LR": "Monrovia", "LS": "Maseru", "LT": "Vilnius", "LU": "Luxembourg", "LV": "Riga",
    "LY": "Tripoli", "MA": "Rabat", "MD": "Chisinau", "ME": "Podgorica", "MG": "Antananarivo",
    "MK": "Skopje", "ML": "Bamako", "MM": "Nay Pyi Taw", "MN": "Ulan Bator",
    "MR": "Nouakchott", "MW": "Lilongwe", "MX": "Mexico City", "MY": "Kuala Lumpur",
    "MZ": "Maputo", "NA": "Windhoek", "NE": "Niamey", "NG": "Abuja", "NI": "Managua",
    "NL": "Amsterdam", "NO": "Oslo", "NP": "Kathmandu", "NZ": "Wellington", "OM": "Muscat",
    "PA": "Panamá", "PE": "Lima", "PG": "Port Moresby", "PH": "Manila", "PK": "Islamabad",
    "PL": "Warsaw", "PS": "Ramallah", "PT": "Lisbon", "PY": "Asunción", "QA": "Doha",
    "RO": "Bucharest", "RS": "Belgrade", "RU": "Moscow", "RW": "Kigali", "SA": "Riyadh",
    "SD": "Khartoum", "SE": "Stockholm", "SG": "Singapore", "SI": "Ljubljana",
    "SK": "Bratislava", "SL": "Freetown", "SN": "Dakar", "SO": "Mogadishu",
    "SR": "Paramaribo", "SS": "Juba", "SV": "San Salvador", "SY": "Damascus",
    "SZ": "Mbabane", "TD": "N'Djamena", "TG": "Lomé", "TH": "Bangkok", "TJ": "Dushanbe",
    "TL": "Dili", "TM": "Ashgabat", "TN": "Tunis", "TR": "Ankara", "TW": "Taipei",
    "TZ": "Dodoma", "UA": "Kyiv", "UG": "Kampala", "US": "Washington D.C.", "UY": "Montevideo",
    "UZ": "Tashkent", "VE": "Caracas", "VN": "Hanoi", "YE": "Sanaa", "ZA": "Pretoria",
    "ZM": "Lusaka", "ZW": "Harare", "XK": "Pristina", "SB": "Honiara", "VU": "Port-Vila",
    "WS": "Apia", "TO": "Nuku‘alofa", "KI": "Tarawa", "BN": "Bandar Seri Begawan",
}

# The language whose GeoNames catalogue gives a country's local name ("name_local").
LOCAL_LANG = {
    "RU": "ru", "UA": "uk", "BY": "be", "BG": "bg", "RS": "sr", "MK": "mk", "ME": "sr_ME",
    "KZ": "kk", "KG": "ky", "TJ": "tg", "MN": "mn", "CN": "zh_CN", "TW": "zh_TW",
    "HK": "zh_HK", "JP": "ja", "KR": "ko", "KP": "ko", "TH": "th", "LA": "lo", "KH": "km",
    "MM": "my", "IN": "hi", "NP": "ne", "BD": "bn", "LK": "si", "PK": "ur", "AF": "ps",
    "IR": "fa", "IL": "he", "GR": "el", "CY": "el", "GE": "ka", "AM": "hy", "ET": "am",
    "ER": "ti", "MV": "dv", "BT": "dz", "UZ": "uz", "TM": "tk", "AZ": "az", "TR": "tr",
    "SO": "so",
    "MX": "es", "CO": "es", "VE": "es", "PE": "es", "EC": "es", "BO": "es", "CL": "es",
    "AR": "es", "ES": "es", "GT": "es", "HN": "es", "NI": "es", "SV": "es", "CR": "es",
    "PA": "es", "CU": "es", "DO": "es", "UY": "es", "PY": "es", "BR": "pt_BR", "PT": "pt",
    "AO": "pt", "MZ": "pt", "FR": "fr", "ML": "fr", "NE": "fr", "BF": "fr", "TD": "fr",
    "SN": "fr", "CI": "fr", "CM": "fr", "CD": "fr", "HT": "fr", "DE": "de", "AT": "de",
    "PL": "pl", "CZ": "cs", "SK": "sk", "HU": "hu", "RO": "ro", "MD": "ro", "HR": "hr",
    "BA": "bs", "SI": "sl", "IT": "it", "NL": "nl", "SE": "sv", "NO": "nb", "FI": "fi",
    "DK": "da", "LT": "lt", "LV": "lv", "EE": "et", "VN": "vi", "ID": "id", "MY": "ms",
    "PH": "fil",
}
ARABIC_COUNTRIES = {"DZ", "BH", "TD", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR",
                    "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE", "EH"}

# Seas and oceans: label points (lon, lat) and a rank (1 = ocean, 2 = sea, 3 = gulf/bay).
SEAS = [
    ("Pacific Ocean", 1, -150.0, 5.0), ("Pacific Ocean", 1, 165.0, 25.0),
    ("Atlantic Ocean", 1, -40.0, 30.0), ("Atlantic Ocean", 1, -15.0, -20.0),
    ("Indian Ocean", 1, 80.0, -20.0), ("Arctic Ocean", 1, 0.0, 85.0),
    ("Southern Ocean", 1, 60.0, -60.0), ("Southern Ocean", 1, -120.0, -62.0),
    ("Mediterranean Sea", 2, 18.0, 34.5), ("Black Sea", 2, 34.0, 43.2),
    ("Caspian Sea", 2, 50.8, 41.5), ("Red Sea", 2, 38.5, 20.5),
    ("Arabian Sea", 2, 64.0, 15.0), ("Persian Gulf", 3, 51.5, 27.2),
    ("Gulf of Aden", 3, 48.0, 12.5), ("Gulf of Oman", 3, 58.5, 24.6),
    ("Bay of Bengal", 3, 89.0, 15.0), ("Andaman Sea", 2, 96.0, 11.0),
    ("South China Sea", 2, 114.0, 14.0), ("East China Sea", 2, 126.0, 29.0),
    ("Yellow Sea", 2, 123.5, 36.0), ("Sea of Japan", 2, 135.0, 40.5),
    ("Sea of Okhotsk", 2, 150.0, 54.0), ("Bering Sea", 2, -178.0, 58.0),
    ("Philippine Sea", 2, 132.0, 18.0), ("Coral Sea", 2, 155.0, -17.0),
    ("Tasman Sea", 2, 160.0, -38.0), ("Java Sea", 2, 111.0, -5.0),
    ("Arafura Sea", 2, 135.0, -9.5), ("Gulf of Mexico", 3, -90.0, 25.0),
    ("Caribbean Sea", 2, -75.0, 15.0), ("Gulf of California", 3, -111.0, 28.5),
    ("Hudson Bay", 3, -85.0, 60.0), ("Labrador Sea", 2, -55.0, 58.0),
    ("North Sea", 2, 3.0, 56.0), ("Baltic Sea", 2, 19.5, 57.5),
    ("Norwegian Sea", 2, 3.0, 67.0), ("Barents Sea", 2, 40.0, 73.0),
    ("Kara Sea", 2, 70.0, 75.0), ("Laptev Sea", 2, 125.0, 76.0),
    ("Gulf of Guinea", 3, 3.0, 2.0), ("Mozambique Channel", 3, 41.0, -19.0),
    ("Aegean Sea", 3, 25.0, 38.8), ("Adriatic Sea", 3, 15.5, 42.8),
    ("Sea of Azov", 3, 36.5, 46.1), ("Tyrrhenian Sea", 3, 12.0, 40.0),
    ("Ionian Sea", 3, 19.0, 37.0), ("Gulf of Thailand", 3, 101.5, 10.0),
    ("Timor Sea", 2, 127.0, -11.5), ("Great Australian Bight", 3, 131.0, -35.0),
    ("Gulf of Alaska", 3, -145.0, 57.0), ("Beaufort Sea", 2, -140.0, 72.0),
    ("Greenland Sea", 2, -5.0, 76.0), ("Celebes Sea", 2, 122.0, 3.5),
    ("Banda Sea", 2, 127.0, -5.5), ("Solomon Sea", 2, 153.0, -8.0),
    ("Fiji Sea", 2, 176.0, -20.0), ("Scotia Sea", 2, -45.0, -57.0),
    ("Weddell Sea", 2, -45.0, -70.0), ("Ross Sea", 2, -175.0, -75.0),
]

ATTRIBUTION_PARTS = {
    "land": "coast, lakes: GSHHG 2.3.7",
    "coastline": "coast, lakes: GSHHG 2.3.7",
    "lakes": "coast, lakes: GSHHG 2.3.7",
    "rivers": "rivers: GSHHG 2.3.7",
    "borders": "borders: GSHHG/WDB II (LGPL-3.0+)",
    "admin1": "borders: GSHHG/WDB II (LGPL-3.0+)",
    "places": "places: \u00a9 GeoNames (CC BY 4.0)",
    "relief": "relief: ETOPO5 (NOAA)",
    "names": "country names: DCW-GMT 2.1.1",
}
ATTRIBUTION = ("Coast, lakes, rivers, borders: GSHHG 2.3.7 (LGPL-3.0+); country names: "
               "DCW-GMT 2.1.1; places: \u00a9 GeoNames (CC BY 4.0); relief: ETOPO5 (NOAA)")


log = ME.log


def check_packages(allow_install):
    missing = []
    for pkg, probe in REQUIRED_PACKAGES:
        ok = ME.dpkg_version(pkg) is not None and (probe is None or os.path.exists(probe))
        if not ok:
            missing.append(pkg)
    if not missing:
        return
    line = "apt-get install " + " ".join(missing)
    if allow_install and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y"] + missing, check=True)
        return
    sys.exit("build-world: missing Debian packages: %s\ninstall them with:\n    sudo %s"
             % (", ".join(missing), line))


# --------------------------------------------------------------------------------------
# Extent helpers (a box may cross the antimeridian: W > E)
# --------------------------------------------------------------------------------------

def extent_boxes(extent):
    """The extent as one or two boxes within [-180, 180]."""
    w, s, e, n = extent
    if w <= e:
        return [(w, s, e, n)]
    return [(w, s, 180.0, n), (-180.0, s, e, n)]


def clip_to_extent(g, extent):
    from shapely.ops import clip_by_rect, unary_union
    if extent is None:
        return g
    parts = [clip_by_rect(g, *b) for b in extent_boxes(extent)]
    parts = [p for p in parts if not p.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else unary_union(parts)


# --------------------------------------------------------------------------------------
# GSHHG binned files
# --------------------------------------------------------------------------------------

class Binned:
    """One GSHHG binned file: bins in [0, 360) x [-90, 90], segments of points stored as
    16-bit offsets from the bin's south-west corner."""

    def __init__(self, path, polygons):
        import netCDF4
        import numpy as np
        g = netCDF4.Dataset(path)
        g.set_auto_maskandscale(False)
        V = lambda k: g.variables[k][:]
        self.bsize = int(V("Bin_size_in_minutes")[0]) / 60.0
        self.nx = int(V("N_bins_in_360_longitude_range")[0])
        self.ny = int(V("N_bins_in_180_degree_latitude_range")[0])
        self.first_seg = V("Id_of_first_segment_in_a_bin").astype(np.int64)
        self.nseg = V("N_segments_in_a_bin").astype(np.int64)
        self.first_pt = V("Id_of_first_point_in_a_segment").astype(np.int64)
        self.dx = V("Relative_longitude_from_SW_corner_of_bin").astype(np.int64) & 0xFFFF
        self.dy = V("Relative_latitude_from_SW_corner_of_bin").astype(np.int64) & 0xFFFF
        if polygons:
            info = V("Embedded_npts_levels_exit_entry_for_a_segment").astype(np.int64)
            self.npts = info >> 9
            self.level = (info >> 6) & 7
            self.seg_id = V("Id_of_GSHHS_ID").astype(np.int64)
            self.area = V("The_km_squared_area_of_polygons").astype(np.float64)
        else:
            self.npts = V("N_points_for_a_segment").astype(np.int64)
            self.level = V("Hierarchial_level_of_a_segment").astype(np.int64)
        g.close()
        self.scale = self.bsize / 65535.0

    def origin(self, b):
        row, col = divmod(int(b), self.nx)
        return col * self.bsize, 90.0 - (row + 1) * self.bsize

    def segments(self):
        """Yield (bin, segment index, lon0, lat0) in file order."""
        for b in range(self.nx * self.ny):
            lon0, lat0 = self.origin(b)
            for s in range(int(self.first_seg[b]), int(self.first_seg[b] + self.nseg[b])):
                yield b, s, lon0, lat0

    def points(self, s, lon0, lat0):
        import numpy as np
        i0, n = int(self.first_pt[s]), int(self.npts[s])
        xs = np.round(lon0 + self.dx[i0:i0 + n] * self.scale, 7)
        ys = np.round(lat0 + self.dy[i0:i0 + n] * self.scale, 7)
        return xs, ys


def gshhg_polygons(res, min_km2, extent=None):
    """{id: (level, area_km2, geometry in [-180, 180])} for GSHHG polygons of a resolution.

    A polygon is rebuilt by joining its bin segments end to end.  It is joined in the
    first longitude frame [off, off + 360) in which its segments close into rings (no
    frame splits it), then cut at +-180.  Antarctica goes round the pole and closes in no
    frame: its open boundary is closed along the frame edges through the pole."""
    from shapely.geometry import LineString, MultiLineString, Polygon, box
    from shapely.ops import linemerge, unary_union
    B = Binned(os.path.join(GSHHG_DIR, "binned_GSHHS_%s.nc" % res), True)
    wanted = None
    if extent is not None:   # only polygons with a segment in a bin meeting the extent
        wanted = set()
        boxes = extent_boxes(extent)
        for b, s, lon0, lat0 in B.segments():
            lw = lon0 - 360.0 if lon0 >= 180.0 else lon0
            if any(lw < e and lw + B.bsize > w and lat0 < n and lat0 + B.bsize > so
                   for w, so, e, n in boxes):
                wanted.add(int(B.seg_id[s]))
    pieces = {}
    for b, s, lon0, lat0 in B.segments():
        pid = int(B.seg_id[s])
        big = abs(float(B.area[pid])) > 1e6     # continents may hold the extent whole
        if abs(float(B.area[pid])) < min_km2 or (wanted is not None and pid not in wanted
                                                  and not big):
            continue
        xs, ys = B.points(s, lon0, lat0)
        if len(xs) < 2:
            continue
        pieces.setdefault(pid, []).append((lon0, xs, ys, int(B.level[s])))
    out = {}
    for pid in sorted(pieces):
        segs = pieces[pid]
        level = segs[0][3]
        geom = None
        for off in (-180.0, 0.0, -90.0, 90.0, -30.0):
            lines = []
            for lon0, xs, ys, _ in segs:
                shift = 0.0
                if lon0 < off:
                    shift = 360.0
                elif lon0 >= off + 360.0:
                    shift = -360.0
                lines.append(list(zip((xs + shift).tolist(), ys.tolist())))
            merged = linemerge(MultiLineString(lines)) if len(lines) > 1 else LineString(lines[0])
            parts = list(merged.geoms) if merged.geom_type == "MultiLineString" else [merged]
            if all(p.is_ring or p.coords[0] == p.coords[-1] for p in parts):
                polys = [Polygon(p.coords) for p in parts if len(p.coords) >= 4]
                if not polys:
                    break
                g = unary_union([p if p.is_valid else p.buffer(0) for p in polys])
                geom = (off, g)
                break
            c = list(parts[0].coords)
            if off == -180.0 and len(parts) == 1 and abs(abs(c[0][0]) - 180) < 1e-6 and \
                    abs(abs(c[-1][0]) - 180) < 1e-6 and c[0][0] != c[-1][0]:
                # Antarctica: one open line from x = 180 to x = -180 (or reverse)
                c = c + [(c[-1][0], -90.0), (c[0][0], -90.0), c[0]]
                p = Polygon(c)
                geom = (off, p if p.is_valid else p.buffer(0))
                break
        if geom is None:
            log("  gshhg %s: polygon %d does not close (skipped)" % (res, pid))
            continue
        off, g = geom
        pieces_w = []
        for k in (-1, 0, 1):
            b = box(-180 + 360 * k, -90, 180 + 360 * k, 90)
            if g.intersects(b):
                part = g.intersection(b)
                if k:
                    from shapely.affinity import translate
                    part = translate(part, -360 * k, 0)
                pieces_w.append(part)
        g = unary_union(pieces_w) if len(pieces_w) > 1 else pieces_w[0]
        lv = 1 if level >= 5 else level
        out[pid] = (lv, abs(float(B.area[pid])), g)
    return out


def gshhg_lines(kind, res, classes):
    """{(bin, class): [[(lon, lat), ...], ...]} of river or border segments, lon in
    [-180, 180); each bin's lines stay together (the bins are a ready spatial tiling)."""
    B = Binned(os.path.join(GSHHG_DIR, "binned_%s_%s.nc" % (kind, res)), False)
    out = {}
    for b, s, lon0, lat0 in B.segments():
        cls = int(B.level[s])
        if cls not in classes:
            continue
        xs, ys = B.points(s, lon0, lat0)
        if len(xs) < 2:
            continue
        if lon0 >= 180.0:
            xs = xs - 360.0
        out.setdefault((b, cls), []).append(list(zip(xs.tolist(), ys.tolist())))
    return out


# --------------------------------------------------------------------------------------
# GeoPackage writer (SQLite; geometry = GeoPackage binary header + WKB, R-tree index)
# --------------------------------------------------------------------------------------

# (the writer is build-middle-east.py's, which writes middle-east.gpkg with it)
GeoPackage = ME.GeoPackage


# --------------------------------------------------------------------------------------
# Layers
# --------------------------------------------------------------------------------------

def tiles_of(g, tile, extent):
    """Cut a geometry into tile x tile degree pieces (so the R-tree finds only what a
    small map needs); clip to the extent."""
    from shapely.ops import clip_by_rect
    g = clip_to_extent(g, extent)
    if g is None or g.is_empty:
        return []
    if tile is None:
        return [g]
    x0, y0, x1, y1 = g.bounds
    out = []
    i0, i1 = int(math.floor(x0 / tile)), int(math.floor(x1 / tile))
    j0, j1 = int(math.floor(y0 / tile)), int(math.floor(y1 / tile))
    # Every piece stays within one tile, even a small one across a tile line:
    # a world map's edge meridian is put on a tile line, so nothing straddles it.
    if i0 == i1 and j0 == j1:
        return [g]
    for j in range(j0, j1 + 1):
        for i in range(i0, i1 + 1):
            c = clip_by_rect(g, i * tile, j * tile, (i + 1) * tile, (j + 1) * tile)
            if not c.is_empty and (c.geom_type.endswith("Polygon") is False or c.area > 0):
                out.append(c)
    return out


def polys_only(g):
    from shapely.geometry import MultiPolygon
    ps = ME.explode(g)
    ps = [p for p in ps if p.area > 0]
    return MultiPolygon(ps) if ps else None


def lines_only(g):
    from shapely.geometry import MultiLineString
    ls = [x for x in ME.explode_lines(g) if x.length > 0]
    return MultiLineString(ls) if ls else None


def build_band(gp, res, extent):
    """Land, lake, lake-island polygons and coastline lines of one scale band."""
    from shapely.geometry import LineString
    cfg = BANDS[res]
    log("GSHHG %s: shorelines" % res)
    polys = gshhg_polygons(res, cfg["min_km2"], extent)
    land, lakes, islands, coast = [], [], [], []
    for pid in sorted(polys):
        level, area, g = polys[pid]
        if cfg["simplify"]:
            g = g.simplify(cfg["simplify"], preserve_topology=True)
        if level not in (1, 2, 3):
            continue
        for t in tiles_of(g, cfg["tile"], extent):
            t = polys_only(t)
            if t is None:
                continue
            (land if level == 1 else lakes if level == 2 else islands).append(
                (t, {"gshhg_id": pid, "area_km2": round(area, 1)}))
        if level in (1, 3):
            rings = []
            for p in ME.explode(g):
                rings.append(LineString(p.exterior.coords))
            from shapely.geometry import MultiLineString
            ml = MultiLineString(rings)
            # the cut at +-180 and the pole closure of Antarctica are not coast
            ml = ml.difference(_seams())
            for t in tiles_of(ml, cfg["tile"], extent):
                t = lines_only(t)
                if t is not None:
                    coast.append((t, {}))
    gp.table("land_" + res, "polygon", [("gshhg_id", "INTEGER"), ("area_km2", "REAL")],
             land, cfg["decimals"])
    gp.table("lakes_" + res, "polygon", [("gshhg_id", "INTEGER"), ("area_km2", "REAL")],
             lakes, cfg["decimals"])
    gp.table("islands_" + res, "polygon", [("gshhg_id", "INTEGER"), ("area_km2", "REAL")],
             islands, cfg["decimals"])
    gp.table("coast_" + res, "line", [], coast, cfg["decimals"])
    log("  land %d, lakes %d, lake islands %d, coast %d features"
        % (len(land), len(lakes), len(islands), len(coast)))
    return list(polys.values())


def _seams():
    from shapely.geometry import LineString, MultiLineString
    e = 1e-6
    return MultiLineString([LineString([(-180, -90), (-180, 90)]),
                            LineString([(180, -90), (180, 90)]),
                            LineString([(-180, -90), (180, -90)])]).buffer(e)


def build_lines(gp, res, extent):
    from shapely.geometry import MultiLineString
    cfg = BANDS[res]
    log("GSHHG %s: rivers and borders" % res)
    rivers = gshhg_lines("river", res, set(cfg["river_classes"]))
    rows = []
    for (b, cls) in sorted(rivers):
        g = MultiLineString(rivers[(b, cls)])
        if cfg["simplify"]:
            g = g.simplify(cfg["simplify"], preserve_topology=False)
        for t in tiles_of(g, cfg["tile"], extent):
            t = lines_only(t)
            if t is not None:
                rows.append((t, {"class": cls, "rank": RIVER_RANK[cls]}))
    gp.table("rivers_" + res, "line", [("class", "INTEGER"), ("rank", "INTEGER")], rows,
             cfg["decimals"])
    levels = {1, 2} if res in ("i", "h") else {1}
    borders = gshhg_lines("border", res, levels)
    rows = {1: [], 2: []}
    for (b, cls) in sorted(borders):
        g = MultiLineString(borders[(b, cls)])
        if cfg["simplify"]:
            g = g.simplify(cfg["simplify"], preserve_topology=False)
        for t in tiles_of(g, cfg["tile"], extent):
            t = lines_only(t)
            if t is not None:
                rows[cls].append((t, {"level": cls}))
    gp.table("borders_" + res, "line", [("level", "INTEGER")], rows[1], cfg["decimals"])
    if rows[2]:
        gp.table("admin1_" + res, "line", [("level", "INTEGER")], rows[2], cfg["decimals"])
    log("  rivers %d, borders %d, admin-1 %d" % (sum(1 for _ in rivers), len(rows[1]),
                                                 len(rows[2])))
    return bool(rows[2])


def dcw_names():
    names = {}
    with open(DCW_LIST, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split(None, 2)
            if len(parts) == 3 and len(parts[1]) == 2:
                names[parts[1]] = parts[2].strip()
    return names


# --------------------------------------------------------------------------------------
# Names of countries, seas and lakes (names.geojson, read by src/names.c)
# --------------------------------------------------------------------------------------

# Common short English names where DCW-GMT has the formal one.  The Middle East build's
# COUNTRY_NAMES (English and Arabic) come first.
COUNTRY_SHORT = {
    "CD": "DR Congo", "CG": "Congo", "KP": "North Korea", "KR": "South Korea",
    "LA": "Laos", "RU": "Russia", "VN": "Vietnam", "CZ": "Czechia", "VA": "Vatican City",
    "FK": "Falkland Islands", "CC": "Cocos Islands", "MF": "Saint Martin",
    "SH": "Saint Helena", "BQ": "Caribbean Netherlands", "US": "United States",
    "GB": "United Kingdom", "FM": "Micronesia", "BO": "Bolivia", "VE": "Venezuela",
    "TZ": "Tanzania", "CI": "Côte d'Ivoire", "SY": "Syria", "IR": "Iran", "MD": "Moldova",
}
# Large lakes named on the map: (English, lon, lat of a point in the water, kind).
# The GSHHG lake holding the point is the lake; GSHHG has no names.
LAKES = [
    ("Caspian Sea", 50.5, 42.0, "sea"), ("Lake Victoria", 33.0, -1.0, "lake"),
    ("Lake Tanganyika", 29.8, -6.5, "lake"), ("Lake Malawi", 34.6, -12.0, "lake"),
    ("Lake Chad", 14.2, 13.3, "lake"), ("Lake Turkana", 36.1, 3.6, "lake"),
    ("Lake Albert", 30.9, 1.7, "lake"), ("Lake Edward", 29.6, -0.4, "lake"),
    ("Lake Kivu", 29.2, -2.0, "lake"), ("Lake Tana", 37.3, 12.0, "lake"),
    ("Lake Volta", -0.1, 7.2, "lake"), ("Lake Kariba", 27.9, -17.0, "lake"),
    ("Lake Nasser", 32.6, 22.8, "lake"), ("Lake Mweru", 28.7, -9.0, "lake"),
    ("Lake Baikal", 108.0, 53.5, "lake"), ("Lake Ladoga", 31.5, 61.0, "lake"),
    ("Lake Onega", 35.5, 61.7, "lake"), ("Lake Balkhash", 74.5, 46.3, "lake"),
    ("Issyk-Kul", 77.3, 42.4, "lake"), ("Lake Van", 42.9, 38.6, "lake"),
    ("Lake Urmia", 45.5, 37.7, "lake"), ("Tonlé Sap", 104.0, 12.8, "lake"),
    ("Lake Superior", -87.5, 47.7, "lake"), ("Lake Michigan", -87.0, 44.0, "lake"),
    ("Lake Huron", -82.3, 44.8, "lake"), ("Lake Erie", -81.2, 42.2, "lake"),
    ("Lake Ontario", -77.9, 43.6, "lake"), ("Great Bear Lake", -121.0, 66.0, "lake"),
    ("Great Slave Lake", -114.0, 61.5, "lake"), ("Lake Winnipeg", -97.8, 52.5, "lake"),
    ("Lake Titicaca", -69.4, -15.8, "lake"), ("Lake Nicaragua", -85.4, 11.6, "lake"),
    ("Lake Vänern", 13.2, 58.9, "lake"), ("Lake Peipus", 27.5, 58.7, "lake"),
]
ARABIC_NAMED = ARABIC_COUNTRIES | {"IR", "AF", "PK"}
ARABIC_SEAS = {"Mediterranean Sea", "Red Sea", "Persian Gulf", "Gulf of Oman", "Arabian Sea",
               "Gulf of Aden"}
NAME_GRID_MAX = 120        # grid anchors per country at most (plus the poles of its parts)
NAME_GRID_MIN_STEP = 0.25  # finest grid (degrees of latitude): small countries
NAME_PARTS = 12            # poles of the largest parts of a multi-part country
NAME_MIN_ROOM = 0.02       # anchors closer than this to the edge (degrees) are dropped
SEA_REACH = {1: 35.0, 2: 8.0, 3: 4.0}   # radius (degrees) of a sea's name area, by rank
SEA_GRID = 12              # grid steps across a sea's name area


# Names of major rivers (the world build's counterpart of the Middle East build's RIVERS):
# points on each river, upstream to downstream (towns on its banks), which
# name_rivers() of build-middle-east.py joins by following the finest band's river
# network in world.gpkg; None breaks a chain. Arabic only where Arabic script is at home.
WORLD_RIVERS = [
    ("Tigris", "دجلة", [(40.23, 37.90), (41.20, 37.85), (42.18, 37.33), (42.60, 36.95),
                        (43.13, 36.34), (43.30, 35.90), (43.40, 35.40), (43.68, 34.60),
                        (43.88, 34.19), None, (46.85, 32.02), (47.15, 31.84), (47.30, 31.40)]),
    ("Euphrates", "الفرات", [(38.00, 36.85), (38.00, 36.30), (38.60, 35.95), (40.15, 35.33),
                             (40.95, 34.45), (41.45, 34.35), (42.35, 34.10), (42.83, 33.63),
                             (43.30, 33.42), (43.75, 33.33), (44.20, 32.75), (44.25, 32.25),
                             (44.50, 31.55), (45.05, 31.30), (46.25, 31.05)]),
    ("Nile", "النيل", [(32.53, 15.63), (33.98, 17.70), (33.32, 19.53), (30.48, 19.17),
                       (31.35, 21.80), (32.89, 24.09), (32.64, 25.69), (31.18, 27.18),
                       (31.23, 30.05)]),
    ("White Nile", "النيل الأبيض", [(31.60, 4.85), (31.56, 6.21), (31.66, 9.53),
                                    (32.66, 13.17), (32.50, 15.60)]),
    ("Blue Nile", "النيل الأزرق", [(34.38, 11.80), (33.63, 13.55), (33.52, 14.40),
                                   (32.55, 15.62)]),
    ("Niger", None, [(-8.00, 12.64), (-6.27, 13.45), (-4.20, 14.49), (-3.40, 16.27),
                     (-0.35, 16.95), (-0.05, 16.27), (0.50, 15.66), (2.11, 13.51),
                     (3.45, 11.88), (4.83, 9.13), (6.74, 7.80), (6.78, 6.15)]),
    ("Benue", None, [(13.40, 9.30), (12.45, 9.23), (8.53, 7.73), (6.75, 7.80)]),
    ("Senegal", None, [(-11.44, 14.45), (-12.46, 14.90), (-13.25, 15.66), (-14.96, 16.65),
                       (-15.81, 16.50), (-16.50, 16.03)]),
    ("Congo", None, [(25.19, 0.52), (18.26, 0.05), (15.31, -4.30), (13.45, -5.82)]),
    ("Dnieper", None, [(32.05, 54.78), (30.42, 54.51), (30.33, 53.90), (30.40, 52.36),
                       (30.57, 50.45), (32.06, 49.44), (33.42, 49.07), (35.05, 48.46),
                       (35.12, 47.82), (34.40, 47.57), (33.35, 46.76), (32.60, 46.63)]),
    ("Danube", None, [(16.42, 48.22), (17.11, 48.14), (19.05, 47.50), (18.68, 45.99),
                      (19.85, 45.26), (20.47, 44.82), (22.40, 44.72), (22.88, 43.99),
                      (23.24, 43.83), (25.95, 43.85), (27.26, 44.12), (27.97, 45.27),
                      (28.05, 45.43), (28.83, 45.35)]),
    ("Volga", None, [(46.05, 51.53), (44.52, 48.70), (48.03, 46.35)]),
    ("Indus", None, [(72.23, 33.89), (71.55, 32.96), (70.93, 31.83), (68.86, 27.70),
                     (68.37, 25.38), (67.95, 24.75)]),
    ("Amu Darya", None, [(67.28, 37.22), (65.22, 37.83), (63.60, 39.10), (59.61, 42.46)]),
    ("Irrawaddy", None, [(97.40, 25.38), (97.24, 24.27), (96.06, 21.98), (95.10, 21.33),
                         (94.93, 20.15), (95.21, 18.82), (95.46, 17.65)]),
    ("Mekong", None, [(102.13, 19.89), (102.60, 17.97), (105.78, 15.12), (106.02, 12.49),
                      (104.93, 11.56)]),
    ("Ganges", None, [(80.35, 26.47), (81.88, 25.43), (83.01, 25.31), (85.14, 25.61),
                      (86.98, 25.26)]),
    ("Juba", None, [(42.28, 2.34), (42.79, 0.49), (42.75, 0.07)]),
    ("Shabelle", None, [(45.20, 4.74), (45.50, 2.78), (45.12, 2.14)]),
    ("Magdalena", None, [(-75.28, 2.93), (-74.75, 5.21), (-73.86, 7.07), (-74.76, 9.24),
                         (-74.78, 10.96)]),
    ("Rio Grande", None, [(-100.50, 28.71), (-99.50, 27.50), (-98.28, 26.08),
                          (-97.50, 25.90)]),
]
RIVER_NAME_WINDOWS = (0.45, 0.9, 1.2, 1.8, 2.4, 3.6, 4.8)  # degrees: world scales need longer
RIVER_NAME_MARGIN = 1.0      # degrees of river network read around a river's points
RIVER_JOIN_GAP = 0.03       # degrees: a river's end this near another line joins it
RIVER_LAKE_NEAR = 0.05       # degrees: a straight reach this near a lake runs on its water


def gpkg_geoms(db, table, box):
    """Shapely geometries of a GeoPackage table whose R-tree box meets box (W, S, E, N)."""
    from shapely import wkb as shp_wkb
    out = []
    q = ("SELECT t.geom FROM %s t JOIN rtree_%s_geom r ON t.fid = r.id "
         "WHERE r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ? ORDER BY t.fid"
         % (table, table))
    for (blob,) in db.execute(q, (box[0], box[2], box[1], box[3])):
        flags = blob[3]
        env = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 7]
        out.append(shp_wkb.loads(bytes(blob[8 + env:])))
    return out


def node_river_lines(lines, tol):
    """Join river lines whose end stops short of, or on, another line between its vertices
    (the simplified bands lose the junction vertex): that line is split at the nearest
    point and a short connector added. Returns a list of coordinate lists."""
    from shapely.geometry import Point
    from shapely.ops import substring
    cuts = {i: set() for i in range(len(lines))}
    joins = []
    for i, ln in enumerate(lines):
        for e in (ln.coords[0], ln.coords[-1]):
            pe = Point(e)
            best = None
            for j, other in enumerate(lines):
                if j == i or other.distance(pe) > tol:
                    continue
                d = other.distance(pe)
                if best is None or d < best[0]:
                    best = (d, j)
            if best is None:
                continue
            j = best[1]
            t = lines[j].project(pe)
            q = lines[j].interpolate(t)
            if 1e-9 < t < lines[j].length - 1e-9:
                cuts[j].add(round(t, 9))
            if q.distance(pe) > 1e-9:
                joins.append([e, (q.x, q.y)])
    out = []
    for i, ln in enumerate(lines):
        ts = [0.0] + sorted(cuts[i]) + [ln.length]
        for a, b in zip(ts[:-1], ts[1:]):
            if b - a > 1e-9:
                out.append(list(substring(ln, a, b).coords))
    return out + joins


def water_path(water, a, b, step=0.02):
    """The shortest way from a to b inside the polygon water on a grid of step degrees
    (8 neighbours), simplified; None when there is none or it is more than twice the
    straight distance (plus 0.2 degree)."""
    import heapq
    from shapely.geometry import LineString, Point
    from shapely.prepared import prep
    pw = prep(water)
    m = 0.5
    x0, y0 = min(a[0], b[0]) - m, min(a[1], b[1]) - m
    nx = int((max(a[0], b[0]) + m - x0) / step) + 1
    ny = int((max(a[1], b[1]) + m - y0) / step) + 1
    wet = {}

    def inside(i, j):
        if (i, j) not in wet:
            wet[(i, j)] = 0 <= i < nx and 0 <= j < ny and \
                pw.contains(Point(x0 + i * step, y0 + j * step))
        return wet[(i, j)]
    cell = lambda p: (int(round((p[0] - x0) / step)), int(round((p[1] - y0) / step)))
    start, goal = cell(a), cell(b)
    if not inside(*start) or not inside(*goal):
        return None
    dist, prev, heap = {start: 0.0}, {}, [(0.0, start)]
    limit = 2.0 * math.hypot(a[0] - b[0], a[1] - b[1]) + 0.2
    while heap:
        d, u = heapq.heappop(heap)
        if u == goal:
            break
        if d > dist[u] or d > limit:
            continue
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                v = (u[0] + di, u[1] + dj)
                if v == u or not inside(*v):
                    continue
                nd = d + step * math.hypot(di, dj)
                if nd < dist.get(v, 1e18):
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(heap, (nd, v))
    if goal not in dist or dist[goal] > limit:
        return None
    path = [goal]
    while path[-1] != start:
        path.append(prev[path[-1]])
    coords = [(x0 + i * step, y0 + j * step) for i, j in reversed(path)]
    if len(coords) < 2:
        return None
    return LineString(coords).simplify(step, preserve_topology=False)


def river_names(out_dir, extent):
    """names.geojson river features: the chords of straight-ish stretches of each river of
    WORLD_RIVERS, on the finest band's lines in world.gpkg. Returns (features, report)."""
    import sqlite3
    db = sqlite3.connect(os.path.join(out_dir, "world.gpkg"))
    tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")}
    band = next((b for b in ("h", "i", "l", "c") if "rivers_" + b in tables), None)
    feats, report = [], {}
    if band is None:
        db.close()
        return feats, report
    for name, name_ar, pts in WORLD_RIVERS:
        xy = [p for p in pts if p is not None]
        if extent is not None and not any(in_extent(x, y, extent) for x, y in xy):
            continue
        m = RIVER_NAME_MARGIN
        box = (min(x for x, _ in xy) - m, min(y for _, y in xy) - m,
               max(x for x, _ in xy) + m, max(y for _, y in xy) + m)
        lines = [ln for g in gpkg_geoms(db, "rivers_" + band, box)
                 for ln in ME.explode_lines(g)]
        segments = [(1, [(round(x, 7), round(y, 7)) for x, y in c])
                    for c in node_river_lines(lines, RIVER_JOIN_GAP)]
        lakes = {}
        if "lakes_" + band in tables:
            for k, g in enumerate(gpkg_geoms(db, "lakes_" + band, box)):
                lakes[k] = g
        named, rep = ME.name_rivers(segments, lakes, [(name, name_ar, pts)])
        from shapely.geometry import LineString
        from shapely.ops import linemerge, unary_union
        lines = [LineString(run) for _, nm, run in named if nm is not None]
        # Reaches the network does not give (double-lined reaches are lakes, not lines:
        # reservoirs, the lower Niger, Dnieper, Mekong; lines that do not meet): the
        # shortest way on the water (lakes and river lines, RIVER_LAKE_NEAR wide) between
        # the two points, when it is at most twice the straight distance.
        from shapely.geometry import Point
        got = unary_union(lines) if lines else None
        water = None
        wet = 0
        for a, b in zip(pts[:-1], pts[1:]):
            if a is None or b is None:
                continue
            if got is not None and got.distance(Point(a)) <= RIVER_LAKE_NEAR and \
                    got.distance(Point(b)) <= RIVER_LAKE_NEAR:
                continue
            if water is None:
                water = unary_union([LineString(c) for _, c in segments] +
                                    list(lakes.values())).buffer(RIVER_LAKE_NEAR)
            way = water_path(water, a, b)
            if way is not None:
                lines.append(way)
                wet += 1
        report[name] = rep.get(name, (0, 0)) + (wet,)
        if not lines:
            continue
        merged = linemerge(lines)
        lines = list(merged.geoms) if merged.geom_type == "MultiLineString" else [merged]
        chords = ME.river_stretches(lines, RIVER_NAME_WINDOWS)
        chords = [c for c in chords if extent is None or
                  in_extent(c[0], c[1], extent) or in_extent(c[2], c[3], extent)]
        if chords:
            geom = {"type": "MultiLineString",
                    "coordinates": [[[a, b], [c, d]] for a, b, c, d in chords]}
            props = {"kind": "river", "name": name, "rank": 1}
            if name_ar:
                props["name_ar"] = name_ar
            feats.append((geom, props))
    db.close()
    return feats, report


def _scaled(g, k):
    """g with longitudes multiplied by k (so that distances read in degrees of
    latitude near the feature)."""
    from shapely import affinity
    return affinity.scale(g, xfact=k, yfact=1.0, origin=(0, 0))


def dcw_country(d, iso):
    """A DCW country as a shapely geometry in its own longitude range (continuous
    across 180: Russia is 19..191), simplified to 0.01 degree; rings inside a larger
    ring of the country are holes (Lesotho in South Africa)."""
    import numpy as np
    from shapely.geometry import Polygon
    from shapely.ops import unary_union
    from shapely.prepared import prep
    vx, vy = d.variables.get(iso + "_lon"), d.variables.get(iso + "_lat")
    if vx is None or vy is None:
        return None
    west, south = float(vx.getncattr("min")), float(vy.getncattr("min"))
    xscl, yscl = float(vx.getncattr("scale")), float(vy.getncattr("scale"))
    rx = np.asarray(vx[:]).astype(np.int64)
    ry = np.asarray(vy[:]).astype(np.int64)
    breaks = np.nonzero(rx == 65535)[0].tolist() + [len(rx)]
    rings = []
    for a, b in zip(breaks[:-1], breaks[1:]):
        if b - a < 4:
            continue
        xs = rx[a + 1:b] / xscl + west
        ys = ry[a + 1:b] / yscl + south
        if 0.5 * abs(float(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1)))) < 1e-4:
            continue   # islets of less than about a square kilometre
        p = Polygon(np.column_stack((xs, ys)))
        p = p.simplify(0.01, preserve_topology=True)
        if not p.is_valid:
            p = p.buffer(0)
        rings.extend(x for x in ME.explode(p) if x.area > 0)
    rings.sort(key=lambda p: (-p.area, p.bounds))
    outer, holes, big = [], [], []
    for p in rings:
        rp = p.representative_point()
        if any(o.contains(rp) for o in big):
            holes.append(p)
        else:
            outer.append(p)
            if len(big) < 20:   # holes lie in one of the largest rings
                big.append(prep(p))
    if not outer:
        return None
    g = unary_union(outer)
    return g.difference(unary_union(holes)) if holes else g


def country_anchors(g):
    """Anchors for a country's name: the poles of its largest parts and a grid of points
    inside it, each with its distance to the country's edge (degrees of latitude; the
    longitudes are scaled by the cosine of the country's middle latitude for this)."""
    lat0 = max(-70.0, min(70.0, (g.bounds[1] + g.bounds[3]) / 2))
    k = math.cos(math.radians(lat0))
    gs = _scaled(g, k)
    bnd = gs.boundary
    area = gs.area
    step = max(NAME_GRID_MIN_STEP, math.sqrt(area / NAME_GRID_MAX))
    parts = sum(1 for p in ME.explode(gs) if p.area >= 0.01)
    cands = ME.anchor_candidates(gs, lambda p: bnd.distance(p), NAME_GRID_MAX + NAME_PARTS,
                                 step=step, spacing=0.7, parts=max(1, min(NAME_PARTS, parts)))
    out = []
    for x, y, dd in cands:
        if dd < NAME_MIN_ROOM and out:
            continue
        lon = x / k
        lon = lon - 360.0 if lon > 180 else lon + 360.0 if lon < -180 else lon
        out.append((round(lon, 3), round(y, 3), dd, round(_across(gs, x, y) / k, 3)))
    return out


def _across(g, x, y):
    """Room inside g from (x, y) to its edge along the parallel, east or west, whichever
    is nearer: a name written along the parallel fits a narrow country (Togo, Malawi)
    only if half its width is less."""
    from shapely.geometry import LineString
    w, _, e, _ = g.bounds
    cut = g.intersection(LineString([(w - 1, y), (e + 1, y)]))
    best = 0.0
    for seg in ME.explode_lines(cut):
        xs = [c[0] for c in seg.coords]
        a, b = min(xs), max(xs)
        if a - 1e-9 <= x <= b + 1e-9:
            best = max(best, min(x - a, b - x))
    return best


def in_extent(lon, lat, extent):
    return extent is None or any(w <= lon <= e and s <= lat <= n
                                 for w, s, e, n in extent_boxes(extent))


def sea_anchors(land, seas):
    """{index in SEAS: anchors}: for each sea a grid of water points within its reach
    (SEA_REACH by rank) that lie nearer (in units of reach) to its label point than to
    any other sea's, with their distance to land."""
    from shapely.geometry import Point, box
    from shapely.ops import unary_union
    from shapely.prepared import prep
    from shapely.strtree import STRtree
    tree = STRtree(land)
    out = {}
    for i, (name, rank, lon0, lat0) in enumerate(seas):
        R = SEA_REACH[rank]
        k = math.cos(math.radians(max(-75.0, min(75.0, lat0))))
        step = 2 * R / SEA_GRID
        w, s, e, n = lon0 - R / k, max(-89.0, lat0 - R), lon0 + R / k, min(89.0, lat0 + R)
        area_box = box(max(-180.0, w - 5), max(-90.0, s - 5), min(180.0, e + 5),
                       min(90.0, n + 5))
        near = [p for p in tree.query(area_box)]
        near = unary_union([p.intersection(area_box) for p in near]) if near else None
        near_s = _scaled(near, k) if near is not None and not near.is_empty else None
        pl = prep(near) if near_s is not None else None
        pts = []
        nx = int(math.ceil((e - w) * k / step))
        ny = int(math.ceil((n - s) / step))
        for j in range(ny + 1):
            for ii in range(nx + 1):
                lon, lat = w + ii * step / k, s + j * step
                if not (-180 < lon < 180 and -89 < lat < 89):
                    continue

                def reach(sea):
                    _, r2, x2, y2 = sea
                    c = math.cos(math.radians(lat))
                    return math.hypot((lon - x2) * c, lat - y2) / SEA_REACH[r2]
                mine = reach(seas[i])
                if mine > 1 or any(reach(o) < mine for jj, o in enumerate(seas) if jj != i):
                    continue
                pt = Point(lon, lat)
                if pl is not None and pl.contains(pt):
                    continue
                dd = near_s.distance(Point(lon * k, lat)) if near_s is not None else 10.0
                if dd >= NAME_MIN_ROOM:
                    pts.append((dd, lon, lat))
        pts.sort(key=lambda c: (-round(c[0], 6), c[1], c[2]))
        out[i] = [(round(x, 3), round(y, 3), round(min(dd, 10.0), 3)) for dd, x, y in pts]
    return out


def build_names(out_dir, extent, gshhg):
    """names.geojson: candidate anchors of the names of every DCW country, the seas of
    SEAS and the lakes of LAKES (see README "Names"); src/names.c places them."""
    import netCDF4
    from shapely.geometry import Point
    log("names: countries (DCW)")
    dcw = dcw_names()
    d = netCDF4.Dataset(DCW_FILE)
    d.set_auto_maskandscale(False)
    rows = []
    for iso in sorted(dcw):
        g = dcw_country(d, iso)
        if g is None or g.is_empty:
            continue
        cands = [c for c in country_anchors(g) if in_extent(c[0], c[1], extent)]
        if not cands:
            continue
        en, ar = ME.COUNTRY_NAMES.get(iso, (COUNTRY_SHORT.get(iso, dcw[iso]), None))
        if iso not in ARABIC_NAMED:
            ar = None   # an Arabic line only where Arabic script is at home (as for places)
        props = {"kind": "country", "iso": iso, "name": en, "d": [c[2] for c in cands],
                 "w": [c[3] for c in cands]}
        if ar:
            props["name_ar"] = ar
        rows.append((g.area, iso, cands, props))
    d.close()
    rows.sort(key=lambda r: (-r[0], r[1]))
    feats = []

    def multipoint(cands):
        return {"type": "MultiPoint", "coordinates": [[c[0], c[1]] for c in cands]}
    for _, _, cands, props in rows:
        feats.append((multipoint(cands), props))
    ncountries = len(feats)
    log("names: seas")
    land = [p for lvl, _, g in gshhg if lvl == 1 for p in ME.explode(g)]
    land = [p.simplify(0.02, preserve_topology=True) for p in land]
    seas_ar = {en: ar for en, ar, *_ in ME.SEAS}
    anchors = sea_anchors(land, SEAS)
    for i, (name, rank, _, _) in enumerate(SEAS):
        cands = [c for c in anchors[i] if in_extent(c[0], c[1], extent)]
        if cands:
            props = {"kind": "sea", "name": name, "rank": rank, "d": [c[2] for c in cands]}
            if name in seas_ar and name in ARABIC_SEAS:
                props["name_ar"] = seas_ar[name]
            feats.append((multipoint(cands), props))
    log("names: lakes")
    lakes = [(a, g) for lvl, a, g in gshhg if lvl == 2]
    missing = []
    for name, lon, lat, kind in LAKES:
        pt = Point(lon, lat)
        hit = [(a, g) for a, g in lakes if g.contains(pt)]
        if not hit:
            missing.append(name)
            continue
        a, g = max(hit, key=lambda x: x[0])
        k = math.cos(math.radians(lat))
        gs = _scaled(g, k)
        bnd = gs.boundary
        cands = ME.anchor_candidates(gs, lambda p: bnd.distance(p),
                                     1 if kind == "lake" else ME.NAME_CANDIDATES)
        cands = [(ME.r4(x / k), y, dd) for x, y, dd in cands if in_extent(x / k, y, extent)]
        if cands:
            props = {"kind": kind, "name": name, "d": [c[2] for c in cands]}
            if kind == "lake":
                props["area_km2"] = int(round(a))
            feats.append((multipoint(cands), props))
    if missing:
        log("  lakes not in GSHHG at this resolution: " + ", ".join(missing))
    log("names: rivers")
    rivers, report = river_names(out_dir, extent)
    feats.extend(rivers)
    for name in sorted(report):
        ok, steps, wet = report[name]
        log("  %-12s %d of %d reaches followed on the network, %d on lakes" % (
            name, ok, steps, wet))
    n = ME.write_geojson(os.path.join(out_dir, "names.geojson"), feats, "names")
    log("  %d countries, %d names in all, %d anchors" % (
        ncountries, n, sum(len(p.get("d", ())) for _, p in feats)))
    return n


def plain_name(v):
    """A catalogue name without the ", Country" some translations add to tell
    places apart ("چنیوٹ، پاکستان" -> "چنیوٹ")."""
    if not v:
        return v
    for sep in ("\u060c ", ", "):
        if sep in v:
            v = v.split(sep, 1)[0]
    return v.strip()


def build_places(gp, extent):
    from shapely.geometry import Point
    log("GeoNames: places")
    blob = subprocess.run(["gresource", "extract", ME.GEONAMES_LIB, ME.GEONAMES_RESOURCE],
                          capture_output=True, check=True).stdout
    cities = ME.parse_cities(blob)
    if extent is not None:
        cities = [c for c in cities
                  if clip_to_extent(Point(c["lon"], c["lat"]).buffer(1e-6), extent) is not None]
    cats = {}

    def cat(lang):
        if lang not in cats:
            cats[lang] = ME.load_catalogue(lang)
        return cats[lang]
    capitals = set()
    best_cap = {}
    for c in cities:
        want = CAPITALS.get(c["cc"])
        if want and c["name"] == want:
            k = c["cc"]
            if k not in best_cap or c["pop"] > best_cap[k]["pop"]:
                best_cap[k] = c
    capitals = {c["id"] for c in best_cap.values()}
    seats = {}
    for c in cities:
        if not c["admin1"] or c["admin1"] == "00":
            continue
        k = (c["cc"], c["admin1"])
        if k not in seats or (c["pop"], c["id"]) > (seats[k]["pop"], seats[k]["id"]):
            seats[k] = c
    seat_ids = {c["id"] for c in seats.values()}
    min_pop = PLACE_MIN_POP if extent is None else 15000
    keep = [c for c in cities if c["pop"] >= min_pop or c["id"] in capitals
            or c["id"] in seat_ids]
    rows = []
    metros = ME.metro_cities(keep)
    dropped = 0

    def strip_marks(cc):   # transliterated names; Latin-script countries keep their letters
        return cc in ARABIC_COUNTRIES or cc in ("IR", "AF", "PK")
    for c in sorted(keep, key=lambda c: (-c["pop"], int(c["id"]))):
        gid = c["id"]
        if ME.not_a_place(c, metros):   # the Middle East build's clean-up, the world over
            dropped += 1
            continue
        name = ME.clean_place_name(gid, c["name"], c["cc"], strip_marks)
        props = {"geonameid": int(gid), "name": name, "population": int(c["pop"]),
                 "capital": int(gid in capitals), "admin_capital": int(gid in seat_ids),
                 "country": c["cc"]}
        if c["cc"] in ARABIC_COUNTRIES or c["cc"] in ("IR", "AF", "PK"):
            for lang, key in (("ar", "name_ar"), ("fa", "name_fa"), ("ckb", "name_ku")):
                v = plain_name(cat(lang).get(gid))
                if v:
                    props[key] = v
        lang = LOCAL_LANG.get(c["cc"], "ar" if c["cc"] in ARABIC_COUNTRIES else None)
        if lang:
            v = plain_name(cat(lang).get(gid))
            if v and v != c["name"]:
                props["name_local"] = v
        rows.append((Point(c["lon"], c["lat"]), props))
    cols = [("geonameid", "INTEGER"), ("name", "TEXT"), ("population", "INTEGER"),
            ("capital", "INTEGER"), ("admin_capital", "INTEGER"), ("country", "TEXT"),
            ("name_ar", "TEXT"), ("name_fa", "TEXT"), ("name_ku", "TEXT"),
            ("name_local", "TEXT")]
    gp.table("places", "point", cols, rows, 4)
    log("  %d places (%d capitals), %d entries that are not places left out"
        % (len(rows), len(capitals), dropped))


def build_relief(out_dir, land_polys, extent, res, stem="relief"):
    """ETOPO5 hillshade, as in the middle-east build, on a coarser grid."""
    import numpy as np
    import netCDF4
    log("ETOPO5: relief")
    if extent is None:
        w, s, e, n = -180.0, -90.0, 180.0, 90.0
    else:
        w, s, e, n = extent
        if w > e:
            e += 360.0
    nc = netCDF4.Dataset(ETOPO_FILE)
    z = np.asarray(nc.variables["ROSE"][:], dtype=np.float64)      # lat -90..90, lon 0..360
    nc.close()
    step = 1.0 / 12.0
    z = np.concatenate([z[:, 2160:], z, z[:, :2160]], axis=1)      # lon -180 .. 540
    lon0 = -180.0
    # average to the output resolution (keeps the coarse grid smooth)
    f = max(1, int(round(res / step)))
    ny, nx = z.shape[0] // f * f, z.shape[1] // f * f
    zc = z[:ny, :nx].reshape(ny // f, f, nx // f, f).mean(axis=(1, 3))
    cstep = step * f
    lat_nodes = -90.0 + (np.arange(zc.shape[0]) + 0.5) * cstep
    m_per_deg = 111320.0
    zc = np.maximum(zc, 0.0)
    coslat = np.maximum(np.cos(np.radians(lat_nodes)), 0.05)[:, None]
    dzdx = np.gradient(zc, axis=1) / (cstep * m_per_deg * coslat)
    dzdy = np.gradient(zc, axis=0) / (cstep * m_per_deg)
    zf = ME.RELIEF_ZFACTOR * max(1.0, f / 2.0)
    dzdx *= zf
    dzdy *= zf
    az, alt = math.radians(ME.RELIEF_AZIMUTH), math.radians(ME.RELIEF_ALTITUDE)
    lx, ly, lz = math.sin(az) * math.cos(alt), math.cos(az) * math.cos(alt), math.sin(alt)
    shade = (-dzdx * lx - dzdy * ly + lz) / np.sqrt(dzdx ** 2 + dzdy ** 2 + 1.0)
    val = 1.0 - ME.RELIEF_STRENGTH * (1.0 - np.clip(shade / lz, 0.0, 1.0))
    width = int(round((e - w) / cstep))
    height = int(round((n - s) / cstep))
    c0 = int(round((w - lon0) / cstep))
    r0 = int(round((s + 90.0) / cstep))
    img = val[r0:r0 + height, c0:c0 + width][::-1]
    from shapely.affinity import translate
    polys = list(land_polys)
    if e > 180:
        polys += [translate(p, 360, 0) for p in land_polys]
    land = ME.rasterize(polys, w, n, cstep, width, height)
    out = np.where(land, np.round(img * 255.0), 255.0).astype(np.uint8)
    ME.write_file(os.path.join(out_dir, stem + ".png"), ME.png_grey(out))
    pgw = "%.12f\n0.0\n0.0\n%.12f\n%.12f\n%.12f\n" % (cstep, -cstep, w + cstep / 2,
                                                      n - cstep / 2)
    ME.write_file(os.path.join(out_dir, stem + ".pgw"), pgw.encode())
    ME.write_file(os.path.join(out_dir, stem + ".prj"), (ME.WGS84_WKT + "\n").encode())
    log("  %d x %d pixels of %.3f degrees" % (width, height, cstep))


# --------------------------------------------------------------------------------------
# Manifest
# --------------------------------------------------------------------------------------

LAND, LAKE, WATER_LINE, SEA = "#f2efe9", "#c6dcee", "#7fa7c9", "#d7e6f1"
RIVER_LINE, COAST_LINE = "#86b1d9", "#5d8fbf"
CASING_MAX_SCALE = 30000000


def band_layers(res, has_admin1, banded=True):
    cfg = BANDS[res]
    sc = {}
    if not banded:
        pass
    elif cfg["min_scale"]:
        sc["min_scale"] = cfg["min_scale"]
    if banded and cfg["max_scale"]:
        sc["max_scale"] = cfg["max_scale"]
    L = [
        dict(name="land", file="world.gpkg", table="land_" + res, type="polygon",
             style={"fill": LAND}, **sc),
        dict(name="relief", file="relief.png", type="raster", world_file="relief.pgw",
             style={"opacity": 0.5}, **sc) if res == "RELIEF" else None,
        dict(name="lakes", file="world.gpkg", table="lakes_" + res, type="polygon",
             style={"fill": LAKE, "stroke": WATER_LINE, "width": 0.3}, **sc),
        dict(name="land", file="world.gpkg", table="islands_" + res, type="polygon",
             style={"fill": LAND}, **sc),
        # the hierarchy of the Middle East basemap (basemaps/README.md): rivers light and
        # thin, the coast above them, borders strongest on a casing
        dict(name="rivers", file="world.gpkg", table="rivers_" + res, type="line",
             style={"stroke": RIVER_LINE, "width_by_rank": [0.55, 0.4, 0.25]}, **sc),
        dict(name="coastline", file="world.gpkg", table="coast_" + res, type="line",
             style={"stroke": COAST_LINE, "width": 0.6}, **sc),
    ]
    if has_admin1:
        L.append(dict(name="admin1", file="world.gpkg", table="admin1_" + res, type="line",
                      style={"stroke": "#aaa39c", "width": 0.4, "dash": [2, 1.5]}, **sc))
    # the casing only at scales larger than 1:30,000,000 (not on overviews and insets)
    if not (banded and cfg["min_scale"] and cfg["min_scale"] >= CASING_MAX_SCALE):
        csc = dict(sc)
        csc["max_scale"] = min(sc.get("max_scale", CASING_MAX_SCALE), CASING_MAX_SCALE)
        L.append(dict(name="borders-casing", file="world.gpkg", table="borders_" + res,
                      type="line", style={"stroke": "#c9b8d499", "width": 3.2}, **csc))
    L.append(dict(name="borders", file="world.gpkg", table="borders_" + res, type="line",
                  style={"stroke": "#5b5161", "width": 0.9, "dash": [5, 1.5, 1.2, 1.5]}, **sc))
    return [x for x in L if x]


def write_manifest(out_dir, name, title, extent, bands, admin1):
    layers = []
    for res in bands:
        layers += [l for l in band_layers(res, admin1.get(res), len(bands) > 1) if l["name"] == "land"
                   and l["table"].startswith("land_")]
    if extent is None:
        layers.append({"name": "relief", "file": "relief.png", "type": "raster",
                       "world_file": "relief.pgw", "style": {"opacity": 0.5},
                       "min_scale": 15000000, "max_scale": 150000000})
        layers.append({"name": "relief", "file": "relief-5m.png", "type": "raster",
                       "world_file": "relief-5m.pgw", "style": {"opacity": 0.5},
                       "max_scale": 15000000})
    else:
        layers.append({"name": "relief", "file": "relief.png", "type": "raster",
                       "world_file": "relief.pgw", "style": {"opacity": 0.5}})
    for res in bands:
        layers += [l for l in band_layers(res, admin1.get(res), len(bands) > 1)
                   if not l.get("table", "").startswith("land_")]
    layers.append({"name": "places", "file": "world.gpkg", "table": "places", "type": "point",
                   "style": {"fill": "#333333", "radius": 1.5, "font_size": 7.5,
                             "capital_font_size": 8.5}, "max_scale": 60000000})
    # names of countries, seas and lakes: drawn by src/names.c, not as points (radius 0)
    layers.append({"name": "names", "file": "names.geojson", "type": "point",
                   "style": {"radius": 0, "font_size": 8.5}})
    ext = [-180, -90, 180, 90] if extent is None else list(extent)
    m = {"name": name, "title": title, "extent": ext, "attribution": ATTRIBUTION,
         "attribution_parts": ATTRIBUTION_PARTS, "layers": layers, "background": SEA}
    text = json.dumps(m, ensure_ascii=False, indent=1) + "\n"
    ME.write_file(os.path.join(out_dir, "manifest.json"), text.encode("utf-8"))


def build(out_dir, name, extent, bands, relief_res):
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "world.gpkg")
    tmp = path + ".tmp"
    gp = GeoPackage(tmp)
    land_for_relief = None
    admin1 = {}
    gshhg_for_names = None
    for res in bands:
        polys = build_band(gp, res, extent)
        if res == ("l" if "l" in bands else bands[-1]):
            land_for_relief = [p for lvl, _, g in polys if lvl == 1 for p in ME.explode(g)]
            gshhg_for_names = polys
        admin1[res] = build_lines(gp, res, extent)
    build_places(gp, extent)
    gp.close()
    os.replace(tmp, path)
    build_names(out_dir, extent, gshhg_for_names)
    build_relief(out_dir, land_for_relief, extent, relief_res)
    if extent is None:   # the world: a second, native 5' relief for maps below 1:15M
        build_relief(out_dir, land_for_relief, extent, 1.0 / 12.0, "relief-5m")
    title = "World basemap" if extent is None else "Regional basemap %s" % name
    write_manifest(out_dir, name, title, extent, bands, admin1)
    ME.write_licences(out_dir, "world")


def build_places_only(out_dir, extent):
    """Rewrite only the places table of an already built pack (the place-name clean-up
    without the hour-long rebuild; a full build writes the same table)."""
    gp = GeoPackage(os.path.join(out_dir, "world.gpkg"), reopen=True)
    gp.drop("places")
    build_places(gp, extent)
    gp.close()


def build_names_only(out_dir, name, extent, bands):
    """names.geojson and the manifest of an already built pack (the GeoPackage is
    left as it is)."""
    res = "l" if "l" in bands else bands[-1]
    build_names(out_dir, extent, list(gshhg_polygons(res, BANDS[res]["min_km2"],
                                                     extent).values()))
    db = sqlite3.connect(os.path.join(out_dir, "world.gpkg"))
    tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents")}
    db.close()
    title = "World basemap" if extent is None else "Regional basemap %s" % name
    write_manifest(out_dir, name, title, extent, bands,
                   {b: "admin1_" + b in tables for b in bands})


def run_checks(out_dir):
    """Sanity checks on the written pack."""
    ok = True

    def check(cond, msg):
        nonlocal ok
        print(("PASS " if cond else "FAIL ") + msg)
        ok = ok and cond
    db = sqlite3.connect(os.path.join(out_dir, "world.gpkg"))
    tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents ORDER BY 1")]
    with open(os.path.join(out_dir, "manifest.json"), encoding="utf-8") as f:
        m = json.load(f)
    for layer in m["layers"]:
        if "table" in layer:
            check(layer["table"] in tables, "table %s present" % layer["table"])
            n = db.execute("SELECT count(*) FROM %s" % layer["table"]).fetchone()[0]
            print("INFO %-16s %7d rows" % (layer["table"], n))
        else:
            check(os.path.exists(os.path.join(out_dir, layer["file"])), "file " + layer["file"])
    for t in tables:
        nr = db.execute("SELECT count(*) FROM rtree_%s_geom" % t).fetchone()[0]
        nt = db.execute("SELECT count(*) FROM %s" % t).fetchone()[0]
        check(nr == nt, "R-tree of %s indexes every row (%d)" % (t, nt))
    if "places" in tables:
        for nm in ("Kyiv", "Khartoum", "Mogadishu", "Mexico City", "Bogotá", "Kabul"):
            r = db.execute("SELECT capital FROM places WHERE name = ?", (nm,)).fetchone()
            if m["name"] == "world":
                check(r is not None and r[0] == 1, "capital %s present" % nm)
    npath = os.path.join(out_dir, "names.geojson")
    if os.path.exists(npath):
        with open(npath, encoding="utf-8") as f:
            feats = json.load(f)["features"]
        kinds = {}
        for ft in feats:
            p = ft["properties"]
            kinds.setdefault(p["kind"], {})[p.get("iso") or p["name"]] = ft
            n = len(ft["geometry"]["coordinates"])
            if p["kind"] == "river":   # chords of stretches, no anchors
                check(n > 0 and all(len(c) == 2 for c in ft["geometry"]["coordinates"]),
                      "names: river %s has stretches (%d)" % (p["name"], n))
                continue
            check(len(p["d"]) == n and len(p.get("w", p["d"])) == n and min(p["d"]) > 0,
                  "names: %s %s has a positive d (and w) per anchor" % (p["kind"], p["name"]))
        print("INFO names: %s" % ", ".join("%d %s" % (len(v), k) for k, v in sorted(kinds.items())))
        if m["name"] == "world":
            for iso in ("ML", "BF", "NE", "UA", "RU", "SO", "ET", "MM", "CD", "IL", "PS", "FJ"):
                check(iso in kinds.get("country", {}), "names: country %s has anchors" % iso)
            for sea in ("Black Sea", "Red Sea", "Gulf of Aden", "Caspian Sea", "Andaman Sea"):
                check(sea in kinds.get("sea", {}), "names: %s has anchors" % sea)
            check("Lake Kivu" in kinds.get("lake", {}), "names: Lake Kivu")
            for river in ("Tigris", "Euphrates", "Nile", "Niger", "Dnieper", "Danube",
                          "Irrawaddy", "Shabelle"):
                check(river in kinds.get("river", {}), "names: river %s has stretches" % river)
    total = 0
    for root, _, files in os.walk(out_dir):
        for fn in files:
            total += os.path.getsize(os.path.join(root, fn))
    check(total < 24 * 1024 * 1024, "folder size %.2f MB < 24 MB" % (total / 1048576.0))
    return ok


def parse_bbox(text):
    v = [float(x) for x in text.split(",")]
    if len(v) != 4 or not (-180 <= v[0] <= 180 and -180 <= v[2] <= 180 and
                           -90 <= v[1] < v[3] <= 90) or v[0] == v[2]:
        raise argparse.ArgumentTypeError("expected W,S,E,N in degrees")
    return tuple(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", help="output folder (default basemaps/NAME)")
    ap.add_argument("--name", default="world", help="basemap name (default world)")
    ap.add_argument("--bbox", type=parse_bbox, help="W,S,E,N of a regional pack")
    ap.add_argument("--bands", default=None,
                    help="GSHHG resolutions to include, e.g. cli (world) or h (regional)")
    ap.add_argument("--relief-res", type=float, default=None, help="relief pixel (degrees)")
    ap.add_argument("--install", action="store_true", help="apt-get install missing packages")
    ap.add_argument("--check", action="store_true", help="run sanity checks after building")
    ap.add_argument("--check-only", action="store_true", help="only run the sanity checks")
    ap.add_argument("--names-only", action="store_true",
                    help="only rewrite names.geojson and the manifest of a built pack")
    ap.add_argument("--places-only", action="store_true",
                    help="only rewrite the places table of a built pack's GeoPackage")
    args = ap.parse_args()
    out = args.out or os.path.join(HERE, args.name)
    bands = tuple(args.bands) if args.bands else (WORLD_BANDS if args.bbox is None else ("h",))
    for b in bands:
        if b not in BANDS:
            ap.error("--bands: unknown resolution %r (c, l, i, h)" % b)
    relief = args.relief_res or (RELIEF_RES if args.bbox is None else 1.0 / 24.0)
    check_packages(args.install)
    if args.places_only:
        build_places_only(out, args.bbox)
    elif args.names_only:
        build_names_only(out, args.name, args.bbox, bands)
    elif not args.check_only:
        build(out, args.name, args.bbox, bands, relief)
    if args.check or args.check_only:
        sys.exit(0 if run_checks(out) else 1)


if __name__ == "__main__":
    main()
