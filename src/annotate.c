/* annotate.c - a user's text callouts at coordinates (--annotate FILE).
 *
 * The file is CSV (RFC 4180, read with libcsv) whose header names the
 * columns lon, lat and text, and optionally priority (an integer, default
 * 0; higher is placed first and kept when room runs out), in any order;
 * other columns are ignored with a warning. Or it is a GeoJSON
 * FeatureCollection of Point features whose properties give the text (as
 * "text", "label" or "name", the first present) and optionally "priority",
 * walked with the incident readers' JSON walker (json_walk.c), so errors
 * carry the file's line and column and the feature's index. Which one is
 * told as for incident files (im_sniff_format). Each callout is: a dot
 * at the point, a leader and a box with the text (wrapped), placed like the
 * --highlight callouts (highlight.c) in the collision index, so it covers
 * no marker, label, furniture or other callout. A bad file fails the render
 * before any output is created, with file:line:column and the column's
 * name. */
#include "layout.h"

#include <csv.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define MAX_ANNOTATIONS 200
#define MAX_TEXT_CHARS 300

typedef struct im_annotation {
    double lon, lat;
    long priority;
    size_t order;  /* row order, for a stable sort */
    char *text;    /* owned, cleaned UTF-8 */
} im_annotation;

struct im_annotations {
    im_annotation *v;
    size_t n;
};

enum { COL_LON, COL_LAT, COL_TEXT, COL_PRIORITY, COL_COUNT };
static const char *const col_names[COL_COUNT] = {"lon", "lat", "text", "priority"};

typedef struct reader {
    im_context *ctx;
    const char *name;
    const char *data;
    size_t pos;             /* the byte being fed */
    size_t line, line_start;/* of the byte being fed */
    size_t fline, fcol;     /* where the current field starts */
    bool at_field_start;
    /* the current row */
    char *fields[16];
    size_t fpos[16][2];     /* line, column of each field */
    size_t nf;
    bool too_many;
    /* the header */
    bool have_header;
    int col[COL_COUNT];
    size_t n_cols;
    im_annotations *out;
    im_status st;
} reader;

static void row_clear(reader *r)
{
    for (size_t i = 0; i < r->nf; i++)
        free(r->fields[i]);
    r->nf = 0;
    r->too_many = false;
}

static void on_field(void *s, size_t len, void *user)
{
    reader *r = user;
    if (r->nf >= sizeof r->fields / sizeof r->fields[0]) {
        r->too_many = true;
    } else {
        char *f = malloc(len + 1);
        if (!f) {
            if (r->st == IM_OK)
                r->st = im_fail(r->ctx, IM_ERR_NOMEM, "out of memory");
        } else {
            memcpy(f, s, len);
            f[len] = 0;
            r->fpos[r->nf][0] = r->fline;
            r->fpos[r->nf][1] = r->fcol;
            r->fields[r->nf++] = f;
        }
    }
    r->at_field_start = true; /* the next field starts after this byte */
}

/* IM_ERR_DATA: file:line:column of field k, the column's name, what. */
static im_status bad(reader *r, size_t k, const char *column, const char *what)
{
    if ((int)k == r->col[COL_TEXT]) /* maybe not UTF-8: not quoted back */
        return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:%zu: %s%s", r->name, r->fpos[k][0],
                       r->fpos[k][1], column, what);
    return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:%zu: %s%s (\"%.40s\")", r->name, r->fpos[k][0],
                   r->fpos[k][1], column, what, r->fields[k]);
}

/* A field's value as a finite number: true and *v. */
static bool number(const char *s, double *v)
{
    while (*s == ' ')
        s++;
    if (!*s)
        return false;
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    while (*end == ' ')
        end++;
    return !*end && errno == 0 && isfinite(*v);
}

/* Whether a longitude (c COL_LON) or latitude is in range; *lim the range. */
static bool coord_ok(int c, double v, double *lim)
{
    *lim = c == COL_LON ? 180 : 90;
    return fabs(v) <= *lim;
}

