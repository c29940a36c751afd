/* render_int.h - the stages of one render between select and encode, as
 * render.c calls them: the page plan (render_page.c: title block, frame,
 * legend beside or under the frame, furniture by priority, footer), the
 * page's words (render_text.c), the draw-layer tables (draw.c) and the
 * surfaces as a backend table (render_backend.c). */
#ifndef IM_RENDER_INT_H
#define IM_RENDER_INT_H

#include "layout.h"

/* ---- the page plan (render_page.c, render_text.c) ---------------------- */

/* The page around the map frame: its text, measured, and the frame's
 * rectangle once the legend, graticule labels and timeline have their room. */
typedef struct im_page_plan {
    /* IM_MAX_TEXT_CHARS of up to 4 bytes each, plus the attribution */
    char title[4096 + 8], subtitle[4096 + 8], footer1[8192], footer2[1024];
    const char *given_title;   /* --title or the file's title; NULL: written here */
    char credits[512];
    const char *attribution;   /* the basemap's credit (in credits), or NULL */
    im_text_style t_title, t_sub, t_foot;
    double pt;                 /* device units per point */
    double m;                  /* the page margin, device units */
    double th, sh, fh1, fh2;   /* heights of title, subtitle and the footer lines */
    double left, top, right, bottom; /* the frame (or the facets' grid) */
    double grat_bottom;        /* room under the frame for graticule labels */
    double tl_h;               /* the timeline's height, 0 when none */
    double strip_h;            /* a legend under the frame */
    bool graticule;            /* the graticule is drawn */
    bool legend_out;           /* the legend is outside the frame */
    int64_t dmin, dmax;        /* the selection's dates */
} im_page_plan;

/* The page's words before placement: title, subtitle, credit line and the
 * projection line, measured on cr (render_text.c). view is a scratch view
 * (cleared on return); IM_ERR_ARG for text that is not UTF-8. */
IM_NODISCARD im_status im_page_plan_text(im_context *ctx, const im_render_options *o,
                                         const im_incidents *set, const im_basemap *bm,
                                         cairo_t *cr, const im_page *page, const double bbox[4],
                                         const size_t *idx, size_t nsel, im_view *view,
                                         im_page_plan *p);
/* The frame's rectangle on the page: furniture by priority, the legend
 * outside the frame when it would cover too much (sc's legend members set),
 * the projection line given up on a short page (render_page.c).
 * IM_ERR_ARG when no room is left for the map. */
IM_NODISCARD im_status im_page_plan_frame(im_scene *sc, const im_page *page, const size_t *idx,
                                          size_t nsel, const int *style_weapon, im_page_plan *p);
/* The final view of the frame into *view (padded in page units for a fitted
 * extent: bbox grows). */
IM_NODISCARD im_status im_page_plan_view(im_context *ctx, const im_render_options *o,
                                         const im_style *sty, double bbox[4], size_t nsel,
                                         const im_page_plan *p, im_view *view);
/* What the final frame has no room for: inset, north arrow, the legend's
 * notes or the legend (sc->drop, sc->legend_compact). */
void im_page_plan_fit(im_scene *sc, const im_view *view, const size_t *idx, size_t nsel,
                      const int *style_weapon, const im_page_plan *p);
/* The title a map gets when none is given: what is drawn and when. ctx
 * may be NULL (no warning for a missing locale). */
void im_default_title(size_t n, int64_t tmin, int64_t tmax, im_facet facet, const char *locale,
                      im_context *ctx, char *buf, size_t size);
/* One paragraph for the SVG's <desc>: what, where, when, how many by type. */
void im_describe_map(const im_scene *sc, const im_view *v, const char *title, char *buf,
                     size_t size);

/* ---- drawing: layer tables (draw.c) ------------------------------------ */

/* What the layers of one frame and of the page paint from. */
typedef struct im_draw {
    im_scene *sc;
    const im_basemap *bm;
    const size_t *idx;          /* the panel's incidents */
    size_t n;
    const int *style_weapon;
    unsigned what;              /* PANEL_* */
    im_layout_report *report;   /* may be NULL */
    size_t furniture_end;       /* boxes in sc->occupied before the labels */
    /* the page's layers */
    im_page_plan *plan;
    double *bbox;
    im_view *view;
} im_draw;

/* A PNG frame's basemap painted on a helper thread (draw_ahead.c) while
 * the caller paints the frame's other layers onto a layer over it (on one
 * CPU the basemap is painted first, and the layer composited alike).
 * start returns NULL when it does not apply (not an ARGB32 image page,
 * facets, a captured render) or is out of memory: the caller then paints
 * the basemap itself. Otherwise sc->cr is a context on a transparent layer,
 * clipped to the frame; finish (always called after a start) joins the
 * helper, puts sc->cr back, reports the helper's error, inserts its draw
 * records and composites the layer over the page. Returns st, or the
 * first error. */
typedef struct im_draw_ahead im_draw_ahead;
im_draw_ahead *im_draw_ahead_start(im_scene *sc, const im_basemap *bm);
IM_NODISCARD im_status im_draw_ahead_finish(im_scene *sc, im_draw_ahead *a, im_status st);

/* Paint the layers of one placed frame in order, clipped to it, then its
 * graticule labels and edge; fills d->report's boxes. */
IM_NODISCARD im_status im_draw_frame(im_draw *d);
/* Paint the page: paper, the map (one frame or facets), a legend outside
 * the frame, title block, timeline and credits, recording page text. */
IM_NODISCARD im_status im_draw_page(im_draw *d);

/* ---- surfaces (render_backend.c) --------------------------------------- */

/* Where a render draws and what it writes: the output file, the surface of
 * the format's backend and, for SVG, the document in memory. */
typedef struct im_target {
    im_output_format format;
    const char *path;
    im_out out;
    cairo_surface_t *surface;
    im_membuf svg;              /* SVG and PDF: the document Cairo writes */
    im_svg_sink *sink;
    im_capture *cap;            /* a captured render: no file */
    im_pdf_stamps *stamps;      /* PDF: marker batches spliced into the page */
} im_target;

/* Open the output (none when captured; with the world file's sidecars
 * checked) and create the format's surface at the page's size. On failure
 * the caller still calls im_target_free(). */
IM_NODISCARD im_status im_target_open(im_context *ctx, im_target *t, const im_render_options *o,
                                      const im_incidents *set, const im_page *page);
/* Finish the drawing: PDF metadata, then the backend's encoder (PNG with
 * its text chunks, SVG renumbered with its <title> and <desc>) or the
 * capture's hand-over; then commit the output with its sidecars. */
IM_NODISCARD im_status im_target_finish(im_context *ctx, im_target *t,
                                        const im_render_options *o, im_scene *sc,
                                        const im_view *view, const im_page *page,
                                        const im_page_plan *p);
/* Release the surface, the SVG and an uncommitted output. */
void im_target_free(im_target *t);

/* ---- options (render_options.c) ---------------------------------------- */

/* The checks of a render's options before anything is read: the format,
 * the page, the texts' lengths and the time window. */
IM_NODISCARD im_status im_render_check(im_context *ctx, const im_render_options *o,
                                       const char *path, im_output_format *format,
                                       im_page *page);

#endif
