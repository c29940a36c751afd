/*
 * basemap.c - basemap layers: manifest.json and GeoJSON reading, drawing.
 *
 * A basemap is a list of layers drawn in order: vector layers (polygons,
 * lines, points) read from GeoJSON and kept as compact lon/lat arrays, and
 * raster relief (a greyscale PNG with a world file) warped into the map.
 * Every file is read and validated when the basemap is opened, so a broken
 * file fails before anything is drawn. The basemap is never modified by
 * drawing: coordinates are copied before they are projected, so one basemap
 * serves many renders and views. Place labels live in label.c.
 */
#include "basemap_int.h"
#include "layout.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static bool layer_visible(const bm_layer *L, double denominator);
static bool layer_visible_between(const bm_layer *L, double lo, double hi);

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------------ */
/* Small helpers                                                        */

static im_rgba rgba(double r, double g, double b, double a)
{
    im_rgba c = {r, g, b, a};
    return c;
}

static im_rgba hex_rgb(unsigned v)
{
    return rgba(((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0, 1.0);
}

/* Grow an array to hold at least need elements. Returns the (possibly moved)
 * array, or NULL on overflow or OOM with the old array still valid. */
static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return p;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return NULL;
        nc *= 2;
    }
    void *q = im_realloc_array(p, nc, size);
    if (q)
        *cap = nc;
    return q;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return false;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)s[n - m + i]) != tolower((unsigned char)suffix[i]))
            return false;
    return true;
}

/* dir + "/" + file, or file when it is absolute. Caller frees. */
static char *path_join(const char *dir, const char *file)
{
    if (file[0] == '/' || !dir || !*dir)
        return im_strdup(file);
    size_t a = strlen(dir), b = strlen(file);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, file, b + 1);
    return p;
}

/* The folder part of a path ("." when none). Caller frees. */
static char *path_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return im_strdup(".");
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

static const char *path_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static const char *json_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    case JSON_NULL: return "null";
    }
    return "an unknown value";
}

/* Read and parse a JSON file (see im_private.h). Missing files and syntax
 * errors are basemap errors naming the file (and line and column). */
im_status im_basemap_load_json(im_context *ctx, const char *path, const char *what, json_t **out)
{
    *out = NULL;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: cannot open %s: %s", path, what,
                       strerror(errno));
    fclose(fp);
    char *data = NULL;
    size_t size = 0;
    im_status st = im_read_file(ctx, path, &data, &size);
    if (st != IM_OK)
        return st == IM_ERR_IO_READ ? im_fail(ctx, IM_ERR_BASEMAP, "%s: cannot read %s", path,
                                              what)
                                    : st;
    json_error_t err;
    /* Bounded before decoding; duplicate members are errors as everywhere. */
    json_t *root = NULL;
    if ((st = im_limit_json_positions(ctx, path, data, size, 0, ctx->limits.max_vertices, what,
                                      "--max-vertices")) == IM_OK)
        root = json_loadb(data, size, JSON_REJECT_DUPLICATES, &err);
    if (st != IM_OK) {
        free(data);
        return st;
    }
    free(data);
    if (!root)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s:%d:%d: %s: %s", path, err.line, err.column, what,
                       err.text); /* one position format: file:line:col: */
    *out = root;
    return IM_OK;
}

/* ------------------------------------------------------------------ */
/* Reader state: file, JSON path of the value being read (for messages)  */

typedef struct reader {
    im_context *ctx;
    im_basemap *bm;
    bm_layer *layer;
    const char *file;
    char path[320];
    size_t plen;
    unsigned depth, max_depth;
    size_t max_string;
} reader;

/* Append to the JSON path; returns the length to restore with rd_pop(). */
IM_PRINTF(2, 3) static size_t rd_push(reader *rd, const char *fmt, ...)
{
    size_t old = rd->plen;
    if (rd->plen < sizeof rd->path - 1) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(rd->path + rd->plen, sizeof rd->path - rd->plen, fmt, ap);
        va_end(ap);
        rd->plen = strlen(rd->path);
    }
    return old;
}

static void rd_pop(reader *rd, size_t len)
{
    rd->plen = len;
    rd->path[len] = '\0';
}

/* Every content error of a basemap file passes here:
 * "FILE: PATH: message". */
IM_PRINTF(3, 4) static im_status rd_fail(reader *rd, im_status st, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!rd->plen)
        return im_fail(rd->ctx, st, "%s: %s", rd->file, msg);
    return im_fail(rd->ctx, st, "%s: %s: %s", rd->file, rd->path, msg);
}

static im_status rd_nomem(reader *rd)
{
    return im_fail(rd->ctx, IM_ERR_NOMEM, "%s: out of memory", rd->file);
}

/* Optional string member: absent or null leaves *out NULL. Copied. */
static im_status rd_string(reader *rd, json_t *obj, const char *key, char **out)
{
    *out = NULL;
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return IM_OK;
    if (!json_is_string(v))
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: expected a string, found %s", key,
                       json_type_name(v));
    if (json_string_length(v) > rd->max_string)
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: string of %zu bytes is over the limit of %zu",
                       key, json_string_length(v), rd->max_string);
    if (strlen(json_string_value(v)) != json_string_length(v))
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: string contains a NUL character", key);
    if (!(*out = im_strdup(json_string_value(v))))
        return rd_nomem(rd);
    return IM_OK;
}

/* Optional number member in [lo, hi]. */
static im_status rd_number(reader *rd, json_t *obj, const char *key, double lo, double hi,
                           double *out, bool *has)
{
    json_t *v = json_object_get(obj, key);
    if (has)
        *has = false;
    if (!v || json_is_null(v))
        return IM_OK;
    if (!json_is_number(v))
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: expected a number, found %s", key,
                       json_type_name(v));
    double d = json_number_value(v);
    if (!isfinite(d) || d < lo || d > hi)
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: %g is outside [%g, %g]", key, d, lo, hi);
    *out = d;
    if (has)
        *has = true;
    return IM_OK;
}

/* Optional array of numbers in [lo, hi], at most max of them. */
static im_status rd_numbers(reader *rd, json_t *obj, const char *key, double lo, double hi,
                            double *out, int max, int *n)
{
    json_t *v = json_object_get(obj, key);
    *n = 0;
    if (!v || json_is_null(v))
        return IM_OK;
    if (!json_is_array(v))
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: expected an array of numbers, found %s", key,
                       json_type_name(v));
    if (json_array_size(v) > (size_t)max)
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: at most %d numbers, found %zu", key, max,
                       json_array_size(v));
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        if (!json_is_number(e))
            return rd_fail(rd, IM_ERR_BASEMAP, "%s[%zu]: expected a number, found %s", key, i,
                           json_type_name(e));
        double d = json_number_value(e);
        if (!isfinite(d) || d < lo || d > hi)
            return rd_fail(rd, IM_ERR_BASEMAP, "%s[%zu]: %g is outside [%g, %g]", key, i, d,
                           lo, hi);
        out[i] = d;
    }
    *n = (int)json_array_size(v);
    return IM_OK;
}

/* Optional colour member ("#rrggbb" or "#rrggbbaa"). */
static im_status rd_color(reader *rd, json_t *obj, const char *key, im_rgba *out, bool *has)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return IM_OK;
    if (!json_is_string(v))
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: expected a colour string like \"#7fa7c9\", "
                       "found %s", key, json_type_name(v));
    if (!im_parse_color(json_string_value(v), out))
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: \"%.40s\" is not a colour like \"#7fa7c9\"",
                       key, json_string_value(v));
    if (has)
        *has = true;
    return IM_OK;
}

/* A flag property: true/false, a number (non-zero is true), or a string
 * ("yes", "primary", ...; "", "0", "no" and "false" are false). */
static im_status rd_flag(reader *rd, json_t *obj, const char *key, bool *out)
{
    json_t *v = json_object_get(obj, key);
    *out = false;
    if (!v || json_is_null(v))
        return IM_OK;
    if (json_is_boolean(v)) {
        *out = json_is_true(v);
    } else if (json_is_number(v)) {
        *out = json_number_value(v) != 0;
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        *out = *s && strcmp(s, "0") != 0 && strcmp(s, "no") != 0 && strcmp(s, "false") != 0;
    } else {
        return rd_fail(rd, IM_ERR_BASEMAP, "%s: expected true or false, found %s", key,
                       json_type_name(v));
    }
    return IM_OK;
}

/* ------------------------------------------------------------------ */
/* GeoJSON                                                              */

/* Read one position into lon/lat, checking types and ranges. */
static im_status gj_position(reader *rd, json_t *pos, double *lon, double *lat)
{
    if (!json_is_array(pos))
        return rd_fail(rd, IM_ERR_BASEMAP, "expected a position [lon, lat], found %s",
                       json_type_name(pos));
    if (json_array_size(pos) < 2)
        return rd_fail(rd, IM_ERR_BASEMAP, "a position needs 2 numbers [lon, lat], found %zu",
                       json_array_size(pos));
    double v[2];
    for (size_t k = 0; k < 2; k++) {
        json_t *e = json_array_get(pos, k);
        if (!json_is_number(e)) {
            size_t mark = rd_push(rd, "[%zu]", k);
            im_status st = json_is_string(e)
                ? rd_fail(rd, IM_ERR_BASEMAP, "\"%.40s\" is not a number", json_string_value(e))
                : rd_fail(rd, IM_ERR_BASEMAP, "expected a number, found %s", json_type_name(e));
            rd_pop(rd, mark);
            return st;
        }
        v[k] = json_number_value(e);
    }
    if (!isfinite(v[0]) || !isfinite(v[1]))
        return rd_fail(rd, IM_ERR_BASEMAP, "coordinates must be finite numbers");
    if (v[0] < -180 - 1e-9 || v[0] > 180 + 1e-9)
        return rd_fail(rd, IM_ERR_BASEMAP, "longitude %.10g is outside [-180, 180]", v[0]);
    if (v[1] < -90 - 1e-9 || v[1] > 90 + 1e-9)
        return rd_fail(rd, IM_ERR_BASEMAP, "latitude %.10g is outside [-90, 90]", v[1]);
    *lon = v[0];
    *lat = v[1];
    return IM_OK;
}

/* Twice the signed area of a ring (positive: counter-clockwise in lon/lat). */
static double ring_area2(const double *xy, size_t n)
{
    double a = 0;
    for (size_t i = 0, j = n - 1; i < n; j = i++)
        a += (xy[2 * j] - xy[0]) * (xy[2 * i + 1] - xy[1]) -
             (xy[2 * i] - xy[0]) * (xy[2 * j + 1] - xy[1]);
    return a;
}

static void ring_reverse(double *xy, size_t n)
{
    for (size_t i = 0, j = n - 1; i < j; i++, j--) {
        double tx = xy[2 * i], ty = xy[2 * i + 1];
        xy[2 * i] = xy[2 * j];
        xy[2 * i + 1] = xy[2 * j + 1];
        xy[2 * j] = tx;
        xy[2 * j + 1] = ty;
    }
}

