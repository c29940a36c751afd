/* furniture.c - what a reader needs besides the data: where corners go,
 * the scale bar (geodesic, through PROJ), the north arrow (true north at
 * its own position) and the graticule with degree labels. */
#include "layout.h"

#include <geodesic.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static const im_corner default_prefer[4] = {IM_CORNER_BOTTOM_LEFT, IM_CORNER_BOTTOM_RIGHT,
                                            IM_CORNER_TOP_LEFT, IM_CORNER_TOP_RIGHT};

im_box im_corner_place(im_scene *sc, im_corner corner, double w, double h,
                       const im_corner prefer[4])
{
    return im_corner_place_kind(sc, -1, corner, w, h, prefer);
}

im_box im_corner_place_kind(im_scene *sc, int kind, im_corner corner, double w, double h,
                            const im_corner prefer[4])
{
    const im_view *v = sc->view;
    double in = 8 * v->pt;
    im_corner cand[4];
    int nc = 0;
    if (corner == IM_CORNER_AUTO) {
        for (int i = 0; i < 4; i++)
            cand[nc++] = (prefer ? prefer : default_prefer)[i];
    } else {
        cand[nc++] = corner;
    }
    /* Each candidate's box, then its score: markers under it (placed
     * positions, not true ones: a marker moved by its fan is where it is
     * drawn; a cluster counts for the incidents it holds), other furniture
     * a million each, sticking out of the frame 1e5. The markers are read
     * once for all the candidates (1,000,000 of them: 64 MB a pass). */
    im_box box[4];
    double score[4];
    double pad = sc->st->marker_size * v->pt * 0.7;
    for (int i = 0; i < nc; i++) {
        im_corner c = cand[i];
        double used = sc->corner_used[c];
        bool left = c == IM_CORNER_TOP_LEFT || c == IM_CORNER_BOTTOM_LEFT;
        bool top = c == IM_CORNER_TOP_LEFT || c == IM_CORNER_TOP_RIGHT;
        double x = left ? v->fx + in : v->fx + v->fw - in - w;
        double y = top ? v->fy + in + used : v->fy + v->fh - in - used - h;
        box[i] = (im_box){x, y, x + w, y + h};
        score[i] = 0;
    }
    for (size_t k = 0; k < sc->n; k++) {
        double px = sc->pts[k].x, py = sc->pts[k].y;
        for (int i = 0; i < nc; i++)
            if (px > box[i].x0 - pad && px < box[i].x1 + pad && py > box[i].y0 - pad &&
                py < box[i].y1 + pad)
                score[i] += 1;
    }
    im_box best = {0, 0, 0, 0};
    im_corner best_c = cand[0];
    double best_score = HUGE_VAL;
    for (int i = 0; i < nc; i++) {
        im_box b = box[i];
        for (size_t k = 0; k < sc->n_clusters; k++) {
            const im_cluster *cl = &sc->clusters[k];
            double r = im_cluster_radius(sc, cl->n);
            if (cl->x > b.x0 - r && cl->x < b.x1 + r && cl->y > b.y0 - r && cl->y < b.y1 + r)
                score[i] += (double)cl->n;
        }
        for (size_t k = sc->n_marker_boxes; k < sc->occupied.n; k++) /* not markers */
            if (im_box_overlap(sc->occupied.v[k], b))
                score[i] += 1e6;
        if (b.y0 < v->fy || b.y1 > v->fy + v->fh)
            score[i] += 1e5; /* would stick out of the frame */
        if (score[i] < best_score) {
            best_score = score[i];
            best = b;
            best_c = cand[i];
        }
    }
    sc->corner_used[best_c] += h + 6 * v->pt;
    if (im_boxes_add(&sc->occupied, best) != IM_OK) /* out of memory: only overlap checks suffer */
        im_log(sc->ctx, IM_LOG_DEBUG, "furniture box not recorded (out of memory)");
    /* Out of memory: the layout keeps it, and its dump is refused. */
    if (kind >= 0 && im_layout_add(sc->lay, (im_item_kind)kind, best, NULL, NAN, NAN, false))
        im_log(sc->ctx, IM_LOG_DEBUG, "furniture item not recorded (out of memory)");
    return best;
}

/* ---- scale bar ------------------------------------------------------- */

static double unit_metres(im_units u)
{
    return u == IM_UNITS_MI ? 1609.344 : u == IM_UNITS_NMI ? 1852.0 : 1000.0;
}

