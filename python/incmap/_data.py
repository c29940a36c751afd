"""Turning a DataFrame, a GeoDataFrame or a list of dicts into im_columns.

Numbers are handed to the library by pointer (numpy arrays, no copy when a
column already is contiguous float64), strings as a dictionary (the distinct
values once, plus one int32 code per row), so a million rows never pass
through JSON or CSV text.
"""
import ctypes
import datetime as _dt
import sys

import numpy as np

from ._lib import Columns, NamedColumn, Strings

# The names looked for, per field, in this order (case-insensitive); the
# first column found is used. columns={"weapon": "attack_type"} overrides.
KNOWN = {
    "lon": ("lon", "longitude", "lng", "long", "x"),
    "lat": ("lat", "latitude", "y"),
    "time": ("time", "date", "datetime", "timestamp", "event_date"),
    "weapon": ("weapon", "category", "type", "weapon_type", "attack_type", "event_type"),
    "site": ("site", "location", "place"),
    "id": ("id", "event_id", "event_id_cnty", "incident_id"),
    "source": ("source",),
    "count": ("count", "n", "attacks"),
    "casualties": ("casualties", "fatalities", "deaths", "killed"),
    "uncertainty_km": ("uncertainty_km", "uncertainty"),
}
NUMBERS = ("count", "casualties", "uncertainty_km")
STRINGS = ("weapon", "site", "id", "source")


def _pick(names, field, mapping):
    """The column holding field, or None."""
    if field in mapping:
        if mapping[field] not in names:
            raise KeyError(f"columns: {mapping[field]!r} (given for {field}) is not a column; "
                           f"the columns are {list(names)}")
        return mapping[field]
    lower = {str(n).lower(): n for n in names}
    for cand in KNOWN[field]:
        if cand in lower:
            return lower[cand]
    return None


def _factorize(values):
    """(codes int32, distinct values) of a sequence; missing -> -1."""
    try:
        import pandas as pd
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
        return codes.astype(np.int32, copy=False), list(uniques)
    except ImportError:
        index, uniques = {}, []
        codes = np.empty(len(values), dtype=np.int32)
        for i, v in enumerate(values):
            if v is None or (isinstance(v, float) and v != v):
                codes[i] = -1
                continue
            k = index.get(v)
            if k is None:
                k = index[v] = len(uniques)
                uniques.append(v)
            codes[i] = k
        return codes, uniques


def _text(v):
    """A value as the text the library reads."""
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(_dt.timezone.utc).replace(tzinfo=None)
            return v.isoformat() + "Z"
        return v.isoformat()
    if isinstance(v, _dt.date):
        return v.isoformat()
    if hasattr(v, "isoformat"):  # pandas Timestamp without pandas imported here
        return v.isoformat()
    return str(v)


class Columns_:
    """An im_columns and everything its pointers point into (kept alive)."""

    def __init__(self):
        self.c = Columns()
        self.c.struct_size = ctypes.sizeof(Columns)
        self.keep = []

    def numbers(self, member, values):
        a = np.ascontiguousarray(values, dtype=np.float64)
        self.keep.append(a)
        setattr(self.c, member, a.ctypes.data_as(ctypes.POINTER(ctypes.c_double)))

    def strings(self, member, values):
        setattr(self.c, member, self._strings(values))

    def _strings(self, values):
        codes, uniques = _factorize(values)
        enc = [_text(u).encode("utf-8") for u in uniques]
        arr = (ctypes.c_char_p * max(len(enc), 1))(*enc)
        codes = np.ascontiguousarray(codes, dtype=np.int32)
        self.keep += [codes, arr, enc]
        s = Strings()
        s.values = ctypes.cast(arr, ctypes.POINTER(ctypes.c_char_p))
        s.codes = codes.ctypes.data_as(ctypes.POINTER(ctypes.c_int32))
        s.n_values = len(enc)
        return s

    def named(self, columns):
        """Columns by name: [(name, values, as_text)], for color_by/size_by FIELD."""
        if not columns:
            return
        arr = (NamedColumn * len(columns))()
        for k, (name, values, as_text) in enumerate(columns):
            enc = str(name).encode("utf-8")
            self.keep.append(enc)
            arr[k].name = enc
            if as_text:
                arr[k].text = self._strings(values)
            else:
                a = np.ascontiguousarray(values, dtype=np.float64)
                self.keep.append(a)
                arr[k].num = a.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        self.keep.append(arr)
        self.c.n_named = len(columns)
        self.c.named = ctypes.cast(arr, ctypes.POINTER(NamedColumn))

    def times(self, values):
        """Datetimes as epoch seconds (NaT: missing); anything else as text."""
        a = np.asarray(values)
        if a.dtype.kind == "M":
            secs = a.astype("datetime64[s]").astype(np.int64)  # NaT stays INT64_MIN
            secs = np.ascontiguousarray(secs)
            self.keep.append(secs)
            self.c.time = secs.ctypes.data_as(ctypes.POINTER(ctypes.c_int64))
        elif a.dtype.kind in "iu":
            secs = np.ascontiguousarray(a, dtype=np.int64)
            self.keep.append(secs)
            self.c.time = secs.ctypes.data_as(ctypes.POINTER(ctypes.c_int64))
        else:
            self.strings("time_text", a)


