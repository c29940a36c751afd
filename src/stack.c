/* stack.c - incidents that share a site: fanned out around it (dodge) or
 * drawn as one cluster symbol with the count written inside, with bounds
 * that hold at any scale (640x480 as well as 4000x3000, A4 as well as a
 * social card):
 *  - no fanned marker ends further from its true position than
 *    STACK_MAX_SHARE of the frame's shorter side: a fan that would (because
 *    it is large, or was pushed clear of a neighbour or of the frame's edge)
 *    becomes a cluster symbol instead;
 *  - fans, pushed markers and clusters stay whole inside the frame;
 *  - a cluster symbol's area grows with the count up to a bound in page
 *    units and in frame share (im_cluster_radius), and two cluster symbols
 *    never overlap: neighbours that would are merged into one, standing at
 *    the centre of the incidents it holds;
 *  - no cluster symbol covers another group's markers: a fan or lone marker
 *    under one (a same-named site jittered around its city) joins it.
 * Drawing is symbol.c's; the result is the placement (sc->pts, sc->clusters)
 * that every surface paints and --dump-layout writes. */
#include "im_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define STACK_MAX_SHARE 0.06   /* of the frame's shorter side: the farthest a fanned marker goes */
#define PUSH_SHARE 0.03        /* ... the farthest separation pushes a group */
#define MAX_PUSH_GROUPS 400    /* more groups: no pushing (dense maps are the density mode's job) */
#define MAX_MERGE_CLUSTERS 4000

