/* vector_stamps.c - many markers of one style in SVG and PDF: the marker
 * written once and referenced at every position.
 *
 * symbol.c draws big marker sets in batches of one style (age bucket x
 * weapon). On a vector surface each batch comes here. Positions are taken
 * in device units (SVG user units, PDF points) and rounded to 0.01; a
 * marker at the same rounded position as a later marker of the same
 * (opaque) style is left out: that later one covers it exactly.
 *
 * SVG, with a sink (svg_text.c): the marker is one <g> in <defs> and each
 * position a <use xlink:href="#mkN" x=".." y=".."/>, about 45 bytes, where
 * Cairo wrote a <use> with a six-decimal matrix (95 bytes). PDF (and SVG
 * with --svg-text paths): a recording surface drawn in device units and
 * painted at the rounded positions, so Cairo's "cm" carries two decimals.
 */
#include "svg_text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A position in hundredths of a device unit. */
typedef struct spot {
    int64_t x, y;
} spot;

/* keep[k]: false when marker k lies at the same rounded spot as a later
 * one of the batch. false when out of memory. The batch is walked from its
 * end with an open-addressing set of the spots seen (a batch is one style,
 * some thousands of markers: the table stays in cache; a sort of the
 * spots was 0.13 s at 1,000,000). */
static bool dedupe(const spot *in, size_t n, bool *keep)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    size_t *slot = calloc(cap, sizeof *slot); /* 1 + the index of a spot; 0: empty */
    if (!slot)
        return false;
    for (size_t k = n; k-- > 0;) {
        uint64_t h = ((uint64_t)in[k].x * 0x9e3779b97f4a7c15u) ^
                     ((uint64_t)in[k].y * 0xc2b2ae3d27d4eb4fu);
        size_t j = (size_t)(h ^ h >> 29) & (cap - 1);
        keep[k] = true;
        for (; slot[j]; j = (j + 1) & (cap - 1)) {
            const spot *o = &in[slot[j] - 1];
            if (o->x == in[k].x && o->y == in[k].y) {
                keep[k] = false;
                break;
            }
        }
        if (keep[k])
            slot[j] = k + 1;
    }
    free(slot);
    return true;
}

static bool put_num(im_membuf *b, double v)
{
    char num[40];
    size_t n = im_centi_text(num, (int64_t)llround(v * 100));
    return im_buf_append(b, num, n) == IM_OK;
}

static bool put_str(im_membuf *b, const char *s)
{
    return im_buf_append(b, s, strlen(s)) == IM_OK;
}

/* The current path of cr (device space) as SVG path data. */
static bool put_path(im_membuf *b, cairo_t *cr)
{
    cairo_path_t *path = cairo_copy_path(cr);
    bool ok = path && path->status == CAIRO_STATUS_SUCCESS;
    for (int i = 0; ok && i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t *d = &path->data[i];
        int pts = 0;
        const char *op = "";
        switch (d->header.type) {
        case CAIRO_PATH_MOVE_TO: op = "M", pts = 1; break;
        case CAIRO_PATH_LINE_TO: op = "L", pts = 1; break;
        case CAIRO_PATH_CURVE_TO: op = "C", pts = 3; break;
        case CAIRO_PATH_CLOSE_PATH: op = "Z"; break;
        }
        ok = put_str(b, op);
        for (int p = 1; ok && p <= pts; p++)
            ok = put_num(b, d[p].point.x) && put_str(b, " ") && put_num(b, d[p].point.y) &&
                 put_str(b, p < pts ? " " : "");
    }
    cairo_path_destroy(path);
    return ok;
}

static bool put_color(im_membuf *b, const char *attr, im_rgba c)
{
    char buf[96];
    int n = snprintf(buf, sizeof buf, " %s=\"#%02x%02x%02x\"", attr,
                     (int)lround(fmin(1, fmax(0, c.r)) * 255), (int)lround(fmin(1, fmax(0, c.g)) * 255),
                     (int)lround(fmin(1, fmax(0, c.b)) * 255));
    bool ok = im_buf_append(b, buf, (size_t)n) == IM_OK;
    if (ok && c.a < 1) {
        n = snprintf(buf, sizeof buf, " %s-opacity=\"", attr);
        ok = im_buf_append(b, buf, (size_t)n) == IM_OK && put_num(b, fmax(0, c.a)) &&
             put_str(b, "\"");
    }
    return ok;
}