/* Read an array of positions as one part of the current feature. */
static im_status gj_part(reader *rd, bm_feature *f, json_t *arr, bm_part_kind kind)
{
    bm_layer *L = rd->layer;
    if (!json_is_array(arr))
        return rd_fail(rd, IM_ERR_BASEMAP, "expected an array of positions, found %s",
                       json_type_name(arr));
    size_t n = json_array_size(arr);
    bool ring = kind == PART_OUTER || kind == PART_HOLE;
    if (ring && n < 4)
        return rd_fail(rd, IM_ERR_BASEMAP, "a linear ring needs at least 4 positions, found %zu",
                       n);
    if (kind == PART_LINE && n < 2)
        return rd_fail(rd, IM_ERR_BASEMAP, "a line string needs at least 2 positions, found %zu",
                       n);
    if (n == 0)
        return IM_OK;
    if (n > BM_MAX_POSITIONS - rd->bm->n_positions)
        return rd_fail(rd, IM_ERR_LIMIT, "the basemap has more than %u positions",
                       BM_MAX_POSITIONS);
    double *xy = grow(L->xy, &L->cap_pos, L->n_pos + n, 2 * sizeof(double));
    if (!xy)
        return rd_nomem(rd);
    L->xy = xy;
    bm_part *parts = grow(L->parts, &L->cap_parts, L->n_parts + 1, sizeof *parts);
    if (!parts)
        return rd_nomem(rd);
    L->parts = parts;

    double *out = L->xy + 2 * L->n_pos;
    for (size_t i = 0; i < n; i++) {
        size_t mark = rd_push(rd, "[%zu]", i);
        im_status st = gj_position(rd, json_array_get(arr, i), &out[2 * i], &out[2 * i + 1]);
        rd_pop(rd, mark);
        if (st != IM_OK)
            return st;
    }
    if (ring) {
        if (out[0] != out[2 * n - 2] || out[1] != out[2 * n - 1])
            return rd_fail(rd, IM_ERR_BASEMAP, "linear ring is not closed (the last position "
                           "must equal the first)");
        n--; /* drop the closing position; drawing closes the path */
        /* Exterior rings counter-clockwise, holes clockwise: then the
         * non-zero rule fills holes correctly and overlapping features
         * stay filled. */
        double a = ring_area2(out, n);
        if ((kind == PART_OUTER && a < 0) || (kind == PART_HOLE && a > 0))
            ring_reverse(out, n);
    }
    for (size_t i = 0; i < n; i++) {
        f->bbox[0] = fmin(f->bbox[0], out[2 * i]);
        f->bbox[1] = fmin(f->bbox[1], out[2 * i + 1]);
        f->bbox[2] = fmax(f->bbox[2], out[2 * i]);
        f->bbox[3] = fmax(f->bbox[3], out[2 * i + 1]);
    }
    bm_part *p = &L->parts[L->n_parts++];
    p->start = L->n_pos;
    p->n = n;
    p->kind = kind;
    L->n_pos += n;
    rd->bm->n_positions += n;
    return IM_OK;
}

/* See basemap_int.h. */
im_status bm_part_append(im_context *ctx, im_basemap *bm, bm_layer *L, bm_feature *f,
                         const double *xy, size_t n, bm_part_kind kind, const char *where)
{
    bool ring = kind == PART_OUTER || kind == PART_HOLE;
    if (ring && n < 4)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: a linear ring needs at least 4 positions, "
                       "found %zu", where, n);
    if (kind == PART_LINE && n < 2)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: a line string needs at least 2 positions, "
                       "found %zu", where, n);
    if (n == 0)
        return IM_OK;
    for (size_t i = 0; i < n; i++) {
        double lon = xy[2 * i], lat = xy[2 * i + 1];
        if (!isfinite(lon) || !isfinite(lat) || lon < -180 - 1e-9 || lon > 180 + 1e-9 ||
            lat < -90 - 1e-9 || lat > 90 + 1e-9)
            return im_fail(ctx, IM_ERR_BASEMAP, "%s: position %zu (%.10g, %.10g) is not a "
                           "longitude/latitude", where, i, lon, lat);
    }
    if (ring && (xy[0] != xy[2 * n - 2] || xy[1] != xy[2 * n - 1]))
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: linear ring is not closed", where);
    if (n > BM_MAX_POSITIONS - bm->n_positions)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: the basemap has more than %u positions", where,
                       BM_MAX_POSITIONS);
    double *v = grow(L->xy, &L->cap_pos, L->n_pos + n, 2 * sizeof(double));
    if (!v)
        return im_fail(ctx, IM_ERR_NOMEM, "%s: out of memory", where);
    L->xy = v;
    bm_part *parts = grow(L->parts, &L->cap_parts, L->n_parts + 1, sizeof *parts);
    if (!parts)
        return im_fail(ctx, IM_ERR_NOMEM, "%s: out of memory", where);
    L->parts = parts;
    double *out = L->xy + 2 * L->n_pos;
    memcpy(out, xy, n * 2 * sizeof(double));
    if (ring) {
        n--;
        double a = ring_area2(out, n);
        if ((kind == PART_OUTER && a < 0) || (kind == PART_HOLE && a > 0))
            ring_reverse(out, n);
    }
    for (size_t i = 0; i < n; i++) {
        f->bbox[0] = fmin(f->bbox[0], out[2 * i]);
        f->bbox[1] = fmin(f->bbox[1], out[2 * i + 1]);
        f->bbox[2] = fmax(f->bbox[2], out[2 * i]);
        f->bbox[3] = fmax(f->bbox[3], out[2 * i + 1]);
    }
    bm_part *p = &L->parts[L->n_parts++];
    p->start = L->n_pos;
    p->n = n;
    p->kind = kind;
    L->n_pos += n;
    bm->n_positions += n;
    return IM_OK;
}

im_status bm_feature_push(im_context *ctx, bm_layer *L, bm_feature *f)
{
    bm_feature *fv = grow(L->features, &L->cap_features, L->n_features + 1, sizeof *fv);
    if (!fv) {
        free(f->name);
        f->name = NULL;
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    L->features = fv;
    L->features[L->n_features++] = *f;
    return IM_OK;
}

im_status bm_place_push(im_context *ctx, bm_layer *L, bm_place *p)
{
    bm_place *v = grow(L->places, &L->cap_places, L->n_places + 1, sizeof *v);
    if (!v) {
        bm_place_clear(p);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    L->places = v;
    L->places[L->n_places++] = *p;
    return IM_OK;
}

/* Polygon coordinates: an array of rings, the first exterior. */
static im_status gj_polygon(reader *rd, bm_feature *f, json_t *rings)
{
    if (!json_is_array(rings))
        return rd_fail(rd, IM_ERR_BASEMAP, "expected an array of linear rings, found %s",
                       json_type_name(rings));
    for (size_t i = 0; i < json_array_size(rings); i++) {
        size_t mark = rd_push(rd, "[%zu]", i);
        im_status st = gj_part(rd, f, json_array_get(rings, i), i == 0 ? PART_OUTER : PART_HOLE);
        rd_pop(rd, mark);
        if (st != IM_OK)
            return st;
    }
    return IM_OK;
}

/* An array whose members are each read by fn (Multi* geometries). */
static im_status gj_each(reader *rd, bm_feature *f, json_t *arr, const char *what,
                         im_status (*fn)(reader *, bm_feature *, json_t *, bm_part_kind),
                         bm_part_kind kind)
{
    if (!json_is_array(arr))
        return rd_fail(rd, IM_ERR_BASEMAP, "expected an array of %s, found %s", what,
                       json_type_name(arr));
    for (size_t i = 0; i < json_array_size(arr); i++) {
        size_t mark = rd_push(rd, "[%zu]", i);
        im_status st = fn(rd, f, json_array_get(arr, i), kind);
        rd_pop(rd, mark);
        if (st != IM_OK)
            return st;
    }
    return IM_OK;
}

static im_status gj_polygon_k(reader *rd, bm_feature *f, json_t *v, bm_part_kind kind)
{
    (void)kind;
    return gj_polygon(rd, f, v);
}

/* A single position as a one-point part. */
static im_status gj_point(reader *rd, bm_feature *f, json_t *pos, bm_part_kind kind)
{
    (void)kind;
    json_t *wrap = json_array();
    if (!wrap || json_array_append(wrap, pos) != 0) {
        json_decref(wrap);
        return rd_nomem(rd);
    }
    /* The position's own path is the current one, not "[0]". */
    double lon, lat;
    im_status st = gj_position(rd, pos, &lon, &lat);
    if (st == IM_OK)
        st = gj_part(rd, f, wrap, PART_POINTS);
    json_decref(wrap);
    return st;
}

static im_status gj_geometry(reader *rd, bm_feature *f, json_t *g)
{
    if (!json_is_object(g))
        return rd_fail(rd, IM_ERR_BASEMAP, "expected a geometry object, found %s",
                       json_type_name(g));
    json_t *t = json_object_get(g, "type");
    if (!json_is_string(t))
        return rd_fail(rd, IM_ERR_BASEMAP, "geometry without a \"type\" string");
    const char *type = json_string_value(t);
    im_status st;
    size_t mark;
    if (strcmp(type, "GeometryCollection") == 0) {
        if (rd->depth >= rd->max_depth)
            return rd_fail(rd, IM_ERR_BASEMAP, "geometry collections nested deeper than %u",
                           rd->max_depth);
        json_t *gs = json_object_get(g, "geometries");
        if (!json_is_array(gs))
            return rd_fail(rd, IM_ERR_BASEMAP, "geometries: expected an array, found %s",
                           gs ? json_type_name(gs) : "nothing");
        rd->depth++;
        st = IM_OK;
        for (size_t i = 0; i < json_array_size(gs) && st == IM_OK; i++) {
            mark = rd_push(rd, ".geometries[%zu]", i);
            st = gj_geometry(rd, f, json_array_get(gs, i));
            rd_pop(rd, mark);
        }
        rd->depth--;
        return st;
    }
    json_t *c = json_object_get(g, "coordinates");
    if (!c)
        return rd_fail(rd, IM_ERR_BASEMAP, "%s without \"coordinates\"", type);
    mark = rd_push(rd, ".coordinates");
    if (strcmp(type, "Point") == 0)
        st = gj_point(rd, f, c, PART_POINTS);
    else if (strcmp(type, "MultiPoint") == 0)
        st = gj_each(rd, f, c, "positions", gj_point, PART_POINTS);
    else if (strcmp(type, "LineString") == 0)
        st = gj_part(rd, f, c, PART_LINE);
    else if (strcmp(type, "MultiLineString") == 0)
        st = gj_each(rd, f, c, "line strings", gj_part, PART_LINE);
    else if (strcmp(type, "Polygon") == 0)
        st = gj_polygon(rd, f, c);
    else if (strcmp(type, "MultiPolygon") == 0)
        st = gj_each(rd, f, c, "polygons", gj_polygon_k, PART_OUTER);
    else {
        rd_pop(rd, mark);
        return rd_fail(rd, IM_ERR_BASEMAP, "unknown geometry type \"%.40s\"", type);
    }
    rd_pop(rd, mark);
    return st;
}

void bm_place_clear(bm_place *p)
{
    free(p->name_local);
    free(p->name);
    free(p->name_ar);
    free(p->name_fa);
    free(p->name_ku);
    free(p->country);
}

/* Properties of a point layer's feature as a place (lon/lat: its first point). */
static im_status gj_place(reader *rd, bm_feature *f, json_t *props)
{
    bm_layer *L = rd->layer;
    bm_part *first = &L->parts[f->part0];
    bm_place p;
    memset(&p, 0, sizeof p);
    p.lon = L->xy[2 * first->start];
    p.lat = L->xy[2 * first->start + 1];
    p.population = NAN;
    im_status st = IM_OK;
    size_t mark = rd_push(rd, ".properties");
    if (props) {
        bool has = false;
        double pop = 0;
        if ((st = rd_string(rd, props, "name", &p.name)) != IM_OK ||
            (st = rd_string(rd, props, "name_ar", &p.name_ar)) != IM_OK ||
            (st = rd_string(rd, props, "name_fa", &p.name_fa)) != IM_OK ||
            (st = rd_string(rd, props, "name_ku", &p.name_ku)) != IM_OK ||
            (st = rd_string(rd, props, "name_local", &p.name_local)) != IM_OK ||
            (st = rd_string(rd, props, "country", &p.country)) != IM_OK ||
            (st = rd_number(rd, props, "population", 0, 1e11, &pop, &has)) != IM_OK ||
            (st = rd_flag(rd, props, "capital", &p.capital)) != IM_OK ||
            (st = rd_flag(rd, props, "admin_capital", &p.admin_capital)) != IM_OK)
            goto fail;
        if (has)
            p.population = pop;
    }
    bm_place *v = grow(L->places, &L->cap_places, L->n_places + 1, sizeof *v);
    if (!v) {
        st = rd_nomem(rd);
        goto fail;
    }
    L->places = v;
    L->places[L->n_places++] = p;
    rd_pop(rd, mark);
    return IM_OK;
fail:
    rd_pop(rd, mark);
    bm_place_clear(&p);
    return st;
}

/* One Feature, or a bare geometry when props_allowed is false. */
static im_status gj_feature(reader *rd, json_t *obj, bool bare)
{
    bm_layer *L = rd->layer;
    json_t *geom = obj, *props = NULL;
    size_t mark = rd->plen;
    if (!bare) {
        if (!json_is_object(obj))
            return rd_fail(rd, IM_ERR_BASEMAP, "expected a Feature object, found %s",
                           json_type_name(obj));
        json_t *t = json_object_get(obj, "type");
        if (!json_is_string(t) || strcmp(json_string_value(t), "Feature") != 0)
            return rd_fail(rd, IM_ERR_BASEMAP, "expected \"type\": \"Feature\"");
        props = json_object_get(obj, "properties");
        if (props && json_is_null(props))
            props = NULL;
        if (props && !json_is_object(props))
            return rd_fail(rd, IM_ERR_BASEMAP, "properties: expected an object, found %s",
                           json_type_name(props));
        json_t *name = props ? json_object_get(props, "name") : NULL;
        if (json_is_string(name))
            rd_push(rd, " (name \"%.60s\")", json_string_value(name));
        geom = json_object_get(obj, "geometry");
        if (!geom) {
            im_status st = rd_fail(rd, IM_ERR_BASEMAP, "Feature without \"geometry\"");
            rd_pop(rd, mark);
            return st;
        }
        if (json_is_null(geom)) { /* allowed by RFC 7946: nothing to draw */
            rd_pop(rd, mark);
            return IM_OK;
        }
    }
    bm_feature *fv = grow(L->features, &L->cap_features, L->n_features + 1, sizeof *fv);
    if (!fv) {
        rd_pop(rd, mark);
        return rd_nomem(rd);
    }
    L->features = fv;
    bm_feature f = {L->n_parts, 0, {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL}, 0, NULL};
    size_t gmark = bare ? rd->plen : rd_push(rd, ".geometry");
    rd->depth = 0;
    im_status st = gj_geometry(rd, &f, geom);
    rd_pop(rd, gmark);
    f.n_parts = L->n_parts - f.part0;
    if (st == IM_OK && props && f.n_parts > 0) {
        size_t pmark = rd_push(rd, ".properties");
        double rank = 0;
        bool has_rank = false;
        st = rd_number(rd, props, "rank", 0, 1e6, &rank, &has_rank);
        if (st == IM_OK && has_rank && rank != floor(rank))
            st = rd_fail(rd, IM_ERR_BASEMAP, "rank: %g is not an integer", rank);
        f.rank = (long)rank;
        if (st == IM_OK)
            st = rd_string(rd, props, "name", &f.name);
        rd_pop(rd, pmark);
    }
    if (st == IM_OK && f.n_parts > 0 && L->kind == BM_POINT &&
        L->parts[f.part0].kind == PART_POINTS)
        st = gj_place(rd, &f, props);
    rd_pop(rd, mark);
    if (st != IM_OK || f.n_parts == 0) {
        free(f.name);
        return st;
    }
    L->features[L->n_features++] = f;
    return IM_OK;
}

/* Read a GeoJSON file into layer L: FeatureCollection, Feature or geometry. */
static im_status gj_load(im_context *ctx, im_basemap *bm, bm_layer *L)
{
    json_t *root = bm_prefetch_json(ctx, bm->prefetch, L->path); /* read ahead */
    im_status st = root ? IM_OK : im_basemap_load_json(ctx, L->path, "GeoJSON layer", &root);
    if (st != IM_OK)
        return st;
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.ctx = ctx;
    rd.bm = bm;
    rd.layer = L;
    rd.file = L->path;
    rd.max_depth = ctx->limits.max_depth ? ctx->limits.max_depth : 64;
    rd.max_string = ctx->limits.max_string_bytes ? ctx->limits.max_string_bytes : 65536;
    json_t *t = json_is_object(root) ? json_object_get(root, "type") : NULL;
    if (!json_is_object(root)) {
        st = rd_fail(&rd, IM_ERR_BASEMAP, "expected a GeoJSON object, found %s",
                     json_type_name(root));
    } else if (!json_is_string(t)) {
        st = rd_fail(&rd, IM_ERR_BASEMAP, "GeoJSON object without a \"type\" string");
    } else if (strcmp(json_string_value(t), "FeatureCollection") == 0) {
        json_t *fs = json_object_get(root, "features");
        if (!json_is_array(fs))
            st = rd_fail(&rd, IM_ERR_BASEMAP, "features: expected an array, found %s",
                         fs ? json_type_name(fs) : "nothing");
        for (size_t i = 0; st == IM_OK && i < json_array_size(fs); i++) {
            size_t mark = rd_push(&rd, "features[%zu]", i);
            st = gj_feature(&rd, json_array_get(fs, i), false);
            rd_pop(&rd, mark);
        }
    } else if (strcmp(json_string_value(t), "Feature") == 0) {
        st = gj_feature(&rd, root, false);
    } else {
        st = gj_feature(&rd, root, true);
    }
    json_decref(root);
    return st;
}

/* ------------------------------------------------------------------ */
/* Raster relief                                                        */

/* World file: six numbers A, D, B, E, C, F (pixel centres, degrees). */
static im_status read_world_file(im_context *ctx, bm_layer *L, const char *path)
{
    char *text = NULL;
    size_t size = 0;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: cannot open world file: %s", path,
                       strerror(errno));
    fclose(fp);
    im_status st = im_read_file(ctx, path, &text, &size);
    if (st != IM_OK)
        return st == IM_ERR_IO_READ ? im_fail(ctx, IM_ERR_BASEMAP, "%s: cannot read world file",
                                              path)
                                    : st;
    if (size > 4096) {
        free(text);
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: a world file is six numbers, this one has "
                       "%zu bytes", path, size);
    }
    const char *p = text;
    for (int i = 0; i < 6; i++) {
        char *end;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno == ERANGE || !isfinite(v)) {
            free(text);
            return im_fail(ctx, IM_ERR_BASEMAP, "%s:%d:1: expected a number", path, i + 1);
        }
        L->wf[i] = v;
        p = end;
    }
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    bool trailing = *p != '\0';
    free(text);
    if (trailing)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: unexpected text after the sixth number", path);
    double a = L->wf[0], d = L->wf[1], b = L->wf[2], e = L->wf[3];
    double det = a * e - b * d;
    if (!(fabs(det) > 1e-18))
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: the pixel size is zero (A*E - B*D = 0)", path);
    /* lon = A*col + B*row + C, lat = D*col + E*row + F; invert. */
    L->inv[0] = e / det;
    L->inv[1] = -b / det;
    L->inv[2] = -d / det;
    L->inv[3] = a / det;
    L->inv[4] = L->wf[4];
    L->inv[5] = L->wf[5];
    return IM_OK;
}

