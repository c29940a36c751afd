/* select.c - the select stage: which incidents a map shows. One
 * implementation of the time window and the weapon filter, used by the
 * render, the batch's counts and its stamps; and the extent fitted to what
 * was selected. */
#include "im_private.h"

#include <math.h>
#include <stdlib.h>

int64_t im_date_period_end(int64_t t, int precision)
{
    int y, m, d;
    switch (precision) {
    case IM_DATE_DAY:
        return t + 86399;
    case IM_DATE_MONTH:
        im_date_split(t, &y, &m, &d);
        return (m == 12 ? im_date_make(y + 1, 1, 1) : im_date_make(y, m + 1, 1)) - 1;
    case IM_DATE_YEAR:
        im_date_split(t, &y, &m, &d);
        return im_date_make(y + 1, 1, 1) - 1;
    default:
        return t;
    }
}

bool im_select_in_window(const im_rec *r, const im_render_options *o)
{
    /* A record dated to a day, a month or a year stands for that whole
     * period: it is in the window when the period overlaps the window
     * ("2021-07" is in a window from 2021-07-15). */
    if (o->has_to && r->time > o->to)
        return false;
    if (o->has_from && im_date_period_end(r->time, r->precision) < o->from)
        return false;
    return true;
}

/* strict: an unknown --weapon is an error; otherwise it matches nothing. */
static im_status select_core(im_context *ctx, const im_incidents *set,
                             const im_render_options *o, bool strict, im_selection *out)
{
    out->idx = NULL;
    out->n = 0;
    bool keep_weapon[IM_MAX_WEAPONS];
    for (int w = 0; w < IM_MAX_WEAPONS; w++)
        keep_weapon[w] = o->weapons == NULL || o->n_weapons == 0;
    for (size_t i = 0; i < o->n_weapons && o->weapons; i++) {
        int w = im_style_weapon_lookup(&ctx->style, o->weapons[i]);
        if (w < 0 && strict)
            return im_fail(ctx, IM_ERR_ARG, "--weapon: unknown type \"%.60s\"", o->weapons[i]);
        if (w >= 0)
            keep_weapon[w] = true;
    }
    /* The set's weapon names map to the style's indices. */
    for (int k = 0; k < IM_MAX_WEAPONS; k++)
        out->style_weapon[k] = ctx->style.other;
    for (int k = 0; k < set->n_weapons; k++) {
        int w = im_style_weapon_lookup(&ctx->style, set->weapon_names[k]);
        out->style_weapon[k] = w >= 0 ? w : ctx->style.other;
    }
    size_t *idx = im_malloc_array(set->n ? set->n : 1, sizeof *idx);
    if (!idx)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++) {
        const im_rec *r = &set->recs[i];
        if (!im_select_in_window(r, o) || !keep_weapon[out->style_weapon[r->weapon]])
            continue;
        idx[n++] = i;
    }
    out->idx = idx;
    out->n = n;
    return IM_OK;
}

im_status im_select(im_context *ctx, const im_incidents *set, const im_render_options *o,
                    im_selection *out)
{
    return select_core(ctx, set, o, true, out);
}

int64_t im_select_count(im_context *ctx, const im_incidents *set, const im_render_options *o)
{
    im_selection sel;
    if (select_core(ctx, set, o, false, &sel) != IM_OK)
        return -1;
    int64_t n = (int64_t)sel.n;
    im_selection_free(&sel);
    return n;
}

void im_selection_free(im_selection *s)
{
    if (!s)
        return;
    free(s->idx);
    s->idx = NULL;
    s->n = 0;
}

im_status im_select_fit_bbox(im_context *ctx, const im_incidents *set, const size_t *idx,
                             size_t n, double bbox[4])
{
    double w = HUGE_VAL, s = HUGE_VAL, e = -HUGE_VAL, no = -HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        const im_rec *r = &set->recs[idx ? idx[k] : k];
        w = fmin(w, r->lon); e = fmax(e, r->lon);
        s = fmin(s, r->lat); no = fmax(no, r->lat);
    }
    if (!(e >= w))
        return im_fail(ctx, IM_ERR_EXTENT,
                       "no incidents to fit the map to; give the extent with --bbox W,S,E,N");
    /* Across the antimeridian the shortest span may wrap (basemap.c). */
    im_lon_span(set, idx, n, &w, &e);
    double cx = (w + e) / 2, cy = (s + no) / 2;
    double hw = fmax((e - w) / 2 * 1.25, 1.5), hh = fmax((no - s) / 2 * 1.25, 1.2);
    bbox[0] = cx - hw; bbox[2] = cx + hw;
    if (hw > 90) {
        /* Past a hemisphere: the whole round, its centre on a multiple of
         * 30 degrees (so no basemap tile straddles the edge meridian). */
        double c = round(remainder(cx, 360) / 30) * 30;
        bbox[0] = c - 180; bbox[2] = c + 180;
        if (bbox[0] < -180) {
            bbox[0] += 360; bbox[2] += 360;
        }
    } else if (e <= 180) {
        bbox[0] = fmax(bbox[0], -180); bbox[2] = fmin(bbox[2], 180);
    } else if (bbox[0] > 180) {
        bbox[0] -= 360; bbox[2] -= 360;
    }
    /* Kept inside the world, shifted rather than cut (a lone incident at the
     * pole): up to the pole where the fitted CRS is polar, else +-85. */
    double lim = fabs(cy) > 75 ? 90 : 85;
    bbox[1] = fmax(fmin(cy - hh, lim - 2 * hh), -lim);
    bbox[3] = fmin(fmax(cy + hh, -lim + 2 * hh), lim);
    if (bbox[3] >= 90 || bbox[1] <= -90) { /* a polar cap: all around the pole */
        bbox[0] = -180;
        bbox[2] = 180;
    }
    return IM_OK;
}
