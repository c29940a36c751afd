/*
 * names.c - names of countries, seas, lakes and rivers on the map.
 *
 * The basemap's "names" layer (names.geojson, written by the basemap
 * build) holds, for every country and sea, candidate anchor points inside
 * it with their distance to its edge; for lakes the pole of inaccessibility;
 * for rivers the chords of straight-ish stretches. At draw time the names
 * are placed where they fit the visible part of their feature, into the
 * same collision boxes as every other label, so they never cover a marker,
 * a site or place label, the furniture or each other:
 *   countries  letter-spaced capitals, muted, centred inside the country;
 *   seas       italic, spaced, blue, in open water;
 *   lakes      italic, blue, inside the lake or beside it when it is small;
 *   rivers     italic, blue, along a straight stretch, English above the
 *              line and Arabic below it.
 * Names are placed after the place labels, so they give way to places.
 */
#include "im_private.h"

#include <glib.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NM_PI 3.14159265358979323846
#define NM_MAX_FEATURES 4096   /* features read from the layer */
#define NM_MAX_CANDS 4096      /* candidates per feature */
#define NM_PAD_PT 2.0          /* around a name's box in the collision test */
#define NM_EDGE_PT 4.0         /* between a name and the frame's edge */
#define NM_SECOND_SCALE 0.9    /* the Arabic line, relative to the first */
#define NM_REPEAT_SHARE 0.35   /* the same name no nearer than this share of the frame */
#define NM_RIVER_GAP_PT 1.2    /* between a river's line and its name */
#define NM_RIVER_MAX_TILT 1.2  /* radians; steeper stretches are not used */

/* Text sizes (points) and colours of the kinds; NM_INSET scales them. */
#define NM_COUNTRY_PT 9.5
#define NM_SEA_PT 8.5
#define NM_LAKE_PT 6.8
#define NM_RIVER_PT 6.8
#define NM_INSET_SCALE 0.62

static const im_rgba nm_country_ink = {0.40, 0.35, 0.43, 1};
static const im_rgba nm_water_ink = {0.16, 0.38, 0.60, 1};
static const im_rgba nm_land_halo = {0.97, 0.96, 0.94, 0.75};
static const im_rgba nm_water_halo = {0.82, 0.89, 0.95, 0.8};

typedef enum nm_kind { NM_COUNTRY, NM_SEA, NM_RIVER, NM_LAKE, NM_N_KINDS } nm_kind;

static const char *const nm_kind_names[NM_N_KINDS] = {"country", "sea", "river", "lake"};

/* Letter-spaced capitals ("IRAQ" -> "I R A Q" with thin spaces; a word
 * space becomes an em space): written with spaces so that the text goes
 * through the one text path of the map (text.c) and reads the same in
 * PNG, SVG and PDF. caps upper-cases first. Returns a new string (g_free). */
static char *tracked(const char *s, const char *gap, bool caps)
{
    char *up = caps ? g_utf8_strup(s, -1) : g_strdup(s);
    GString *out = g_string_new(NULL);
    for (const char *p = up; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == ' ') {
            g_string_append(out, "\u2003");
            continue;
        }
        if (p != up && g_utf8_get_char(g_utf8_prev_char(p)) != ' ')
            g_string_append(out, gap);
        g_string_append_unichar(out, c);
    }
    g_free(up);
    return g_string_free(out, FALSE);
}

typedef struct nm_text {
    char *line[2];        /* owned (g_free); line[1] may be NULL */
    im_text_style ts[2];
    double w[2], h[2], W, H;
} nm_text;

static void nm_text_clear(nm_text *t)
{
    g_free(t->line[0]);
    g_free(t->line[1]);
    memset(t, 0, sizeof *t);
}

/* The lines of a name for the label mode, styled and measured. False when
 * there is nothing to write. */
