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

/* IM_API marks the public functions: the only symbols libincmap.so exports
 * (the library is built with hidden visibility). */
#if defined(_WIN32) || !defined(__GNUC__)
#define IM_API
#else
#define IM_API __attribute__((visibility("default")))
#endif
/* Functions returning im_status are marked so that a caller that drops
 * the status gets a compiler warning. */
#if defined(__GNUC__)
#define IM_NODISCARD __attribute__((warn_unused_result))
#else
#define IM_NODISCARD
#endif

#define IM_VERSION_MAJOR 0
#define IM_VERSION_MINOR 1
#define IM_VERSION_PATCH 0
#define IM_VERSION_STRING "0.1.0"

/* The library's version string ("0.1.0"); static storage. */
IM_API const char *im_version(void);

/*
 * Status codes. Append-only: values are never reused or renumbered.
 * Ranges group the classes: 1-99 general, 100-199 input data,
 * 200-299 projection and extent, 300-399 drawing and encoding.
 */
typedef enum im_status {
    IM_OK = 0,
    IM_ERR_NOMEM = 1,      /* out of memory */
    IM_ERR_ARG = 2,        /* invalid argument or option value (with a context: always a message) */
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
IM_API const char *im_strerror(im_status status);

/* True when the status means "the input data is bad" (class 100-199). */
IM_API int im_status_is_input_error(im_status status);

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
    uint64_t max_image_pixels; /* largest raster read or written (default 100 M) */
    uint64_t max_points;       /* coordinate positions in one record's geometry (default 1 M) */
    uint64_t max_vertices;     /* coordinate positions in one layer file (default 5 M) */
} im_limits;

/* Create a context. Returns NULL when out of memory or when PROJ cannot
 * create its own context. Free with im_context_free(). */
IM_API im_context *im_context_new(void);

/* Free a context and everything it owns. Accepts NULL. */
IM_API void im_context_free(im_context *ctx);

/* Set the diagnostics callback (NULL: diagnostics are dropped). */
IM_API void im_context_set_log(im_context *ctx, im_log_fn fn, void *user);

/* Drop diagnostics below this level (default IM_LOG_INFO). */
IM_API void im_context_set_log_level(im_context *ctx, im_log_level min_level);

IM_API void im_context_get_limits(const im_context *ctx, im_limits *out);
IM_API IM_NODISCARD im_status im_context_set_limits(im_context *ctx, const im_limits *limits);

/* Folder searched for named basemaps ("middle-east" -> DIR/middle-east).
 * The string is copied. Default: $INCMAP_BASEMAPS when set, else the
 * install's share/incmap/basemaps found relative to the library and the
 * program (nothing of the build machine is compiled in). */
IM_API IM_NODISCARD im_status im_context_set_basemap_dir(im_context *ctx, const char *dir);

/* Load a style file (JSON: palette, shapes, aliases, fonts) and make it the
 * context's style; fields not given keep their defaults. */
IM_API IM_NODISCARD im_status im_context_load_style(im_context *ctx, const char *path);
/* Load a bundled theme ("light", "dark", "print"; data/themes/) onto the
 * context's style: basemap, page and text colours and relief strength.
 * IM_ERR_ARG for another name. */
IM_API IM_NODISCARD im_status im_context_load_theme(im_context *ctx, const char *name);

/* The message of the first error recorded since the last
 * im_context_clear_error(); "" when none. Valid until the next call on ctx. */
IM_API const char *im_context_last_error(const im_context *ctx);
IM_API void im_context_clear_error(im_context *ctx);

/* Count of warnings logged since the context was created. */
IM_API uint64_t im_context_warning_count(const im_context *ctx);

/* Count of errors reported since the context was created. Every invalid
 * record counts, also those beyond the ones written to the log. */
IM_API uint64_t im_context_error_count(const im_context *ctx);

