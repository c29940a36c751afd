/* site_label.c - names of the incident sites ("Ain al-Asad Air Base"),
 * placed from candidate positions around each site's markers so that no
 * label covers another label, a marker or the furniture; a label pushed
 * away from its site gets a thin leader line. */
#include "layout.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#define MAX_SITE_LABELS 40
#define MAX_MARKERS_FOR_LABELS 50000
#define SAME_NAME_GAP_PT 24 /* same-name sites nearer than this share a label */
#define LEAD_FROM_PT 11     /* a label further than this from its nearest marker is led */
#define LEAD_CLEAR_PT 8     /* a led label nearer a neighbour than its own symbols: this clear of it */

typedef struct site {
    const char *name;
    size_t orig;      /* index before sorting */
    double x, y;      /* the site's device position */
    im_box extent;    /* its markers (or cluster) */
    size_t n;
} site;

static int cmp_site(const void *a, const void *b)
{
    const site *p = a, *q = b;
    if (p->n != q->n)
        return p->n > q->n ? -1 : 1;
    return strcmp(p->name, q->name);
}

static im_box grow(im_box b, double d)
{
    im_box r = {b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d};
    return r;
}

/* Site s takes in site t: its symbols' extent and incidents. */
static void join(site *s, const site *t)
{
    s->extent.x0 = fmin(s->extent.x0, t->extent.x0);
    s->extent.y0 = fmin(s->extent.y0, t->extent.y0);
    s->extent.x1 = fmax(s->extent.x1, t->extent.x1);
    s->extent.y1 = fmax(s->extent.y1, t->extent.y1);
    s->n += t->n;
}

/* Distance between boxes a and b (0 when they meet). */
static double gap(im_box a, im_box b)
{
    double dx = fmax(0, fmax(a.x0 - b.x1, b.x0 - a.x1));
    double dy = fmax(0, fmax(a.y0 - b.y1, b.y0 - a.y1));
    return hypot(dx, dy);
}

/* Nearest point of box b to (x, y). */
static void nearest(im_box b, double x, double y, double *nx, double *ny)
{
    *nx = fmin(fmax(x, b.x0), b.x1);
    *ny = fmin(fmax(y, b.y0), b.y1);
}

/* A drawn symbol: a marker or a cluster, and the site it belongs to. */
typedef struct sym { double x, y, r, sx, sy; size_t site; } sym;

/* Would the label box lb of site i sit as near another site's symbols as
 * its own (edge to edge)? Then a reader could give it to the wrong group.
 * *own_d, *other_d: how far it stands from its own nearest symbol and from
 * any other site's. */
static bool nearer_other(const sym *syms, size_t n, size_t i, im_box lb, double *own_d,
                         double *other_d)
{
    double own = HUGE_VAL, other = HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        double dx = fmax(0, fmax(lb.x0 - syms[k].x, syms[k].x - lb.x1));
        double dy = fmax(0, fmax(lb.y0 - syms[k].y, syms[k].y - lb.y1));
        double d = fmax(0, hypot(dx, dy) - syms[k].r);
        if (syms[k].site == i)
            own = fmin(own, d);
        else
            other = fmin(other, d);
    }
    *own_d = own;
    *other_d = other;
    return other <= own;
}

/* Does the leader (ax, ay)-(bx, by) of site i pass over another site's
 * symbol? */
static bool leader_crosses(const sym *syms, size_t n, size_t i, double ax, double ay, double bx,
                           double by)
{
    double lx = bx - ax, ly = by - ay, len2 = lx * lx + ly * ly;
    for (size_t k = 0; k < n; k++) {
        if (syms[k].site == i)
            continue;
        double t = len2 > 0 ? ((syms[k].x - ax) * lx + (syms[k].y - ay) * ly) / len2 : 0;
        t = fmin(1, fmax(0, t));
        if (hypot(ax + t * lx - syms[k].x, ay + t * ly - syms[k].y) < syms[k].r)
            return true;
    }
    return false;
}

/* The leader of site i's label box lb: from the label's point nearest one
 * of the site's own symbols to that symbol's edge, the symbol being the
 * one whose edge stands nearest the label among those at the site's own
 * position (sx, sy) (a neighbour's cluster that took in a few of its
 * jittered incidents is the neighbour's), or among all its symbols when
 * none is. (To the nearest point of the box round all the site's symbols,
 * a leader ended in the empty corner of a fanned group: Gaza City's, 25 pt
 * from its cluster, was a 3 pt dash.) */
