/* legend.c - the legend: what was drawn, with counts, the date scale as a
 * colour bar with calendar ticks, and notes on fading and dodging. The box
 * goes into the frame corner that covers the fewest markers. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void im_format_count(size_t n, char *buf, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n), o = 0;
    for (int i = 0; i < len && (size_t)o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

void im_date_tick_label(int64_t t, int step_months, int step_days, char *buf, size_t size)
{
    int y, m, d;
    im_date_split(t, &y, &m, &d);
    if (step_months >= 12)
        snprintf(buf, size, "%d", y);
    else if (step_months > 0)
        snprintf(buf, size, "%s %d", month_abbr[m - 1], y);
    else if (step_days < 0 && t % 86400)
        snprintf(buf, size, "%02d:%02d", (int)(t % 86400 / 3600), (int)(t % 3600 / 60));
    else
        snprintf(buf, size, "%d %s", d, month_abbr[m - 1]);
}

/* Ticks every 1, 2, 3, 6 or 12 hours, when the span is three days at most
 * and at least min_n and at most max_ticks fall in [t0, t1]. */
static bool hour_ticks(int64_t t0, int64_t t1, int max_ticks, int min_n, im_ticks *out)
{
    static const int hour_steps[] = {1, 2, 3, 6, 12};
    if (t1 - t0 > 3 * 86400)
        return false; /* longer spans: days, months, years */
    for (size_t k = 0; k < sizeof hour_steps / sizeof hour_steps[0]; k++) {
        int64_t step = (int64_t)hour_steps[k] * 3600;
        int64_t first = t0 >= 0 ? (t0 + step - 1) / step * step : t0 / step * step;
        int n = first <= t1 ? (int)((t1 - first) / step) + 1 : 0;
        if (n >= min_n && n <= max_ticks) {
            for (int i = 0; i < n; i++)
                out->t[i] = first + i * step;
            out->n = n;
            out->step_hours = hour_steps[k];
            return true;
        }
    }
    return false;
}

void im_choose_ticks(int64_t t0, int64_t t1, int max_ticks, im_ticks *out)
{
    static const int month_steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 600};
    static const int day_steps[] = {1, 2, 7, 14};
    memset(out, 0, sizeof *out);
    if (max_ticks > 16)
        max_ticks = 16;
    if (t1 <= t0 || max_ticks < 1)
        return;
    /* Spans of hours or a day or two: ticks on the hour (at least three,
     * so that two days get their noons rather than two bare dates). */
    if (hour_ticks(t0, t1, max_ticks, 3, out))
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
    /* Hours that a narrow bar cannot tick thrice: twice. */
    if (hour_ticks(t0, t1, max_ticks, 2, out))
        return;
    /* Calendar steps: the first that puts at least two ticks (at most
     * max_ticks) on the bar. */
    int64_t single = INT64_MIN; /* the first step's lone tick, when one gave only one */
    int single_step = 0;
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
        if (n >= 2 && n <= max_ticks) {
            memcpy(out->t, tt, sizeof(int64_t) * (size_t)n);
            out->n = n;
            out->step_months = step;
            return;
        }
        if (n == 1 && single == INT64_MIN) {
            single = tt[0];
            single_step = step;
        }
    }
    /* No step fits (3 January to 28 December on a bar with room for two:
     * quarters give three, half-years only July, years none): the span's
     * two ends, dated as finely as the span asks ("3 Jan" / "28 Dec" within
     * four months, "Jan 2024" / "Dec 2024" within ten years, else years).
     * A bar with room for one label only: a lone calendar tick, else the
     * start. A colour bar is never left without a date. */
    int64_t span = t1 - t0;
    if (max_ticks >= 2) {
        out->t[0] = t0;
        out->t[1] = t1;
        out->n = 2;
        out->ends = true;
        if (span <= 120 * (int64_t)86400)
            out->step_days = 1;
        else
            out->step_months = span <= 3653 * (int64_t)86400 ? 1 : 12;
        return;
    }
    out->n = 1;
    if (single != INT64_MIN) {
        out->t[0] = single;
        out->step_months = single_step;
    } else {
        out->t[0] = t0;
        out->step_months = span <= 3653 * (int64_t)86400 ? 1 : 12;
    }
}

