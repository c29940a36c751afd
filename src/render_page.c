/* render_page.c - the page around the map: the frame's rectangle between
 * the title block and the footer, furniture by priority (graticule labels,
 * inset, north arrow, the legend's notes give way on a small page, never
 * the credit line), and the legend inside, beside or under the frame. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The legend's size before placement, from the selection: its rows, and
 * every note the placement may add (so the room kept is never short). */
static void legend_estimate(im_scene *sc, const size_t *idx, size_t n, const int *style_weapon,
                            int cols, double *w, double *h)
{
    im_scene t = *sc;
    memset(t.weapon_counts, 0, sizeof t.weapon_counts);
    t.uncertainty = t.coarse_dates = false;
    for (size_t k = 0; k < n; k++) {
        const im_rec *r = &sc->set->recs[idx[k]];
        t.weapon_counts[style_weapon[r->weapon]]++;
        if (r->uncertainty_km > 0 && !(sc->opts->hide & IM_HIDE_UNCERTAINTY))
            t.uncertainty = true;
        if (r->precision >= IM_DATE_MONTH)
            t.coarse_dates = true;
    }
    t.n = n;
    t.n_sites_dodged = n > 1 && sc->opts->stack != IM_STACK_NONE &&
                       sc->opts->stack != IM_STACK_CLUSTER;
    t.clustered = n > 1 && sc->opts->stack != IM_STACK_NONE && sc->opts->stack != IM_STACK_DODGE;
    t.density = 0;
    im_legend_size(&t, cols, w, h);
}

/* What an estimate may have left in the scene, cleared. */
static void scene_reset_counts(im_scene *sc)
{
    sc->view = NULL;
    memset(sc->weapon_counts, 0, sizeof sc->weapon_counts);
    sc->n = 0;
    sc->n_sites_dodged = 0;
    sc->clustered = sc->uncertainty = sc->coarse_dates = false;
}

im_status im_page_plan_frame(im_scene *sc, const im_page *page, const size_t *idx, size_t nsel,
                             const int *style_weapon, im_page_plan *p)
{
    im_context *ctx = sc->ctx;
    const im_render_options *o = sc->opts;
    const im_style *sty = sc->st;
    double pt = page->pt, page_w = page->w_pt * pt, page_h = page->h_pt * pt, m = p->m;
    double top = m + p->th + (p->sh > 0 ? 2 * pt + p->sh : 0) + 8 * pt;
    double bottom = page_h - m - (p->fh1 > 0 ? p->fh1 + 2 * pt : 0) - p->fh2 - 6 * pt;
    double left = m, right = page_w - m;
    /* Furniture by priority: on a small page the graticule's labels go
     * first (they need margins), then the inset and the north arrow. */
    if (page->w_pt < 400 || page->h_pt < 300)
        sc->drop |= IM_DROP_GRATICULE_LABELS;
    p->graticule = !(o->hide & IM_HIDE_GRATICULE) && o->facet == IM_FACET_NONE;
    p->grat_bottom = 0;
    if (p->graticule && !(sc->drop & IM_DROP_GRATICULE_LABELS)) {
        double gl;
        im_graticule_margins(sty, pt, &gl, &p->grat_bottom);
        left += gl;
        bottom -= p->grat_bottom;
    }
    p->tl_h = o->timeline ? im_timeline_height(sty, pt) : 0;
    if (o->timeline)
        bottom -= p->tl_h + 6 * pt;

    /* The legend goes outside the frame when inside it would cover too
     * much of the map: beside it on a wide page, under it (rows in
     * columns) on a tall one. Its size is estimated from the selection. */
    bool legend_out = false;
    double strip_h = 0; /* a legend under the frame */
    if (o->facet == IM_FACET_NONE && !(o->hide & IM_HIDE_LEGEND)) {
        double lw, lh, fw0 = right - left, fh0 = bottom - top;
        im_view v = {0};
        v.pt = pt; /* measurement needs only the point size */
        sc->view = &v;
        legend_estimate(sc, idx, nsel, style_weapon, 1, &lw, &lh);
        if (lw * lh > 0.16 * fw0 * fh0 || lh > 0.6 * fh0 || lw > 0.4 * fw0) {
            legend_out = true;
            double gap = 8 * pt;
            if (fw0 >= fh0 * 1.1 && lh <= fh0) {
                right -= lw + gap;
                sc->legend_x = right + gap;
                sc->legend_y = top;
            } else {
                int cols = 1;
                sc->legend_max_w = fw0;
                for (int c = 8; c >= 1; c--) {
                    legend_estimate(sc, idx, nsel, style_weapon, c, &lw, &lh);
                    if (lw <= fw0) {
                        cols = c;
                        break;
                    }
                }
                sc->legend_cols = cols;
                strip_h = lh + gap;
                bottom -= strip_h;
                sc->legend_x = left;
                sc->legend_y = bottom + p->grat_bottom + gap;
            }
            sc->legend_fixed = true;
        }
        scene_reset_counts(sc);
    }
    /* A legend outside that leaves the map less than half the page goes
     * back inside; then the projection line gives way (never the credit). */
    if (legend_out && (bottom - top < 0.45 * page_h || right - left < 0.45 * page_w)) {
        if (strip_h > 0)
            bottom += strip_h;
        else
            right = page_w - m;
        strip_h = 0;
        legend_out = sc->legend_fixed = false;
        sc->legend_cols = 0;
        sc->legend_max_w = 0;
    }
    if (bottom - top < 0.45 * page_h && p->fh2 > 0) {
        bottom += p->fh2;
        p->fh2 = 0;
        p->footer2[0] = '\0';
    }
    p->left = left, p->top = top, p->right = right, p->bottom = bottom;
    p->strip_h = strip_h;
    p->legend_out = legend_out;
    if (bottom - top < 40 * pt || right - left < 40 * pt)
        return im_fail(ctx, IM_ERR_ARG, "the page (%.0f x %.0f pt) leaves no room for the map "
                       "after its title and credits; use a larger --size or --page",
                       page->w_pt, page->h_pt);
    return IM_OK;
}