static void leader_ends(const sym *syms, size_t n, size_t i, double sx, double sy, im_box lb,
                        double *ax, double *ay, double *bx, double *by)
{
    bool at_site = false;
    for (size_t k = 0; k < n && !at_site; k++)
        at_site = syms[k].site == i && syms[k].sx == sx && syms[k].sy == sy;
    double best = HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        if (syms[k].site != i || (at_site && (syms[k].sx != sx || syms[k].sy != sy)))
            continue;
        double px, py;
        nearest(lb, syms[k].x, syms[k].y, &px, &py);
        double len = hypot(px - syms[k].x, py - syms[k].y);
        if (len - syms[k].r >= best)
            continue;
        best = len - syms[k].r;
        *ax = px;
        *ay = py;
        *bx = len > syms[k].r ? syms[k].x + (px - syms[k].x) * syms[k].r / len : px;
        *by = len > syms[k].r ? syms[k].y + (py - syms[k].y) * syms[k].r / len : py;
    }
}

/* The name stacked onto `lines` lines, broken at spaces only (never
 * inside "ez-Zor"), where the widest line is narrowest: the text with its
 * line breaks into out (wrap_w 0 in ts), its size in (*w, *h). False when
 * the name has too few words, is too long, or the stack is not clearly
 * narrower than the shape before it (*w on entry). */
static bool stack_name(im_scene *sc, im_text_style *ts, const char *name, int lines, char *out,
                       size_t out_size, double *w, double *h)
{
    size_t len = strlen(name), sp[16], n_sp = 0;
    if (len + 2 >= out_size || len + 2 >= 256) /* two newlines added */
        return false;
    for (size_t k = 0; k < len && n_sp < 16; k++)
        if (name[k] == ' ')
            sp[n_sp++] = k;
    if (n_sp + 1 < (size_t)lines)
        return false;
    im_text_style one = *ts;
    one.wrap_w = 0;
    char trial[256]; /* out_size is at most this */
    double best_w = HUGE_VAL, best_h = 0;
    /* every choice of lines-1 spaces (j == n_sp: no second break) */
    for (size_t i = 0; i < n_sp; i++)
        for (size_t j = i + 1; j <= n_sp; j++) {
            if ((lines == 2) != (j == n_sp))
                continue;
            /* each break keeps its space before the newline, so the words
             * stay apart in an SVG's or a PDF's text (a space at a line's
             * end is not drawn) */
            size_t o = 0;
            for (size_t k = 0; k <= len; k++) {
                trial[o++] = name[k];
                if (k == sp[i] || (j < n_sp && k == sp[j]))
                    trial[o++] = '\n';
            }
            double tw, th;
            if (im_text_measure(sc->cr, sc->view, sc->st, &one, trial, &tw, &th) && tw < best_w) {
                best_w = tw;
                best_h = th;
                memcpy(out, trial, o);
            }
        }
    if (best_w > *w * 0.9)
        return false;
    *ts = one;
    *w = best_w;
    *h = best_h;
    return true;
}

/* A site of many incidents left without its name: an entry in the dump
 * saying why (kind "site_unlabelled", its symbols' box). */
static im_status unlabelled(im_scene *sc, const site *s, const char *why)
{
    char text[256];
    snprintf(text, sizeof text, "%s (%zu incidents): %s", s->name, s->n, why);
    return im_layout_add(sc->lay, IM_ITEM_SITE_UNLABELLED, s->extent, text, s->x, s->y, false);
}

/* One site's label being placed: the name's style and size in its
 * current shape, and whether a place was refused for standing nearer
 * another site's symbols. */
typedef struct site_try {
    im_scene *sc;
    const sym *syms;
    size_t nsym, i; /* the symbols; the site's index among the sorted sites */
    const site *s;
    im_box e;       /* the site's extent, grown by 1 pt */
    im_text_style ts;
    const char *text; /* the name as drawn: s->name, or stacked */
    double w, h;
    bool crowded;
} site_try;