typedef struct row {
    int weapon; /* -1 for a text-only row or a category */
    int cat;    /* category index (--color-by FIELD), -1 for a weapon */
    char text[96], count[24];
} row;

/* The size legend (--size-by): nested circles at round values, and rows
 * for zero and unknown values. */
typedef struct size_key {
    int n;
    double v[4], d[4];       /* values and diameters (device units), largest first */
    double title_h, block_w, block_h, lab_h, row_h;
    char lab[4][32];
} size_key;

/* Everything the legend shows and its measures, computed once and used by
 * im_legend_size() and im_legend_draw() alike. */
typedef struct legend {
    im_text_style head, body, small;
    row rows[IM_MAX_WEAPONS + IM_MAX_CATS];
    int nrows, cols, lines;
    const char *title, *bar_note;
    char heading[80];
    double pad, gap, sym, icon, row_h, cell_w, inner, bar_w, bar_h, w, h;
    double h_head, nh, lh, dh, ch2, rh, qh, ndh;
    bool by_date, dens, bar, by_field;
    im_ticks tk;
    size_key sk;             /* sk.n == 0 and no zero/unknown rows: no size legend */
    double size_h;           /* height of the size legend block, 0 when none */
} legend;

static const char *const dodge_note = "Attacks on one site fan out around it";
static const char *const cluster_note = "Attacks at one site; ring split by type";
static const char *const ring_note = "Location approximate (dashed: radius)";
static const char *const coarse_note = "Dashed edge: date known to the month only";
static const char *const nodata_note = "No basemap data";
static const char *const empty_note = "No incidents in the selection";
#define zero_note im_size_notes[0] /* "None (0)", shared with the HTML legend */
#define unknown_note im_size_notes[1]

/* The size legend's measures (none when the scene is not sized). */
static void size_key_build(im_scene *sc, const legend *L, size_key *K, double *w, double *h)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    const im_view *v = sc->view;
    memset(K, 0, sizeof *K);
    *w = *h = 0;
    if (sc->size_src == IM_SIZE_BY_NONE)
        return;
    double tw, th, lw = 0;
    im_text_measure(cr, v, st, &L->head, sc->size_title, &tw, &K->title_h);
    *w = tw;
    K->n = im_size_legend_values(sc, K->v);
    for (int i = 0; i < K->n; i++) {
        K->d[i] = im_size_diameter(sc, K->v[i]);
        im_size_step_label(K->v[i], K->lab[i], sizeof K->lab[i]);
        im_text_measure(cr, v, st, &L->small, K->lab[i], &tw, &th);
        lw = fmax(lw, tw);
        K->lab_h = th;
    }
    if (K->n) {
        K->block_w = K->d[0] + 3 * L->gap + lw;
        K->block_h = fmax(K->d[0], K->n * K->lab_h);
    }
    double icon = fmax(st->size_min_d, 0.7 * st->marker_size) * v->pt;
    K->row_h = icon;
    double rw = K->block_w;
    const char *notes[2] = {sc->size_zero ? zero_note : NULL,
                            sc->size_unknown ? unknown_note : NULL};
    for (int k = 0; k < 2; k++)
        if (notes[k]) {
            im_text_measure(cr, v, st, &L->small, notes[k], &tw, &th);
            K->row_h = fmax(K->row_h, th);
            rw = fmax(rw, icon + L->gap + tw);
        }
    *w = fmax(*w, rw);
    *h = L->gap * 2 + K->title_h + L->gap + K->block_h +
         (sc->size_zero ? L->gap + K->row_h : 0) + (sc->size_unknown ? L->gap + K->row_h : 0);
}

