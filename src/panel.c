/* panel.c - one map frame: project the selected incidents, place them
 * (stacking, clusters, density bins) and record the placement, then
 * paint it through the frame's layer table (draw.c); and small multiples,
 * a grid of such frames sharing the extent, the colours and one legend. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- one map frame ------------------------------------------------------ */

/* Project, place and draw the incidents idx[0..n) into sc->view's frame.
 * sc carries the context, style, options, set, cairo context and date
 * scale; its points, clusters and boxes are filled here (and appended to
 * when sc->pts already holds points of earlier panels: the caller resets
 * what must not carry over). */
static int cmp_size(const void *a, const void *b)
{
    size_t p = *(const size_t *)a, q = *(const size_t *)b;
    return p < q ? -1 : p > q;
}

/* The site (pool offset) most of a cluster's incidents name (of equal
 * counts, the first in the alphabet); 0 when none. */
static size_t cluster_site(const im_scene *sc, const im_cluster *c)
{
    size_t *ids = im_malloc_array(c->n ? c->n : 1, sizeof *ids), best = 0;
    size_t m = 0, best_n = 0;
    for (size_t k = 0; k < sc->n && m < c->n; k++)
        if (isnan(sc->pts[k].x) && sc->pts[k].sx == c->sx && sc->pts[k].sy == c->sy) {
            size_t site = sc->set->recs[sc->pts[k].rec].site;
            if (!ids)
                return site; /* no memory to count: the first */
            ids[m++] = site;
        }
    qsort(ids, m, sizeof *ids, cmp_size);
    for (size_t a = 0, b; a < m; a = b) {
        for (b = a + 1; b < m && ids[b] == ids[a];)
            b++;
        /* ties to the name first in the alphabet, as site_label.c does */
        if (ids[a] && (b - a > best_n || (b - a == best_n && best &&
                                          strcmp(sc->set->pool + ids[a], sc->set->pool + best) < 0))) {
            best_n = b - a;
            best = ids[a];
        }
    }
    free(ids);
    return best;
}

/* The selected incidents' lon/lat into the points to project, by ranges
 * (im_parallel_for). */
#define PANEL_FILL_SPLIT ((size_t)1 << 16)
typedef struct lonlat_fill {
    im_placed *q;
    const im_rec *recs;
    const size_t *idx;
} lonlat_fill;

static void fill_lonlat(void *arg, size_t from, size_t to)
{
    const lonlat_fill *lf = arg;
    for (size_t k = from; k < to; k++) {
        lf->q[k].x = lf->recs[lf->idx[k]].lon;
        lf->q[k].y = lf->recs[lf->idx[k]].lat;
    }
}