/* What is wrong with a callout's text (NULL: nothing; too_long: over
 * MAX_TEXT_CHARS, *chars long): the same rules for CSV and GeoJSON. */
static const char too_long[] = ": too long";
static const char *text_problem(const char *f, size_t *chars)
{
    size_t i = 0, n = strlen(f);
    *chars = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = im_utf8_decode((const unsigned char *)f + i, n - i, &cp);
        if (!len)
            return ": not UTF-8 text";
        i += len;
        (*chars)++;
    }
    if (*chars > MAX_TEXT_CHARS)
        return too_long;
    while (*f == ' ')
        f++;
    return *f ? NULL : ": empty";
}

/* A priority: a whole number of -1000000..1000000. */
static bool priority_ok(double v)
{
    return v == floor(v) && fabs(v) <= 1e6;
}

static im_status header(reader *r)
{
    for (int c = 0; c < COL_COUNT; c++)
        r->col[c] = -1;
    for (size_t i = 0; i < r->nf; i++) {
        const char *h = r->fields[i];
        if (i == 0 && strncmp(h, "\xEF\xBB\xBF", 3) == 0)
            h += 3; /* a UTF-8 byte order mark */
        int c = 0;
        while (c < COL_COUNT && strcasecmp(h, col_names[c]) != 0)
            c++;
        if (c == COL_COUNT) {
            im_log(r->ctx, IM_LOG_WARNING, "%s:%zu:%zu: column \"%.60s\" is not read (an "
                   "annotation file has lon, lat, text and priority)", r->name, r->fpos[i][0],
                   r->fpos[i][1], h);
            continue;
        }
        if (r->col[c] >= 0)
            return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:%zu: the header names the column "
                           "\"%s\" twice", r->name, r->fpos[i][0], r->fpos[i][1], col_names[c]);
        r->col[c] = (int)i;
    }
    for (int c = 0; c < COL_PRIORITY; c++)
        if (r->col[c] < 0)
            return im_fail(r->ctx, IM_ERR_DATA, "%s:1:1: the header has no column \"%s\" (an "
                           "annotation file's header is lon,lat,text[,priority])", r->name,
                           col_names[c]);
    r->n_cols = r->nf;
    r->have_header = true;
    return IM_OK;
}

static im_status record(reader *r)
{
    size_t line = r->fpos[0][0];
    if (r->too_many || r->nf != r->n_cols)
        return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:1: %s%zu fields, but the header has %zu "
                       "(a missing or extra comma, or an unquoted comma in the text?)", r->name,
                       line, r->too_many ? "more than " : "", r->nf, r->n_cols);
    if (r->out->n >= MAX_ANNOTATIONS)
        return im_fail(r->ctx, IM_ERR_LIMIT, "%s:%zu:1: more than %d annotations", r->name, line,
                       MAX_ANNOTATIONS);
    im_annotation a = {0, 0, 0, r->out->n, NULL};
    /* the text last: the only allocation, so an error never leaves it */
    static const int order[COL_COUNT] = {COL_LON, COL_LAT, COL_PRIORITY, COL_TEXT};
    for (int o = 0; o < COL_COUNT; o++) {
        int c = order[o], k = r->col[c];
        if (k < 0)
            continue;
        const char *f = r->fields[k];
        if (c == COL_LON || c == COL_LAT) {
            double v, lim;
            if (!number(f, &v))
                return bad(r, (size_t)k, col_names[c], ": not a number");
            if (!coord_ok(c, v, &lim))
                return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:%zu: %s: %g is outside -%g..%g",
                               r->name, r->fpos[k][0], r->fpos[k][1], col_names[c], v, lim, lim);
            *(c == COL_LON ? &a.lon : &a.lat) = v;
        } else if (c == COL_PRIORITY) {
            double v = 0;
            if (*f && (!number(f, &v) || !priority_ok(v)))
                return bad(r, (size_t)k, "priority", ": not a whole number (-1000000..1000000)");
            a.priority = (long)v;
        } else {
            size_t chars;
            const char *why = text_problem(f, &chars);
            if (why == too_long)
                return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:%zu: text: %zu characters, over "
                               "the limit of %d", r->name, r->fpos[k][0], r->fpos[k][1], chars,
                               MAX_TEXT_CHARS);
            if (why)
                return bad(r, (size_t)k, "text", why);
            const char *s = f;
            while (*s == ' ')
                s++;
            if (!(a.text = im_text_clean(s)))
                return im_fail(r->ctx, IM_ERR_NOMEM, "out of memory");
        }
    }
    r->out->v[r->out->n++] = a;
    return IM_OK;
}