static void legend_build(im_scene *sc, int cols, legend *L)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    const im_view *v = sc->view;
    double pt = v->pt;
    memset(L, 0, sizeof *L);
    L->by_date = sc->opts->color_by == IM_COLOR_BY_DATE;
    L->head = (im_text_style){NULL, st->body_size, true, false, {0.1, 0.1, 0.1, 1}, 0, {0, 0, 0, 0}, 0};
    L->body = (im_text_style){NULL, st->body_size, false, false, {0.15, 0.15, 0.15, 1}, 0, {0, 0, 0, 0}, 0};
    L->small = (im_text_style){NULL, st->small_size, false, false, {0.3, 0.3, 0.3, 1}, 0, {0, 0, 0, 0}, 0};
    /* Colour by a field: its categories, then the weapons' shapes (in grey)
     * when there are several. */
    L->by_field = sc->n_cats > 0;
    int n_types = 0;
    for (int w = 0; w < st->n_weapons; w++)
        n_types += sc->weapon_counts[w] > 0;
    for (int k = 0; k < sc->n_cats; k++) {
        row *r = &L->rows[L->nrows++];
        r->weapon = -1;
        r->cat = k;
        snprintf(r->text, sizeof r->text, "%s", im_category_label(sc, k));
        im_format_count(sc->cat_count[k], r->count, sizeof r->count);
    }
    if (L->by_field && n_types > 1) { /* a heading row for the shapes */
        row *r = &L->rows[L->nrows++];
        r->weapon = r->cat = -1;
        snprintf(r->text, sizeof r->text, "%s (shape)",
                 sc->set->category_title[0] ? sc->set->category_title : "Attack type");
    }
    for (int w = 0; w < st->n_weapons && (!L->by_field || n_types > 1); w++)
        if (sc->weapon_counts[w]) {
            row *r = &L->rows[L->nrows++];
            r->weapon = w;
            r->cat = -1;
            snprintf(r->text, sizeof r->text, "%s", st->weapons[w].label);
            im_format_count(sc->weapon_counts[w], r->count, sizeof r->count);
        }
    L->pad = 6 * pt;
    L->gap = 3 * pt;
    L->sym = st->marker_size * pt * 1.3;
    L->icon = L->sym * 1.4;
    double gap = L->gap, tw, th, cw, ch, w_head;
    /* A dataset's own categories (UCDP: type of violence) name the heading. */
    const char *what = sc->set->category_title[0] ? sc->set->category_title : "Attack type";
    snprintf(L->heading, sizeof L->heading, "%s%s", what, L->by_date ? " and date" : "");
    if (L->by_field) {
        char field[64];
        im_field_title(sc->opts->color_field, field, sizeof field);
        snprintf(L->heading, sizeof L->heading, "%.60s", field);
    }
    L->title = L->heading;
    im_text_measure(cr, v, st, &L->head, L->title, &w_head, &L->h_head);
    L->row_h = L->sym;
    double cell = 0;
    for (int i = 0; i < L->nrows; i++) {
        im_text_measure(cr, v, st, &L->body, L->rows[i].text, &tw, &th);
        im_text_measure(cr, v, st, &L->body, L->rows[i].count, &cw, &ch);
        cell = fmax(cell, L->sym + gap + tw + 3 * gap + cw);
        L->row_h = fmax(L->row_h, th);
    }
    if (L->nrows == 0) {
        im_text_measure(cr, v, st, &L->body, empty_note, &tw, &th);
        cell = fmax(cell, tw);
        L->row_h = fmax(L->row_h, th);
    }
    L->cols = cols < 1 ? 1 : cols > L->nrows && L->nrows > 0 ? L->nrows : cols;
    L->cell_w = cell;
    L->lines = L->nrows ? (L->nrows + L->cols - 1) / L->cols : 1;
    double inner = fmax(w_head, L->cols * cell + (L->cols - 1) * 4 * gap);

    /* The date scale: a ramp (date mode) or a fade (weapon mode). */
    L->dens = sc->density != 0 && sc->cell_max > 0;
    L->bar = L->dens || (sc->n > 0 && sc->t_max > sc->t_min &&
                         (L->by_date || (st->fade_oldest > 0.01 && !L->by_field)));
    /* Compact: the colour bar only where colour means the date. */
    if (sc->legend_compact && !L->by_date && !L->dens)
        L->bar = false;
    L->bar_note = L->dens ? (sc->density == IM_DENSITY_HEX ? "Incidents per hexagon (log scale)"
                                                           : "Incidents per square (log scale)")
                  : L->by_date ? "Colour shows the date" : "Paler markers are older";
    L->bar_h = 7 * pt;
    double nw, lw_;
    im_text_measure(cr, v, st, &L->small, "Mar 2021", &lw_, &L->lh);
    if (L->bar) {
        im_text_measure(cr, v, st, &L->small, L->bar_note, &nw, &L->nh);
        inner = fmax(inner, fmax(nw, fmin(120 * pt, fmax(inner, 90 * pt))));
    }
    double qw, dw, cw2, rw;
    if (sc->coarse_dates && !sc->legend_compact) {
        im_text_measure(cr, v, st, &L->small, coarse_note, &qw, &L->qh);
        inner = fmax(inner, qw);
    }
    if (sc->n_sites_dodged && !sc->legend_compact) {
        im_text_measure(cr, v, st, &L->small, dodge_note, &dw, &L->dh);
        inner = fmax(inner, dw);
    }
    if (sc->clustered && !sc->legend_compact) {
        im_text_measure(cr, v, st, &L->small, cluster_note, &cw2, &L->ch2);
        inner = fmax(inner, L->icon + gap + cw2);
    }
    if (sc->uncertainty && !sc->legend_compact) {
        im_text_measure(cr, v, st, &L->small, ring_note, &rw, &L->rh);
        inner = fmax(inner, L->icon + gap + rw);
    }
    if (sc->nodata) {
        double ndw;
        im_text_measure(cr, v, st, &L->small, nodata_note, &ndw, &L->ndh);
        inner = fmax(inner, L->icon + gap + ndw);
    }
    double skw, skh;
    size_key_build(sc, L, &L->sk, &skw, &skh);
    L->size_h = skh;
    inner = fmax(inner, skw);
    if (sc->legend_max_w > 2 * L->pad)
        inner = fmax(inner, fmin(sc->legend_max_w - 2 * L->pad, L->cols * cell * 1.6));
    L->inner = L->bar_w = inner;
    if (L->bar && !L->dens)
        im_choose_ticks(sc->t_min, sc->t_max, (int)(L->bar_w / (lw_ * 1.3)), &L->tk);

    double h = L->pad + L->h_head + gap + L->lines * (L->row_h + gap) + L->size_h;
    if (L->bar)
        h += gap + L->nh + gap + L->bar_h + gap / 2 + L->lh;
    if (sc->n_sites_dodged && !sc->legend_compact)
        h += gap * 2 + L->dh;
    if (sc->clustered && !sc->legend_compact)
        h += gap * 2 + fmax(L->icon, L->ch2);
    if (sc->uncertainty && !sc->legend_compact)
        h += gap * 2 + fmax(L->icon, L->rh);
    if (sc->coarse_dates && !sc->legend_compact)
        h += gap * 2 + L->qh;
    if (sc->nodata)
        h += gap * 2 + fmax(L->icon, L->ndh);
    L->h = h + L->pad;
    L->w = inner + 2 * L->pad;
}