/* Read a record field from a GeoJSON property or CSV column with this name
 * instead of the known names: im_context_set_field(ctx, "weapon",
 * "attack_type"). Fields: id, date, weapon, site, count, casualties,
 * uncertainty_km, geo_precision, time_precision, source, lat, lon (lat and
 * lon for CSV only). name is copied; NULL restores the known names.
 * IM_ERR_ARG for an unknown field. */
IM_API IM_NODISCARD im_status im_context_set_field(im_context *ctx, const char *field, const char *name);

/* Strict reading (default off): GeoJSON features whose geometry is not a
 * Point or MultiPoint are errors instead of warnings. */
IM_API void im_context_set_strict(im_context *ctx, int strict);

/* Lenient loading (default off): invalid records are left out instead of
 * failing the file. Each is reported as a warning with the same
 * file/record/field message, then a summary per file; a file with no
 * valid record still fails with IM_ERR_DATA. */
IM_API void im_context_set_skip_invalid(im_context *ctx, int on);
/* Drop records whose id an earlier record (of any file loaded into the
 * set) has, keeping the first (default off: a duplicate id is an error). */
IM_API void im_context_set_dedupe(im_context *ctx, int on);
/* Dataset conventions: "acled", "ucdp" (UCDP GED), "gtd", "none" (incmap's
 * own names) or "auto"/NULL (default: detected from the header). Field
 * names, date rules, precision scales and categories follow the dataset.
 * IM_ERR_ARG for another name. */
IM_API IM_NODISCARD im_status im_context_set_preset(im_context *ctx, const char *name);
/* Read every record date with this strptime-like format (%Y %y %m %d %e
 * %b %B %H %M %S %j %T %F %z %%; English month names, any locale); NULL
 * or "" restores the built-in forms. IM_ERR_ARG for an unknown directive. */
IM_API IM_NODISCARD im_status im_context_set_date_format(im_context *ctx, const char *format);
/* How to read slash dates such as 02/03/2022: "dmy" or "mdy"; NULL: only
 * dates that can be read one way are accepted. */
IM_API IM_NODISCARD im_status im_context_set_date_order(im_context *ctx, const char *order);
/* The layer of a multi-layer GIS file (GeoPackage, KML) to read; NULL: the
 * first layer with point features. */
IM_API IM_NODISCARD im_status im_context_set_layer_name(im_context *ctx, const char *name);

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
IM_API IM_NODISCARD im_status im_date_parse(const char *text, int64_t *out_seconds,
                        im_date_precision *out_precision);

/* Parse an ISO 8601 duration made of years, months, weeks and days
 * ("P7D", "P1M", "P1Y2M", "P2W"). */
IM_API IM_NODISCARD im_status im_duration_parse(const char *text, int *years, int *months, int *days);

/* Move an instant back by a duration, calendar-aware (2021-03-31 minus P1M
 * is 2021-02-28). */
IM_API int64_t im_date_subtract(int64_t seconds, int years, int months, int days);

/* Calendar fields (UTC) of an instant. */
IM_API void im_date_split(int64_t seconds, int *year, int *month, int *day);

/* The instant 00:00 UTC of a valid calendar date. */
IM_API int64_t im_date_make(int year, int month, int day);

/* Format seconds as "YYYY-MM-DD" into buf (at least 11 bytes). */
IM_API void im_date_format(int64_t seconds, char *buf, size_t size);

/* ------------------------------------------------------------------ */
/* Incident sets                                                       */

typedef struct im_incidents im_incidents;

typedef enum im_input_format {
    IM_INPUT_AUTO = 0,   /* by extension (.geojson, .csv, .tsv), then by content */
    IM_INPUT_JSON = 1,   /* native incmap JSON */
    IM_INPUT_GEOJSON = 2,/* RFC 7946 FeatureCollection or Feature */
    IM_INPUT_CSV = 3,    /* CSV with a header row (RFC 4180; ACLED's columns) */
    IM_INPUT_OGR = 4     /* a GIS file through GDAL/OGR (GeoPackage, Shapefile, KML, ...) */
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
    const char *category;  /* the "category" field's value (--color-by FIELD); "" when absent */
    double size_value;     /* the "size" field's value (--size-by FIELD); NAN when absent */
} im_incident;

