/*
 * incmap.h - public API of libincmap, the incident map renderer.
 *
 * The pipeline is load -> select -> project -> place -> draw -> encode.
 * All objects are opaque; every creator states who frees the result.
 * The library never prints and never exits: diagnostics go to the log
 * callback of the im_context, and every call returns an im_status.
 *
 * Thread safety: one im_context per thread. Objects created from a context
 * must be used with that context only.
 */
#ifndef INCMAP_H
#define INCMAP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IM_VERSION_MAJOR 0
#define IM_VERSION_MINOR 1
#define IM_VERSION_PATCH 0
#define IM_VERSION_STRING "0.1.0"

/* The library's version string ("0.1.0"); static storage. */
const char *im_version(void);

/*
 * Status codes. Append-only: values are never reused or renumbered.
 * Ranges group the classes: 1-99 general, 100-199 input data,
 * 200-299 projection and extent, 300-399 drawing and encoding.
 */
typedef enum im_status {
    IM_OK = 0,
    IM_ERR_NOMEM = 1,      /* out of memory */
    IM_ERR_ARG = 2,        /* invalid argument or option value */
    IM_ERR_IO_READ = 3,    /* an input could not be opened or read */
    IM_ERR_IO_WRITE = 4,   /* an output could not be written */
    IM_ERR_LIMIT = 5,      /* input exceeds a configured limit */
    IM_ERR_INTERNAL = 6,   /* a bug: please report it */
    IM_ERR_SYNTAX = 100,   /* input is not well-formed (JSON, CSV, ...) */
    IM_ERR_DATA = 101,     /* one or more records are invalid */
    IM_ERR_BASEMAP = 102,  /* a basemap or layer file is invalid */
    IM_ERR_STYLE = 103,    /* a style file is invalid */
    IM_ERR_CRS = 200,      /* the CRS is not understood by PROJ */
    IM_ERR_TRANSFORM = 201,/* coordinates could not be transformed */
    IM_ERR_EXTENT = 202,   /* the map extent is invalid or empty */
    IM_ERR_RENDER = 300,   /* Cairo or Pango reported an error */
    IM_ERR_ENCODE = 301    /* the output encoder failed */
} im_status;

/* A short English description of a status; static storage, never NULL. */
const char *im_strerror(im_status status);

/* True when the status means "the input data is bad" (class 100-199). */
int im_status_is_input_error(im_status status);

/* ------------------------------------------------------------------ */
/* Context                                                             */

typedef struct im_context im_context;

typedef enum im_log_level {
    IM_LOG_DEBUG = 0,
    IM_LOG_INFO = 1,
    IM_LOG_WARNING = 2,
    IM_LOG_ERROR = 3
} im_log_level;

/* Receives every diagnostic. The message is one line without a trailing
 * newline and is valid only during the call. */
typedef void (*im_log_fn)(void *user, im_log_level level, const char *message);

/* Resource limits applied to untrusted input. Zero means "no limit" only
 * where noted; the defaults are set by im_context_new(). */
typedef struct im_limits {
    uint64_t max_file_bytes;   /* largest input file (default 2 GiB) */
    uint64_t max_records;      /* most incidents in one set (default 50 M) */
    uint32_t max_string_bytes; /* longest string field (default 64 KiB) */
    uint32_t max_depth;        /* deepest JSON nesting (default 64) */
    uint32_t max_image_side;   /* widest/tallest raster read or written (default 30000) */
    uint64_t max_image_pixels; /* largest raster read or written (default 400 M) */
} im_limits;

/* Create a context. Returns NULL when out of memory or when PROJ cannot
 * create its own context. Free with im_context_free(). */
im_context *im_context_new(void);

/* Free a context and everything it owns. Accepts NULL. */
void im_context_free(im_context *ctx);

/* Set the diagnostics callback (NULL: diagnostics are dropped). */
void im_context_set_log(im_context *ctx, im_log_fn fn, void *user);

/* Drop diagnostics below this level (default IM_LOG_INFO). */
void im_context_set_log_level(im_context *ctx, im_log_level min_level);

void im_context_get_limits(const im_context *ctx, im_limits *out);
im_status im_context_set_limits(im_context *ctx, const im_limits *limits);

/* Folder searched for named basemaps ("middle-east" -> DIR/middle-east).
 * The string is copied. Default: $INCMAP_BASEMAPS, else the compiled-in
 * install location. */
im_status im_context_set_basemap_dir(im_context *ctx, const char *dir);

/* Load a style file (JSON: palette, shapes, aliases, fonts) and make it the
 * context's style; fields not given keep their defaults. */
im_status im_context_load_style(im_context *ctx, const char *path);

/* The message of the first error recorded since the last
 * im_context_clear_error(); "" when none. Valid until the next call on ctx. */
const char *im_context_last_error(const im_context *ctx);
void im_context_clear_error(im_context *ctx);

/* Count of warnings logged since the context was created. */
uint64_t im_context_warning_count(const im_context *ctx);

/* ------------------------------------------------------------------ */
/* Dates                                                               */

typedef enum im_date_precision {
    IM_DATE_SECOND = 0,
    IM_DATE_DAY = 1,
    IM_DATE_MONTH = 2,
    IM_DATE_YEAR = 3
} im_date_precision;