/* The marker of symbol.c's im_marker_stamp() as an SVG group, device units,
 * centred on 0,0 (s: device units per user unit). */
static bool put_symbol(im_membuf *b, im_scene *sc, const cairo_matrix_t *M, double s, int id,
                       int weapon, im_rgba c, double size, double lw, double half, bool coarse)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    im_shape shape = st->weapons[weapon].shape;
    cairo_matrix_t lin = *M;
    lin.x0 = lin.y0 = 0;
    /* A <marker> drawn at a vertex in the referencing path's user space,
     * its box (viewBox) centred on the vertex; nothing of it clipped. */
    char head[80];
    snprintf(head, sizeof head, "<defs><marker id=\"mk%d\" markerUnits=\"userSpaceOnUse\"", id);
    bool ok = put_str(b, head) && put_str(b, " viewBox=\"") && put_num(b, -half) &&
              put_str(b, " ") && put_num(b, -half) && put_str(b, " ") && put_num(b, 2 * half) &&
              put_str(b, " ") && put_num(b, 2 * half) && put_str(b, "\" markerWidth=\"") &&
              put_num(b, 2 * half) && put_str(b, "\" markerHeight=\"") && put_num(b, 2 * half) &&
              put_str(b, "\" overflow=\"visible\"><g stroke-linejoin=\"round\">");
    for (int ring = 0; ok && ring < 2; ring++) {
        cairo_save(cr);
        cairo_set_matrix(cr, &lin);
        cairo_new_path(cr);
        im_marker_path(cr, shape, 0, 0, ring ? size + lw : size);
        cairo_identity_matrix(cr);
        ok = put_str(b, "<path d=\"") && put_path(b, cr) && put_str(b, "\"");
        cairo_new_path(cr);
        cairo_restore(cr);
        if (!ring)
            ok = ok && put_color(b, "fill", c) && put_color(b, "stroke", st->marker_stroke) &&
                 put_str(b, " stroke-width=\"") && put_num(b, lw * s) && put_str(b, "\"/>");
        else if (coarse) /* a date known to the month or year: dashed, darker */
            ok = ok && put_str(b, " fill=\"none\"") &&
                 put_color(b, "stroke", (im_rgba){0.1, 0.1, 0.1, 0.9}) &&
                 put_str(b, " stroke-width=\"") && put_num(b, 0.6 * sc->view->pt * s) &&
                 put_str(b, "\" stroke-dasharray=\"") && put_num(b, 1.2 * sc->view->pt * s) &&
                 put_str(b, ",") && put_num(b, 0.9 * sc->view->pt * s) && put_str(b, "\"/>");
        else
            ok = ok && put_str(b, " fill=\"none\"") &&
                 put_color(b, "stroke", (im_rgba){0.15, 0.15, 0.15, 0.45}) &&
                 put_str(b, " stroke-width=\"") && put_num(b, 0.35 * sc->view->pt * s) &&
                 put_str(b, "\"/>");
    }
    return ok && put_str(b, "</g></marker></defs>\n");
}

/* The clip of cr as content-stream operators in device space (plain: the
 * scale and offsets of M); false when it is not the map frame's rectangle
 * (the only clip the marker layer has, draw.c), or out of memory. Cairo
 * lists no clip of rectangles off the pixel grid and gives its extents
 * rounded out to whole device units: the frame is recognised by them. */
static bool pdf_clip(im_scene *sc, const cairo_matrix_t *M, im_membuf *b)
{
    const im_view *v = sc->view;
    double cx0, cy0, cx1, cy1;
    cairo_clip_extents(sc->cr, &cx0, &cy0, &cx1, &cy1);
    double x0 = v->fx * M->xx + M->x0, y0 = v->fy * M->yy + M->y0;
    double x1 = (v->fx + v->fw) * M->xx + M->x0, y1 = (v->fy + v->fh) * M->yy + M->y0;
    cx0 = cx0 * M->xx + M->x0, cy0 = cy0 * M->yy + M->y0;
    cx1 = cx1 * M->xx + M->x0, cy1 = cy1 * M->yy + M->y0;
    double eps = 1e-6;
    if (fabs(cx0 - floor(x0 + eps)) > eps || fabs(cy0 - floor(y0 + eps)) > eps ||
        fabs(cx1 - ceil(x1 - eps)) > eps || fabs(cy1 - ceil(y1 - eps)) > eps)
        return false;
    int64_t r[4] = {llround(x0 * 100), llround(y0 * 100), llround((x1 - x0) * 100),
                    llround((y1 - y0) * 100)};
    char line[128];
    size_t len = 0;
    for (int k = 0; k < 4; k++) {
        len += im_centi_text(line + len, r[k]);
        line[len++] = ' ';
    }
    memcpy(line + len, "re W n\n", 7);
    return im_buf_append(b, line, len + 7) == IM_OK;
}