static void on_row(int c, void *user)
{
    (void)c;
    reader *r = user;
    if (r->st == IM_OK && r->nf > 0) {
        /* a row of one empty field is a blank line */
        if (!(r->nf == 1 && !r->fields[0][0]))
            r->st = r->have_header ? record(r) : header(r);
    }
    row_clear(r);
    r->at_field_start = true;
}

/* The CSV form: fills a from data. */
static im_status load_csv(im_context *ctx, const char *path, const char *data, size_t size,
                          im_annotations *a)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.name = path;
    r.data = data;
    r.line = 1;
    r.at_field_start = true;
    r.out = a;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    /* Fed a byte at a time (the file is small), so every field's line and
     * column is known: a field starts at the first byte after the one that
     * ended the previous field, line breaks between rows aside. */
    for (r.pos = 0; r.pos < size && r.st == IM_OK; r.pos++) {
        char ch = data[r.pos];
        if (r.at_field_start && !(ch == '\n' || ch == '\r')) {
            r.fline = r.line;
            r.fcol = r.pos - r.line_start + 1;
            r.at_field_start = false;
        }
        if (csv_parse(&p, data + r.pos, 1, on_field, on_row, &r) != 1 && r.st == IM_OK)
            r.st = im_fail(ctx, IM_ERR_SYNTAX, "%s:%zu:%zu: %s", r.name, r.line,
                           r.pos - r.line_start + 1,
                           csv_error(&p) == CSV_EPARSE ? "malformed CSV (a quote inside an "
                           "unquoted field, or text after a closing quote)"
                                                       : csv_strerror(csv_error(&p)));
        if (ch == '\n') {
            r.line++;
            r.line_start = r.pos + 1;
        }
    }
    if (r.st == IM_OK && csv_fini(&p, on_field, on_row, &r) != 0 && r.st == IM_OK)
        r.st = im_fail(ctx, IM_ERR_SYNTAX, "%s:%zu:%zu: a quoted field is not closed", r.name,
                       r.fline, r.fcol);
    csv_free(&p);
    row_clear(&r);
    if (r.st == IM_OK && !r.have_header)
        r.st = im_fail(ctx, IM_ERR_DATA, "%s:1:1: empty: an annotation file's header is "
                       "lon,lat,text[,priority]", path);
    return r.st;
}

/* ---- the GeoJSON form ---------------------------------------------------- */

typedef struct gj_reader {
    im_annotations *out;
    char type[32];      /* the top-level "type" */
    bool features_seen;
} gj_reader;

/* IM_ERR_DATA for feature index: "file:line:col: features[i]: detail", at
 * the member detail names ("properties.text", "geometry.coordinates") when
 * the walker finds it, else at the feature. */
static im_status gj_bad(im_jw *w, size_t index, const char *member, const char *fmt, ...)
    IM_PRINTF(4, 5);
