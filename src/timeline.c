/* timeline.c - the strip under the map: incidents per week or month
 * (chosen for the span), stacked by weapon in the legend's colours, on a
 * calendar axis. */
#include "im_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double im_timeline_height(const im_style *st, double pt)
{
    return (44 + st->small_size * 1.6) * pt;
}

/* Start of the bin holding t: Monday of its week, or the 1st of its month. */
static int64_t bin_start(int64_t t, bool weekly)
{
    int64_t day = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    if (weekly) /* 1970-01-01 was a Thursday: shift so weeks start on Monday */
        return (day - (((day + 3) % 7) + 7) % 7) * 86400;
    int y, m, d;
    im_date_split(t, &y, &m, &d);
    return im_date_make(y, m, 1);
}

static int64_t bin_next(int64_t start, bool weekly)
{
    if (weekly)
        return start + 7 * 86400;
    int y, m, d;
    im_date_split(start, &y, &m, &d);
    return m == 12 ? im_date_make(y + 1, 1, 1) : im_date_make(y, m + 1, 1);
}

im_status im_timeline_draw(im_scene *sc, double x, double y, double w, double h)
{
    if (sc->n == 0 || sc->t_max <= sc->t_min)
        return IM_OK;
    const im_style *st = sc->st;
    const im_view *v = sc->view;
    cairo_t *cr = sc->cr;
    double pt = v->pt;
    bool weekly = sc->t_max - sc->t_min <= (int64_t)200 * 86400;
    int64_t first = bin_start(sc->t_min, weekly);
    size_t nb = 0;
    for (int64_t b = first; b <= sc->t_max && nb < 100000; b = bin_next(b, weekly))
        nb++;
    size_t *counts = calloc(nb * IM_MAX_WEAPONS, sizeof *counts);
    int64_t *starts = im_malloc_array(nb + 1, sizeof *starts);
    if (!counts || !starts) {
        free(counts);
        free(starts);
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    }
    starts[0] = first;
    for (size_t i = 1; i <= nb; i++)
        starts[i] = bin_next(starts[i - 1], weekly);
    size_t peak = 0;
    for (size_t i = 0; i < sc->n; i++) {
        int64_t t = sc->pts[i].time;
        /* binary search for the bin */
        size_t lo = 0, hi = nb;
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (starts[mid] <= t) lo = mid; else hi = mid;
        }
        counts[lo * IM_MAX_WEAPONS + (size_t)sc->pts[i].weapon]++;
    }
    for (size_t b = 0; b < nb; b++) {
        size_t sum = 0;
        for (int k = 0; k < IM_MAX_WEAPONS; k++)
            sum += counts[b * IM_MAX_WEAPONS + k];
        if (sum > peak)
            peak = sum;
    }
    im_text_style ts = {NULL, st->small_size, false, false, {0.3, 0.3, 0.3, 1}, 0, {0, 0, 0, 0}, 0};
    char lab[64];
    snprintf(lab, sizeof lab, "Incidents per %s (most: %zu)", weekly ? "week" : "month", peak);
    double lw, lh;
    im_text_measure(cr, v, st, &ts, lab, &lw, &lh);
    double axis_h = lh + 3 * pt, plot_y = y + lh + 2 * pt, plot_h = h - axis_h - lh - 2 * pt;
    /* The y axis: counts at a round step (1, 2, 5, 10, ...: at most three
     * above zero), labelled left of the plot, with light rules across. */
    size_t step = 1;
    for (size_t e = 1; peak / step > 3 && e < (size_t)1e15; e *= 10)
        for (int k = 0; k < 3; k++) {
            step = (size_t)(k == 0 ? 1 : k == 1 ? 2 : 5) * e;
            if (peak / step <= 3)
                break;
        }
    char top[32];
    snprintf(top, sizeof top, "%zu", peak / step * step);
    double yw, yh;
    im_text_measure(cr, v, st, &ts, top, &yw, &yh);
    double axis_w = yw + 4 * pt, x0 = x;
    x += axis_w;
    w -= axis_w;
    im_text_draw(cr, v, st, &ts, lab, x, y);
    int64_t span0 = starts[0], span1 = starts[nb];
    double scale_x = w / (double)(span1 - span0);
    cairo_save(cr);
    cairo_set_line_width(cr, 0.5 * pt);
    for (size_t c = 0; c <= peak; c += step) {
        double yy = plot_y + plot_h - plot_h * (double)c / (double)peak;
        if (c > 0) {
            cairo_move_to(cr, x, yy);
            cairo_line_to(cr, x + w, yy);
            cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
            cairo_stroke(cr);
        }
        cairo_move_to(cr, x - 2 * pt, yy);
        cairo_line_to(cr, x, yy);
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_stroke(cr);
        char cl[32];
        double cw, ch;
        snprintf(cl, sizeof cl, "%zu", c);
        if (im_text_measure(cr, v, st, &ts, cl, &cw, &ch))
            im_text_draw(cr, v, st, &ts, cl, x0 + yw - cw, yy - ch / 2);
    }
    cairo_move_to(cr, x, plot_y);
    cairo_line_to(cr, x, plot_y + plot_h);
    cairo_stroke(cr);
    for (size_t b = 0; b < nb; b++) {
        double bx = x + (double)(starts[b] - span0) * scale_x;
        double bw = fmax((double)(starts[b + 1] - starts[b]) * scale_x - 0.6 * pt, 0.5 * pt);
        double base = plot_y + plot_h;
        for (int k = 0; k < st->n_weapons; k++) {
            size_t c = counts[b * IM_MAX_WEAPONS + (size_t)k];
            if (!c)
                continue;
            double bh = plot_h * (double)c / (double)peak;
            im_rgba col = st->weapons[k].color;
            cairo_rectangle(cr, bx, base - bh, bw, bh);
            cairo_set_source_rgba(cr, col.r, col.g, col.b, 1);
            cairo_fill(cr);
            base -= bh;
        }
    }
    /* baseline and calendar ticks */
    double by = plot_y + plot_h;
    cairo_move_to(cr, x, by);
    cairo_line_to(cr, x + w, by);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_set_line_width(cr, 0.5 * pt);
    cairo_stroke(cr);
    double tw, th;
    im_text_measure(cr, v, st, &ts, "Mar 2021", &tw, &th);
    im_ticks tk;
    im_choose_ticks(span0, span1, (int)(w / (tw * 1.6)), &tk);
    double last = -HUGE_VAL;
    for (int i = 0; i < tk.n && i < 16; i++) {
        double tx = x + (double)(tk.t[i] - span0) * scale_x;
        cairo_move_to(cr, tx, by);
        cairo_line_to(cr, tx, by + 2 * pt);
        cairo_stroke(cr);
        char tl[32];
        im_date_tick_label(tk.t[i], tk.step_months, tk.step_hours ? -tk.step_hours : tk.step_days,
                           tl, sizeof tl);
        double w2, h2;
        im_text_measure(cr, v, st, &ts, tl, &w2, &h2);
        double lx = fmin(fmax(tx - w2 / 2, x), x + w - w2);
        if (lx > last + 3 * pt) {
            im_text_draw(cr, v, st, &ts, tl, lx, by + 2.5 * pt);
            last = lx + w2;
        }
    }
    cairo_restore(cr);
    free(counts);
    free(starts);
    return IM_OK;
}
