/* draw_ahead.c - a PNG frame's basemap painted on a helper thread while the
 * caller paints the frame's other layers (markers, furniture, legend,
 * inset, labels) onto a transparent layer over the frame's pixels, which is
 * then composited over the basemap. The two threads share no Cairo context and
 * no surface while they draw: the helper has its own context on the page,
 * its own im_context and its own PROJ objects (a clone of the view's); the
 * basemap is only read. Its draw records go into a layout of its own and
 * are put back, after the join, where the basemap's would have been. */
#include "render_int.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct im_draw_ahead {
    pthread_t thread;
    im_context *ctx;          /* the helper's own; owned */
    const im_basemap *bm;
    cairo_surface_t *page;    /* a reference to the page's surface */
    cairo_matrix_t matrix;    /* the caller's user space */
    im_view view;             /* the frame's view, PROJ objects cloned; owned */
    im_layout lay;            /* the basemap's draw records (draws only) */
    bool log;                 /* the caller keeps a layout */
    im_status st;
    cairo_surface_t *layer;   /* the caller's layers, composited at the end; owned */
    cairo_t *saved;           /* the caller's context, restored at the end */
    size_t draws_at;          /* where the basemap's records go in the caller's */
    bool threaded;            /* painted by a helper, still to join */
    int x0, y0;               /* the layer's corner on the page */
};

static const cairo_user_data_key_t pixels_key;

static void *ahead_main(void *p)
{
    im_draw_ahead *a = p;
    cairo_t *cr = cairo_create(a->page);
    cairo_set_matrix(cr, &a->matrix);
    const im_view *v = &a->view;
    cairo_rectangle(cr, v->fx, v->fy, v->fw, v->fh);
    cairo_clip(cr);
    /* as draw.c's basemap layer: the sea or the no-data hatch, then layers */
    im_basemap_paint_background(a->ctx, a->bm, cr, v);
    a->st = im_basemap_draw_logged(a->ctx, a->bm, cr, v, a->log ? &a->lay : NULL, "basemap");
    if (a->st == IM_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        a->st = im_fail(a->ctx, IM_ERR_RENDER, "basemap: %s",
                        cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    return NULL;
}

static void ahead_free(im_draw_ahead *a)
{
    if (!a)
        return;
    if (a->layer)
        cairo_surface_destroy(a->layer);
    if (a->page)
        cairo_surface_destroy(a->page);
    free(a->lay.draws);
    im_view_clear(&a->view);
    im_context_free(a->ctx); /* after the view's PROJ objects */
    free(a);
}

im_draw_ahead *im_draw_ahead_start(im_scene *sc, const im_basemap *bm)
{
    cairo_t *cr = sc->cr;
    cairo_surface_t *page = cairo_get_group_target(cr);
    const im_view *v = sc->view;
    if (!bm || sc->no_markers || sc->opts->facet != IM_FACET_NONE ||
        cairo_surface_get_type(page) != CAIRO_SURFACE_TYPE_IMAGE ||
        cairo_image_surface_get_format(page) != CAIRO_FORMAT_ARGB32)
        return NULL;
    im_draw_ahead *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->bm = bm;
    a->log = sc->lay != NULL;
    a->lay.panel = sc->lay ? sc->lay->panel : 0;
    a->view = *v;
    a->view.fwd = a->view.crs = NULL;
    cairo_get_matrix(cr, &a->matrix);
    int w = cairo_image_surface_get_width(page), h = cairo_image_surface_get_height(page);
    if (!(a->ctx = im_context_helper(sc->ctx)) ||
        !(a->view.fwd = proj_clone(a->ctx->pj, v->fwd)) ||
        !(a->view.crs = proj_clone(a->ctx->pj, v->crs))) {
        ahead_free(a);
        return NULL;
    }
    /* The layer covers the frame's pixels only, its origin at their corner
     * (a device offset: the layers draw in the page's coordinates). It is
     * cleared by writing, on huge pages (im_table_alloc), as the page is:
     * calloc'd pages that Cairo first reads (compositing OVER) would map the
     * zero page and fault again on the write, each time flushing the other
     * CPU's TLB (80 ms of page faults at 2000x1600). Freed with the layer. */
    int x0 = (int)floor(v->fx), y0 = (int)floor(v->fy);
    int x1 = (int)ceil(v->fx + v->fw), y1 = (int)ceil(v->fy + v->fh);
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > w ? w : x1;
    y1 = y1 > h ? h : y1;
    if (x1 <= x0 || y1 <= y0) {
        ahead_free(a);
        return NULL;
    }
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, x1 - x0);
    unsigned char *px = stride > 0 ? im_table_alloc((size_t)(y1 - y0), (size_t)stride) : NULL;
    if (!px) {
        ahead_free(a);
        return NULL;
    }
    a->layer = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_ARGB32, x1 - x0, y1 - y0,
                                                   stride);
    if (cairo_surface_status(a->layer) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_set_user_data(a->layer, &pixels_key, px, free) != CAIRO_STATUS_SUCCESS) {
        free(px); /* the surface (an error object, or without its key) does not own it */
        ahead_free(a);
        return NULL;
    }
    cairo_surface_set_device_offset(a->layer, -x0, -y0);
    a->x0 = x0;
    a->y0 = y0;
    cairo_t *lcr = cairo_create(a->layer);
    if (cairo_status(lcr) != CAIRO_STATUS_SUCCESS) {
        cairo_destroy(lcr);
        ahead_free(a);
        return NULL;
    }
    a->page = cairo_surface_reference(page);
    /* On one CPU (or without a thread) the basemap is painted here, first:
     * the layers are composited alike, so the bytes do not depend on the
     * number of threads. */
    a->threaded = im_helper_threads(2) >= 2 &&
                  pthread_create(&a->thread, NULL, ahead_main, a) == 0;
    if (!a->threaded)
        ahead_main(a);
    cairo_set_matrix(lcr, &a->matrix);
    cairo_rectangle(lcr, v->fx, v->fy, v->fw, v->fh);
    cairo_clip(lcr);
    a->saved = cr;
    a->draws_at = sc->lay ? sc->lay->n_draws : 0;
    sc->cr = lcr;
    return a;
}