static bool nm_text_make(nm_text *t, cairo_t *cr, const im_view *view, const im_style *st,
                         nm_kind kind, const char *en, const char *ar, im_label_mode mode,
                         double scale)
{
    memset(t, 0, sizeof *t);
    if (en && !*en)
        en = NULL;
    if (ar && !*ar)
        ar = NULL;
    const char *l1 = NULL, *l2 = NULL;
    if (mode == IM_LABELS_EN || (scale < 1 && mode != IM_LABELS_AR)) {
        l1 = en; /* the inset has room for one line: English, unless --labels ar */
    } else if (mode == IM_LABELS_AR) {
        l1 = ar ? ar : en;
    } else if (mode == IM_LABELS_BOTH) {
        l1 = en ? en : ar;
        l2 = en && ar ? ar : NULL;
    }
    if (!l1)
        return false;
    static const double size[NM_N_KINDS] = {NM_COUNTRY_PT, NM_SEA_PT, NM_RIVER_PT, NM_LAKE_PT};
    for (int j = 0; j < 2; j++) {
        const char *src = j == 0 ? l1 : l2;
        if (!src)
            continue;
        bool latin = src == en;
        if (latin && kind == NM_COUNTRY)
            t->line[j] = tracked(src, "\u2009", true);
        else if (latin && kind == NM_SEA)
            t->line[j] = tracked(src, "\u200a", false);
        else
            t->line[j] = g_strdup(src);
        im_text_style *ts = &t->ts[j];
        ts->size_pt = size[kind] * scale * (j == 1 ? NM_SECOND_SCALE : 1);
        ts->italic = kind != NM_COUNTRY;
        ts->color = kind == NM_COUNTRY ? nm_country_ink : nm_water_ink;
        ts->halo = kind == NM_COUNTRY || kind == NM_RIVER ? nm_land_halo : nm_water_halo;
        ts->halo_pt = kind == NM_COUNTRY ? 1.0 : 0.8;
        if (!im_text_measure(cr, view, st, ts, t->line[j], &t->w[j], &t->h[j])) {
            g_free(t->line[j]);
            t->line[j] = NULL;
            t->w[j] = t->h[j] = 0;
        }
    }
    if (!t->line[0]) {
        nm_text_clear(t);
        return false;
    }
    t->W = fmax(t->w[0], t->w[1]);
    t->H = t->h[0] + t->h[1];
    return true;
}

/* Draw the lines centred on (cx, cy), rotated by angle; with rotation the
 * first line sits above the baseline through (cx, cy), the second below
 * (a river's line runs between them). */
static void nm_text_draw(cairo_t *cr, const im_view *view, const im_style *st, const nm_text *t,
                         double cx, double cy, double angle, double gap)
{
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    if (angle != 0)
        cairo_rotate(cr, angle);
    double y = gap > 0 ? -gap - t->h[0] : -t->H / 2;
    for (int j = 0; j < 2; j++) {
        if (!t->line[j])
            continue;
        im_text_draw(cr, view, st, &t->ts[j], t->line[j], -t->w[j] / 2, y);
        y += t->h[j] + (gap > 0 && j == 0 ? 2 * gap : 0);
    }
    cairo_restore(cr);
}

/* Boxes covering a rectangle [-W/2, W/2] x [y0, y1] rotated by angle about
 * (cx, cy): one axis-aligned box per square piece along its length, so a
 * slanted name takes little more room than its own. n_out <= max. */
static size_t nm_boxes_rotated(double cx, double cy, double angle, double W, double y0, double y1,
                               double pad, im_box *out, size_t max)
{
    double h = y1 - y0;
    size_t n = (size_t)ceil(W / fmax(h, 1e-6));
    if (n < 1)
        n = 1;
    if (n > max)
        n = max;
    double c = cos(angle), s = sin(angle), step = W / (double)n;
    for (size_t i = 0; i < n; i++) {
        double x0 = -W / 2 + step * (double)i, x1 = x0 + step;
        double xs[4] = {x0, x1, x1, x0}, ys[4] = {y0, y0, y1, y1};
        im_box b = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
        for (int k = 0; k < 4; k++) {
            double X = cx + xs[k] * c - ys[k] * s, Y = cy + xs[k] * s + ys[k] * c;
            b.x0 = fmin(b.x0, X - pad);
            b.y0 = fmin(b.y0, Y - pad);
            b.x1 = fmax(b.x1, X + pad);
            b.y1 = fmax(b.y1, Y + pad);
        }
        /* Neighbouring pieces' boxes would overlap; each is cut back to
         * where the previous one ends along the name's main direction, so
         * the boxes tile (their padding covers the corners). */
        if (i > 0) {
            const im_box *p = &out[i - 1];
            if (fabs(c) >= fabs(s)) {
                if (c > 0)
                    b.x0 = fmax(b.x0, p->x1);
                else
                    b.x1 = fmin(b.x1, p->x0);
            } else if (s > 0) {
                b.y0 = fmax(b.y0, p->y1);
            } else {
                b.y1 = fmin(b.y1, p->y0);
            }
        }
        out[i] = b;
    }
    return n;
}