/* Markers whose site positions fall in the same half-pixel share a site. */
static bool same_site(const im_placed *p, const im_placed *q)
{
    return floor(p->sx * 2) == floor(q->sx * 2) && floor(p->sy * 2) == floor(q->sy * 2);
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

/* Offset of marker k of a fan of g markers around its site. */
static void fan_offset(size_t g, size_t k, double spacing, double *dx, double *dy)
{
    if (g <= 7) { /* a small ring around the site */
        double r = g == 2 ? spacing / 2 : spacing / (2 * sin(M_PI / (double)g));
        double a = M_PI + 2 * M_PI * (double)k / (double)g;
        *dx = r * cos(a);
        *dy = r * sin(a);
    } else {
        hex_position(k, dx, dy);
        *dx *= spacing;
        *dy *= spacing;
    }
}

/* How far the outermost marker of a fan of g stands from the site. */
static double fan_radius(size_t g, double spacing)
{
    double r = 0;
    for (size_t k = 0; k < g; k++) {
        double dx, dy;
        fan_offset(g, k, spacing, &dx, &dy);
        r = fmax(r, hypot(dx, dy));
    }
    return r;
}

static double frame_side(const im_scene *sc)
{
    return fmin(sc->view->fw, sc->view->fh);
}

double im_cluster_radius(const im_scene *sc, size_t n)
{
    /* Area grows with the count, from a little over one marker, up to a
     * bound in page units (and a share of the frame): 1,700 incidents must
     * not hide a city. The count is written inside. */
    double ms = sc->st->marker_size * sc->view->pt;
    double r = ms * (0.75 + 0.22 * sqrt((double)n));
    double cap = fmin(ms * 2.6, 0.045 * frame_side(sc));
    return fmin(r, fmax(cap, ms * 1.1));
}

static im_status add_cluster(im_scene *sc, size_t first, size_t g)
{
    im_cluster *c = im_realloc_array(sc->clusters, sc->n_clusters + 1, sizeof *c);
    if (!c)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    sc->clusters = c;
    c = &sc->clusters[sc->n_clusters++];
    memset(c, 0, sizeof *c);
    c->x = c->sx = sc->pts[first].sx;
    c->y = c->sy = sc->pts[first].sy;
    c->n = g;
    for (size_t k = 0; k < g; k++) {
        /* the ring is split by category when colour shows a field */
        c->counts[sc->n_cats ? sc->pts[first + k].cat : sc->pts[first + k].weapon]++;
        sc->pts[first + k].x = sc->pts[first + k].y = NAN;
        /* every member names the cluster's site position exactly (one
         * site groups positions within half a unit): merging, site labels
         * and highlights find the members of a cluster by it */
        sc->pts[first + k].sx = c->sx;
        sc->pts[first + k].sy = c->sy;
    }
    sc->clustered = true;
    return IM_OK;
}

/* The shift along one axis that brings [c - r, c + r] inside [lo, lo + len]
 * (centred when it cannot fit). */
static double inward(double c, double r, double lo, double len)
{
    if (2 * r >= len)
        return lo + len / 2 - c;
    if (c - r < lo)
        return lo + r - c;
    if (c + r > lo + len)
        return lo + len - r - c;
    return 0;
}

/* A group: a site's fanned markers, a lone marker, or a cluster symbol;
 * a circle of radius r about its site (cx, cy), moved by (ox, oy). */
typedef struct grp {
    size_t first, n;
    double cx, cy, r, fan, ox, oy;
    im_cluster *cl;
} grp;

static void keep_inside(const im_view *v, grp *g)
{
    if (!g->cl && g->n < 2 && g->ox == 0 && g->oy == 0)
        return; /* a marker at its true position stays there */
    g->ox += inward(g->cx + g->ox, g->r, v->fx, v->fw);
    g->oy += inward(g->cy + g->oy, g->r, v->fy, v->fh);
}

/* Packings of neighbouring sites (the embassy and the airport in Baghdad
 * are 15 km apart) can overlap: push overlapping groups apart, a few
 * rounds, keeping the leaders to the true positions, and keep every group
 * inside the frame. Markers must be in site order (cmp_site). A fan that
 * would end too far from its site becomes a cluster: then *folded is set
 * and nothing is moved (the caller runs the separation again). */
static im_status separate_groups(im_scene *sc, double spacing, bool *folded)
{
    const im_view *v = sc->view;
    *folded = false;
    size_t cap = sc->n_clusters;
    for (size_t i = 0; i < sc->n;) {
        size_t j = i + 1;
        while (j < sc->n && same_site(&sc->pts[j], &sc->pts[i]))
            j++;
        cap += !isnan(sc->pts[i].x);
        i = j;
    }
    if (cap == 0)
        return IM_OK;
    grp *g = im_malloc_array(cap, sizeof *g);
    if (!g)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    size_t ng = 0;
    for (size_t i = 0; i < sc->n;) {
        size_t j = i + 1;
        while (j < sc->n && same_site(&sc->pts[j], &sc->pts[i]))
            j++;
        if (!isnan(sc->pts[i].x)) {
            double r = 0;
            for (size_t k = i; k < j; k++)
                r = fmax(r, hypot(sc->pts[k].x - sc->pts[k].sx, sc->pts[k].y - sc->pts[k].sy));
            g[ng++] = (grp){i, j - i, sc->pts[i].sx, sc->pts[i].sy, r + spacing / 2, r, 0, 0, NULL};
        }
        i = j;
    }
    for (size_t c = 0; c < sc->n_clusters; c++) {
        im_cluster *cl = &sc->clusters[c];
        /* the symbol and its outline */
        g[ng++] = (grp){0, cl->n, cl->x, cl->y, im_cluster_radius(sc, cl->n) + 0.5 * v->pt, 0,
                        0, 0, cl};
    }
    bool push = ng >= 2 && ng <= MAX_PUSH_GROUPS;
    for (int round = 0; round < 40; round++) {
        bool moved = false;
        for (size_t a = 0; push && a < ng; a++)
            for (size_t b = a + 1; b < ng; b++) {
                double dx = (g[b].cx + g[b].ox) - (g[a].cx + g[a].ox);
                double dy = (g[b].cy + g[b].oy) - (g[a].cy + g[a].oy);
                double d = hypot(dx, dy), need = g[a].r + g[b].r + spacing * 0.15;
                if (d >= need)
                    continue;
                if (d < 1e-9) { dx = 1; dy = 0; d = 1; }
                double step = (need - d) / 2 + 0.01;
                g[a].ox -= dx / d * step; g[a].oy -= dy / d * step;
                g[b].ox += dx / d * step; g[b].oy += dy / d * step;
                moved = true;
            }
        for (size_t a = 0; a < ng; a++)
            keep_inside(v, &g[a]);
        if (!moved)
            break;
    }
    /* No group is pushed further than a share of the frame (what would be
     * is held at the bound), then the frame's edge has the last word. */
    double max_push = fmin(fmax(sc->st->marker_size * v->pt * 1.5, PUSH_SHARE * frame_side(sc)),
                           2 * PUSH_SHARE * frame_side(sc));
    double max_disp = STACK_MAX_SHARE * frame_side(sc);
    size_t nf = 0;
    for (size_t a = 0; a < ng; a++) {
        double d = hypot(g[a].ox, g[a].oy);
        if (d > max_push) {
            g[a].ox *= max_push / d;
            g[a].oy *= max_push / d;
        }
        keep_inside(v, &g[a]);
        /* A fan whose markers would end too far from their site folds. */
        if (!g[a].cl && g[a].n > 1 && g[a].fan + hypot(g[a].ox, g[a].oy) > max_disp)
            g[nf++] = g[a]; /* nf <= a: the folding ones, packed at the front */
    }
    if (nf) {
        im_status st = IM_OK;
        for (size_t k = 0; k < nf && st == IM_OK; k++) {
            if (sc->n_sites_dodged)
                sc->n_sites_dodged--;
            st = add_cluster(sc, g[k].first, g[k].n);
        }
        free(g);
        *folded = true;
        return st;
    }
    for (size_t a = 0; a < ng; a++) {
        if (g[a].cl) {
            g[a].cl->x += g[a].ox;
            g[a].cl->y += g[a].oy;
            continue;
        }
        for (size_t k = g[a].first; k < g[a].first + g[a].n; k++) {
            sc->pts[k].x += g[a].ox;
            sc->pts[k].y += g[a].oy;
        }
    }
    free(g);
    return IM_OK;
}

/* Cluster symbols that still overlap (separation held at its bound, or
 * not run on a dense map) become one: the count is the sum, the symbol
 * stands at the centre of the incidents it holds (by count), and those
 * incidents name it as their site position, as every member of a cluster
 * does (site labels, highlights and the HTML map find it so). Then each
 * symbol is kept inside the frame, which may make new neighbours: repeat. */
static void merge_clusters(im_scene *sc)
{
    const im_view *v = sc->view;
    double gap = 0.75 * v->pt;
    bool merging = sc->n_clusters <= MAX_MERGE_CLUSTERS; /* else: only kept inside */
    for (;;) {
        bool merged = false;
        for (size_t a = 0; merging && a < sc->n_clusters; a++)
            for (size_t b = a + 1; b < sc->n_clusters; b++) {
                im_cluster *p = &sc->clusters[a], *q = &sc->clusters[b];
                double need = im_cluster_radius(sc, p->n) + im_cluster_radius(sc, q->n) + gap;
                if (hypot(q->x - p->x, q->y - p->y) >= need)
                    continue;
                double n = (double)(p->n + q->n);
                double sx = (p->sx * (double)p->n + q->sx * (double)q->n) / n;
                double sy = (p->sy * (double)p->n + q->sy * (double)q->n) / n;
                for (size_t k = 0; k < sc->n; k++) {
                    im_placed *m = &sc->pts[k];
                    if (isnan(m->x) && ((m->sx == p->sx && m->sy == p->sy) ||
                                        (m->sx == q->sx && m->sy == q->sy))) {
                        m->sx = sx;
                        m->sy = sy;
                    }
                }
                p->n += q->n;
                for (int w = 0; w < IM_MAX_WEAPONS; w++)
                    p->counts[w] += q->counts[w];
                p->x = p->sx = sx;
                p->y = p->sy = sy;
                memmove(q, q + 1, (sc->n_clusters - b - 1) * sizeof *q);
                sc->n_clusters--;
                b--;
                merged = true;
            }
        for (size_t a = 0; a < sc->n_clusters; a++) {
            im_cluster *c = &sc->clusters[a];
            double r = im_cluster_radius(sc, c->n) + 0.5 * v->pt;
            c->x += inward(c->x, r, v->fx, v->fw);
            c->y += inward(c->y, r, v->fy, v->fh);
        }
        if (!merged)
            break;
    }
}

/* A fan or a lone marker that a cluster symbol covers -- a same-named site
 * jittered around its city's centre, a neighbour a merged cluster grew
 * over -- would be hidden under it: the whole group joins the cluster,
 * counted there and naming its site as every member does. Returns whether
 * any did (the cluster grew: merge again, then look again). */
static bool absorb_covered(im_scene *sc)
{
    const im_view *v = sc->view;
    double half = sc->st->marker_size * v->pt / 2, gap = 0.5 * v->pt;
    bool any = false;
    for (size_t i = 0; i < sc->n;) {
        size_t j = i + 1;
        if (isnan(sc->pts[i].x)) {
            i = j;
            continue;
        }
        while (j < sc->n && !isnan(sc->pts[j].x) && same_site(&sc->pts[j], &sc->pts[i]))
            j++;
        im_cluster *hit = NULL;
        for (size_t c = 0; c < sc->n_clusters && !hit; c++) {
            im_cluster *cl = &sc->clusters[c];
            double rc = im_cluster_radius(sc, cl->n) + gap;
            for (size_t k = i; k < j && !hit; k++) {
                const im_placed *p = &sc->pts[k];
                double r = p->size > 0 ? p->size / 2 : half;
                if (hypot(p->x - cl->x, p->y - cl->y) < rc + r)
                    hit = cl;
            }
        }
        if (hit) {
            if (j - i > 1 && sc->n_sites_dodged)
                sc->n_sites_dodged--;
            for (size_t k = i; k < j; k++) {
                im_placed *p = &sc->pts[k];
                hit->counts[sc->n_cats ? p->cat : p->weapon]++;
                p->x = p->y = NAN;
                p->sx = hit->sx;
                p->sy = hit->sy;
            }
            hit->n += j - i;
            any = true;
        }
        i = j;
    }
    return any;
}

im_status im_markers_dodge(im_scene *sc)
{
    im_stack_mode mode = sc->opts->stack;
    if (sc->n < 2 || mode == IM_STACK_NONE)
        return IM_OK;
    /* Past 50,000 markers the map is a field of symbols, not of sites:
     * automatic stacking stands aside (an explicit --stack still applies). */
    if (mode == IM_STACK_AUTO && sc->n > 50000)
        return IM_OK;
    /* Proportional symbols nest (larger drawn first) rather than fan out. */
    if (mode == IM_STACK_AUTO && sc->size_src != IM_SIZE_BY_NONE)
        return IM_OK;
    int threshold = sc->opts->stack_threshold > 0 ? sc->opts->stack_threshold : 9;
    double spacing = sc->st->marker_size * sc->view->pt * 1.08;
    double max_disp = STACK_MAX_SHARE * frame_side(sc);
    qsort(sc->pts, sc->n, sizeof *sc->pts, cmp_site);
    for (size_t i = 0; i < sc->n;) {
        size_t j = i + 1;
        while (j < sc->n && same_site(&sc->pts[j], &sc->pts[i]))
            j++;
        size_t g = j - i;
        /* A cluster by --stack cluster, past the threshold in auto, or when
         * the fan would reach further than the bound (under dodge too). */
        if (g > 1 && (mode == IM_STACK_CLUSTER ||
                      (mode == IM_STACK_AUTO && g > (size_t)threshold) ||
                      fan_radius(g, spacing) > max_disp)) {
            im_status st = add_cluster(sc, i, g);
            if (st != IM_OK)
                return st;
        } else if (g > 1) {
            sc->n_sites_dodged++;
            for (size_t k = 0; k < g; k++) {
                double dx, dy;
                fan_offset(g, k, spacing, &dx, &dy);
                sc->pts[i + k].x = sc->pts[i + k].sx + dx;
                sc->pts[i + k].y = sc->pts[i + k].sy + dy;
            }
        }
        i = j;
    }
    /* Folding a fan changes its neighbours' room: separate again until no
     * fan folds (each round folds at least one, so this ends). */
    for (bool folded = true; folded;) {
        im_status st = separate_groups(sc, spacing, &folded);
        if (st != IM_OK)
            return st;
    }
    /* Clusters never overlap each other nor cover another group's markers. */
    do
        merge_clusters(sc);
    while (absorb_covered(sc));
    qsort(sc->pts, sc->n, sizeof *sc->pts, cmp_draw);
    return IM_OK;
}