/* Try the label's places in order and draw it at the first free one:
 * first on the three nearer rings clear of sc->keep_clear (the dots of
 * capitals: Al-Tanf's name over Damascus leaves Damascus without its dot),
 * then anywhere, the eight first places of the five first rings (right,
 * left, above, below, diagonals). Relaxed, for a site due its name still
 * without it (Sagaing and Mandalay merged into one cluster between
 * Monywa's and Pyin Oo Lwin's): the places flush with its edges and a
 * sixth ring, led, where the label may stand nearer a neighbour than its
 * own symbols as long as it keeps LEAD_CLEAR_PT from every other symbol
 * and its leader crosses none. Returns 1 when drawn, 0 when no place is
 * free, -1 out of memory. */
static int try_places(site_try *t, bool relaxed)
{
    static const double ring_pt[] = {2, 9, 18, 30, 46, 64};
    /* right, left, above, below, and the diagonals; then above and below
     * flush with the symbols' left or right edge and beside them flush
     * with their top or bottom. The third member: 0 centred, -1 flush with
     * the low edge, 1 with the high. */
    static const int dir[][3] = {{1, 0, 0},  {-1, 0, 0}, {0, -1, 0}, {0, 1, 0},
                                 {1, -1, 0}, {1, 1, 0},  {-1, -1, 0}, {-1, 1, 0},
                                 {0, -1, -1}, {0, -1, 1}, {0, 1, -1}, {0, 1, 1},
                                 {1, 0, -1}, {1, 0, 1},  {-1, 0, -1}, {-1, 0, 1}};
    im_scene *sc = t->sc;
    const im_view *v = sc->view;
    const site *s = t->s;
    const im_box e = t->e;
    const double pt = v->pt, w = t->w, h = t->h;
    cairo_t *cr = sc->cr;
    size_t n_rings = sizeof ring_pt / sizeof ring_pt[0];
    size_t first = relaxed ? 3 + (n_rings - 1) : sc->keep_clear ? 0 : 3;
    size_t last = relaxed ? first + n_rings : 3 + (n_rings - 1);
    for (size_t pass = first; pass < last; pass++) {
        bool soft = pass < 3;
        size_t r = soft ? pass : relaxed ? pass - 3 - (n_rings - 1) : pass - 3;
        double d = ring_pt[r] * pt;
        int n_dir = relaxed ? (int)(sizeof dir / sizeof dir[0]) : 8;
        for (int k = 0; k < n_dir; k++) {
            int dx = dir[k][0], dy = dir[k][1], flush = dir[k][2];
            double x = dx > 0 ? e.x1 + d : dx < 0 ? e.x0 - d - w
                       : flush < 0 ? e.x0 : flush > 0 ? e.x1 - w : (e.x0 + e.x1) / 2 - w / 2;
            double y = dy > 0 ? e.y1 + d : dy < 0 ? e.y0 - d - h
                       : flush < 0 ? e.y0 : flush > 0 ? e.y1 - h : (e.y0 + e.y1) / 2 - h / 2;
            im_box lb = {x, y, x + w, y + h}, test = grow(lb, 1.5 * pt);
            if (lb.x0 < v->fx + 2 * pt || lb.y0 < v->fy + 2 * pt ||
                lb.x1 > v->fx + v->fw - 2 * pt || lb.y1 > v->fy + v->fh - 2 * pt)
                continue;
            if (im_boxes_hit(&sc->occupied, test) || (soft && im_boxes_hit(sc->keep_clear, test)))
                continue;
            double own_d, other_d;
            /* the leader's two ends: the label's point nearest its nearest
             * own symbol, and that symbol's edge */
            double ax, ay, bx, by;
            nearest(lb, s->x, s->y, &ax, &ay);
            nearest(e, ax, ay, &bx, &by);
            leader_ends(t->syms, t->nsym, t->i, s->x, s->y, lb, &ax, &ay, &bx, &by);
            if (nearer_other(t->syms, t->nsym, t->i, lb, &own_d, &other_d)) {
                t->crowded = true;
                if (!relaxed || other_d < LEAD_CLEAR_PT * pt ||
                    leader_crosses(t->syms, t->nsym, t->i, ax, ay, bx, by))
                    continue;
            }
            /* Displaced (the outer rings, a diagonal of the second, or any
             * place whose corner stands clear of a round fan's markers, or a
             * relaxed place): a leader from the label to the markers. */
            bool leader = r >= 2 || (r == 1 && dx != 0 && dy != 0) ||
                          own_d > LEAD_FROM_PT * pt || relaxed;
            if (leader) {
                cairo_move_to(cr, ax, ay);
                cairo_line_to(cr, bx, by);
                /* the theme's ink: light under --theme dark */
                im_rgba ink = im_theme_or(&sc->st->theme, IM_TH_INK, (im_rgba){0.2, 0.2, 0.2, 1});
                cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 0.7);
                cairo_set_line_width(cr, 0.5 * pt);
                cairo_stroke(cr);
            }
            im_text_draw(cr, v, sc->st, &t->ts, t->text, x, y);
            if (im_boxes_add(&sc->occupied, lb) != IM_OK ||
                im_layout_add(sc->lay, IM_ITEM_SITE_LABEL, lb, s->name, s->x, s->y, leader) != IM_OK)
                return -1;
            if (leader && sc->lay)
                im_layout_set_leader(sc->lay, ax, ay, bx, by);
            return 1;
        }
    }
    return 0;
}

