"""Tests of the Python package incmap (python/), run by tests/python/run.sh
against the build tree or an installed prefix.

Environment: INCMAP_EXE (the incmap program, for comparisons with the CLI),
INCMAP_DATA (the repository's data/ folder).
"""
import datetime as dt
import json
import math
import os
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import incmap

DATA = os.environ["INCMAP_DATA"]
EXE = os.environ["INCMAP_EXE"]
SAMPLE = os.path.join(DATA, "iraq-2021.json")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def records():
    with open(SAMPLE, encoding="utf-8") as f:
        return json.load(f)["incidents"]


def cli_render(tmp_path, *args, ext="png"):
    out = tmp_path / f"cli.{ext}"
    subprocess.run([EXE, "render", SAMPLE, *args, "-o", str(out)], check=True,
                   stderr=subprocess.DEVNULL)
    return out.read_bytes()


# Most maps are small and without the basemap: the comparisons are about the
# incidents and options; test_file_path_gives_the_cli_bytes draws one in full.
SMALL = dict(size="400x300", title="Test map", basemap="none")
SMALL_CLI = ["--size", "400x300", "--title", "Test map", "--basemap", "none"]


# ---- the same map whatever the way in -------------------------------------

def test_file_path_gives_the_cli_bytes(tmp_path):
    """A file path through the package and the CLI: the same PNG, byte for byte."""
    assert incmap.render(SAMPLE, **SMALL) == cli_render(tmp_path, *SMALL_CLI)
    full = dict(size="800x600", title="Test map")
    assert incmap.render(SAMPLE, **full) == cli_render(tmp_path, "--size", "800x600",
                                                       "--title", "Test map")


def test_records_give_the_file_map(tmp_path):
    """The sample's records as a list of dicts (through im_incidents_add_columns,
    no JSON): the map of the file itself."""
    assert incmap.render(records(), **SMALL) == incmap.render(SAMPLE, **SMALL)


def test_dataframe_gives_the_file_map():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(records())
    assert incmap.render(df, **SMALL) == incmap.render(SAMPLE, **SMALL)
    # Dates as datetime64 (epoch seconds to the library), in UTC or with a zone.
    df["date"] = pd.to_datetime(df["date"], utc=True)
    assert incmap.render(df, **SMALL) == incmap.render(SAMPLE, **SMALL)
    df["date"] = df["date"].dt.tz_convert("Asia/Baghdad")
    assert incmap.render(df, **SMALL) == incmap.render(SAMPLE, **SMALL)
    # Categorical weapons, other column names given by columns=.
    df["weapon"] = df["weapon"].astype("category")
    df = df.rename(columns={"weapon": "attack", "lon": "X_deg"})
    assert incmap.render(df, columns={"weapon": "attack", "lon": "X_deg"}, **SMALL) == \
        incmap.render(SAMPLE, **SMALL)


def test_dataframe_fields_give_the_csv_map(tmp_path):
    """color_by=/size_by= a DataFrame column (handed over as named columns,
    im_columns.named) and the same table as a CSV file: the same PNG."""
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(records())
    kinds = ["Explosions", "Battles", None, "Riots"]
    df["event_type"] = [kinds[i % 4] for i in range(len(df))]
    df["fatalities"] = [float("nan") if i % 7 == 3 else (i * 5) % 23 for i in range(len(df))]
    df["priority"] = [i % 3 + 1 for i in range(len(df))]
    csv = tmp_path / "same.csv"
    df.to_csv(csv, index=False)
    for opts in (dict(color_by="event_type", size_by="fatalities"),
                 dict(color_by="Event_Type"),         # names match as the CSV reader's do
                 dict(size_by="fatalities", color_by="date"),
                 dict(color_by="priority", size_by="priority")):  # numbers as categories
        from_csv = incmap.render(str(csv), **SMALL, **opts)
        assert incmap.render(df, **SMALL, **opts) == from_csv, opts
        assert incmap.render(df.to_dict("records"), **SMALL, **opts) == from_csv, opts
    # and the fields make a difference (a legend by event type, sized symbols)
    plain = incmap.render(df, **SMALL)
    assert incmap.render(df, color_by="event_type", **SMALL) != plain
    assert incmap.render(df, size_by="fatalities", **SMALL) != plain
    # a bad size value names the row and the column, as the CSV's does
    df.loc[5, "fatalities"] = -4
    with pytest.raises(incmap.InputError, match=r"rows\[5\].*fatalities: -4 is not a size"):
        incmap.render(df, size_by="fatalities", **SMALL)