static im_status gj_bad(im_jw *w, size_t index, const char *member, const char *fmt, ...)
{
    char what[256], detail[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(detail, sizeof detail, "%s: ", member ? member : "");
    size_t line = 0, col = 0;
    im_load *ld = w->ld;
    if (!(ld->where && ld->where(ld->where_arg, index, member ? detail : "", &line, &col)))
        line = col = 0;
    char at[48] = "";
    if (line)
        snprintf(at, sizeof at, "%zu:%zu:", line, col);
    return im_fail(ld->ctx, IM_ERR_DATA, "%s:%s features[%zu]: %s%s%s", ld->name, at, index,
                   member ? member : "", member ? ": " : "", what);
}

static im_status gj_feature(im_jw *w, size_t index, json_t *v, void *user)
{
    gj_reader *g = user;
    im_context *ctx = w->ld->ctx;
    if (!json_is_object(v))
        return gj_bad(w, index, NULL, "must be a Feature object, not %s", im_json_type_name(v));
    if (!im_jw_depth_ok(w, v, 2, ctx->limits.max_depth))
        return gj_bad(w, index, NULL, "nested deeper than the limit of %u levels",
                      (unsigned)ctx->limits.max_depth);
    json_t *type = json_object_get(v, "type");
    if (!json_is_string(type) || strcmp(json_string_value(type), "Feature") != 0)
        return gj_bad(w, index, "type", "must be \"Feature\"");
    if (g->out->n >= MAX_ANNOTATIONS)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: features[%zu]: more than %d annotations",
                       w->ld->name, index, MAX_ANNOTATIONS);
    /* The point. */
    json_t *geom = json_object_get(v, "geometry");
    if (!json_is_object(geom))
        return gj_bad(w, index, "geometry", "%s; an annotation is a Point",
                      geom && !json_is_null(geom) ? "must be an object" : "missing");
    json_t *gt = json_object_get(geom, "type");
    if (!json_is_string(gt) || strcmp(json_string_value(gt), "Point") != 0)
        return gj_bad(w, index, "geometry.type", "\"%.40s\" is not a Point",
                      json_is_string(gt) ? json_string_value(gt) : "");
    json_t *pos = json_object_get(geom, "coordinates");
    json_t *x = json_array_get(pos, 0), *y = json_array_get(pos, 1);
    if (!json_is_array(pos) || !json_is_number(x) || !json_is_number(y))
        return gj_bad(w, index, "geometry.coordinates", "must be a position [lon, lat]");
    im_annotation a = {json_number_value(x), json_number_value(y), 0, g->out->n, NULL};
    double lim;
    if (!coord_ok(COL_LON, a.lon, &lim))
        return gj_bad(w, index, "geometry.coordinates", "lon: %g is outside -%g..%g", a.lon,
                      lim, lim);
    if (!coord_ok(COL_LAT, a.lat, &lim))
        return gj_bad(w, index, "geometry.coordinates", "lat: %g is outside -%g..%g", a.lat,
                      lim, lim);
    /* The text and the priority. */
    json_t *props = json_object_get(v, "properties");
    if (!json_is_object(props))
        return gj_bad(w, index, "properties", "%s; an annotation's text is its \"text\", "
                      "\"label\" or \"name\" property", props && !json_is_null(props)
                          ? "must be an object" : "missing");
    static const char *const text_keys[] = {"text", "label", "name"};
    const char *key = NULL;
    json_t *t = NULL;
    for (size_t k = 0; k < sizeof text_keys / sizeof text_keys[0] && !key; k++)
        if ((t = json_object_get(props, text_keys[k])) && !json_is_null(t))
            key = text_keys[k];
    char member[32];
    if (!key)
        return gj_bad(w, index, "properties", "no \"text\", \"label\" or \"name\" property "
                      "(the annotation's text)");
    snprintf(member, sizeof member, "properties.%s", key);
    if (!json_is_string(t))
        return gj_bad(w, index, member, "must be a string, not %s", im_json_type_name(t));
    json_t *pr = json_object_get(props, "priority");
    if (pr && !json_is_null(pr)) {
        if (!json_is_number(pr) || !priority_ok(json_number_value(pr)))
            return gj_bad(w, index, "properties.priority", "not a whole number "
                          "(-1000000..1000000)");
        a.priority = (long)json_number_value(pr);
    }
    size_t chars;
    const char *why = text_problem(json_string_value(t), &chars);
    if (why == too_long)
        return gj_bad(w, index, member, "%zu characters, over the limit of %d", chars,
                      MAX_TEXT_CHARS);
    if (why)
        return gj_bad(w, index, member, "%s", why + 2);
    const char *s = json_string_value(t);
    while (*s == ' ')
        s++;
    if (!(a.text = im_text_clean(s)))
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    g->out->v[g->out->n++] = a;
    return IM_OK;
}