/* A grey of the light look as the theme draws lines and text. */
static im_rgba ink(const im_style *st, double grey, double alpha)
{
    im_rgba c = {grey, grey, grey, alpha};
    im_theme_text(&st->theme, &c, NULL);
    return c;
}

/* The size legend at (x, *y): its title, nested circles with a leader to
 * each value, then the zero and unknown rows; entries go to the layout. */
static im_status draw_size_key(im_scene *sc, const legend *L, double x, double *y)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    const im_view *v = sc->view;
    const size_key *K = &L->sk;
    double pt = v->pt, gap = L->gap, yy = *y + gap * 2;
    im_text_draw(cr, v, st, &L->head, sc->size_title, x, yy);
    im_legend_entry e = {.value = NAN, .text = sc->size_title};
    snprintf(e.role, sizeof e.role, "heading");
    e.box = (im_box){x, yy, x + K->block_w, yy + K->title_h};
    if (im_layout_add_legend(sc->lay, &e) != IM_OK)
        return IM_ERR_NOMEM;
    yy += K->title_h + gap;
    if (K->n) {
        double base = yy + K->block_h, cx = x + K->d[0] / 2, lab_x = x + K->d[0] + 3 * gap;
        double last_bottom = -1e30;
        for (int i = 0; i < K->n; i++) { /* largest first: the smaller ones on top */
            double r = K->d[i] / 2, cy = base - r;
            cairo_new_path(cr);
            cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
            im_rgba fill = ink(st, 0.45, 0.18), line = ink(st, 0.25, 1);
            cairo_set_source_rgba(cr, fill.r, fill.g, fill.b, fill.a);
            cairo_fill_preserve(cr);
            cairo_set_source_rgba(cr, line.r, line.g, line.b, line.a);
            cairo_set_line_width(cr, 0.6 * pt);
            cairo_stroke(cr);
            /* the label beside the circle's top, kept clear of the one above */
            double top = base - K->d[i];
            double ly = fmax(top - K->lab_h / 2, last_bottom + 0.5 * pt);
            double lw, lh;
            im_text_measure(cr, v, st, &L->small, K->lab[i], &lw, &lh);
            cairo_move_to(cr, cx, top);
            cairo_line_to(cr, lab_x - gap / 2, ly + lh / 2);
            cairo_set_line_width(cr, 0.4 * pt);
            cairo_stroke(cr);
            im_text_draw(cr, v, st, &L->small, K->lab[i], lab_x, ly);
            last_bottom = ly + lh;
            im_legend_entry c = {.value = K->v[i], .d = K->d[i], .text = (char *)K->lab[i]};
            snprintf(c.role, sizeof c.role, "size");
            c.box = (im_box){cx - r, top, lab_x + lw, base};
            if (im_layout_add_legend(sc->lay, &c) != IM_OK)
                return IM_ERR_NOMEM;
        }
        yy = base;
    }
    double icon = fmax(st->size_min_d, 0.7 * st->marker_size) * pt;
    for (int k = 0; k < 2; k++) {
        bool on = k == 0 ? sc->size_zero : sc->size_unknown;
        if (!on)
            continue;
        yy += gap;
        double cx = x + icon / 2, cy = yy + K->row_h / 2;
        cairo_new_path(cr);
        cairo_arc(cr, cx, cy, icon / 2, 0, 2 * M_PI);
        if (k == 1) {
            double dash[2] = {1.1 * pt, 0.8 * pt};
            cairo_set_dash(cr, dash, 2, 0);
        }
        im_rgba line = ink(st, 0.35, 1);
        cairo_set_source_rgba(cr, line.r, line.g, line.b, line.a);
        cairo_set_line_width(cr, 1.2 * pt);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        const char *t = k == 0 ? zero_note : unknown_note;
        double tw, th;
        im_text_measure(cr, v, st, &L->small, t, &tw, &th);
        im_text_draw(cr, v, st, &L->small, t, x + icon + gap, cy - th / 2);
        im_legend_entry c = {.value = NAN, .text = (char *)t};
        snprintf(c.role, sizeof c.role, "%s", k == 0 ? "size-zero" : "size-unknown");
        c.box = (im_box){x, yy, x + icon + gap + tw, yy + K->row_h};
        if (im_layout_add_legend(sc->lay, &c) != IM_OK)
            return IM_ERR_NOMEM;
        yy += K->row_h;
    }
    *y = yy;
    return IM_OK;
}

