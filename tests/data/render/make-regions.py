#!/usr/bin/env python3
"""Writes region test files shaped like ACLED extracts (incmap JSON: id,
date, lat, lon, site, weapon), for the layout battery:
  sudan-2024.json   Sudan, 3 January to 28 December 2024: a year's span
                    whose colour bar must still carry dated ticks at
                    800x600 and 1200x675 (a narrow bar);
  yemen.json        Yemen and the Red Sea: clusters whose counts must
                    stay legible under --theme dark;
  myanmar-acled.json  ~300 events around Sagaing, Mandalay, Yangon,
                    Rakhine and Shan, with villages of Sagaing and
                    Mandalay close enough that their clusters merge at
                    poster size;
  arctic.json       Nuuk to Utqiagvik by way of Svalbard and Norilsk
                    (64-78 N over 286 degrees of longitude): a band round
                    the pole, which must be drawn polar stereographic at
                    every size (written with "arctic" named);
  levant.json       Gaza, Israel and Lebanon: dense sites whose led labels
                    must reach their markers (640x480) and Rafah's markers
                    ringed round Khan Younis's cluster, one label (A3);
  colombia.json     sites written without accents ("Bogota") beside
                    GeoNames' "Bogotá": one label;
  mexico.json       the capital dots north of the border (print theme);
  afpak.json        Pakistan and Afghanistan (dark theme).
Run with an output folder (default: this one) and optionally the names of
further regions (sahel, ukraine, levant, yemen, somalia, drc, colombia,
mexico, afpak, pacific, arctic) for looking at, not for the battery."""
import json
import os
import random
import sys

WEAPONS = ["rocket", "drone", "ied", "small arms", "mortar", "airstrike", "missile"]