static const char *unit_name(im_units u)
{
    return u == IM_UNITS_MI ? "mi" : u == IM_UNITS_NMI ? "nmi" : "km";
}

/* Geodesic length in metres of a horizontal device segment centred at
 * (cx, cy), or NAN. */
static double geodesic_length(const im_view *v, double cx, double cy, double len)
{
    double lon1, lat1, lon2, lat2;
    if (!im_view_dev_to_lonlat(v, cx - len / 2, cy, &lon1, &lat1) ||
        !im_view_dev_to_lonlat(v, cx + len / 2, cy, &lon2, &lat2))
        return NAN;
    struct geod_geodesic g;
    geod_init(&g, 6378137.0, 1 / 298.257223563);
    double s12;
    geod_inverse(&g, lat1, lon1, lat2, lon2, &s12, NULL, NULL);
    return s12;
}

bool im_scalebar_compute(const im_view *v, im_units units, double max_len, double *len,
                         double *distance, char *label, size_t size)
{
    double cx = v->fx + v->fw / 2, cy = v->fy + v->fh / 2;
    double probe = fmin(max_len, v->fw / 4);
    double m = geodesic_length(v, cx, cy, probe);
    if (!(m > 0))
        return false;
    double per_dev = m / probe / unit_metres(units); /* units per device unit */
    double target = max_len * per_dev, best = 0;
    for (double p = pow(10, floor(log10(target))); p >= 1e-3 && best == 0; p /= 10)
        for (int k = 2; k >= 0; k--) {
            double cand = p * (k == 2 ? 5 : k == 1 ? 2 : 1);
            if (cand <= target) {
                best = cand;
                break;
            }
        }
    if (best == 0)
        return false;
    /* Refine: measure the bar itself, so the label is exact at the centre. */
    double l = best / per_dev;
    for (int it = 0; it < 3; it++) {
        double got = geodesic_length(v, cx, cy, l) / unit_metres(units);
        if (!(got > 0))
            return false;
        l *= best / got;
    }
    *len = l;
    *distance = best;
    snprintf(label, size, "%g %s", best, unit_name(units));
    return true;
}

static void draw_scalebar(im_scene *sc)
{
    const im_view *v = sc->view;
    const im_style *st = sc->st;
    cairo_t *cr = sc->cr;
    double pt = v->pt, len, dist;
    char label[32], half[32];
    if (!im_scalebar_compute(v, sc->opts->units, v->fw * 0.2, &len, &dist, label, sizeof label))
        return;
    snprintf(half, sizeof half, "%g", dist / 2);
    im_text_style ts = {NULL, st->small_size, false, false, {0.15, 0.15, 0.15, 1}, 1.0,
                        {1, 1, 1, 0.9}, 0};
    double lw, lh, hw, hh, zw, zh;
    im_text_measure(cr, v, st, &ts, label, &lw, &lh);
    im_text_measure(cr, v, st, &ts, half, &hw, &hh);
    im_text_measure(cr, v, st, &ts, "0", &zw, &zh);
    double bar_h = 3.5 * pt, pad = 3 * pt;
    double w = zw / 2 + len + lw / 2 + 2 * pad, h = bar_h + 2 * pt + lh + 2 * pad;
    im_box b = im_corner_place_kind(sc, IM_ITEM_SCALEBAR,
                                    sc->opts->scale_bar_pos ? sc->opts->scale_bar_pos
                                                            : IM_CORNER_BOTTOM_RIGHT, w, h, NULL);
    double x0 = b.x0 + pad + zw / 2, y0 = b.y0 + pad;
    cairo_save(cr);
    cairo_rectangle(cr, b.x0, b.y0, w, h);
    im_rgba panel = {1, 1, 1, 1};
    im_theme_color(&st->theme, IM_TH_PANEL, &panel); /* --theme */
    cairo_set_source_rgba(cr, panel.r, panel.g, panel.b, 0.75);
    cairo_fill(cr);
    /* --theme: the ink and the paper instead of dark grey and white */
    im_rgba dark = im_theme_or(&st->theme, IM_TH_INK, (im_rgba){0.2, 0.2, 0.2, 1});
    im_rgba light = im_theme_or(&st->theme, IM_TH_PAPER, (im_rgba){1, 1, 1, 1});
    for (int i = 0; i < 4; i++) { /* quarters, alternately dark and light */
        cairo_rectangle(cr, x0 + len * i / 4, y0, len / 4, bar_h);
        if (i % 2 == 0)
            cairo_set_source_rgb(cr, dark.r, dark.g, dark.b);
        else
            cairo_set_source_rgb(cr, light.r, light.g, light.b);
        cairo_fill(cr);
    }
    cairo_rectangle(cr, x0, y0, len, bar_h);
    cairo_set_source_rgb(cr, dark.r, dark.g, dark.b);
    cairo_set_line_width(cr, 0.5 * pt);
    cairo_stroke(cr);
    double ty = y0 + bar_h + 2 * pt;
    im_text_draw(cr, v, st, &ts, "0", x0 - zw / 2, ty);
    if (len / 2 - hw / 2 > zw / 2 + 2 * pt && len / 2 - hw / 2 > lw / 2 + 2 * pt)
        im_text_draw(cr, v, st, &ts, half, x0 + len / 2 - hw / 2, ty);
    im_text_draw(cr, v, st, &ts, label, x0 + len - lw / 2, ty);
    cairo_restore(cr);
}

