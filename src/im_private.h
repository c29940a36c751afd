/*
 * im_private.h - internals shared by the library's source files.
 * Nothing here is part of the public API. Internal functions use the
 * im_ prefix and are declared here; statics stay file-local.
 */
#ifndef IM_PRIVATE_H
#define IM_PRIVATE_H

#include "incmap.h"
#include "buf.h"

#include <cairo.h>
#include <proj.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#if defined(__GNUC__)
#define IM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define IM_PRINTF(a, b)
#endif

/* ---- style ------------------------------------------------------- */

typedef enum im_shape {
    IM_SHAPE_CIRCLE, IM_SHAPE_TRIANGLE, IM_SHAPE_DIAMOND, IM_SHAPE_SQUARE,
    IM_SHAPE_STAR, IM_SHAPE_CROSS, IM_SHAPE_COUNT
} im_shape;

typedef struct im_rgba { double r, g, b, a; } im_rgba;

#define IM_MAX_WEAPONS 32
#define IM_MAX_RAMP 16
#define IM_MAX_CATS 8  /* categories a legend shows, "Other" included */

typedef struct im_weapon_style {
    char name[32];     /* canonical name, lower case */
    char label[48];    /* legend label */
    im_rgba color;
    im_shape shape;
} im_weapon_style;

typedef struct im_alias { char *from; int weapon; } im_alias;
/* A dataset's code in a column ("type_of_violence" "1") standing for a
 * weapon type or category. */
typedef struct im_code { char *column, *value; int weapon; } im_code;

/* A theme (style.c "theme", data/themes/): colours of the basemap, page
 * and text. Roles not given keep the basemap's and the renderer's own
 * colours; the "light" theme gives none. */
enum { IM_TH_PAPER, IM_TH_PANEL, IM_TH_LAND, IM_TH_SEA, IM_TH_BORDERS, IM_TH_RIVERS,
       IM_TH_COAST, IM_TH_LABELS, IM_TH_HALO,
       /* furniture: lines and dark parts of the scale bar, north arrow,
        * ticks, frames and callouts; graticule lines; the "no data" ground;
        * the map's extent in the inset */
       IM_TH_INK, IM_TH_GRATICULE, IM_TH_NODATA, IM_TH_EXTENT, IM_TH_COUNT };
typedef struct im_theme {
    char name[32];
    bool has[IM_TH_COUNT];
    im_rgba c[IM_TH_COUNT];
    double relief;           /* multiplies the relief layers' opacity (1) */
} im_theme;
/* The names of the roles ("paper", "land", ...), IM_TH_COUNT of them. */
extern const char *const im_theme_roles[IM_TH_COUNT];
/* Text and halo colours under the theme (unchanged without "labels"/"halo"). */
void im_theme_text(const im_theme *th, im_rgba *color, im_rgba *halo);
/* The basemap colour of a role when the theme gives it: true and *out. */
bool im_theme_color(const im_theme *th, int role, im_rgba *out);
/* The theme's colour of a role, else fallback (the light look's). */
im_rgba im_theme_or(const im_theme *th, int role, im_rgba fallback);

typedef struct im_style {
    im_weapon_style weapons[IM_MAX_WEAPONS];
    int n_weapons;
    int other;               /* index of "other" */
    im_alias *aliases; size_t n_aliases;
    im_code *codes; size_t n_codes;
    double marker_size;      /* points, diameter */
    im_rgba marker_stroke;
    double marker_stroke_width;
    double fade_oldest;      /* 0..1, how much the oldest marker is faded */
    im_rgba ramp[IM_MAX_RAMP]; int n_ramp;
    char font[64];
    double title_size, subtitle_size, body_size, small_size;
    /* Symbology (style.c: "size", "categories") */
    double size_max_d;       /* points: diameter of the largest value (--size-by) */
    double size_min_d;       /* points: the smallest diameter a value above 0 gets */
    im_rgba palette[IM_MAX_CATS]; int n_palette; /* category colours in order */
    im_rgba other_color;     /* the "Other" category */
    int max_categories;      /* categories shown before "Other" (1 to IM_MAX_CATS - 1) */
    struct im_cat_color { char *name; im_rgba color; } *cat_colors; /* fixed by name */
    size_t n_cat_colors;
    im_theme theme;
} im_style;

/* Fill *st with the built-in default style (the one in data/style.json). */
IM_NODISCARD im_status im_style_init_default(im_style *st);
void im_style_clear(im_style *st);
/* A deep copy (aliases and codes too); free with im_style_clear(). */
IM_NODISCARD im_status im_style_copy(im_style *dst, const im_style *src);
/* Overlay the JSON style file onto *st. */
IM_NODISCARD im_status im_style_load_file(im_context *ctx, im_style *st, const char *path);
/* The same for a style held in memory; path names it in messages. */
IM_NODISCARD im_status im_style_load_buffer(im_context *ctx, im_style *st, const char *path,
                               const char *text, size_t size);
/* Weapon index for a raw name (canonical or alias, case-insensitive);
 * -1 when unknown. */
int im_style_weapon_lookup(const im_style *st, const char *raw);
/* Weapon index a style's "codes" give a column's value; -1 when none. */
int im_style_code_lookup(const im_style *st, const char *column, const char *value);
bool im_parse_color(const char *text, im_rgba *out);

/* ---- fields of a record, as GeoJSON properties and CSV columns name them
 * (incident_fields.c) ------------------------------------------------- */

typedef enum im_field {
    IM_F_ID, IM_F_DATE, IM_F_WEAPON, IM_F_SITE, IM_F_COUNT, IM_F_CASUALTIES,
    IM_F_UNCERTAINTY, IM_F_GEO_PRECISION, IM_F_TIME_PRECISION, IM_F_SOURCE,
    IM_F_LAT, IM_F_LON,
    /* appended: a period's end, its precision code, split date columns */
    IM_F_DATE_END, IM_F_DATE_PRECISION, IM_F_YEAR, IM_F_MONTH, IM_F_DAY,
    /* appended: the values --color-by FIELD and --size-by FIELD show; only
     * by an explicit name, and a column may feed one of these as well as
     * its own field (im_load_values) */
    IM_F_CATEGORY, IM_F_SIZE,
    IM_FIELD_COUNT
} im_field;

/* Dataset conventions (incident_preset.c). */
typedef enum im_preset {
    IM_PRESET_AUTO = -1, /* detected from the header */
    IM_PRESET_NONE = 0,  /* incmap's own names */
    IM_PRESET_ACLED = 1,
    IM_PRESET_UCDP = 2,
    IM_PRESET_GTD = 3
} im_preset;

/* The field's own name ("date", "weapon", ...). */
const char *im_field_name(im_field f);
/* The field a name given to --field stands for, or -1. */
int im_field_by_name(const char *name);
/* Which field a property or column name feeds: the context's explicit
 * names first (im_context_set_field), then the preset's names, then the
 * table of known names (case-insensitive, surrounding spaces ignored).
 * Returns the field and sets *rank (lower is preferred when several names
 * feed one field), or -1. with_coords: also match lat/lon names (CSV;
 * GeoJSON takes the geometry). */
int im_field_match(const im_context *ctx, im_preset preset, const char *name, bool with_coords,
                   int *rank);
/* Case-insensitive equality of a and b, ignoring spaces and tabs around a
 * (how column and property names are matched). */
bool im_same_name(const char *a, const char *b);
/* Does a column or property name feed the "category" or "size" field (f)?
 * These take a column besides the field im_field_match() gives it, so
 * readers test them apart: a column can be the weapon and the colour. */
bool im_field_named(const im_context *ctx, im_field f, const char *name);
/* The preset a set of column or property names belongs to (ACLED, UCDP
 * GED, GTD), IM_PRESET_NONE when none. */
im_preset im_preset_detect(const char *const *names, size_t n);
const char *im_preset_name(im_preset p);
/* The field a preset feeds from a column name (and the name's rank). */
bool im_preset_field(im_preset p, const char *name, im_field *f, int *rank);
/* The legend's heading for a preset's categories ("Type of violence"). */
const char *im_preset_category_title(im_preset p);
/* Radius in km that a precision code of the preset's scale stands for;
 * false when the code is not on the scale (*scale gets "1, 2 or 3"). */
bool im_preset_geo_radius(im_preset p, long long code, double *km, const char **scale);
/* A date read from text as data files write it: ISO 8601 (also with a
 * time and no offset, read as UTC, and YYYY/MM/DD), DD-MM-YYYY,
 * DD.MM.YYYY, 8 July 2021, 01-January-2015, 9-May-20, July 8, 2021,
 * slash dates by the context's date order, two-digit years (00-68 are
 * 2000-2068, 69-99 are 1969-1999), or the context's --date-format alone.
 * On failure why gets the reason (after the quoted text). */
bool im_date_read(const im_context *ctx, const char *text, int64_t *t,
                  im_date_precision *prec, char *why, size_t why_size);
/* What a slash date such as 05/01/2024 told im_date_read_as() when no
 * order was given: seen 'd' (the first number is above 12: day first), 'm'
 * (the second is: month first), '?' (both 12 or less, a != b: ambiguous,
 * and false was returned; a and b are the two numbers), or 0. */
typedef struct im_slash_date { char seen; unsigned char a, b; } im_slash_date;
/* im_date_read() with slash dates read in order ('d' day first, 'm' month
 * first, 0: only when unambiguous) instead of ctx's, reporting to *slash
 * (may be NULL) what the date says of the order. */
bool im_date_read_as(const im_context *ctx, char order, const char *text, int64_t *t,
                     im_date_precision *prec, char *why, size_t why_size, im_slash_date *slash);
/* A spreadsheet's serial day number as a date (date.c): five digits with an
 * optional fraction of a day (45292 is 2024-01-01, 45292.25 06:00 that day;
 * Excel's 1900 date system, as a General-formatted cell or SheetJS's JSON
 * gives it). False for any other text. */
bool im_date_excel_serial(const char *text, int64_t *t, im_date_precision *prec);
/* strptime-like parsing with a format (%Y %y %m %d %e %b %B %h %H %M %S
 * %j %T %F %z %%), English month names, no locale. */
bool im_date_strptime(const char *text, const char *fmt, int64_t *t, im_date_precision *prec);
/* Strict decimal number from text ("33.78", "-1e3"; no NaN, Infinity, hex
 * or trailing text); surrounding spaces are allowed. */
bool im_parse_decimal(const char *text, double *out);
/* Degrees, minutes and seconds (33°18'55"N, 44d0'36"E, N 33° 18.9', 33.5°S;
 * ° º d, ′ ' ’, ″ " '' as marks) in decimal degrees through PROJ's
 * proj_dmstor (incident_values.c): 'y' with an N or S letter, 'x' with E or
 * W, '?' with none; 0 when the text is not such (a mark is needed: "33.5S"
 * and "N33" alone are not taken for degrees). */
int im_parse_dms(const char *text, double *out);

/* "1,000,000": a count with thousands separators (legend.c). */
void im_format_count(size_t n, char *buf, size_t size);

/* ---- data folders (datadir.c) ---------------------------------------- */