static im_status raster_load(im_context *ctx, im_basemap *bm, bm_layer *L, const char *world)
{
    if (bm_prefetch_gray(bm->prefetch, L->path, &L->pixels, &L->width, &L->height))
        return read_world_file(ctx, L, world); /* read ahead */
    FILE *fp = fopen(L->path, "rb");
    if (!fp)
        return im_fail(ctx, IM_ERR_BASEMAP, "%s: cannot open raster layer: %s", L->path,
                       strerror(errno));
    fclose(fp);
    im_status st = im_png_read_gray(ctx, L->path, &L->pixels, &L->width, &L->height);
    if (st != IM_OK)
        return st == IM_ERR_NOMEM || st == IM_ERR_LIMIT
            ? st
            : im_fail(ctx, IM_ERR_BASEMAP, "%s: not a readable greyscale PNG", L->path);
    return read_world_file(ctx, L, world);
}

/* ------------------------------------------------------------------ */
/* Opening                                                              */

static void layer_clear(bm_layer *L)
{
    free(L->name);
    free(L->path);
    free(L->xy);
    free(L->parts);
    for (size_t i = 0; i < L->n_features; i++)
        free(L->features[i].name);
    free(L->features);
    for (size_t i = 0; i < L->n_places; i++)
        bm_place_clear(&L->places[i]);
    free(L->places);
    free(L->pixels);
    memset(L, 0, sizeof *L);
}

void im_basemap_free(im_basemap *bm)
{
    if (!bm)
        return;
    for (size_t i = 0; i < bm->n_layers; i++)
        layer_clear(&bm->layers[i]);
    free(bm->layers);
    for (size_t i = 0; i < bm->n_credits; i++) {
        free(bm->credit_layer[i]);
        free(bm->credit_text[i]);
    }
    free(bm->credit_layer);
    free(bm->credit_text);
    free(bm->names_path);
    json_decref(bm->names_root);
    free(bm->name);
    free(bm->title);
    free(bm->attribution);
    free(bm);
}

static im_basemap *basemap_new(void)
{
    im_basemap *bm = calloc(1, sizeof *bm);
    if (bm)
        bm->background = hex_rgb(0xf7f7f5);
    return bm;
}

/* Append a zeroed layer; NULL on OOM or when there are too many. */
static bm_layer *layer_append(im_basemap *bm)
{
    if (bm->n_layers >= BM_MAX_LAYERS)
        return NULL;
    bm_layer *v = grow(bm->layers, &bm->cap_layers, bm->n_layers + 1, sizeof *v);
    if (!v)
        return NULL;
    bm->layers = v;
    bm_layer *L = &bm->layers[bm->n_layers++];
    memset(L, 0, sizeof *L);
    return L;
}

/* Defaults for a layer kind, before the manifest's style is applied. */
static void style_defaults(bm_style *s, bm_kind kind)
{
    memset(s, 0, sizeof *s);
    s->width = 0.5;
    s->opacity = 0.5;
    s->radius = 1.5;
    s->font_size = 7.5;
    s->capital_font_size = 8.5;
    s->fill = hex_rgb(0x333333);
    s->stroke = hex_rgb(0x808080);
    if (kind == BM_POLYGON) {
        s->fill = hex_rgb(0xe4e4e0);
    } else if (kind == BM_POINT) {
        s->has_fill = true;
    } else if (kind == BM_LINE) {
        s->has_stroke = true;
    } else if (kind == BM_AUTO) { /* a bare GeoJSON file given as the basemap */
        s->has_fill = s->has_stroke = true;
        s->fill = hex_rgb(0xe2e2de);
        s->stroke = hex_rgb(0x9a9a96);
        s->width = 0.5;
    }
}

static im_status manifest_style(reader *rd, bm_layer *L, json_t *style)
{
    bm_style *s = &L->style;
    bool has_fill = false, has_stroke = false;
    im_status st;
    if ((st = rd_color(rd, style, "fill", &s->fill, &has_fill)) != IM_OK ||
        (st = rd_color(rd, style, "stroke", &s->stroke, &has_stroke)) != IM_OK ||
        (st = rd_number(rd, style, "width", 0, 100, &s->width, NULL)) != IM_OK ||
        (st = rd_numbers(rd, style, "width_by_rank", 0, 100, s->width_by_rank, BM_MAX_RANKS,
                         &s->n_width_by_rank)) != IM_OK ||
        (st = rd_numbers(rd, style, "dash", 0, 1000, s->dash, BM_MAX_DASH, &s->n_dash)) !=
            IM_OK ||
        (st = rd_number(rd, style, "opacity", 0, 1, &s->opacity, NULL)) != IM_OK ||
        (st = rd_number(rd, style, "radius", 0, 100, &s->radius, NULL)) != IM_OK ||
        (st = rd_number(rd, style, "font_size", 1, 200, &s->font_size, NULL)) != IM_OK ||
        (st = rd_number(rd, style, "capital_font_size", 1, 200, &s->capital_font_size,
                        NULL)) != IM_OK)
        return st;
    if (s->n_dash > 0) {
        double sum = 0;
        for (int i = 0; i < s->n_dash; i++)
            sum += s->dash[i];
        if (!(sum > 0))
            return rd_fail(rd, IM_ERR_BASEMAP, "dash: the lengths must not all be zero");
    }
    if (has_fill)
        s->has_fill = true;
    if (has_stroke)
        s->has_stroke = true;
    /* A polygon layer with neither fill nor stroke gets the default fill. */
    if (L->kind == BM_POLYGON && !has_fill && !has_stroke)
        s->has_fill = true;
    if (L->kind == BM_LINE && !has_stroke && has_fill) /* lines are drawn in "stroke" */
        s->stroke = s->fill;
    return IM_OK;
}

/* A manifest layer's "type" as its kind; BM_AUTO when it is none of them. */
static bm_kind kind_of(const char *type)
{
    static const struct {
        const char *name;
        bm_kind kind;
    } kinds[] = {{"polygon", BM_POLYGON}, {"line", BM_LINE}, {"point", BM_POINT},
                 {"raster", BM_RASTER}};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(type, kinds[i].name) == 0)
            return kinds[i].kind;
    return BM_AUTO;
}