/* ---- north arrow ------------------------------------------------------- */

bool im_north_angle(const im_view *v, double x, double y, double *angle)
{
    double lon, lat;
    if (!im_view_dev_to_lonlat(v, x, y, &lon, &lat))
        return false;
    double d = lat > 89.9 ? -0.01 : 0.01;
    double xs[2] = {lon, lon}, ys[2] = {lat, lat + d};
    if (im_view_project(NULL, v, xs, sizeof(double), ys, sizeof(double), 2) != IM_OK ||
        !isfinite(xs[0]) || !isfinite(xs[1]))
        return false;
    double dx = xs[1] - xs[0], dy = ys[1] - ys[0];
    if (d < 0) {
        dx = -dx;
        dy = -dy;
    }
    *angle = atan2(dx, -dy);
    return true;
}

static void draw_north_arrow(im_scene *sc)
{
    const im_view *v = sc->view;
    const im_style *st = sc->st;
    cairo_t *cr = sc->cr;
    double pt = v->pt, w = 22 * pt, h = 34 * pt;
    im_box b = im_corner_place_kind(sc, IM_ITEM_NORTH,
                                    sc->opts->north_arrow_pos ? sc->opts->north_arrow_pos
                                                             : IM_CORNER_TOP_RIGHT, w, h, NULL);
    double cx = (b.x0 + b.x1) / 2, cy = b.y0 + h * 0.6, ang;
    if (!im_north_angle(v, cx, cy, &ang))
        return;
    double r = 10 * pt;
    /* --theme: the ink and the paper instead of dark grey and white */
    im_rgba dark = im_theme_or(&st->theme, IM_TH_INK, (im_rgba){0.15, 0.15, 0.15, 1});
    im_rgba light = im_theme_or(&st->theme, IM_TH_PAPER, (im_rgba){1, 1, 1, 1});
    cairo_save(cr);
    cairo_translate(cr, cx, cy);
    cairo_rotate(cr, ang);
    /* A slim two-tone arrowhead; the dark half on the right. */
    cairo_move_to(cr, 0, -r);
    cairo_line_to(cr, r * 0.42, r * 0.75);
    cairo_line_to(cr, 0, r * 0.4);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, dark.r, dark.g, dark.b);
    cairo_fill(cr);
    cairo_move_to(cr, 0, -r);
    cairo_line_to(cr, -r * 0.42, r * 0.75);
    cairo_line_to(cr, 0, r * 0.4);
    cairo_close_path(cr);
    cairo_set_source_rgb(cr, light.r, light.g, light.b);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, dark.r, dark.g, dark.b);
    cairo_set_line_width(cr, 0.6 * pt);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    im_text_style ts = {NULL, st->body_size, true, false, {0.15, 0.15, 0.15, 1}, 1.2,
                        {1, 1, 1, 0.9}, 0};
    double nw, nh;
    im_text_measure(cr, v, st, &ts, "N", &nw, &nh);
    im_text_draw(cr, v, st, &ts, "N", -nw / 2, -r - nh - 1 * pt);
    cairo_restore(cr);
}

im_status im_furniture_draw(im_scene *sc)
{
    if (!(sc->opts->hide & IM_HIDE_NORTH_ARROW) && !(sc->drop & IM_DROP_NORTH))
        draw_north_arrow(sc);
    if (!(sc->opts->hide & IM_HIDE_SCALE_BAR))
        draw_scalebar(sc);
    return IM_OK;
}

/* ---- graticule ------------------------------------------------------- */

