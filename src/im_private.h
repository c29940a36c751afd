/*
 * im_private.h - internals shared by the library's source files.
 * Nothing here is part of the public API. Internal functions use the
 * im_ prefix and are declared here; statics stay file-local.
 */
#ifndef IM_PRIVATE_H
#define IM_PRIVATE_H

#include "incmap.h"

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

typedef struct im_weapon_style {
    char name[32];     /* canonical name, lower case */
    char label[48];    /* legend label */
    im_rgba color;
    im_shape shape;
} im_weapon_style;

typedef struct im_alias { char *from; int weapon; } im_alias;

typedef struct im_style {
    im_weapon_style weapons[IM_MAX_WEAPONS];
    int n_weapons;
    int other;               /* index of "other" */
    im_alias *aliases; size_t n_aliases;
    double marker_size;      /* points, diameter */
    im_rgba marker_stroke;
    double marker_stroke_width;
    double fade_oldest;      /* 0..1, how much the oldest marker is faded */
    im_rgba ramp[IM_MAX_RAMP]; int n_ramp;
    char font[64];
    double title_size, subtitle_size, body_size, small_size;
} im_style;

/* Fill *st with the built-in default style (the one in data/style.json). */
im_status im_style_init_default(im_style *st);
void im_style_clear(im_style *st);
/* Overlay the JSON style file onto *st. */
im_status im_style_load_file(im_context *ctx, im_style *st, const char *path);
/* Weapon index for a raw name (canonical or alias, case-insensitive);
 * -1 when unknown. */
int im_style_weapon_lookup(const im_style *st, const char *raw);
bool im_parse_color(const char *text, im_rgba *out);

/* ---- context ------------------------------------------------------ */

struct im_context {
    PJ_CONTEXT *pj;
    im_log_fn log;
    void *log_user;
    im_log_level min_level;
    im_limits limits;
    char *basemap_dir;
    im_style style;
    im_status first_error;
    char errmsg[1024];
    uint64_t warnings;
};

/* Log a diagnostic (printf-like). */
void im_log(im_context *ctx, im_log_level level, const char *fmt, ...) IM_PRINTF(3, 4);
/* Record an error: logs it at IM_LOG_ERROR, keeps the first message as the
 * context's last error, and returns st, so callers can write
 * `return im_fail(ctx, IM_ERR_ARG, "...")`. Every library error passes here. */
im_status im_fail(im_context *ctx, im_status st, const char *fmt, ...) IM_PRINTF(3, 4);

/* Overflow-checked allocation helpers: NULL on overflow or OOM. */
void *im_malloc_array(size_t n, size_t size);
void *im_realloc_array(void *p, size_t n, size_t size);
char *im_strdup(const char *s);

/* Read a whole file under the context's size limit. *out is malloc'd with a
 * terminating NUL (not counted in *size); caller frees. */
im_status im_read_file(im_context *ctx, const char *path, char **out, size_t *size);

/* ---- incident sets (incidents.c, incident_json.c) ----------------- */

typedef struct im_rec {
    double lon, lat;
    int64_t time;
    int32_t count, casualties;
    float uncertainty_km;
    uint8_t precision;   /* im_date_precision */
    uint8_t weapon;      /* index into the set's weapon_names */
    size_t id, site, source; /* offsets into the string pool */
} im_rec;

struct im_incidents {
    im_rec *recs;
    size_t n, cap;
    char *pool;          /* NUL-terminated strings; offset 0 is "" */
    size_t pool_len, pool_cap;
    char weapon_names[IM_MAX_WEAPONS][32];
    int n_weapons;
};

/* A record as a reader extracted it, before validation. Strings are
 * borrowed from the reader. has_* say whether a field was present. */
typedef struct im_raw {
    const char *id, *date, *weapon, *site, *source;
    double lat, lon, uncertainty_km;
    long long count, casualties;
    int geo_precision;
    bool has_lat, has_lon, has_count, has_casualties, has_uncertainty;
} im_raw;

/* State of one load: where messages point and what was seen. */
typedef struct im_load {
    im_context *ctx;
    im_incidents *set;
    const char *name;          /* file name for messages */
    size_t errors;             /* content errors so far */
    size_t logged;             /* errors written to the log */
    char **unknown;            /* distinct unknown weapon names warned about */
    size_t n_unknown;
    struct im_idset *ids;      /* ids seen, for duplicates */
    const char *what;          /* "incidents" or "features" or "row" */
    size_t start_n, start_pool; /* where to roll the set back to */
} im_load;

im_status im_load_begin(im_load *ld, im_context *ctx, im_incidents *set, const char *name);
/* Report a content error for record index (id may be NULL). */
void im_load_error(im_load *ld, size_t index, const char *id, const char *fmt, ...) IM_PRINTF(4, 5);
/* Validate a raw record and append it; content errors are counted, not
 * returned; only IM_ERR_NOMEM/IM_ERR_LIMIT are returned. */
im_status im_load_record(im_load *ld, size_t index, const im_raw *raw);
/* Finish: on success keep the records, otherwise roll the set back to
 * where it was at im_load_begin() and return IM_ERR_DATA. */