/* Create an empty set. Returns NULL when out of memory.
 * Free with im_incidents_free(). */
IM_API im_incidents *im_incidents_new(void);
IM_API void im_incidents_free(im_incidents *set);

/* Read a file and append its valid records to the set. Every problem is
 * reported through the context's log. On any invalid record the function
 * returns IM_ERR_DATA (or IM_ERR_SYNTAX, IM_ERR_IO_READ, IM_ERR_LIMIT) and
 * the set is left as it was before the call. */
IM_API IM_NODISCARD im_status im_incidents_load(im_context *ctx, im_incidents *set,
                            const char *path, im_input_format format);

/* Same as im_incidents_load() for a memory buffer; name is used in messages. */
IM_API IM_NODISCARD im_status im_incidents_load_buffer(im_context *ctx, im_incidents *set,
                                   const char *name, const char *data,
                                   size_t size, im_input_format format);

IM_API size_t im_incidents_count(const im_incidents *set);
/* Invalid records left out by lenient loading (im_context_set_skip_invalid)
 * and duplicate records dropped (im_context_set_dedupe), over every load. */
IM_API size_t im_incidents_skipped(const im_incidents *set);
IM_API size_t im_incidents_dropped(const im_incidents *set);
/* The "title" member of the first native JSON file loaded into the set, or
 * NULL. Borrowed: lives as long as the set. The default map title. */
IM_API const char *im_incidents_title(const im_incidents *set);

/* Fill *out with incident i (0-based). IM_ERR_ARG when out of range. */
IM_API IM_NODISCARD im_status im_incidents_get(const im_incidents *set, size_t i, im_incident *out);

/* ------------------------------------------------------------------ */
/* Rendering                                                           */

typedef enum im_color_by {
    IM_COLOR_BY_WEAPON = 0, /* hue and shape by weapon, older incidents faded */
    IM_COLOR_BY_DATE = 1,   /* sequential ramp by date, shape by weapon */
    IM_COLOR_BY_FIELD = 2   /* a categorical field (color_field): a colour-blind-safe
                             * palette for its commonest values and "Other", shape by
                             * weapon. The set must be loaded with the field named
                             * "category" (im_context_set_field(ctx, "category", NAME)). */
} im_color_by;

typedef enum im_output_format {
    IM_OUTPUT_AUTO = 0,     /* from the output path's extension */
    IM_OUTPUT_PNG = 1,
    IM_OUTPUT_SVG = 2,
    IM_OUTPUT_PDF = 3,
    IM_OUTPUT_HTML = 4,     /* one self-contained interactive page (.html, .htm) */
    IM_OUTPUT_WEBP = 5      /* an animated WebP time-lapse (needs opts.animate) */
} im_output_format;

typedef enum im_label_mode {
    IM_LABELS_BOTH = 0,     /* English and the local script */
    IM_LABELS_EN = 1,
    IM_LABELS_AR = 2,
    IM_LABELS_NONE = 3
} im_label_mode;

/* Where a piece of map furniture goes: a corner of the map frame, or
 * AUTO for the corner that hides the fewest incidents. */
typedef enum im_corner {
    IM_CORNER_AUTO = 0,
    IM_CORNER_TOP_LEFT = 1,
    IM_CORNER_TOP_RIGHT = 2,
    IM_CORNER_BOTTOM_LEFT = 3,
    IM_CORNER_BOTTOM_RIGHT = 4
} im_corner;

/* Map elements that can be turned off (bits of im_render_options.hide). */
enum {
    IM_HIDE_LEGEND = 1 << 0,
    IM_HIDE_SCALE_BAR = 1 << 1,
    IM_HIDE_NORTH_ARROW = 1 << 2,
    IM_HIDE_GRATICULE = 1 << 3,
    IM_HIDE_INSET = 1 << 4,
    IM_HIDE_SITE_LABELS = 1 << 5,
    IM_HIDE_UNCERTAINTY = 1 << 6
};

