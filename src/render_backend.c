/* render_backend.c - the surfaces as a backend table: for PNG, SVG and PDF
 * the Cairo surface a render draws on (one device space: PNG pixels at
 * the page's scale, SVG and PDF pages in points drawn through a scale) and
 * the encoder that writes it; the output file with its sidecars; and the
 * captured render html.c and animate.c draw from. */
#include "render_int.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <stdlib.h>
#include <string.h>

typedef struct backend {
    im_output_format format;
    /* Create t->surface for the page (t->out is open unless captured). */
    im_status (*create)(im_context *ctx, im_target *t, const im_render_options *o,
                        const im_incidents *set, const im_page *page);
    /* Write the finished drawing to t->out. */
    im_status (*encode)(im_context *ctx, im_target *t, const im_render_options *o,
                        im_scene *sc, const im_view *view, const im_page *page,
                        const im_page_plan *p);
} backend;

static const cairo_user_data_key_t pixels_key;

static im_status png_create(im_context *ctx, im_target *t, const im_render_options *o,
                            const im_incidents *set, const im_page *page)
{
    (void)o, (void)set;
    /* The page's pixels in memory of our own, so that a big page can sit on
     * huge pages (im_table_alloc): its 12.8 MB at 2000x1600 are touched
     * first by painting the paper, a page fault per 4 KB otherwise. Freed
     * with the surface. */
    int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, page->px_w);
    unsigned char *px = stride > 0 ? im_table_alloc((size_t)page->px_h, (size_t)stride) : NULL;
    if (!px)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory for a %dx%d image", page->px_w,
                       page->px_h);
    t->surface = cairo_image_surface_create_for_data(px, CAIRO_FORMAT_ARGB32, page->px_w,
                                                     page->px_h, stride);
    if (cairo_surface_status(t->surface) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_set_user_data(t->surface, &pixels_key, px, free) !=
            CAIRO_STATUS_SUCCESS) {
        free(px); /* the surface (an error object, or without its key) does not own it */
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory for a %dx%d image", page->px_w,
                       page->px_h);
    }
    return IM_OK;
}

static im_status svg_create(im_context *ctx, im_target *t, const im_render_options *o,
                            const im_incidents *set, const im_page *page)
{
    (void)set;
    t->surface = cairo_svg_surface_create_for_stream(im_write_mem, &t->svg, page->w_pt,
                                                     page->h_pt);
    cairo_svg_surface_restrict_to_version(t->surface, CAIRO_SVG_VERSION_1_1);
    cairo_svg_surface_set_document_unit(t->surface, CAIRO_SVG_UNIT_PT);
    /* Text as <text> elements and the drawing in named groups. */
    if (!o->svg_text_paths &&
        (!(t->sink = im_svg_sink_new()) || !im_svg_sink_attach(t->surface, t->sink)))
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

static im_status pdf_create(im_context *ctx, im_target *t, const im_render_options *o,
                            const im_incidents *set, const im_page *page)
{
    /* Into memory: pdf_encode() writes it without Cairo's repeats and with
     * the marker batches spliced in. */
    t->surface = cairo_pdf_surface_create_for_stream(im_write_mem, &t->svg, page->w_pt,
                                                     page->h_pt);
    if (!(t->stamps = im_pdf_stamps_new()) || !im_pdf_stamps_attach(t->surface, t->stamps))
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    cairo_pdf_surface_restrict_to_version(t->surface, CAIRO_PDF_VERSION_1_5);
    cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_CREATOR,
                                   "incmap " IM_VERSION_STRING);
    const char *ftitle = o->title ? o->title : im_incidents_title(set);
    char *pdf_title = im_text_clean(ftitle ? ftitle : "incmap map"); /* input: data */
    cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_TITLE,
                                   pdf_title ? pdf_title : "incmap map");
    free(pdf_title);
    /* A fixed date keeps identical input byte-identical. */
    cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   "2000-01-01T00:00:00Z");
    return IM_OK;
}

static im_status png_encode(im_context *ctx, im_target *t, const im_render_options *o,
                            im_scene *sc, const im_view *view, const im_page *page,
                            const im_page_plan *p)
{
    (void)sc, (void)view;
    const im_png_text text[] = {
        {"Title", p->title},
        {"Description", p->subtitle},
        {"Source", o->source},
        {"Copyright", p->attribution},
        {"Software", "incmap " IM_VERSION_STRING},
    };
    return im_png_write(ctx, t->surface, t->out.fp, page->dpi, o->png_level, false, text,
                        sizeof text / sizeof text[0]);
}

/* Finish a vector surface (the document is written, to memory or the file). */
static im_status vector_finish(im_context *ctx, im_target *t)
{
    cairo_surface_finish(t->surface);
    if (cairo_surface_status(t->surface) != CAIRO_STATUS_SUCCESS || t->svg.failed)
        return im_fail(ctx, IM_ERR_ENCODE, "%s: %s", t->path, t->svg.failed ? "out of memory"
                       : cairo_status_to_string(cairo_surface_status(t->surface)));
    return IM_OK;
}

