/* symbol.c - marker shapes, marker colours, and dodging of incidents that
 * share a site so that each one stays visible. */
#include "im_private.h"

#include <math.h>
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

static int cmp_site(const void *a, const void *b)
{
    const im_placed *p = a, *q = b;
    double px = floor(p->sx * 2), qx = floor(q->sx * 2);
    if (px != qx) return px < qx ? -1 : 1;
    double py = floor(p->sy * 2), qy = floor(q->sy * 2);
    if (py != qy) return py < qy ? -1 : 1;
    /* newest first: it takes the centre of the packing */
    if (p->time != q->time) return p->time > q->time ? -1 : 1;
    return p->rec < q->rec ? -1 : p->rec > q->rec;
}

static int cmp_draw(const void *a, const void *b)
{
    const im_placed *p = a, *q = b;
    if (p->time != q->time) return p->time < q->time ? -1 : 1;
    return p->rec < q->rec ? -1 : p->rec > q->rec;
}

/* Position k (0-based) of a hexagonal spiral with unit spacing. */
static void hex_position(size_t k, double *x, double *y)
{
    if (k == 0) {
        *x = *y = 0;
        return;
    }
    size_t ring = 1, first = 1;
    while (first + 6 * ring <= k) {
        first += 6 * ring;
        ring++;
    }
    size_t off = k - first, side = off / ring, step = off % ring;
    /* corners of the ring, walking counter-clockwise from the right */
    double a0 = side * M_PI / 3, a1 = (side + 1) * M_PI / 3;
    double cx0 = ring * cos(a0), cy0 = ring * sin(a0);
    double cx1 = ring * cos(a1), cy1 = ring * sin(a1);
    double t = (double)step / ring;
    *x = cx0 + (cx1 - cx0) * t;
    *y = -(cy0 + (cy1 - cy0) * t);
}

im_status im_markers_dodge(im_scene *sc)
{
    if (sc->n < 2)
        return IM_OK;
    double spacing = sc->st->marker_size * sc->view->pt * 1.08;
    qsort(sc->pts, sc->n, sizeof *sc->pts, cmp_site);
    for (size_t i = 0; i < sc->n;) {
        size_t j = i + 1;
        while (j < sc->n && floor(sc->pts[j].sx * 2) == floor(sc->pts[i].sx * 2) &&
               floor(sc->pts[j].sy * 2) == floor(sc->pts[i].sy * 2))
            j++;
        size_t g = j - i;
        if (g > 1) {
            sc->n_sites_dodged++;
            for (size_t k = 0; k < g; k++) {
                double dx, dy;
                if (g <= 7) { /* a small ring around the site */
                    double r = spacing / (2 * sin(M_PI / (double)g));
                    double a = M_PI + 2 * M_PI * (double)k / (double)g;
                    if (g == 2) r = spacing / 2;
                    dx = r * cos(a);
                    dy = r * sin(a);
                } else {
                    hex_position(k, &dx, &dy);
                    dx *= spacing;
                    dy *= spacing;
                }
                sc->pts[i + k].x = sc->pts[i + k].sx + dx;
                sc->pts[i + k].y = sc->pts[i + k].sy + dy;
            }
        }
        i = j;
    }
    qsort(sc->pts, sc->n, sizeof *sc->pts, cmp_draw);
    return IM_OK;
}

void im_markers_draw(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    double size = st->marker_size * sc->view->pt;
    double lw = st->marker_stroke_width * sc->view->pt;
    cairo_save(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    /* Thin leaders from displaced markers to their site, then the site dots. */
    cairo_set_source_rgba(cr, 0.2, 0.2, 0.2, 0.55);
    cairo_set_line_width(cr, 0.5 * sc->view->pt);
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        if (p->x != p->sx || p->y != p->sy) {
            cairo_move_to(cr, p->sx, p->sy);
            cairo_line_to(cr, p->x, p->y);
        }
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        im_rgba c = im_marker_color(sc, p->weapon, p->time);
        im_marker_path(cr, st->weapons[p->weapon].shape, p->x, p->y, size);
        cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
        cairo_fill_preserve(cr);
        cairo_set_source_rgba(cr, st->marker_stroke.r, st->marker_stroke.g, st->marker_stroke.b,
                              st->marker_stroke.a);
        cairo_set_line_width(cr, lw);
        cairo_stroke(cr);
        /* A hairline dark edge keeps pale (old) markers readable on land. */
        im_marker_path(cr, st->weapons[p->weapon].shape, p->x, p->y, size + lw);
        cairo_set_source_rgba(cr, 0.15, 0.15, 0.15, 0.45);
        cairo_set_line_width(cr, 0.35 * sc->view->pt);
        cairo_stroke(cr);
    }
    cairo_restore(cr);
}