/* A point layer drawn at radius 0 paints nothing, so its file is not read
 * when the basemap opens (the "names" layer: its anchors are read by
 * src/names.c when names are placed); "places" is drawn as labels. */
static bool layer_unread(const bm_layer *L)
{
    return !L->user && L->kind == BM_POINT && !(L->style.radius > 0) &&
           strcmp(L->name, "places") != 0;
}

static im_status manifest_layer(im_context *ctx, im_basemap *bm, reader *rd, const char *dir,
                                json_t *lj)
{
    if (!json_is_object(lj))
        return rd_fail(rd, IM_ERR_BASEMAP, "expected a layer object, found %s",
                       json_type_name(lj));
    bm_layer *L = layer_append(bm);
    if (!L)
        return bm->n_layers >= BM_MAX_LAYERS
            ? rd_fail(rd, IM_ERR_BASEMAP, "more than %d layers", BM_MAX_LAYERS)
            : rd_nomem(rd);
    im_status st = rd_string(rd, lj, "name", &L->name);
    if (st != IM_OK)
        return st;
    if (!L->name)
        return rd_fail(rd, IM_ERR_BASEMAP, "layer without a \"name\"");
    size_t mark = rd_push(rd, " (\"%.40s\")", L->name);
    char *file = NULL, *type = NULL, *world = NULL, *table = NULL;
    if ((st = rd_string(rd, lj, "file", &file)) != IM_OK ||
        (st = rd_string(rd, lj, "type", &type)) != IM_OK ||
        (st = rd_string(rd, lj, "world_file", &world)) != IM_OK ||
        (st = rd_string(rd, lj, "table", &table)) != IM_OK)
        goto done;
    if (!file || !*file) {
        st = rd_fail(rd, IM_ERR_BASEMAP, "layer without a \"file\"");
        goto done;
    }
    if (!type) {
        st = rd_fail(rd, IM_ERR_BASEMAP, "layer without a \"type\" (polygon, line, point or "
                     "raster)");
        goto done;
    }
    if ((L->kind = kind_of(type)) == BM_AUTO) {
        st = rd_fail(rd, IM_ERR_BASEMAP, "type: \"%.40s\" is not polygon, line, point or raster",
                     type);
        goto done;
    }
    style_defaults(&L->style, L->kind);
    json_t *style = json_object_get(lj, "style");
    if (style && !json_is_null(style)) {
        if (!json_is_object(style)) {
            st = rd_fail(rd, IM_ERR_BASEMAP, "style: expected an object, found %s",
                         json_type_name(style));
            goto done;
        }
        size_t smark = rd_push(rd, ".style");
        st = manifest_style(rd, L, style);
        rd_pop(rd, smark);
        if (st != IM_OK)
            goto done;
    }
    if ((st = rd_number(rd, lj, "min_scale", 0, 1e12, &L->min_scale, &L->has_min_scale)) !=
            IM_OK ||
        (st = rd_number(rd, lj, "max_scale", 0, 1e12, &L->max_scale, &L->has_max_scale)) !=
            IM_OK)
        goto done;
    if (!(L->path = path_join(dir, file))) {
        st = rd_nomem(rd);
        goto done;
    }
    if (bm->denominator > 0 && !layer_visible_between(L, bm->denominator, bm->denominator_hi)) {
        /* not shown at the scale the opener asked for: not read */
    } else if (layer_unread(L)) {
        /* its file is read where it is used (src/names.c) */
    } else if (L->kind == BM_RASTER) {
        char *wpath = NULL;
        if (world) {
            wpath = path_join(dir, world);
        } else { /* relief.png -> relief.pgw */
            size_t n = strlen(L->path);
            const char *dot = strrchr(path_base(L->path), '.');
            size_t stem = dot ? (size_t)(dot - L->path) : n;
            if ((wpath = malloc(stem + 5))) {
                memcpy(wpath, L->path, stem);
                memcpy(wpath + stem, ".pgw", 5);
            }
        }
        if (!wpath) {
            st = rd_nomem(rd);
            goto done;
        }
        st = raster_load(ctx, bm, L, wpath);
        free(wpath);
    } else if (ends_with_ci(L->path, ".gpkg")) {
        st = bm_gpkg_load(ctx, bm, L, table, bm->has_aoi ? bm->aoi : NULL);
    } else {
        st = gj_load(ctx, bm, L);
    }
done:
    rd_pop(rd, mark);
    free(table);
    free(file);
    free(type);
    free(world);
    return st;
}

/* "attribution_parts": {"layer name": "credit", ...}, for a credit line
 * that names only the layers drawn. */
static im_status manifest_credits(reader *rd, im_basemap *bm, json_t *root)
{
    json_t *parts = json_object_get(root, "attribution_parts");
    if (!parts || json_is_null(parts))
        return IM_OK;
    if (!json_is_object(parts))
        return rd_fail(rd, IM_ERR_BASEMAP, "attribution_parts: expected an object, found %s",
                       json_type_name(parts));
    size_t n = json_object_size(parts);
    if (n > BM_MAX_LAYERS)
        return rd_fail(rd, IM_ERR_BASEMAP, "attribution_parts: more than %d entries",
                       BM_MAX_LAYERS);
    bm->credit_layer = calloc(n ? n : 1, sizeof(char *));
    bm->credit_text = calloc(n ? n : 1, sizeof(char *));
    if (!bm->credit_layer || !bm->credit_text)
        return rd_nomem(rd);
    const char *key;
    json_t *v;
    json_object_foreach(parts, key, v) {
        size_t mark = rd_push(rd, "attribution_parts");
        char *text = NULL;
        im_status st = rd_string(rd, parts, key, &text);
        rd_pop(rd, mark);
        if (st != IM_OK)
            return st;
        if (!text)
            continue;
        if (!(bm->credit_layer[bm->n_credits] = im_strdup(key))) {
            free(text);
            return rd_nomem(rd);
        }
        bm->credit_text[bm->n_credits++] = text;
    }
    return IM_OK;
}

/* Read ahead the files that the manifest's layers will read
 * (basemap_prefetch.c): GeoJSON and relief PNG layers shown at the scale
 * asked for, as manifest_layer decides below. The layers are only glanced
 * at: the first one that is not plainly well formed ends the list (its
 * error, and everything after it, is the opener's). */
static bm_prefetch *prefetch_layers(im_context *ctx, const im_basemap *bm, const char *dir,
                                    json_t *layers)
{
    const char *paths[BM_MAX_LAYERS];
    char *owned[BM_MAX_LAYERS];
    bool gray[BM_MAX_LAYERS];
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(layers) && n < BM_MAX_LAYERS; i++) {
        json_t *lj = json_array_get(layers, i), *style = json_object_get(lj, "style");
        const char *name = json_string_value(json_object_get(lj, "name"));
        const char *file = json_string_value(json_object_get(lj, "file"));
        const char *type = json_string_value(json_object_get(lj, "type"));
        if (!name || !file || !*file || !type)
            break;
        bm_layer L;
        memset(&L, 0, sizeof L);
        L.name = (char *)name;
        if ((L.kind = kind_of(type)) == BM_AUTO)
            break;
        style_defaults(&L.style, L.kind);
        json_t *radius = json_is_object(style) ? json_object_get(style, "radius") : NULL;
        if (json_is_number(radius))
            L.style.radius = json_number_value(radius);
        json_t *lo = json_object_get(lj, "min_scale"), *hi = json_object_get(lj, "max_scale");
        if ((L.has_min_scale = json_is_number(lo)))
            L.min_scale = json_number_value(lo);
        if ((L.has_max_scale = json_is_number(hi)))
            L.max_scale = json_number_value(hi);
        /* The names layer is read when the labels are drawn, on the main
         * thread; read ahead here it is decoded beside the other layers
         * (its tree kept in bm->names_root when the helper has it done). */
        bool names = L.kind == BM_POINT && strcmp(name, "names") == 0;
        if ((bm->denominator > 0 &&
             !layer_visible_between(&L, bm->denominator, bm->denominator_hi)) ||
            (layer_unread(&L) && !names))
            continue;
        bool is_gray = L.kind == BM_RASTER;
        if (is_gray ? !ends_with_ci(file, ".png") : ends_with_ci(file, ".gpkg"))
            continue; /* a GeoPackage is read through its index, where it is */
        if (!(owned[n] = path_join(dir, file)))
            break;
        paths[n] = owned[n];
        gray[n++] = is_gray;
    }
    bm_prefetch *pf = bm_prefetch_start(ctx, paths, gray, n);
    for (size_t k = 0; k < n; k++)
        free(owned[k]);
    return pf;
}

/* The names layer's tree, when the helper has decoded it: kept for
 * im_names_draw. One it has not started is left (the labels read it, if
 * they are drawn at all); one it could not read is the labels' to report. */
static void keep_names(im_context *ctx, im_basemap *bm)
{
    for (size_t i = 0; i < bm->n_layers; i++) {
        const bm_layer *L = &bm->layers[i];
        if (L->user || L->kind != BM_POINT || strcmp(L->name, "names") != 0 || !L->path)
            continue;
        if (!bm_prefetch_done(bm->prefetch, L->path))
            return;
        json_t *root = bm_prefetch_json(ctx, bm->prefetch, L->path);
        if (root && !(bm->names_path = im_strdup(L->path))) {
            json_decref(root);
            return;
        }
        bm->names_root = root;
        return;
    }
}

/* A new reference to the names file's tree read ahead at path, or NULL
 * (not read ahead: the caller reads the file). */
json_t *im_basemap_names_tree(const im_basemap *bm, const char *path)
{
    if (!bm || !bm->names_root || !path || strcmp(path, bm->names_path) != 0)
        return NULL;
    return json_incref(bm->names_root);
}

static im_status open_manifest(im_context *ctx, im_basemap *bm, const char *path)
{
    json_t *root;
    im_status st = im_basemap_load_json(ctx, path, "basemap manifest", &root);
    if (st != IM_OK)
        return st;
    reader rd;
    memset(&rd, 0, sizeof rd);
    rd.ctx = ctx;
    rd.bm = bm;
    rd.file = path;
    rd.max_string = ctx->limits.max_string_bytes ? ctx->limits.max_string_bytes : 65536;
    char *dir = path_dir(path);
    int n_extent = 0;
    json_t *layers = json_is_object(root) ? json_object_get(root, "layers") : NULL;
    if (!dir) {
        st = rd_nomem(&rd);
    } else if (!json_is_object(root)) {
        st = rd_fail(&rd, IM_ERR_BASEMAP, "expected an object, found %s", json_type_name(root));
    } else if ((st = rd_string(&rd, root, "name", &bm->name)) != IM_OK ||
               (st = rd_string(&rd, root, "title", &bm->title)) != IM_OK ||
               (st = rd_string(&rd, root, "attribution", &bm->attribution)) != IM_OK ||
               (st = rd_color(&rd, root, "background", &bm->background, NULL)) != IM_OK ||
               (st = rd_numbers(&rd, root, "extent", -180, 180, bm->extent, 4, &n_extent)) !=
                   IM_OK) {
        /* st set */
    } else if (n_extent != 0 && n_extent != 4) {
        st = rd_fail(&rd, IM_ERR_BASEMAP, "extent: expected [west, south, east, north]");
    } else if ((st = manifest_credits(&rd, bm, root)) != IM_OK) {
        /* st set */
    } else if (!json_is_array(layers)) {
        st = rd_fail(&rd, IM_ERR_BASEMAP, "layers: expected an array, found %s",
                     layers ? json_type_name(layers) : "nothing");
    } else {
        bm->has_extent = n_extent == 4;
        if (bm->has_extent)
            im_bbox_normalize(bm->extent); /* W > E: across the antimeridian */
        bm->prefetch = prefetch_layers(ctx, bm, dir, layers);
        for (size_t i = 0; st == IM_OK && i < json_array_size(layers); i++) {
            size_t mark = rd_push(&rd, "layers[%zu]", i);
            st = manifest_layer(ctx, bm, &rd, dir, json_array_get(layers, i));
            rd_pop(&rd, mark);
        }
        if (st == IM_OK)
            keep_names(ctx, bm);
        bm_prefetch_stop(bm->prefetch);
        bm->prefetch = NULL;
    }
    free(dir);
    json_decref(root);
    return st;
}