im_status im_load_end(im_load *ld, im_status st);

im_status im_json_read(im_load *ld, const char *data, size_t size);

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
im_status im_view_init(im_context *ctx, im_view *view, const char *crs,
                       const double bbox[4], double fx, double fy,
                       double fw, double fh, double pt);
void im_view_clear(im_view *view);

/* Transform n lon/lat pairs in place to device coordinates (x, y arrays,
 * element stride in bytes as proj_trans_generic takes). Points that PROJ
 * cannot transform become HUGE_VAL. */
im_status im_view_project(im_context *ctx, const im_view *view, double *x,
                          size_t sx, double *y, size_t sy, size_t n);
/* Map coordinates (CRS units) to device and back. */
void im_view_map_to_dev(const im_view *view, double mx, double my, double *dx, double *dy);
void im_view_dev_to_map(const im_view *view, double dx, double dy, double *mx, double *my);
/* Device -> lon/lat through the inverse projection; false if it fails. */
bool im_view_dev_to_lonlat(const im_view *view, double dx, double dy, double *lon, double *lat);

/* The conformal CRS incmap chooses for a bbox (PROJ string, caller frees). */
char *im_crs_fitted(const double bbox[4]);

/* ---- occupied boxes (labels, markers, furniture never overlap) ------- */

typedef struct im_box { double x0, y0, x1, y1; } im_box;
typedef struct im_boxes { im_box *v; size_t n, cap; } im_boxes;

im_status im_boxes_add(im_boxes *b, im_box box);
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
im_status im_basemap_open(im_context *ctx, const char *spec, im_basemap **out);
void im_basemap_free(im_basemap *bm);
/* Add a user's GeoJSON layer, drawn above the basemap's own layers with a
 * default style. */
im_status im_basemap_add_layer(im_context *ctx, im_basemap *bm, const char *path);
/* The attribution line of the bundled data, or NULL when none. */
const char *im_basemap_attribution(const im_basemap *bm);
/* Background (sea) colour of the frame. */
im_rgba im_basemap_background(const im_basemap *bm);
/* Draw every non-label layer into the view's frame (the caller clips). */
im_status im_basemap_draw(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                          const im_view *view);
/* Place and draw place labels; boxes already in *occupied are avoided and
 * every placed label box is added to it. */
im_status im_basemap_draw_labels(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                 const im_view *view, const im_style *st,
                                 im_label_mode mode, im_boxes *occupied);

/* ---- the scene: what one render draws (render.c, symbol.c, legend.c) -- */

typedef struct im_placed {
    double x, y;       /* device position of the marker */
    double sx, sy;     /* device position of the site (before dodging) */
    int weapon;        /* index into the style's weapons */
    int64_t time;
    size_t rec;        /* index in the incident set */
} im_placed;

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
    double page_w, page_h; /* device units */
    double margin;         /* device units */
} im_scene;

/* symbol.c */
void im_marker_path(cairo_t *cr, im_shape shape, double x, double y, double size);
im_rgba im_marker_color(const im_scene *sc, int weapon, int64_t time);
/* Spread markers that share a site into a compact ring packing. */
im_status im_markers_dodge(im_scene *sc);
void im_markers_draw(im_scene *sc);

/* legend.c: the legend box inside the frame, in the emptiest corner. */
im_status im_legend_draw(im_scene *sc);
/* The text of a calendar tick: "Jul 2021", "2021", "8 Jul". */
void im_date_tick_label(int64_t t, int step_months, int step_days, char *buf, size_t size);

/* ---- PNG (png.c) ------------------------------------------------------ */

typedef struct im_png_text { const char *key, *value; } im_png_text;

/* Write a Cairo ARGB32 image surface as straight-alpha RGBA PNG to an
 * already-open FILE, with pHYs from dpi and the given text chunks. */
im_status im_png_write(im_context *ctx, cairo_surface_t *surface, FILE *fp,
                       double dpi, int level, const im_png_text *text, size_t n_text);
/* Read an 8-bit greyscale or RGB(A) PNG (within the context's image limits)
 * into a new A8 (grey) buffer: *pixels malloc'd, caller frees. */
im_status im_png_read_gray(im_context *ctx, const char *path, unsigned char **pixels,
                           uint32_t *width, uint32_t *height);

/* ---- atomic output (output.c) ---------------------------------------- */

/* An output being written: a temporary file beside the target, renamed
 * into place by im_out_commit() only when complete. */
typedef struct im_out {
    char *path, *tmp;
    FILE *fp;
} im_out;

/* Create the temporary file. Fails with IM_ERR_IO_WRITE (naming the path)
 * when the folder is missing or not writable. */
im_status im_out_open(im_context *ctx, const char *path, im_out *out);
/* Flush, sync, close and rename into place; on any failure the temporary
 * is removed and the target is untouched. Always releases *out. */
im_status im_out_commit(im_context *ctx, im_out *out);
/* Drop the temporary file. Accepts a zeroed or already released im_out. */
void im_out_abort(im_out *out);
/* Write a whole small text file atomically. */
im_status im_out_write_text(im_context *ctx, const char *path, const char *text);

#endif /* IM_PRIVATE_H */