REGIONS = {
    "sudan-2024": ("Attacks in Sudan, 2024 (ACLED-shaped test data)", "2024-01-03", "2024-12-28", [
        ("Khartoum", 15.50, 32.56, 40), ("Omdurman", 15.64, 32.48, 30),
        ("Bahri", 15.64, 32.53, 20), ("Wad Madani", 14.40, 33.52, 20),
        ("El Fasher", 13.63, 25.35, 35), ("Nyala", 12.05, 24.88, 15),
        ("El Geneina", 13.45, 22.45, 10), ("El Obeid", 13.18, 30.22, 12),
        ("Kadugli", 11.01, 29.72, 6), ("Sennar", 13.55, 33.62, 8),
        ("Port Sudan", 19.62, 37.22, 3)]),
    "myanmar-acled": ("Armed clashes and air strikes in Myanmar (ACLED-shaped test data)",
                      "2023-02-01", "2024-09-30", [
        ("Sagaing", 21.88, 95.98, 30), ("Monywa", 22.11, 95.14, 25),
        ("Shwebo", 22.57, 95.70, 18), ("Myinmu", 21.93, 95.58, 14),
        ("Kani", 22.43, 94.86, 10), ("Ayadaw", 22.27, 95.44, 10),
        ("Mandalay", 21.97, 96.08, 30), ("Madaya", 22.21, 96.12, 12),
        ("Myingyan", 21.46, 95.39, 12), ("Amarapura", 21.90, 96.05, 10),
        ("Pyin Oo Lwin", 22.03, 96.46, 8),
        ("Yangon", 16.80, 96.16, 25), ("Hlaingthaya", 16.87, 96.06, 10),
        ("Sittwe", 20.15, 92.90, 15), ("Mrauk-U", 20.59, 93.19, 10),
        ("Kyauktaw", 20.84, 92.98, 8), ("Lashio", 22.94, 97.75, 12),
        ("Hsipaw", 22.62, 97.30, 8), ("Laukkaing", 23.69, 98.76, 10),
        ("Taunggyi", 20.78, 97.04, 6)]),
    "sahel": ("Attacks in the central Sahel (ACLED-shaped test data)", "2023-01-05", "2024-06-20", [
        ("Bamako", 12.64, -8.00, 8), ("Mopti", 14.49, -4.18, 20), ("Gao", 16.27, -0.04, 25),
        ("Menaka", 15.92, 2.40, 20), ("Timbuktu", 16.77, -3.01, 12), ("Djibo", 14.10, -1.63, 30),
        ("Ouagadougou", 12.37, -1.52, 6), ("Kaya", 13.09, -1.08, 18), ("Dori", 14.03, -0.03, 16),
        ("Fada N'gourma", 12.06, 0.36, 12), ("Niamey", 13.51, 2.11, 8), ("Tillaberi", 14.21, 1.45, 22),
        ("Diffa", 13.32, 12.61, 10), ("Tahoua", 14.89, 5.27, 6)]),
    "ukraine": ("Strikes along the front in Ukraine (ACLED-shaped test data)", "2024-01-01", "2024-03-31", [
        ("Kharkiv", 49.99, 36.23, 30), ("Kupiansk", 49.71, 37.62, 25), ("Bakhmut", 48.60, 38.00, 30),
        ("Avdiivka", 48.14, 37.74, 40), ("Pokrovsk", 48.28, 37.18, 15), ("Donetsk", 48.00, 37.80, 10),
        ("Vuhledar", 47.78, 37.25, 15), ("Robotyne", 47.45, 35.84, 20), ("Zaporizhzhia", 47.84, 35.14, 15),
        ("Kherson", 46.64, 32.61, 30), ("Nikopol", 47.57, 34.39, 20), ("Odesa", 46.48, 30.72, 8),
        ("Sumy", 50.91, 34.80, 10), ("Kyiv", 50.45, 30.52, 6)]),
    "levant": ("Strikes in Gaza, Israel and Lebanon (ACLED-shaped test data)", "2023-10-07", "2024-10-31", [
        ("Gaza City", 31.50, 34.47, 40), ("Jabalia", 31.53, 34.48, 25), ("Khan Younis", 31.34, 34.31, 30),
        ("Rafah", 31.29, 34.25, 30), ("Deir al-Balah", 31.42, 34.35, 15), ("Sderot", 31.52, 34.60, 10),
        ("Ashkelon", 31.67, 34.57, 8), ("Tel Aviv", 32.08, 34.78, 5), ("Haifa", 32.79, 34.99, 4),
        ("Kiryat Shmona", 33.21, 35.57, 15), ("Metula", 33.28, 35.58, 10), ("Nabatieh", 33.38, 35.48, 15),
        ("Tyre", 33.27, 35.20, 15), ("Beirut", 33.89, 35.50, 10), ("Baalbek", 34.01, 36.21, 8),
        ("Jenin", 32.46, 35.30, 10)]),
    "yemen": ("Attacks in Yemen and the Red Sea (ACLED-shaped test data)", "2023-11-19", "2024-08-30", [
        ("Sanaa", 15.37, 44.19, 20), ("Hodeidah", 14.80, 42.95, 25), ("Taiz", 13.58, 44.02, 15),
        ("Marib", 15.46, 45.32, 15), ("Aden", 12.79, 45.03, 6), ("Saada", 16.94, 43.76, 10),
        ("Red Sea, off Hodeidah", 14.5, 42.2, 10), ("Bab el-Mandeb", 12.6, 43.3, 12),
        ("Gulf of Aden", 12.9, 47.5, 8), ("Red Sea, off Mocha", 13.3, 42.9, 8)]),
    "somalia": ("Attacks in Somalia (ACLED-shaped test data)", "2024-01-02", "2024-11-30", [
        ("Mogadishu", 2.04, 45.34, 40), ("Afgooye", 2.14, 45.12, 15), ("Baidoa", 3.12, 43.65, 12),
        ("Beledweyne", 4.74, 45.20, 10), ("Kismayo", -0.36, 42.55, 10), ("Jowhar", 2.78, 45.50, 12),
        ("Bosaso", 11.28, 49.18, 5), ("Galkayo", 6.77, 47.43, 6), ("Dhusamareb", 5.54, 46.39, 6)]),
    "drc": ("Attacks in eastern DR Congo (ACLED-shaped test data)", "2024-01-10", "2024-12-20", [
        ("Goma", -1.68, 29.22, 25), ("Sake", -1.57, 29.05, 20), ("Rutshuru", -1.19, 29.45, 15),
        ("Beni", 0.49, 29.47, 30), ("Butembo", 0.14, 29.29, 15), ("Bunia", 1.56, 30.25, 15),
        ("Djugu", 1.92, 30.50, 15), ("Masisi", -1.40, 28.81, 12), ("Bukavu", -2.51, 28.86, 6),
        ("Uvira", -3.40, 29.14, 6)]),
    "colombia": ("Attacks in Colombia (ACLED-shaped test data)", "2024-02-01", "2024-10-31", [
        ("Cali", 3.45, -76.53, 10), ("Jamundi", 3.26, -76.54, 12), ("Suarez", 2.95, -76.70, 15),
        ("Argelia", 2.26, -77.25, 10), ("Tumaco", 1.80, -78.76, 10), ("Cucuta", 7.89, -72.50, 12),
        ("Tibu", 8.64, -72.74, 15), ("Medellin", 6.24, -75.58, 5), ("Bogota", 4.71, -74.07, 3),
        ("Arauca", 7.08, -70.76, 10)]),
    "mexico": ("Attacks in Mexico (ACLED-shaped test data)", "2024-01-01", "2024-12-31", [
        ("Culiacan", 24.80, -107.39, 30), ("Tijuana", 32.51, -117.04, 15), ("Ciudad Juarez", 31.69, -106.42, 12),
        ("Uruapan", 19.41, -102.05, 15), ("Apatzingan", 19.09, -102.35, 15), ("Celaya", 20.52, -100.81, 15),
        ("Acapulco", 16.85, -99.82, 10), ("Reynosa", 26.09, -98.28, 10), ("Mexico City", 19.43, -99.13, 8),
        ("Chilpancingo", 17.55, -99.50, 8)]),
    "afpak": ("Attacks in Pakistan and Afghanistan (ACLED-shaped test data)", "2024-01-05", "2024-12-15", [
        ("Peshawar", 34.01, 71.58, 20), ("Bannu", 32.99, 70.60, 15), ("Dera Ismail Khan", 31.83, 70.90, 12),
        ("Miranshah", 33.00, 70.07, 15), ("Wana", 32.30, 69.57, 10), ("Khar", 34.73, 71.52, 10),
        ("Quetta", 30.18, 66.99, 15), ("Turbat", 26.00, 63.04, 8), ("Gwadar", 25.13, 62.32, 6),
        ("Karachi", 24.86, 67.01, 6), ("Kabul", 34.53, 69.17, 10), ("Jalalabad", 34.43, 70.45, 8),
        ("Kandahar", 31.61, 65.71, 6), ("Kunduz", 36.73, 68.86, 5), ("Herat", 34.35, 62.20, 4)]),
    "pacific": ("Incidents across the Pacific (test data across 180 degrees)", "2024-01-01", "2024-06-30", [
        ("Suva", -18.14, 178.44, 10), ("Nukualofa", -21.14, -175.20, 8), ("Apia", -13.83, -171.76, 8),
        ("Funafuti", -8.52, 179.19, 5), ("Port Vila", -17.73, 168.32, 6), ("Noumea", -22.27, 166.44, 6),
        ("Labasa", -16.43, 179.36, 4), ("Pago Pago", -14.28, -170.70, 4)]),
    "arctic": ("Incidents in the high north (test data)", "2024-01-01", "2024-12-31", [
        ("Murmansk", 68.97, 33.08, 10), ("Severomorsk", 69.07, 33.42, 8), ("Olenya", 68.15, 33.46, 8),
        ("Longyearbyen", 78.22, 15.65, 3), ("Tromso", 69.65, 18.96, 4), ("Kirkenes", 69.73, 30.05, 6),
        ("Norilsk", 69.35, 88.20, 3), ("Vorkuta", 67.50, 64.03, 3), ("Nuuk", 64.18, -51.72, 2),
        ("Utqiagvik", 71.29, -156.79, 2), ("Tiksi", 71.64, 128.87, 2)]),
}