/* Open a basemap from spec: "none"; a NAME in the context's basemap folder;
 * a folder holding manifest.json (or the manifest itself); a .geojson or
 * .json file as a one-layer basemap. On success *out is a new basemap the
 * caller frees with im_basemap_free(); on failure *out is NULL and the error
 * (IM_ERR_BASEMAP for missing or invalid files) names the file and field. */
im_status im_basemap_open(im_context *ctx, const char *spec, im_basemap **out)
{
    return im_basemap_open_area(ctx, spec, NULL, 0, out);
}

/* As im_basemap_open(), reading only what a map of area aoi (lon/lat W, S,
 * E, N, widened by the caller; NULL: everything) at scale 1:denominator
 * (0: any) draws, where the format allows (GeoPackage R-tree, scale bands). */
static im_status open_area(im_context *ctx, const char *spec, const double aoi[4],
                           double denominator, double span, im_basemap **out)
{
    *out = NULL;
    if (!spec || !*spec)
        return im_fail(ctx, IM_ERR_ARG, "--basemap: empty name");
    im_basemap *bm = basemap_new();
    if (!bm)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    bm->theme = ctx->style.theme;
    if (aoi) {
        bm->has_aoi = true;
        memcpy(bm->aoi, aoi, sizeof bm->aoi);
    }
    bm->denominator = denominator > 0 && isfinite(denominator) ? denominator : 0;
    bm->denominator_hi = bm->denominator * span;
    im_status st = IM_OK;
    char *path = NULL;
    if (strcmp(spec, "none") == 0) {
        /* empty */
    } else if (strcmp(path_base(spec), "manifest.json") == 0) {
        st = open_manifest(ctx, bm, spec);
    } else if (ends_with_ci(spec, ".geojson") || ends_with_ci(spec, ".json")) {
        bm_layer *L = layer_append(bm);
        if (!L || !(L->name = im_strdup(path_base(spec))) || !(L->path = im_strdup(spec))) {
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        } else {
            L->kind = BM_AUTO;
            style_defaults(&L->style, BM_AUTO);
            st = gj_load(ctx, bm, L);
        }
    } else {
        char *dir = NULL;
        if (strchr(spec, '/')) {
            dir = im_strdup(spec);
        } else if (!ctx->basemap_dir || !*ctx->basemap_dir) {
            st = im_fail(ctx, IM_ERR_BASEMAP, "basemap \"%.100s\": no basemap folder is set",
                         spec);
        } else {
            dir = path_join(ctx->basemap_dir, spec);
        }
        if (st == IM_OK) {
            path = dir ? path_join(dir, "manifest.json") : NULL;
            st = path ? open_manifest(ctx, bm, path) : im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        }
        free(dir);
    }
    free(path);
    if (st != IM_OK) {
        im_basemap_free(bm);
        return st;
    }
    *out = bm;
    return IM_OK;
}

/* Add a user's GeoJSON file as a layer drawn above the basemap's own vector
 * layers: lines and outlines #444444 0.8 pt, polygons filled #00000014,
 * points as 2 pt dots. The file is read now; errors as for
 * im_basemap_open(). */
im_status im_basemap_add_layer(im_context *ctx, im_basemap *bm, const char *path)
{
    if (!bm || !path)
        return im_fail(ctx, IM_ERR_ARG, "im_basemap_add_layer: no basemap or path");
    bm_layer *L = layer_append(bm);
    if (!L)
        return bm->n_layers >= BM_MAX_LAYERS
            ? im_fail(ctx, IM_ERR_LIMIT, "%s: more than %d layers", path, BM_MAX_LAYERS)
            : im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    L->kind = BM_AUTO;
    L->user = true;
    style_defaults(&L->style, BM_AUTO);
    L->style.fill = rgba(0, 0, 0, 0x14 / 255.0);
    L->style.stroke = hex_rgb(0x444444);
    L->style.width = 0.8;
    L->style.radius = 2.0;
    L->style.has_fill = L->style.has_stroke = true;
    im_status st = IM_OK;
    if (!(L->name = im_strdup(path_base(path))) || !(L->path = im_strdup(path)))
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    else
        st = gj_load(ctx, bm, L);
    if (st != IM_OK) {
        bm->n_positions -= L->n_pos;
        layer_clear(L);
        bm->n_layers--;
    }
    return st;
}

/* The attribution text of the basemap's data (borrowed, lives as long as
 * bm), or NULL when the basemap has none. */
const char *im_basemap_attribution(const im_basemap *bm)
{
    return bm ? bm->attribution : NULL;
}

