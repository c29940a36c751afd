/* legend.c - the legend: what was drawn, with counts, the date scale as a
 * colour bar with calendar ticks, and notes on fading and dodging. The box
 * goes into the frame corner that covers the fewest markers. */
#include "im_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void im_date_tick_label(int64_t t, int step_months, int step_days, char *buf, size_t size)
{
    int y, m, d;
    im_date_split(t, &y, &m, &d);
    if (step_months >= 12)
        snprintf(buf, size, "%d", y);
    else if (step_months > 0)
        snprintf(buf, size, "%s %d", month_abbr[m - 1], y);
    else
        snprintf(buf, size, "%d %s", d, month_abbr[m - 1]);
    (void)step_days;
}

/* Calendar ticks inside [t0, t1], at most max_ticks of them. */
typedef struct ticks {
    int64_t t[16];
    int n, step_months, step_days;
} ticks;

static void choose_ticks(int64_t t0, int64_t t1, int max_ticks, ticks *out)
{
    static const int month_steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 600};
    static const int day_steps[] = {1, 2, 7, 14};
    memset(out, 0, sizeof *out);
    if (max_ticks > 16)
        max_ticks = 16;
    if (t1 <= t0 || max_ticks < 1)
        return;
    for (size_t k = 0; k < sizeof day_steps / sizeof day_steps[0]; k++) {
        int64_t step = (int64_t)day_steps[k] * 86400;
        int64_t first = (t0 + step - 1) / step * step;
        int n = first <= t1 ? (int)((t1 - first) / step) + 1 : 0;
        if (n >= 2 && n <= max_ticks) {
            for (int i = 0; i < n; i++)
                out->t[i] = first + i * step;
            out->n = n;
            out->step_days = day_steps[k];
            return;
        }
    }
    for (size_t k = 0; k < sizeof month_steps / sizeof month_steps[0]; k++) {
        int step = month_steps[k];
        int y, m, d;
        im_date_split(t0, &y, &m, &d);
        /* first boundary >= t0 aligned to the step */
        int64_t mi = (int64_t)y * 12 + (m - 1);
        if (d != 1 || t0 % 86400)
            mi++;
        while (mi % step)
            mi++;
        int n = 0;
        int64_t tt[16];
        for (; n < 17; mi += step) {
            int64_t t = im_date_make((int)(mi / 12), (int)(mi % 12) + 1, 1);
            if (t > t1)
                break;
            if (n < 16)
                tt[n] = t;
            n++;
        }
        if (n <= max_ticks && (n >= 2 || k + 1 == sizeof month_steps / sizeof month_steps[0] ||
                               step >= 12)) {
            memcpy(out->t, tt, sizeof(int64_t) * (size_t)(n < 16 ? n : 16));
            out->n = n;
            out->step_months = step;
            return;
        }
    }
}

typedef struct row {
    int weapon; /* -1 for a text-only row */
    char text[96], count[24];
} row;