/* Parse an ISO 8601 calendar date ("2021-07-08", "2021-07", "2021") or a
 * date-time with offset ("2021-07-08T06:30:00+03:00", "...Z") into seconds
 * since 1970-01-01T00:00:00Z (the start of the period for reduced
 * precision). Rejects impossible dates such as 2021-02-30. */
im_status im_date_parse(const char *text, int64_t *out_seconds,
                        im_date_precision *out_precision);

/* Parse an ISO 8601 duration made of years, months, weeks and days
 * ("P7D", "P1M", "P1Y2M", "P2W"). */
im_status im_duration_parse(const char *text, int *years, int *months, int *days);

/* Move an instant back by a duration, calendar-aware (2021-03-31 minus P1M
 * is 2021-02-28). */
int64_t im_date_subtract(int64_t seconds, int years, int months, int days);

/* Calendar fields (UTC) of an instant. */
void im_date_split(int64_t seconds, int *year, int *month, int *day);

/* The instant 00:00 UTC of a valid calendar date. */
int64_t im_date_make(int year, int month, int day);

/* Format seconds as "YYYY-MM-DD" into buf (at least 11 bytes). */
void im_date_format(int64_t seconds, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Incident sets                                                       */

typedef struct im_incidents im_incidents;

typedef enum im_input_format {
    IM_INPUT_AUTO = 0,   /* by extension, then by content */
    IM_INPUT_JSON = 1    /* native incmap JSON */
} im_input_format;

/* One incident as seen through the API. String pointers are borrowed from
 * the set and live until the set is freed. */
typedef struct im_incident {
    const char *id;        /* never NULL */
    const char *site;      /* "" when absent */
    const char *weapon;    /* canonical weapon name from the style taxonomy */
    const char *source;    /* "" when absent */
    double lat, lon;       /* WGS84 degrees */
    int64_t time;          /* seconds since the epoch, UTC */
    im_date_precision date_precision;
    int32_t count;         /* -1 when unknown */
    int32_t casualties;    /* -1 when unknown */
    double uncertainty_km; /* 0 when not given */
} im_incident;

/* Create an empty set. Returns NULL when out of memory.
 * Free with im_incidents_free(). */
im_incidents *im_incidents_new(void);
void im_incidents_free(im_incidents *set);

/* Read a file and append its valid records to the set. Every problem is
 * reported through the context's log. On any invalid record the function
 * returns IM_ERR_DATA (or IM_ERR_SYNTAX, IM_ERR_IO_READ, IM_ERR_LIMIT) and
 * the set is left as it was before the call. */
im_status im_incidents_load(im_context *ctx, im_incidents *set,
                            const char *path, im_input_format format);

/* Same as im_incidents_load() for a memory buffer; name is used in messages. */
im_status im_incidents_load_buffer(im_context *ctx, im_incidents *set,
                                   const char *name, const char *data,
                                   size_t size, im_input_format format);

size_t im_incidents_count(const im_incidents *set);

/* Fill *out with incident i (0-based). IM_ERR_ARG when out of range. */
im_status im_incidents_get(const im_incidents *set, size_t i, im_incident *out);

/* ------------------------------------------------------------------ */
/* Rendering                                                           */

typedef enum im_color_by {
    IM_COLOR_BY_WEAPON = 0, /* hue and shape by weapon, older incidents faded */
    IM_COLOR_BY_DATE = 1    /* sequential ramp by date, shape by weapon */
} im_color_by;

typedef enum im_output_format {
    IM_OUTPUT_AUTO = 0,     /* from the output path's extension */
    IM_OUTPUT_PNG = 1,
    IM_OUTPUT_SVG = 2,
    IM_OUTPUT_PDF = 3
} im_output_format;

typedef enum im_label_mode {
    IM_LABELS_BOTH = 0,     /* English and the local script */
    IM_LABELS_EN = 1,
    IM_LABELS_AR = 2,
    IM_LABELS_NONE = 3
} im_label_mode;

/* Everything a render needs besides the incidents. Initialise with
 * im_render_options_init(); strings are borrowed for the call only. */
typedef struct im_render_options {
    const char *crs;        /* any PROJ CRS; NULL: conformal fitted to extent */
    int has_bbox;           /* bbox valid? else fitted to incidents */
    double bbox[4];         /* west, south, east, north in degrees */
    int width, height;      /* pixels (PNG); SVG/PDF keep the physical size */
    double dpi;             /* pixels per inch; sizes of text are in points */
    im_color_by color_by;
    const char *title, *subtitle, *source; /* NULL: none */
    const char *basemap;    /* name, folder, GeoJSON file or "none"; NULL: default */
    const char *const *layers; size_t n_layers; /* extra GeoJSON layers */
    im_label_mode labels;
    int has_from, has_to;   /* time window, inclusive, seconds since epoch */
    int64_t from, to;
    const char *const *weapons; size_t n_weapons; /* NULL: all */
    int png_level;          /* zlib level 0-9 for PNG (default 6) */
    int world_file;         /* also write .pgw/.wld and .prj beside a PNG */
    int svg_pdf_dates;      /* reserved: write creation dates in SVG/PDF (default 0) */
} im_render_options;

void im_render_options_init(im_render_options *opts);

/* Render the set to path. The output is written to a temporary file in the
 * same folder and renamed into place only when complete, so a failure
 * leaves any existing file untouched. */
im_status im_render(im_context *ctx, const im_incidents *set,
                    const im_render_options *opts, const char *path,
                    im_output_format format);

#ifdef __cplusplus
}
#endif
#endif /* INCMAP_H */