/* A PDF batch: the stamp painted once by Cairo, at the first kept position,
 * and the batch handed to pdf_stamps.c, which writes it into the page.
 * *done: false when the clip cannot be written (the caller paints each). */
static bool pdf_batch(im_scene *sc, im_pdf_stamps *ps, const spot *sp, const bool *keep,
                      size_t n, int weapon, im_rgba c, double size, double lw, double s,
                      bool coarse, bool *done)
{
    cairo_t *cr = sc->cr;
    cairo_matrix_t M;
    cairo_get_matrix(cr, &M);
    im_membuf clip = {0};
    if (!pdf_clip(sc, &M, &clip)) {
        bool nomem = clip.failed;
        im_buf_free(&clip);
        return !nomem;
    }
    int64_t *xy = im_malloc_array(n, 2 * sizeof *xy);
    char *clip_text = im_buf_take(&clip);
    im_buf_free(&clip);
    if (!xy || !clip_text) {
        free(xy);
        free(clip_text);
        return false;
    }
    size_t m = 0;
    for (size_t k = 0; k < n; k++)
        if (keep[k])
            xy[2 * m] = sp[k].x, xy[2 * m + 1] = sp[k].y, m++;
    /* Unbounded: Cairo's clip for the one paint is the whole clip of the
     * layer, which the batch then shares, and the Form XObject's box is the
     * marker's ink. (A bounded stamp as large as the page gave the same
     * clip, but poppler then paints a page-sized group per marker: 23 s for
     * 5,000.) Cairo 1.16's PDF surface leaks a snapshot of each unbounded
     * source it records (~4 kB a batch, not a marker): tests/lsan.supp. */
    cairo_surface_t *stamp = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_t *sc2 = cairo_create(stamp);
    cairo_scale(sc2, s, s);
    im_marker_stamp(sc2, sc->st, weapon, c, 0, 0, size, lw, sc->view->pt, coarse);
    cairo_destroy(sc2);
    cairo_save(cr);
    cairo_identity_matrix(cr);
    cairo_set_source_surface(cr, stamp, (double)xy[0] / 100, (double)xy[1] / 100);
    cairo_paint(cr);
    cairo_restore(cr);
    bool ok = cairo_surface_status(stamp) == CAIRO_STATUS_SUCCESS && m > 0 &&
              im_pdf_stamps_add(ps, xy, m, clip_text, stamp);
    cairo_surface_destroy(stamp);
    free(xy);
    free(clip_text);
    *done = true;
    return ok;
}