/* The frame's background (sea) colour. */
im_rgba im_basemap_background(const im_basemap *bm)
{
    im_rgba sea;
    if (bm && im_theme_color(&bm->theme, IM_TH_SEA, &sea))
        return sea;
    return bm ? bm->background : hex_rgb(0xf7f7f5);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                              */

/* Whether L is shown at some scale between 1:lo and 1:hi (lo <= hi). */
static bool layer_visible_between(const bm_layer *L, double lo, double hi)
{
    return !(L->has_min_scale && hi < L->min_scale) && !(L->has_max_scale && lo > L->max_scale);
}

static bool layer_visible(const bm_layer *L, double denominator)
{
    if (L->has_min_scale && denominator < L->min_scale)
        return false;
    if (L->has_max_scale && denominator > L->max_scale)
        return false;
    return true;
}

const char *im_basemap_layer_file(const im_basemap *bm, const char *name, double denominator)
{
    for (size_t i = 0; bm && name && i < bm->n_layers; i++)
        if (!bm->layers[i].user && strcmp(bm->layers[i].name, name) == 0)
            return layer_visible(&bm->layers[i], denominator) ? bm->layers[i].path : NULL;
    return NULL;
}

/* The places layer is drawn by im_basemap_draw_labels(), not here. */
static const bm_layer *places_layer(const im_basemap *bm)
{
    for (size_t i = 0; bm && i < bm->n_layers; i++)
        if (!bm->layers[i].user && bm->layers[i].kind == BM_POINT &&
            strcmp(bm->layers[i].name, "places") == 0)
            return &bm->layers[i];
    return NULL;
}

/* What a view's frame shows in lon/lat: its bbox widened by wb of its span,
 * united with the frame's edge (curved projections show more than the
 * bbox) widened by we of the edge's span. */
static void frame_area(const im_view *v, double wb, double we, double out[4])
{
    double edge[4];
    im_view_edge_bounds(v, 24, edge); /* the points off the Earth left out */
    double w = v->bbox[2] - v->bbox[0], h = v->bbox[3] - v->bbox[1];
    double ew = edge[2] - edge[0], eh = edge[3] - edge[1];
    out[0] = fmin(v->bbox[0] - wb * w, edge[0] - we * ew);
    out[1] = fmax(fmin(v->bbox[1] - wb * h, edge[1] - we * eh), -90);
    out[2] = fmax(v->bbox[2] + wb * w, edge[2] + we * ew);
    out[3] = fmin(fmax(v->bbox[3] + wb * h, edge[3] + we * eh), 90);
}

/* Area of interest, read for a view: the bbox widened by BM_AOI_WIDEN, the
 * edge by the margin im_basemap_holds() asks of a frame. */
static void view_aoi(const im_view *v, double aoi[4])
{
    frame_area(v, BM_AOI_WIDEN, BM_AOI_HOLD, aoi);
}

static bool dev_ok(double x, double y)
{
    return isfinite(x) && isfinite(y) && fabs(x) <= BM_DEV_LIMIT && fabs(y) <= BM_DEV_LIMIT;
}

/* Projected copy of the features of a layer that meet the area of interest.
 * xy is laid out as in the layer; only visible features' spans are filled. */
typedef struct projected {
    double *xy;
    size_t cap;
    size_t *vis;   /* indices of visible features */
    size_t n_vis, cap_vis;
} projected;

static void nudge_off_back(const bm_layer *L, const bm_feature *f, double *xy, double back)
{
    double side = remainder((f->bbox[0] + f->bbox[2]) / 2 - back, 360) < 0 ? -1 : 1;
    const bm_part *p0 = &L->parts[f->part0], *p1 = &L->parts[f->part0 + f->n_parts - 1];
    for (size_t i = p0->start; i < p1->start + p1->n; i++)
        if (fabs(remainder(xy[2 * i] - back, 360)) < 1e-9)
            xy[2 * i] += side * 1e-7;
}

static im_status project_layer(im_context *ctx, const bm_layer *L, const im_view *view,
                               const double aoi[4], projected *pr)
{
    pr->n_vis = 0;
    if (L->n_features == 0)
        return IM_OK;
    size_t *vis = grow(pr->vis, &pr->cap_vis, L->n_features, sizeof *vis);
    if (!vis)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    pr->vis = vis;
    double *xy = grow(pr->xy, &pr->cap, L->n_pos, 2 * sizeof(double));
    if (!xy)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    pr->xy = xy;
    bool wrap = aoi[2] - aoi[0] >= 360; /* the whole round: no culling by longitude */
    /* Visible features' positions are copied and projected in runs of
     * neighbouring features, one PROJ call per run. On a map of the whole
     * round, a vertex on the meridian opposite the centre (where the world
     * basemap's tiles are cut) is moved a hair towards its own feature, so
     * that PROJ puts it on that feature's side of the map. */
    double back = remainder((view->bbox[0] + view->bbox[2]) / 2 + 180, 360);
    size_t run0 = 0, run1 = 0, vis0 = 0;
    for (size_t i = 0; i <= L->n_features; i++) {
        size_t a = 0, b = 0;
        bool visible = false;
        if (i < L->n_features) {
            const bm_feature *f = &L->features[i];
            visible = !(f->bbox[3] < aoi[1] || f->bbox[1] > aoi[3]);
            bool lon_ok = wrap;
            for (int k = -1; k <= 1 && !lon_ok; k++) /* across the antimeridian */
                lon_ok = !(f->bbox[2] + 360 * k < aoi[0] || f->bbox[0] + 360 * k > aoi[2]);
            visible = visible && lon_ok;
            const bm_part *p0 = &L->parts[f->part0], *p1 = &L->parts[f->part0 + f->n_parts - 1];
            a = p0->start;
            b = p1->start + p1->n;
        }
        if (visible && a == run1 && run1 > run0) {
            run1 = b; /* extend the current run */
        } else {
            if (run1 > run0) {
                memcpy(xy + 2 * run0, L->xy + 2 * run0, (run1 - run0) * 2 * sizeof(double));
                for (size_t v = vis0; wrap && v < pr->n_vis; v++)
                    nudge_off_back(L, &L->features[pr->vis[v]], xy, back);
                im_status st = im_view_project(ctx, view, xy + 2 * run0, 2 * sizeof(double),
                                               xy + 2 * run0 + 1, 2 * sizeof(double),
                                               run1 - run0);
                if (st != IM_OK)
                    return st;
            }
            run0 = run1 = 0;
            if (visible) {
                run0 = a;
                run1 = b;
                vis0 = pr->n_vis;
            }
        }
        if (visible)
            pr->vis[pr->n_vis++] = i;
    }
    return IM_OK;
}

/* Add a part to the current path. Rings skip unusable vertices; lines break
 * there. Vertices closer than min_d to the last one are dropped. */
static void path_part(cairo_t *cr, const double *xy, const bm_part *p, double min_d)
{
    bool ring = p->kind == PART_OUTER || p->kind == PART_HOLE;
    bool pen = false;
    size_t emitted = 0;
    double lx = 0, ly = 0;
    for (size_t i = 0; i < p->n; i++) {
        double x = xy[2 * (p->start + i)], y = xy[2 * (p->start + i) + 1];
        if (!dev_ok(x, y)) {
            if (!ring)
                pen = false;
            continue;
        }
        if (pen && i + 1 < p->n && fabs(x - lx) < min_d && fabs(y - ly) < min_d)
            continue;
        if (pen) {
            cairo_line_to(cr, x, y);
        } else {
            cairo_move_to(cr, x, y);
            pen = true;
        }
        lx = x;
        ly = y;
        emitted++;
    }
    if (ring && emitted > 0)
        cairo_close_path(cr);
}

static void set_rgba(cairo_t *cr, im_rgba c)
{
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static void set_dash(cairo_t *cr, const bm_style *s, double pt)
{
    if (s->n_dash > 0) {
        double d[BM_MAX_DASH];
        for (int i = 0; i < s->n_dash; i++)
            d[i] = s->dash[i] * pt;
        cairo_set_dash(cr, d, s->n_dash, 0);
        /* Round caps would eat into the gaps; dashes keep their lengths. */
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    } else {
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    }
}

/* The colour of c into a draw record's hex and alpha. */
static void log_color(im_rgba c, char *hex, size_t size, double *alpha)
{
    im_color_hex(c, hex, size);
    *alpha = c.a;
}

/* Draw a vector layer; log (may be NULL) receives what was drawn: the
 * colours and the line widths used (one per rank that has features). */
static void draw_vector(const bm_layer *L, const projected *pr, cairo_t *cr, const im_view *view,
                        im_layout_draw *log)
{
    const bm_style *s = &L->style;
    const double pt = view->pt, min_d = 0.25;
    bool rings = false, lines = false, points = false;
    for (size_t k = 0; k < pr->n_vis; k++) {
        const bm_feature *f = &L->features[pr->vis[k]];
        for (size_t j = 0; j < f->n_parts; j++) {
            bm_part_kind pk = L->parts[f->part0 + j].kind;
            rings |= pk == PART_OUTER || pk == PART_HOLE;
            lines |= pk == PART_LINE;
            points |= pk == PART_POINTS;
        }
    }
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    if (rings && (s->has_fill || (s->has_stroke && s->width > 0))) {
        /* One path for the whole layer: no seams between neighbours. Rings
         * are oriented at load time (exterior CCW, holes CW), so the
         * non-zero rule cuts holes and keeps overlapping features filled. */
        cairo_new_path(cr);
        for (size_t k = 0; k < pr->n_vis; k++) {
            const bm_feature *f = &L->features[pr->vis[k]];
            for (size_t j = 0; j < f->n_parts; j++) {
                const bm_part *p = &L->parts[f->part0 + j];
                if (p->kind == PART_OUTER || p->kind == PART_HOLE)
                    path_part(cr, pr->xy, p, min_d);
            }
        }
        if (s->has_fill) {
            cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
            set_rgba(cr, s->fill);
            cairo_fill_preserve(cr);
            if (log)
                log_color(s->fill, log->fill, sizeof log->fill, &log->fill_alpha);
        }
        if (s->has_stroke && s->width > 0) {
            set_rgba(cr, s->stroke);
            cairo_set_line_width(cr, s->width * pt);
            set_dash(cr, s, pt);
            cairo_stroke_preserve(cr);
            if (log) {
                log_color(s->stroke, log->stroke, sizeof log->stroke, &log->stroke_alpha);
                log->widths[0] = s->width;
                log->n_widths = 1;
                log->dashed = s->n_dash > 0;
            }
        }
        cairo_new_path(cr);
    }
    if (lines && (s->has_stroke || L->kind == BM_LINE)) {
        int classes = s->n_width_by_rank > 0 ? s->n_width_by_rank : 1;
        set_rgba(cr, s->stroke);
        set_dash(cr, s, pt);
        if (log) {
            log_color(s->stroke, log->stroke, sizeof log->stroke, &log->stroke_alpha);
            log->dashed = s->n_dash > 0;
        }
        for (int c = 0; c < classes; c++) {
            cairo_new_path(cr);
            bool any = false;
            for (size_t k = 0; k < pr->n_vis; k++) {
                const bm_feature *f = &L->features[pr->vis[k]];
                if (s->n_width_by_rank > 0) {
                    /* rank 1 -> first width; larger or missing -> last */
                    long r = f->rank >= 1 ? f->rank : classes;
                    int cls = r > classes ? classes - 1 : (int)r - 1;
                    if (cls != c)
                        continue;
                }
                for (size_t j = 0; j < f->n_parts; j++) {
                    const bm_part *p = &L->parts[f->part0 + j];
                    if (p->kind == PART_LINE) {
                        path_part(cr, pr->xy, p, min_d);
                        any = true;
                    }
                }
            }
            double w = s->n_width_by_rank > 0 ? s->width_by_rank[c] : s->width;
            if (w > 0) {
                cairo_set_line_width(cr, w * pt);
                cairo_stroke(cr);
                if (log && any && log->n_widths < IM_DRAW_MAX_WIDTHS)
                    log->widths[log->n_widths++] = w;
            }
            cairo_new_path(cr);
        }
    }
    if (points && s->radius > 0) {
        cairo_new_path(cr);
        double r = s->radius * pt;
        for (size_t k = 0; k < pr->n_vis; k++) {
            const bm_feature *f = &L->features[pr->vis[k]];
            for (size_t j = 0; j < f->n_parts; j++) {
                const bm_part *p = &L->parts[f->part0 + j];
                if (p->kind != PART_POINTS)
                    continue;
                for (size_t i = 0; i < p->n; i++) {
                    double x = pr->xy[2 * (p->start + i)], y = pr->xy[2 * (p->start + i) + 1];
                    if (!dev_ok(x, y))
                        continue;
                    cairo_new_sub_path(cr);
                    cairo_arc(cr, x, y, r, 0, 2 * BM_PI);
                }
            }
        }
        set_rgba(cr, s->has_fill && L->kind != BM_AUTO ? s->fill : s->stroke);
        cairo_fill(cr);
        if (log)
            log_color(s->has_fill && L->kind != BM_AUTO ? s->fill : s->stroke, log->fill,
                      sizeof log->fill, &log->fill_alpha);
    }
    cairo_restore(cr);
}

/* Relief value (0-255, 255 neutral) at fractional pixel (col, row), bilinear;
 * outside the raster it is neutral. Clamped with comparisons, not fmin and
 * fmax, which are calls here (about 3.2 million a 2000x1600 map). */
static inline double relief_sample(const bm_layer *L, double col, double row)
{
    if (!(col >= -0.5 && row >= -0.5 && col <= L->width - 0.5 && row <= L->height - 0.5))
        return 255;
    double cmax = L->width - 1, rmax = L->height - 1;
    col = col < 0 ? 0 : col > cmax ? cmax : col;
    row = row < 0 ? 0 : row > rmax ? rmax : row;
    uint32_t c0 = (uint32_t)col, r0 = (uint32_t)row;
    uint32_t c1 = c0 + 1 < L->width ? c0 + 1 : c0, r1 = r0 + 1 < L->height ? r0 + 1 : r0;
    double tc = col - c0, tr = row - r0;
    const unsigned char *p = L->pixels;
    size_t w = L->width;
    double top = p[r0 * w + c0] * (1 - tc) + p[r0 * w + c1] * tc;
    double bot = p[r1 * w + c0] * (1 - tc) + p[r1 * w + c1] * tc;
    return top * (1 - tr) + bot * tr;
}

/* The relief image's rows [from, to): each pixel's raster position
 * interpolated in the grid of projected points (gx, gy: gw wide, one
 * every BM_RELIEF_STEP pixels), the raster sampled there, its darkness as
 * alpha. */
typedef struct relief_rows {
    const bm_layer *L;
    const double *gx, *gy;
    size_t gw;
    int W;
    unsigned char *data;
    int stride;
    bool a8;
} relief_rows;

static void relief_band(void *arg, size_t from, size_t to)
{
    const relief_rows *r = arg;
    const double *gx = r->gx, *gy = r->gy;
    const size_t gw = r->gw;
    const int step = BM_RELIEF_STEP; /* a constant: the divisions below are products */
    const double k255 = r->L->style.opacity;
    for (size_t y = from; y < to; y++) {
        unsigned char *row = r->data + y * (size_t)r->stride;
        memset(row, 0, (size_t)r->stride);
        size_t j = y / (size_t)step;
        double ty = (double)(y - j * (size_t)step) / step;
        /* Along a row the bilinear position is linear inside each cell of
         * the grid: col = c + dc * tx, rw = q + dq * tx. The cell's four
         * corners are read and tested once, not once per pixel. */
        for (size_t i = 0; (int)(i * (size_t)step) < r->W; i++) {
            size_t k00 = j * gw + i, k01 = k00 + 1, k10 = k00 + gw, k11 = k10 + 1;
            double c00 = gx[k00], c01 = gx[k01], c10 = gx[k10], c11 = gx[k11];
            if (isnan(c00) || isnan(c01) || isnan(c10) || isnan(c11))
                continue;
            double c = c00 * (1 - ty) + c10 * ty, dc = (c01 * (1 - ty) + c11 * ty) - c;
            double q = gy[k00] * (1 - ty) + gy[k10] * ty;
            double dq = (gy[k01] * (1 - ty) + gy[k11] * ty) - q;
            int x0 = (int)(i * (size_t)step), x1 = x0 + step < r->W ? x0 + step : r->W;
            for (int x = x0; x < x1; x++) {
                double tx = (double)(x - x0) / step;
                double v = relief_sample(r->L, c + dc * tx, q + dq * tx);
                double a = k255 * (255 - v);
                uint32_t alpha = (uint32_t)(a < 0 ? 0 : a > 255 ? 255 : a + 0.5);
                if (r->a8)
                    row[x] = (unsigned char)alpha;
                else
                    ((uint32_t *)row)[x] = alpha << 24; /* premultiplied black */
            }
        }
    }
}

/* An image bound for an SVG page, with its PNG bytes attached (Cairo's
 * mime data). Cairo's SVG surface embeds an image as PNG: the bytes given
 * with it when there are some, else its own encoding, on one core with
 * libpng's adaptive filters (0.24 s for the relief of a 2000x1600 map, a
 * fifth of the SVG's time). These come from png.c, deflated on the CPUs;
 * the pixels are the same (the same un-premultiplying, rounded alike).
 * Best effort: when they cannot be made, Cairo encodes as before. */
static void attach_png(im_context *ctx, cairo_surface_t *img, double dpi)
{
    char *data = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&data, &len);
    if (!fp)
        return;
    im_status st = im_png_write(ctx, img, fp, dpi, 6, true, NULL, 0);
    if (fclose(fp) != 0 || st != IM_OK || !data ||
        cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_PNG, (const unsigned char *)data, len,
                                    free, data) != CAIRO_STATUS_SUCCESS)
        free(data);
}

/* Warp the relief raster into the frame and darken the map with it: an
 * image of black at alpha opacity * (255 - value) / 255 painted OVER the map
 * is the same as multiplying by the grey value, and works on every surface
 * (an A8 mask would not: SVG masks use luminance, so cairo's SVG output of
 * an alpha mask shows nothing). */