static bool nm_inside_frame(const im_view *v, im_box b, double margin)
{
    return b.x0 >= v->fx + margin && b.y0 >= v->fy + margin && b.x1 <= v->fx + v->fw - margin &&
           b.y1 <= v->fy + v->fh - margin;
}

static bool nm_any_hit(const im_boxes *occ, const im_box *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (im_boxes_hit(occ, b[i]))
            return true;
    return false;
}

static im_status nm_add_all(im_context *ctx, im_boxes *occ, const im_box *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (im_boxes_add(occ, b[i]) != IM_OK)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory (names)");
    return IM_OK;
}

static im_status nm_record(im_context *ctx, im_name_labels *out, nm_kind kind, const char *name,
                           double x, double y, double angle, im_box box)
{
    if (!out)
        return IM_OK;
    if (out->n == out->cap) {
        size_t cap = out->cap ? 2 * out->cap : 16;
        im_name_label *v = im_realloc_array(out->v, cap, sizeof *v);
        if (!v)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory (names)");
        out->v = v;
        out->cap = cap;
    }
    im_name_label *l = &out->v[out->n++];
    memset(l, 0, sizeof *l);
    l->kind = nm_kind_names[kind];
    snprintf(l->name, sizeof l->name, "%s", name);
    l->x = x;
    l->y = y;
    l->angle = angle;
    l->box = box;
    return IM_OK;
}

typedef struct nm_cand {
    double x, y, r;   /* device position, distance to the feature's edge (device) */
    double hw;        /* room along the parallel, east or west (device); HUGE_VAL: unknown */
    double score;
} nm_cand;

static int nm_cand_cmp(const void *pa, const void *pb)
{
    const nm_cand *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return (a->y > b->y) - (a->y < b->y);
}

/* The anchors of a country, sea or lake that lie inside the frame, best
 * first: *out (caller frees; NULL when there are none) and *n_out. Made
 * before the name's text, so names far off the map cost no measuring. */
static im_status nm_point_cands(im_context *ctx, const im_view *view, json_t *coords,
                                json_t *dist, json_t *across, const double *keep,
                                nm_cand **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    size_t n = json_array_size(coords);
    if (n == 0 || n > NM_MAX_CANDS)
        return IM_OK;
    nm_cand *c = im_malloc_array(n, sizeof *c);
    /* "w" (optional, the world basemap): room along the parallel, east
     * or west, in degrees of longitude; a name must fit it in half. */
    bool has_w = json_array_size(across) == n;
    double *xy = im_malloc_array(n, (has_w ? 8 : 4) * sizeof(double));
    im_status status = IM_OK;
    size_t nc = 0;
    if (!c || !xy) {
        status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (names)");
        goto done;
    }
    /* Each anchor and a point its edge distance north of it, projected
     * together: their distance on the map is the room around the anchor. */
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *p = json_array_get(coords, i);
        double lon = json_number_value(json_array_get(p, 0));
        double lat = json_number_value(json_array_get(p, 1));
        double d = json_number_value(json_array_get(dist, i));
        if (!json_is_array(p) || !(d > 0) || !isfinite(lon) || !isfinite(lat))
            continue;
        if (keep && (lat < keep[1] || lat > keep[3] || lon < keep[0] || lon > keep[2]))
            continue; /* far outside the frame: not projected */
        xy[4 * m] = lon;
        xy[4 * m + 1] = lat;
        xy[4 * m + 2] = lon;
        xy[4 * m + 3] = fmin(lat + d, 89.9);
        if (has_w) { /* after the 4m pairs: the points w east and west */
            double w = json_number_value(json_array_get(across, i));
            double *e = xy + 4 * n + 4 * m;
            e[0] = lon + (w > 0 ? w : 0);
            e[2] = lon - (w > 0 ? w : 0);
            e[1] = e[3] = lat;
        }
        m++;
    }
    if (m == 0)
        goto done;
    if ((status = im_view_project(ctx, view, xy, 2 * sizeof(double), xy + 1, 2 * sizeof(double),
                                  2 * m)) != IM_OK ||
        (has_w && (status = im_view_project(ctx, view, xy + 4 * n, 2 * sizeof(double),
                                            xy + 4 * n + 1, 2 * sizeof(double), 2 * m)) != IM_OK))
        goto done;
    for (size_t i = 0; i < m; i++) {
        double x = xy[4 * i], y = xy[4 * i + 1];
        double r = hypot(xy[4 * i + 2] - x, xy[4 * i + 3] - y);
        if (!isfinite(x) || !isfinite(y) || !isfinite(r))
            continue;
        double hw = HUGE_VAL;
        if (has_w) {
            const double *e = xy + 4 * n + 4 * i;
            hw = fmin(hypot(e[0] - x, e[1] - y), hypot(e[2] - x, e[3] - y));
            if (!isfinite(hw))
                continue;
        }
        /* distance to the frame's edge counts as an edge of the feature */
        double fe = fmin(fmin(x - view->fx, view->fx + view->fw - x),
                         fmin(y - view->fy, view->fy + view->fh - y));
        if (fe <= 0)
            continue;
        c[nc].x = x;
        c[nc].y = y;
        c[nc].r = r;
        c[nc].hw = hw;
        c[nc].score = fmin(r, fe);
        nc++;
    }
    qsort(c, nc, sizeof *c, nm_cand_cmp);
