/* highlight.c - pointing at the incidents a report is about (--highlight
 * ID[,ID] or latest): a ring around each marker and a callout with its
 * date, weapon and site, placed in the collision index like every label so
 * that it covers no marker, label or furniture. */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define MAX_HIGHLIGHTS 16

/* The placed points to highlight: by id, or the latest. IM_ERR_ARG for an
 * id that no record of the set has. */
static im_status find_targets(im_scene *sc, size_t *out, size_t *n_out)
{
    const im_incidents *set = sc->set;
    const char *spec = sc->opts->highlight;
    *n_out = 0;
    if (strcmp(spec, "latest") == 0) {
        size_t best = (size_t)-1;
        for (size_t i = 0; i < sc->n; i++)
            if (best == (size_t)-1 || sc->pts[i].time > sc->pts[best].time ||
                (sc->pts[i].time == sc->pts[best].time && sc->pts[i].rec > sc->pts[best].rec))
                best = i;
        if (best != (size_t)-1)
            out[(*n_out)++] = best;
        return IM_OK;
    }
    const char *p = spec;
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len) {
            bool in_set = false;
            for (size_t r = 0; r < set->n && !in_set; r++) {
                const char *id = set->pool + set->recs[r].id;
                in_set = strlen(id) == len && strncmp(id, p, len) == 0;
            }
            if (!in_set)
                return im_fail(sc->ctx, IM_ERR_ARG, "--highlight: no incident has the id "
                               "\"%.*s\"", (int)(len > 60 ? 60 : len), p);
            bool placed = false;
            for (size_t i = 0; i < sc->n && *n_out < MAX_HIGHLIGHTS; i++) {
                const char *id = set->pool + set->recs[sc->pts[i].rec].id;
                if (strlen(id) == len && strncmp(id, p, len) == 0) {
                    out[(*n_out)++] = i;
                    placed = true;
                }
            }
            if (!placed && sc->opts->facet == IM_FACET_NONE)
                im_log(sc->ctx, IM_LOG_WARNING, "--highlight: \"%.*s\" is not on the map (outside "
                       "the window, the weapons or the extent)", (int)(len > 60 ? 60 : len), p);
        }
        p += len + (comma ? 1 : 0);
    }
    return IM_OK;
}

bool im_callout_place(const im_scene *sc, double x, double y, double rr, double bw, double bh,
                      im_box *box, double *ax, double *ay)
{
    const im_view *v = sc->view;
    double pt = v->pt;
    /* Candidates around the point, nearest first: eight directions at
     * five distances (8 to 96 pt); the first inside the frame that covers
     * nothing. */
    static const double dirs[8][2] = {{1, -1}, {1, 1}, {-1, -1}, {-1, 1},
                                      {1, 0}, {-1, 0}, {0, -1}, {0, 1}};
    for (int d = 0; d < 5; d++)
        for (int c = 0; c < 8; c++) {
            double dist = rr + (8 + 22 * d) * pt;
            double dx = dirs[c][0], dy = dirs[c][1], norm = hypot(dx, dy);
            double px = x + dx / norm * dist, py = y + dy / norm * dist;
            double x0 = dx > 0 ? px : dx < 0 ? px - bw : px - bw / 2;
            double y0 = dy > 0 ? py : dy < 0 ? py - bh : py - bh / 2;
            im_box b = {x0, y0, x0 + bw, y0 + bh};
            if (b.x0 < v->fx + 2 * pt || b.y0 < v->fy + 2 * pt ||
                b.x1 > v->fx + v->fw - 2 * pt || b.y1 > v->fy + v->fh - 2 * pt)
                continue;
            if (im_boxes_hit(&sc->occupied, b))
                continue;
            *box = b;
            *ax = px;
            *ay = py;
            return true;
        }
    return false;
}