static im_status draw_relief(im_context *ctx, const bm_layer *L, cairo_t *cr, const im_view *view)
{
    if (L->style.opacity <= 0 || !L->pixels)
        return IM_OK;
    /* Vector surfaces (pt near 1) get twice the resolution of the frame. */
    double s = view->pt < 1.5 ? 2.0 : 1.0;
    double maxpix = ctx->limits.max_image_pixels ? (double)ctx->limits.max_image_pixels : 4e8;
    double maxside = ctx->limits.max_image_side ? ctx->limits.max_image_side : 30000;
    while (s > 0.25 && (ceil(view->fw * s) * ceil(view->fh * s) > maxpix ||
                        ceil(view->fw * s) > maxside || ceil(view->fh * s) > maxside))
        s /= 2;
    /* The image's origin: the frame's corner, or on an image target (s = 1)
     * the device pixel holding it, so that the mask is composited without
     * resampling (pixman's fast path) */
    bool a8 = cairo_surface_get_type(cairo_get_group_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
    double ox = view->fx, oy = view->fy;
    if (a8 && s == 1) {
        ox = floor(view->fx);
        oy = floor(view->fy);
    }
    int W = (int)ceil((view->fx + view->fw - ox) * s), H = (int)ceil((view->fy + view->fh - oy) * s);
    if (W <= 0 || H <= 0)
        return IM_OK;
    const int step = BM_RELIEF_STEP;
    size_t gw = (size_t)(W - 1) / step + 2, gh = (size_t)(H - 1) / step + 2;
    double *gx = im_malloc_array(gw * gh, sizeof(double));
    double *gy = im_malloc_array(gw * gh, sizeof(double));
    cairo_surface_t *img = NULL;
    im_status st = IM_OK;
    if (!gx || !gy) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory (relief grid)");
        goto done;
    }
    for (size_t j = 0; j < gh; j++)
        for (size_t i = 0; i < gw; i++) {
            double dx = ox + ((double)(i * step) + 0.5) / s;
            double dy = oy + ((double)(j * step) + 0.5) / s;
            im_view_dev_to_map(view, dx, dy, &gx[j * gw + i], &gy[j * gw + i]);
        }
    proj_trans_generic(view->fwd, PJ_INV, gx, sizeof(double), gw * gh, gy, sizeof(double),
                       gw * gh, NULL, 0, 0, NULL, 0, 0);
    proj_errno_reset(view->fwd);
    /* lon/lat -> fractional raster pixel (col, row); NaN marks failures. */
    for (size_t k = 0; k < gw * gh; k++) {
        double lon = gx[k], lat = gy[k];
        if (!isfinite(lon) || !isfinite(lat) || fabs(lon) > 1e3 || fabs(lat) > 1e3) {
            gx[k] = gy[k] = NAN;
            continue;
        }
        double dlon = lon - L->inv[4], dlat = lat - L->inv[5];
        gx[k] = L->inv[0] * dlon + L->inv[1] * dlat;
        gy[k] = L->inv[2] * dlon + L->inv[3] * dlat;
        if (gx[k] < -0.5 && L->inv[0] > 0) { /* a raster that runs past 180 E */
            gx[k] += L->inv[0] * 360;
            gy[k] += L->inv[2] * 360;
        }
    }
    /* On an image target the relief is an alpha mask of black (A8: a
     * quarter of the memory to write); vector targets keep ARGB32 images,
     * which every backend embeds as they are. */
    img = cairo_image_surface_create(a8 ? CAIRO_FORMAT_A8 : CAIRO_FORMAT_ARGB32, W, H);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
        st = im_fail(ctx, IM_ERR_RENDER, "relief: cannot create a %dx%d image", W, H);
        goto done;
    }
    cairo_surface_flush(img);
    relief_rows rr = {L, gx, gy, gw, W, cairo_image_surface_get_data(img),
                      cairo_image_surface_get_stride(img), a8};
    /* bands of rows on the CPUs: each pixel is computed alone, so the
     * image is the same whatever the number of threads */
    im_parallel_for((size_t)H, 64, 4, relief_band, &rr);
    cairo_surface_mark_dirty(img);
    cairo_save(cr);
    cairo_translate(cr, ox, oy);
    cairo_scale(cr, 1 / s, 1 / s);
    if (a8) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        /* Inside the frame's whole pixels the clip (the frame's, whose edges
         * are fractional) covers every pixel, so there it is replaced by
         * that pixel-aligned box and pixman composites the mask directly
         * (2 ms instead of 22 at 2000x1600); the four strips the frame's
         * edges cut get the clip as before, each composited apart (its own
         * extent). Each pixel is composited once. */
        double ix0 = ceil(view->fx) - ox, iy0 = ceil(view->fy) - oy;
        double ix1 = floor(view->fx + view->fw) - ox, iy1 = floor(view->fy + view->fh) - oy;
        if (s == 1 && ix1 > ix0 && iy1 > iy0) {
            const double part[5][4] = {{ix0, iy0, ix1 - ix0, iy1 - iy0},
                                       {0, 0, W, iy0}, {0, iy1, W, H - iy1},
                                       {0, iy0, ix0, iy1 - iy0}, {ix1, iy0, W - ix1, iy1 - iy0}};
            for (int k = 0; k < 5; k++) {
                if (!(part[k][2] > 0 && part[k][3] > 0))
                    continue;
                cairo_save(cr);
                cairo_rectangle(cr, part[k][0], part[k][1], part[k][2], part[k][3]);
                cairo_clip(cr);
                cairo_mask_surface(cr, img, 0, 0);
                cairo_restore(cr);
            }
        } else {
            cairo_mask_surface(cr, img, 0, 0);
        }
    } else {
        if (cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_SVG)
            attach_png(ctx, img, 72 * s); /* s image pixels per point */
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
    }
    cairo_restore(cr);
done:
    if (img)
        cairo_surface_destroy(img);
    free(gx);
    free(gy);
    return st;
}

/* Draw the basemap's layers in order (relief, polygons, lines, points;
 * the places layer is left to im_basemap_draw_labels()), then the user's
 * layers. Does not paint the background or clip: the caller does. The
 * basemap is not modified. Errors: IM_ERR_NOMEM, IM_ERR_RENDER. */
/* A basemap layer's style under a theme: its role from its name (land,
 * lakes, rivers, coastline, borders and their casing, admin lines,
 * relief); roles the theme does not give keep the manifest's colours. */
static void theme_layer(const im_theme *th, bm_layer *L)
{
    const char *n = L->name ? L->name : "";
    im_rgba c;
    bm_style *s = &L->style;
    if (L->kind == BM_RASTER) {
        if (th->relief >= 0 && th->relief != 1)
            s->opacity = fmin(s->opacity * th->relief, 1);
        return;
    }
    if (strcmp(n, "land") == 0 && im_theme_color(th, IM_TH_LAND, &c)) {
        s->fill = c;
    } else if (strcmp(n, "lakes") == 0) {
        if (im_theme_color(th, IM_TH_SEA, &c))
            s->fill = c;
        if (im_theme_color(th, IM_TH_COAST, &c))
            s->stroke = c;
    } else if (strcmp(n, "rivers") == 0 && im_theme_color(th, IM_TH_RIVERS, &c)) {
        s->stroke = c;
    } else if (strcmp(n, "coastline") == 0 && im_theme_color(th, IM_TH_COAST, &c)) {
        s->stroke = c;
    } else if (strcmp(n, "borders") == 0 && im_theme_color(th, IM_TH_BORDERS, &c)) {
        s->stroke = c;
    } else if ((strcmp(n, "borders-casing") == 0 || strcmp(n, "admin1") == 0) &&
               im_theme_color(th, IM_TH_BORDERS, &c)) {
        c.a = strcmp(n, "admin1") == 0 ? 0.6 : 0.25;
        s->stroke = c;
    }
}

im_status im_basemap_draw(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                          const im_view *view)
{
    return im_basemap_draw_logged(ctx, bm, cr, view, NULL, NULL);
}

im_status im_basemap_draw_logged(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                 const im_view *view, im_layout *lay, const char *group)
{
    if (!bm || !cr || !view)
        return im_fail(ctx, IM_ERR_ARG, "im_basemap_draw: missing argument");
    double aoi[4];
    view_aoi(view, aoi);
    const bm_layer *places = places_layer(bm);
    projected pr;
    memset(&pr, 0, sizeof pr);
    im_status st = IM_OK;
    for (int pass = 0; pass < 2 && st == IM_OK; pass++) /* basemap layers, then user layers */
        for (size_t i = 0; i < bm->n_layers && st == IM_OK; i++) {
            const bm_layer *L = &bm->layers[i];
            if (L->user != (pass == 1) || L == places || !layer_visible(L, view->denominator))
                continue;
            bm_layer themed = *L; /* the theme's colours by the layer's role */
            if (!L->user)
                theme_layer(&bm->theme, &themed);
            im_layout_draw log = im_layout_draw_named(L->name, group ? group : "basemap");
            if (L->kind == BM_RASTER) {
                st = draw_relief(ctx, &themed, cr, view);
                log.opacity = themed.style.opacity;
            } else {
                st = project_layer(ctx, L, view, aoi, &pr);
                if (st == IM_OK)
                    draw_vector(&themed, &pr, cr, view, lay ? &log : NULL);
                log.features = pr.n_vis;
            }
            bool drew = L->kind == BM_RASTER || (pr.n_vis > 0 && (L->kind != BM_POINT ||
                                                                 themed.style.radius > 0));
            if (st == IM_OK && lay && drew &&
                im_layout_add_draw(lay, &log) != IM_OK)
                st = im_fail(ctx, IM_ERR_NOMEM, "out of memory (layout)");
        }
    free(pr.xy);
    free(pr.vis);
    if (st == IM_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        st = im_fail(ctx, IM_ERR_RENDER, "basemap: %s", cairo_status_to_string(cairo_status(cr)));
    return st;
}

/* ------------------------------------------------------------------ */

/* Number of layers, the user's included (they come after the basemap's). */
size_t im_basemap_layer_count(const im_basemap *bm)
{
    return bm ? bm->n_layers : 0;
}

/* Name of layer i (borrowed) and its feature and position counts; NULL when
 * i is out of range. */
const char *im_basemap_layer_get(const im_basemap *bm, size_t i, size_t *n_features,
                                 size_t *n_positions)
{
    if (!bm || i >= bm->n_layers)
        return NULL;
    if (n_features)
        *n_features = bm->layers[i].n_features;
    if (n_positions)
        *n_positions = bm->layers[i].n_pos;
    return bm->layers[i].name;
}

/* The "rank" property of a feature (0 when absent), -1 when out of range. */
long im_basemap_feature_rank(const im_basemap *bm, size_t layer, size_t feature)
{
    if (!bm || layer >= bm->n_layers || feature >= bm->layers[layer].n_features)
        return -1;
    return bm->layers[layer].features[feature].rank;
}

/* Number of places in the basemap's "places" layer. */
size_t im_basemap_place_count(const im_basemap *bm)
{
    const bm_layer *L = places_layer(bm);
    return L ? L->n_places : 0;
}

/* A string of place i: "name", "name_ar", "name_fa", "name_ku", "country".
 * Borrowed (lives as long as bm); NULL when absent or out of range. */
const char *im_basemap_place_str(const im_basemap *bm, size_t i, const char *key)
{
    const bm_layer *L = places_layer(bm);
    if (!L || i >= L->n_places)
        return NULL;
    const bm_place *p = &L->places[i];
    if (strcmp(key, "name") == 0)
        return p->name;
    if (strcmp(key, "name_ar") == 0)
        return p->name_ar;
    if (strcmp(key, "name_fa") == 0)
        return p->name_fa;
    if (strcmp(key, "name_ku") == 0)
        return p->name_ku;
    if (strcmp(key, "country") == 0)
        return p->country;
    if (strcmp(key, "name_local") == 0)
        return p->name_local;
    return NULL;
}

/* A number of place i: "lon", "lat", "population" (NaN when absent),
 * "capital", "admin_capital" (0 or 1). NaN when out of range. */
double im_basemap_place_num(const im_basemap *bm, size_t i, const char *key)
{
    const bm_layer *L = places_layer(bm);
    if (!L || i >= L->n_places)
        return NAN;
    const bm_place *p = &L->places[i];
    if (strcmp(key, "lon") == 0)
        return p->lon;
    if (strcmp(key, "lat") == 0)
        return p->lat;
    if (strcmp(key, "population") == 0)
        return p->population;
    if (strcmp(key, "capital") == 0)
        return p->capital;
    if (strcmp(key, "admin_capital") == 0)
        return p->admin_capital;
    return NAN;
}

/* Style of the places layer in points: "radius", "font_size",
 * "capital_font_size"; NaN when unknown or there is no places layer. */
double im_basemap_places_style(const im_basemap *bm, const char *key)
{
    const bm_layer *L = places_layer(bm);
    if (!L)
        return NAN;
    if (strcmp(key, "radius") == 0)
        return L->style.radius;
    if (strcmp(key, "font_size") == 0)
        return L->style.font_size;
    if (strcmp(key, "capital_font_size") == 0)
        return L->style.capital_font_size;
    return NAN;
}

/* Dot (and text) colour of the places layer. */
im_rgba im_basemap_places_fill(const im_basemap *bm)
{
    const bm_layer *L = places_layer(bm);
    im_rgba c;
    if (bm && im_theme_color(&bm->theme, IM_TH_LABELS, &c))
        return c;
    return L ? L->style.fill : hex_rgb(0x333333);
}

/* Whether the places layer exists and is shown at scale 1:denominator. */
bool im_basemap_places_visible(const im_basemap *bm, double denominator)
{
    const bm_layer *L = places_layer(bm);
    return L && layer_visible(L, denominator);
}

bool im_basemap_extent(const im_basemap *bm, double out[4])
{
    if (!bm || !bm->has_extent)
        return false;
    memcpy(out, bm->extent, 4 * sizeof(double));
    return true;
}

/* ------------------------------------------------------------------ */
/* Choice by extent, coverage, "no data", credits                       */

static bool extent_is_world(const double e[4])
{
    return e[0] <= -180 && e[2] >= 180 && e[1] <= -85 && e[3] >= 85;
}

/* Whether extent e (W, S, E, N within [-180, 180]) holds lon/lat. */
static bool extent_holds(const double e[4], double lon, double lat)
{
    if (extent_is_world(e))
        return true;
    lon = fmod(lon + 540.0, 360.0) - 180.0;
    if (lon < e[0] - 1e-9)
        lon += 360; /* an extent across the antimeridian has E past 180 */
    return lat >= e[1] - 1e-9 && lat <= e[3] + 1e-9 && lon >= e[0] - 1e-9 && lon <= e[2] + 1e-9;
}

/* The basemap to draw when the user names none: of the folders in the
 * context's basemap folder whose manifest's extent holds the whole of
 * bbox (W, S, E, N; E above 180 across the antimeridian), the one with the
 * smallest extent; else "world"; else "none". Written into buf. */
const char *im_basemap_choose(im_context *ctx, const double bbox[4], char *buf, size_t size)
{
    snprintf(buf, size, "none");
    if (!ctx->basemap_dir || !*ctx->basemap_dir)
        return buf;
    DIR *d = opendir(ctx->basemap_dir);
    if (!d)
        return buf;
    double best = HUGE_VAL;
    bool world = false;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' || strlen(de->d_name) >= size)
            continue;
        char *dir = path_join(ctx->basemap_dir, de->d_name);
        char *man = dir ? path_join(dir, "manifest.json") : NULL;
        free(dir);
        json_t *root = man ? json_load_file(man, 0, NULL) : NULL;
        free(man);
        json_t *ext = json_object_get(root, "extent");
        double e[4];
        bool ok = json_is_array(ext) && json_array_size(ext) == 4;
        for (size_t i = 0; ok && i < 4; i++) {
            ok = json_is_number(json_array_get(ext, i));
            e[i] = ok ? json_number_value(json_array_get(ext, i)) : 0;
        }
        json_decref(root);
        if (!ok)
            continue;
        im_bbox_normalize(e);
        if (strcmp(de->d_name, "world") == 0) {
            world = true;
            continue;
        }
        /* every point of the bbox's edges must lie in the extent */
        bool holds = true;
        for (int i = 0; i <= 16 && holds; i++) {
            double t = i / 16.0;
            double lon = bbox[0] + t * (bbox[2] - bbox[0]), lat = bbox[1] + t * (bbox[3] - bbox[1]);
            holds = extent_holds(e, lon, bbox[1]) && extent_holds(e, lon, bbox[3]) &&
                    extent_holds(e, bbox[0], lat) && extent_holds(e, bbox[2], lat);
        }
        double area = (e[2] - e[0]) * (e[3] - e[1]);
        if (holds && (area < best || (area == best && strcmp(de->d_name, buf) < 0))) {
            best = area;
            snprintf(buf, size, "%s", de->d_name);
        }
    }
    closedir(d);
    if (best == HUGE_VAL && world)
        snprintf(buf, size, "world");
    return buf;
}