typedef enum im_units {
    IM_UNITS_KM = 0,
    IM_UNITS_MI = 1,
    IM_UNITS_NMI = 2
} im_units;

/* How incidents that share a site are drawn. */
typedef enum im_stack_mode {
    IM_STACK_AUTO = 0,    /* dodge; a cluster symbol past the threshold */
    IM_STACK_DODGE = 1,   /* always spread around the site */
    IM_STACK_CLUSTER = 2, /* one symbol with the count, ring split by weapon */
    IM_STACK_NONE = 3     /* draw on top of each other */
} im_stack_mode;

/* Small multiples: one panel per period or weapon type. */
typedef enum im_facet {
    IM_FACET_NONE = 0,
    IM_FACET_MONTH = 1,
    IM_FACET_QUARTER = 2,
    IM_FACET_YEAR = 3,
    IM_FACET_WEAPON = 4
} im_facet;

/* Huge N: bins coloured by count instead of one marker per incident. */
typedef enum im_density {
    IM_DENSITY_AUTO = 0,  /* markers, or hexagons past 200,000 incidents (with a warning) */
    IM_DENSITY_NONE = 1,  /* always one marker per incident */
    IM_DENSITY_HEX = 2,
    IM_DENSITY_GRID = 3
} im_density;

/* Everything a render needs besides the incidents. Initialise with
 * im_render_options_init(); strings are borrowed for the call only. */
typedef struct im_render_options {
    const char *crs;        /* any PROJ CRS; NULL: conformal fitted to extent */
    int has_bbox;           /* bbox valid? else fitted to incidents */
    double bbox[4];         /* west, south, east, north in degrees */
    int width, height;      /* pixels (PNG) when no page is given */
    double dpi;             /* pixels per inch; sizes of text are in points; 0: chosen
                             * from width x height so that text stays legible */
    im_color_by color_by;
    const char *title, *subtitle, *source; /* NULL: none */
    const char *basemap;    /* name, folder, GeoJSON file or "none"; NULL: the
                               bundled "middle-east", IM_ERR_BASEMAP when it is
                               not found (the message names every place looked) */
    const char *const *layers; size_t n_layers; /* extra GeoJSON layers */
    im_label_mode labels;
    int has_from, has_to;   /* time window, inclusive, seconds since epoch */
    int64_t from, to;
    const char *const *weapons; size_t n_weapons; /* NULL: all */
    int png_level;          /* zlib level 0-9 for PNG (default 6) */
    int world_file;         /* also write .pgw/.wld and .prj beside a PNG */
    int svg_pdf_dates;      /* reserved: write creation dates in SVG/PDF (default 0) */
    unsigned hide;          /* IM_HIDE_* bits */
    im_corner legend_pos, scale_bar_pos, north_arrow_pos, inset_pos;
    im_units units;         /* scale bar units */
    im_stack_mode stack;
    int stack_threshold;    /* AUTO: incidents at one site before clustering (default 9) */
    int timeline;           /* draw the timeline strip under the map */
    im_facet facet;         /* small multiples sharing extent, CRS, legend, colours */
    im_density density;
    /* The page in points (1/72 in); 0: width x height pixels at dpi. With a
     * page, a PNG has page x dpi pixels and SVG/PDF pages are this size. */
    double page_w_pt, page_h_pt;
    const char *dump_layout; /* also write the placement as JSON to this path */
    const char *locale;     /* month names in titles ("fr", "ar_IQ"); NULL: English */
    /* A time-lapse (IM_OUTPUT_WEBP): one frame per period, each with the
     * incidents up to its end; 0: none. */
    int animate;            /* im_animate_step */
    const char *frames_dir; /* also write every frame as DIR/frame-NNNN.png; NULL: none */
    int frame_ms;           /* how long each frame shows (default 0: 400 ms; last 3x) */
    int svg_text_paths;     /* SVG: text as glyph outlines (exact look) instead of
                             * <text> elements (selectable, searchable; default 0) */
    int facet_empty_drop;   /* month/quarter/year facets: leave out the periods
                             * without incidents (default 0: an empty panel each) */
    /* Symbology (symbology.c). color_field: the field's name when color_by is
     * IM_COLOR_BY_FIELD (the set holds its values as "category"). size_by:
     * NULL for markers of one size; "casualties" or "count"; or a field's name
     * whose numbers the set holds as "size": symbol area proportional to the
     * value, up to the style's size.max_diameter for the largest. */
    const char *color_field;
    const char *size_by;
    /* Incidents to point at (highlight.c): ids separated by commas, or
     * "latest"; each gets a ring and a callout with its date, weapon and
     * site. NULL: none. IM_ERR_ARG names an id that is not in the set. */
    const char *highlight;
    /* A CSV of the user's callouts (annotate.c): header lon,lat,text and
     * optionally priority (higher placed first); each a dot, a leader and
     * a box of text, placed without covering markers, labels, furniture or
     * each other. NULL: none. A bad file is IM_ERR_SYNTAX or IM_ERR_DATA
     * (file:line:column and the column) before any output is created. */
    const char *annotate;
} im_render_options;