void im_callout_frame(im_scene *sc, double x, double y, double rr, double ax, double ay,
                      im_box box)
{
    cairo_t *cr = sc->cr;
    double pt = sc->view->pt;
    im_rgba ink = {0.1, 0.1, 0.1, 1}, halo = {1, 1, 1, 1}, panel = {1, 1, 1, 1};
    im_theme_text(&sc->st->theme, &ink, &halo);
    im_theme_color(&sc->st->theme, IM_TH_PANEL, &panel);
    double ang = atan2(ay - y, ax - x);
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, x + rr * cos(ang), y + rr * sin(ang));
    cairo_line_to(cr, ax, ay);
    cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 1);
    cairo_set_line_width(cr, 0.8 * pt);
    cairo_stroke(cr);
    cairo_rectangle(cr, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
    cairo_set_source_rgba(cr, panel.r, panel.g, panel.b, 0.95);
    cairo_fill_preserve(cr);
    cairo_set_source_rgba(cr, ink.r, ink.g, ink.b, 1);
    cairo_set_line_width(cr, 0.8 * pt);
    cairo_stroke(cr);
    cairo_restore(cr);
}

im_status im_highlight_draw(im_scene *sc)
{
    if (!sc->opts->highlight || !*sc->opts->highlight || sc->density)
        return IM_OK;
    size_t targets[MAX_HIGHLIGHTS], n;
    im_status st = find_targets(sc, targets, &n);
    if (st != IM_OK)
        return st;
    cairo_t *cr = sc->cr;
    const im_style *sty = sc->st;
    const im_view *v = sc->view;
    double pt = v->pt;
    im_text_style ts = {NULL, sty->body_size, false, false, {0.1, 0.1, 0.1, 1}, 0, {0, 0, 0, 0}, 0};
    im_text_style tb = ts;
    tb.bold = true;
    for (size_t k = 0; k < n; k++) {
        const im_placed *p0 = &sc->pts[targets[k]];
        im_placed at = *p0, *p = &at;
        double rr = (p->size > 0 ? p->size / 2 : sty->marker_size * pt * 0.7) + 2.5 * pt;
        if (isnan(p->x)) { /* inside a cluster symbol: ring the symbol */
            bool in = false;
            for (size_t c = 0; c < sc->n_clusters && !in; c++)
                if (sc->clusters[c].sx == p->sx && sc->clusters[c].sy == p->sy) {
                    at.x = sc->clusters[c].x;
                    at.y = sc->clusters[c].y;
                    rr = im_cluster_radius(sc, sc->clusters[c].n) + 2.5 * pt;
                    in = true;
                }
            if (!in)
                continue;
        }
        const im_rec *r = &sc->set->recs[p->rec];
        /* the ring: a light casing under a dark line, visible on any ground */
        cairo_save(cr);
        cairo_new_path(cr);
        cairo_arc(cr, p->x, p->y, rr, 0, 2 * M_PI);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        cairo_set_line_width(cr, 3.2 * pt);
        cairo_stroke_preserve(cr);
        cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 1);
        cairo_set_line_width(cr, 1.4 * pt);
        cairo_stroke(cr);
        cairo_restore(cr);

        char date[64], line1[160];
        im_date_human(r->time, sc->opts->locale, date, sizeof date);
        snprintf(line1, sizeof line1, "%s \u00b7 %s", date, sty->weapons[p->weapon].label);
        const char *site = sc->set->pool + r->site;
        double w1, h1, w2 = 0, h2 = 0, pad = 3 * pt;
        im_text_measure(cr, v, sty, &tb, line1, &w1, &h1);
        if (*site)
            im_text_measure(cr, v, sty, &ts, site, &w2, &h2);
        double bw = fmax(w1, w2) + 2 * pad, bh = h1 + h2 + 2 * pad;
        im_box box;
        double ax, ay;
        bool found = im_callout_place(sc, p->x, p->y, rr, bw, bh, &box, &ax, &ay);
        if (!found) {
            im_log(sc->ctx, IM_LOG_WARNING, "--highlight: no room for the callout of \"%.60s\" "
                   "(the ring is drawn)", sc->set->pool + r->id);
            continue;
        }
        if (im_boxes_add(&sc->occupied, box) != IM_OK)
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        char text[400];
        snprintf(text, sizeof text, "%s%s%s", line1, *site ? "\n" : "", site);
        if (im_layout_add(sc->lay, IM_ITEM_CALLOUT, box, text, p->x, p->y, true) != IM_OK)
            return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        im_callout_frame(sc, p->x, p->y, rr, ax, ay, box);
        im_text_draw(cr, v, sty, &tb, line1, box.x0 + pad, box.y0 + pad);
        if (*site)
            im_text_draw(cr, v, sty, &ts, site, box.x0 + pad, box.y0 + pad + h1);
    }
    return IM_OK;
}
