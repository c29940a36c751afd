/* inset.c - the locator map: the wider region from the basemap's own
 * layers, with the main map's extent outlined, in a corner of the frame. */
#include "layout.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The locator's extent (ib, degrees) and size (device units) for the main
 * view v; false when the map carries none. */
static bool inset_shape(const im_view *v, double ib[4], double *w, double *h)
{
    double pt = v->pt;
    *w = fmin(fmax(v->fw * 0.2, 90 * pt), 170 * pt);
    *h = *w * 0.78;
    if (*w > v->fw * 0.35 || *h > v->fh * 0.35)
        return false; /* too small a map to carry an inset */
    if (v->bbox[2] - v->bbox[0] > 20 || v->bbox[3] - v->bbox[1] > 15)
        return false; /* the map is itself regional: a locator adds nothing */
    /* The wider region: three times the main extent, at least 16 degrees. */
    const double *b = v->bbox;
    double cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
    double hw = fmax((b[2] - b[0]) * 1.5, 8), hh = fmax((b[3] - b[1]) * 1.5, 6);
    ib[0] = cx - hw;
    ib[1] = fmax(cy - hh, -80);
    ib[2] = cx + hw;
    ib[3] = fmin(cy + hh, 80);
    if (ib[0] < -180) { /* keep W in [-180, 180]; E may pass 180 */
        ib[0] += 360;
        ib[2] += 360;
    }
    return true;
}

/* The inset's view, with its frame at (0, 0) (the caller moves it to its
 * corner: a view's frame position only offsets it), and the "world"
 * basemap read for it (NULL when it is not installed or cannot be read:
 * the inset then draws the main basemap's layers). The same on the
 * helper and on the caller's thread, so the map's bytes do not depend on
 * which read it. */
typedef struct inset_read {
    im_context *ctx;
    double ib[4], w, h, pt;
    im_status st;       /* of the view */
    const char *why;    /* why there is no view (in ctx) */
    im_view iv;
    im_basemap *world;
} inset_read;

static void inset_read_run(inset_read *r)
{
    im_errors_hold(r->ctx); /* optional: a failure is a note, not an error */
    r->st = im_view_init(r->ctx, &r->iv, NULL, r->ib, 0, 0, r->w, r->h, r->pt);
    r->why = im_errors_release(r->ctx);
    if (r->st == IM_OK && im_basemap_open_view(r->ctx, "world", &r->iv, &r->world) != IM_OK)
        im_context_clear_error(r->ctx);
}

struct im_inset_ahead {
    pthread_t thread;
    inset_read r;       /* r.ctx: the helper's own context, owned */
    bool threaded;      /* read by a helper thread; else by the caller, when joined */
    bool taken;         /* the view and basemap are the inset's */
};

static void *ahead_main(void *p)
{
    inset_read_run(&((im_inset_ahead *)p)->r);
    return NULL;
}

/* For the page's first view. On one CPU nothing is read here: the caller
 * reads the same (the first view's inset) when it joins, so that the map
 * does not depend on the number of threads. */
im_inset_ahead *im_inset_ahead_start(im_context *ctx, const im_render_options *o,
                                     const im_view *v)
{
    inset_read r = {.pt = v->pt};
    if ((o->hide & IM_HIDE_INSET) || o->facet != IM_FACET_NONE ||
        !inset_shape(v, r.ib, &r.w, &r.h))
        return NULL;
    im_inset_ahead *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->r = r;
    if (!(a->r.ctx = im_context_helper(ctx))) {
        free(a);
        return NULL;
    }
    a->threaded = im_helper_threads(2) >= 2 &&
                  pthread_create(&a->thread, NULL, ahead_main, a) == 0;
    return a;
}

/* Join the helper (or read here, without one); the basemap and view are
 * the caller's from now on. */
static void ahead_join(im_inset_ahead *a)
{
    if (a && !a->taken) {
        if (a->threaded)
            pthread_join(a->thread, NULL);
        else
            inset_read_run(&a->r);
        a->taken = true;
    }
}

void im_inset_ahead_free(im_inset_ahead *a)
{
    if (!a)
        return;
    if (!a->taken && a->threaded) {
        ahead_join(a);
        im_basemap_free(a->r.world);
        im_view_clear(&a->r.iv);
    }
    im_context_free(a->r.ctx); /* after the view's PROJ objects */
    free(a);
}

