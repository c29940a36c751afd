/* symbol.c - marker shapes, marker colours and their drawing (the fans and
 * clusters of incidents that share a site are placed in stack.c). */
#include "im_private.h"

#include <geodesic.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Shapes are scaled to roughly equal visual weight: a triangle or star of
 * the same nominal size as a circle looks smaller, so they get more. */
void im_marker_path(cairo_t *cr, im_shape shape, double x, double y, double size)
{
    double r = size / 2;
    switch (shape) {
    case IM_SHAPE_CIRCLE:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        cairo_close_path(cr);
        break;
    case IM_SHAPE_SQUARE: {
        double h = r * 0.89;
        cairo_rectangle(cr, x - h, y - h, 2 * h, 2 * h);
        break;
    }
    case IM_SHAPE_DIAMOND: {
        double h = r * 1.22;
        cairo_move_to(cr, x, y - h);
        cairo_line_to(cr, x + h, y);
        cairo_line_to(cr, x, y + h);
        cairo_line_to(cr, x - h, y);
        cairo_close_path(cr);
        break;
    }
    case IM_SHAPE_TRIANGLE: {
        double h = r * 1.3; /* circumradius; centroid at (x, y) */
        for (int i = 0; i < 3; i++) {
            double a = -M_PI / 2 + i * 2 * M_PI / 3;
            if (i == 0)
                cairo_move_to(cr, x + h * cos(a), y + h * sin(a));
            else
                cairo_line_to(cr, x + h * cos(a), y + h * sin(a));
        }
        cairo_close_path(cr);
        break;
    }
    case IM_SHAPE_STAR: {
        double ro = r * 1.4, ri = ro * 0.45;
        for (int i = 0; i < 10; i++) {
            double a = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? ri : ro;
            if (i == 0)
                cairo_move_to(cr, x + rr * cos(a), y + rr * sin(a));
            else
                cairo_line_to(cr, x + rr * cos(a), y + rr * sin(a));
        }
        cairo_close_path(cr);
        break;
    }
    case IM_SHAPE_CROSS: {
        /* A filled X: a plus sign rotated by 45 degrees. */
        double a = r * 1.15, b = r * 0.36;
        static const double px[12] = {-1, 1, 1, 3, 3, 1, 1, -1, -1, -3, -3, -1};
        static const double py[12] = {-3, -3, -1, -1, 1, 1, 3, 3, 1, 1, -1, -1};
        double c = cos(M_PI / 4), s = sin(M_PI / 4);
        for (int i = 0; i < 12; i++) {
            double u = px[i] * b, v = py[i] * b;
            if (fabs(px[i]) == 3) u = px[i] / 3 * a;
            if (fabs(py[i]) == 3) v = py[i] / 3 * a;
            double X = x + u * c - v * s, Y = y + u * s + v * c;
            if (i == 0)
                cairo_move_to(cr, X, Y);
            else
                cairo_line_to(cr, X, Y);
        }
        cairo_close_path(cr);
        break;
    }
    case IM_SHAPE_COUNT:
        break;
    }
}

static im_rgba mix(im_rgba a, im_rgba b, double t)
{
    im_rgba c = {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t,
                 a.a + (b.a - a.a) * t};
    return c;
}

im_rgba im_marker_color(const im_scene *sc, int weapon, int64_t time)
{
    const im_style *st = sc->st;
    double span = (double)(sc->t_max - sc->t_min);
    double age = span > 0 ? (double)(sc->t_max - time) / span : 0; /* 0 newest, 1 oldest */
    if (age < 0) age = 0;
    if (age > 1) age = 1;
    if (sc->opts->color_by == IM_COLOR_BY_DATE) {
        double pos = (1 - age) * (st->n_ramp - 1); /* ramp runs old -> new */
        int i = (int)floor(pos);
        if (i >= st->n_ramp - 1)
            return st->ramp[st->n_ramp - 1];
        return mix(st->ramp[i], st->ramp[i + 1], pos - i);
    }
    im_rgba white = {1, 1, 1, 1};
    return mix(st->weapons[weapon].color, white, age * st->fade_oldest);
}