/* Lon/lat range seen in the frame: inverse of the densified frame edges. */
static bool visible_range(const im_view *v, double r[4])
{
    r[0] = r[1] = HUGE_VAL;
    r[2] = r[3] = -HUGE_VAL;
    int n = 0;
    for (int i = 0; i <= 32; i++)
        for (int e = 0; e < 4; e++) {
            double t = i / 32.0, x, y, lon, lat;
            x = e < 2 ? v->fx + t * v->fw : (e == 2 ? v->fx : v->fx + v->fw);
            y = e == 0 ? v->fy : e == 1 ? v->fy + v->fh : v->fy + t * v->fh;
            if (!im_view_dev_to_lonlat(v, x, y, &lon, &lat))
                continue;
            r[0] = fmin(r[0], lon); r[2] = fmax(r[2], lon);
            r[1] = fmin(r[1], lat); r[3] = fmax(r[3], lat);
            n++;
        }
    return n > 8;
}

double im_graticule_step(const im_view *v)
{
    static const double steps[] = {0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45};
    double r[4];
    if (!visible_range(v, r))
        return 0;
    double span = fmax(r[2] - r[0], r[3] - r[1]);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (span / steps[i] <= 8)
            return steps[i];
    return 45;
}

static void trace(im_scene *sc, bool meridian, double value, double from, double to)
{
    enum { N = 96 };
    double xs[N + 1], ys[N + 1];
    for (int i = 0; i <= N; i++) {
        double t = from + (to - from) * i / N;
        xs[i] = meridian ? value : t;
        ys[i] = meridian ? t : value;
    }
    if (im_view_project(sc->ctx, sc->view, xs, sizeof(double), ys, sizeof(double), N + 1) != IM_OK)
        return;
    bool pen = false;
    for (int i = 0; i <= N; i++) {
        if (!isfinite(xs[i])) {
            pen = false;
            continue;
        }
        if (pen)
            cairo_line_to(sc->cr, xs[i], ys[i]);
        else
            cairo_move_to(sc->cr, xs[i], ys[i]);
        pen = true;
    }
}

void im_graticule_draw(im_scene *sc)
{
    const im_view *v = sc->view;
    double step = im_graticule_step(v), r[4];
    if (step <= 0 || !visible_range(v, r))
        return;
    cairo_t *cr = sc->cr;
    cairo_save(cr);
    im_rgba g = im_theme_or(&sc->st->theme, IM_TH_GRATICULE, (im_rgba){0.35, 0.4, 0.45, 0.35});
    cairo_set_source_rgba(cr, g.r, g.g, g.b, g.a);
    cairo_set_line_width(cr, 0.4 * v->pt);
    double lat0 = fmax(r[1] - step, -89.9), lat1 = fmin(r[3] + step, 89.9);
    for (double lon = floor(r[0] / step) * step; lon <= r[2] + step; lon += step)
        trace(sc, true, lon, lat0, lat1);
    for (double lat = floor(r[1] / step) * step; lat <= r[3] + step; lat += step)
        if (lat > -90 && lat < 90)
            trace(sc, false, lat, r[0] - step, r[2] + step);
    cairo_stroke(cr);
    cairo_restore(cr);
}

static void degree_label(double value, double step, bool lon, char *buf, size_t size)
{
    if (lon)
        value = remainder(value, 360.0); /* 190 E is 170 W */
    const char *hemi = lon ? (value < 0 ? "W" : value > 0 ? "E" : "") : (value < 0 ? "S" : value > 0 ? "N" : "");
    int decimals = step >= 1 ? 0 : step >= 0.5 ? 1 : 2;
    snprintf(buf, size, "%.*f\u00b0%s", decimals, fabs(value), hemi);
}

void im_graticule_margins(const im_style *st, double pt, double *left, double *bottom)
{
    /* Estimates from the small text size; exact measuring needs a surface. */
    *left = st->small_size * pt * 3.6 + 3 * pt;
    *bottom = st->small_size * pt * 1.5 + 2 * pt;
}

