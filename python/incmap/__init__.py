"""incmap: incident maps for notebooks and report pipelines.

    import incmap
    m = incmap.Map(df, title="Attacks, 2021", size="1200x675")
    m                      # shown inline in Jupyter
    m.save("attacks.pdf")  # or .png / .svg
    png = incmap.render(df, format="png", bbox=(38, 29, 49, 38))

Data: a pandas DataFrame (columns lon, lat, date/time, weapon/category, site,
id, count, casualties, source; other names with columns={...}), a geopandas
GeoDataFrame of points, a list of dicts, or the path of an incident file
(JSON, GeoJSON, CSV, GeoPackage, ... as "incmap render" reads them).

Options are those of "incmap render" as keywords: dashes become underscores
(color_by="date", no_legend=True), "from" is from_; a value may be a string
as on the command line or a Python value (bbox=(38, 29, 49, 38),
size=(1200, 675), weapon=["rocket", "drone"], from_=datetime.date(2021, 1, 1)).
Input options (skip_invalid, dedupe, preset, date_format, date_order,
layer_name, field, strict) and style= apply to how the data is read.
"""
import base64
import ctypes
import datetime as _dt
import os
import warnings

from . import _lib
from ._lib import lib

__all__ = ["Map", "render", "Error", "ArgumentError", "InputError", "FileError",
           "ProjectionError", "RenderError", "IncmapWarning", "options", "version"]


def version():
    """The version of the loaded libincmap."""
    return lib.im_version().decode()


class IncmapWarning(UserWarning):
    """A warning incmap logged (an unknown weapon type, a map beyond its basemap)."""


class Error(Exception):
    """An error incmap reported: .status (im_status code), .status_name, .message
    (the first error, naming the data, record and field) and .messages (all)."""

    def __init__(self, status, message, messages=()):
        self.status = status
        self.status_name = lib.im_strerror(status).decode()
        self.message = message or self.status_name
        self.messages = list(messages) or [self.message]
        more = len(self.messages) - 1
        text = self.message + (f" (and {more} more: see .messages)" if more > 0 else "")
        super().__init__(text)


class ArgumentError(Error, ValueError):
    """An invalid option or argument (IM_ERR_ARG)."""


class FileError(Error):
    """A file could not be read or written (IM_ERR_IO_READ, IM_ERR_IO_WRITE)."""


class InputError(Error):
    """The incidents, a basemap or a style are invalid (statuses 100-199)."""


class ProjectionError(Error):
    """The CRS, a transformation or the extent failed (statuses 200-299)."""


class RenderError(Error):
    """Drawing or encoding failed (statuses 300-399)."""


def _error_class(status):
    if status == 2:
        return ArgumentError
    if status in (3, 4):
        return FileError
    if 100 <= status < 200:
        return InputError
    if 200 <= status < 300:
        return ProjectionError
    if 300 <= status < 400:
        return RenderError
    return Error


_INPUT_OPTIONS = {"skip_invalid", "dedupe", "preset", "date_format", "date_order",
                  "layer_name", "field", "strict", "style", "theme", "basemap_dir", "columns"}


def options():
    """The option names Map() and render() take, as keywords, with whether each
    takes a value (False: a flag, given as True/False)."""
    names = {n.replace("-", "_") + ("_" if n == "from" else ""): v
             for n, v in _lib.option_names().items()}
    names.update({n: n not in ("skip_invalid", "strict") for n in _INPUT_OPTIONS})
    return names


def _option_text(name, value):
    """A Python value as the command line would write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if name == "size" and isinstance(value, (tuple, list)):
        return "x".join(str(int(v)) for v in value)
    if isinstance(value, (tuple, list)) and name in ("bbox", "weapon"):
        return ",".join(repr(float(v)) if name == "bbox" else str(v) for v in value)
    return str(value)


class _Context:
    """An im_context that keeps what the library logs."""

    def __init__(self):
        self.ptr = lib.im_context_new()
        if not self.ptr:
            raise MemoryError("incmap: cannot create a context")
        self.errors, self.warnings = [], []

        def log(user, level, message):
            text = message.decode("utf-8", "replace")
            if level >= _lib.LOG_ERROR:
                self.errors.append(text)
            elif level == _lib.LOG_WARNING:
                self.warnings.append(text)

        self._log = _lib.LOG_FN(log)  # referenced as long as the context lives
        lib.im_context_set_log(self.ptr, self._log, None)

    def check(self, status):
        """Raise the status as an Error carrying the context's messages."""
        if status == 0:
            return
        first = (lib.im_context_last_error(self.ptr) or b"").decode("utf-8", "replace")
        messages = self.errors or ([first] if first else [])
        self.errors = []
        lib.im_context_clear_error(self.ptr)
        raise _error_class(status)(status, first, messages)

    def flush_warnings(self):
        for w in self.warnings:
            warnings.warn(w, IncmapWarning, stacklevel=3)
        self.warnings = []

    def close(self):
        if self.ptr:
            lib.im_context_free(self.ptr)
            self.ptr = None