im_status im_page_plan_view(im_context *ctx, const im_render_options *o, const im_style *sty,
                            double bbox[4], size_t nsel, const im_page_plan *p, im_view *view)
{
    double x = p->left, y = p->top, w = p->right - p->left, h = p->bottom - p->top;
    double pt = p->pt;
    /* A polar projection chosen for the incidents' extent is kept for the
     * padded one: padding a band around the pole in latitude by its
     * longitude's margin could otherwise tip the choice to a world map. */
    const char *crs = o->crs;
    char *polar = NULL;
    if (!crs || !*crs) {
        polar = im_crs_fitted(bbox);
        if (polar && strstr(polar, "+proj=stere"))
            crs = polar;
    }
    im_status st = im_view_init(ctx, view, crs, bbox, x, y, w, h, pt);
    if (st != IM_OK || o->has_bbox || !nsel) {
        free(polar);
        return st;
    }
    /* A fitted extent is padded in page units too: fans and cluster
     * symbols at the edge stay inside the frame at any scale. */
    double pad = sty->marker_size * pt * 3.2;
    double dx = (bbox[2] - bbox[0]) / view->fw * pad, dy = (bbox[3] - bbox[1]) / view->fh * pad;
    double d = fmax(dx, dy);
    /* East past 180 (across the antimeridian) stays past it; the whole
     * round has no room to pad. */
    if (bbox[2] - bbox[0] < 360) {
        double east = bbox[2] > 180 ? fmin(bbox[2] + d, 540) : fmin(bbox[2] + d, 180);
        bbox[0] = fmax(bbox[0] - d, -180);
        bbox[2] = fmin(east, bbox[0] + 360);
    }
    bbox[1] = fmax(bbox[1] - d, -85);  bbox[3] = fmin(bbox[3] + d, 85);
    im_view_clear(view);
    st = im_view_init(ctx, view, crs, bbox, x, y, w, h, pt);
    free(polar);
    return st;
}

void im_page_plan_fit(im_scene *sc, const im_view *view, const size_t *idx, size_t nsel,
                      const int *style_weapon, const im_page_plan *p)
{
    const im_render_options *o = sc->opts;
    double pt = view->pt;
    if (view->fw < 400 * pt || view->fh < 280 * pt)
        sc->drop |= IM_DROP_INSET;
    if (view->fw < 160 * pt || view->fh < 120 * pt)
        sc->drop |= IM_DROP_NORTH;
    /* A legend inside a small frame keeps only its rows; one that still
     * does not fit is left out. */
    if (o->facet == IM_FACET_NONE && !p->legend_out && !(o->hide & IM_HIDE_LEGEND)) {
        double lw, lh;
        sc->view = view;
        legend_estimate(sc, idx, nsel, style_weapon, 1, &lw, &lh);
        if (lh > 0.6 * view->fh || lw > 0.45 * view->fw) {
            sc->legend_compact = true;
            legend_estimate(sc, idx, nsel, style_weapon, 1, &lw, &lh);
            if (lh > 0.8 * view->fh || lw > 0.6 * view->fw)
                sc->drop |= IM_DROP_LEGEND;
        }
        scene_reset_counts(sc);
    }
}