/* The period of a time-lapse frame (im_render_options.animate). */
typedef enum im_animate_step {
    IM_ANIMATE_NONE = 0,
    IM_ANIMATE_DAY = 1,
    IM_ANIMATE_WEEK = 2,    /* ISO weeks, Monday to Sunday */
    IM_ANIMATE_MONTH = 3
} im_animate_step;

IM_API void im_render_options_init(im_render_options *opts);

/* A page size by name or measure: "a4", "a4-landscape", "letter",
 * "letter-landscape", "a3", "a5", "legal", "tabloid", or "WxH" followed by
 * mm, cm, in or pt ("210x297mm", "8.5x11in"). Sets the size in points and
 * returns 1, or returns 0 when text is not understood. */
IM_API int im_page_size_parse(const char *text, double *w_pt, double *h_pt);

/* The output format a path's extension names (.png, .svg, .pdf, any case);
 * IM_OUTPUT_AUTO when it names none. */
IM_API im_output_format im_output_format_from_path(const char *path);

/* Check that PROJ knows crs as a CRS (what --crs takes: "EPSG:32638", a PROJ
 * string, WKT), without rendering. IM_OK, or IM_ERR_CRS with PROJ's
 * reason. */
IM_API IM_NODISCARD im_status im_crs_check(im_context *ctx, const char *crs);

/* Render the set to path. The output is written to a temporary file in the
 * same folder and renamed into place only when complete, so a failure
 * leaves any existing file untouched. IM_OUTPUT_HTML writes one
 * self-contained interactive page (IM_ERR_ARG with facets or density bins,
 * IM_ERR_LIMIT past 20,000 incidents in the frame); IM_OUTPUT_WEBP a
 * time-lapse and needs opts->animate (IM_ERR_ARG otherwise, and when
 * opts->animate is set for another format). */
IM_API IM_NODISCARD im_status im_render(im_context *ctx, const im_incidents *set,
                    const im_render_options *opts, const char *path,
                    im_output_format format);

/* ------------------------------------------------------------------ */
/* Batches (batch.c): manifests of render jobs                         */

/* A manifest: defaults plus a list of jobs (see data/manifest.schema.json
 * and the README's "Nightly batches"). Opaque; free with im_manifest_free(). */
typedef struct im_manifest im_manifest;

/* A render option of a job as the manifest gives it: a string or a number
 * (as text) is one value, an array one value per element, true a flag (no
 * values). Values of "style", "layer" and a path-like "basemap" are
 * resolved against the manifest's folder. Borrowed from the manifest. */