im_status im_site_labels_draw(im_scene *sc)
{
    if (sc->n == 0 || sc->n > MAX_MARKERS_FOR_LABELS)
        return IM_OK;
    const im_view *v = sc->view;
    const im_incidents *set = sc->set;
    double pt = v->pt, half = sc->st->marker_size * pt * 0.7;
    site *sites = NULL;
    size_t ns = 0, cap = 0, nsym = 0;
    sym *syms = im_malloc_array(sc->n, sizeof *syms);
    if (!syms)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    /* Group markers by site name and position. Linear in sites per marker;
     * fine for the few hundred sites a readable map has. */
    for (size_t i = 0; i < sc->n; i++) {
        const im_placed *p = &sc->pts[i];
        const char *name = set->pool + set->recs[p->rec].site;
        if (!*name)
            continue;
        size_t k = 0;
        for (; k < ns; k++)
            if (sites[k].x == p->sx && sites[k].y == p->sy && strcmp(sites[k].name, name) == 0)
                break;
        if (k == ns) {
            if (ns == 2000)
                continue;
            if (ns == cap) {
                cap = cap ? cap * 2 : 32;
                site *s = im_realloc_array(sites, cap, sizeof *s);
                if (!s) {
                    free(sites);
                    free(syms);
                    return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
                }
                sites = s;
            }
            sites[ns].name = name;
            sites[ns].orig = ns;
            sites[ns].x = p->sx;
            sites[ns].y = p->sy;
            /* grown by each symbol as drawn (a pushed fan leaves its site) */
            sites[ns].extent = (im_box){HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
            sites[ns].n = 0;
            ns++;
        }
        site *s = &sites[k];
        s->n++;
        /* a marker sized by --size-by is drawn p->size across */
        double mr = p->size > 0 ? p->size / 2 : sc->st->marker_size * pt / 2;
        double x = p->x, y = p->y, r = fmax(half, mr);
        if (isnan(p->x)) { /* clustered: the cluster symbol, wherever it went */
            x = p->sx;
            y = p->sy;
            for (size_t c = 0; c < sc->n_clusters; c++)
                if (sc->clusters[c].sx == p->sx && sc->clusters[c].sy == p->sy) {
                    x = sc->clusters[c].x;
                    y = sc->clusters[c].y;
                    r = im_cluster_radius(sc, sc->clusters[c].n);
                }
        }
        /* the symbol as drawn: half the marker size, or the cluster */
        syms[nsym++] = (sym){x, y, isnan(p->x) ? r : mr, p->sx, p->sy, k};
        s->extent.x0 = fmin(s->extent.x0, x - r);
        s->extent.y0 = fmin(s->extent.y0, y - r);
        s->extent.x1 = fmax(s->extent.x1, x + r);
        s->extent.y1 = fmax(s->extent.y1, y + r);
    }
    if (ns == 0) {
        free(sites);
        free(syms);
        return IM_OK;
    }
    /* One name once: sites of the same name whose markers lie close on the
     * map (the same base reported at slightly different coordinates) are
     * one group with one label. */
    size_t *alias = im_malloc_array(ns, sizeof *alias);
    if (!alias) {
        free(sites);
        free(syms);
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    }
    /* Likewise sites standing at one position: a cluster symbol that
     * merged neighbouring sites (stack.c) is labelled once, with the name
     * of its largest site (so the larger sites go first). */
    qsort(sites, ns, sizeof *sites, cmp_site);
    size_t kept = 0;
    for (size_t i = 0; i < ns; i++) {
        size_t from = sites[i].orig;
        alias[from] = kept;
        for (size_t j = 0; j < kept; j++) {
            bool same_place = sites[j].x == sites[i].x && sites[j].y == sites[i].y;
            if (!same_place && (strcmp(sites[j].name, sites[i].name) != 0 ||
                                gap(sites[j].extent, sites[i].extent) > SAME_NAME_GAP_PT * pt))
                continue;
            join(&sites[j], &sites[i]);
            alias[from] = j;
            break;
        }
        if (alias[from] == kept) {
            sites[kept] = sites[i];
            sites[kept].orig = kept;
            kept++;
        }
    }
    /* The first pass compares each site with the groups kept before it,
     * so same-named markers ringed round a neighbour's cluster (Rafah's
     * round Khan Younis's) stayed two groups, two "Rafah" labels, when the
     * two far sides of the ring came first. Merge same-named groups within
     * reach of each other until none is, whatever the order. */
    size_t *into = im_malloc_array(2 * kept, sizeof *into);
    if (!into) {
        free(alias);
        free(sites);
        free(syms);
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    }
    size_t *renum = into + kept;
    for (size_t a = 0; a < kept; a++)
        into[a] = a;
    for (bool again = true; again;) {
        again = false;
        for (size_t a = 0; a < kept; a++)
            for (size_t b = a + 1; b < kept && into[a] == a; b++) {
                if (into[b] != b || strcmp(sites[a].name, sites[b].name) != 0 ||
                    gap(sites[a].extent, sites[b].extent) > SAME_NAME_GAP_PT * pt)
                    continue;
                join(&sites[a], &sites[b]);
                into[b] = a;
                again = true;
            }
    }
    /* a group joins one before it (into[b] < b), which may have joined
     * another: in ascending order each finds the group it ended in, then
     * the groups left are renumbered */
    size_t merged = 0;
    for (size_t a = 0; a < kept; a++) {
        if (into[a] != a)
            into[a] = into[into[a]];
        renum[a] = into[a] == a ? merged++ : renum[into[a]];
        if (into[a] == a) {
            sites[renum[a]] = sites[a];
            sites[renum[a]].orig = renum[a];
        }
    }
    for (size_t k = 0; k < nsym; k++)
        syms[k].site = renum[alias[syms[k].site]];
    free(into);
    free(alias);
    ns = merged;
    qsort(sites, ns, sizeof *sites, cmp_site);
    /* symbols name their site by its index after sorting */
    size_t *where = im_malloc_array(ns, sizeof *where);
    if (!where) {
        free(sites);
        free(syms);
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    }
    for (size_t k = 0; k < ns; k++)
        where[sites[k].orig] = k;
    for (size_t k = 0; k < nsym; k++)
        syms[k].site = where[syms[k].site];
    free(where);

    /* Long names wrap onto a second line rather than run across the map. */
    im_text_style ts = {NULL, sc->st->body_size * 0.95, true, false, {0.16, 0.12, 0.10, 1},
                        1.3, {1, 1, 1, 0.92}, 150 * pt};
    size_t placed = 0;
    for (size_t i = 0; i < ns; i++) {
        site *s = &sites[i];
        /* A site of many incidents, or the map's busiest, is due its name:
         * it may take the relaxed places, and is reported when left out. */
        bool due = s->n >= IM_SITE_LABEL_DUE || (i == 0 && s->n > 1);
        if (placed >= MAX_SITE_LABELS) {
            if (due && unlabelled(sc, s, "the map has its most site labels already") != IM_OK)
                goto nomem;
            continue;
        }
        double w, h;
        if (!im_text_measure(sc->cr, v, sc->st, &ts, s->name, &w, &h))
            continue;
        /* A name longer than the wrap width goes onto two lines broken
         * where they come out most even ("Baghdad International Airport /"
         * over "Victory Base", not a lone "Base" under the rest). */
        char stacked[256], even[256];
        im_text_style ts0 = ts, one = ts;
        const char *text0 = s->name;
        double w1, h1, ew = HUGE_VAL, eh;
        one.wrap_w = 0;
        if (im_text_measure(sc->cr, v, sc->st, &one, s->name, &w1, &h1) && w1 > ts.wrap_w &&
            stack_name(sc, &one, s->name, 2, even, sizeof even, &ew, &eh) && ew <= ts.wrap_w) {
            ts0 = one;
            text0 = even;
            w = ew;
            h = eh;
        }
        site_try t = {sc, syms, nsym, i, s, grow(s->extent, 1 * pt), ts0, text0, w, h, false};
        /* The name as one line (or two even ones past 150 pt) first; where that
         * finds no place, stacked onto two lines, then three (the busiest
         * site of the Iraq sample, "US Embassy Baghdad (Green Zone)", had
         * room beside its ring for two lines at 800x600 and for three at
         * 1080x1080, never for one); a due site tries the relaxed places
         * only when no shape fits the others. */
        int got = 0;
        for (int relaxed = 0; relaxed < 1 + due && got == 0; relaxed++) {
            t.ts = ts0;
            t.text = text0;
            t.w = w;
            t.h = h;
            for (int shape = 0; shape < 3 && got == 0; shape++) {
                if (shape > 0) {
                    if (!stack_name(sc, &t.ts, s->name, shape + 1, stacked, sizeof stacked,
                                    &t.w, &t.h))
                        continue;
                    t.text = stacked;
                }
                got = try_places(&t, relaxed);
            }
        }
        if (got < 0)
            goto nomem;
        placed += got;
        if (!got && due &&
            unlabelled(sc, s, t.crowded ? "every free place nearer another site's symbols"
                                        : "no free place within 64 pt of its symbols") != IM_OK)
            goto nomem;
    }
    free(sites);
    free(syms);
    return IM_OK;
nomem:
    free(sites);
    free(syms);
    return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
}

/* Generic words a site name may add to its place's name. */
static const char *const generic_words[] = {
    "area", "district", "city", "governorate", "province", "region", "town", "centre",
    "center", "municipality", "outskirts", "suburbs", "environs", "city centre",
    "city center", "metropolitan area", "urban area", "village", "countryside",
};

/* text is "word" or "(word)" for a generic word, after a space. */
static bool generic_rest(const char *rest)
{
    if (*rest != ' ')
        return false;
    while (*rest == ' ')
        rest++;
    size_t len = strlen(rest);
    bool paren = len >= 2 && rest[0] == '(' && rest[len - 1] == ')';
    if (paren)
        rest++, len -= 2;
    for (size_t i = 0; i < sizeof generic_words / sizeof generic_words[0]; i++)
        if (strlen(generic_words[i]) == len && strncasecmp(rest, generic_words[i], len) == 0)
            return true;
    return false;
}

/* The key two spellings of one name share: s without its letters'
 * accents and marks (NFD, non-spacing marks dropped), without apostrophes,
 * hyphens as spaces, case folded ("Bogota" for "Bogotá", "Cucuta" for
 * "Cúcuta", "fada n gourma" for "Fada N'Gourma"): ACLED and press files
 * often write place names in plain ASCII. NULL when s is not UTF-8. The
 * caller frees it with g_free. */
static char *name_key(const char *s)
{
    char *nfd = g_utf8_normalize(s, -1, G_NORMALIZE_NFD);
    if (!nfd)
        return NULL;
    GString *out = g_string_sized_new(strlen(nfd));
    for (const char *p = nfd; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        GUnicodeType t = g_unichar_type(c);
        if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK)
            continue;
        if (c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x02BB)
            continue;
        if (c == '-' || c == 0x2010 || c == 0x2011)
            c = ' ';
        g_string_append_unichar(out, c);
    }
    g_free(nfd);
    char *key = g_utf8_casefold(out->str, -1);
    g_string_free(out, TRUE);
    return key;
}

/* site names place, both as keys (name_key). */
static bool names_place(const char *site, const char *place)
{
    if (strcmp(site, place) == 0)
        return true;
    size_t ls = strlen(site), lp = strlen(place);
    /* one is the other plus a generic word, either way round */
    if (ls > lp && strncasecmp(site, place, lp) == 0)
        return generic_rest(site + lp);
    if (lp > ls && strncasecmp(place, site, ls) == 0)
        return generic_rest(place + ls);
    return false;
}

bool im_site_names_place(const char *site, const char *place)
{
    if (!site || !place || !*site || !*place)
        return false;
    if (names_place(site, place))
        return true;
    char *ks = name_key(site), *kp = name_key(place);
    bool same = ks && kp && *ks && *kp && names_place(ks, kp);
    g_free(ks);
    g_free(kp);
    return same;
}