/* Set ctx->basemap_dir and ctx->basemap_places: $INCMAP_BASEMAPS, else the
 * install's share/incmap/basemaps relative to the library and the program,
 * else a build tree's link. basemap_dir stays NULL when none exists.
 * IM_OK or IM_ERR_NOMEM (not logged). */
IM_NODISCARD im_status im_data_locate(im_context *ctx);
/* IM_OK when the folder holds basemap NAME (NAME/manifest.json), else
 * IM_ERR_BASEMAP with a message naming every place looked. */
IM_NODISCARD im_status im_data_require_basemap(im_context *ctx, const char *name);
/* Whether the basemap folder holds basemap name (its manifest.json). */
bool im_basemap_available(const im_context *ctx, const char *name);

/* ---- context ------------------------------------------------------ */

struct im_context {
    PJ_CONTEXT *pj;
    im_log_fn log;
    void *log_user;
    im_log_level min_level;
    im_limits limits;
    char *basemap_dir;       /* NULL when no basemap folder was found */
    char *basemap_places;    /* where it was looked for, for messages (datadir.c) */
    im_style style;
    im_status first_error;
    char errmsg[1024];
    uint64_t warnings;
    uint64_t errors;         /* errors reported, content errors not logged included */
    bool strict;             /* im_context_set_strict() */
    char *fields[IM_FIELD_COUNT]; /* im_context_set_field(): explicit names or NULL */
    struct im_file_id { uint64_t dev, ino; } *inputs; /* files read (im_context_note_input) */
    size_t n_inputs, cap_inputs;
    /* How inputs are read (incident_options.c) */
    bool skip_invalid;       /* leave invalid records out */
    bool dedupe;             /* drop records whose id was seen */
    int preset;              /* 0: auto (detected), else im_preset + 1 */
    char date_order;         /* 0, 'd' (day first) or 'm' (month first) */
    char date_format[64];    /* strptime-like, "" when none */
    char layer_name[256];    /* OGR layer, "" for the first */
    void *c_locale;          /* a locale_t, "C" for every category: see IM_C_LOCALE */
    char proj_msg[512];      /* PROJ's last error text, from its log callback */
    char proj_last[512];     /* what im_proj_reason() returned */
    int hold;                /* im_errors_hold() depth */
    char held[512];          /* the first error held back */
};

/* A context for work a helper thread does for parent: its own PROJ context
 * and C locale; parent's limits, basemap folder, strictness, log level and
 * theme (the style's other parts are left empty); no log function, so
 * nothing it would log is shown. NULL when out of memory. The caller frees
 * it with im_context_free, after every PROJ object made with it. */
im_context *im_context_helper(const im_context *parent);

/* Numbers are parsed and printed the same whatever locale the host chose:
 * every public entry point that parses or prints starts with
 * IM_C_LOCALE(ctx);, which switches this thread to the context's C locale
 * (uselocale) and switches back to the caller's when the function returns,
 * by any path. Nesting is fine. (void * stands for locale_t, which needs
 * POSIX feature macros not every includer sets.) */
void *im_locale_enter(im_context *ctx);
void im_locale_restore(void **prev);
#define IM_C_LOCALE(ctx)                                                               \
    void *im_prev_locale_ __attribute__((cleanup(im_locale_restore), unused)) =        \
        im_locale_enter(ctx)

/* PROJ's reason for the last failure on ctx->pj ("" when it gave none),
 * and forget it. */
const char *im_proj_reason(im_context *ctx);

/* Log a diagnostic (printf-like). */
void im_log(im_context *ctx, im_log_level level, const char *fmt, ...) IM_PRINTF(3, 4);
/* Record an error: logs it at IM_LOG_ERROR, keeps the first message as the
 * context's last error, and returns st, so callers can write
 * `return im_fail(ctx, IM_ERR_ARG, "...")`. Every library error passes here. */
im_status im_fail(im_context *ctx, im_status st, const char *fmt, ...) IM_PRINTF(3, 4);

/* For optional parts (the inset): between im_errors_hold() and
 * im_errors_release(), im_fail() still returns its status but neither logs
 * an error nor touches the context's error state; release returns the
 * first such message ("" if none), for a note saying what was left out. */
void im_errors_hold(im_context *ctx);
const char *im_errors_release(im_context *ctx);

/* A public function called with a NULL (or out-of-range) argument: the
 * message names the function; IM_ERR_ARG (no message possible without a
 * context). */
im_status im_fail_arg(im_context *ctx, const char *func);

/* Ask the kernel to back the whole 2 MB pages inside [p, p + bytes) with
 * huge pages when bytes is 4 MB or more (a hint, nothing else; p from
 * malloc or realloc). im_malloc_array and im_realloc_array do it. */
void im_advise_huge(void *p, size_t bytes);
/* Overflow-checked allocation helpers: NULL on overflow or OOM. */
void *im_malloc_array(size_t n, size_t size);
void *im_realloc_array(void *p, size_t n, size_t size);
char *im_strdup(const char *s);

/* Read a whole file under the context's size limit. *out is malloc'd with a
 * terminating NUL (not counted in *size); caller frees. */
IM_NODISCARD im_status im_read_file(im_context *ctx, const char *path, char **out, size_t *size);

/* Lock job outputs for writing (batch.c): *fd_out holds the locks, and
 * closing it releases them. Exclusive between contexts, threads and
 * processes alike. */
IM_NODISCARD im_status im_manifest_lock_outputs(im_context *ctx, const im_manifest *m,
                                   const im_job_output *outs, size_t n, int *fd_out);

/* ---- input files mapped into memory (mapfile.c) ------------------- */

typedef struct im_mapfile {
    const char *data;    /* the file's bytes (not NUL-terminated), never NULL */
    size_t size;
    void *map;           /* the mapping, or NULL when read into heap */
    char *heap;
    size_t released;     /* bytes from the start given back so far */
} im_mapfile;

/* Map a regular file read-only (others are read into memory), under the
 * context's file size limit. Release with im_mapfile_close(). */
IM_NODISCARD im_status im_mapfile_open(im_context *ctx, const char *path, im_mapfile *mf);
/* The reader no longer needs the bytes before upto: give their pages back
 * (in steps, keeping a margin). Harmless for heap input and NULL. */
void im_mapfile_release(im_mapfile *mf, size_t upto);
void im_mapfile_close(im_mapfile *mf);

/* n zeroed elements of size bytes for a big table, on huge pages where the
 * system gives them (context.c). NULL on overflow or OOM; free() it. */
void *im_table_alloc(size_t n, size_t size);

/* ---- incident sets (incidents.c, incident_json.c) ----------------- */

typedef struct im_rec { /* 64 bytes: 10,000,000 of them are 640 MB */
    double lon, lat;
    int64_t time;
    int32_t count, casualties;
    float uncertainty_km;
    uint8_t precision;   /* im_date_precision */
    uint8_t weapon;      /* index into the set's weapon_names */
    uint32_t id, site, source; /* offsets into the string pool (under IM_POOL_MAX) */
    uint32_t category;   /* the "category" field's value in the pool (0: none) */
    double value;        /* the "size" field's value, NAN when absent */
} im_rec;

/* The string pool's size limit: offsets are 32 bits. */
#define IM_POOL_MAX ((size_t)UINT32_MAX)

struct im_incidents {
    im_rec *recs;
    size_t n, cap;
    char *pool;          /* NUL-terminated strings; offset 0 is "" */
    size_t pool_len, pool_cap;
    char weapon_names[IM_MAX_WEAPONS][32];
    int n_weapons;
    size_t skipped;      /* invalid records left out (--skip-invalid) */
    size_t dropped;      /* duplicate ids dropped (--dedupe id) */
    char category_title[48]; /* what the categories are ("Type of violence"); "" default */
    char *title;         /* the first file's "title" member; owned, NULL if none */
    char category_field[64]; /* the name the "category" field was loaded from, "" none */
    char size_field[64];     /* the name the "size" field was loaded from, "" none */
    bool pool_full;          /* a string was refused: the pool would pass IM_POOL_MAX */
    uint32_t recent[256];    /* pool offsets of recent sites/sources/categories, by hash */
};

/* Copy s into the set's string pool: its offset, 0 for NULL or "",
 * (size_t)-1 when out of memory or past IM_POOL_MAX (then set->pool_full)
 * (incidents.c). */
size_t im_set_pool_add(im_incidents *set, const char *s);
/* The failure of a refused pool string, for file name: IM_ERR_LIMIT past
 * IM_POOL_MAX, else IM_ERR_NOMEM (incidents.c). */
im_status im_set_pool_fail(im_context *ctx, const im_incidents *set, const char *name);

/* State of one load: where messages point and what was seen. */
typedef struct im_load {
    im_context *ctx;
    im_incidents *set;
    const char *name;          /* file name for messages */
    size_t errors;             /* content errors so far */
    size_t logged;             /* errors written to the log */
    char **unknown;            /* distinct unknown weapon names warned about */
    size_t n_unknown;
    /* The weapons of the texts last seen (im_load_values): a file repeats a
     * handful of weapon texts in one column, and each lookup compares it
     * with every code, name and alias of the style. */
    struct {
        char column[64], text[64];
        int weapon;
    } weapon_seen[8];
    unsigned n_weapon_seen, weapon_seen_next;
    struct im_idset *ids;      /* ids seen, for duplicates */
    const char *what;          /* "incidents" or "features" or "row" */
    char sheet[64];            /* a workbook of several sheets: the one read, named in
                                * "row 6 of sheet \"Log\""; "" otherwise */
    size_t start_n, start_pool; /* where to roll the set back to */
    im_mapfile *input;         /* the mapped file being read, or NULL */
    const char *path;          /* the file's path when read from disk (OGR), else NULL */
    im_preset preset;          /* the dataset's conventions for this file */
    bool preset_set;           /* im_load_set_preset() ran */
    bool latin1;               /* read text that is not UTF-8 as Windows-1252 (GTD) */
    char comma_decimal;        /* ';' or '\t': the delimiter of a CSV (an Excel re-save in a locale
                                * such as de/fr/es/it): "33,31" is 33.31 */
    bool comma_noted;          /* the note saying so was logged */
    /* Slash dates (05/01/2024) read without --date-order: the first date
     * showing each order (index 0: none seen), the record being read, and
     * the ambiguous ones, read day first for now and settled by the whole
     * file in im_load_end(). */
    struct { size_t index; char text[24]; } slash_seen[2]; /* day first, month first */
    im_slash_date cur_slash;
    struct im_slash_pending *pending;
    size_t n_pending, cap_pending;
    size_t records_seen;       /* records handed to im_load_values() */
    bool have_bad;             /* an error was reported for record bad_index */
    size_t bad_index;
    size_t skipped, dropped;   /* this file's records left out / duplicates dropped */
    struct { char field[24]; size_t n; } reasons[12]; /* skipped records by field */
    size_t n_reasons;
    /* Which field each JSON member name fed, so records that repeat the
     * same names (all of them, usually) are matched once. */
    struct { char key[48]; short field, rank; } keys[64];
    size_t n_keys;
    /* The reader's "line:col" for a message about record index whose detail
     * is given (a CSV field, found by the name it starts with); NULL, or
     * false returned, when the reader has none. */
    bool (*where)(void *arg, size_t index, const char *detail, size_t *line, size_t *col);
    void *where_arg;
    bool serial_noted;         /* the note on Excel serial dates was logged */
} im_load;