void im_legend_size(im_scene *sc, int cols, double *w, double *h)
{
    legend L;
    legend_build(sc, cols, &L);
    *w = L.w;
    *h = L.h;
}

/* One tick of a legend bar: its mark, and its label where it clears the
 * one before (*last_right), recorded in the dump as a "tick" row with
 * value (NAN for a date). */
typedef struct bar_ticks {
    im_scene *sc;
    cairo_t *cr;
    const im_text_style *small;
    double bx, bar_w, yy, bar_h, pad;
    double *last_right;
} bar_ticks;

static im_status bar_tick(const bar_ticks *b, double tx, const char *lab, double value)
{
    cairo_t *cr = b->cr;
    double pt = b->sc->view->pt, y = b->yy + b->bar_h + 1.5 * pt;
    cairo_move_to(cr, tx, b->yy);
    cairo_line_to(cr, tx, y);
    cairo_stroke(cr);
    double lw, lh;
    im_text_measure(cr, b->sc->view, b->sc->st, b->small, lab, &lw, &lh);
    double lx = fmin(fmax(tx - lw / 2, b->bx - b->pad / 2), b->bx + b->bar_w + b->pad / 2 - lw);
    if (!(lx > *b->last_right + 2 * pt))
        return IM_OK;
    im_text_draw(cr, b->sc->view, b->sc->st, b->small, lab, lx, y);
    *b->last_right = lx + lw;
    im_legend_entry e = {.value = value, .text = (char *)lab};
    snprintf(e.role, sizeof e.role, "tick");
    e.box = (im_box){lx, y, lx + lw, y + lh};
    if (im_layout_add_legend(b->sc->lay, &e) != IM_OK)
        return im_fail(b->sc->ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

/* In the dump: a note row whose symbol is drawn in the icon-sized square at
 * (x, y); the box is the symbol's, the text the note's. */
static im_status note_entry(im_scene *sc, const char *role, const char *note, double x,
                            double y, double icon)
{
    im_legend_entry e = {.value = NAN, .text = (char *)note, .box = {x, y, x + icon, y + icon}};
    snprintf(e.role, sizeof e.role, "%s", role);
    return im_layout_add_legend(sc->lay, &e);
}

im_status im_legend_draw(im_scene *sc)
{
    cairo_t *cr = sc->cr;
    const im_style *st = sc->st;
    const im_view *v = sc->view;
    double pt = v->pt;
    legend L;
    legend_build(sc, sc->legend_cols, &L);
    double w = L.w, h = L.h, pad = L.pad, gap = L.gap, sym = L.sym, icon = L.icon;
    double row_h = L.row_h, bar_w = L.bar_w, bar_h = L.bar_h, lh = L.lh;
    bool by_date = L.by_date, dens = L.dens;
    int nrows = L.nrows;
    const row *rows = L.rows;
    im_text_style head = L.head, body = L.body, small = L.small;
    double tw, th, cw, ch;

    static const im_corner prefer[4] = {IM_CORNER_BOTTOM_LEFT, IM_CORNER_TOP_LEFT,
                                        IM_CORNER_BOTTOM_RIGHT, IM_CORNER_TOP_RIGHT};
    im_box box;
    if (sc->legend_fixed) {
        box = (im_box){sc->legend_x, sc->legend_y, sc->legend_x + w, sc->legend_y + h};
        if (im_boxes_add(&sc->occupied, box) != IM_OK ||
            im_layout_add(sc->lay, IM_ITEM_LEGEND, box, NULL, NAN, NAN, false) != IM_OK)
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    } else {
        box = im_corner_place_kind(sc, IM_ITEM_LEGEND, sc->opts->legend_pos, w, h, prefer);
    }
    double x = box.x0, y = box.y0;

    cairo_save(cr);
    cairo_rectangle(cr, x, y, w, h);
    im_rgba panel = {1, 1, 1, 1};
    im_theme_color(&st->theme, IM_TH_PANEL, &panel); /* --theme */
    cairo_set_source_rgba(cr, panel.r, panel.g, panel.b, 0.92);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, 0.55, 0.55, 0.55, 1);
    cairo_set_line_width(cr, 0.5 * pt);
    cairo_stroke(cr);

    double yy = y + pad;
    im_text_draw(cr, v, st, &head, L.title, x + pad, yy);
    yy += L.h_head + gap;
    if (nrows == 0) {
        im_text_draw(cr, v, st, &body, empty_note, x + pad, yy);
        yy += row_h + gap;
    }
    double col_w = L.cols > 1 ? (L.inner - (L.cols - 1) * 4 * gap) / L.cols : L.inner;
    double y_rows = yy;
    for (int i = 0; i < nrows; i++) {
        int wi = rows[i].weapon, ci = rows[i].cat;
        double cx0 = x + pad + (i % L.cols) * (col_w + 4 * gap);
        yy = y_rows + (i / L.cols) * (row_h + gap);
        if (wi < 0 && ci < 0) { /* a heading row */
            im_text_measure(cr, v, st, &head, rows[i].text, &tw, &th);
            im_text_draw(cr, v, st, &head, rows[i].text, cx0, yy + (row_h - th) / 2);
            im_legend_entry e = {.value = NAN, .text = (char *)rows[i].text,
                                 .box = {cx0, yy, cx0 + tw, yy + row_h}};
            snprintf(e.role, sizeof e.role, "heading");
            if (im_layout_add_legend(sc->lay, &e) != IM_OK) {
                cairo_restore(cr);
                return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
            }
            continue;
        }
        double mx = cx0 + sym / 2, my = yy + row_h / 2;
        im_rgba c = ci >= 0 ? sc->cat_color[ci]
                    : by_date || dens || L.by_field ? ink(st, 0.35, 1)
                                                    : st->weapons[wi].color;
        im_marker_path(cr, ci >= 0 ? IM_SHAPE_CIRCLE : st->weapons[wi].shape, mx, my,
                       st->marker_size * pt);
        im_legend_entry e = {.value = NAN, .text = (char *)rows[i].text,
                             .box = {cx0, yy, cx0 + col_w, yy + row_h}};
        snprintf(e.role, sizeof e.role, "%s", ci >= 0 ? "category" : "weapon");
        im_color_hex(c, e.fill, sizeof e.fill);
        if (im_layout_add_legend(sc->lay, &e) != IM_OK) {
            cairo_restore(cr);
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        }
        cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
        cairo_fill_preserve(cr);
        /* a theme's ink outlines the swatch fully (print: a white "Other") */
        im_rgba edge = {0.15, 0.15, 0.15, 0.45};
        if (im_theme_color(&st->theme, IM_TH_INK, &edge))
            edge.a = 1;
        cairo_set_source_rgba(cr, edge.r, edge.g, edge.b, edge.a);
        cairo_set_line_width(cr, (edge.a < 1 ? 0.35 : 0.5) * pt);
        cairo_stroke(cr);
        im_text_measure(cr, v, st, &body, rows[i].text, &tw, &th);
        im_text_draw(cr, v, st, &body, rows[i].text, cx0 + sym + gap, yy + (row_h - th) / 2);
        im_text_measure(cr, v, st, &body, rows[i].count, &cw, &ch);
        im_text_draw(cr, v, st, &body, rows[i].count, cx0 + col_w - cw, yy + (row_h - ch) / 2);
    }
    if (nrows)
        yy = y_rows + L.lines * (row_h + gap);
    if (L.size_h > 0 && draw_size_key(sc, &L, x + pad, &yy) != IM_OK) {
        cairo_restore(cr);
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    }
    if (L.bar) {
        yy += gap;
        im_text_draw(cr, v, st, &small, L.bar_note, x + pad, yy);
        yy += L.nh + gap;
        double bx = x + pad;
        int steps = 64;
        im_scene tmp = *sc;
        for (int i = 0; i < steps; i++) {
            int64_t t = sc->t_min + (int64_t)((double)(sc->t_max - sc->t_min) * (i + 0.5) / steps);
            /* In weapon mode the fade is shown on a neutral dark grey. */
            im_rgba c;
            if (dens) {
                double pos = (i + 0.5) / steps;
                c = im_density_color(sc, (uint32_t)llround(exp(pos * log((double)sc->cell_max))));
            } else if (by_date) {
                c = im_marker_color(&tmp, 0, t);
            } else if (nrows > 0) {
                /* the fade as drawn: the first weapon's hue, paler with age */
                c = im_marker_color(&tmp, rows[0].weapon, t);
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
        /* in the dump: the bar itself (its ticks follow as "tick" rows) */
        im_legend_entry be = {.value = NAN, .text = (char *)L.bar_note,
                              .box = {bx, yy, bx + bar_w, yy + bar_h}};
        snprintf(be.role, sizeof be.role, "%s", dens ? "density_bar" : "colorbar");
        if (im_layout_add_legend(sc->lay, &be) != IM_OK) {
            cairo_restore(cr);
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        }
        double last_right = -1e30;
        bar_ticks bt = {sc, cr, &small, bx, bar_w, yy, bar_h, pad, &last_right};
        im_status ts = IM_OK;
        if (dens) { /* ticks at 1, 10, 100... on the log scale */
            for (double c = 1; c <= sc->cell_max && ts == IM_OK; c *= 10) {
                double tx = sc->cell_max > 1 ? bx + bar_w * log(c) / log((double)sc->cell_max) : bx;
                char lab[32];
                snprintf(lab, sizeof lab, c >= 1000 ? "%.0fk" : "%.0f", c >= 1000 ? c / 1000 : c);
                ts = bar_tick(&bt, tx, lab, c);
            }
        }
        for (int i = 0; i < L.tk.n && i < 16 && ts == IM_OK; i++) {
            double tx = bx + bar_w * (double)(L.tk.t[i] - sc->t_min) / (double)(sc->t_max - sc->t_min);
            char lab[32];
            im_date_tick_label(L.tk.t[i], L.tk.step_months,
                               L.tk.step_hours ? -L.tk.step_hours : L.tk.step_days, lab, sizeof lab);
            ts = bar_tick(&bt, tx, lab, NAN);
        }
        if (ts != IM_OK) {
            cairo_restore(cr);
            return ts;
        }
        yy += bar_h + gap / 2 + lh;
    }
    if (sc->n_sites_dodged && !sc->legend_compact) {
        yy += gap * 2;
        im_text_draw(cr, v, st, &small, dodge_note, x + pad, yy);
        yy += L.dh;
    }
    if (sc->clustered && !sc->legend_compact) {
        yy += gap * 2;
        double rowh = fmax(icon, L.ch2), cx = x + pad + icon / 2, cy = yy + rowh / 2;
        double r = icon / 2, ring = fmax(1.6 * pt, r * 0.3), a0 = -M_PI / 2;
        for (int k = 0; k < 2 && nrows; k++) { /* two types as an example */
            int wi = rows[k < nrows ? k : 0].weapon;
            if (wi < 0)
                wi = st->other; /* a category row */
            double a1 = a0 + (k == 0 && nrows > 1 ? M_PI * 1.3 : 2 * M_PI - (a0 + M_PI / 2));
            cairo_new_path(cr);
            cairo_arc(cr, cx, cy, r, a0, a1);
            cairo_arc_negative(cr, cx, cy, r - ring, a1, a0);
            cairo_close_path(cr);
            cairo_set_source_rgba(cr, st->weapons[wi].color.r, st->weapons[wi].color.g,
                                  st->weapons[wi].color.b, 1);
            cairo_fill(cr);
            a0 = a1;
            if (nrows == 1)
                break;
        }
        cairo_new_path(cr);
        cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
        cairo_set_source_rgba(cr, 0.15, 0.15, 0.15, 0.7);
        cairo_set_line_width(cr, 0.4 * pt);
        cairo_stroke(cr);
        double nw2, nh2;
        im_text_measure(cr, v, st, &small, "n", &nw2, &nh2);
        im_text_draw(cr, v, st, &small, "n", cx - nw2 / 2, cy - nh2 / 2);
        im_text_draw(cr, v, st, &small, cluster_note, x + pad + icon + gap, cy - L.ch2 / 2);
        if (note_entry(sc, "cluster_note", cluster_note, x + pad, cy - icon / 2, icon) != IM_OK) {
            cairo_restore(cr);
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        }
        yy += rowh;
    }
    if (sc->uncertainty && !sc->legend_compact) {
        yy += gap * 2;
        double rowh = fmax(icon, L.rh), cx = x + pad + icon / 2, cy = yy + rowh / 2;
        double dash[2] = {1.6 * pt, 1.2 * pt};
        cairo_new_path(cr);
        cairo_arc(cr, cx, cy, icon / 2 - 0.5 * pt, 0, 2 * M_PI);
        cairo_set_dash(cr, dash, 2, 0);
        cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, 1);
        cairo_set_line_width(cr, 0.6 * pt);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
        im_text_draw(cr, v, st, &small, ring_note, x + pad + icon + gap, cy - L.rh / 2);
        if (note_entry(sc, "ring_note", ring_note, x + pad, cy - icon / 2, icon) != IM_OK) {
            cairo_restore(cr);
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        }
        yy += rowh;
    }
    if (sc->coarse_dates && !sc->legend_compact) {
        yy += gap * 2;
        im_text_draw(cr, v, st, &small, coarse_note, x + pad, yy);
        yy += L.qh;
    }
    if (sc->nodata) { /* the hatched fill of basemap.c */
        yy += gap * 2;
        double rowh = fmax(icon, L.ndh);
        im_basemap_paint_nodata(cr, x + pad, yy + (rowh - icon) / 2, icon, icon, pt,
                                &st->theme);
        im_text_draw(cr, v, st, &small, nodata_note, x + pad + icon + gap, yy + (rowh - L.ndh) / 2);
        yy += rowh;
    }
    cairo_restore(cr);
    return IM_OK;
}
