/* draw.c - the draw stage: tables of layers that paint a placement onto
 * the surface in order. One table for a map frame (basemap to labels,
 * clipped to the frame, then what lies on its edge), one for the page
 * (paper, the map, a legend outside the frame, title block, timeline,
 * credits). Each layer is its SVG group (svg_text.c), a condition and a
 * paint function; adding a layer is adding a row. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct draw_layer {
    const char *group;                 /* the SVG group's id; NULL: none */
    bool (*on)(const im_draw *d);      /* NULL: always */
    im_status (*paint)(im_draw *d);
} draw_layer;

/* Walk a table: each layer that is on is painted inside its group. Stops
 * at the first failure. */
static im_status draw_layers(im_draw *d, const draw_layer *t, size_t n)
{
    cairo_t *cr = d->sc->cr;
    for (size_t i = 0; i < n; i++) {
        if (t[i].on && !t[i].on(d))
            continue;
        if (t[i].group)
            im_svg_group_begin(cr, t[i].group);
        im_status st = t[i].paint(d);
        if (t[i].group)
            im_svg_group_end(cr);
        if (st != IM_OK)
            return st;
    }
    return IM_OK;
}

/* ---- the layers of a map frame ------------------------------------------ */

static bool on_graticule(const im_draw *d) { return d->what & PANEL_GRATICULE; }
static bool on_furniture(const im_draw *d) { return d->what & PANEL_FURNITURE; }
static bool on_inset(const im_draw *d) { return d->what & PANEL_INSET; }
static bool on_legend(const im_draw *d)
{
    return (d->what & PANEL_LEGEND) && !(d->sc->opts->hide & IM_HIDE_LEGEND);
}

static im_status paint_basemap(im_draw *d)
{
    im_scene *sc = d->sc;
    /* Sea inside the basemap's data, hatched grey "no data" outside. */
    im_basemap_paint_background(sc->ctx, d->bm, sc->cr, sc->view);
    sc->nodata = !im_basemap_covers(d->bm, sc->view);
    return im_basemap_draw_logged(sc->ctx, d->bm, sc->cr, sc->view, sc->lay, "basemap");
}

static im_status paint_graticule(im_draw *d)
{
    im_graticule_draw(d->sc);
    return IM_OK;
}

static im_status paint_markers(im_draw *d)
{
    im_scene *sc = d->sc;
    cairo_t *cr = sc->cr;
    im_layout_draw drawn = im_layout_draw_named(sc->density ? "density" : "markers",
                                                "incidents"); /* the draw order in the dump */
    drawn.size_pt = sc->st->marker_size;
    drawn.features = sc->n;
    if (im_layout_add_draw(sc->lay, &drawn) != IM_OK)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    im_svg_group_begin(cr, "markers");
    if (sc->density) {
        im_density_draw(sc);
    } else if (sc->no_markers) {
        /* html.c and animate.c draw the markers themselves; drawn here onto
         * a scratch surface only for what the legend learns from them. */
        cairo_surface_t *scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
        sc->cr = cairo_create(scratch);
        im_uncertainty_draw(sc);
        im_markers_draw(sc);
        cairo_destroy(sc->cr);
        cairo_surface_destroy(scratch);
        sc->cr = cr;
    } else {
        im_uncertainty_draw(sc);
        im_markers_draw(sc);
    }
    im_svg_group_end(cr);
    return IM_OK;
}

static im_status paint_furniture(im_draw *d) { return im_furniture_draw(d->sc); }
static im_status paint_legend(im_draw *d) { return im_legend_draw(d->sc); }
static im_status paint_inset(im_draw *d) { return im_inset_draw(d->sc, d->bm); }
/* --highlight: before labels, first served; --annotate after them */
static im_status paint_highlights(im_draw *d) { return im_highlight_draw(d->sc); }
static im_status paint_annotations(im_draw *d)
{
    return im_annotate_draw(d->sc, d->sc->annotations);
}

/* Site labels, place labels, then names of countries, seas, lakes and
 * rivers (names.c), each in its group inside "labels". */