im_status im_panel_draw(im_scene *sc, const im_basemap *bm, const size_t *idx, size_t n,
                        const int *style_weapon, unsigned what, im_layout_report *report)
{
    im_context *ctx = sc->ctx;
    const im_view *view = sc->view;
    const im_incidents *set = sc->set;
    const im_render_options *o = sc->opts;
    double pt = view->pt;
    im_status st = IM_OK;
    if (set->n > UINT32_MAX) /* im_placed.rec */
        return im_fail(ctx, IM_ERR_LIMIT, "%zu incidents: at most %u can be drawn", set->n,
                       (unsigned)UINT32_MAX);
    im_placed *pts = im_realloc_array(sc->pts, sc->n + n + 1, sizeof *pts);
    if (!pts)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    sc->pts = pts;
    /* Projected in place, in the points' own x and y (no copies: at
     * 10,000,000 incidents two coordinate arrays were 160 MB more). */
    im_placed *q = sc->pts + sc->n;
    lonlat_fill lf = {q, set->recs, idx};
    /* on the CPUs: the first write to the array's fresh pages is most of
     * this (64 MB at 1,000,000 incidents) */
    im_parallel_for(n, n < PANEL_FILL_SPLIT ? n : PANEL_FILL_SPLIT / 4, 4, fill_lonlat, &lf);
    im_status pst = im_view_project(ctx, view, &q[0].x, sizeof *q, &q[0].y, sizeof *q, n);
    if (pst != IM_OK)
        return pst;
    size_t outside = 0;
    for (size_t k = 0; k < n; k++) {
        const im_rec *r = &set->recs[idx[k]];
        double x = q[k].x, y = q[k].y; /* read before sc->pts[sc->n] (<= q + k) is written */
        if (!isfinite(x) || x < view->fx || x > view->fx + view->fw || y < view->fy ||
            y > view->fy + view->fh) {
            outside++;
            continue;
        }
        im_placed *p = &sc->pts[sc->n++];
        p->x = p->sx = x;
        p->y = p->sy = y;
        p->weapon = style_weapon[r->weapon];
        p->time = r->time;
        p->rec = (uint32_t)idx[k];
        im_symbology_point(sc, p); /* size and category */
        sc->weapon_counts[p->weapon]++;
    }
    if (outside)
        im_log(ctx, IM_LOG_WARNING, "%zu of %zu selected incidents lie outside the map extent "
               "and are not drawn", outside, n);
    int dmode = o->density == IM_DENSITY_HEX || o->density == IM_DENSITY_GRID ? (int)o->density
                : o->density == IM_DENSITY_AUTO && sc->n > IM_DENSITY_AUTO_FROM ? IM_DENSITY_HEX
                                                                            : 0;
    if (dmode && o->density == IM_DENSITY_AUTO)
        im_log(ctx, IM_LOG_WARNING, "%zu incidents in the frame: drawn as density (hexagons "
               "coloured by count); use --density none for one marker each", sc->n);
    if (dmode) {
        if ((st = im_density_build(sc, dmode)) != IM_OK)
            return st;
    } else if ((st = im_markers_dodge(sc)) != IM_OK) {
        return st;
    }
    double msize = sc->st->marker_size * pt;
    /* Past this many markers they cover the map: labels cannot avoid
     * them, so they go on top (with halos) and the boxes are not kept. */
    bool keep_marker_boxes = !dmode && sc->n <= 20000;
    for (size_t i = 0; keep_marker_boxes && i < sc->n + sc->n_clusters; i++) {
        double x, y, r;
        if (i < sc->n) {
            x = sc->pts[i].x, y = sc->pts[i].y;
            r = sc->pts[i].size > 0 ? sc->pts[i].size / 2 : msize * 0.7;
            if (isnan(x))
                continue; /* stands in a cluster */
        } else {
            const im_cluster *c = &sc->clusters[i - sc->n];
            x = c->x, y = c->y, r = im_cluster_radius(sc, c->n);
        }
        im_box b = {x - r, y - r, x + r, y + r};
        if (im_boxes_add(&sc->occupied, b) != IM_OK)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    sc->n_marker_boxes = sc->occupied.n;
    if (sc->lay && !dmode && o->dump_layout) { /* only the dump reads them (~170 B each) */
        for (size_t i = 0; i < sc->n; i++) {
            const im_placed *p = &sc->pts[i];
            if (isnan(p->x))
                continue;
            im_mark mk = {.x = p->x, .y = p->y, .sx = p->sx, .sy = p->sy,
                          .r = p->size > 0 ? p->size / 2 : msize / 2, .n = 1,
                          .site = set->recs[p->rec].site};
            im_symbology_mark(sc, p, &mk);
            if (im_layout_add_mark(sc->lay, &mk) != IM_OK)
                return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        }
        for (size_t i = 0; i < sc->n_clusters; i++) {
            const im_cluster *c = &sc->clusters[i];
            im_mark mk = {.x = c->x, .y = c->y, .sx = c->sx, .sy = c->sy,
                          .r = im_cluster_radius(sc, c->n), .n = c->n};
            /* the site of the cluster: the commonest of the points it
             * stands for (a merged cluster holds several, stack.c), as its
             * label names it (site_label.c) */
            mk.site = cluster_site(sc, c);
            if (im_layout_add_mark(sc->lay, &mk) != IM_OK)
                return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        }
    }
    if (im_layout_add(sc->lay, IM_ITEM_FRAME,
                      (im_box){view->fx, view->fy, view->fx + view->fw, view->fy + view->fh},
                      NULL, NAN, NAN, false) != IM_OK)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");

    /* Paint what was placed: the frame's layer table (draw.c). */
    im_draw d = {.sc = sc, .bm = bm, .idx = idx, .n = n, .style_weapon = style_weapon,
                 .what = what, .report = report};
    return im_draw_frame(&d);
}

/* ---- small multiples -------------------------------------------------- */

#define MAX_FACETS 36

/* The period of a time (month, quarter or year facets). */
static long facet_period(const im_scene *sc, int64_t t)
{
    int y, m, d;
    im_date_split(t, &y, &m, &d);
    switch (sc->opts->facet) {
    case IM_FACET_MONTH: return (long)y * 12 + (m - 1);
    case IM_FACET_QUARTER: return (long)y * 4 + (m - 1) / 3;
    default: return y;
    }
}

static long facet_key(const im_scene *sc, const im_rec *r, const int *style_weapon)
{
    if (sc->opts->facet == IM_FACET_WEAPON)
        return style_weapon[r->weapon];
    return facet_period(sc, r->time);
}

static void facet_label(const im_scene *sc, long key, char *buf, size_t size)
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    switch (sc->opts->facet) {
    case IM_FACET_MONTH: snprintf(buf, size, "%s %ld", mon[key % 12], key / 12); break;
    case IM_FACET_QUARTER: snprintf(buf, size, "Q%ld %ld", key % 4 + 1, key / 4); break;
    case IM_FACET_YEAR: snprintf(buf, size, "%ld", key); break;
    default: snprintf(buf, size, "%s", sc->st->weapons[key].label); break;
    }
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* A grid of panels in the rectangle (x, y, w, h); the legend in a column on
 * the right. *view0 gets the first panel's view (the caller frees it). On
 * return sc->pts holds the points of every panel (for the title and the
 * timeline). */
im_status im_facets_draw(im_scene *sc, const im_basemap *bm, const double bbox[4],
                         const size_t *idx, size_t n, const int *style_weapon, double x,
                         double y, double w, double h, im_view *view0,
                         im_layout_report *report)
{
    im_context *ctx = sc->ctx;
    const im_render_options *o = sc->opts;
    double pt = view0->pt;
    long keys[MAX_FACETS + 1];
    size_t nk = 0;
    for (size_t k = 0; k < n; k++) {
        long key = facet_key(sc, &sc->set->recs[idx[k]], style_weapon);
        bool seen = false;
        for (size_t j = 0; j < nk && !seen; j++)
            seen = keys[j] == key;
        if (!seen) {
            if (nk == MAX_FACETS)
                return im_fail(ctx, IM_ERR_ARG, "--facet gives more than %d panels; narrow the "
                               "time window or choose a coarser facet", MAX_FACETS);
            keys[nk++] = key;
        }
    }
    if (nk == 0)
        return im_fail(ctx, IM_ERR_ARG, "--facet: no incidents in the selection to split");
    qsort(keys, nk, sizeof keys[0], cmp_long);
    /* Quiet periods keep their (empty) panel unless --facet-empty drop:
     * every period from the window's start (or the first incident) to its
     * end (or the last), so a reader sees the gaps in time. */
    if (o->facet != IM_FACET_WEAPON && !o->facet_empty_drop) {
        long lo = keys[0], hi = keys[nk - 1];
        if (o->has_from)
            lo = facet_period(sc, o->from) < lo ? facet_period(sc, o->from) : lo;
        if (o->has_to)
            hi = facet_period(sc, o->to) > hi ? facet_period(sc, o->to) : hi;
        if (hi - lo + 1 > MAX_FACETS)
            return im_fail(ctx, IM_ERR_ARG, "--facet gives %ld panels with the quiet periods "
                           "(at most %d); narrow the time window, choose a coarser facet, or "
                           "leave out the quiet periods with --facet-empty drop",
                           hi - lo + 1, MAX_FACETS);
        nk = 0;
        for (long k = lo; k <= hi; k++)
            keys[nk++] = k;
    }

    /* The grid that gives the panels the largest common scale. */
    double legend_w = o->hide & IM_HIDE_LEGEND ? 0 : 150 * pt;
    double gap = 8 * pt, title_h = sc->st->body_size * pt * 1.6;
    double gw = w - (legend_w ? legend_w + gap : 0);
    im_view probe;
    im_status st = im_view_init(ctx, &probe, o->crs, bbox, 0, 0, 1000, 1000, pt);
    if (st != IM_OK)
        return st;
    double aspect = probe.fw / probe.fh; /* frame filled: use the bbox's own aspect */
    {
        double xs2[2] = {bbox[0], bbox[2]}, ys2[2] = {bbox[1], bbox[3]};
        if (im_view_project(ctx, &probe, xs2, sizeof(double), ys2, sizeof(double), 2) == IM_OK &&
            isfinite(xs2[0]) && isfinite(xs2[1]) && fabs(ys2[1] - ys2[0]) > 1)
            aspect = fabs(xs2[1] - xs2[0]) / fabs(ys2[1] - ys2[0]);
    }
    im_view_clear(&probe);
    size_t best_cols = 1;
    double best = 0;
    for (size_t cols = 1; cols <= nk; cols++) {
        size_t rows = (nk + cols - 1) / cols;
        double pw = (gw - (double)(cols - 1) * gap) / (double)cols;
        double ph = (h - (double)rows * title_h - (double)(rows - 1) * gap) / (double)rows;
        double size = fmin(pw, ph * aspect);
        if (pw > 20 * pt && ph > 20 * pt && size > best) {
            best = size;
            best_cols = cols;
        }
    }
    size_t cols = best_cols, rows = (nk + cols - 1) / cols;
    double pw = (gw - (double)(cols - 1) * gap) / (double)cols;
    double ph = (h - (double)rows * title_h - (double)(rows - 1) * gap) / (double)rows;

    size_t *sub = im_malloc_array(n ? n : 1, sizeof *sub);
    im_placed *all = NULL;
    size_t n_all = 0;
    size_t counts[IM_MAX_WEAPONS] = {0};
    bool dodged = false, clustered = false, uncertain = false, coarse = false;
    if (!sub)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    im_text_style ts = {NULL, sc->st->body_size, true, false, {0.1, 0.1, 0.1, 1}, 0,
                        {0, 0, 0, 0}, 0};
    for (size_t p = 0; p < nk && st == IM_OK; p++) {
        size_t ns = 0;
        for (size_t k = 0; k < n; k++)
            if (facet_key(sc, &sc->set->recs[idx[k]], style_weapon) == keys[p])
                sub[ns++] = idx[k];
        double px = x + (double)(p % cols) * (pw + gap);
        double py = y + (double)(p / cols) * (ph + title_h + gap) + title_h;
        im_view pv;
        if ((st = im_view_init(ctx, &pv, o->crs, bbox, px, py, pw, ph, pt)) != IM_OK)
            break;
        /* a fresh scene per panel, sharing the date scale */
        im_scene ps = *sc;
        ps.view = &pv;
        ps.pts = NULL;
        ps.n = 0;
        ps.clusters = NULL;
        ps.n_clusters = 0;
        ps.n_sites_dodged = 0;
        ps.cells = NULL;
        ps.cell_max = 0;
        ps.density = 0;
        memset(&ps.occupied, 0, sizeof ps.occupied);
        memset(ps.weapon_counts, 0, sizeof ps.weapon_counts);
        memset(ps.corner_used, 0, sizeof ps.corner_used);
        if (sc->lay)
            sc->lay->panel = (int)p;
        st = im_panel_draw(&ps, bm, sub, ns, style_weapon, p == 0 ? PANEL_FURNITURE : 0,
                        report && p == 0 ? report : NULL);
        if (report && p > 0)
            report->panels++;
        char lab[96], full[128];
        facet_label(sc, keys[p], lab, sizeof lab);
        snprintf(full, sizeof full, "%s \u00b7 %zu", lab, ps.n);
        im_svg_group_begin(sc->cr, "panel-title");
        im_text_draw(sc->cr, &pv, sc->st, &ts, full, px, py - title_h + 1 * pt);
        im_svg_group_end(sc->cr);
        double ftw, fth;
        if (st == IM_OK && im_text_measure(sc->cr, &pv, sc->st, &ts, full, &ftw, &fth) &&
            im_layout_add(sc->lay, IM_ITEM_PANEL_TITLE,
                          (im_box){px, py - title_h + 1 * pt, px + ftw, py - title_h + pt + fth},
                          full, NAN, NAN, false) != IM_OK)
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        if (st == IM_OK && ps.n) {
            im_placed *grown = im_realloc_array(all, n_all + ps.n, sizeof *grown);
            if (!grown) {
                st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            } else {
                all = grown;
                memcpy(all + n_all, ps.pts, ps.n * sizeof *all);
                n_all += ps.n;
            }
        }
        for (int k = 0; k < IM_MAX_WEAPONS; k++)
            counts[k] += ps.weapon_counts[k];
        dodged |= ps.n_sites_dodged > 0;
        clustered |= ps.clustered;
        uncertain |= ps.uncertainty;
        coarse |= ps.coarse_dates;
        if (p == 0)
            *view0 = pv; /* kept for the caller: freed by it */
        else
            im_view_clear(&pv);
        im_boxes_free(&ps.occupied);
        free(ps.pts);
        free(ps.clusters);
        free(ps.cells);
    }
    free(sub);
    if (st != IM_OK) {
        free(all);
        return st;
    }
    /* The shared legend, right of the grid, for everything drawn. */
    free(sc->pts);
    sc->pts = all;
    sc->n = n_all;
    memcpy(sc->weapon_counts, counts, sizeof counts);
    sc->n_sites_dodged = dodged;
    sc->clustered = clustered;
    sc->uncertainty = uncertain;
    sc->coarse_dates = coarse;
    sc->view = view0;
    if (sc->lay)
        sc->lay->panel = 0;
    if (legend_w) {
        sc->legend_fixed = true;
        sc->legend_x = x + w - legend_w;
        sc->legend_y = y + title_h;
        im_svg_group_begin(sc->cr, "legend");
        st = im_legend_draw(sc);
        im_svg_group_end(sc->cr);
    }
    return st;
}