/* The fields of one record as text, however the reader got them: a CSV
 * column, a JSON or GeoJSON property (numbers written out), an OGR field.
 * Strings are borrowed for the call. */
typedef struct im_values {
    const char *text[IM_FIELD_COUNT]; /* NULL: absent, null or empty */
    const char *label[IM_FIELD_COUNT];/* the column or property, for messages */
    bool bad[IM_FIELD_COUNT];         /* present but unusable (already reported) */
    bool has_num[IM_FIELD_COUNT];     /* the value was a number: num, exact */
    double num[IM_FIELD_COUNT];
    bool has_point;                   /* coordinates from a geometry */
    double lon, lat;
    const char *id_fallback;          /* id when there is none ("file.csv#12") */
} im_values;

/* Turn a record's text fields into a validated record (dates, numbers,
 * precision scales, categories) and append it: the one path every reader
 * takes. Content errors are counted; only NOMEM/LIMIT are returned. */
IM_NODISCARD im_status im_load_values(im_load *ld, size_t index, const im_values *v);
/* A point in one text column (incident_coords.c). The rank of a WKT
 * column's name (WKT, wkt_geom, geometry, geom, the_geom) or of a "lat, lon"
 * column's (coordinates, latlon, ...; *lon_first for lonlat and the like),
 * -1 when the name is not one. im_values_wkt/_pair set v's point from the
 * text, or report the record's error (index, id as im_load_error) and mark
 * lat and lon bad. */
int im_wkt_column_rank(const char *name);
int im_pair_column_rank(const char *name, bool *lon_first);
void im_values_wkt(im_load *ld, size_t index, const char *id, const char *name,
                   const char *text, im_values *v);
void im_values_pair(im_load *ld, size_t index, const char *id, const char *name,
                    const char *text, bool lon_first_name, im_values *v);
/* Detect the preset of a file from its column or property names (when the
 * context says auto) and set up ld (preset, text encoding, set's category
 * title). */
void im_load_set_preset(im_load *ld, const char *const *names, size_t n);

/* Readers call this as they pass through their input (see mapfile.c). */
static inline void im_load_progress(im_load *ld, size_t pos)
{
    if (ld->input)
        im_mapfile_release(ld->input, pos);
}

IM_NODISCARD im_status im_load_begin(im_load *ld, im_context *ctx, im_incidents *set, const char *name);
/* The message im_load_error() would give for record index: "file:line:col:
 * row 3 (id "x"): detail", in a new string the caller frees; NULL when out
 * of memory. */
char *im_load_message(im_load *ld, size_t index, const char *id, const char *detail);
/* A record with an ambiguous slash date (ld->cur_slash) is read day first
 * for now: note it, with the error it gets if the file never settles the
 * order. The record is the next one appended, if any. */
IM_NODISCARD im_status im_load_slash_pending(im_load *ld, size_t index, const char *id,
                                             const char *detail);
/* Report a content error for record index (id may be NULL). When ld->what
 * is "row" the index is the record's 1-based line ("row 12"), otherwise it
 * is an array index ("incidents[12]", "features[12]"). */
void im_load_error(im_load *ld, size_t index, const char *id, const char *fmt, ...) IM_PRINTF(4, 5);
/* Log a warning about record index, placed like im_load_error's messages. */
void im_load_warning(im_load *ld, size_t index, const char *id, const char *fmt, ...) IM_PRINTF(4, 5);
/* Has a problem been reported for record index (it must be left out)? */
bool im_load_record_bad(const im_load *ld, size_t index);
/* Claim an id for the duplicate check: 1 new (*off: its place in the
 * pool), 0 seen before, -1 out of memory. */
int im_load_claim_id(im_load *ld, const char *id, size_t *off);
/* A hint that id is claimed soon: its slot of the id set is fetched into
 * the cache while the rest of the record is read (the set is bigger than
 * the caches from a few hundred thousand ids, and its slots are random:
 * a sixth of a big CSV's load waited on them). Changes nothing else. */
void im_load_id_soon(const im_load *ld, const char *id);
/* Append a validated record (weapon: a canonical name). */
IM_NODISCARD im_status im_load_append(im_load *ld, im_rec *rec, size_t id_off, const char *weapon,
                         const char *site, const char *source);
/* Finish: on success keep the records, otherwise roll the set back to
 * where it was at im_load_begin() and return IM_ERR_DATA. */
IM_NODISCARD im_status im_load_end(im_load *ld, im_status st);

IM_NODISCARD im_status im_json_read(im_load *ld, const char *data, size_t size);
/* GeoJSON (incident_geojson.c) and CSV (incident_csv.c; delim 0: sniffed
 * from the header line). */
IM_NODISCARD im_status im_geojson_read(im_load *ld, const char *data, size_t size);
IM_NODISCARD im_status im_csv_read(im_load *ld, const char *data, size_t size, char delim);
/* Text in other encodings as UTF-8 (incident_text.c, GLib's iconv). With
 * a UTF-16 byte order mark, *out is a new UTF-8 copy (the caller frees it;
 * an error when the rest is not UTF-16); text that is not UTF-8, with no
 * UTF-8 beyond ASCII before its first bad byte, is read as Windows-1252 by
 * im_text_cp1252 (a note says so). *out is NULL when nothing was
 * converted. */
IM_NODISCARD im_status im_text_utf16(im_context *ctx, const char *name, const char *data,
                                     size_t size, char **out, size_t *out_size);
IM_NODISCARD im_status im_text_cp1252(im_context *ctx, const char *name, const char *data,
                                      size_t size, char **out, size_t *out_size);
/* One field of n bytes of Windows-1252 as UTF-8 into buf (room bytes):
 * its length, or (size_t)-1 when it has bytes Windows-1252 leaves
 * undefined or does not fit. */
size_t im_text_field_cp1252(const char *s, size_t n, char *buf, size_t room);
/* The format of an input from its bytes, then its name (incident_sniff.c).
 * For IM_INPUT_OGR, *kind names it ("GeoPackage") and *ext is the usual
 * extension; *delim is set for tab-separated names. */
im_input_format im_sniff_format(const char *name, const char *data, size_t size, char *delim,
                                const char **kind, const char **ext);
/* GIS files through GDAL/OGR (incident_ogr.c): from ld->path when set,
 * else from the bytes; ext names the driver's usual extension (".gpkg").
 * Without GDAL: an error that says how to convert the file. */
IM_NODISCARD im_status im_ogr_read(im_load *ld, const char *data, size_t size, const char *kind,
                      const char *ext);
/* Esri JSON (incident_esri.c): the names of its esriFieldTypeDate fields
 * (NULL and *n = 0 when none; the caller frees with
 * im_esri_date_fields_free) and whether the file is one page of a larger
 * answer (*partial); such a field's value (milliseconds since 1970, as
 * text) as ISO 8601 in buf, or value itself when it is not an integer. */
char **im_esri_date_fields(const char *data, size_t size, size_t *n, bool *partial);
void im_esri_date_fields_free(char **names, size_t n);
const char *im_esri_date_text(const char *value, char *buf, size_t size);

/* ---- an ordered ring of work on several threads (ring.c) ------------- */

/* Items cut in input order, one at a time under the ring's lock; worked on
 * without it by worker threads, or by the consumer when it would wait;
 * taken by the consumer in order. At most IM_RING_SLOTS in flight; the
 * caller keeps each slot's data, indexed by slot. */
#define IM_RING_SLOTS 6
typedef struct im_ring im_ring;
enum { IM_RING_NONE, IM_RING_CUT, IM_RING_LAST };
/* Cut the next item into slot (the lock is held): IM_RING_NONE when there
 * is none, IM_RING_LAST when this one is the last. */
typedef int (*im_ring_cut_fn)(void *user, size_t slot);
/* Work on the item in slot (no lock held; one thread per slot). */
typedef void (*im_ring_work_fn)(void *user, size_t slot);
/* Start threads - 1 workers (the consumer is the last); locale: a
 * locale_t the workers use, or NULL. NULL when out of memory; free with
 * im_ring_stop(). */
im_ring *im_ring_start(int threads, im_ring_cut_fn cut, im_ring_work_fn work, void *user,
                       void *locale);
/* The slot of the next item in order (the one before is released), or -1
 * when there are no more (or the ring was stopped). */
int im_ring_next(im_ring *r);
/* Stop and join the workers; free the ring. Accepts NULL. */
void im_ring_stop(im_ring *r);
/* INCMAP_PARSE_BLOCK's bytes (then *min_rest is 0: a test's small
 * input is cut too), else dflt. */
size_t im_parse_block_bytes(size_t dflt, size_t *min_rest);

/* ---- CSV rows parsed ahead on other cores (csv_parallel.c) ----------- */

/* incident_csv.c's field store: s[0..len) appended to rec with its NUL
 * (converted from Windows-1252 when latin1 and not UTF-8; nothing for a
 * field over max_bytes). Returns the field's flag (0: usable text), or -1
 * when rec cannot grow (rec->st says why). */
int im_csv_field_put(im_buf *rec, const char *s, size_t len, bool latin1, size_t max_bytes);
/* Room for need fields in the parallel arrays *off and *flags (*cap
 * entries, grown by doubling); false when out of memory. */
bool im_csv_fields_room(size_t **off, unsigned char **flags, size_t *cap, size_t need);
/* Line breaks in t[0..len) as the reader counts lines (CRLF once). */
size_t im_csv_line_breaks(const char *t, size_t len);

/* After the header, rows are parsed by libcsv on worker threads in chunks
 * of whole lines, and the reader takes them in file order (see the top of
 * csv_parallel.c). A chunk that did not parse cleanly is the reader's to
 * parse itself, from its start, with the serial code and its messages. */
typedef struct im_csvpool im_csvpool;
typedef struct im_csvopts {
    char delim;
    bool tab_spaces;   /* the delimiter is a tab: only ' ' is a space */
    bool latin1;
    size_t max_bytes;  /* a field's limit (FIELD_LONG over it) */
    size_t max_cols;   /* a row with more fields is left to the reader */
} im_csvopts;
/* A parsed row: its fields' texts (NUL-terminated) at text + off[i], with
 * flags[i]; the line it starts on, counted from the chunk's first line
 * (0), and its first byte in the input. */
typedef struct im_csvrow {
    size_t line, start, nf;
    const size_t *off;
    const unsigned char *flags;
    const char *text;
    size_t text_len;   /* the row's fields' bytes, NULs included */
    size_t f0, t0;     /* the pool's: its first field and byte in the chunk's arrays */
} im_csvrow;
/* Rows from pos (the start of a line, between rows) on; NULL: serial (one
 * thread, a short rest, no memory). The pool is the caller's. */
im_csvpool *im_csvpool_start(const char *data, size_t size, size_t pos, const im_csvopts *o);
/* The next chunk, which must start at pos: true with its rows, the line
 * breaks in it and its end; false when there is none or it must be read
 * serially (from pos, which is then where the serial walk goes on). */