static im_status paint_labels(im_draw *d)
{
    im_scene *sc = d->sc;
    const im_render_options *o = sc->opts;
    cairo_t *cr = sc->cr;
    im_status st = IM_OK;
    d->furniture_end = sc->occupied.n;
    im_boxes capitals = {0}; /* what site labels leave to the capitals' dots */
    im_layout_draw drawn;
    if (!(o->hide & IM_HIDE_SITE_LABELS)) {
        if (o->labels != IM_LABELS_NONE)
            st = im_basemap_capital_dots(sc->ctx, d->bm, sc->view, &sc->occupied, &capitals);
        im_svg_group_begin(cr, "site-labels");
        drawn = im_layout_draw_named("site-labels", "labels");
        if (st == IM_OK && im_layout_add_draw(sc->lay, &drawn) != IM_OK)
            st = im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        size_t before = sc->lay ? sc->lay->n_items : 0;
        sc->keep_clear = &capitals;
        if (st == IM_OK)
            st = im_site_labels_draw(sc);
        sc->keep_clear = NULL;
        if (sc->lay && sc->lay->n_draws)
            sc->lay->draws[sc->lay->n_draws - 1].features = sc->lay->n_items - before;
        im_svg_group_end(cr);
    }
    im_boxes_free(&capitals);
    if (st == IM_OK && o->labels != IM_LABELS_NONE) {
        im_svg_group_begin(cr, "place-labels");
        drawn = im_layout_draw_named("place-labels", "labels");
        if (im_layout_add_draw(sc->lay, &drawn) != IM_OK)
            st = im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        size_t before = sc->lay ? sc->lay->n_names : 0;
        if (st == IM_OK)
            st = im_basemap_place_labels(sc->ctx, d->bm, cr, sc->view, sc->st, o->labels,
                                         &sc->occupied, sc->n_marker_boxes, d->furniture_end,
                                         sc->lay);
        if (sc->lay && sc->lay->n_draws)
            sc->lay->draws[sc->lay->n_draws - 1].features = sc->lay->n_names - before;
        im_svg_group_end(cr);
    }
    /* Names of countries, seas, lakes and rivers, after the places (names.c). */
    if (st == IM_OK && o->labels != IM_LABELS_NONE) {
        im_svg_group_begin(cr, "names");
        im_name_labels placed = {0};
        drawn = im_layout_draw_named("names", "labels");
        if (im_layout_add_draw(sc->lay, &drawn) != IM_OK)
            st = im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        if (st == IM_OK)
            st = im_names_draw(sc->ctx, d->bm, cr, sc->view, sc->st, o->labels, IM_NAMES_MAP,
                               &sc->occupied, sc->lay ? &placed : NULL);
        if (st == IM_OK && im_layout_add_names(sc->lay, &placed, NULL) != IM_OK)
            st = im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
        if (sc->lay && sc->lay->n_draws)
            sc->lay->draws[sc->lay->n_draws - 1].features = placed.n;
        im_name_labels_free(&placed);
        im_svg_group_end(cr);
    }
    return st;
}

static im_status paint_graticule_labels(im_draw *d)
{
    im_graticule_labels(d->sc);
    return IM_OK;
}

static im_status paint_frame_edge(im_draw *d)
{
    im_scene *sc = d->sc;
    const im_view *view = sc->view;
    cairo_t *cr = sc->cr;
    cairo_rectangle(cr, view->fx, view->fy, view->fw, view->fh);
    im_rgba edge = im_theme_or(&sc->st->theme, IM_TH_INK, (im_rgba){0.35, 0.35, 0.35, 1});
    cairo_set_source_rgb(cr, edge.r, edge.g, edge.b); /* --theme */
    cairo_set_line_width(cr, 0.6 * view->pt);
    cairo_stroke(cr);
    return IM_OK;
}

/* Inside the frame's clip, in order. */
static const draw_layer frame_layers[] = {
    {"basemap", NULL, paint_basemap},
    {"graticule", on_graticule, paint_graticule},
    {"incidents", NULL, paint_markers},
    {"furniture", on_furniture, paint_furniture},
    {"legend", on_legend, paint_legend},
    {"inset", on_inset, paint_inset},
    {"highlights", NULL, paint_highlights},
    {"annotations", NULL, paint_annotations},
    {"labels", NULL, paint_labels},
};

