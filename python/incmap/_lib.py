"""ctypes bindings to libincmap: finding the library and declaring the calls.

No compiler is needed at install: the shared library installed beside the
package (PREFIX/lib) is opened with ctypes.
"""
import ctypes
import os
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_double, c_int, c_int32,
                    c_int64, c_size_t, c_uint64, c_void_p)

from . import _install

OPTS_VERSION = 1

OUTPUT_AUTO, OUTPUT_PNG, OUTPUT_SVG, OUTPUT_PDF, OUTPUT_HTML, OUTPUT_WEBP = 0, 1, 2, 3, 4, 5
LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR = 0, 1, 2, 3


class Strings(Structure):
    """im_strings: a string column, plain or dictionary-encoded."""
    _fields_ = [("values", POINTER(c_char_p)), ("codes", POINTER(c_int32)),
                ("n_values", c_size_t)]


class NamedColumn(Structure):
    """im_named_column: a column by name (colour or size by a field)."""
    _fields_ = [("name", c_char_p), ("text", Strings), ("num", POINTER(c_double))]


class Columns(Structure):
    """im_columns (incmap.h); struct_size tells the library which members exist."""
    _fields_ = [("struct_size", c_size_t), ("n", c_size_t),
                ("lon", POINTER(c_double)), ("lat", POINTER(c_double)),
                ("time", POINTER(c_int64)), ("time_text", Strings),
                ("weapon", Strings), ("site", Strings), ("id", Strings), ("source", Strings),
                ("count", POINTER(c_double)), ("casualties", POINTER(c_double)),
                ("uncertainty_km", POINTER(c_double)),
                ("n_named", c_size_t), ("named", POINTER(NamedColumn))]


LOG_FN = CFUNCTYPE(None, c_void_p, c_int, c_char_p)


def _candidates():
    """Where the library may be, in the order tried."""
    env = os.environ.get("INCMAP_LIBRARY")
    if env:
        return [env]  # the only place looked, as INCMAP_BASEMAPS is for basemaps
    here = os.path.dirname(os.path.abspath(__file__))
    found = []
    if _install.LIBRARY_RELATIVE:
        found.append(os.path.normpath(os.path.join(here, _install.LIBRARY_RELATIVE)))
    found.append("libincmap.so.0")  # the dynamic loader's own search
    return found


def _open():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append(f"{path} ({e})")
    raise ImportError("incmap: libincmap was not found; looked at: " + "; ".join(tried) +
                      ". Install incmap (cmake --install) or set INCMAP_LIBRARY to the "
                      "path of libincmap.so.0")


lib, path = _open()


def _declare(name, restype, *argtypes):
    f = getattr(lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)


_declare("im_version", c_char_p)
_declare("im_strerror", c_char_p, c_int)
_declare("im_context_new", c_void_p)
_declare("im_context_free", None, c_void_p)
_declare("im_context_set_log", None, c_void_p, LOG_FN, c_void_p)
_declare("im_context_set_log_level", None, c_void_p, c_int)
_declare("im_context_last_error", c_char_p, c_void_p)
_declare("im_context_clear_error", None, c_void_p)
_declare("im_context_load_style", c_int, c_void_p, c_char_p)
_declare("im_context_load_theme", c_int, c_void_p, c_char_p)
_declare("im_context_set_basemap_dir", c_int, c_void_p, c_char_p)
_declare("im_context_set_field", c_int, c_void_p, c_char_p, c_char_p)
_declare("im_context_set_strict", None, c_void_p, c_int)
_declare("im_context_set_skip_invalid", None, c_void_p, c_int)
_declare("im_context_set_dedupe", None, c_void_p, c_int)
_declare("im_context_set_preset", c_int, c_void_p, c_char_p)
_declare("im_context_set_date_format", c_int, c_void_p, c_char_p)
_declare("im_context_set_date_order", c_int, c_void_p, c_char_p)
_declare("im_context_set_layer_name", c_int, c_void_p, c_char_p)
_declare("im_incidents_new", c_void_p)
_declare("im_incidents_free", None, c_void_p)
_declare("im_incidents_count", c_size_t, c_void_p)
_declare("im_incidents_load", c_int, c_void_p, c_void_p, c_char_p, c_int)
_declare("im_incidents_add_columns", c_int, c_void_p, c_void_p, c_char_p, POINTER(Columns))
_declare("im_opts_new", c_void_p, c_int)
_declare("im_opts_free", None, c_void_p)
_declare("im_opts_set", c_int, c_void_p, c_void_p, c_char_p, c_char_p)
_declare("im_opts_name", c_char_p, c_size_t, POINTER(c_int))
_declare("im_render_opts", c_int, c_void_p, c_void_p, c_void_p, c_char_p, c_int)
_declare("im_render_to_memory", c_int, c_void_p, c_void_p, c_void_p, c_int,
         POINTER(ctypes.POINTER(ctypes.c_ubyte)), POINTER(c_size_t))
_declare("im_free", None, c_void_p)
_declare("im_context_warning_count", c_uint64, c_void_p)


def option_names():
    """{name: takes_value} of every option im_opts_set() knows."""
    out = {}
    i = 0
    takes = c_int()
    while True:
        name = lib.im_opts_name(i, ctypes.byref(takes))
        if name is None:
            return out
        out[name.decode()] = bool(takes.value)
        i += 1