static im_status gj_member(im_jw *w, const char *name, void *user)
{
    gj_reader *g = user;
    if (strcmp(name, "features") == 0) {
        if (g->features_seen)
            return im_jw_syntax(w, w->pos, "duplicate member \"features\"");
        g->features_seen = true;
        if (w->pos < w->size && w->data[w->pos] == '[')
            return im_jw_array(w, "features", "a feature", gj_feature, g);
        return im_jw_syntax(w, w->pos, "\"features\" must be an array of Point features");
    }
    if (strcmp(name, "type") != 0)
        return im_jw_skip_member(w, name);
    json_t *v = NULL;
    im_status st = im_jw_decode(w, &v);
    if (st != IM_OK)
        return st;
    snprintf(g->type, sizeof g->type, "%s", json_is_string(v) ? json_string_value(v) : "?");
    json_decref(v);
    return IM_OK;
}

static im_status load_geojson(im_context *ctx, const char *path, const char *data, size_t size,
                              im_annotations *a)
{
    im_load ld;
    memset(&ld, 0, sizeof ld);
    ld.ctx = ctx;
    ld.name = path;
    ld.what = "features";
    gj_reader g;
    memset(&g, 0, sizeof g);
    g.out = a;
    im_jw w;
    im_jw_init(&w, &ld, data, size);
    im_jw_skip_ws(&w);
    if (w.pos >= w.size || w.data[w.pos] != '{')
        return im_jw_syntax(&w, w.pos, w.pos >= w.size ? "the file is empty; expected a GeoJSON "
                            "FeatureCollection of Point features"
                            : "expected a GeoJSON FeatureCollection of Point features (or a "
                              "CSV with the header lon,lat,text[,priority])");
    im_status st = im_jw_object(&w, gj_member, &g);
    if (st == IM_OK)
        st = im_jw_end(&w);
    if (st == IM_OK && strcmp(g.type, "FeatureCollection") == 0 && !g.features_seen)
        st = im_fail(ctx, IM_ERR_DATA, "%s: the FeatureCollection has no \"features\" array",
                     path);
    if (st == IM_OK && strcmp(g.type, "FeatureCollection") != 0)
        st = im_fail(ctx, IM_ERR_DATA, "%s:1:1: %s%.40s%s; an annotation file is a GeoJSON "
                     "FeatureCollection of Point features (or a CSV of lon,lat,text[,priority])",
                     path, g.type[0] ? "type is \"" : "no \"type\" member",
                     g.type, g.type[0] ? "\"" : "");
    return st;
}