typedef struct im_manifest_option {
    const char *key;            /* the option's long name, e.g. "color-by" */
    const char *const *values;
    size_t n_values;
} im_manifest_option;

/* A job, with the defaults merged in (the job's own keys win; false or
 * null switches a default off). Everything is borrowed from the manifest. */
typedef struct im_manifest_job {
    const char *name;                         /* unique, [A-Za-z0-9._-] */
    const char *const *inputs; size_t n_inputs;   /* absolute paths or glob patterns */
    const char *const *outputs; size_t n_outputs; /* path templates as written */
    const char *const *formats; size_t n_formats; /* "png", "svg", "pdf"; 0: png */
    const im_manifest_option *options; size_t n_options;
    int line, col;   /* where the job's object starts in the manifest (1-based bytes), for
                        "file:line:col:" messages */
} im_manifest_job;

/* Read and check a manifest. Errors name the file, the job (index and
 * name) and the member: IM_ERR_SYNTAX, IM_ERR_DATA, IM_ERR_IO_READ,
 * IM_ERR_LIMIT. On success *out is the caller's: im_manifest_free(). */
IM_API IM_NODISCARD im_status im_manifest_load(im_context *ctx, const char *path, im_manifest **out);
/* Accepts NULL. */
IM_API void im_manifest_free(im_manifest *m);
IM_API size_t im_manifest_job_count(const im_manifest *m);
/* Job i (0-based), borrowed, lives with m; NULL when out of range. */
IM_API const im_manifest_job *im_manifest_job_at(const im_manifest *m, size_t i);
/* The absolute output root ("output_root", relative to the manifest's
 * folder; default the folder itself). Borrowed. */
IM_API const char *im_manifest_output_root(const im_manifest *m);
/* Replace the output root (relative to the current folder); copied. */
IM_API IM_NODISCARD im_status im_manifest_set_output_root(im_context *ctx, im_manifest *m, const char *dir);

/* Values of the path placeholders; NULL where the job has none. */
typedef struct im_job_vars {
    const char *date;   /* {date}: the run's --now day, YYYY-MM-DD */
    const char *from;   /* {from}: the window's first day */
    const char *to;     /* {to}: the window's last day */
} im_job_vars;

typedef struct im_job_output {
    char *path;                 /* absolute, normalised */
    im_output_format format;
} im_job_output;

/* Expand job i's templates ({name}, {date}, {from}, {to}, {format}) into
 * absolute paths under the output root; one per format for templates with
 * {format}. IM_ERR_DATA for an unknown or empty placeholder, an unknown
 * extension, or a path outside the root unless "allow_outside_root".
 * *out is the caller's: im_job_outputs_free(). */
IM_API IM_NODISCARD im_status im_manifest_job_outputs(im_context *ctx, const im_manifest *m, size_t i,
                                  const im_job_vars *vars, im_job_output **out, size_t *n);
IM_API void im_job_outputs_free(im_job_output *outputs, size_t n);

/* Does shard k of n (1-based) run job i? Jobs are dealt round-robin by
 * their index in the manifest (i mod n == k-1): every job in exactly one
 * shard, shard sizes differ by at most one. 0 when k or n is invalid. */
IM_API int im_shard_select(size_t job_index, unsigned k, unsigned n);

typedef struct im_job_result {
    int skipped;          /* every output was up to date (IM_JOB_FORCE not set) */
    size_t n_written;     /* outputs rendered */
    int64_t incidents;    /* selected by the window and weapons; -1 unknown */
    uint64_t warnings;    /* the context's warning count after the job */
} im_job_result;

#define IM_JOB_FORCE 1u   /* render even when the stamps say up to date */

/* Run job i with opts (the job's options resolved by the caller): lock its
 * outputs (waiting for another run holding them), remove temporary files an
 * interrupted run left beside them, expand input globs, and render each
 * output whose stamp (a hash of the incmap version, the options, the window
 * and the bytes of every input, style and layer file) is missing or
 * different; then record the new stamps. Missing output folders are
 * created. Every output is atomic (see im_render()). Returns the first
 * error; outputs that could be rendered still are. *res is filled always. */