/* On the frame's edge, unclipped. */
static const draw_layer frame_edge_layers[] = {
    {"graticule-labels", on_graticule, paint_graticule_labels},
    {"frame", NULL, paint_frame_edge},
};

/* The occupied boxes handed to the caller (html.c, tests): markers, then
 * furniture, then labels. */
static im_status report_boxes(im_draw *d)
{
    im_scene *sc = d->sc;
    im_layout_report *report = d->report;
    if (!report || report->boxes)
        return IM_OK;
    report->boxes = im_malloc_array(sc->occupied.n ? sc->occupied.n : 1, sizeof(im_box));
    if (!report->boxes)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    memcpy(report->boxes, sc->occupied.v, sc->occupied.n * sizeof(im_box));
    report->n = sc->occupied.n;
    report->markers_end = sc->n_marker_boxes;
    report->furniture_end = d->furniture_end;
    return IM_OK;
}

im_status im_draw_frame(im_draw *d)
{
    im_scene *sc = d->sc;
    const im_view *view = sc->view;
    cairo_t *cr = sc->cr;
    cairo_save(cr);
    cairo_rectangle(cr, view->fx, view->fy, view->fw, view->fh);
    cairo_clip(cr);
    const size_t n = sizeof frame_layers / sizeof frame_layers[0];
    /* On a PNG the basemap (frame_layers[0]) is painted by a helper while
     * the rest is painted onto a layer over it (draw_ahead.c). */
    im_draw_ahead *ahead = frame_layers[0].paint == paint_basemap
        ? im_draw_ahead_start(sc, d->bm) : NULL;
    im_status st;
    if (ahead) {
        sc->nodata = !im_basemap_covers(d->bm, view);
        st = im_draw_ahead_finish(sc, ahead, draw_layers(d, frame_layers + 1, n - 1));
    } else {
        st = draw_layers(d, frame_layers, n);
    }
    if (st == IM_OK)
        st = report_boxes(d);
    cairo_restore(cr);
    if (st != IM_OK)
        return st;
    st = draw_layers(d, frame_edge_layers, sizeof frame_edge_layers / sizeof frame_edge_layers[0]);
    if (st == IM_OK && d->report)
        d->report->panels++;
    return st;
}

/* ---- the layers of the page --------------------------------------------- */

/* Draw page text (wrapped at ts->wrap_w) at (x, *y), record it, and move
 * *y below it plus after. */
static im_status page_text_put(im_scene *sc, const im_text_style *ts, const char *text,
                               im_item_kind kind, double x, double *y, double after)
{
    double w, h;
    if (!im_text_measure(sc->cr, sc->view, sc->st, ts, text, &w, &h))
        return IM_OK;
    im_text_draw(sc->cr, sc->view, sc->st, ts, text, x, *y);
    im_status st = im_layout_add(sc->lay, kind, (im_box){x, *y, x + w, *y + h}, text, NAN, NAN,
                                 false);
    *y += h + after;
    return st == IM_OK ? IM_OK : im_fail(sc->ctx, st, "out of memory");
}

/* Add a furniture box to a report after the panel was drawn (a legend
 * outside the frame): it goes at the end of the furniture range. */
static im_status report_insert_furniture(im_context *ctx, im_layout_report *r, im_box b)
{
    im_box *v = im_realloc_array(r->boxes, r->n + 1, sizeof *v);
    if (!v)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    memmove(v + r->furniture_end + 1, v + r->furniture_end,
            (r->n - r->furniture_end) * sizeof *v);
    v[r->furniture_end] = b;
    r->boxes = v;
    r->n++;
    r->furniture_end++;
    return IM_OK;
}

static bool on_legend_out(const im_draw *d) { return d->plan->legend_out; }
static bool on_timeline(const im_draw *d) { return d->sc->opts->timeline; }

static im_status paint_paper(im_draw *d)
{
    im_rgba paper = {1, 1, 1, 1};
    im_theme_color(&d->sc->st->theme, IM_TH_PAPER, &paper); /* --theme */
    cairo_set_source_rgb(d->sc->cr, paper.r, paper.g, paper.b);
    cairo_paint(d->sc->cr);
    return IM_OK;
}

/* One frame (placed by panel.c, painted by the frame table), or a grid of
 * facets. */