im_status im_draw_ahead_finish(im_scene *sc, im_draw_ahead *a, im_status st)
{
    if (a->threaded)
        pthread_join(a->thread, NULL);
    cairo_t *lcr = sc->cr;
    sc->cr = a->saved;
    if (st == IM_OK && cairo_status(lcr) != CAIRO_STATUS_SUCCESS)
        st = im_fail(sc->ctx, IM_ERR_RENDER, "drawing failed: %s",
                     cairo_status_to_string(cairo_status(lcr)));
    cairo_destroy(lcr);
    if (st == IM_OK && a->st != IM_OK) {
        const char *why = im_context_last_error(a->ctx);
        st = im_fail(sc->ctx, a->st, "%s", why && *why ? why : "basemap: drawing failed");
    }
    /* the basemap's draw records before the layers drawn over it: appended
     * (room, panel), then moved to where the basemap was drawn */
    im_layout *lay = sc->lay;
    size_t n = a->lay.n_draws;
    for (size_t i = 0; st == IM_OK && lay && i < n; i++)
        if (im_layout_add_draw(lay, &a->lay.draws[i]) != IM_OK)
            st = im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory (layout)");
    if (st == IM_OK && lay && n > 0) {
        memmove(lay->draws + a->draws_at + n, lay->draws + a->draws_at,
                (lay->n_draws - n - a->draws_at) * sizeof *lay->draws);
        memcpy(lay->draws + a->draws_at, a->lay.draws, n * sizeof *lay->draws);
    }
    if (st == IM_OK) {
        /* The layer over the frame's whole pixels: its edge pixels already
         * hold the frame clip's coverage, so it is not clipped again. */
        cairo_t *cr = cairo_create(a->page);
        cairo_rectangle(cr, a->x0, a->y0, cairo_image_surface_get_width(a->layer),
                        cairo_image_surface_get_height(a->layer));
        cairo_clip(cr);
        cairo_set_source_surface(cr, a->layer, 0, 0);
        cairo_paint(cr);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            st = im_fail(sc->ctx, IM_ERR_RENDER, "drawing failed: %s",
                         cairo_status_to_string(cairo_status(cr)));
        cairo_destroy(cr);
    }
    ahead_free(a);
    return st;
}