IM_API IM_NODISCARD im_status im_manifest_job_run(im_context *ctx, const im_manifest *m, size_t i,
                              const im_render_options *opts, const im_job_vars *vars,
                              unsigned flags, im_job_result *res);

/* Write a small text file atomically (temporary file, fsync, rename). */
IM_API IM_NODISCARD im_status im_write_file_atomic(im_context *ctx, const char *path, const char *text);


/* ------------------------------------------------------------------ */
/* For bindings (api_opts.c, api_columns.c, api_render.c): options by    */
/* name, incidents from column arrays, rendering to memory               */

/* Render options as an opaque, versioned object, set by the CLI's option
 * names and value syntax ("size" "1200x675", "bbox" "38,29,49,38",
 * "no-legend" NULL), so callers never depend on im_render_options' layout.
 * IM_OPTS_VERSION grows when options are added. */
#define IM_OPTS_VERSION 1
typedef struct im_opts im_opts;

/* Create options with the defaults of "incmap render". version: the
 * IM_OPTS_VERSION the caller was compiled with; NULL when it is newer than
 * this library's or out of memory. Free with im_opts_free(). */
IM_API im_opts *im_opts_new(int version);
/* Accepts NULL. */
IM_API void im_opts_free(im_opts *opts);
/* Set one option by its long name without dashes. value is copied; a
 * flag ("no-legend", "timeline", "world-file") takes NULL, "true" or "1"
 * to turn it on and "false" or "0" to turn it off. IM_ERR_ARG, with the
 * message in ctx (which may be NULL), for an unknown name or a bad value.
 * The names, values and messages are those of "incmap render" (one table,
 * src/options_table.c), except its "output" (the render is given a path or
 * a buffer) and the options about reading inputs (skip-invalid, dedupe,
 * preset, date-format, date-order, layer-name, field: the context's
 * setters), which are refused by name. */
IM_API IM_NODISCARD im_status im_opts_set(im_context *ctx, im_opts *opts, const char *name,
                                          const char *value);
/* The name of option i (0-based) of im_opts_set(), NULL past the last;
 * static storage. *takes_value (may be NULL) is 1 for an option with a
 * value, 0 for a flag. */
IM_API const char *im_opts_name(size_t i, int *takes_value);

/* Render with im_opts (NULL: the defaults) to a path, as im_render() does. */
IM_API IM_NODISCARD im_status im_render_opts(im_context *ctx, const im_incidents *set,
                                             const im_opts *opts, const char *path,
                                             im_output_format format);

/* Render into memory (PNG, SVG, PDF, HTML, or WebP with "animate").
 * format IM_OUTPUT_AUTO: the options' "format", else PNG. On success *data holds *size bytes (followed by a NUL, not counted,
 * so an SVG is also a C string) and is the caller's: free it with
 * im_free(). On failure *data is NULL and *size 0. The options "world-file"
 * and "dump-layout" write files beside an output and are refused
 * (IM_ERR_ARG). */
IM_API IM_NODISCARD im_status im_render_to_memory(im_context *ctx, const im_incidents *set,
                                                  const im_opts *opts, im_output_format format,
                                                  unsigned char **data, size_t *size);
/* Free memory the library handed to the caller (im_render_to_memory()).
 * Accepts NULL. */
IM_API void im_free(void *p);

/* A column of strings: values[i] for row i, or, when codes is not NULL,
 * values[codes[i]] (dictionary encoding, as pandas categoricals and
 * factorize give; n_values entries; a negative code is missing). A NULL
 * or "" string is missing. */
typedef struct im_strings {
    const char *const *values;
    const int32_t *codes;
    size_t n_values;
} im_strings;