def _bytes(text):
    return os.fsencode(text) if isinstance(text, os.PathLike) else str(text).encode("utf-8")


def _fields(options):
    """The fields color_by= and size_by= name (not weapon/date, casualties/count):
    {"color": name, "size": name}, for the columns handed to the library."""
    color, size = options.get("color_by"), options.get("size_by")
    return {"color": color if color not in (None, "", "weapon", "date") else None,
            "size": size if size not in (None, "", "casualties", "count") else None}


# Output formats by name (im_output_format).
_FORMATS = {"png": _lib.OUTPUT_PNG, "svg": _lib.OUTPUT_SVG, "pdf": _lib.OUTPUT_PDF,
            "html": _lib.OUTPUT_HTML, "webp": _lib.OUTPUT_WEBP}
_FORMAT_NAMES = "png, svg, pdf, html or webp"

class Map:
    """A map of incidents: shown inline in Jupyter (_repr_png_, _repr_svg_,
    _repr_html_), written with save(path), or taken as bytes with png(),
    svg() and pdf(). The data is read once, when the Map is made; each
    format is rendered once, when first asked for.

    display: the format a notebook shows, "png" (default) or "svg".
    """

    def __init__(self, data, *, display="png", **options):
        if display not in ("png", "svg"):
            raise ArgumentError(2, f'display "{display}": expected png or svg')
        self.display = display
        self._cache = {}
        self._ctx = _Context()
        self._set = None
        self._opts = None
        try:
            self._set = lib.im_incidents_new()
            self._opts = lib.im_opts_new(_lib.OPTS_VERSION)
            if not self._set or not self._opts:
                raise MemoryError("incmap: out of memory")
            render_opts = self._input_options(options)
            for name, value in render_opts.items():
                if value is None:
                    continue
                cname = name.rstrip("_").replace("_", "-")
                values = value if cname == "layer" and isinstance(value, (list, tuple)) else [value]
                for v in values:
                    self._ctx.check(lib.im_opts_set(self._ctx.ptr, self._opts, cname.encode(),
                                                    _option_text(cname, v).encode("utf-8")))
            self._load(data, options.get("columns") or {}, _fields(options))
        except BaseException:
            self.close()
            raise
        self._ctx.flush_warnings()

    def _input_options(self, options):
        """Apply the options about reading the data to the context; return the rest."""
        ctx = self._ctx
        rest = {}
        for name, value in options.items():
            if name == "columns" or value is None:
                continue
            if name not in _INPUT_OPTIONS:
                rest[name] = value
                # --color-by/--size-by FIELD: the field is read with the records
                if name == "color_by" and value not in ("weapon", "date") and value:
                    ctx.check(lib.im_context_set_field(ctx.ptr, b"category", _bytes(value)))
                elif name == "size_by" and value not in ("casualties", "count") and value:
                    ctx.check(lib.im_context_set_field(ctx.ptr, b"size", _bytes(value)))
            elif name == "style":
                ctx.check(lib.im_context_load_style(ctx.ptr, _bytes(value)))
            elif name == "theme":
                ctx.check(lib.im_context_load_theme(ctx.ptr, _bytes(value)))
            elif name == "basemap_dir":
                ctx.check(lib.im_context_set_basemap_dir(ctx.ptr, _bytes(value)))
            elif name == "skip_invalid":
                lib.im_context_set_skip_invalid(ctx.ptr, 1 if value else 0)
            elif name == "strict":
                lib.im_context_set_strict(ctx.ptr, 1 if value else 0)
            elif name == "dedupe":
                if value not in (True, "id"):
                    raise ArgumentError(2, f'dedupe "{value}": expected "id" (or True)')
                lib.im_context_set_dedupe(ctx.ptr, 1)
            elif name == "field":
                for field, col in dict(value).items():
                    ctx.check(lib.im_context_set_field(ctx.ptr, field.encode(), col.encode()))
            else:
                setter = getattr(lib, "im_context_set_" + name)
                setter.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
                ctx.check(setter(ctx.ptr, str(value).encode("utf-8")))
        return rest

    def _load(self, data, mapping, fields):
        ctx = self._ctx
        if isinstance(data, (str, bytes, os.PathLike)):
            path = os.fsencode(data)
            ctx.check(lib.im_incidents_load(ctx.ptr, self._set, path, 0))
            return
        from . import _data
        if hasattr(data, "columns") and hasattr(data, "iloc"):
            cols = _data.from_frame(data, mapping, fields)
            name = b"GeoDataFrame" if _data.is_geo(data) else b"DataFrame"
        elif isinstance(data, (list, tuple)):
            cols = _data.from_records(data, mapping, fields)
            name = b"records"
        else:
            raise TypeError(f"incmap: cannot map a {type(data).__name__}; give a DataFrame, "
                            "a GeoDataFrame, a list of dicts or a file path")
        ctx.check(lib.im_incidents_add_columns(ctx.ptr, self._set, name, ctypes.byref(cols.c)))

    def __len__(self):
        """The incidents read (before the time window and weapon filters)."""
        return lib.im_incidents_count(self._set)

    def _render(self, fmt):
        if fmt in self._cache:
            return self._cache[fmt]
        if not self._set:
            raise ValueError("incmap: the Map is closed")
        code = _FORMATS[fmt]
        data = ctypes.POINTER(ctypes.c_ubyte)()
        size = ctypes.c_size_t()
        st = lib.im_render_to_memory(self._ctx.ptr, self._set, self._opts, code,
                                     ctypes.byref(data), ctypes.byref(size))
        self._ctx.flush_warnings()
        self._ctx.check(st)
        try:
            out = ctypes.string_at(data, size.value)
        finally:
            lib.im_free(data)
        self._cache[fmt] = out
        return out

    def png(self):
        """The map as PNG bytes."""
        return self._render("png")

    def svg(self):
        """The map as an SVG document (str)."""
        return self._render("svg").decode("utf-8")

    def pdf(self):
        """The map as PDF bytes."""
        return self._render("pdf")

    def html(self):
        """The map as one self-contained interactive HTML page (str)."""
        return self._render("html").decode("utf-8")

    def save(self, path, format=None):
        """Write the map to path; the format from format= or the extension
        (.png, .svg, .pdf). Written atomically, like "incmap render -o"."""
        if not self._set:
            raise ValueError("incmap: the Map is closed")
        code = _lib.OUTPUT_AUTO if format is None else _FORMATS.get(format)
        if code is None:
            raise ArgumentError(2, f'format "{format}": expected {_FORMAT_NAMES}')
        st = lib.im_render_opts(self._ctx.ptr, self._set, self._opts, _bytes(path), code)
        self._ctx.flush_warnings()
        self._ctx.check(st)
        return path

    def _repr_png_(self):
        return self.png() if self.display == "png" else None

    def _repr_svg_(self):
        return self.svg() if self.display == "svg" else None

    def _repr_html_(self):
        # An <img> rather than inline SVG: two maps on one page would share
        # ids ("surface1") and draw each other's symbols.
        if self.display == "svg":
            mime, data = "image/svg+xml", self._render("svg")
        else:
            mime, data = "image/png", self.png()
        b64 = base64.b64encode(data).decode("ascii")
        return f'<img style="max-width:100%" alt="incmap map" src="data:{mime};base64,{b64}">'

    def close(self):
        """Free the incidents and options now (also done when garbage collected)."""
        if getattr(self, "_opts", None):
            lib.im_opts_free(self._opts)
            self._opts = None
        if getattr(self, "_set", None):
            lib.im_incidents_free(self._set)
            self._set = None
        if getattr(self, "_ctx", None):
            self._ctx.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # at interpreter exit the library may be gone already
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def render(data, format="png", **options):
    """The map of data as bytes in format (png, svg, pdf, html, or webp with
    animate="day"|"week"|"month"); options as Map()."""
    if format not in _FORMATS:
        raise ArgumentError(2, f'format "{format}": expected {_FORMAT_NAMES}')
    with Map(data, **options) as m:
        return m._render(format)