bool im_csvpool_next(im_csvpool *p, size_t pos, const im_csvrow **rows, size_t *n_rows,
                     size_t *lines, size_t *end);
void im_csvpool_stop(im_csvpool *p);

/* ---- walking JSON by hand (json_walk.c), for the JSON and GeoJSON readers */

struct json_t;

typedef struct im_jw {
    im_load *ld;
    const char *data;
    size_t size, pos;
    size_t line_pos;   /* position up to which lines were counted */
    int line;          /* 1-based line at line_pos */
    size_t line_start; /* offset of the start of that line */
    struct im_jpool *pool; /* the records array's elements decoded ahead, or NULL */
    bool borrowed;         /* the last im_jw_decode value is the pool's: not freed */
    unsigned levels;       /* when borrowed: its nesting levels (1: a scalar) */
    int flat_ok;           /* im_jflat: the array's callback takes flat records or
                              features (below) */
    /* When im_jw_decode gave NULL: the element was an object of scalars,
     * decoded by a worker and handed over as its members (the pool's); or,
     * with feat set, a GeoJSON point Feature: flat holds its properties. */
    const struct im_jmember *flat;
    size_t flat_n;
    const struct im_jfeature *feat;
} im_jw;

/* One member of a JSON object, copied out of jansson's tree: its key and,
 * for a scalar, its value. A record whose members are all scalars is
 * handed from the decoding thread to the reader as these (see
 * json_parallel.c): a few cache lines to read instead of a tree that
 * another core built. */
typedef struct im_jmember {
    const char *key;
    const char *str;    /* a string's bytes (NUL-terminated, len before that) */
    size_t len;
    double num;         /* a number's value (an integer's too) */
    long long inum;     /* an integer's */
    unsigned char type; /* json_type */
} im_jmember;

/* Decoding a big array's elements on worker threads (json_parallel.c).
 * Start at the array's first element (pos, after white space): NULL when
 * the walk should stay serial (one thread, a small array, no memory); the
 * pool is the caller's (im_jpool_stop). Take the value of the element at
 * pos in file order (borrowed: the pool frees it once the walk is past
 * its block; *end: just after it), or NULL: decode it yourself (serial from there when the walk left the scan's path). */
typedef struct im_jpool im_jpool;
/* What a pool hands over without a tree (the pool's, until the walk leaves
 * the element's block): IM_JFLAT_RECORDS, objects whose members are all
 * scalars, as their members; IM_JFLAT_FEATURES, GeoJSON Features whose
 * type is "Feature", whose geometry is a Point of numbers and whose
 * properties are absent, null or an object of scalars, as an im_jfeature
 * and the properties' members. Anything else comes as its tree. */
typedef enum im_jflat { IM_JFLAT_NONE, IM_JFLAT_RECORDS, IM_JFLAT_FEATURES } im_jflat;
/* A point Feature as a worker saw it (the members its reader looks at). */
typedef struct im_jfeature {
    im_jmember id;   /* "id": JSON_NULL when absent or null, else a string or number */
    double lon, lat; /* geometry.coordinates[0] and [1] (an altitude is ignored) */
    bool props;      /* "properties" is an object (else absent or null) */
} im_jfeature;
im_jpool *im_jpool_start(im_context *ctx, const char *data, size_t size, size_t pos,
                         im_jflat flat);
/* A tree, or NULL with *members set (a flat record: *n members; a flat
 * feature: also *feat), or NULL with *members and *feat NULL (decode it
 * yourself). */
struct json_t *im_jpool_take(im_jpool *p, size_t pos, size_t *end, unsigned *levels,
                             const im_jmember **members, size_t *n,
                             const im_jfeature **feat);
/* The members of the element after the one last taken, when it is in the
 * same block and flat (a look ahead, for prefetching), else NULL. */
const im_jmember *im_jpool_peek(const im_jpool *p, size_t *n);
void im_jpool_stop(im_jpool *p);

/* Called for each array element (decoded, borrowed for the call). */
typedef im_status (*im_jw_elem_fn)(im_jw *w, size_t index, struct json_t *v, void *user);
/* Called for each top-level member with w->pos at its value, which the
 * function must consume (im_jw_decode, im_jw_array, im_jw_skip_member). */
typedef im_status (*im_jw_member_fn)(im_jw *w, const char *name, void *user);

/* Start at data (a UTF-8 byte order mark is skipped). */
void im_jw_init(im_jw *w, im_load *ld, const char *data, size_t size);
void im_jw_where(im_jw *w, size_t pos, int *line, int *col);
/* Report "name:line:col: msg" as IM_ERR_SYNTAX. */
IM_NODISCARD im_status im_jw_syntax(im_jw *w, size_t pos, const char *msg);
void im_jw_skip_ws(im_jw *w);
/* Decode one value at w->pos and advance past it; *out is the caller's. */
IM_NODISCARD im_status im_jw_decode(im_jw *w, struct json_t **out);
/* Walk the array at w->pos ('['), one element at a time. what names the
 * array and elem one element in messages ("incidents", "an incident"). */
IM_NODISCARD im_status im_jw_array(im_jw *w, const char *what, const char *elem, im_jw_elem_fn fn,
                      void *user);
/* Walk the object at w->pos ('{') member by member. */
IM_NODISCARD im_status im_jw_object(im_jw *w, im_jw_member_fn fn, void *user);
/* Decode and drop a member's value, checking its depth. */
IM_NODISCARD im_status im_jw_skip_member(im_jw *w, const char *name);
/* The next element's id, when it is a flat element (im_jpool_peek) whose
 * member in this one's place (m[0..n), the one whose string is id) has
 * the same name and is a string (records repeat one order): fetched into
 * the cache (im_load_id_soon) while this element is read. */
void im_jw_id_ahead(const im_jw *w, const im_jmember *m, size_t n, const char *id);
/* Only white space may follow the document. */
IM_NODISCARD im_status im_jw_end(im_jw *w);
bool im_json_depth_ok(struct json_t *v, unsigned depth, unsigned max);
/* The same for the element just decoded by w (v), from the levels counted
 * by the thread that decoded it when it did. */
bool im_jw_depth_ok(const im_jw *w, struct json_t *v, unsigned depth, unsigned max);
const char *im_json_type_name(struct json_t *v);
/* Typed fields of record i; a wrong type is a content error naming key.
 * NULL / false when absent, null or wrong. */
const char *im_json_string(im_load *ld, size_t i, const char *id, struct json_t *v,
                           const char *key);
bool im_json_number(im_load *ld, size_t i, const char *id, struct json_t *v, const char *key,
                    double *out);
bool im_json_integer(im_load *ld, size_t i, const char *id, struct json_t *v, const char *key,
                     long long *out);

/* A JSON object's members as a record's fields (im_values): members are
 * matched by name (--field, the preset's, the known names; the preset is
 * detected from the first record's names), strings are taken as they are,
 * numbers written out; a boolean, object or array where a field is
 * expected is a content error. label_prefix goes before names in messages
 * ("properties."). Texts live in jv and in obj. */
typedef struct im_json_values {
    im_values v;
    char num[IM_FIELD_COUNT][32];
    char label[IM_FIELD_COUNT][64];
} im_json_values;
IM_NODISCARD im_status im_json_values_fill(im_load *ld, size_t index, struct json_t *obj,
                                           const char *label_prefix, im_json_values *jv);
/* The same from an object's members (m[0..n), in the object's order). */
void im_json_members_fill(im_load *ld, size_t index, const im_jmember *m, size_t n,
                          const char *label_prefix, im_json_values *jv);
/* obj's members into stack[0..cap), or into a heap array (*heap, the
 * caller's to free) when there are more; NULL on OOM. Strings point into
 * obj. */
const im_jmember *im_json_members(struct json_t *obj, im_jmember *stack, size_t cap,
                                  im_jmember **heap, size_t *n);
/* The member key: val (strings point into val's tree). */
void im_json_member_of(const char *key, struct json_t *val, im_jmember *m);
/* A member's scalar as text, as im_json_scalar_text; the name of its
 * type, as im_json_type_name. */
const char *im_jmember_text(const im_jmember *m, char *buf, size_t size);
const char *im_jmember_type_name(const im_jmember *m);
/* A JSON scalar as text (numbers in their shortest exact form) into buf;
 * NULL for null, objects, arrays and booleans. */
const char *im_json_scalar_text(struct json_t *v, char *buf, size_t size);

/* ---- how many threads the library's helpers may use (threads.c) ---- */

/* The CPUs this process may run on (its affinity mask), at least 1. */
int im_cpu_count(void);
/* INCMAP_THREADS: its number (0 there: the CPUs; not a number: 1), or -1
 * when it is not set. */
int im_env_threads(void);
/* INCMAP_THREADS when set, else the CPUs up to default_max; at least 1. */
int im_helper_threads(int default_max);
/* Call fn(arg, from, to) over [0, n) in ranges of at most chunk, on the
 * calling thread and up to im_helper_threads(max_threads) - 1 helpers,
 * and return when every range is done. fn must touch only what its range
 * owns (and read shared data): the ranges run in any order and at once.
 * A helper that cannot be started leaves its share to the others, so this
 * never fails. */
void im_parallel_for(size_t n, size_t chunk, int max_threads,
                     void (*fn)(void *arg, size_t from, size_t to), void *arg);

/* ---- a PNG's image data deflated on several cores (png_deflate.c) ---- */

/* Write the filtered image bytes [off, off + len) to dst; false when out
 * of memory. Called from several threads at once, for disjoint or
 * overlapping ranges. */
typedef bool (*im_png_fill_fn)(void *arg, size_t off, size_t len, unsigned char *dst);
/* The zlib stream (header, deflate data, Adler-32) of the n bytes that fill
 * gives, deflated at level in pieces on the CPUs; the same bytes whatever
 * the number of threads. *out is malloc'd (the caller frees it). IM_OK,
 * IM_ERR_NOMEM, or IM_ERR_ENCODE (zlib failed); no message is set. */
im_status im_png_deflate(im_png_fill_fn fill, void *arg, size_t n, int level, unsigned char **out,
                         size_t *out_len);

/* ---- view: lon/lat -> map CRS -> device ---------------------------- */

typedef struct im_view {
    PJ *fwd;             /* lon/lat (visualisation order) -> map CRS; owned */
    PJ *crs;             /* the map CRS object; owned */
    double scale;        /* device units per map unit */
    double mx0, my1;     /* map coordinates of the frame's top-left corner */
    double fx, fy, fw, fh; /* frame rectangle in device units */
    double pt;           /* device units per typographic point */
    double denominator;  /* nominal scale 1:N at the frame centre */
    double bbox[4];      /* requested extent in degrees (W,S,E,N) */
    int page_w, page_h;  /* page size in device units */
} im_view;

/* Build the view: CRS (given or fitted), frame fitted to the bbox edges
 * densified, uniform scale. frame_* is the rectangle reserved for the map. */