/* A column by name, beside the fixed ones of im_columns: strings (text) or
 * numbers (num, NaN missing; used when not NULL). The column the
 * context's fields "category" and "size" name (--color-by FIELD and
 * --size-by FIELD, im_context_set_field()) feeds those, matched as a
 * file's column names are (case-insensitive); other columns are ignored. */
typedef struct im_named_column {
    const char *name;
    im_strings text;
    const double *num;
} im_named_column;

/* Incidents as columns of n rows, all borrowed for the call. lon and lat
 * are required; every other column may be NULL (left zeroed). NaN in a
 * number column and INT64_MIN in time mean missing. A record needs a date
 * (time or time_text) and a weapon (category), like a file's. */
typedef struct im_columns {
    size_t struct_size;      /* sizeof(im_columns) as the caller compiled it */
    size_t n;                /* rows */
    const double *lon, *lat; /* WGS84 degrees */
    const int64_t *time;     /* seconds since the epoch, UTC; at 00:00 a day, else a second */
    im_strings time_text;    /* or dates as text, read as a file's date column */
    im_strings weapon;       /* category: names or aliases of the style's taxonomy */
    im_strings site, id, source; /* id missing: "NAME#ROW" */
    const double *count, *casualties, *uncertainty_km;
    /* appended (a shorter struct_size leaves them out): n_named columns by
     * name (im_named_column), for colouring and sizing by a field */
    size_t n_named;
    const im_named_column *named;
} im_columns;

/* Validate and append the rows, through the same checks and messages as a
 * file's records ("NAME: rows[12] (id \"x\"): lat: 95 is outside [-90,
 * 90]", rows counted from 0); name (e.g. "DataFrame") names the data in
 * messages. The context's skip-invalid, dedupe and style apply. On an
 * error the set is left as it was. */
IM_API IM_NODISCARD im_status im_incidents_add_columns(im_context *ctx, im_incidents *set,
                                                       const char *name,
                                                       const im_columns *cols);
/* ---- inputs loaded once for several jobs (incmap batch) ---- */

/* A job's inputs, loaded once and shared by the jobs that read the same
 * files the same way (fork after the load: the workers share the pages). */
typedef struct im_job_inputs im_job_inputs;

/* Load job i's inputs (globs expanded as im_manifest_job_run() does) with
 * ctx, which must be set up as the job's own context would be (style,
 * input options, limits). Nothing is logged: what the load says is kept and
 * said again by each job that uses it. Only a clean load is kept: on any
 * error (logged to nothing, returned) *out stays NULL and each job loads
 * its inputs itself, with its own messages. *out is the caller's:
 * im_job_inputs_free(). */
IM_API IM_NODISCARD im_status im_job_inputs_load(im_context *ctx, const im_manifest *m, size_t i,
                                                 im_job_inputs **out);
IM_API void im_job_inputs_free(im_job_inputs *inputs);
/* The loaded incidents (borrowed), NULL for NULL. */
IM_API const im_incidents *im_job_inputs_set(const im_job_inputs *inputs);

/* im_manifest_job_run() that uses inputs (loaded by im_job_inputs_load()
 * for a job with the same inputs and input options) instead of loading,
 * when the job's expanded inputs are those files, unchanged since; the
 * load's messages are logged through ctx where the job would have loaded.
 * Otherwise (or with inputs NULL) it loads, as im_manifest_job_run(). */
IM_API IM_NODISCARD im_status im_manifest_job_run_loaded(im_context *ctx, const im_manifest *m,
                                                         size_t i, const im_render_options *opts,
                                                         const im_job_vars *vars, unsigned flags,
                                                         const im_job_inputs *inputs,
                                                         im_job_result *res);

/* 1 when job i would render something (an output whose stamp is missing or
 * different, IM_JOB_FORCE, or when it cannot tell), 0 when every output is
 * up to date. A hint taken without the lock; the run decides. */
IM_API int im_manifest_job_stale(im_context *ctx, const im_manifest *m, size_t i,
                                 const im_render_options *opts, const im_job_vars *vars,
                                 unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* INCMAP_H */