/* The SVG Cairo wrote, with the sink's <text> and groups spliced in, ids
 * renumbered, and its <title> and <desc>, to fp. */
static im_status svg_write(im_context *ctx, im_target *t, FILE *fp, im_scene *sc,
                           const im_view *view, const char *title)
{
    char desc[2048];
    im_describe_map(sc, view, title, desc, sizeof desc);
    im_status st = t->sink ? im_svg_sink_splice(ctx, t->sink, &t->svg) : IM_OK;
    if (st != IM_OK)
        return st;
    return im_svg_write_renumbered(ctx, &t->svg, fp, t->path, title, desc);
}

static im_status svg_encode(im_context *ctx, im_target *t, const im_render_options *o,
                            im_scene *sc, const im_view *view, const im_page *page,
                            const im_page_plan *p)
{
    (void)o, (void)page;
    im_status st = vector_finish(ctx, t);
    return st != IM_OK ? st : svg_write(ctx, t, t->out.fp, sc, view, p->title);
}

static im_status pdf_encode(im_context *ctx, im_target *t, const im_render_options *o,
                            im_scene *sc, const im_view *view, const im_page *page,
                            const im_page_plan *p)
{
    (void)o, (void)sc, (void)view, (void)page, (void)p;
    im_status st = vector_finish(ctx, t);
    return st != IM_OK ? st : im_pdf_write_stamped(ctx, &t->svg, t->out.fp, t->path, t->stamps);
}

static const backend backends[] = {
    {IM_OUTPUT_PNG, png_create, png_encode},
    {IM_OUTPUT_SVG, svg_create, svg_encode},
    {IM_OUTPUT_PDF, pdf_create, pdf_encode},
};

static const backend *backend_of(im_output_format format)
{
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++)
        if (backends[i].format == format)
            return &backends[i];
    return NULL;
}

im_status im_target_open(im_context *ctx, im_target *t, const im_render_options *o,
                         const im_incidents *set, const im_page *page)
{
    const backend *b = backend_of(t->format);
    if (!b)
        return im_fail(ctx, IM_ERR_ARG, "%s: this format is written by im_render()", t->path);
    im_status st;
    if (!t->cap && ((st = im_out_open(ctx, t->path, &t->out)) != IM_OK ||
                    (o->world_file && t->format == IM_OUTPUT_PNG &&
                     (st = im_georef_check(ctx, &t->out)))))
        return st;
    if ((st = b->create(ctx, t, o, set, page)) != IM_OK)
        return st;
    if (cairo_surface_status(t->surface) != CAIRO_STATUS_SUCCESS)
        return im_fail(ctx, IM_ERR_RENDER, "%s: cannot create the drawing surface: %s",
                       t->path, cairo_status_to_string(cairo_surface_status(t->surface)));
    return IM_OK;
}

/* The document's title, subject and keywords, as the map says. */
static void pdf_metadata(im_target *t, const im_scene *sc, const im_page_plan *p)
{
    const im_style *sty = sc->st;
    char subject[1100], keywords[512] = "incidents, map";
    size_t kl = strlen(keywords);
    for (int w = 0; w < sty->n_weapons; w++)
        if (sc->weapon_counts[w] && kl + 40 < sizeof keywords)
            kl += (size_t)snprintf(keywords + kl, sizeof keywords - kl, ", %s",
                                   sty->weapons[w].label);
    snprintf(subject, sizeof subject, "%.500s%s%.500s", p->title, p->subtitle[0] ? ". " : "",
             p->subtitle);
    im_utf8_trim(subject);
    /* Text from input is data: cleaned of control characters. */
    char *clean_title = im_text_clean(p->title), *clean_subject = im_text_clean(subject);
    cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_TITLE,
                                   clean_title ? clean_title : "incmap map");
    cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_SUBJECT,
                                   clean_subject ? clean_subject : "");
    free(clean_title);
    free(clean_subject);
    cairo_pdf_surface_set_metadata(t->surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
}

/* The uncertainty rings of the captured markers (im_capture's ring_at and
 * ring_xy), projected as the static map projects them. */
static im_status capture_rings(im_context *ctx, im_capture *cap, const im_scene *sc,
                               const im_view *view)
{
    if (sc->opts->hide & IM_HIDE_UNCERTAINTY)
        return IM_OK;
    size_t n_rings = 0;
    for (size_t i = 0; i < cap->n; i++)
        n_rings += sc->set->recs[cap->pts[i].rec].uncertainty_km > 0;
    if (!n_rings)
        return IM_OK;
    cap->ring_at = im_malloc_array(cap->n, sizeof *cap->ring_at);
    cap->ring_xy = im_malloc_array(n_rings, 2 * IM_RING_N * sizeof *cap->ring_xy);
    if (!cap->ring_at || !cap->ring_xy)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    size_t used = 0;
    for (size_t i = 0; i < cap->n; i++) {
        const im_placed *p = &cap->pts[i];
        double xs[IM_RING_N], ys[IM_RING_N];
        int got = im_uncertainty_ring(ctx, view, sc->st, &sc->set->recs[p->rec], p->sx, p->sy,
                                      xs, ys);
        if (got < 0)
            return IM_ERR_ARG; /* logged by im_view_project */
        cap->ring_at[i] = got ? used : SIZE_MAX;
        if (!got)
            continue;
        double *xy = cap->ring_xy + 2 * IM_RING_N * used++;
        for (int k = 0; k < IM_RING_N; k++)
            xy[2 * k] = xs[k], xy[2 * k + 1] = ys[k];
    }
    return IM_OK;
}