static void draw_clusters(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    double pt = sc->view->pt;
    for (size_t i = 0; i < sc->n_clusters; i++) {
        const im_cluster *c = &sc->clusters[i];
        double r = im_cluster_radius(sc, c->n), ring = fmax(2.2 * pt, r * 0.28);
        if (c->x != c->sx || c->y != c->sy) { /* moved off its site: a leader and a dot */
            cairo_move_to(cr, c->sx, c->sy);
            cairo_line_to(cr, c->x, c->y);
            im_rgba ink = im_theme_or(&st->theme, IM_TH_INK, (im_rgba){0.2, 0.2, 0.2, 1});
            cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 0.7);
            cairo_set_line_width(cr, 0.6 * pt);
            cairo_stroke(cr);
            cairo_arc(cr, c->sx, c->sy, 1.3 * pt, 0, 2 * M_PI);
            cairo_fill(cr);
        }
        /* The ring: one arc per weapon type, in the style's order. */
        double a0 = -M_PI / 2;
        int n_parts = sc->n_cats ? sc->n_cats : st->n_weapons;
        for (int w = 0; w < n_parts; w++) {
            if (!c->counts[w])
                continue;
            double a1 = a0 + 2 * M_PI * (double)c->counts[w] / (double)c->n;
            cairo_new_path(cr);
            cairo_arc(cr, c->x, c->y, r, a0, a1);
            cairo_arc_negative(cr, c->x, c->y, r - ring, a1, a0);
            cairo_close_path(cr);
            im_rgba col = sc->n_cats ? sc->cat_color[w] : st->weapons[w].color;
            cairo_set_source_rgba(cr, col.r, col.g, col.b, 1);
            cairo_fill(cr);
            a0 = a1;
        }
        /* the disc in the theme's panel colour (dark under --theme dark),
         * as the count's text is in its label colour: white on white no more */
        im_rgba disc = {1, 1, 1, 1};
        im_theme_color(&st->theme, IM_TH_PANEL, &disc);
        cairo_new_path(cr);
        cairo_arc(cr, c->x, c->y, r - ring, 0, 2 * M_PI);
        cairo_set_source_rgb(cr, disc.r, disc.g, disc.b);
        cairo_fill(cr);
        /* its edge in the theme's ink: dark on a light map, light on a
         * dark one (there a black arc on dark land had no edge at all) */
        cairo_arc(cr, c->x, c->y, r, 0, 2 * M_PI);
        im_rgba edge = im_theme_or(&st->theme, IM_TH_INK, (im_rgba){0.15, 0.15, 0.15, 1});
        cairo_set_source_rgba(cr, edge.r, edge.g, edge.b, 0.7);
        cairo_set_line_width(cr, 0.5 * pt);
        cairo_stroke(cr);
        char num[32];
        snprintf(num, sizeof num, "%zu", c->n);
        im_text_style ts = {NULL, st->body_size, true, false, {0.1, 0.1, 0.1, 1}, 0, {0, 0, 0, 0}, 0};
        double tw, th;
        im_text_measure(cr, sc->view, st, &ts, num, &tw, &th);
        im_text_draw(cr, sc->view, st, &ts, num, c->x - tw / 2, c->y - th / 2);
    }
}

int im_uncertainty_ring(im_context *ctx, const im_view *view, const im_style *st,
                        const im_rec *r, double x, double y, double xs[IM_RING_N],
                        double ys[IM_RING_N])
{
    if (!(r->uncertainty_km > 0))
        return 0;
    struct geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    for (int k = 0; k < IM_RING_N; k++) {
        double lat2, lon2;
        geod_direct(&g, r->lat, r->lon, 360.0 * k / IM_RING_N, r->uncertainty_km * 1000.0, &lat2,
                    &lon2, NULL);
        xs[k] = lon2;
        ys[k] = lat2;
    }
    if (im_view_project(ctx, view, xs, sizeof(double), ys, sizeof(double), IM_RING_N) != IM_OK)
        return -1;
    /* A ring hidden under its marker says nothing: none. */
    double ext = 0;
    int n = 0;
    for (int k = 0; k < IM_RING_N; k++)
        if (isfinite(xs[k])) {
            ext = fmax(ext, hypot(xs[k] - x, ys[k] - y));
            n++;
        }
    return n > 0 && ext >= st->marker_size * view->pt * 0.8 ? 1 : 0;
}