bool im_vector_stamps(im_scene *sc, const im_stamp_ref *refs, size_t n, int weapon, im_rgba c,
                      double size, double lw, int side, bool coarse)
{
    cairo_t *cr = sc->cr;
    cairo_matrix_t M;
    cairo_get_matrix(cr, &M);
    double s = M.xx;
    bool plain = M.xx > 0 && M.xx == M.yy && M.xy == 0 && M.yx == 0;
    if (n == 0)
        return true;
    spot *sp = im_malloc_array(n ? n : 1, sizeof *sp);
    bool *keep = im_malloc_array(n ? n : 1, sizeof *keep);
    if (!sp || !keep) {
        free(sp);
        free(keep);
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        const im_placed *p = &sc->pts[refs[k].i];
        double dx = plain ? p->x * s + M.x0 : p->x, dy = plain ? p->y * s + M.y0 : p->y;
        sp[k] = (spot){(int64_t)llround(dx * 100), (int64_t)llround(dy * 100)};
        keep[k] = true;
    }
    /* Hidden only under an opaque fill; a translucent one shows each. */
    bool ok = !(plain && c.a >= 1) || dedupe(sp, n, keep), done = false;
    im_svg_sink *sink = im_svg_sink_of(cr);
    if (ok && plain && sink) {
        im_membuf b = {0};
        int id = im_svg_sink_next_id(sink);
        /* The marker's box in device units, a whole number of hundredths
         * so that its centre is exactly the vertex. */
        double half = (double)llround(side / 2.0 * s * 100) / 100;
        ok = put_symbol(&b, sc, &M, s, id, weapon, c, size, lw, half, coarse);
        size_t kept = 0;
        for (size_t k = 0; k < n; k++)
            kept += keep[k];
        /* One path whose vertices are the positions, in the batch's order
         * (a later marker over an earlier one, as in the PNG): the first
         * absolute, each next one relative to it, exact in hundredths.
         * Nothing of the path itself is painted. Its d follows a newline,
         * not a space: svg_round_paths() (surface.c), which rounds the
         * d="..." of Cairo's paths to 0.1, must leave these sums alone. */
        char head[200];
        snprintf(head, sizeof head,
                 "<path fill=\"none\" stroke=\"none\" marker-start=\"url(#mk%d)\"", id);
        ok = ok && put_str(&b, head);
        if (kept > 1) {
            snprintf(head, sizeof head, " marker-mid=\"url(#mk%d)\" marker-end=\"url(#mk%d)\"",
                     id, id);
            ok = ok && put_str(&b, head);
        }
        ok = ok && put_str(&b, "\nd=\"m");
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        int64_t px = 0, py = 0;
        size_t j = 0;
        for (size_t k = 0; ok && k < n; k++) {
            if (!keep[k])
                continue;
            char line[96];
            size_t len = 0;
            int64_t dx = sp[k].x - px, dy = sp[k].y - py;
            if (j && j % 16 == 0)
                line[len++] = '\n';
            else if (j && dx >= 0)
                line[len++] = ' ';
            len += im_centi_text(line + len, dx);
            if (dy >= 0)
                line[len++] = ' ';
            len += im_centi_text(line + len, dy);
            ok = im_buf_append(&b, line, len) == IM_OK;
            px = sp[k].x, py = sp[k].y;
            j++;
            const im_placed *p = &sc->pts[refs[k].i];
            x0 = fmin(x0, p->x), y0 = fmin(y0, p->y), x1 = fmax(x1, p->x), y1 = fmax(y1, p->y);
        }
        /* One position alone: a segment of no length, so that the path has
         * a vertex in every renderer (marker-start only: drawn once). */
        ok = ok && put_str(&b, kept == 1 ? " 0 0\"/>\n" : "\"/>\n");
        char *xml = im_buf_take(&b); /* NULL when failed */
        im_buf_free(&b);
        /* The mark goes where the markers are: inside the frame's clip.
         * Its box holds the markers whole (side: user units), not only
         * their centres: Cairo writes the clip narrowed to the box, which
         * cut the markers at the edges of the set in half. */
        double h = side / 2.0;
        ok = ok && xml && im_svg_sink_raw(cr, xml, x0 - h, y0 - h, x1 + h, y1 + h);
    } else if (ok && plain && im_pdf_stamps_of(cr)) {
        ok = pdf_batch(sc, im_pdf_stamps_of(cr), sp, keep, n, weapon, c, size, lw, s, coarse,
                       &done);
    }
    if (ok && !done && !(plain && sink)) {
        /* SVG without a sink, or a PDF batch that cannot be spliced: one
         * recording, painted per position in device space. */
        double ds = plain ? s : 1, half = side / 2.0 * ds;
        cairo_rectangle_t ext = {-half, -half, 2 * half, 2 * half};
        cairo_surface_t *stamp = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
        cairo_t *sc2 = cairo_create(stamp);
        cairo_scale(sc2, ds, ds);
        im_marker_stamp(sc2, sc->st, weapon, c, 0, 0, size, lw, sc->view->pt, coarse);
        cairo_destroy(sc2);
        cairo_save(cr);
        if (plain)
            cairo_identity_matrix(cr);
        for (size_t k = 0; k < n; k++) {
            if (!keep[k])
                continue;
            double x = plain ? (double)sp[k].x / 100 : sc->pts[refs[k].i].x;
            double y = plain ? (double)sp[k].y / 100 : sc->pts[refs[k].i].y;
            cairo_set_source_surface(cr, stamp, x, y);
            cairo_paint(cr);
        }
        cairo_restore(cr);
        ok = cairo_surface_status(stamp) == CAIRO_STATUS_SUCCESS;
        cairo_surface_destroy(stamp);
    }
    free(sp);
    free(keep);
    return ok;
}