def _series_values(col):
    """A pandas column as numpy; tz-aware datetimes in UTC."""
    import pandas as pd
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        col = col.dt.tz_convert("UTC").dt.tz_localize(None)
    if isinstance(col.dtype, pd.CategoricalDtype):
        return col  # factorize keeps its categories
    if pd.api.types.is_numeric_dtype(col.dtype) and col.dtype.kind not in "fiu":
        return col.to_numpy(dtype=np.float64, na_value=np.nan)  # nullable Int64 etc.
    return col.to_numpy()


def is_geo(df):
    """Is df a geopandas GeoDataFrame (with an active geometry column)?"""
    gpd = sys.modules.get("geopandas")
    return gpd is not None and isinstance(df, gpd.GeoDataFrame) and \
        df._geometry_column_name in df.columns


def _find(names, name):
    """The column called name, matched as the library matches a file's
    column names (exact, else ignoring case and surrounding blanks); None."""
    if name in names:
        return name
    want = str(name).strip(" \t").lower()
    for n in names:
        if str(n).strip(" \t").lower() == want:
            return n
    return None


def _named(names, fields, values_of, is_number):
    """[(name, values, as_text)] for fields {"color": name, "size": name}:
    a colour field as text, a size field as numbers when the column holds
    numbers; one column for both is passed once, as text."""
    out = []
    color = _find(names, fields["color"]) if fields.get("color") else None
    size = _find(names, fields["size"]) if fields.get("size") else None
    if color is not None:
        out.append((color, values_of(color), True))
    if size is not None and size != color:
        out.append((size, values_of(size), not is_number(size)))
    return out


def from_frame(df, mapping, fields=None):
    """im_columns of a pandas DataFrame (a GeoDataFrame: points from its
    geometry). fields: {"color": name, "size": name} of color_by/size_by
    FIELD, handed over as named columns."""
    names = list(df.columns)
    out = Columns_()
    out.c.n = len(df)
    geom = df.geometry if is_geo(df) else None
    if geom is not None and "lon" not in mapping and "lat" not in mapping:
        if geom.crs is not None and not geom.crs.equals("EPSG:4326"):
            geom = geom.to_crs("EPSG:4326")
        kinds = set(geom.geom_type.dropna().unique())
        if not kinds <= {"Point"}:
            raise TypeError(f"GeoDataFrame: only Point geometries can be incidents, not "
                            f"{sorted(kinds - {'Point'})} (use .centroid or .representative_point())")
        out.numbers("lon", geom.x.to_numpy())
        out.numbers("lat", geom.y.to_numpy())
        names = [n for n in names if n != df.geometry.name]
    else:
        for f in ("lon", "lat"):
            col = _pick(names, f, mapping)
            if col is None:
                raise KeyError(f"DataFrame: no {f} column (looked for {', '.join(KNOWN[f])}; "
                               f"name it with columns={{'{f}': ...}})")
            out.numbers(f, _series_values(df[col]))
    col = _pick(names, "time", mapping)
    if col is not None:
        out.times(_series_values(df[col]))
    for f in STRINGS:
        col = _pick(names, f, mapping)
        if col is not None:
            out.strings(f, _series_values(df[col]))
    for f in NUMBERS:
        col = _pick(names, f, mapping)
        if col is not None:
            out.numbers(f, _series_values(df[col]))
    if fields:
        import pandas as pd

        def values_of(col):
            return _series_values(df[col])

        def is_number(col):
            return pd.api.types.is_numeric_dtype(df[col].dtype) and \
                not pd.api.types.is_bool_dtype(df[col].dtype)

        out.named(_named(names, fields, values_of, is_number))
    return out


def from_records(records, mapping, fields=None):
    """im_columns of a list of dicts (no pandas needed); fields as from_frame()."""
    records = list(records)
    names = []
    for r in records:
        if not isinstance(r, dict):
            raise TypeError(f"incidents as a list must hold dicts, not {type(r).__name__}")
        for k in r:
            if k not in names:
                names.append(k)
    out = Columns_()
    out.c.n = len(records)

    def column(field):
        col = _pick(names, field, mapping)
        return None if col is None else [r.get(col) for r in records]

    for f in ("lon", "lat"):
        vals = column(f)
        if vals is None:
            raise KeyError(f"records: no {f} key (looked for {', '.join(KNOWN[f])})")
        out.numbers(f, np.array(vals, dtype=np.float64))
    vals = column("time")
    if vals is not None:
        if all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
            out.times(np.array(vals, dtype=np.int64))
        else:
            out.strings("time_text", vals)
    for f in STRINGS:
        vals = column(f)
        if vals is not None:
            out.strings(f, vals)
    for f in NUMBERS:
        vals = column(f)
        if vals is not None:
            out.numbers(f, np.array(vals, dtype=np.float64))
    if fields:
        def values_of(col):
            return [r.get(col) for r in records]

        def is_number(col):
            return all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                       for v in values_of(col))

        out.named(_named(names, fields, values_of, is_number))
    return out