static im_status paint_map(im_draw *d)
{
    im_scene *sc = d->sc;
    const im_page_plan *p = d->plan;
    if (sc->opts->facet == IM_FACET_NONE) {
        sc->view = d->view;
        unsigned what = PANEL_FURNITURE |
                        (p->legend_out || (sc->drop & IM_DROP_LEGEND) ? 0 : PANEL_LEGEND) |
                        PANEL_INSET | (p->graticule ? PANEL_GRATICULE : 0);
        return im_panel_draw(sc, d->bm, d->idx, d->n, d->style_weapon, what, d->report);
    }
    im_view_clear(d->view);
    return im_facets_draw(sc, d->bm, d->bbox, d->idx, d->n, d->style_weapon, p->left, p->top,
                          p->right - p->left, p->bottom - p->top, d->view, d->report);
}

static im_status paint_legend_out(im_draw *d)
{
    im_scene *sc = d->sc;
    im_status st = im_legend_draw(sc);
    if (st == IM_OK && d->report && d->report->boxes)
        st = report_insert_furniture(sc->ctx, d->report, sc->occupied.v[sc->occupied.n - 1]);
    return st;
}

/* The title block; a title written from what is drawn counts the incidents
 * placed (those outside the frame are not). */
static im_status paint_title(im_draw *d)
{
    im_scene *sc = d->sc;
    const im_render_options *o = sc->opts;
    im_page_plan *p = d->plan;
    const char *title = p->given_title;
    bool auto_sub = title && !o->subtitle && !o->has_from && !o->has_to;
    if (!title || auto_sub) {
        int64_t tmin = INT64_MAX, tmax = INT64_MIN;
        for (size_t i = 0; i < sc->n; i++) {
            tmin = sc->pts[i].time < tmin ? sc->pts[i].time : tmin;
            tmax = sc->pts[i].time > tmax ? sc->pts[i].time : tmax;
        }
        im_default_title(sc->n, tmin, tmax, o->facet, o->locale, sc->ctx,
                         auto_sub ? p->subtitle : p->title,
                         auto_sub ? sizeof p->subtitle : sizeof p->title);
    }
    double ty = p->m;
    im_status st = page_text_put(sc, &p->t_title, p->title, IM_ITEM_TITLE, p->m, &ty, 2 * p->pt);
    if (st == IM_OK && p->subtitle[0])
        st = page_text_put(sc, &p->t_sub, p->subtitle, IM_ITEM_SUBTITLE, p->m, &ty, 0);
    return st;
}

/* The y of the next line under the frame (timeline, then credits). */
static double below_frame(const im_page_plan *p)
{
    return p->bottom + p->grat_bottom + p->strip_h + 5 * p->pt;
}

static im_status paint_timeline(im_draw *d)
{
    const im_page_plan *p = d->plan;
    double fy = below_frame(p);
    im_status st = im_timeline_draw(d->sc, p->left, fy, p->right - p->left, p->tl_h);
    if (st == IM_OK)
        st = im_layout_add(d->sc->lay, IM_ITEM_TIMELINE,
                           (im_box){p->left, fy, p->right, fy + p->tl_h}, NULL, NAN, NAN, false);
    return st;
}

static im_status paint_credits(im_draw *d)
{
    const im_page_plan *p = d->plan;
    double fy = below_frame(p) + (d->sc->opts->timeline ? p->tl_h + 6 * p->pt : 0);
    im_status st = IM_OK;
    if (p->footer1[0])
        st = page_text_put(d->sc, &p->t_foot, p->footer1, IM_ITEM_CREDIT, p->m, &fy, 2 * p->pt);
    if (st == IM_OK && p->footer2[0])
        st = page_text_put(d->sc, &p->t_foot, p->footer2, IM_ITEM_FOOTER, p->m, &fy, 0);
    return st;
}

static const draw_layer page_layers[] = {
    {NULL, NULL, paint_paper},
    {NULL, NULL, paint_map},
    {"legend", on_legend_out, paint_legend_out},
    {"title", NULL, paint_title},
    {"timeline", on_timeline, paint_timeline},
    {"credits", NULL, paint_credits},
};

im_status im_draw_page(im_draw *d)
{
    return draw_layers(d, page_layers, sizeof page_layers / sizeof page_layers[0]);
}