/* Hand the drawing and the placement of a captured render over to cap
 * (im_capture): the SVG document in memory, or the image surface. */
static im_status capture_take(im_context *ctx, im_target *t, im_scene *sc, const im_view *view,
                              const im_page *page, const char *title)
{
    im_capture *cap = t->cap;
    cairo_surface_flush(t->surface);
    if (t->format == IM_OUTPUT_SVG) {
        im_status st = vector_finish(ctx, t);
        if (st != IM_OK)
            return st;
        FILE *fp = open_memstream(&cap->svg.data, &cap->svg.len);
        if (!fp)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        st = svg_write(ctx, t, fp, sc, view, title);
        if (fclose(fp) != 0 && st == IM_OK)
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        if (st != IM_OK)
            return st;
    } else {
        cap->image = t->surface;
        t->surface = NULL;
        cap->dpi = page->dpi;
    }
    cap->pts = sc->pts;
    cap->n = sc->n;
    sc->pts = NULL;
    cap->clusters = sc->clusters;
    cap->n_clusters = sc->n_clusters;
    sc->clusters = NULL;
    cap->fx = view->fx, cap->fy = view->fy, cap->fw = view->fw, cap->fh = view->fh;
    cap->pt = view->pt;
    cap->page_w = sc->page_w, cap->page_h = sc->page_h;
    cap->t_min = sc->t_min, cap->t_max = sc->t_max;
    im_symbology_copy(&cap->sym, sc); /* sizes and categories, as the static map's */
    im_status rs = capture_rings(ctx, cap, sc, view);
    if (rs != IM_OK)
        return rs;
    size_t tl = strlen(title) < sizeof cap->title ? strlen(title) : sizeof cap->title - 1;
    memcpy(cap->title, title, tl);
    cap->title[tl] = '\0';
    im_utf8_trim(cap->title); /* cut at a character */
    return IM_OK;
}

im_status im_target_finish(im_context *ctx, im_target *t, const im_render_options *o,
                           im_scene *sc, const im_view *view, const im_page *page,
                           const im_page_plan *p)
{
    if (t->format == IM_OUTPUT_PDF)
        pdf_metadata(t, sc, p);
    im_status st = t->cap ? capture_take(ctx, t, sc, view, page, p->title)
                          : backend_of(t->format)->encode(ctx, t, o, sc, view, page, p);
    if (st != IM_OK)
        return st;
    if (t->surface)
        cairo_surface_destroy(t->surface);
    t->surface = NULL;
    if (t->cap)
        return IM_OK; /* nothing written but the dump */
    if (o->world_file && t->format == IM_OUTPUT_PNG)
        return im_georef_commit(ctx, view, &t->out); /* the map and its sidecars together */
    return im_out_commit(ctx, &t->out);
}

void im_target_free(im_target *t)
{
    /* Finishing a vector surface would write to the temporary file, which
     * is dropped below anyway. */
    if (t->surface)
        cairo_surface_destroy(t->surface);
    t->surface = NULL;
    im_out_abort(&t->out);
    free(t->svg.data);
    t->svg.data = NULL;
    im_svg_sink_free(t->sink); /* after the surface that refers to it */
    t->sink = NULL;
    im_pdf_stamps_free(t->stamps);
    t->stamps = NULL;
}

/* ---- captured renders ---------------------------------------------------- */

void im_capture_clear(im_capture *cap)
{
    if (!cap)
        return;
    free(cap->svg.data);
    if (cap->image)
        cairo_surface_destroy(cap->image);
    free(cap->pts);
    free(cap->clusters);
    free(cap->ring_at);
    free(cap->ring_xy);
    memset(cap, 0, sizeof *cap);
}

/* The captured render html.c and animate.c draw from: opts copied to *o
 * with a marker per incident, no world file and no animation, rendered as
 * format with rep->capture = cap. On failure cap and rep hold nothing. */
im_status im_capture_render(im_context *ctx, const im_incidents *set,
                            const im_render_options *opts, const char *path,
                            im_output_format format, im_render_options *o, im_capture *cap,
                            im_layout_report *rep)
{
    *o = *opts;
    o->density = IM_DENSITY_NONE;
    o->world_file = 0;
    o->animate = 0;
    memset(cap, 0, sizeof *cap);
    memset(rep, 0, sizeof *rep);
    rep->capture = cap;
    im_status st = im_render_ex(ctx, set, o, path, format, rep);
    if (st != IM_OK) {
        free(rep->boxes);
        rep->boxes = NULL;
        im_capture_clear(cap);
    }
    return st;
}
