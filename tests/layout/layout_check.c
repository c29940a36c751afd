/* layout_check.c - assertions on a placement dump (--dump-layout):
 *   layout_check DUMP.json [CREDIT-TEXT]
 * Nothing is clipped by the page; markers sit in their frame, and those
 * that stacking moved (and cluster symbols) sit whole inside it, not far
 * from their sites; cluster symbols do not overlap; no label
 * overlaps another label, a marker, a place dot other than its own or a
 * piece of furniture; furniture pieces do not overlap each other; every
 * site label is adjacent to its own markers (or led to them) and never
 * nearer another site's markers than its own; a colour bar has tick
 * labels; the credit line is there, whole. Prints each failure; exit 1 when any. */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.05    /* points: boxes that share an edge do not overlap */
#define ADJACENT 12 /* points: how close an unled site label stays to its markers */
#define SAME_NAME_NEAR 36 /* points: a site label and a place of its name this near: one label */
#define LEADER_NEAR 14 /* points: a led place name's markers are this near its place */
#define MAX_MOVE 0.1 /* of the frame's shorter side: the farthest stacking moves a marker */
#define LEAD_CLEAR 8 /* points: a led label nearer another site than its own keeps this clear */
#define SITE_DUE 20  /* incidents: a cluster this big is named (IM_SITE_LABEL_DUE) */
#define SAME_SITE_NEAR 24 /* points: same-named sites this near are one label (SAME_NAME_GAP_PT) */

typedef struct box { double x0, y0, x1, y1; } box;
typedef struct item {
    const char *kind, *text;
    box b;
    double ax, ay;
    int has_anchor, leader, panel, has_line;
    double line[4]; /* the leader as drawn: label end, marker end */
} item;
typedef struct mark { double x, y, sx, sy, r; const char *site; int panel, n; } mark;

static int failures;

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FAIL: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures++;
}

static int is_label(const item *it)
{
    return !strcmp(it->kind, "site_label") || !strcmp(it->kind, "place_label");
}

static int is_furniture(const item *it)
{
    return !is_label(it) && strcmp(it->kind, "place_dot") && strcmp(it->kind, "frame") &&
           strcmp(it->kind, "site_unlabelled");
}

static int overlap(box a, box b)
{
    return a.x0 < b.x1 - EPS && b.x0 < a.x1 - EPS && a.y0 < b.y1 - EPS && b.y0 < a.y1 - EPS;
}

/* Distance from (x, y) to box b (0 inside). */
static double dist(box b, double x, double y)
{
    double dx = fmax(0, fmax(b.x0 - x, x - b.x1)), dy = fmax(0, fmax(b.y0 - y, y - b.y1));
    return hypot(dx, dy);
}

static box get_box(json_t *a)
{
    box b = {json_number_value(json_array_get(a, 0)), json_number_value(json_array_get(a, 1)),
             json_number_value(json_array_get(a, 2)), json_number_value(json_array_get(a, 3))};
    return b;
}

static const char *desc(const item *it, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s [%.1f,%.1f %.1f,%.1f]", it->kind, it->text ? " \"" : "",
             it->text ? it->text : "", it->text ? "\"" : "", it->b.x0, it->b.y0, it->b.x1, it->b.y1);
    return buf;
}

/* A site's name is on the panel: its label, a place label of the same
 * name standing for it, or a site_unlabelled entry saying why not. */