IM_NODISCARD im_status im_view_init(im_context *ctx, im_view *view, const char *crs,
                       const double bbox[4], double fx, double fy,
                       double fw, double fh, double pt);
void im_view_clear(im_view *view);

/* Transform n lon/lat pairs in place to device coordinates (x, y arrays,
 * element stride in bytes as proj_trans_generic takes). Points that PROJ
 * cannot transform become HUGE_VAL. */
IM_NODISCARD im_status im_view_project(im_context *ctx, const im_view *view, double *x,
                          size_t sx, double *y, size_t sy, size_t n);
/* Map coordinates (CRS units) to device and back. */
void im_view_map_to_dev(const im_view *view, double mx, double my, double *dx, double *dy);
void im_view_dev_to_map(const im_view *view, double dx, double dy, double *mx, double *my);
/* Device -> lon/lat through the inverse projection; false if it fails. */
bool im_view_dev_to_lonlat(const im_view *view, double dx, double dy, double *lon, double *lat);
/* The lon/lat bounds (W, S, E, N) of the frame's edge, traced at steps+1
 * points a side; returns how many points are off the Earth (left out of
 * b; b is HUGE_VAL/-HUGE_VAL when all are). */
size_t im_view_edge_bounds(const im_view *v, int steps, double b[4]);

/* The outline of a lon/lat box, steps points per edge, counter-clockwise
 * from the south-west corner: 4 * steps points into xs and ys. */
void im_bbox_ring(const double bbox[4], int steps, double *xs, double *ys);

/* The conformal CRS incmap chooses for a bbox (PROJ string, caller frees). */
/* W > E (across the antimeridian) -> E + 360: the library's extent form. */
void im_bbox_normalize(double b[4]);
char *im_crs_fitted(const double bbox[4]);

/* ---- occupied boxes (labels, markers, furniture never overlap) ------- */

typedef struct im_box { double x0, y0, x1, y1; } im_box;
/* Boxes in insertion order (v) and in a spatial grid (boxes.c) that
 * im_boxes_hit() queries. Zero-initialise; release with im_boxes_free(). */
typedef struct im_boxes {
    im_box *v;
    size_t n, cap;
    struct im_box_grid *grid;
} im_boxes;