done:
    free(xy);
    if (status != IM_OK || nc == 0) {
        free(c);
        return status;
    }
    *out = c;
    *n_out = nc;
    return IM_OK;
}

/* Whether a name of this kind and text is drawn within dist of (x, y)
 * already: the North and South Atlantic are two features of one name,
 * whose anchors meet at the equator. */
static bool nm_named_near(const im_name_labels *l, nm_kind kind, const char *name, double x,
                          double y, double dist)
{
    for (size_t i = 0; l && name && i < l->n; i++)
        if (l->v[i].kind == nm_kind_names[kind] &&
            strncmp(l->v[i].name, name, sizeof l->v[i].name - 1) == 0 &&
            hypot(l->v[i].x - x, l->v[i].y - y) < dist)
            return true;
    return false;
}

/* Place a country, sea or lake name at the first of its anchors c[0..nc)
 * (from nm_point_cands) where it fits its feature and nothing else. */
static im_status nm_place_point(im_context *ctx, cairo_t *cr, const im_view *view,
                                const im_style *st, nm_kind kind, const nm_text *t,
                                const nm_cand *c, size_t nc, im_boxes *occ,
                                im_name_labels *out, const char *name)
{
    const double pt = view->pt, edge = NM_EDGE_PT * pt;
    const double pad = NM_PAD_PT * pt;
    const double repeat = NM_REPEAT_SHARE * fmin(view->fw, view->fh);
    for (size_t k = 0; k < nc; k++) {
        double x = c[k].x, y = c[k].y, r = c[k].r;
        if (nm_named_near(out, kind, name, x, y, repeat))
            continue;
        /* Does the name fit its feature here? The anchor's free radius r
         * is the inscribed circle; names are wider than tall, and the
         * shapes they sit in are mostly elongated too. */
        int tries = 1;
        if (kind == NM_LAKE) {
            if (r < 2.5 * pt)
                break; /* a lake this small is a dot: no name */
            tries = t->W <= 2.4 * r && t->H <= 1.6 * r ? 1 : 5;
        } else if (t->W > (kind == NM_SEA ? 4.2 : 3.4) * r ||
                   t->H > (kind == NM_SEA ? 1.6 : 1.4) * r || t->W > 2 * c[k].hw) {
            continue; /* seas may touch their shores: they are named in open water */
        }
        for (int pos = tries == 1 ? 0 : 1; pos < tries; pos++) {
            /* lakes too small for their name: right, left, below, above */
            double off = r + 2 * pt;
            double cx = x + (pos == 1 ? off + t->W / 2 : pos == 2 ? -off - t->W / 2 : 0);
            double cy = y + (pos == 3 ? off + t->H / 2 : pos == 4 ? -off - t->H / 2 : 0);
            im_box b = {cx - t->W / 2 - pad, cy - t->H / 2 - pad, cx + t->W / 2 + pad,
                        cy + t->H / 2 + pad};
            if (!nm_inside_frame(view, b, edge - pad) || im_boxes_hit(occ, b))
                continue;
            im_status status;
            if ((status = nm_add_all(ctx, occ, &b, 1)) != IM_OK ||
                (status = nm_record(ctx, out, kind, name, cx, cy, 0, b)) != IM_OK)
                return status;
            nm_text_draw(cr, view, st, t, cx, cy, 0, 0);
            return IM_OK;
        }
    }
    return IM_OK;
}