static int site_named(const item *it, size_t ni, int panel, const char *site)
{
    for (size_t i = 0; i < ni; i++)
        if (it[i].panel == panel && it[i].text &&
            ((!strcmp(it[i].kind, "site_label") && !strcmp(it[i].text, site)) ||
             (!strcmp(it[i].kind, "site_unlabelled") && !strncmp(it[i].text, site, strlen(site))) ||
             (!strcmp(it[i].kind, "place_label") && !strcmp(it[i].text, site))))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: layout_check DUMP.json [CREDIT-TEXT]\n");
        return 2;
    }
    json_error_t err;
    json_t *root = json_load_file(argv[1], 0, &err);
    if (!root) {
        fprintf(stderr, "%s:%d:%d: %s\n", argv[1], err.line, err.column, err.text);
        return 2;
    }
    double pw = json_number_value(json_object_get(json_object_get(root, "page"), "w"));
    double ph = json_number_value(json_object_get(json_object_get(root, "page"), "h"));
    json_t *ji = json_object_get(root, "items"), *jm = json_object_get(root, "markers");
    size_t ni = json_array_size(ji), nm = json_array_size(jm);
    item *it = calloc(ni + 1, sizeof *it);
    mark *mk = calloc(nm + 1, sizeof *mk);
    for (size_t i = 0; i < ni; i++) {
        json_t *o = json_array_get(ji, i), *a = json_object_get(o, "anchor");
        it[i].kind = json_string_value(json_object_get(o, "kind"));
        it[i].text = json_string_value(json_object_get(o, "text"));
        it[i].b = get_box(json_object_get(o, "box"));
        it[i].has_anchor = a != NULL;
        it[i].ax = json_number_value(json_array_get(a, 0));
        it[i].ay = json_number_value(json_array_get(a, 1));
        it[i].leader = json_is_true(json_object_get(o, "leader"));
        it[i].panel = (int)json_integer_value(json_object_get(o, "panel"));
        json_t *l = json_object_get(o, "leader_line");
        it[i].has_line = json_array_size(l) == 4;
        for (size_t k = 0; k < 4 && it[i].has_line; k++)
            it[i].line[k] = json_number_value(json_array_get(l, k));
    }
    for (size_t i = 0; i < nm; i++) {
        json_t *o = json_array_get(jm, i);
        mk[i].x = json_number_value(json_object_get(o, "x"));
        mk[i].y = json_number_value(json_object_get(o, "y"));
        mk[i].sx = json_number_value(json_object_get(o, "sx"));
        mk[i].sy = json_number_value(json_object_get(o, "sy"));
        mk[i].r = json_number_value(json_object_get(o, "r"));
        mk[i].site = json_string_value(json_object_get(o, "site"));
        mk[i].panel = (int)json_integer_value(json_object_get(o, "panel"));
        mk[i].n = (int)json_integer_value(json_object_get(o, "n"));
    }
    char d1[256], d2[256];
    size_t labels = 0, site_labels = 0, furniture = 0;

    /* 1. Nothing clipped by the page; markers inside their frame. */
    box page = {0, 0, pw, ph};
    for (size_t i = 0; i < ni; i++) {
        box b = it[i].b;
        if (b.x0 < -EPS || b.y0 < -EPS || b.x1 > pw + EPS || b.y1 > ph + EPS)
            fail("clipped by the page %.1fx%.1f: %s", pw, ph, desc(&it[i], d1, sizeof d1));
        labels += is_label(&it[i]);
        site_labels += !strcmp(it[i].kind, "site_label");
        furniture += is_furniture(&it[i]);
    }
    for (size_t m = 0; m < nm; m++) {
        int inside = 0;
        for (size_t i = 0; i < ni; i++)
            if (!strcmp(it[i].kind, "frame") && it[i].panel == mk[m].panel &&
                dist(it[i].b, mk[m].x, mk[m].y) == 0)
                inside = 1;
        if (!inside)
            fail("marker at (%.1f, %.1f) lies outside its frame", mk[m].x, mk[m].y);
        if (dist(page, mk[m].x, mk[m].y) > 0 || mk[m].x - mk[m].r < -EPS ||
            mk[m].y - mk[m].r < -EPS || mk[m].x + mk[m].r > pw + EPS || mk[m].y + mk[m].r > ph + EPS)
            fail("marker at (%.1f, %.1f) r %.1f clipped by the page", mk[m].x, mk[m].y, mk[m].r);
    }

    /* 1b. Stacking: a marker moved off its true position (fanned, pushed)
     * and a cluster symbol lie whole inside their frame, no marker moved
     * further than MAX_MOVE of the frame's shorter side, no two cluster
     * symbols overlap and no cluster covers a marker. */
    for (size_t m = 0; m < nm; m++) {
        const box *fr = NULL;
        for (size_t i = 0; i < ni && !fr; i++)
            if (!strcmp(it[i].kind, "frame") && it[i].panel == mk[m].panel)
                fr = &it[i].b;
        if (!fr)
            continue;
        double moved = hypot(mk[m].x - mk[m].sx, mk[m].y - mk[m].sy);
        if ((moved > 0 || mk[m].n > 1) &&
            (mk[m].x - mk[m].r < fr->x0 - EPS || mk[m].x + mk[m].r > fr->x1 + EPS ||
             mk[m].y - mk[m].r < fr->y0 - EPS || mk[m].y + mk[m].r > fr->y1 + EPS))
            fail("%s at (%.1f, %.1f) r %.1f, moved %.1f pt, crosses its frame's edge",
                 mk[m].n > 1 ? "cluster" : "marker", mk[m].x, mk[m].y, mk[m].r, moved);
        double side = fmin(fr->x1 - fr->x0, fr->y1 - fr->y0);
        /* (plus its own radius: the frame's edge may push it in that much) */
        if (moved > MAX_MOVE * side + mk[m].r + EPS)
            fail("%s at (%.1f, %.1f) moved %.1f pt from its site (bound %.1f pt)",
                 mk[m].n > 1 ? "cluster" : "marker", mk[m].x, mk[m].y, moved,
                 MAX_MOVE * side + mk[m].r);
        for (size_t k = m + 1; mk[m].n > 1 && k < nm; k++)
            if (mk[k].n > 1 && mk[k].panel == mk[m].panel &&
                hypot(mk[k].x - mk[m].x, mk[k].y - mk[m].y) < mk[k].r + mk[m].r - EPS)
                fail("clusters of %d at (%.1f, %.1f) and %d at (%.1f, %.1f) overlap", mk[m].n,
                     mk[m].x, mk[m].y, mk[k].n, mk[k].x, mk[k].y);
        /* ... nor does a cluster cover a marker of another group (a fan of
         * a neighbouring or same-named site, a lone marker). */
        for (size_t k = 0; mk[m].n > 1 && k < nm; k++)
            if (mk[k].n == 1 && mk[k].panel == mk[m].panel &&
                hypot(mk[k].x - mk[m].x, mk[k].y - mk[m].y) < mk[k].r + mk[m].r - EPS)
                fail("the cluster of %d at (%.1f, %.1f) covers a marker at (%.1f, %.1f)%s",
                     mk[m].n, mk[m].x, mk[m].y, mk[k].x, mk[k].y,
                     hypot(mk[k].x - mk[k].sx, mk[k].y - mk[k].sy) > 0 ? " (fanned)" : "");
    }

    /* 2. Labels clear of labels, markers, other places' dots and furniture;
     * furniture clear of furniture. */
    for (size_t i = 0; i < ni; i++) {
        if (!is_label(&it[i]) && !is_furniture(&it[i]))
            continue;
        for (size_t j = i + 1; j < ni; j++) {
            if (!is_label(&it[j]) && !is_furniture(&it[j]) && strcmp(it[j].kind, "place_dot"))
                continue;
            int dot_i = 0, dot_j = !strcmp(it[j].kind, "place_dot");
            if (dot_j && (!is_label(&it[i]) ||
                          (it[i].has_anchor && it[i].ax == it[j].ax && it[i].ay == it[j].ay)))
                continue; /* a label's own dot; furniture may cover a dot */
            (void)dot_i;
            if (overlap(it[i].b, it[j].b))
                fail("overlap: %s and %s", desc(&it[i], d1, sizeof d1), desc(&it[j], d2, sizeof d2));
        }
        /* place dots listed before the label */
        for (size_t j = 0; j < i && is_label(&it[i]); j++)
            if (!strcmp(it[j].kind, "place_dot") &&
                !(it[i].has_anchor && it[i].ax == it[j].ax && it[i].ay == it[j].ay) &&
                overlap(it[i].b, it[j].b))
                fail("overlap: %s and %s", desc(&it[i], d1, sizeof d1), desc(&it[j], d2, sizeof d2));
        if (!is_label(&it[i]))
            continue;
        for (size_t m = 0; m < nm; m++)
            if (mk[m].panel == it[i].panel && dist(it[i].b, mk[m].x, mk[m].y) < mk[m].r - EPS)
                fail("%s covers the marker at (%.1f, %.1f)", desc(&it[i], d1, sizeof d1), mk[m].x,
                     mk[m].y);
    }

    /* 3. Site labels belong to their own markers. */
    for (size_t i = 0; i < ni; i++) {
        if (strcmp(it[i].kind, "site_label"))
            continue;
        double own = HUGE_VAL, other = HUGE_VAL;
        const char *other_site = NULL;
        for (size_t m = 0; m < nm; m++) {
            if (mk[m].panel != it[i].panel || !mk[m].site)
                continue;
            double d = fmax(0, dist(it[i].b, mk[m].x, mk[m].y) - mk[m].r);
            /* markers of the same name are its own (one label stands for a
             * site reported at slightly different coordinates, or for a
             * cluster that merged neighbouring sites) */
            int mine = !strcmp(mk[m].site, it[i].text);
            if (mine)
                own = fmin(own, d);
            else if (d < other) {
                other = d;
                other_site = mk[m].site;
            }
        }
        if (own == HUGE_VAL)
            fail("%s: no markers of its own site", desc(&it[i], d1, sizeof d1));
        else if (!it[i].leader && own > ADJACENT)
            fail("%s: %.1f pt from its markers and no leader", desc(&it[i], d1, sizeof d1), own);
        /* A led label may stand nearer a neighbour than its own symbols
         * (a crowded cluster's name, site_label.c) only LEAD_CLEAR clear
         * of every other marker and with a leader that crosses none. */
        if (own != HUGE_VAL && other <= own && (!it[i].leader || other < LEAD_CLEAR - EPS))
            fail("%s: nearer the markers of \"%s\" (%.1f pt) than its own (%.1f pt)",
                 desc(&it[i], d1, sizeof d1), other_site, other, own);
        /* A leader as drawn runs from the label's edge to the edge of one
         * of its own markers (not into the empty corner of the box round
         * a fanned group), and is long enough to be seen. */
        if (it[i].leader && !it[i].has_line)
            fail("%s: led, but the dump has no leader_line", desc(&it[i], d1, sizeof d1));
        if (it[i].leader && it[i].has_line) {
            const double *l = it[i].line;
            if (dist(it[i].b, l[0], l[1]) > EPS || (l[0] > it[i].b.x0 + EPS && l[0] < it[i].b.x1 - EPS &&
                                                    l[1] > it[i].b.y0 + EPS && l[1] < it[i].b.y1 - EPS))
                fail("%s: its leader does not start on the label's edge", desc(&it[i], d1, sizeof d1));
            int ends = 0;
            for (size_t m = 0; m < nm && !ends; m++)
                ends = mk[m].panel == it[i].panel && mk[m].site &&
                       (!strcmp(mk[m].site, it[i].text) ||
                        (it[i].has_anchor && fabs(mk[m].sx - it[i].ax) < EPS &&
                         fabs(mk[m].sy - it[i].ay) < EPS)) &&
                       fabs(hypot(l[2] - mk[m].x, l[3] - mk[m].y) - mk[m].r) < 1.0;
            if (!ends)
                fail("%s: its leader ends at (%.1f, %.1f), on none of its markers' edges",
                     desc(&it[i], d1, sizeof d1), l[2], l[3]);
        }
        if (it[i].leader && own != HUGE_VAL && other <= own && it[i].has_anchor) {
            /* the leader: from the label's point nearest its site to the
             * edge of its own nearest marker */
            double px = fmin(fmax(it[i].ax, it[i].b.x0), it[i].b.x1);
            double py = fmin(fmax(it[i].ay, it[i].b.y0), it[i].b.y1);
            const mark *o = NULL;
            double best = HUGE_VAL;
            for (size_t m = 0; m < nm; m++)
                if (mk[m].panel == it[i].panel && mk[m].site && !strcmp(mk[m].site, it[i].text) &&
                    hypot(mk[m].x - px, mk[m].y - py) < best) {
                    best = hypot(mk[m].x - px, mk[m].y - py);
                    o = &mk[m];
                }
            double qx = o->x, qy = o->y;
            if (best > o->r) {
                qx = o->x + (px - o->x) * o->r / best;
                qy = o->y + (py - o->y) * o->r / best;
            }
            double lx = qx - px, ly = qy - py, len2 = lx * lx + ly * ly;
            for (size_t m = 0; m < nm; m++) {
                if (mk[m].panel != it[i].panel || !mk[m].site || !strcmp(mk[m].site, it[i].text))
                    continue;
                double t = len2 > 0 ? ((mk[m].x - px) * lx + (mk[m].y - py) * ly) / len2 : 0;
                t = fmin(1, fmax(0, t));
                if (hypot(px + t * lx - mk[m].x, py + t * ly - mk[m].y) < mk[m].r - EPS)
                    fail("%s: its leader crosses the marker of \"%s\" at (%.1f, %.1f)",
                         desc(&it[i], d1, sizeof d1), mk[m].site ? mk[m].site : "", mk[m].x,
                         mk[m].y);
            }
        }
    }

    /* 3f. A site of SITE_DUE incidents or more (a cluster, the markers of
     * one name) has its label, or the dump says why not (site_unlabelled). */
    for (size_t m = 0; m < nm; m++) {
        if (mk[m].n < SITE_DUE || !mk[m].site)
            continue;
        if (!site_named(it, ni, mk[m].panel, mk[m].site))
            fail("the cluster of %d at \"%s\" (%.1f, %.1f) has no label and the dump does "
                 "not say why", mk[m].n, mk[m].site, mk[m].x, mk[m].y);
    }

    /* 3g. So has the busiest site of each panel (its markers' incidents
     * summed by name), when it is the only one with that many and has more
     * than one: the Iraq sample's embassy at 800x600 and 1080x1080 lost its
     * name to the capital's and to the frame's edge. */
    for (size_t m = 0; m < nm; m++) {
        if (!mk[m].site)
            continue;
        int first = 1, total = 0;
        for (size_t k = 0; k < nm; k++)
            if (mk[k].panel == mk[m].panel && mk[k].site && !strcmp(mk[k].site, mk[m].site)) {
                first &= k >= m;
                total += mk[k].n > 0 ? mk[k].n : 1;
            }
        if (!first || total < 2)
            continue;
        int busiest = 1; /* no other name of the panel has as many */
        for (size_t o = 0; o < nm && busiest; o++) {
            if (mk[o].panel != mk[m].panel || !mk[o].site || !strcmp(mk[o].site, mk[m].site))
                continue;
            int other = 0;
            for (size_t k = 0; k < nm; k++)
                if (mk[k].panel == mk[o].panel && mk[k].site && !strcmp(mk[k].site, mk[o].site))
                    other += mk[k].n > 0 ? mk[k].n : 1;
            busiest = other < total;
        }
        if (busiest && !site_named(it, ni, mk[m].panel, mk[m].site))
            fail("the busiest site, \"%s\" (%d incidents), has no label and the dump does not "
                 "say why", mk[m].site, total);
    }

    /* 3b. A place's name is not drawn for a point the furniture hides (its
     * dot, or the markers a capital's leader points at, under the legend). */
    for (size_t i = 0; i < ni; i++) {
        if (strcmp(it[i].kind, "place_label") || !it[i].has_anchor)
            continue;
        for (size_t j = 0; j < ni; j++)
            if (is_furniture(&it[j]) && it[j].panel == it[i].panel &&
                dist(it[j].b, it[i].ax, it[i].ay) == 0)
                fail("%s: its place lies under %s", desc(&it[i], d1, sizeof d1),
                     desc(&it[j], d2, sizeof d2));
    }

    /* 3d. A place's name keeps its dot, or (a capital under incident
     * markers) has a leader to those markers: never a leader to a point
     * that only another place's name hides (Kingston under
     * "Port-au-Prince"). */
    for (size_t i = 0; i < ni; i++) {
        if (strcmp(it[i].kind, "place_label") || !it[i].has_anchor)
            continue;
        int ok = 0;
        if (!it[i].leader) {
            for (size_t j = 0; j < ni && !ok; j++)
                ok = !strcmp(it[j].kind, "place_dot") && it[j].panel == it[i].panel &&
                     it[j].ax == it[i].ax && it[j].ay == it[i].ay;
            if (!ok)
                fail("%s: no dot at its place", desc(&it[i], d1, sizeof d1));
            continue;
        }
        for (size_t m = 0; m < nm && !ok; m++)
            ok = mk[m].panel == it[i].panel &&
                 hypot(mk[m].x - it[i].ax, mk[m].y - it[i].ay) <= mk[m].r + LEADER_NEAR;
        if (!ok)
            fail("%s: a leader to its place, but no incident marker is there",
                 desc(&it[i], d1, sizeof d1));
    }

    /* 3b'. One name once among the sites too: two labels of one text
     * do not stand for sites nearer than SAME_SITE_NEAR (one place's
     * markers ringed round a neighbour's cluster, site_label.c). */
    for (size_t i = 0; i < ni; i++)
        for (size_t j = i + 1; j < ni; j++)
            if (!strcmp(it[i].kind, "site_label") && !strcmp(it[j].kind, "site_label") &&
                it[i].text && it[j].text && !strcmp(it[i].text, it[j].text) &&
                it[i].panel == it[j].panel && it[i].has_anchor && it[j].has_anchor &&
                hypot(it[j].ax - it[i].ax, it[j].ay - it[i].ay) <= SAME_SITE_NEAR)
                fail("\"%s\" labelled twice for sites %.1f pt apart: %s and %s", it[i].text,
                     hypot(it[j].ax - it[i].ax, it[j].ay - it[i].ay), desc(&it[i], d1, sizeof d1),
                     desc(&it[j], d2, sizeof d2));

    /* 3c. One name once: no place label repeats a site label of the same
     * text standing for a site near the place ("Kyiv" twice). */
    for (size_t i = 0; i < ni; i++) {
        if (strcmp(it[i].kind, "site_label") || !it[i].text)
            continue;
        for (size_t j = 0; j < ni; j++)
            if (!strcmp(it[j].kind, "place_label") && it[j].text && it[j].panel == it[i].panel &&
                !strcmp(it[j].text, it[i].text) &&
                hypot(it[j].ax - it[i].ax, it[j].ay - it[i].ay) <= SAME_NAME_NEAR)
                fail("\"%s\" labelled twice: %s and %s", it[i].text, desc(&it[i], d1, sizeof d1),
                     desc(&it[j], d2, sizeof d2));
    }

    /* 3e. A colour bar (date, fade or density) carries at least one tick
     * label under it, and its labels do not overlap one another (a year on
     * a narrow bar once had none: quarters too many, half-years one, years
     * none). */
    json_t *jl = json_object_get(root, "legend");
    for (size_t i = 0; i < json_array_size(jl); i++) {
        json_t *bar = json_array_get(jl, i);
        const char *role = json_string_value(json_object_get(bar, "role"));
        if (!role || (strcmp(role, "colorbar") && strcmp(role, "density_bar")))
            continue;
        box bb = get_box(json_object_get(bar, "box"));
        int n = 0;
        box prev = {0, 0, 0, 0};
        for (size_t j = i + 1; j < json_array_size(jl); j++) {
            json_t *t = json_array_get(jl, j);
            const char *r = json_string_value(json_object_get(t, "role"));
            if (!r || strcmp(r, "tick"))
                break;
            box tb = get_box(json_object_get(t, "box"));
            if (tb.y0 < bb.y1 - EPS || tb.y0 > bb.y1 + 12 || tb.x1 < bb.x0 || tb.x0 > bb.x1)
                fail("colour bar tick \"%s\" [%.1f,%.1f %.1f,%.1f] is not under its bar "
                     "[%.1f,%.1f %.1f,%.1f]", json_string_value(json_object_get(t, "text")),
                     tb.x0, tb.y0, tb.x1, tb.y1, bb.x0, bb.y0, bb.x1, bb.y1);
            if (n > 0 && overlap(prev, tb))
                fail("colour bar ticks overlap at \"%s\"",
                     json_string_value(json_object_get(t, "text")));
            prev = tb;
            n++;
        }
        if (n < 1)
            fail("the %s \"%s\" [%.1f,%.1f %.1f,%.1f] has no tick labels", role,
                 json_string_value(json_object_get(bar, "text")), bb.x0, bb.y0, bb.x1, bb.y1);
    }

    /* 3h. Graticule labels give their degrees with the decimals the grid
     * needs and no more: "41°E" on a 1-degree grid, never "41.0°E"; on a
     * half-degree grid "34.0°E" beside "34.5°E" (one precision for the
     * series), never "33.50°N". */
    int need = 0, most = 0;
    for (size_t i = 0; i < ni; i++) {
        if (strcmp(it[i].kind, "graticule_label") || !it[i].text)
            continue;
        const char *deg = strstr(it[i].text, "\u00b0"), *dot = strchr(it[i].text, '.');
        if (!deg || !dot || dot > deg)
            continue;
        int d = (int)(deg - dot) - 1, sig = d;
        while (sig > 0 && dot[sig] == '0')
            sig--;
        need = sig > need ? sig : need;
        most = d > most ? d : most;
    }
    if (most > need)
        fail("graticule labels with %d decimals where %d show every line", most, need);

    /* 4. The credit line, whole. */
    if (argc > 2) {
        int found = 0;
        for (size_t i = 0; i < ni; i++)
            if (!strcmp(it[i].kind, "credit") && it[i].text && strstr(it[i].text, argv[2]))
                found = 1;
        if (!found)
            fail("no credit line holding \"%s\"", argv[2]);
    }
    printf("%s: page %.1f x %.1f pt, %zu markers, %zu labels (%zu sites), %zu furniture, "
           "%d failures\n", argv[1], pw, ph, nm, labels, site_labels, furniture, failures);
    free(it);
    free(mk);
    json_decref(root);
    return failures ? 1 : 0;
}