def days(a, b):
    import datetime
    d0, d1 = datetime.date.fromisoformat(a), datetime.date.fromisoformat(b)
    return d0, (d1 - d0).days


# Sudan's remote violence is air strikes (the army) and drone strikes
# (both sides): two types, so a narrow legend.
WEAPONS_OF = {"sudan-2024": ["airstrike", "drone"]}


def write(name, folder):
    import datetime
    title, first, last, sites = REGIONS[name]
    random.seed(name)
    d0, span = days(first, last)
    out = []
    for site, lat, lon, n in sites:
        for _ in range(n):
            # ACLED geocodes to the town (precision 1) or a little off it
            jit = 0 if random.random() < 0.6 else 0.03
            if name == "sudan-2024":  # geocoded to villages around the town
                jit = 0.25
            out.append({"id": "%s%d" % (name[:3], len(out)),
                        "date": (d0 + datetime.timedelta(days=random.randint(1, span - 1))).isoformat(),
                        "lat": round(lat + random.uniform(-jit, jit), 4),
                        "lon": round(lon + random.uniform(-jit, jit), 4),
                        "site": site, "weapon": random.choice(WEAPONS_OF.get(name, WEAPONS))})
    # the span's two ends, exactly
    out[0]["date"], out[-1]["date"] = first, last
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump({"title": title, "incidents": out}, f, indent=0)
        f.write("\n")


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    for name in sys.argv[2:] or ["sudan-2024", "myanmar-acled", "yemen", "levant", "colombia",
                                 "mexico", "afpak"]:
        write(name, folder)