im_status im_inset_draw(im_scene *sc, const im_basemap *bm)
{
    if ((sc->opts->hide & IM_HIDE_INSET) || (sc->drop & IM_DROP_INSET) || !bm ||
        im_basemap_layer_count(bm) == 0)
        return IM_OK;
    const im_view *v = sc->view;
    double pt = v->pt;
    inset_read r = {.ctx = sc->ctx, .pt = pt};
    if (!inset_shape(v, r.ib, &r.w, &r.h))
        return IM_OK;
    double w = r.w, h = r.h;
    static const im_corner prefer[4] = {IM_CORNER_TOP_LEFT, IM_CORNER_BOTTOM_RIGHT,
                                        IM_CORNER_TOP_RIGHT, IM_CORNER_BOTTOM_LEFT};
    im_box box = im_corner_place_kind(sc, IM_ITEM_INSET, sc->opts->inset_pos, w, h, prefer);
    im_context *ctx = sc->ctx;
    /* Read ahead, else read here. The read ahead starts from the page's
     * first view, whose frame is the page: about the same region (it
     * follows the bbox, which the frame may pad), an inset of the same shape
     * a little bigger. Its basemap serves this inset when it holds its view
     * (the area with a margin, the scale in the range read). */
    im_inset_ahead *a = sc->inset_ahead;
    if (a && !a->taken && a->r.pt == pt) {
        ahead_join(a);
        if (memcmp(a->r.ib, r.ib, sizeof r.ib) == 0 && a->r.w == w && a->r.h == h) {
            r.st = a->r.st;
            r.why = a->r.why;
            r.iv = a->r.iv;
            r.world = a->r.world;
        } else {
            im_view_clear(&a->r.iv); /* before its context goes, with the helper */
            im_errors_hold(ctx);
            r.st = im_view_init(ctx, &r.iv, NULL, r.ib, 0, 0, w, h, pt);
            r.why = im_errors_release(ctx);
            if (r.st == IM_OK && a->r.world && im_basemap_holds(a->r.world, &r.iv)) {
                r.world = a->r.world;
            } else {
                im_basemap_free(a->r.world);
                im_view_clear(&r.iv);
                inset_read_run(&r);
            }
        }
    } else {
        inset_read_run(&r);
    }
    if (r.st != IM_OK) {
        im_log(ctx, IM_LOG_INFO, "the locator inset is left out: %s", r.why);
        return IM_OK;
    }
    im_view iv = r.iv;
    iv.fx = box.x0;
    iv.fy = box.y0;
    im_basemap *world = r.world;
    im_status st;
    cairo_t *cr = sc->cr;
    cairo_save(cr);
    cairo_rectangle(cr, box.x0, box.y0, w, h);
    cairo_clip(cr);
    /* The locator comes from the "world" basemap when it is installed (so no
     * region is painted as sea), read for this inset only. */
    const im_basemap *lbm = world ? world : bm;
    im_basemap_paint_background(ctx, lbm, cr, &iv);
    st = im_basemap_draw_logged(ctx, lbm, cr, &iv, sc->lay, "inset");
    /* The main map's frame, traced through lon/lat into the inset; its
     * box (ext) is kept free of the inset's names. */
    enum { N = 32 };
    bool pen = false;
    im_box ext_box = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    cairo_new_path(cr);
    for (int e = 0; e < 4; e++)
        for (int i = 0; i < N; i++) {
            double t = (double)i / N, x, y, lon, lat;
            x = e == 0 ? v->fx + t * v->fw : e == 1 ? v->fx + v->fw : e == 2 ? v->fx + (1 - t) * v->fw : v->fx;
            y = e == 0 ? v->fy : e == 1 ? v->fy + t * v->fh : e == 2 ? v->fy + v->fh : v->fy + (1 - t) * v->fh;
            if (!im_view_dev_to_lonlat(v, x, y, &lon, &lat))
                continue;
            if (im_view_project(ctx, &iv, &lon, sizeof(double), &lat, sizeof(double), 1) != IM_OK ||
                !isfinite(lon))
                continue;
            if (pen)
                cairo_line_to(cr, lon, lat);
            else
                cairo_move_to(cr, lon, lat);
            pen = true;
            ext_box.x0 = fmin(ext_box.x0, lon);
            ext_box.y0 = fmin(ext_box.y0, lat);
            ext_box.x1 = fmax(ext_box.x1, lon);
            ext_box.y1 = fmax(ext_box.y1, lat);
        }
    cairo_close_path(cr);
    cairo_path_t *ext_path = cairo_copy_path(cr);
    cairo_new_path(cr);
    if (st == IM_OK && sc->opts->labels != IM_LABELS_NONE) {
        /* which countries the inset shows: their names, small, one line,
         * clear of the red extent box (its edge and inside: the reader must
         * see the main map's outline and what it holds is named there) */
        im_boxes taken = {0};
        im_name_labels placed = {0};
        double m = 1.0 * pt; /* the outline's half width and a little */
        if (pen && ext_box.x0 <= ext_box.x1 && sc->lay) {
            sc->lay->has_inset_extent = true;
            sc->lay->inset_extent = ext_box;
        }
        if (pen && ext_box.x0 <= ext_box.x1 &&
            im_boxes_add(&taken, (im_box){ext_box.x0 - m, ext_box.y0 - m, ext_box.x1 + m,
                                          ext_box.y1 + m}) != IM_OK)
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory (inset)");
        if (st == IM_OK)
            st = im_names_draw(ctx, lbm, cr, &iv, sc->st, sc->opts->labels, IM_NAMES_INSET,
                               &taken, sc->lay ? &placed : NULL);
        if (st == IM_OK && im_layout_add_names(sc->lay, &placed, "inset-country") != IM_OK)
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory (inset)");
        im_name_labels_free(&placed);
        im_boxes_free(&taken);
    }
    im_basemap_free(world);
    cairo_new_path(cr);
    if (ext_path) {
        cairo_append_path(cr, ext_path);
        cairo_path_destroy(ext_path);
    }
    im_rgba ext = im_theme_or(&sc->st->theme, IM_TH_EXTENT, (im_rgba){0.8, 0.1, 0.1, 1});
    cairo_set_source_rgba(cr, ext.r, ext.g, ext.b, 0.12);
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, ext.r, ext.g, ext.b);
    cairo_set_line_width(cr, 1.0 * pt);
    cairo_stroke(cr);
    cairo_restore(cr);
    cairo_rectangle(cr, box.x0, box.y0, w, h);
    im_rgba edge = im_theme_or(&sc->st->theme, IM_TH_INK, (im_rgba){0.35, 0.35, 0.35, 1});
    cairo_set_source_rgb(cr, edge.r, edge.g, edge.b);
    cairo_set_line_width(cr, 0.6 * pt);
    cairo_stroke(cr);
    im_view_clear(&iv);
    return st;
}