void im_graticule_labels(im_scene *sc)
{
    if (sc->drop & IM_DROP_GRATICULE_LABELS)
        return;
    const im_view *v = sc->view;
    double step = im_graticule_step(v), r[4];
    if (step <= 0 || !visible_range(v, r))
        return;
    im_rgba tick = im_theme_or(&sc->st->theme, IM_TH_INK, (im_rgba){0.3, 0.3, 0.3, 1});
    im_text_style ts = {NULL, sc->st->small_size, false, false, {0.3, 0.3, 0.3, 1}, 0,
                        {0, 0, 0, 0}, 0};
    double bottom = v->fy + v->fh, last = -HUGE_VAL;
    for (double lon = floor(r[0] / step) * step; lon <= r[2] + step; lon += step) {
        /* Where the meridian crosses the bottom edge. */
        enum { N = 200 };
        double xs[N + 1], ys[N + 1];
        for (int i = 0; i <= N; i++) {
            xs[i] = lon;
            ys[i] = r[1] - step + (r[3] - r[1] + 2 * step) * i / N;
        }
        if (im_view_project(sc->ctx, v, xs, sizeof(double), ys, sizeof(double), N + 1) != IM_OK)
            return;
        for (int i = 0; i < N; i++) {
            if (!isfinite(xs[i]) || !isfinite(xs[i + 1]))
                continue;
            if ((ys[i] - bottom) * (ys[i + 1] - bottom) > 0 || ys[i] == ys[i + 1])
                continue;
            double t = (bottom - ys[i]) / (ys[i + 1] - ys[i]);
            double x = xs[i] + t * (xs[i + 1] - xs[i]);
            if (x < v->fx || x > v->fx + v->fw)
                break;
            char lab[32];
            degree_label(lon, step, true, lab, sizeof lab);
            double w, h;
            im_text_measure(sc->cr, v, sc->st, &ts, lab, &w, &h);
            if (x - w / 2 > last + 4 * v->pt) {
                cairo_move_to(sc->cr, x, bottom);
                cairo_line_to(sc->cr, x, bottom + 2 * v->pt);
                cairo_set_source_rgba(sc->cr, tick.r, tick.g, tick.b, 1);
                cairo_set_line_width(sc->cr, 0.5 * v->pt);
                cairo_stroke(sc->cr);
                im_text_draw(sc->cr, v, sc->st, &ts, lab, x - w / 2, bottom + 2.5 * v->pt);
                if (im_layout_add(sc->lay, IM_ITEM_GRATICULE_LABEL,
                                  (im_box){x - w / 2, bottom + 2.5 * v->pt, x + w / 2,
                                           bottom + 2.5 * v->pt + h}, lab, NAN, NAN, false))
                    im_log(sc->ctx, IM_LOG_DEBUG, "graticule label not recorded (out of memory)");
                last = x + w / 2;
            }
            break;
        }
    }
    double left = v->fx, lasty = HUGE_VAL;
    for (double lat = floor(r[1] / step) * step; lat <= r[3] + step; lat += step) {
        enum { N = 200 };
        double xs[N + 1], ys[N + 1];
        for (int i = 0; i <= N; i++) {
            xs[i] = r[0] - step + (r[2] - r[0] + 2 * step) * i / N;
            ys[i] = lat;
        }
        if (im_view_project(sc->ctx, v, xs, sizeof(double), ys, sizeof(double), N + 1) != IM_OK)
            return;
        for (int i = 0; i < N; i++) {
            if (!isfinite(xs[i]) || !isfinite(xs[i + 1]))
                continue;
            if ((xs[i] - left) * (xs[i + 1] - left) > 0 || xs[i] == xs[i + 1])
                continue;
            double t = (left - xs[i]) / (xs[i + 1] - xs[i]);
            double y = ys[i] + t * (ys[i + 1] - ys[i]);
            if (y < v->fy || y > v->fy + v->fh)
                break;
            char lab[32];
            degree_label(lat, step, false, lab, sizeof lab);
            double w, h;
            im_text_measure(sc->cr, v, sc->st, &ts, lab, &w, &h);
            if (y + h / 2 < lasty - 2 * v->pt) {
                cairo_move_to(sc->cr, left, y);
                cairo_line_to(sc->cr, left - 2 * v->pt, y);
                cairo_set_source_rgba(sc->cr, tick.r, tick.g, tick.b, 1);
                cairo_set_line_width(sc->cr, 0.5 * v->pt);
                cairo_stroke(sc->cr);
                im_text_draw(sc->cr, v, sc->st, &ts, lab, left - 3 * v->pt - w, y - h / 2);
                if (im_layout_add(sc->lay, IM_ITEM_GRATICULE_LABEL,
                                  (im_box){left - 3 * v->pt - w, y - h / 2, left - 3 * v->pt,
                                           y + h / 2}, lab, NAN, NAN, false))
                    im_log(sc->ctx, IM_LOG_DEBUG, "graticule label not recorded (out of memory)");
                lasty = y - h / 2;
            }
            break;
        }
    }
}
