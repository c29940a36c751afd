/* render.c - one map, the orchestrator: select -> project -> place -> draw
 * -> encode, each stage in its file (README's architecture table). The
 * same placement and drawing target Cairo's image, SVG and PDF surfaces;
 * only the backend (render_backend.c) differs. */
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

im_status im_render(im_context *ctx, const im_incidents *set, const im_render_options *opts,
                    const char *path, im_output_format format)
{
    if (format == IM_OUTPUT_AUTO && path)
        format = im_output_format_from_path(path);
    if (ctx && opts && opts->animate && format != IM_OUTPUT_WEBP)
        return im_fail(ctx, IM_ERR_ARG, "%s: --animate writes an animated WebP: name the "
                       "output .webp (and use --frames DIR for PNG frames)", path);
    if (format == IM_OUTPUT_HTML)
        return im_html_render(ctx, set, opts, path);
    if (format == IM_OUTPUT_WEBP)
        return im_animate_render(ctx, set, opts, path);
    return im_render_ex(ctx, set, opts, path, format, NULL);
}

/* The basemap for the extent: given, or the most detailed installed one
 * holding it (basemap.c), which must be there: a map silently without its
 * basemap is worse than an error. Only what view's extent and scale draw
 * is read; --layer files are added. A chosen regional basemap (*chosen)
 * that the view runs off -- the page is wider than the incidents' extent --
 * gives way to "world" when it is installed, so no part of the map is
 * drawn as "no data"; *bspec then names "world". A named one is kept
 * (warn_uncovered says so once the frame is placed). */
static im_status open_basemap(im_context *ctx, const im_render_options *o, const char **bspec,
                              bool chosen, const im_view *view, im_basemap **bm)
{
    im_status st = im_basemap_open_view(ctx, *bspec, view, bm);
    if (st == IM_OK && !im_basemap_covers(*bm, view)) {
        if (chosen && strcmp(*bspec, "world") != 0 &&
            im_basemap_available(ctx, "world")) {
            im_log(ctx, IM_LOG_INFO, "the map reaches past the data of basemap \"%s\"; drawn "
                   "on \"world\" (--basemap %s keeps it, hatched grey where it has no data)",
                   *bspec, *bspec);
            im_basemap_free(*bm);
            *bm = NULL;
            *bspec = "world";
            st = im_basemap_open_view(ctx, *bspec, view, bm);
        }
    }
    for (size_t i = 0; st == IM_OK && i < o->n_layers; i++)
        st = im_basemap_add_layer(ctx, *bm, o->layers[i]);
    return st;
}