def test_geodataframe_points_in_another_crs():
    pd = pytest.importorskip("pandas")
    gpd = pytest.importorskip("geopandas")
    df = pd.DataFrame(records())
    gdf = gpd.GeoDataFrame(df.drop(columns=["lon", "lat"]),
                           geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")
    gdf = gdf.to_crs("EPSG:3857")  # back to degrees inside the package
    a = incmap.Map(gdf, **SMALL)
    assert len(a) == len(df)
    assert a.png() == incmap.render(SAMPLE, **SMALL)
    lines = gpd.GeoDataFrame(geometry=gpd.GeoSeries.from_wkt(["LINESTRING (40 30, 41 31)"]),
                             crs="EPSG:4326")
    with pytest.raises(TypeError, match="only Point"):
        incmap.Map(lines)


def test_epoch_seconds_and_times_of_day():
    """Integer epoch seconds: a day at 00:00 UTC, otherwise the instant."""
    recs = records()
    for r in recs:
        t = dt.datetime.fromisoformat(r["date"].replace("Z", "+00:00"))
        if t.tzinfo is None:
            t = t.replace(tzinfo=dt.timezone.utc)
        r["date"] = int(t.timestamp())
    assert incmap.render(recs, **SMALL) == incmap.render(SAMPLE, **SMALL)
    recs[0]["date"] += 3600  # 01:00 UTC: the instant, as the text of that instant gives it
    text = [dict(r) for r in records()]
    text[0]["date"] = text[0]["date"] + "T01:00:00Z"
    # A window ending at 00:30 keeps the day-precision record and leaves the
    # 01:00 one out.
    early = dict(SMALL, to="2019-05-19T00:30:00Z")
    assert incmap.render(recs, **early) == incmap.render(text, **early)
    assert incmap.render(recs, **early) != incmap.render(SAMPLE, **early)


# ---- outputs ---------------------------------------------------------------

def test_formats_and_reprs(tmp_path):
    m = incmap.Map(SAMPLE, size="400x300", basemap="none")
    png, svg, pdf = m.png(), m.svg(), m.pdf()
    assert png.startswith(PNG_MAGIC)
    assert pdf.startswith(b"%PDF-")
    root = ET.fromstring(svg.encode("utf-8"))
    assert root.tag.endswith("svg")
    assert m._repr_png_() == png and m._repr_svg_() is None
    assert "data:image/png;base64," in m._repr_html_()
    s = incmap.Map(SAMPLE, size="400x300", basemap="none", display="svg")
    assert s._repr_png_() is None and s._repr_svg_().startswith("<?xml")
    assert "data:image/svg+xml;base64," in s._repr_html_()
    # The SVG and PDF in memory are the files the CLI writes.
    cli = ["--size", "400x300", "--basemap", "none"]
    assert svg.encode("utf-8") == cli_render(tmp_path, *cli, ext="svg")
    assert pdf == cli_render(tmp_path, *cli, ext="pdf")


def test_interactive_page_and_time_lapse(tmp_path):
    """The HTML page and the WebP time-lapse in memory are the CLI's files."""
    cli = ["--size", "400x300", "--basemap", "none"]
    page = incmap.render(SAMPLE, "html", size="400x300", basemap="none")
    assert page.startswith(b"<!DOCTYPE html>") and b"<text" in page
    assert page == cli_render(tmp_path, *cli, ext="html")
    anim = incmap.render(SAMPLE, "webp", size="400x300", basemap="none", animate="month")
    assert anim[:4] == b"RIFF" and anim[8:12] == b"WEBP"
    assert anim == cli_render(tmp_path, *cli, "--animate", "month", ext="webp")
    assert incmap.Map(SAMPLE, **SMALL).html().startswith("<!DOCTYPE html>")


def test_fields_and_themes_as_the_cli(tmp_path):
    """--color-by FIELD, --size-by FIELD and --theme from a file: the CLI's map."""
    src = os.path.join(os.path.dirname(DATA), "tests", "data", "symbology",
                       "acled-fatalities.csv")
    if not os.path.exists(src):
        pytest.skip("the symbology fixture is not here (installed tree)")
    args = ["--size", "600x400", "--color-by", "event_type", "--size-by", "fatalities",
            "--theme", "dark", "--basemap", "none"]
    out = tmp_path / "cli.png"
    subprocess.run([EXE, "render", src, *args, "-q", "-o", str(out)], check=True)
    got = incmap.render(src, size="600x400", color_by="event_type", size_by="fatalities",
                        theme="dark", basemap="none")
    assert got == out.read_bytes()
    light = incmap.render(src, size="600x400", color_by="event_type", basemap="none")
    assert light != got


def test_save_by_extension(tmp_path):
    m = incmap.Map(records(), size="400x300", basemap="none")
    for ext, magic in (("png", PNG_MAGIC), ("svg", b"<?xml"), ("pdf", b"%PDF-")):
        p = tmp_path / f"m.{ext}"
        m.save(p)
        assert p.read_bytes().startswith(magic)
    with pytest.raises(incmap.ArgumentError, match="extension"):
        m.save(tmp_path / "m.gif")
    assert not (tmp_path / "m.gif").exists()
    with pytest.raises(incmap.FileError, match="folder does not exist"):
        m.save(tmp_path / "missing" / "m.png")


# ---- options ---------------------------------------------------------------

def test_options_mirror_the_cli(tmp_path):
    """Python values and CLI strings give the CLI's map."""
    want = cli_render(tmp_path, "--basemap", "none", "--size", "900x600", "--bbox", "42,32,46,37", "--weapon",
                      "rocket,drone", "--from", "2020-01-01", "--no-legend", "--color-by",
                      "date", "--title", "Options")
    got = incmap.render(SAMPLE, basemap="none", size=(900, 600), bbox=(42, 32, 46, 37),
                        weapon=["rocket", "drone"], from_=dt.date(2020, 1, 1), no_legend=True,
                        color_by="date", title="Options")
    assert got == want
    assert incmap.render(SAMPLE, basemap="none", size="900x600", bbox="42,32,46,37",
                         weapon="rocket,drone",
                         from_="2020-01-01", no_legend="true", color_by="date",
                         title="Options") == want
    assert "no_legend" in incmap.options() and "from_" in incmap.options()


@pytest.mark.parametrize("opts, match", [
    (dict(size="12x12"), 'options: size "12x12": expected WIDTHxHEIGHT'),
    (dict(bbox=(40, 30, 40, 35)), "west must differ from east"),
    (dict(colour_by="date"), 'unknown option "colour-by"'),
    (dict(color_by=""), "expected weapon, date or a field's name"),
    (dict(no_legend="maybe"), "expected true or false"),
    (dict(last="P0D"), "ISO 8601 period"),
    (dict(size="800x600", page="a4"), "page and size both"),
    (dict(world_file=True), "world-file and dump-layout"),
])
def test_bad_options_raise_argument_error(opts, match):
    with pytest.raises(incmap.ArgumentError, match=match) as e:
        incmap.render(SAMPLE, **opts)
    assert e.value.status == 2 and isinstance(e.value, ValueError)


# ---- errors carry incmap's messages ----------------------------------------

def test_bad_record_names_row_and_field():
    recs = records()
    recs[3]["lat"] = 95.0
    with pytest.raises(incmap.InputError) as e:
        incmap.Map(recs)
    assert e.value.status == 101
    assert e.value.status_name
    assert e.value.message == (f'records: rows[3] (id "{recs[3]["id"]}"): lat: 95 is outside '
                               "[-90, 90] (are lat and lon swapped?)")


def test_missing_values_and_skip_invalid():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(records())
    df.loc[5, "lon"] = np.nan
    df.loc[7, "weapon"] = None
    df.loc[9, "date"] = None
    with pytest.raises(incmap.InputError) as e:
        incmap.Map(df)
    text = "\n".join(e.value.messages)
    assert "DataFrame: rows[5]" in text and "lon: missing" in text
    assert "rows[7]" in text and "weapon: missing" in text
    assert "rows[9]" in text and "time: missing" in text
    assert "nothing loaded" in e.value.messages[-1]
    assert "(and 3 more: see .messages)" in str(e.value)
    with pytest.warns(incmap.IncmapWarning, match="lon: missing"):
        m = incmap.Map(df, skip_invalid=True)
    assert len(m) == len(df) - 3


def test_other_errors_map_to_classes(tmp_path):
    with pytest.raises(incmap.FileError) as e:
        incmap.Map(tmp_path / "nope.json")
    assert "nope.json" in e.value.message and e.value.status == 3
    with pytest.raises(incmap.ProjectionError, match="EPSG:999999"):
        incmap.render(SAMPLE, crs="EPSG:999999")
    bad = tmp_path / "bad.json"
    bad.write_text('{"incidents": [}')
    with pytest.raises(incmap.InputError) as e:
        incmap.Map(bad)
    assert e.value.status == 100 and "bad.json:1:" in e.value.message
    with pytest.raises(TypeError):
        incmap.Map(42)
    with pytest.raises(KeyError, match="no lat column"):
        pytest.importorskip("pandas").DataFrame({"lon": [1.0]}).pipe(incmap.Map)


def test_unknown_weapon_warns():
    recs = records()[:3]
    recs[0]["weapon"] = "trebuchet"
    with pytest.warns(incmap.IncmapWarning, match='unknown type "trebuchet"'):
        incmap.Map(recs, **SMALL).png()


def test_input_options_reach_the_reader(tmp_path):
    csv = tmp_path / "in.csv"
    csv.write_text("when,lat,lon,kind\n08/07/2021,33.3,44.4,rocket\n09/07/2021,33.4,44.3,drone\n")
    with pytest.raises(incmap.InputError):
        incmap.Map(csv)  # no weapon column under its own name, slash dates ambiguous
    m = incmap.Map(csv, field={"weapon": "kind", "date": "when"}, date_order="dmy", **SMALL)
    assert len(m) == 2 and m.png().startswith(PNG_MAGIC)


# ---- size ------------------------------------------------------------------

@pytest.mark.million
def test_a_million_rows():
    """1,000,000 DataFrame rows: handed over as arrays (hexagon density past
    200,000, with a warning), in a few seconds and without a text copy."""
    pd = pytest.importorskip("pandas")
    n = 1_000_000
    rng = np.random.default_rng(7)
    df = pd.DataFrame({
        "lon": 44 + rng.normal(0, 1.0, n),
        "lat": 33.5 + rng.normal(0, 0.8, n),
        "date": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D"),
        "weapon": pd.Categorical.from_codes(rng.integers(0, 3, n), ["rocket", "drone", "ied"]),
        "count": rng.integers(1, 5, n),
    })
    with pytest.warns(incmap.IncmapWarning, match="density"):
        m = incmap.Map(df, size="1200x675", title="A million")
        png = m.png()
    assert len(m) == n
    assert png.startswith(PNG_MAGIC)
    # A row in the middle is checked like any file's record.
    df.loc[654_321, "lat"] = -123.0
    with pytest.raises(incmap.InputError, match=r"rows\[654321\] \(id \"DataFrame#654321\"\): "
                                                 r"lat: -123 is outside"):
        incmap.Map(df)


# ---- the C API's versioning ------------------------------------------------

def test_versioned_structs_and_options():
    import ctypes
    from incmap import _lib
    lib = _lib.lib
    o = lib.im_opts_new(_lib.OPTS_VERSION)
    assert o
    # Without a context: only the status.
    assert lib.im_opts_set(None, o, b"size", b"12x12") == 2
    assert lib.im_opts_set(None, o, b"no-such-option", b"1") == 2
    assert lib.im_opts_set(None, o, b"size", b"1200x675") == 0
    lib.im_opts_free(o)
    assert not lib.im_opts_new(_lib.OPTS_VERSION + 1), "a newer caller is refused"
    ctx = lib.im_context_new()
    s = lib.im_incidents_new()
    try:
        cols = _lib.Columns()
        cols.struct_size = ctypes.sizeof(_lib.Columns) + 8  # from a newer header
        assert lib.im_incidents_add_columns(ctx, s, b"x", ctypes.byref(cols)) == 2
        assert b"struct_size" in lib.im_context_last_error(ctx)
        lib.im_context_clear_error(ctx)
        # An older caller that knows only struct_size, n, lon and lat: no rows is fine.
        cols.struct_size = 32
        assert lib.im_incidents_add_columns(ctx, s, b"x", ctypes.byref(cols)) == 0
        # A dictionary code past the values is the caller's bug, named.
        lon = (ctypes.c_double * 1)(44.0)
        lat = (ctypes.c_double * 1)(33.0)
        vals = (ctypes.c_char_p * 1)(b"rocket")
        codes = (ctypes.c_int32 * 1)(5)
        cols = _lib.Columns(struct_size=ctypes.sizeof(_lib.Columns), n=1, lon=lon, lat=lat)
        cols.time_text = _lib.Strings(vals, None, 1)
        cols.weapon = _lib.Strings(vals, codes, 1)
        assert lib.im_incidents_add_columns(ctx, s, b"x", ctypes.byref(cols)) == 2
        assert b"rows[0]: weapon: code 5 is not below the 1 values" in \
            lib.im_context_last_error(ctx)
        assert lib.im_incidents_count(s) == 0
    finally:
        lib.im_incidents_free(s)
        lib.im_context_free(ctx)