IM_NODISCARD im_status im_boxes_add(im_boxes *b, im_box box);
bool im_boxes_hit(const im_boxes *b, im_box box);
void im_boxes_free(im_boxes *b);
static inline bool im_box_overlap(im_box a, im_box b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* ---- text (Pango) --------------------------------------------------- */

typedef struct im_text_style {
    const char *family;  /* NULL: style font */
    double size_pt;
    bool bold, italic;
    im_rgba color;
    double halo_pt;      /* 0: none; halo drawn in halo colour */
    im_rgba halo;
    double wrap_w;       /* device units: wrap lines at this width; 0: one line */
} im_text_style;

/* Measure text (UTF-8, any script; Pango shapes and orders it) in device
 * units. Returns false on invalid text. */
bool im_text_measure(cairo_t *cr, const im_view *view, const im_style *st,
                     const im_text_style *ts, const char *text, double *w, double *h);
/* Draw text with its top-left corner at (x, y) in device units. */
void im_text_draw(cairo_t *cr, const im_view *view, const im_style *st,
                  const im_text_style *ts, const char *text, double x, double y);

/* ---- basemap (basemap.c, label.c) ----------------------------------- */

typedef struct im_basemap im_basemap;

/* Open a basemap: "none" gives an empty basemap; a name is looked up in
 * the context's basemap folder; a folder must hold manifest.json; a
 * .geojson file becomes a one-layer basemap. Free with im_basemap_free(). */
IM_NODISCARD im_status im_basemap_open(im_context *ctx, const char *spec, im_basemap **out);
/* The same, reading only what a map of aoi (W, S, E, N; NULL: all) at scale
 * 1:denominator (0: any) needs. */
IM_NODISCARD im_status im_basemap_open_area(im_context *ctx, const char *spec, const double aoi[4],
                               double denominator, im_basemap **out);
/* The same for a map drawn in view (its frame, widened, and its scale down
 * to BM_VIEW_SCALE_SPAN times smaller, for frames smaller than view's). */
IM_NODISCARD im_status im_basemap_open_view(im_context *ctx, const char *spec, const im_view *view,
                               im_basemap **out);
/* Whether bm (opened for an area and scale) holds all view draws; when not,
 * open it again for that view. */
bool im_basemap_holds(const im_basemap *bm, const im_view *view);
/* With no --basemap: the installed basemap with the smallest extent holding
 * all of bbox, else "world", else "none"; written into buf. */
/* The shortest longitude span of the records (E past 180 across the
 * antimeridian); *w, *e unchanged when it does not wrap. */
void im_lon_span(const im_incidents *set, const size_t *idx, size_t n, double *w, double *e);
const char *im_basemap_choose(im_context *ctx, const double bbox[4], char *buf, size_t size);
/* Whether the whole frame of view lies in the basemap's data extent. */
bool im_basemap_covers(const im_basemap *bm, const im_view *view);
/* The frame's background: sea colour in the data, hatched grey outside. */
void im_basemap_paint_background(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                 const im_view *view);
/* The hatched grey "no data" fill in a box (also the legend swatch). */
void im_basemap_paint_nodata(cairo_t *cr, double x, double y, double w, double h, double pt,
                             const im_theme *th);
/* Credit line naming only the basemap layers drawn in bbox at 1:denominator;
 * NULL when none is. Written into buf. */
const char *im_basemap_credits(const im_basemap *bm, const double bbox[4], double denominator,
                               char *buf, size_t size);
void im_basemap_free(im_basemap *bm);
/* Add a user's GeoJSON layer, drawn above the basemap's own layers with a
 * default style. */
IM_NODISCARD im_status im_basemap_add_layer(im_context *ctx, im_basemap *bm, const char *path);
/* The attribution line of the bundled data, or NULL when none. */
const char *im_basemap_attribution(const im_basemap *bm);
/* The file of the basemap's layer called name when it is shown at scale
 * 1:denominator, else NULL. Borrowed: lives as long as bm. */
const char *im_basemap_layer_file(const im_basemap *bm, const char *name, double denominator);
/* The names file at path as read ahead when the basemap was opened: a new
 * reference the caller releases with json_decref, or NULL (read it). */
struct json_t *im_basemap_names_tree(const im_basemap *bm, const char *path);
/* Read one of a basemap's JSON files (manifest, GeoJSON layer, name
 * anchors) whole, its positions bounded by --max-vertices and duplicate
 * members refused. *out: a new reference the caller releases with
 * json_decref. IM_ERR_BASEMAP names "path:line:col: what: reason". */
IM_NODISCARD im_status im_basemap_load_json(im_context *ctx, const char *path, const char *what,
                                            struct json_t **out);
/* The area the basemap's data cover (W, S, E, N), if its manifest says. */
bool im_basemap_extent(const im_basemap *bm, double out[4]);
/* Background (sea) colour of the frame. */
im_rgba im_basemap_background(const im_basemap *bm);
/* Draw every non-label layer into the view's frame (the caller clips). */
IM_NODISCARD im_status im_basemap_draw(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                          const im_view *view);
/* The same, recording each layer drawn (name, colours, widths used) into
 * lay (may be NULL) under group ("basemap" when NULL). */
struct im_layout;
IM_NODISCARD im_status im_basemap_draw_logged(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                              const im_view *view, struct im_layout *lay,
                                              const char *group);
/* Place and draw place labels; boxes already in *occupied are avoided and
 * every placed label box is added to it. */
IM_NODISCARD im_status im_basemap_draw_labels(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                 const im_view *view, const im_style *st,
                                 im_label_mode mode, im_boxes *occupied);

typedef struct im_layout im_layout; /* layout.h */

/* Append to out (zero-initialised by the caller, who frees it with
 * im_boxes_free) the dot boxes of the basemap's capitals inside the view's
 * frame whose dots are clear of occupied: what site labels should leave
 * free so that the capitals keep their dots (the same boxes the place
 * labels reserve). Errors: IM_ERR_NOMEM. */
IM_NODISCARD im_status im_basemap_capital_dots(im_context *ctx, const im_basemap *bm,
                                               const im_view *view, const im_boxes *occupied,
                                               im_boxes *out);
/* im_basemap_draw_labels() that also records each dot and label in lay
 * (NULL: not recorded). occupied->v[furn_lo .. furn_hi) are the furniture's
 * boxes (legend, inset, scale bar...): a place under them is not named,
 * not even a capital (whose name may otherwise lead to markers over it). */
IM_NODISCARD im_status im_basemap_place_labels(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                  const im_view *view, const im_style *st, im_label_mode mode,
                                  im_boxes *occupied, size_t furn_lo, size_t furn_hi,
                                  im_layout *lay);
/* ---- dates in words (date_text.c) ----------------------------------- */

/* "19 May 2019" with the month named in locale ("fr", "ar_IQ", any
 * installed locale; NULL: English). Returns false when the locale is
 * neither built in nor installed (the text is then in English). */
bool im_date_human(int64_t seconds, const char *locale, char *buf, size_t size);
/* A range, with what the two dates share written once: "8 July 2021",
 * "3\u20138 July 2021", "19 May \u2013 8 July 2021", "19 May 2019 \u2013 8 July 2021". */
bool im_date_range_human(int64_t a, int64_t b, const char *locale, char *buf, size_t size);

/* ---- names of countries, seas, lakes and rivers (names.c) ----------- */

/* One name placed by im_names_draw(): kind ("country", "sea", "river",
 * "lake"), the English name (or the first line when there is none), its
 * centre and angle (radians) and its box, in device units. */
typedef struct im_name_label {
    const char *kind;   /* static */
    char name[96];
    double x, y, angle;
    im_box box;
} im_name_label;
typedef struct im_name_labels { im_name_label *v; size_t n, cap; } im_name_labels;
void im_name_labels_free(im_name_labels *l);

/* inset: country names only, smaller, one line (Arabic with IM_LABELS_AR, else English) */
enum { IM_NAMES_MAP = 0, IM_NAMES_INSET = 1 };

/* Place and draw the names of the basemap's "names" layer (when it has one
 * and it is shown at the view's scale) in the label languages of mode.
 * Every name's box is tested against *occupied and added to it; a name that
 * finds no room is left out. placed (may be NULL) receives the names drawn;
 * the caller frees it with im_name_labels_free(). Errors: IM_ERR_BASEMAP
 * (unreadable layer), IM_ERR_NOMEM, IM_ERR_RENDER. */
IM_NODISCARD im_status im_names_draw(im_context *ctx, const im_basemap *bm, cairo_t *cr, const im_view *view,
                                     const im_style *st, im_label_mode mode, unsigned what,
                                     im_boxes *occupied, im_name_labels *placed);

/* ---- the scene: what one render draws (render.c, symbol.c, legend.c) -- */

/* 64 bytes (one cache line): at 1,000,000 markers the array is the
 * biggest of the draw (rec is 32 bits: im_panel_draw refuses sets of
 * 2^32 records or more, which no memory would hold). */
typedef struct im_placed {
    double x, y;       /* device position of the marker */
    double sx, sy;     /* device position of the site (before dodging) */
    int64_t time;
    double size;       /* symbol diameter in device units (--size-by); 0: the style's */
    uint32_t rec;      /* index in the incident set */
    int weapon;        /* index into the style's weapons */
    int sclass;        /* IM_SIZE_VALUE, IM_SIZE_ZERO or IM_SIZE_UNKNOWN */
    int cat;           /* category index (--color-by FIELD), -1 when not by field */
} im_placed;

enum { IM_SIZE_VALUE = 0, IM_SIZE_ZERO = 1, IM_SIZE_UNKNOWN = 2 };

/* One symbol standing for all incidents at a site (--stack cluster). */
typedef struct im_cluster {
    double x, y;       /* device position of the symbol */
    double sx, sy;     /* device position of the site */
    size_t n;          /* incidents */
    size_t counts[IM_MAX_WEAPONS]; /* by style weapon index */
} im_cluster;

typedef struct im_annotations im_annotations;
typedef struct im_scene {
    im_context *ctx;
    const im_style *st;
    const im_view *view;
    const im_render_options *opts;
    const im_incidents *set;
    cairo_t *cr;
    im_placed *pts;    /* markers in drawing order (oldest first) */
    size_t n;
    int64_t t_min, t_max;  /* the date scale */
    size_t weapon_counts[IM_MAX_WEAPONS];
    size_t n_sites_dodged;
    im_boxes occupied;
    size_t n_marker_boxes; /* the first boxes in occupied are markers */
    double page_w, page_h; /* device units */
    double margin;         /* device units */
    double corner_used[5]; /* stacked height used in each corner (im_corner) */
    im_cluster *clusters;  /* cluster symbols, drawn after the markers */
    size_t n_clusters;
    bool clustered;        /* a cluster symbol was drawn */
    bool uncertainty;      /* an uncertainty ring was drawn */
    bool coarse_dates;     /* a marker's date is known only to the month or year */
    bool nodata;          /* part of the frame is outside the basemap's data */
    int density;           /* 0: markers; IM_DENSITY_HEX or _GRID: binned */
    double cell;           /* bin size in device units (hexagon radius, square side) */
    uint32_t *cells;       /* counts, cols x rows */
    int cols, rows;
    uint32_t cell_max;
    bool legend_fixed;     /* draw the legend at legend_x/y, not in a corner */
    double legend_x, legend_y;
    int legend_cols;       /* columns of legend rows (0, 1: one) */
    double legend_max_w;   /* when > 0: the legend spans this width (rows in columns) */
    unsigned drop;         /* IM_DROP_*: furniture left out for lack of room */
    bool legend_compact;   /* the legend's rows only: no scale bar or notes */
    im_layout *lay;        /* the placement being recorded, or NULL */
    bool no_markers;       /* html.c, animate.c draw the markers (placed as usual) */
    /* Symbology (symbology.c): proportional symbols and categories */
    int size_src;          /* IM_SIZE_BY_* */
    double size_vmax;      /* the largest value of the selection (0: none) */
    bool size_zero, size_unknown; /* a value of 0 / an unknown value is in the selection */
    bool size_whole;       /* every value is a whole number (no legend circle below 1) */
    char size_title[64];   /* "Casualties", "Count", or the field's name */
    int n_cats;            /* categories of --color-by FIELD, "Other" last when cat_other */
    bool cat_other;
    char cat_name[IM_MAX_CATS][64]; /* "" stands for records without a value */
    im_rgba cat_color[IM_MAX_CATS];
    size_t cat_count[IM_MAX_CATS];  /* records of the selection */
    const im_annotations *annotations; /* --annotate (annotate.c), or NULL */
    /* Boxes site labels keep clear when they can (the dots of capitals,
     * label.c im_basemap_capital_dots), or NULL; borrowed. */
    const im_boxes *keep_clear;
    struct im_inset_ahead *inset_ahead; /* the inset's basemap read ahead, or NULL */
} im_scene;

enum { IM_SIZE_BY_NONE = 0, IM_SIZE_BY_CASUALTIES = 1, IM_SIZE_BY_COUNT = 2, IM_SIZE_BY_FIELD = 3 };

/* symbology.c: what --size-by and --color-by FIELD need, from the
 * selection idx[0..n): the value scale, the categories and their colours.
 * IM_ERR_ARG when the set was not loaded with the field the options name. */
IM_NODISCARD im_status im_symbology_prepare(im_scene *sc, const size_t *idx, size_t n);
/* Fill p's size, sclass and cat from its record (p->rec). */
void im_symbology_point(const im_scene *sc, im_placed *p);
/* The diameter in device units of a value (> 0) on the scene's scale. */
double im_size_diameter(const im_scene *sc, double v);
/* The values of the size legend's nested circles, largest first (1 to 4
 * round values: 1, 2 or 5 times a power of ten). Returns how many. */
int im_size_legend_values(const im_scene *sc, double out[4]);
/* The fill of a marker: by category, date or weapon (with the fade). */
im_rgba im_point_color(const im_scene *sc, const im_placed *p, int64_t t);
/* Copy the symbology of src (the size scale, the categories and their
 * colours: what im_symbology_prepare() set) into dst, nothing else; for
 * html.c and animate.c, which draw a captured render's markers. */
void im_symbology_copy(im_scene *dst, const im_scene *src);
/* The value p is sized by (NAN when unknown or not sized). */
double im_symbology_value(const im_scene *sc, const im_placed *p);
/* The size legend's words: a step's value as written ("5", "2,000"), and
 * the rows for a value of zero and an unknown value. */
void im_size_step_label(double v, char *buf, size_t size);
extern const char *const im_size_notes[2];
/* A field's name as a legend heading: "type_of_violence" -> "Type of violence". */
void im_field_title(const char *name, char *buf, size_t size);
/* highlight.c: rings and callouts for --highlight, placed so that they
 * overlap nothing in sc->occupied (and added to it). */
IM_NODISCARD im_status im_highlight_draw(im_scene *sc);
/* A callout box bw x bh near (x, y), outside a ring of radius rr: the
 * nearest of eight directions at three distances that lies inside the frame
 * and covers nothing in sc->occupied. true and the box and the leader's end
 * (*ax, *ay); false when there is no room. Adds nothing to occupied. */
bool im_callout_place(const im_scene *sc, double x, double y, double rr, double bw, double bh,
                      im_box *box, double *ax, double *ay);
/* Paint a callout's leader (ring edge to ax, ay) and its box, in the
 * theme's ink and panel colours. */
void im_callout_frame(im_scene *sc, double x, double y, double rr, double ax, double ay,
                      im_box box);

/* annotate.c: --annotate FILE, a user's callouts at coordinates. */
/* Read a CSV of lon,lat,text[,priority] (header first, any column order).
 * IM_ERR_SYNTAX / IM_ERR_DATA with file:line:column and the column,
 * IM_ERR_IO_READ, IM_ERR_LIMIT (over 200 rows). On IM_OK *out is set;
 * the caller frees it with im_annotations_free(). */
IM_NODISCARD im_status im_annotations_load(im_context *ctx, const char *path,
                                           im_annotations **out);
void im_annotations_free(im_annotations *a); /* accepts NULL */
/* Place and draw the callouts, highest priority first, in the collision
 * index; those without room are left out with a warning. */
IM_NODISCARD im_status im_annotate_draw(im_scene *sc, const im_annotations *an);
/* The label of category k ("Other", "Not given" for records without one). */
const char *im_category_label(const im_scene *sc, int k);

/* Furniture the page layout leaves out when the frame is too small. */
#define IM_DROP_INSET 1u
#define IM_DROP_NORTH 2u
#define IM_DROP_GRATICULE_LABELS 4u
#define IM_DROP_LEGEND 8u

/* The legend's size (device units) for the scene's content, its rows in
 * cols columns. */
void im_legend_size(im_scene *sc, int cols, double *w, double *h);

/* furniture.c: corners, scale bar, north arrow, graticule. */

/* Reserve a w x h box in a corner of the frame. AUTO picks the corner
 * whose box hides the fewest markers (ties: the order in prefer, four
 * corners). Elements in one corner stack inward. The box is added to the
 * occupied boxes and returned. */
im_box im_corner_place(im_scene *sc, im_corner corner, double w, double h,
                       const im_corner prefer[4]);
/* The same, recording the box in sc->lay as an item of kind (im_item_kind;
 * -1: not recorded). */
im_box im_corner_place_kind(im_scene *sc, int kind, im_corner corner, double w, double h,
                            const im_corner prefer[4]);
/* The scale bar: a round distance and its length in device units at the
 * frame centre, measured geodesically. label gets "100 km". */
bool im_scalebar_compute(const im_view *view, im_units units, double max_len,
                         double *len, double *distance, char *label, size_t size);
/* Angle in radians, clockwise from the page's up, of true north at a
 * device position; false if it cannot be computed. */
bool im_north_angle(const im_view *view, double x, double y, double *angle);
/* Degree spacing of graticule lines for the view. */
double im_graticule_step(const im_view *view);
/* Draw graticule lines (inside the frame; the caller clips). */
void im_graticule_draw(im_scene *sc);
/* Degree labels outside the frame. */
void im_graticule_labels(im_scene *sc);
/* Scale bar and north arrow, placed in their corners. */
IM_NODISCARD im_status im_furniture_draw(im_scene *sc);
/* Room the graticule labels need outside the frame (device units). */
void im_graticule_margins(const im_style *st, double pt, double *left, double *bottom);

/* symbol.c */
void im_marker_path(cairo_t *cr, im_shape shape, double x, double y, double size);
/* One marker of weapon in colour c at (cx, cy), as every batched marker is
 * drawn (fill, edge, hairline); size, lw in user units, pt user units per
 * point (symbol.c). */
void im_marker_stamp(cairo_t *cr, const im_style *st, int weapon, im_rgba c, double cx,
                     double cy, double size, double lw, double pt, bool coarse);
/* A batched marker: its style key and its index in sc->pts (symbol.c). */
typedef struct im_stamp_ref { uint32_t key; uint32_t i; } im_stamp_ref;
/* Markers sc->pts[refs[0..n).i] of one style on a vector surface, the
 * marker written once and referenced per position (vector_stamps.c); side:
 * the stamp's square in user units; coarse: the dashed edge of a date known
 * only to the month or year. false when out of memory. */
bool im_vector_stamps(im_scene *sc, const im_stamp_ref *refs, size_t n, int weapon, im_rgba c,
                      double size, double lw, int side, bool coarse);
im_rgba im_marker_color(const im_scene *sc, int weapon, int64_t time);
/* Spread markers that share a site into a compact packing around it, or
 * (by the stack mode) replace them by one cluster symbol. Markers that a
 * cluster stands for get a NAN position. */
IM_NODISCARD im_status im_markers_dodge(im_scene *sc);
void im_markers_draw(im_scene *sc);
/* Radius in device units of a cluster symbol for n incidents. */
double im_cluster_radius(const im_scene *sc, size_t n);
/* Faint dashed rings of each incident's location uncertainty (geodesic). */
void im_uncertainty_draw(im_scene *sc);
/* Paint one uncertainty ring of IM_RING_N device points (xs[k * stride],
 * ys[k * stride]; points that are not finite are left out) as the static
 * map does: a faint fill and a dashed edge in colour c; pt is the view's
 * device units per point. Used by im_uncertainty_draw and the time-lapse. */
void im_ring_paint(cairo_t *cr, double pt, im_rgba c, const double *xs, const double *ys,
                   size_t stride);
/* Record r's uncertainty ring, IM_RING_N points on the geodesic circle,
 * projected into xs/ys (device units; HUGE_VAL where PROJ cannot). 1: a ring
 * to draw; 0: none (no uncertainty, or hidden under the marker at x, y);
 * -1: projecting failed (logged as IM_ERR_ARG: a view without PROJ). */
enum { IM_RING_N = 72 };
int im_uncertainty_ring(im_context *ctx, const im_view *view, const im_style *st,
                        const im_rec *r, double x, double y, double xs[IM_RING_N],
                        double ys[IM_RING_N]);
/* density.c: bin the placed points (hexagons or squares in device
 * space); im_density_draw fills the cells by count. */
#define IM_DENSITY_AUTO_FROM 200000
IM_NODISCARD im_status im_density_build(im_scene *sc, int mode);
void im_density_draw(im_scene *sc);
/* The colour of a cell holding count incidents. */
im_rgba im_density_color(const im_scene *sc, uint32_t count);

/* inset.c: the locator map in a frame corner (needs basemap layers).
 * Its "world" basemap may be read ahead: im_inset_ahead_start, once the
 * main view is final, starts reading it on a helper thread (NULL: no
 * inset is due, one thread only, or it could not start; the inset then
 * reads it itself). sc->inset_ahead hands it to im_inset_draw, which
 * takes what the helper read; im_inset_ahead_free joins the helper and
 * frees what was not taken (NULL is fine). */
typedef struct im_inset_ahead im_inset_ahead;
im_inset_ahead *im_inset_ahead_start(im_context *ctx, const im_render_options *o,
                                     const im_view *v);
void im_inset_ahead_free(im_inset_ahead *a);
IM_NODISCARD im_status im_inset_draw(im_scene *sc, const im_basemap *bm);
/* timeline.c: incidents per week or month under the map, stacked by
 * weapon; height of the strip in device units. */
double im_timeline_height(const im_style *st, double pt);
IM_NODISCARD im_status im_timeline_draw(im_scene *sc, double x, double y, double w, double h);
/* site_label.c: label the incident sites, avoiding everything placed. */
IM_NODISCARD im_status im_site_labels_draw(im_scene *sc);
/* Does a site's name name this place? The same name, or the place's name
 * plus a generic word ("Muscat area", "Sur district", "Erbil Governorate",
 * "Mosul city", "Basra (province)"), case, accents, apostrophes and
 * hyphens aside ("Bogota" names "Bogotá"): the place is then not
 * labelled again beside the site's label (site_label.c). */
bool im_site_names_place(const char *site, const char *place);

/* legend.c: the legend box inside the frame, in the emptiest corner. */
IM_NODISCARD im_status im_legend_draw(im_scene *sc);
/* Calendar ticks inside [t0, t1] (days, weeks, months, quarters, years,
 * chosen for the span), at most max_ticks of them; at least one whenever
 * t1 > t0 and max_ticks >= 1 (the span's two ends when no step fits). */
typedef struct im_ticks {
    int64_t t[16];
    int n, step_months, step_days;
    int step_hours;      /* hours between ticks for spans of hours or a day or two; 0 otherwise */
    bool ends;           /* no calendar step fits: the span's two ends (t0, t1), dated */
} im_ticks;
void im_choose_ticks(int64_t t0, int64_t t1, int max_ticks, im_ticks *out);
/* The text of a calendar tick: "Jul 2021", "2021", "8 Jul"; with hour
 * steps (step_days < 0: -hours) "06:00", and "8 Jul" at midnight. */
void im_date_tick_label(int64_t t, int step_months, int step_days, char *buf, size_t size);

/* Read access to a loaded basemap (label.c, tests). Strings and numbers
 * are borrowed from the basemap and live until it is freed. */
size_t im_basemap_layer_count(const im_basemap *bm);
const char *im_basemap_layer_get(const im_basemap *bm, size_t i, size_t *n_features,
                                 size_t *n_positions);
long im_basemap_feature_rank(const im_basemap *bm, size_t layer, size_t feature);
size_t im_basemap_place_count(const im_basemap *bm);
/* key: name, name_ar, name_fa, name_ku, country */
const char *im_basemap_place_str(const im_basemap *bm, size_t i, const char *key);
/* key: lon, lat, population, capital, admin_capital */
double im_basemap_place_num(const im_basemap *bm, size_t i, const char *key);
/* key: radius, font_size, capital_font_size */
double im_basemap_places_style(const im_basemap *bm, const char *key);
im_rgba im_basemap_places_fill(const im_basemap *bm);
bool im_basemap_places_visible(const im_basemap *bm, double denominator);

/* What a render placed, for tests: boxes [0, markers_end) are markers,
 * [markers_end, furniture_end) legend and furniture, the rest labels.
 * boxes is malloc'd; the caller frees it. */
typedef struct im_layout_report {
    im_box *boxes;
    size_t n, markers_end, furniture_end;
    size_t panels;        /* map frames drawn (1, or the facets) */
    struct im_capture *capture; /* when set: see im_capture (html.c, animate.c) */
} im_layout_report;

/* im_render() that also reports the placed boxes (report may be NULL). */
IM_NODISCARD im_status im_render_ex(im_context *ctx, const im_incidents *set, const im_render_options *opts,
                       const char *path, im_output_format format, im_layout_report *report);

/* ---- the select stage (select.c) -------------------------------------- */

typedef struct im_selection {
    size_t *idx;         /* indices into the set, in its order; malloc'd */
    size_t n;
    int style_weapon[IM_MAX_WEAPONS]; /* the set's weapon index -> the style's */
} im_selection;

/* The last second of the period a date of this precision names. */
int64_t im_date_period_end(int64_t t, int precision);
/* Is the record in o's time window? A month- or year-precision record is
 * when its period overlaps the window. */
bool im_select_in_window(const im_rec *r, const im_render_options *o);
/* The records o selects (window and weapons). IM_ERR_ARG for an unknown
 * --weapon; on success release with im_selection_free(). */
IM_NODISCARD im_status im_select(im_context *ctx, const im_incidents *set, const im_render_options *o,
                                 im_selection *out);
void im_selection_free(im_selection *s);
/* How many records o selects, an unknown weapon matching none; -1 when
 * out of memory. */
int64_t im_select_count(im_context *ctx, const im_incidents *set, const im_render_options *o);
/* The extent fitted to records idx[0..n) (all of the set when idx is
 * NULL), padded so markers clear the frame. IM_ERR_EXTENT when empty. */
IM_NODISCARD im_status im_select_fit_bbox(im_context *ctx, const im_incidents *set, const size_t *idx,
                                          size_t n, double bbox[4]);

/* ---- one map frame and small multiples (panel.c) ----------------------- */

enum {
    PANEL_FURNITURE = 1, /* north arrow and scale bar */
    PANEL_LEGEND = 2,
    PANEL_INSET = 4,
    PANEL_GRATICULE = 8  /* lines and labels */
};

/* Project, place and draw the incidents idx[0..n) into sc->view's frame
 * (what: PANEL_* bits). sc carries the context, style, options, set, cairo
 * context and date scale; its points, clusters and boxes are filled here
 * (appended to when sc->pts already holds points). report may be NULL. */
IM_NODISCARD im_status im_panel_draw(im_scene *sc, const im_basemap *bm, const size_t *idx, size_t n,
                                     const int *style_weapon, unsigned what, im_layout_report *report);
/* A grid of panels in the rectangle (x, y, w, h), the legend in a column
 * on the right. *view0 gets the first panel's view (the caller clears it);
 * on return sc->pts holds the points of every panel. */
IM_NODISCARD im_status im_facets_draw(im_scene *sc, const im_basemap *bm, const double bbox[4],
                                      const size_t *idx, size_t n, const int *style_weapon, double x,
                                      double y, double w, double h, im_view *view0,
                                      im_layout_report *report);

/* ---- surfaces (surface.c) ---------------------------------------------- */

/* SVG collected in memory (see im_svg_write_renumbered): the capped
 * buffer of buf.h. */
typedef im_buf im_membuf;

/* Cairo write functions: to a FILE (closure) and to an im_membuf. */
cairo_status_t im_write_stream(void *closure, const unsigned char *data, unsigned int len);
cairo_status_t im_write_mem(void *closure, const unsigned char *data, unsigned int len);
/* Write the SVG in m to fp with Cairo's "surfaceN" ids renumbered in order
 * of appearance (the same bytes in any process) and paths rounded; title
 * and desc (UTF-8, may be NULL) become the document's <title> and <desc>. */
IM_NODISCARD im_status im_svg_write_renumbered(im_context *ctx, im_membuf *m, FILE *fp, const char *path,
                                               const char *title, const char *desc);
/* Write the PDF Cairo wrote into m to fp with each name of its /XObject
 * resource dictionaries listed once (Cairo 1.16 lists a stamp once per
 * use) and the xref table moved to match (pdf_compact.c). A file not of
 * the classic form Cairo writes is copied unchanged. path: for messages. */
IM_NODISCARD im_status im_pdf_write_compact(im_context *ctx, const im_membuf *m, FILE *fp,
                                            const char *path);

/* Stamped markers written into the PDF page (pdf_stamps.c): a batch is
 * painted by Cairo once at its first position and spliced in whole when
 * the document is written. */
typedef struct im_pdf_stamps im_pdf_stamps;
/* An empty list; NULL when out of memory. Who frees: the caller, with
 * im_pdf_stamps_free(), after the surface it is attached to. */
im_pdf_stamps *im_pdf_stamps_new(void);
void im_pdf_stamps_free(im_pdf_stamps *ps);
/* Attach ps to the PDF surface (not owned by it). */
bool im_pdf_stamps_attach(cairo_surface_t *surface, im_pdf_stamps *ps);
/* The list of the page cr draws on; NULL inside a group or on another surface. */
im_pdf_stamps *im_pdf_stamps_of(cairo_t *cr);
size_t im_pdf_stamps_count(const im_pdf_stamps *ps);
/* One batch: n positions xy (pairs, hundredths of a point, device space),
 * in drawing order, the first the one Cairo painted; clip: content-stream
 * operators that set the batch's clip ("" for none); stamp: the surface Cairo
 * painted, kept (a reference) until im_pdf_stamps_free(). false: out of memory. */
bool im_pdf_stamps_add(im_pdf_stamps *ps, const int64_t *xy, size_t n, const char *clip,
                       cairo_surface_t *stamp);
/* The page's Flate content stream z with every batch's single paint
 * replaced by the batch: *out (Flate, malloc'd, the caller frees). */
IM_NODISCARD im_status im_pdf_stamps_splice(im_context *ctx, const im_pdf_stamps *ps,
                                            const char *z, size_t zl, unsigned char **out,
                                            size_t *out_len, const char *path);
/* v hundredths as the shortest decimal ("-12.3", "4", "0.05"); its length
 * (at most 24 bytes written, no NUL). */
size_t im_centi_text(char *out, int64_t v);
/* im_pdf_write_compact(), with the batches of ps spliced into the page. */
IM_NODISCARD im_status im_pdf_write_stamped(im_context *ctx, const im_membuf *m, FILE *fp,
                                            const char *path, const im_pdf_stamps *ps);

/* ---- captured renders (html.c, animate.c) ------------------------------ */

/* im_render_ex() with report->capture set draws the map without its markers
 * (they are placed as usual and counted in the legend), writes no file
 * except a --dump-layout, and hands over the drawing and the placement.
 * Free what it holds with im_capture_clear(). */
typedef struct im_capture {
    im_membuf svg;            /* SVG: the document, with its <title> and <desc> */
    cairo_surface_t *image;   /* PNG: the image surface (page.px_w x px_h) */
    double dpi;               /* PNG: pixels per inch */
    im_placed *pts;           /* the markers, oldest first; NAN x: in a cluster */
    size_t n;
    im_cluster *clusters;
    size_t n_clusters;
    double fx, fy, fw, fh;    /* the map frame, device units */
    double pt;                /* device units per point */
    double page_w, page_h;    /* device units */
    int64_t t_min, t_max;     /* the date scale the colours use */
    char title[1024];         /* the map's title as drawn (cut at a character) */
    im_scene sym;             /* the render's symbology (im_symbology_copy), nothing else */
    /* Uncertainty rings: marker i's ring is ring_xy[2 * IM_RING_N * ring_at[i]...]
     * (x, y pairs, device units), or none when ring_at[i] is SIZE_MAX;
     * NULL when no marker has one (or with --hide uncertainty). */
    size_t *ring_at;
    double *ring_xy;
} im_capture;
void im_capture_clear(im_capture *cap);
/* Render opts as format with the capture on (a marker per incident, no
 * world file, no animation; the options used in *o). On failure cap and
 * rep hold nothing; on success free rep->boxes and im_capture_clear(cap). */
IM_NODISCARD im_status im_capture_render(im_context *ctx, const im_incidents *set,
                                         const im_render_options *opts, const char *path,
                                         im_output_format format, im_render_options *o,
                                         im_capture *cap, im_layout_report *rep);
/* Render opts to an interactive HTML page (html.c) or an animation
 * (animate.c) at path; both atomic like im_render(). */
IM_NODISCARD im_status im_html_render(im_context *ctx, const im_incidents *set,
                                      const im_render_options *opts, const char *path);
IM_NODISCARD im_status im_animate_render(im_context *ctx, const im_incidents *set,
                                         const im_render_options *opts, const char *path);
/* Real text in SVG (svg_text.c). A sink attached to an SVG surface makes
 * text drawn on it <text> elements and lets the drawing be cut into named
 * groups; im_svg_sink_splice() puts them into the document Cairo wrote.
 * im_svg_sink_new() returns NULL when out of memory; the caller frees
 * with im_svg_sink_free() after the surface is destroyed. */
typedef struct im_svg_sink im_svg_sink;
im_svg_sink *im_svg_sink_new(void);
void im_svg_sink_free(im_svg_sink *k);
bool im_svg_sink_attach(cairo_surface_t *surface, im_svg_sink *k);
/* The sink of cr's target, or NULL (PNG, PDF, --svg-text paths). */
im_svg_sink *im_svg_sink_of(cairo_t *cr);
/* A group <g id="id" class="id"> (a second one of a name gets "id-2")
 * around what is drawn until im_svg_group_end(); nothing without a sink. */
void im_svg_group_begin(cairo_t *cr, const char *id);
void im_svg_group_end(cairo_t *cr);
/* Replace the marks in m by the sink's text and groups. */
IM_NODISCARD im_status im_svg_sink_splice(im_context *ctx, const im_svg_sink *k, im_membuf *m);

/* ---- the page (page.c) ---------------------------------------------- */

typedef struct im_page {
    double w_pt, h_pt;   /* the page in points */
    int px_w, px_h;      /* PNG pixels */
    double pt;           /* device units per point, the same in every format */
    double dpi;          /* pt * 72 */
} im_page;

/* The page of a render: from opts' page (points) and dpi, or from its
 * pixels and dpi, or (dpi 0) from its pixels with a scale chosen so that
 * text stays legible. IM_ERR_ARG when out of range. */
IM_NODISCARD im_status im_page_resolve(im_context *ctx, const im_render_options *o, const im_style *st,
                                       im_page *pg);

/* ---- PNG (png.c) ------------------------------------------------------ */

typedef struct im_png_text { const char *key, *value; } im_png_text;

/* Write a Cairo ARGB32 image surface as straight-alpha RGBA PNG (RGB when
 * it is opaque) to an already-open FILE, with pHYs from dpi and the given
 * text chunks, deflated at level (-1: 6). smooth: rows filtered with Up
 * (a shaded relief), else unfiltered (a map's flat colours). */
IM_NODISCARD im_status im_png_write(im_context *ctx, cairo_surface_t *surface, FILE *fp,
                                    double dpi, int level, bool smooth,
                                    const im_png_text *text, size_t n_text);
/* Read an 8-bit greyscale or RGB(A) PNG (within the context's image limits)
 * into a new A8 (grey) buffer: *pixels malloc'd, caller frees. */
IM_NODISCARD im_status im_png_read_gray(im_context *ctx, const char *path, unsigned char **pixels,
                           uint32_t *width, uint32_t *height);
/* The same within lim, touching no context (for a helper thread): the
 * status alone, no message. */
IM_NODISCARD im_status im_png_read_gray_quiet(const im_limits *lim, const char *path,
                                              unsigned char **pixels, uint32_t *width,
                                              uint32_t *height);

/* ---- atomic output (output.c) ---------------------------------------- */

/* An output being written (output.c): a temporary file beside the target,
 * renamed into place by im_out_commit() only when complete; or, for
 * standard output, a FIFO or a device, the target itself, written in place. */
typedef struct im_out {
    char *path;     /* as the caller named it (used in messages) */
    char *target;   /* the file replaced: path with symbolic links followed */
    char *tmp;      /* the temporary's name */
    FILE *fp;
    bool anon;      /* O_TMPFILE: unnamed until committed, a kill leaves nothing */
    bool named;     /* the temporary exists under the name tmp */
    bool through;   /* written in place (stdout, FIFO, device): no rename */
    bool existed;   /* the target existed when opened */
} im_out;

/* Open an output. Fails with IM_ERR_IO_WRITE (naming the path) when the
 * folder is missing or not writable, IM_ERR_ARG when the path names a file
 * this context has read as an input. */
IM_NODISCARD im_status im_out_open(im_context *ctx, const char *path, im_out *out);
/* Flush, sync, close and rename into place; on any failure the temporary
 * is removed and the target is untouched. Always releases *out. */
IM_NODISCARD im_status im_out_commit(im_context *ctx, im_out *out);
/* Commit outputs that belong together: all are written and synced before
 * the first rename, then renamed in the order given (put the main file
 * last). On failure nothing new is left in place. Always releases all. */
IM_NODISCARD im_status im_out_commit_all(im_context *ctx, im_out *const *outs, size_t n);
/* Drop the temporary file. Accepts a zeroed or already released im_out. */
void im_out_abort(im_out *out);
/* Write a whole small text file atomically. */
IM_NODISCARD im_status im_out_write_text(im_context *ctx, const char *path, const char *text);
/* True when name (a folder entry) is one of im_out_open()'s temporaries for
 * an output whose file name is base. */
bool im_out_is_temp(const char *name, const char *base);

/* ---- georeference sidecars (georef.c) ------------------------------- */

/* IM_ERR_ARG when a world file cannot go with this map (written in place). */
IM_NODISCARD im_status im_georef_check(im_context *ctx, const im_out *map);
/* Write NAME.pgw, NAME.prj and NAME.png.aux.xml for the map being written
 * to *map (still open), then commit all four together, the map last.
 * Always releases *map. */
IM_NODISCARD im_status im_georef_commit(im_context *ctx, const im_view *view, im_out *map);

/* ---- text from input, made safe (escape.c) --------------------------- */

/* Decode one UTF-8 sequence of at most n bytes: its length (1-4) and code
 * point, or 0 when the bytes are not UTF-8 (overlong, surrogate, cut). */
size_t im_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* A copy that is valid UTF-8 with no control characters (not UTF-8 and
 * controls become U+FFFD, tab and newlines a space). NULL text is "".
 * Caller frees; NULL when out of memory. */
char *im_text_clean(const char *text);
/* im_text_clean() with & < > " ' as XML entities. Caller frees. */
char *im_xml_escape(const char *text);
/* IM_ERR_ARG naming option when text (NULL: fine) is not UTF-8 or has more
 * than max_chars characters (code points, not bytes). */
IM_NODISCARD im_status im_text_check(im_context *ctx, const char *option, const char *text,
                        size_t max_chars);
/* Drop a UTF-8 sequence cut short at the end of s (after snprintf). */
void im_utf8_trim(char *s);
/* Longest title, subtitle or source line, in characters. */
#define IM_MAX_TEXT_CHARS 1000

/* ---- positions in decoded JSON (json_where.c) ----------------------------- */

/* The 1-based line and byte column where the value at pointer (a JSON
 * Pointer, RFC 6901: "" the document, "/jobs/1/from") starts in text;
 * false when it is not there. For "file:line:col:" in messages about
 * documents decoded whole (manifests, styles). */
bool im_json_where(const char *text, size_t size, const char *pointer, int *line, int *col);

/* ---- bounds (limits.c) --------------------------------------------------- */

/* IM_ERR_LIMIT (naming name, what and the option that raises the limit)
 * when the JSON value at data[start] holds more than max coordinate
 * positions (arrays starting with a number); checked on the raw bytes,
 * before jansson builds anything. max 0: no limit. */
/* The positions im_limit_json_positions counts (stopping once over max),
 * with no context: for the threads that decode ahead (json_parallel.c). */
uint64_t im_json_count_positions(const char *data, size_t size, size_t start, uint64_t max);
IM_NODISCARD im_status im_limit_json_positions(im_context *ctx, const char *name, const char *data,
                                  size_t size, size_t start, uint64_t max, const char *what,
                                  const char *option);

/* ---- inputs read by a context (context.c) ---------------------------- */

struct stat;
/* Remember the file behind fd as an input of this context (outputs must not
 * overwrite it); returns IM_ERR_NOMEM only. */
IM_NODISCARD im_status im_context_note_input(im_context *ctx, int fd);
/* Add the file (dev, ino) to the context's inputs unless it is there.
 * Errors: IM_ERR_NOMEM. */
IM_NODISCARD im_status im_context_add_input_id(im_context *ctx, uint64_t dev, uint64_t ino);
/* True when sb describes a file this context has read. */
bool im_context_is_input(const im_context *ctx, const struct stat *sb);

#endif /* IM_PRIVATE_H */