/* The warning for a named basemap that the final frame runs off. */
static void warn_uncovered(im_context *ctx, const char *bspec, const im_basemap *bm,
                           const im_view *view)
{
    if (!im_basemap_covers(bm, view))
        im_log(ctx, IM_LOG_WARNING, "part of the map lies outside the data of basemap \"%s\"; "
               "it is drawn hatched grey (no data)", bspec);
}
im_status im_render_ex(im_context *ctx, const im_incidents *set, const im_render_options *opts,
                       const char *path, im_output_format format, im_layout_report *report)
{
    IM_C_LOCALE(ctx); /* numbers read and written the same in any host locale */
    if (!ctx || !set || !opts || !path)
        return im_fail_arg(ctx, __func__);
    const im_render_options *o = opts;
    im_page page;
    im_status st = im_render_check(ctx, o, path, &format, &page);
    if (st != IM_OK)
        return st;

    im_capture *cap = report ? report->capture : NULL;
    im_target target = {.format = format, .path = path, .cap = cap};
    im_basemap *bm = NULL;
    cairo_t *cr = NULL;
    im_view view = {0};
    im_scene sc;
    memset(&sc, 0, sizeof sc);
    im_annotations *annotations = NULL;
    im_layout lay;
    memset(&lay, 0, sizeof lay);
    lay.set = set;
    im_page_plan *plan = calloc(1, sizeof *plan); /* its text is large */
    im_selection sel = {NULL, 0, {0}};
    if (!plan) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }

    /* ---- select: the records drawn and the extent ---- */
    if ((st = im_select(ctx, set, o, &sel)) != IM_OK)
        goto done;
    double bbox[4];
    if (o->has_bbox) {
        memcpy(bbox, o->bbox, sizeof bbox);
        im_bbox_normalize(bbox);
    } else if ((st = im_select_fit_bbox(ctx, set, sel.n ? sel.idx : NULL, sel.n ? sel.n : set->n,
                                         bbox)) != IM_OK) {
        goto done;
    }
    char chosen[256];
    const char *bspec = o->basemap ? o->basemap : im_basemap_choose(ctx, bbox, chosen,
                                                                    sizeof chosen);
    if (!o->basemap && strcmp(bspec, "none") == 0 &&
        (st = im_data_require_basemap(ctx, "world")) != IM_OK)
        goto done;

    /* ---- project: one device space for every format (page.c) ---- */
    double pt = page.pt, page_w = page.w_pt * pt, page_h = page.h_pt * pt;
    lay.pt = pt;
    lay.page_w = page_w;
    lay.page_h = page_h;
    /* The CRS, extent and basemap are checked before any file is created. */
    if ((st = im_view_init(ctx, &view, o->crs, bbox, 0, 0, page_w, page_h, pt)) != IM_OK)
        goto done;
    bool chosen_bm = !o->basemap;
    st = open_basemap(ctx, o, &bspec, chosen_bm, &view, &bm);
    /* The inset's basemap is read on a helper from here, for the page's
     * view: its region follows the bbox, which the frame keeps (inset.c). */
    if (st == IM_OK)
        sc.inset_ahead = im_inset_ahead_start(ctx, o, &view);
    im_view_clear(&view);
    if (st != IM_OK)
        goto done;
    /* --annotate: read before any file is created, so a bad one leaves none */
    if (o->annotate && (st = im_annotations_load(ctx, o->annotate, &annotations)) != IM_OK)
        goto done;

    /* ---- the surface (render_backend.c) ---- */
    if ((st = im_target_open(ctx, &target, o, set, &page)) != IM_OK)
        goto done;
    cr = cairo_create(target.surface);
    if (format != IM_OUTPUT_PNG)
        cairo_scale(cr, 1 / pt, 1 / pt);

    /* ---- place the page: its words, then the frame (render_page.c) ---- */
    if ((st = im_page_plan_text(ctx, o, set, bm, cr, &page, bbox, sel.idx, sel.n, &view,
                                plan)) != IM_OK)
        goto done;
    sc.ctx = ctx;
    sc.st = &ctx->style;
    sc.opts = o;
    sc.set = set;
    sc.cr = cr;
    sc.page_w = page_w;
    sc.page_h = page_h;
    sc.margin = plan->m;
    sc.lay = &lay;
    sc.annotations = annotations;
    sc.no_markers = cap != NULL;
    sc.t_min = o->has_from ? o->from : (sel.n ? plan->dmin : 0);
    sc.t_max = o->has_to ? o->to : (sel.n ? plan->dmax : 0);
    if ((st = im_symbology_prepare(&sc, sel.idx, sel.n)) != IM_OK) /* --size-by, --color-by */
        goto done;
    double fitted[4]; /* im_page_plan_view pads bbox in place */
    memcpy(fitted, bbox, sizeof fitted);
    if ((st = im_page_plan_frame(&sc, &page, sel.idx, sel.n, sel.style_weapon, plan)) != IM_OK ||
        (st = im_page_plan_view(ctx, o, sc.st, bbox, sel.n, plan, &view)) != IM_OK)
        goto done;
    /* The basemap was read for the whole page; the frame is smaller and may
     * show more of the map (another shape): read it again when the final
     * view needs a scale band or an area it did not read. */
    if (!im_basemap_holds(bm, &view) || (chosen_bm && !im_basemap_covers(bm, &view))) {
        const char *before = bspec;
        im_basemap_free(bm);
        bm = NULL;
        if ((st = open_basemap(ctx, o, &bspec, chosen_bm, &view, &bm)) != IM_OK)
            goto done;
        /* Another basemap has other credits: the page's words and frame
         * are placed again (the world basemap covers any view). */
        if (bspec != before) {
            im_view_clear(&view);
            memcpy(bbox, fitted, sizeof fitted);
            if ((st = im_page_plan_text(ctx, o, set, bm, cr, &page, bbox, sel.idx, sel.n, &view,
                                        plan)) != IM_OK ||
                (st = im_page_plan_frame(&sc, &page, sel.idx, sel.n, sel.style_weapon,
                                         plan)) != IM_OK ||
                (st = im_page_plan_view(ctx, o, sc.st, bbox, sel.n, plan, &view)) != IM_OK)
                goto done;
            if (!im_basemap_holds(bm, &view)) {
                im_basemap_free(bm);
                bm = NULL;
                if ((st = open_basemap(ctx, o, &bspec, false, &view, &bm)) != IM_OK)
                    goto done;
            }
        }
    }
    warn_uncovered(ctx, bspec, bm, &view);
    im_page_plan_fit(&sc, &view, sel.idx, sel.n, sel.style_weapon, plan);

    /* ---- place the incidents and draw the layers (panel.c, draw.c) ---- */
    im_draw d = {.sc = &sc, .bm = bm, .idx = sel.idx, .n = sel.n,
                 .style_weapon = sel.style_weapon, .report = report, .plan = plan,
                 .bbox = bbox, .view = &view};
    if ((st = im_draw_page(&d)) != IM_OK)
        goto done;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = im_fail(ctx, IM_ERR_RENDER, "%s: drawing failed: %s", path,
                     cairo_status_to_string(cairo_status(cr)));
        goto done;
    }
    cairo_destroy(cr);
    cr = NULL;

    /* ---- encode and commit with the sidecars, then the placement ---- */
    st = im_target_finish(ctx, &target, o, &sc, &view, &page, plan);
    if (st == IM_OK && o->dump_layout)
        st = im_layout_write_json(ctx, &lay, o->dump_layout);

done:
    if (cr)
        cairo_destroy(cr);
    im_target_free(&target);
    im_view_clear(&view);
    im_layout_clear(&lay);
    im_inset_ahead_free(sc.inset_ahead); /* after the inset's view */
    im_boxes_free(&sc.occupied);
    free(sc.clusters);
    free(sc.cells);
    free(sc.pts);
    im_selection_free(&sel);
    im_basemap_free(bm);
    im_annotations_free(annotations);
    free(plan);
    return st;
}