/* Whether every point of the frame's edge lies in the basemap's data. */
bool im_basemap_covers(const im_basemap *bm, const im_view *v)
{
    if (!bm || !bm->has_extent || extent_is_world(bm->extent))
        return true;
    enum { N = 32 };
    for (int side = 0; side < 4; side++)
        for (int i = 0; i <= N; i++) {
            double t = (double)i / N, lon, lat;
            double dx = v->fx + (side == 0 ? t : side == 1 ? 1 : side == 2 ? 1 - t : 0) * v->fw;
            double dy = v->fy + (side == 0 ? 0 : side == 1 ? t : side == 2 ? 1 : 1 - t) * v->fh;
            if (!im_view_dev_to_lonlat(v, dx, dy, &lon, &lat) || !extent_holds(bm->extent, lon, lat))
                return false;
        }
    return true;
}

/* Paint the frame's background: the sea colour inside the basemap's data,
 * a hatched grey ("no data") outside it. The caller clips to the frame. */
void im_basemap_paint_background(im_context *ctx, const im_basemap *bm, cairo_t *cr,
                                 const im_view *view)
{
    im_rgba bg = im_basemap_background(bm);
    if (!bm || !bm->has_extent || im_basemap_covers(bm, view)) {
        set_rgba(cr, bg);
        cairo_paint(cr);
        return;
    }
    im_basemap_paint_nodata(cr, view->fx, view->fy, view->fw, view->fh, view->pt,
                            ctx ? &ctx->style.theme : NULL);
    enum { E = 64 };
    double ex[4 * E], ey[4 * E];
    im_bbox_ring(bm->extent, E, ex, ey);
    if (im_view_project(ctx, view, ex, sizeof(double), ey, sizeof(double), 4 * E) != IM_OK)
        return; /* no coordinate operation: the hatch alone */
    bool pen = false;
    cairo_new_path(cr);
    for (int i = 0; i < 4 * E; i++) {
        if (!isfinite(ex[i]) || !isfinite(ey[i]))
            continue;
        if (pen)
            cairo_line_to(cr, ex[i], ey[i]);
        else
            cairo_move_to(cr, ex[i], ey[i]);
        pen = true;
    }
    cairo_close_path(cr);
    set_rgba(cr, bg);
    cairo_fill(cr);
}

/* The "no data" fill: light grey with thin diagonal hatching, in the box
 * (x, y, w, h); also used for the legend's swatch. */
void im_basemap_paint_nodata(cairo_t *cr, double x, double y, double w, double h, double pt,
                             const im_theme *th)
{
    /* The theme's "nodata" ground, hatched a quarter of the way to its ink */
    im_rgba g = {0.90, 0.90, 0.89, 1}, ln = {0.74, 0.74, 0.72, 1};
    if (im_theme_color(th, IM_TH_NODATA, &g)) {
        im_rgba ink = im_theme_or(th, IM_TH_INK, (im_rgba){0.2, 0.2, 0.2, 1});
        ln = (im_rgba){g.r + (ink.r - g.r) * 0.25, g.g + (ink.g - g.g) * 0.25,
                       g.b + (ink.b - g.b) * 0.25, 1};
    }
    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, g.r, g.g, g.b);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, ln.r, ln.g, ln.b);
    cairo_set_line_width(cr, 0.5 * pt);
    double step = 5 * pt;
    for (double t = -h; t < w + h; t += step) {
        cairo_move_to(cr, x + t, y + h);
        cairo_line_to(cr, x + t + h, y);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

/* Whether layer L has anything to draw in bbox (W, S, E, N; E may pass 180)
 * at 1:denominator. */
static bool layer_drawn(const bm_layer *L, const double bbox[4], double denominator)
{
    if (!layer_visible(L, denominator))
        return false;
    if (layer_unread(L)) /* the name anchors: credited wherever names are shown */
        return true;
    double w = bbox[2] - bbox[0], h = bbox[3] - bbox[1];
    double a[4] = {bbox[0] - BM_AOI_WIDEN * w, bbox[1] - BM_AOI_WIDEN * h,
                   bbox[2] + BM_AOI_WIDEN * w, bbox[3] + BM_AOI_WIDEN * h};
    if (L->kind == BM_RASTER) {
        if (!L->pixels)
            return false;
        double x0 = L->wf[4], y1 = L->wf[5];
        double x1 = x0 + L->wf[0] * L->width, y0 = y1 + L->wf[3] * L->height;
        return !(y1 < a[1] || y0 > a[3]) &&
               (a[0] < -180 || a[2] > 180 || !(x1 < a[0] || x0 > a[2]));
    }
    for (size_t i = 0; i < L->n_features; i++) {
        const double *b = L->features[i].bbox;
        if (b[3] < a[1] || b[1] > a[3])
            continue;
        for (int k = -1; k <= 1; k++)
            if (!(b[2] + 360 * k < a[0] || b[0] + 360 * k > a[2]))
                return true;
    }
    return false;
}

/* The credit line for a map of bbox at 1:denominator: the manifest's
 * "attribution_parts" of the layers that have something there, or its
 * whole "attribution" when it has no parts and any layer draws. NULL when
 * nothing of the basemap is drawn. Written into buf. */
const char *im_basemap_credits(const im_basemap *bm, const double bbox[4], double denominator,
                               char *buf, size_t size)
{
    if (!bm || size == 0)
        return NULL;
    buf[0] = '\0';
    bool any = false;
    size_t len = 0;
    for (size_t i = 0; i < bm->n_layers; i++) {
        const bm_layer *L = &bm->layers[i];
        if (L->user || !layer_drawn(L, bbox, denominator))
            continue;
        any = true;
        for (size_t c = 0; c < bm->n_credits; c++) {
            if (strcmp(bm->credit_layer[c], L->name) != 0 || strstr(buf, bm->credit_text[c]))
                continue;
            int n = snprintf(buf + len, size - len, "%s%s", len ? "; " : "",
                             bm->credit_text[c]);
            if (n > 0 && (size_t)n < size - len)
                len += (size_t)n;
        }
    }
    if (!any)
        return NULL;
    if (bm->n_credits == 0) {
        if (!bm->attribution)
            return NULL;
        snprintf(buf, size, "%s", bm->attribution);
    }
    if (!buf[0])
        return NULL;
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

/* Open a basemap for a view: only what the frame (widened) shows at its
 * scale is read. */
im_status im_basemap_open_area(im_context *ctx, const char *spec, const double aoi[4],
                               double denominator, im_basemap **out)
{
    return open_area(ctx, spec, aoi, denominator, 1, out);
}

/* A view opened before the page is laid out is the whole page; the frame
 * drawn in the end is smaller (title, legend, credits; a facet panel much
 * smaller), so at a smaller scale. Layers shown down to BM_VIEW_SCALE_SPAN
 * times smaller scales are read as well, so the band the final frame needs
 * is there (im_basemap_holds() tells when it is not). */
im_status im_basemap_open_view(im_context *ctx, const char *spec, const im_view *view,
                               im_basemap **out)
{
    double aoi[4];
    view_aoi(view, aoi);
    return open_area(ctx, spec, aoi, view->denominator, BM_VIEW_SCALE_SPAN, out);
}

/* Whether bm, opened for an area and scale, holds everything view draws:
 * its scale in the range read, and its frame with a margin of BM_AOI_HOLD
 * inside the area read. A feature left out of that area lies wholly
 * outside the frame and its margin, so nothing of it shows. Reading the
 * basemap again for view would only add such features (to the layout
 * dump's feature counts, and to Cairo's paths, which can move a few edge
 * pixels by a level or two); it cost the bench's 20-incident map 18 ms, its
 * frame being wider than the page's first guess by less than BM_AOI_WIDEN. */
bool im_basemap_holds(const im_basemap *bm, const im_view *view)
{
    if (!bm)
        return true;
    if (bm->denominator > 0 &&
        !(view->denominator >= bm->denominator * (1 - 1e-9) &&
          view->denominator <= bm->denominator_hi * (1 + 1e-9)))
        return false;
    if (!bm->has_aoi)
        return true;
    double aoi[4]; /* what the frame shows, with the margin */
    frame_area(view, BM_AOI_HOLD, BM_AOI_HOLD, aoi);
    const double *h = bm->aoi;
    if (aoi[1] < h[1] - 1e-9 || aoi[3] > h[3] + 1e-9)
        return false;
    if (h[2] - h[0] >= 360)
        return true;
    /* longitudes: the same span shifted by whole turns */
    for (int k = -1; k <= 1; k++)
        if (aoi[0] + 360 * k >= h[0] - 1e-9 && aoi[2] + 360 * k <= h[2] + 1e-9)
            return true;
    return false;
}

/* The shortest longitude span holding the records' longitudes: *w..*e with
 * *e past 180 when it crosses the antimeridian (the largest gap between
 * neighbouring longitudes is left out). */
void im_lon_span(const im_incidents *set, const size_t *idx, size_t n, double *w, double *e)
{
    double *lon = im_malloc_array(n ? n : 1, sizeof(double));
    if (!lon || n < 2) {
        free(lon);
        return;
    }
    for (size_t k = 0; k < n; k++)
        lon[k] = set->recs[idx ? idx[k] : k].lon;
    qsort(lon, n, sizeof(double), cmp_double);
    double gap = lon[0] + 360 - lon[n - 1]; /* the gap across 180 */
    size_t at = n;
    for (size_t k = 0; k + 1 < n; k++)
        if (lon[k + 1] - lon[k] > gap) {
            gap = lon[k + 1] - lon[k];
            at = k;
        }
    if (at < n) { /* the largest gap is inside: the span wraps */
        *w = lon[at + 1];
        *e = lon[at] + 360;
    }
    free(lon);
}