im_status im_annotations_load(im_context *ctx, const char *path, im_annotations **out)
{
    *out = NULL;
    char *data = NULL;
    size_t size = 0;
    im_status st = im_read_file(ctx, path, &data, &size);
    if (st != IM_OK)
        return st;
    im_annotations *a = calloc(1, sizeof *a);
    if (!a || !(a->v = calloc(MAX_ANNOTATIONS, sizeof *a->v))) {
        free(a);
        free(data);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    /* CSV or GeoJSON, told as an incident file is. */
    char delim = ',';
    const char *kind = NULL, *ext = NULL;
    im_input_format f = im_sniff_format(path, data, size, &delim, &kind, &ext);
    if (f == IM_INPUT_GEOJSON || f == IM_INPUT_JSON)
        st = load_geojson(ctx, path, data, size, a);
    else if (f == IM_INPUT_CSV && delim == ',')
        st = load_csv(ctx, path, data, size, a);
    else
        st = im_fail(ctx, IM_ERR_DATA, "%s: %s%s; an annotation file is a CSV of "
                     "lon,lat,text[,priority] or a GeoJSON FeatureCollection of Point features",
                     path, kind ? "a " : "not CSV or GeoJSON", kind ? kind : "");
    free(data);
    if (st != IM_OK) {
        im_annotations_free(a);
        return st;
    }
    *out = a;
    return IM_OK;
}

void im_annotations_free(im_annotations *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        free(a->v[i].text);
    free(a->v);
    free(a);
}

static int by_priority(const void *pa, const void *pb)
{
    const im_annotation *a = *(const im_annotation *const *)pa;
    const im_annotation *b = *(const im_annotation *const *)pb;
    if (a->priority != b->priority)
        return a->priority > b->priority ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

im_status im_annotate_draw(im_scene *sc, const im_annotations *an)
{
    if (!an || !an->n)
        return IM_OK;
    const im_view *v = sc->view;
    const im_style *sty = sc->st;
    double pt = v->pt;
    cairo_t *cr = sc->cr;
    const im_annotation *order[MAX_ANNOTATIONS];
    double xs[MAX_ANNOTATIONS], ys[MAX_ANNOTATIONS];
    size_t n = an->n;
    for (size_t i = 0; i < n; i++)
        order[i] = &an->v[i];
    qsort(order, n, sizeof order[0], by_priority);
    for (size_t i = 0; i < n; i++) {
        xs[i] = order[i]->lon;
        ys[i] = order[i]->lat;
    }
    im_status st = im_view_project(sc->ctx, v, xs, sizeof xs[0], ys, sizeof ys[0], n);
    if (st != IM_OK)
        return st;
    double dot = 2.2 * pt;
    /* Every dot first, so that no callout covers another's point. */
    bool inside[MAX_ANNOTATIONS];
    for (size_t i = 0; i < n; i++) {
        inside[i] = xs[i] != HUGE_VAL && xs[i] >= v->fx && xs[i] <= v->fx + v->fw &&
                    ys[i] >= v->fy && ys[i] <= v->fy + v->fh;
        if (!inside[i]) {
            if (sc->opts->facet == IM_FACET_NONE)
                im_log(sc->ctx, IM_LOG_WARNING, "--annotate: \"%.40s\" at %g,%g is outside the "
                       "map", order[i]->text, order[i]->lon, order[i]->lat);
            continue;
        }
        im_box b = {xs[i] - dot, ys[i] - dot, xs[i] + dot, ys[i] + dot};
        if (im_boxes_add(&sc->occupied, b) != IM_OK)
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    }
    im_text_style ts = {NULL, sty->body_size, false, false, {0.1, 0.1, 0.1, 1}, 0, {0, 0, 0, 0},
                        150 * pt};
    im_rgba ink = ts.color, casing = {1, 1, 1, 1};
    im_theme_text(&sty->theme, &ink, &casing);
    for (size_t i = 0; i < n; i++) {
        if (!inside[i])
            continue;
        const char *text = order[i]->text;
        double w, h, pad = 3 * pt;
        if (!im_text_measure(cr, v, sty, &ts, text, &w, &h))
            continue;
        double bw = w + 2 * pad, bh = h + 2 * pad, ax, ay;
        im_box box;
        if (!im_callout_place(sc, xs[i], ys[i], dot, bw, bh, &box, &ax, &ay)) {
            im_log(sc->ctx, IM_LOG_WARNING, "--annotate: no room for \"%.40s\" (left out; a "
                   "higher priority places it first)", text);
            continue;
        }
        if (im_boxes_add(&sc->occupied, box) != IM_OK ||
            im_layout_add(sc->lay, IM_ITEM_ANNOTATION, box, text, xs[i], ys[i], true) != IM_OK)
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        im_callout_frame(sc, xs[i], ys[i], dot, ax, ay, box);
        /* the dot: ink with a casing, over the leader's end */
        cairo_save(cr);
        cairo_new_path(cr);
        cairo_arc(cr, xs[i], ys[i], dot - 0.5 * pt, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, ink.r, ink.g, ink.b);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, casing.r, casing.g, casing.b);
        cairo_set_line_width(cr, 1 * pt);
        cairo_stroke(cr);
        cairo_restore(cr);
        im_text_draw(cr, v, sty, &ts, text, box.x0 + pad, box.y0 + pad);
    }
    return IM_OK;
}