typedef struct nm_chord {
    double x0, y0, x1, y1, len, score;
} nm_chord;

static int nm_chord_cmp(const void *pa, const void *pb)
{
    const nm_chord *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    if (a->x0 != b->x0)
        return a->x0 < b->x0 ? -1 : 1;
    return (a->y0 > b->y0) - (a->y0 < b->y0);
}

/* Place a river's name along one of its straight stretches. */
static im_status nm_place_river(im_context *ctx, cairo_t *cr, const im_view *view,
                                const im_style *st, const nm_text *t, json_t *lines,
                                im_boxes *occ, im_name_labels *out, const char *name)
{
    size_t n = json_array_size(lines);
    if (n == 0 || n > NM_MAX_CANDS)
        return IM_OK;
    nm_chord *c = im_malloc_array(n, sizeof *c);
    double *xy = im_malloc_array(n, 4 * sizeof(double));
    im_status status = IM_OK;
    if (!c || !xy) {
        status = im_fail(ctx, IM_ERR_NOMEM, "out of memory (names)");
        goto done;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *l = json_array_get(lines, i);
        if (json_array_size(l) != 2)
            continue;
        for (int e = 0; e < 2; e++) {
            xy[4 * m + 2 * e] = json_number_value(json_array_get(json_array_get(l, e), 0));
            xy[4 * m + 2 * e + 1] = json_number_value(json_array_get(json_array_get(l, e), 1));
        }
        m++;
    }
    if (m == 0)
        goto done;
    if ((status = im_view_project(ctx, view, xy, 2 * sizeof(double), xy + 1, 2 * sizeof(double),
                                  2 * m)) != IM_OK)
        goto done;
    const double pt = view->pt, edge = NM_EDGE_PT * pt, pad = NM_PAD_PT * pt;
    size_t nc = 0;
    for (size_t i = 0; i < m; i++) {
        double x0 = xy[4 * i], y0 = xy[4 * i + 1], x1 = xy[4 * i + 2], y1 = xy[4 * i + 3];
        if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
            continue;
        double len = hypot(x1 - x0, y1 - y0);
        if (len < t->W * 0.75) /* the name may overhang a stretch a little: the river goes on */
            continue;
        double a = atan2(y1 - y0, x1 - x0);
        if (a > NM_PI / 2)
            a -= NM_PI;
        else if (a <= -NM_PI / 2)
            a += NM_PI;
        if (fabs(a) > NM_RIVER_MAX_TILT)
            continue;
        c[nc] = (nm_chord){x0, y0, x1, y1, len, 0};
        /* a stretch about half again the name's length, not too steep */
        c[nc].score = fabs(len / t->W - 1.5) + fabs(a);
        nc++;
    }
    qsort(c, nc, sizeof *c, nm_chord_cmp);
    const double gap = NM_RIVER_GAP_PT * pt;
    for (size_t k = 0; k < nc; k++) {
        double cx = (c[k].x0 + c[k].x1) / 2, cy = (c[k].y0 + c[k].y1) / 2;
        double a = atan2(c[k].y1 - c[k].y0, c[k].x1 - c[k].x0);
        if (a > NM_PI / 2)
            a -= NM_PI;
        else if (a <= -NM_PI / 2)
            a += NM_PI;
        double ytop = -gap - t->h[0], ybot = t->line[1] ? gap + t->h[1] : -gap;
        im_box b[64];
        size_t nb = nm_boxes_rotated(cx, cy, a, t->W, ytop, ybot, pad, b, 64);
        bool inside = true;
        for (size_t i = 0; i < nb && inside; i++)
            inside = nm_inside_frame(view, b[i], edge - pad);
        if (!inside || nm_any_hit(occ, b, nb))
            continue;
        im_box all = b[0];
        for (size_t i = 1; i < nb; i++) {
            all.x0 = fmin(all.x0, b[i].x0);
            all.y0 = fmin(all.y0, b[i].y0);
            all.x1 = fmax(all.x1, b[i].x1);
            all.y1 = fmax(all.y1, b[i].y1);
        }
        if ((status = nm_add_all(ctx, occ, b, nb)) != IM_OK ||
            (status = nm_record(ctx, out, NM_RIVER, name, cx, cy, a, all)) != IM_OK)
            goto done;
        nm_text_draw(cr, view, st, t, cx, cy, a, gap);
        break;
    }
done:
    free(c);
    free(xy);
    return status;
}