im_status im_legend_draw(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    const im_view *v = sc->view;
    double pt = v->pt;
    bool by_date = sc->opts->color_by == IM_COLOR_BY_DATE;
    im_text_style head = {NULL, st->body_size, true, false, {0.1, 0.1, 0.1, 1}, 0, {0, 0, 0, 0}};
    im_text_style body = {NULL, st->body_size, false, false, {0.15, 0.15, 0.15, 1}, 0, {0, 0, 0, 0}};
    im_text_style small = {NULL, st->small_size, false, false, {0.3, 0.3, 0.3, 1}, 0, {0, 0, 0, 0}};

    row rows[IM_MAX_WEAPONS];
    int nrows = 0;
    for (int w = 0; w < st->n_weapons; w++)
        if (sc->weapon_counts[w]) {
            rows[nrows].weapon = w;
            snprintf(rows[nrows].text, sizeof rows[0].text, "%s", st->weapons[w].label);
            snprintf(rows[nrows].count, sizeof rows[0].count, "%zu", sc->weapon_counts[w]);
            nrows++;
        }

    double pad = 6 * pt, gap = 3 * pt, sym = st->marker_size * pt * 1.3;
    double w_head, h_head, tw, th, cw, ch;
    const char *title = by_date ? "Attack type and date" : "Attack type";
    im_text_measure(cr, v, st, &head, title, &w_head, &h_head);
    double inner = w_head, row_h = sym;
    double count_w = 0;
    for (int i = 0; i < nrows; i++) {
        im_text_measure(cr, v, st, &body, rows[i].text, &tw, &th);
        im_text_measure(cr, v, st, &body, rows[i].count, &cw, &ch);
        count_w = fmax(count_w, cw);
        inner = fmax(inner, sym + gap + tw + 3 * gap + cw);
        row_h = fmax(row_h, th);
    }
    char empty[] = "No incidents in the selection";
    if (nrows == 0) {
        im_text_measure(cr, v, st, &body, empty, &tw, &th);
        inner = fmax(inner, tw);
    }

    /* The date scale: a ramp (date mode) or a fade (weapon mode). */
    bool bar = sc->n > 0 && sc->t_max > sc->t_min &&
               (by_date || st->fade_oldest > 0.01);
    const char *bar_note = by_date ? "Colour shows the date" : "Paler markers are older";
    double bar_w = fmax(inner, 120 * pt), bar_h = 7 * pt, nw, nh, lw_, lh;
    ticks tk;
    memset(&tk, 0, sizeof tk);
    im_text_measure(cr, v, st, &small, "Mar 2021", &lw_, &lh);
    if (bar) {
        im_text_measure(cr, v, st, &small, bar_note, &nw, &nh);
        bar_w = fmax(bar_w, nw);
        choose_ticks(sc->t_min, sc->t_max, (int)(bar_w / (lw_ * 1.3)), &tk);
        inner = fmax(inner, bar_w);
    }
    const char *dodge_note = "Attacks on one site fan out around it";
    double dw = 0, dh = 0;
    if (sc->n_sites_dodged) {
        im_text_measure(cr, v, st, &small, dodge_note, &dw, &dh);
        inner = fmax(inner, dw);
    }
    bar_w = inner;

    double h = pad + h_head + gap;
    h += nrows ? nrows * (row_h + gap) : row_h + gap;
    if (bar)
        h += gap + nh + gap + bar_h + gap / 2 + lh;
    if (sc->n_sites_dodged)
        h += gap * 2 + dh;
    h += pad;
    double w = inner + 2 * pad;

    /* The corner covering the fewest markers wins; ties go to bottom-left. */
    double inset = 8 * pt;
    double cx[4] = {v->fx + inset, v->fx + v->fw - inset - w, v->fx + inset,
                    v->fx + v->fw - inset - w};
    double cy[4] = {v->fy + v->fh - inset - h, v->fy + v->fh - inset - h, v->fy + inset,
                    v->fy + inset};
    int best = 0;
    size_t best_hits = (size_t)-1;
    for (int c = 0; c < 4; c++) {
        im_box b = {cx[c], cy[c], cx[c] + w, cy[c] + h};
        size_t hits = 0;
        for (size_t i = 0; i < sc->n; i++)
            if (sc->pts[i].x > b.x0 - sym && sc->pts[i].x < b.x1 + sym &&
                sc->pts[i].y > b.y0 - sym && sc->pts[i].y < b.y1 + sym)
                hits++;
        if (im_boxes_hit(&sc->occupied, b)) /* furniture already there */
            hits += 100000;
        if (hits < best_hits) {
            best_hits = hits;
            best = c;
        }
    }
    double x = cx[best], y = cy[best];
    im_box box = {x, y, x + w, y + h};
    if (im_boxes_add(&sc->occupied, box) != IM_OK)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");

    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.92);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 0.55, 0.55, 0.55, 1);
    cairo_set_line_width(cr, 0.5 * pt);
    cairo_stroke(cr);

    double yy = y + pad;
    im_text_draw(cr, v, st, &head, title, x + pad, yy);
    yy += h_head + gap;
    if (nrows == 0) {
        im_text_draw(cr, v, st, &body, empty, x + pad, yy);
        yy += row_h + gap;
    }
    for (int i = 0; i < nrows; i++) {
        int wi = rows[i].weapon;
        double mx = x + pad + sym / 2, my = yy + row_h / 2;
        im_rgba c = by_date ? (im_rgba){0.35, 0.35, 0.35, 1} : st->weapons[wi].color;
        im_marker_path(cr, st->weapons[wi].shape, mx, my, st->marker_size * pt);
        cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
        cairo_fill_preserve(cr);
        cairo_set_source_rgba(cr, 0.15, 0.15, 0.15, 0.45);
        cairo_set_line_width(cr, 0.35 * pt);
        cairo_stroke(cr);
        im_text_measure(cr, v, st, &body, rows[i].text, &tw, &th);
        im_text_draw(cr, v, st, &body, rows[i].text, x + pad + sym + gap, yy + (row_h - th) / 2);
        im_text_measure(cr, v, st, &body, rows[i].count, &cw, &ch);
        im_text_draw(cr, v, st, &body, rows[i].count, x + w - pad - cw, yy + (row_h - ch) / 2);
        yy += row_h + gap;
    }
    if (bar) {
        yy += gap;
        im_text_draw(cr, v, st, &small, bar_note, x + pad, yy);
        yy += nh + gap;
        double bx = x + pad;
        int steps = 64;
        im_scene tmp = *sc;
        for (int i = 0; i < steps; i++) {
            int64_t t = sc->t_min + (int64_t)((double)(sc->t_max - sc->t_min) * (i + 0.5) / steps);
            /* In weapon mode the fade is shown on a neutral dark grey. */
            im_rgba c;
            if (by_date) {
                c = im_marker_color(&tmp, 0, t);
            } else {
                double age = (double)(sc->t_max - t) / (double)(sc->t_max - sc->t_min);
                double f = age * st->fade_oldest;
                double g = 0.25 + (1 - 0.25) * f;
                c = (im_rgba){g, g, g, 1};
            }
            cairo_rectangle(cr, bx + bar_w * i / steps, yy, bar_w / steps + 0.5 * pt, bar_h);
            cairo_set_source_rgba(cr, c.r, c.g, c.b, 1);
            cairo_fill(cr);
        }
        cairo_rectangle(cr, bx, yy, bar_w, bar_h);
        cairo_set_source_rgba(cr, 0.4, 0.4, 0.4, 1);
        cairo_set_line_width(cr, 0.4 * pt);
        cairo_stroke(cr);
        double last_right = -1e30;
        for (int i = 0; i < tk.n && i < 16; i++) {
            double tx = bx + bar_w * (double)(tk.t[i] - sc->t_min) / (double)(sc->t_max - sc->t_min);
            cairo_move_to(cr, tx, yy);
            cairo_line_to(cr, tx, yy + bar_h + 1.5 * pt);
            cairo_stroke(cr);
            char lab[32];
            im_date_tick_label(tk.t[i], tk.step_months, tk.step_days, lab, sizeof lab);
            double lw2, lh2;
            im_text_measure(cr, v, st, &small, lab, &lw2, &lh2);
            double lx = tx - lw2 / 2;
            if (lx < bx - pad / 2) lx = bx - pad / 2;
            if (lx + lw2 > bx + bar_w + pad / 2) lx = bx + bar_w + pad / 2 - lw2;
            if (lx > last_right + 2 * pt) {
                im_text_draw(cr, v, st, &small, lab, lx, yy + bar_h + 1.5 * pt);
                last_right = lx + lw2;
            }
        }
        yy += bar_h + gap / 2 + lh;
    }
    if (sc->n_sites_dodged) {
        yy += gap * 2;
        im_text_draw(cr, v, st, &small, dodge_note, x + pad, yy);
    }
    cairo_restore(cr);
    return IM_OK;
}
