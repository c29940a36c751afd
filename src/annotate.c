/* annotate.c - a user's text callouts at coordinates (--annotate FILE).
 *
 * The file is CSV (RFC 4180, read with libcsv) whose header names the
 * columns lon, lat and text, and optionally priority (an integer, default
 * 0; higher is placed first and kept when room runs out), in any order;
 * other columns are ignored with a warning. Each row is one callout: a dot
 * at the point, a leader and a box with the text (wrapped), placed like the
 * --highlight callouts (highlight.c) in the collision index, so it covers
 * no marker, label, furniture or other callout. A bad file fails the render
 * before any output is created, with file:line:column and the column's
 * name. */
#include "layout.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
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
            double v;
            double lim = c == COL_LON ? 180 : 90;
            if (!number(f, &v))
                return bad(r, (size_t)k, col_names[c], ": not a number");
            if (fabs(v) > lim)
                return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:%zu: %s: %g is outside -%g..%g",
                               r->name, r->fpos[k][0], r->fpos[k][1], col_names[c], v, lim, lim);
            *(c == COL_LON ? &a.lon : &a.lat) = v;
        } else if (c == COL_PRIORITY) {
            double v = 0;
            if (*f && (!number(f, &v) || v != floor(v) || fabs(v) > 1e6))
                return bad(r, (size_t)k, "priority", ": not a whole number (-1000000..1000000)");
            a.priority = (long)v;
        } else {
            size_t chars = 0, i = 0, n = strlen(f);
            while (i < n) {
                uint32_t cp;
                size_t len = im_utf8_decode((const unsigned char *)f + i, n - i, &cp);
                if (!len)
                    return bad(r, (size_t)k, "text", ": not UTF-8 text");
                i += len;
                chars++;
            }
            if (chars > MAX_TEXT_CHARS)
                return im_fail(r->ctx, IM_ERR_DATA, "%s:%zu:%zu: text: %zu characters, over "
                               "the limit of %d", r->name, r->fpos[k][0], r->fpos[k][1], chars,
                               MAX_TEXT_CHARS);
            const char *s = f;
            while (*s == ' ')
                s++;
            if (!*s)
                return bad(r, (size_t)k, "text", ": empty");
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

im_status im_annotations_load(im_context *ctx, const char *path, im_annotations **out)
{
    *out = NULL;
    char *data = NULL;
    size_t size = 0;
    im_status st = im_read_file(ctx, path, &data, &size);
    if (st != IM_OK)
        return st;
    reader r;
    memset(&r, 0, sizeof r);
    r.ctx = ctx;
    r.name = path;
    r.data = data;
    r.line = 1;
    r.at_field_start = true;
    im_annotations *a = calloc(1, sizeof *a);
    if (!a || !(a->v = calloc(MAX_ANNOTATIONS, sizeof *a->v))) {
        free(a);
        free(data);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    r.out = a;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(data);
        im_annotations_free(a);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
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
    free(data);
    if (r.st == IM_OK && !r.have_header)
        r.st = im_fail(ctx, IM_ERR_DATA, "%s:1:1: empty: an annotation file's header is "
                       "lon,lat,text[,priority]", path);
    if (r.st != IM_OK) {
        im_annotations_free(a);
        return r.st;
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