static const char *nm_str(json_t *props, const char *key)
{
    json_t *v = json_object_get(props, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

im_status im_names_draw(im_context *ctx, const im_basemap *bm, cairo_t *cr, const im_view *view,
                        const im_style *st, im_label_mode mode, unsigned what,
                        im_boxes *occupied, im_name_labels *placed)
{
    if (!bm || mode == IM_LABELS_NONE)
        return IM_OK;
    if (!cr || !view || !st || !occupied)
        return im_fail(ctx, IM_ERR_ARG, "im_names_draw: missing argument");
    const char *path = im_basemap_layer_file(bm, "names", view->denominator);
    if (!path)
        return IM_OK;
    /* the names drawn, kept here when the caller does not (nm_named_near) */
    im_name_labels own = {0};
    if (!placed)
        placed = &own;
    json_t *root = im_basemap_names_tree(bm, path); /* read ahead with the basemap */
    im_status status = root ? IM_OK : im_basemap_load_json(ctx, path, "names", &root);
    if (status != IM_OK)
        return status;
    json_t *fs = json_object_get(root, "features");
    if (!json_is_array(fs) || json_array_size(fs) > NM_MAX_FEATURES) {
        status = im_fail(ctx, IM_ERR_BASEMAP, "%s: features: expected an array of at most %d",
                         path, NM_MAX_FEATURES);
        goto done;
    }
    double scale = (what & IM_NAMES_INSET) ? NM_INSET_SCALE : 1.0;
    /* The inset (a regional box, never a pole, never the whole world)
     * projects only the anchors near its frame: the frame's edge traced
     * back to lon/lat (every point of it on the Earth), widened by a quarter. The world's names have some
     * 4,000 anchors; a locator shows a few dozen. An edge across the
     * antimeridian spans every longitude, and then nothing is left out. */
    double keep[4];
    bool use_keep = (what & IM_NAMES_INSET) && im_view_edge_bounds(view, 16, keep) == 0;
    if (use_keep) {
        double mw = (keep[2] - keep[0]) / 4, mh = (keep[3] - keep[1]) / 4;
        keep[0] -= mw;
        keep[1] -= mh;
        keep[2] += mw;
        keep[3] += mh;
    }
    for (int kind = 0; kind < NM_N_KINDS && status == IM_OK; kind++) {
        if ((what & IM_NAMES_INSET) && kind != NM_COUNTRY)
            continue;
        for (size_t i = 0; i < json_array_size(fs) && status == IM_OK; i++) {
            json_t *f = json_array_get(fs, i);
            json_t *props = json_object_get(f, "properties");
            json_t *geom = json_object_get(f, "geometry");
            const char *k = nm_str(props, "kind");
            if (!k || strcmp(k, nm_kind_names[kind]) != 0)
                continue;
            const char *gtype = nm_str(geom, "type");
            json_t *coords = json_object_get(geom, "coordinates");
            if (!gtype || !json_is_array(coords))
                continue;
            bool river = kind == NM_RIVER && strcmp(gtype, "MultiLineString") == 0;
            bool point = kind != NM_RIVER && strcmp(gtype, "MultiPoint") == 0;
            if (!river && !point)
                continue;
            nm_cand *c = NULL;
            size_t nc = 0;
            if (point) {
                status = nm_point_cands(ctx, view, coords, json_object_get(props, "d"),
                                        json_object_get(props, "w"), use_keep ? keep : NULL,
                                        &c, &nc);
                if (status != IM_OK || nc == 0)
                    continue; /* nothing of it in the frame: not measured */
            }
            const char *en = nm_str(props, "name");
            nm_text t;
            if (nm_text_make(&t, cr, view, st, (nm_kind)kind, en, nm_str(props, "name_ar"), mode,
                             scale)) {
                const char *label = en ? en : t.line[0];
                status = river ? nm_place_river(ctx, cr, view, st, &t, coords, occupied, placed,
                                                label)
                               : nm_place_point(ctx, cr, view, st, (nm_kind)kind, &t, c, nc,
                                                occupied, placed, label);
                nm_text_clear(&t);
            }
            free(c);
        }
    }
    if (status == IM_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        status = im_fail(ctx, IM_ERR_RENDER, "names: %s",
                         cairo_status_to_string(cairo_status(cr)));
done:
    json_decref(root);
    im_name_labels_free(&own);
    return status;
}

void im_name_labels_free(im_name_labels *l)
{
    if (!l)
        return;
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