void im_ring_paint(cairo_t *cr, double pt, im_rgba c, const double *xs, const double *ys,
                   size_t stride)
{
    bool pen = false;
    cairo_new_path(cr);
    for (int k = 0; k < IM_RING_N; k++) {
        double x = xs[k * stride], y = ys[k * stride];
        if (!isfinite(x) || !isfinite(y))
            continue;
        if (pen)
            cairo_line_to(cr, x, y);
        else
            cairo_move_to(cr, x, y);
        pen = true;
    }
    cairo_close_path(cr);
    cairo_set_source_rgba(cr, c.r, c.g, c.b, 0.08);
    cairo_fill_preserve(cr);
    double dash[2] = {2.5 * pt, 1.8 * pt};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_source_rgba(cr, c.r, c.g, c.b, 0.75);
    cairo_set_line_width(cr, 0.6 * pt);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

void im_uncertainty_draw(im_scene *sc)
{
    if (sc->opts->hide & IM_HIDE_UNCERTAINTY)
        return;
    cairo_t *cr = sc->cr;
    double pt = sc->view->pt;
    double last_lon = NAN, last_lat = NAN, last_r = NAN;
    for (size_t i = 0; i < sc->n; i++) {
        const im_rec *r = &sc->set->recs[sc->pts[i].rec];
        if (!(r->uncertainty_km > 0))
            continue;
        if (r->lon == last_lon && r->lat == last_lat && r->uncertainty_km == last_r)
            continue; /* same ring already drawn */
        last_lon = r->lon;
        last_lat = r->lat;
        last_r = r->uncertainty_km;
        double xs[IM_RING_N], ys[IM_RING_N];
        int got = im_uncertainty_ring(sc->ctx, sc->view, sc->st, r, sc->pts[i].sx,
                                      sc->pts[i].sy, xs, ys);
        if (got < 0)
            break;
        if (got == 0)
            continue;
        im_ring_paint(cr, pt, sc->st->weapons[sc->pts[i].weapon].color, xs, ys, 1);
        sc->uncertainty = true;
    }
}

/* Many markers: one path per (age bucket, weapon), one fill and one
 * stroke each, instead of three drawing operations per marker. Buckets go
 * oldest first, so newer incidents still lie on top. */
#define BATCH_FROM 2000
#define AGE_BUCKETS 16

#define BATCH_KEYS (AGE_BUCKETS * 2 * IM_MAX_WEAPONS) /* (bucket, coarse, weapon) */

typedef im_stamp_ref bucket_ref;

/* Where a batched marker's stamp goes on a raster target: its top-left
 * pixel and its sub-pixel variant (stamp_place). */
typedef struct stamp_pos { int32_t ix, iy, v; } stamp_pos;

/* One marker: fill, white edge, and a dark hairline that keeps pale (old)
 * markers readable on land -- dashed and darker when the date is known only
 * to the month or year. Centred at (cx, cy) of cr; pt is device units per
 * point. Used for every marker and for the stamps alike. */
static void stamp_marker(cairo_t *cr, const im_style *st, int weapon, im_rgba c, double cx,
                         double cy, double size, double lw, double pt, bool coarse)
{
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    im_marker_path(cr, st->weapons[weapon].shape, cx, cy, size);
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, st->marker_stroke.r, st->marker_stroke.g, st->marker_stroke.b,
                          st->marker_stroke.a);
    cairo_set_line_width(cr, lw);
    cairo_stroke(cr);
    im_marker_path(cr, st->weapons[weapon].shape, cx, cy, size + lw);
    if (coarse) {
        double dash[2] = {1.2 * pt, 0.9 * pt};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 0.9);
        cairo_set_line_width(cr, 0.6 * pt);
    } else {
        cairo_set_source_rgba(cr, 0.15, 0.15, 0.15, 0.45);
        cairo_set_line_width(cr, 0.35 * pt);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* A value of zero: the outline alone, in the marker's colour. An unknown
 * value: a dashed grey outline. (--size-by; the legend explains both.) */
static void stamp_hollow(cairo_t *cr, const im_style *st, int weapon, im_rgba c, double cx,
                         double cy, double size, double pt, bool unknown)
{
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    im_marker_path(cr, st->weapons[weapon].shape, cx, cy, size);
    cairo_set_source_rgba(cr, st->marker_stroke.r, st->marker_stroke.g, st->marker_stroke.b,
                          st->marker_stroke.a * 0.8);
    cairo_set_line_width(cr, 2.4 * pt);
    cairo_stroke_preserve(cr);
    if (unknown) {
        double dash[2] = {1.1 * pt, 0.8 * pt};
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_source_rgba(cr, 0.35, 0.35, 0.35, 1);
    } else {
        cairo_set_source_rgba(cr, c.r, c.g, c.b, 1);
    }
    cairo_set_line_width(cr, 1.2 * pt);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
}

/* Drawing order of sized symbols: larger first, so that small ones stay
 * visible on top; then oldest first. */
typedef struct size_key { double size; int64_t time; size_t rec, i; } size_key;
static int cmp_size_order(const void *a, const void *b)
{
    const size_key *p = a, *q = b;
    if (p->size != q->size)
        return p->size > q->size ? -1 : 1;
    if (p->time != q->time)
        return p->time < q->time ? -1 : 1;
    return p->rec < q->rec ? -1 : p->rec > q->rec;
}

/* OVER-composite a premultiplied ARGB32 stamp into the target at integer
 * position (x0, y0), clipped to the rectangle clip. */
static void blit(unsigned char *dst, int dstride, const unsigned char *src, int sstride, int sw,
                 int sh, int x0, int y0, const int clip[4])
{
    int ya = y0 < clip[1] ? clip[1] - y0 : 0, yb = y0 + sh > clip[3] ? clip[3] - y0 : sh;
    int xa = x0 < clip[0] ? clip[0] - x0 : 0, xb = x0 + sw > clip[2] ? clip[2] - x0 : sw;
    for (int y = ya; y < yb; y++) {
        const uint32_t *s = (const uint32_t *)(src + (size_t)y * sstride);
        uint32_t *d = (uint32_t *)(dst + (size_t)(y0 + y) * dstride) + x0;
        /* Transparent ends of the row are skipped; the four channels are
         * blended two at a time (red+blue, alpha+green: 16-bit lanes never
         * carry into each other), with the same rounding as one at a time. */
        int x0 = xa, x1 = xb;
        while (x0 < x1 && (s[x0] >> 24) == 0)
            x0++;
        while (x1 > x0 && (s[x1 - 1] >> 24) == 0)
            x1--;
        for (int x = x0; x < x1; x++) {
            uint32_t p = s[x], a = p >> 24;
            if (a == 0)
                continue;
            if (a == 255) {
                d[x] = p;
                continue;
            }
            uint32_t q = d[x], inv = 255 - a;
            uint32_t rb = (q & 0x00ff00ffu) * inv + 0x00800080u;
            uint32_t ag = ((q >> 8) & 0x00ff00ffu) * inv + 0x00800080u;
            rb = ((rb + ((rb >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
            ag = ((ag + ((ag >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
            d[x] = p + (rb | ag << 8);
        }
    }
}

/* The four sub-pixel variants of one batch's stamp (index vx + 2 * vy:
 * shifted right and down by half a pixel). false when Cairo failed. */
static bool make_stamps(const im_style *st, int weapon, im_rgba c, bool coarse, int side,
                        double size, double lw, double pt, cairo_surface_t *stamps[4])
{
    bool ok = true;
    double half = side / 2.0;
    for (int k = 0; k < 4; k++) {
        stamps[k] = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, side, side);
        cairo_t *sc2 = cairo_create(stamps[k]);
        stamp_marker(sc2, st, weapon, c, half + (k & 1) * 0.5, half + (k >> 1) * 0.5, size, lw,
                     pt, coarse);
        cairo_destroy(sc2);
        cairo_surface_flush(stamps[k]);
        ok = ok && cairo_surface_status(stamps[k]) == CAIRO_STATUS_SUCCESS;
    }
    return ok;
}

/* Where a marker at (x, y) is blitted: the stamp's top-left pixel (*ix,
 * *iy) and its variant (0-3), the nearest quarter pixel. */
static int stamp_place(double x, double y, double half, int *ix, int *iy)
{
    double fx = x - half, fy = y - half;
    *ix = (int)floor(fx);
    *iy = (int)floor(fy);
    double rx = fx - *ix, ry = fy - *iy;
    int vx = rx >= 0.25 && rx < 0.75, vy = ry >= 0.25 && ry < 0.75;
    if (rx >= 0.75)
        (*ix)++;
    if (ry >= 0.75)
        (*iy)++;
    return vx + 2 * vy;
}

/* ---- markers hidden under later ones (raster) ----------------------------
 * At 1,000,000 markers on a 2000x1600 map nearly every stamp is painted over
 * by later opaque ones. blit() writes a stamp pixel of alpha 255 as it is,
 * whatever lies under it, so a marker every one of whose drawn pixels (alpha
 * above 0, inside the clip) is later written opaque by some later marker
 * cannot change the image: it is left out, and the image is byte for byte
 * the same. The markers are walked from the top (last drawn) down with a
 * one-bit-per-pixel mask of the pixels that later markers write opaque; a
 * stamp's rows are bit masks too (the pixels it draws, the pixels it writes
 * opaque), so each test is a few word operations per row. Pixels outside
 * the clip start as covered: nothing is drawn there. */

typedef struct stamp_bits {
    int side, words;       /* rows; 64-bit words per row */
    uint64_t *drawn;       /* side * words: alpha > 0 */
    uint64_t *opaque;      /* side * words: alpha == 255 */
    int x0, y0, x1, y1;    /* the drawn pixels' box, [x0, x1) x [y0, y1); empty: x1 <= x0 */
} stamp_bits;

static bool stamp_bits_make(cairo_surface_t *s, int side, stamp_bits *b)
{
    b->side = side;
    b->words = (side + 63) / 64;
    b->drawn = calloc((size_t)side * (size_t)b->words, sizeof *b->drawn);
    b->opaque = calloc((size_t)side * (size_t)b->words, sizeof *b->opaque);
    if (!b->drawn || !b->opaque)
        return false;
    const unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    b->x0 = b->y0 = side;
    b->x1 = b->y1 = 0;
    for (int y = 0; y < side; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < side; x++) {
            uint32_t a = row[x] >> 24;
            uint64_t bit = (uint64_t)1 << (x & 63);
            if (a) {
                b->drawn[(size_t)y * b->words + x / 64] |= bit;
                b->x0 = x < b->x0 ? x : b->x0;
                b->x1 = x + 1 > b->x1 ? x + 1 : b->x1;
                b->y0 = y < b->y0 ? y : b->y0;
                b->y1 = y + 1;
            }
            if (a == 255)
                b->opaque[(size_t)y * b->words + x / 64] |= bit;
        }
    }
    return true;
}

static void stamp_bits_free(stamp_bits *b)
{
    free(b->drawn);
    free(b->opaque);
}

/* The coverage mask: bit (x + margin, y + margin) for pixel (x, y), with a
 * margin of one stamp on every side and a spare word at each row's end.
 * Beside it, a coarse map of the blocks of COVER_BLOCK x COVER_BLOCK bits
 * that are covered whole: a stamp whose drawn pixels' box lies on such
 * blocks only is hidden without looking at its rows (at 1,000,000 markers, 98 % of
 * them are hidden, most where the map is covered already: the row test
 * was half of the markers' time). A block that is not full yet, or not in
 * the map, sends the stamp to the exact test. */
#define COVER_BLOCK 8
typedef struct cover {
    uint64_t *bits;
    size_t words;          /* per row */
    int margin, rows;
    uint64_t *full;        /* bit bx of row by: block (bx, by) covered whole */
    size_t full_words;     /* per block row */
    size_t bw, bh;         /* blocks across and down */
} cover;

static uint64_t cover_get(const uint64_t *row, size_t bit)
{
    size_t w = bit / 64;
    unsigned sh = (unsigned)(bit % 64);
    return sh ? row[w] >> sh | row[w + 1] << (64 - sh) : row[w];
}

static void cover_set(uint64_t *row, size_t bit, uint64_t v)
{
    size_t w = bit / 64;
    unsigned sh = (unsigned)(bit % 64);
    row[w] |= v << sh;
    if (sh)
        row[w + 1] |= v >> (64 - sh);
}

/* Whether block (bx, by) of the mask is covered whole. */
static bool cover_block_full(const cover *cv, size_t bx, size_t by)
{
    const uint64_t mask = ((uint64_t)1 << COVER_BLOCK) - 1;
    for (size_t r = 0; r < COVER_BLOCK; r++)
        if ((cover_get(cv->bits + (by * COVER_BLOCK + r) * cv->words, bx * COVER_BLOCK) & mask) !=
            mask)
            return false;
    return true;
}

/* Mark the blocks of columns bx0..bx1 and rows by0..by1 that are now
 * covered whole. */
static void cover_blocks_update(cover *cv, size_t bx0, size_t bx1, size_t by0, size_t by1)
{
    for (size_t by = by0; by <= by1 && by < cv->bh; by++)
        for (size_t bx = bx0; bx <= bx1 && bx < cv->bw; bx++) {
            uint64_t *w = cv->full + by * cv->full_words + bx / 64, bit = (uint64_t)1 << bx % 64;
            if (!(*w & bit) && cover_block_full(cv, bx, by))
                *w |= bit;
        }
}

static bool cover_init(cover *cv, int width, int height, int side, const int clip[4])
{
    cv->margin = side;
    cv->rows = height + 2 * side;
    cv->words = ((size_t)width + 2 * (size_t)side + 63) / 64 + 2;
    /* blocks whose bits cover_get reads inside the rows (the last word is
     * the spare one) */
    cv->bw = (cv->words - 1) * 64 / COVER_BLOCK;
    cv->bh = (size_t)cv->rows / COVER_BLOCK;
    cv->full_words = cv->bw / 64 + 1;
    cv->bits = malloc((size_t)cv->rows * cv->words * sizeof *cv->bits);
    cv->full = calloc(cv->bh * cv->full_words + 1, sizeof *cv->full);
    if (!cv->bits || !cv->full)
        return false;
    memset(cv->bits, 0xff, (size_t)cv->rows * cv->words * sizeof *cv->bits);
    for (int y = clip[1]; y < clip[3]; y++) { /* drawable: not covered yet */
        uint64_t *row = cv->bits + (size_t)(y + side) * cv->words;
        for (int x = clip[0]; x < clip[2]; x++)
            row[(size_t)(x + side) / 64] &= ~((uint64_t)1 << ((x + side) % 64));
    }
    if (cv->bw && cv->bh)
        cover_blocks_update(cv, 0, cv->bw - 1, 0, cv->bh - 1);
    return true;
}

static void cover_free(cover *cv)
{
    free(cv->bits);
    free(cv->full);
}

/* Whether the stamp b's drawn box, its square at mask bit (x, y), lies on
 * full blocks only (then every pixel it draws is covered). */
static bool cover_box_full(const cover *cv, const stamp_bits *b, size_t x, size_t y)
{
    if (b->x1 <= b->x0)
        return true; /* draws nothing */
    size_t bx0 = (x + (size_t)b->x0) / COVER_BLOCK, bx1 = (x + (size_t)b->x1 - 1) / COVER_BLOCK;
    size_t by0 = (y + (size_t)b->y0) / COVER_BLOCK, by1 = (y + (size_t)b->y1 - 1) / COVER_BLOCK;
    if (bx1 >= cv->bw || by1 >= cv->bh)
        return false;
    for (size_t by = by0; by <= by1; by++) {
        const uint64_t *row = cv->full + by * cv->full_words;
        for (size_t bx = bx0; bx <= bx1; bx++)
            if (!(row[bx / 64] >> (bx % 64) & 1))
                return false;
    }
    return true;
}

/* Whether the stamp b at (ix, iy) draws a pixel not yet covered; if so, its
 * opaque pixels become covered. The stamp lies at least partly in the clip. */
static bool cover_visible(cover *cv, const stamp_bits *b, int ix, int iy)
{
    size_t bx = (size_t)(ix + cv->margin);
    if (cover_box_full(cv, b, bx, (size_t)(iy + cv->margin)))
        return false;
    for (int r = 0; r < b->side; r++) {
        const uint64_t *row = cv->bits + (size_t)(iy + cv->margin + r) * cv->words;
        const uint64_t *d = b->drawn + (size_t)r * b->words;
        for (int w = 0; w < b->words; w++)
            if (d[w] & ~cover_get(row, bx + 64 * (size_t)w))
                goto visible;
    }
    return false;
visible:
    for (int r = 0; r < b->side; r++) {
        uint64_t *row = cv->bits + (size_t)(iy + cv->margin + r) * cv->words;
        const uint64_t *o = b->opaque + (size_t)r * b->words;
        for (int w = 0; w < b->words; w++)
            if (o[w])
                cover_set(row, bx + 64 * (size_t)w, o[w]);
    }
    size_t by = (size_t)(iy + cv->margin);
    cover_blocks_update(cv, bx / COVER_BLOCK, (bx + (size_t)b->side - 1) / COVER_BLOCK,
                        by / COVER_BLOCK, (by + (size_t)b->side - 1) / COVER_BLOCK);
    return true;
}

/* The time a marker is coloured by: a date known only to the month or year
 * stands at the middle of its period (*coarse set, and the legend's note
 * asked for). Both marker paths use it. */
static int64_t marker_time(im_scene *sc, const im_placed *p, bool *coarse)
{
    const im_rec *rec = &sc->set->recs[p->rec];
    int64_t t = p->time;
    *coarse = rec->precision >= IM_DATE_MONTH;
    if (*coarse) {
        int y, m, d;
        im_date_split(t, &y, &m, &d);
        int64_t end = rec->precision == IM_DATE_YEAR ? im_date_make(y + 1, 1, 1)
                      : m == 12 ? im_date_make(y + 1, 1, 1) : im_date_make(y, m + 1, 1);
        t += (end - t) / 2;
        sc->coarse_dates = true;
    }
    return t;
}

/* Thin leaders from displaced markers to their site, then the site dots:
 * the true position of a fanned-out site, a dark dot where the leaders meet
 * (a marker drawn at the centre of a larger packing covers it). Drawn under
 * the markers by both paths. */
static void draw_leaders(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    /* in the theme's ink (light under --theme dark, where dark grey
     * leaders and dots vanished on the dark land) */
    im_rgba ink = im_theme_or(&sc->st->theme, IM_TH_INK, (im_rgba){0.2, 0.2, 0.2, 1});
    cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 0.55);
    cairo_set_line_width(cr, 0.5 * sc->view->pt);
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        if (isnan(p->x))
            continue;
        if (p->x != p->sx || p->y != p->sy) {
            cairo_move_to(cr, p->sx, p->sy);
            cairo_line_to(cr, p->x, p->y);
        }
    }
    cairo_stroke(cr);
    ink = im_theme_or(&sc->st->theme, IM_TH_INK, (im_rgba){0.12, 0.12, 0.12, 1});
    cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 0.9);
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        if (!isnan(p->x) && (p->x != p->sx || p->y != p->sy)) {
            cairo_new_sub_path(cr);
            cairo_arc(cr, p->sx, p->sy, 1.4 * sc->view->pt, 0, 2 * M_PI);
        }
    }
    cairo_fill(cr);
}

/* The markers refs[0..m) (in drawing order, batches of one key) that
 * later ones hide entirely: hidden[k] is 1 for those. NULL when the skip is
 * off (INCMAP_DRAW_HIDDEN set, for tests that compare), out of memory, or
 * Cairo failed: then every marker is drawn. */
static unsigned char *markers_hidden(im_scene *sc, const bucket_ref *refs, const stamp_pos *pos,
                                     size_t m, int side, double size, double lw, double span,
                                     const int clip[4], cairo_surface_t *target)
{
    const char *env = getenv("INCMAP_DRAW_HIDDEN");
    if (env && *env && strcmp(env, "0") != 0)
        return NULL;
    if (clip[2] <= clip[0] || clip[3] <= clip[1])
        return NULL;
    unsigned char *hidden = calloc(m, 1);
    cover cv = {0};
    if (!hidden || !cover_init(&cv, cairo_image_surface_get_width(target),
                               cairo_image_surface_get_height(target), side, clip)) {
        free(hidden);
        cover_free(&cv);
        return NULL;
    }
    double pt = sc->view->pt;
    size_t n_hidden = 0;
    bool ok = true;
    for (size_t b = m; b > 0 && ok;) {
        size_t a = b;
        while (a > 0 && refs[a - 1].key == refs[b - 1].key)
            a--;
        uint32_t key = refs[a].key;
        int weapon = (int)(key % IM_MAX_WEAPONS);
        int bucket = (int)(key / IM_MAX_WEAPONS / 2);
        bool coarse = key / IM_MAX_WEAPONS % 2;
        int64_t t = sc->t_max - (int64_t)((1 - (double)bucket / (AGE_BUCKETS - 1)) * span);
        im_rgba c = im_marker_color(sc, weapon, t);
        cairo_surface_t *stamps[4];
        stamp_bits bits[4] = {{0}};
        ok = make_stamps(sc->st, weapon, c, coarse, side, size, lw, pt, stamps);
        for (int k = 0; k < 4 && ok; k++)
            ok = stamp_bits_make(stamps[k], side, &bits[k]);
        for (size_t k = b; k > a && ok; k--) {
            int ix = pos[k - 1].ix, iy = pos[k - 1].iy, v = pos[k - 1].v;
            bool outside = ix + side <= clip[0] || ix >= clip[2] || iy + side <= clip[1] ||
                           iy >= clip[3]; /* blit() draws nothing of it */
            if (outside || !cover_visible(&cv, &bits[v], ix, iy)) {
                hidden[k - 1] = 1;
                n_hidden++;
            }
        }
        for (int k = 0; k < 4; k++) {
            cairo_surface_destroy(stamps[k]);
            stamp_bits_free(&bits[k]);
        }
        b = a;
    }
    cover_free(&cv);
    if (!ok) {
        free(hidden);
        return NULL;
    }
    im_log(sc->ctx, IM_LOG_DEBUG, "markers: %zu of %zu hidden under later ones, not drawn",
           n_hidden, m);
    return hidden;
}

/* The stamps of one key and its markers [from, to) in the drawing order. */
typedef struct blit_batch {
    size_t from, to;
    cairo_surface_t *stamps[4];
} blit_batch;

typedef struct blit_job {
    const blit_batch *batches;
    size_t n_batches;
    const stamp_pos *pos;
    const unsigned char *hidden; /* NULL: none hidden */
    int side;
    unsigned char *data;
    int stride;
    int clip[4];
} blit_job;

/* Rows [from, to) of the clip (counted from its top): every stamp that
 * reaches them, in the drawing order. */
static void blit_band(void *arg, size_t from, size_t to)
{
    const blit_job *j = arg;
    int band[4] = {j->clip[0], j->clip[1] + (int)from, j->clip[2], j->clip[1] + (int)to};
    for (size_t g = 0; g < j->n_batches; g++) {
        const blit_batch *bt = &j->batches[g];
        for (size_t k = bt->from; k < bt->to; k++) {
            const stamp_pos *p = &j->pos[k];
            if (p->iy >= band[3] || p->iy + j->side <= band[1] || (j->hidden && j->hidden[k]))
                continue;
            cairo_surface_t *s = bt->stamps[p->v];
            blit(j->data, j->stride, cairo_image_surface_get_data(s),
                 cairo_image_surface_get_stride(s), j->side, j->side, p->ix, p->iy, band);
        }
    }
}

/* Many markers: each (age bucket, weapon) is drawn once as a stamp and
 * placed at every position. Raster targets get the stamp's pixels
 * composited directly (2x2 sub-pixel variants, so positions are within a
 * quarter pixel); vector targets get a recording surface that Cairo writes
 * once and references per marker. Buckets go oldest first, so newer
 * incidents lie on top. */
static bool markers_draw_batched(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    double pt = sc->view->pt;
    double size = st->marker_size * pt, lw = st->marker_stroke_width * pt;
    cairo_surface_t *target = cairo_get_target(cr);
    bool raster = cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_IMAGE &&
                  cairo_image_surface_get_format(target) == CAIRO_FORMAT_ARGB32;
    int side = (int)ceil(size * 1.6 + 2 * lw + 4);
    double half = side / 2.0;
    /* The drawing order: by key (oldest bucket first), in set order within
     * a key. A counting sort over the keys (there are BATCH_KEYS) in two
     * passes over the markers in set order: the first finds each marker's
     * key, the second places it and, on a raster, its stamp position, so
     * that the passes below read positions in their own order instead of
     * jumping about the scene's points (a cache miss per marker at
     * 1,000,000: qsort and those misses were 0.4 s of 0.6). */
    uint16_t *keys = im_malloc_array(sc->n ? sc->n : 1, sizeof *keys);
    bucket_ref *refs = im_malloc_array(sc->n ? sc->n : 1, sizeof *refs);
    stamp_pos *pos = raster ? im_malloc_array(sc->n ? sc->n : 1, sizeof *pos) : NULL;
    size_t *start = calloc(BATCH_KEYS + 1, sizeof *start);
    if (!keys || !refs || (raster && !pos) || !start) {
        free(keys), free(refs), free(pos), free(start);
        return false;
    }
    double span = (double)(sc->t_max - sc->t_min);
    size_t m = 0;
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        if (isnan(p->x))
            continue;
        bool coarse;
        int64_t t = marker_time(sc, p, &coarse);
        double age = span > 0 ? (double)(sc->t_max - t) / span : 0;
        int b = (int)floor((1 - fmin(fmax(age, 0), 1)) * (AGE_BUCKETS - 1) + 0.5);
        keys[i] = (uint16_t)(((unsigned)b * 2 + coarse) * IM_MAX_WEAPONS + (unsigned)p->weapon);
        start[keys[i] + 1]++;
        m++;
    }
    for (size_t k = 0; k < BATCH_KEYS; k++)
        start[k + 1] += start[k];
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        if (isnan(p->x))
            continue;
        size_t d = start[keys[i]]++;
        refs[d] = (bucket_ref){keys[i], (uint32_t)i};
        if (pos) {
            int ix, iy, v = stamp_place(p->x, p->y, half, &ix, &iy);
            pos[d] = (stamp_pos){ix, iy, v};
        }
    }
    free(keys);
    free(start);
    /* The leaders and site dots, under the stamps as under single markers. */
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    draw_leaders(sc);
    cairo_restore(cr);
    unsigned char *data = NULL;
    int stride = 0, clip[4] = {0, 0, 0, 0};
    if (raster) {
        cairo_surface_flush(target);
        data = cairo_image_surface_get_data(target);
        stride = cairo_image_surface_get_stride(target);
        const im_view *v = sc->view;
        /* A layer over the frame alone (draw_ahead.c) starts at the frame's
         * corner: its device offset moves positions into its own pixels. */
        double odx = 0, ody = 0;
        cairo_surface_get_device_offset(target, &odx, &ody);
        int ox = (int)lround(odx), oy = (int)lround(ody);
        clip[0] = (int)ceil(v->fx) + ox;
        clip[1] = (int)ceil(v->fy) + oy;
        clip[2] = (int)floor(v->fx + v->fw) + ox;
        clip[3] = (int)floor(v->fy + v->fh) + oy;
        clip[0] = clip[0] < 0 ? 0 : clip[0];
        clip[1] = clip[1] < 0 ? 0 : clip[1];
        clip[2] = clip[2] > cairo_image_surface_get_width(target) ? cairo_image_surface_get_width(target) : clip[2];
        clip[3] = clip[3] > cairo_image_surface_get_height(target) ? cairo_image_surface_get_height(target) : clip[3];
        for (size_t k = 0; (ox || oy) && k < m; k++) {
            pos[k].ix += ox;
            pos[k].iy += oy;
        }
    }
    bool ok = true;
    /* From the top down: which markers later ones hide (NULL: draw all). */
    unsigned char *hidden = raster && m > 0 ? markers_hidden(sc, refs, pos, m, side, size, lw,
                                                             span, clip, target) : NULL;
    /* A batch's stamps (four sub-pixel variants), made once per key. */
    size_t n_groups = 0;
    for (size_t a = 0; a < m; a++)
        n_groups += a == 0 || refs[a].key != refs[a - 1].key;
    blit_batch *batches = raster ? calloc(n_groups ? n_groups : 1, sizeof *batches) : NULL;
    ok = !raster || batches;
    size_t g = 0;
    for (size_t a = 0; a < m && ok;) {
        size_t b = a;
        while (b < m && refs[b].key == refs[a].key)
            b++;
        int weapon = (int)(refs[a].key % IM_MAX_WEAPONS);
        int bucket = (int)(refs[a].key / IM_MAX_WEAPONS / 2);
        bool coarse = refs[a].key / IM_MAX_WEAPONS % 2; /* a dashed edge */
        int64_t t = sc->t_max - (int64_t)((1 - (double)bucket / (AGE_BUCKETS - 1)) * span);
        im_rgba c = im_marker_color(sc, weapon, t);
        if (raster) {
            batches[g].from = a;
            batches[g].to = b;
            ok = make_stamps(st, weapon, c, coarse, side, size, lw, pt, batches[g].stamps);
            g++;
        } else {
            ok = im_vector_stamps(sc, refs + a, b - a, weapon, c, size, lw, side, coarse);
        }
        a = b;
    }
    if (raster && ok && m > 0) {
        /* Blitted in bands of rows on the CPUs, each band every stamp in
         * the drawing order, clipped to its rows: a pixel sees the same
         * stamps in the same order, so the image does not depend on the
         * threads (1,000,000 markers: 0.2 s on one core). */
        blit_job job = {batches, g, pos, hidden, side, data, stride,
                        {clip[0], clip[1], clip[2], clip[3]}};
        int threads = im_helper_threads(4);
        size_t rows = clip[3] > clip[1] ? (size_t)(clip[3] - clip[1]) : 0;
        if (rows > 0)
            im_parallel_for(rows, (rows + (size_t)threads - 1) / (size_t)threads, threads,
                            blit_band, &job);
    }
    for (size_t k = 0; raster && batches && k < g; k++)
        for (int v = 0; v < 4; v++)
            if (batches[k].stamps[v])
                cairo_surface_destroy(batches[k].stamps[v]);
    free(batches);
    if (raster)
        cairo_surface_mark_dirty(target);
    free(hidden);
    free(refs);
    free(pos);
    if (ok)
        draw_clusters(sc);
    return ok;
}

void im_marker_stamp(cairo_t *cr, const im_style *st, int weapon, im_rgba c, double cx,
                     double cy, double size, double lw, double pt, bool coarse)
{
    stamp_marker(cr, st, weapon, c, cx, cy, size, lw, pt, coarse);
}

void im_markers_draw(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    double size = st->marker_size * sc->view->pt;
    double lw = st->marker_stroke_width * sc->view->pt;
    bool sized = sc->size_src != IM_SIZE_BY_NONE;
    if (sc->n >= BATCH_FROM && !sized && sc->n_cats == 0 && markers_draw_batched(sc))
        return;
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    draw_leaders(sc);
    size_key *order = sized ? im_malloc_array(sc->n ? sc->n : 1, sizeof *order) : NULL;
    if (order) {
        for (size_t i = 0; i < sc->n; i++)
            order[i] = (size_key){sc->pts[i].size, sc->pts[i].time, sc->pts[i].rec, i};
        qsort(order, sc->n, sizeof *order, cmp_size_order);
    }
    for (size_t j = 0; j < sc->n; j++) {
        const im_placed *p = &sc->pts[order ? order[j].i : j];
        if (isnan(p->x))
            continue;
        /* A date known only to the month or year: coloured at the middle
         * of its period, with a dashed edge (the legend says so). */
        bool coarse;
        int64_t t = marker_time(sc, p, &coarse);
        im_rgba c = im_point_color(sc, p, t);
        if (p->size > 0 && p->sclass != IM_SIZE_VALUE)
            stamp_hollow(cr, st, p->weapon, c, p->x, p->y, p->size, sc->view->pt,
                         p->sclass == IM_SIZE_UNKNOWN);
        else
            stamp_marker(cr, st, p->weapon, c, p->x, p->y, p->size > 0 ? p->size : size, lw,
                         sc->view->pt, coarse);
    }
    free(order);
    draw_clusters(sc);
    cairo_restore(cr);
}
