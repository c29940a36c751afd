/* render.c - one map: select -> project -> place -> draw -> encode.
 * The same drawing code targets Cairo's image, SVG and PDF surfaces; only
 * the surface constructor and the encoder differ. */
#include "layout.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void im_render_options_init(im_render_options *o)
{
    memset(o, 0, sizeof *o);
    o->width = 2000;
    o->height = 1500;
    o->dpi = 0; /* chosen from the size (im_page_resolve): 200 at 2000x1500 */
    o->color_by = IM_COLOR_BY_WEAPON;
    o->labels = IM_LABELS_BOTH;
    o->png_level = 6;
}

im_output_format im_output_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return IM_OUTPUT_AUTO;
    if (strcasecmp(dot, ".png") == 0) return IM_OUTPUT_PNG;
    if (strcasecmp(dot, ".svg") == 0) return IM_OUTPUT_SVG;
    if (strcasecmp(dot, ".pdf") == 0) return IM_OUTPUT_PDF;
    if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0) return IM_OUTPUT_HTML;
    if (strcasecmp(dot, ".webp") == 0) return IM_OUTPUT_WEBP;
    return IM_OUTPUT_AUTO;
}

/* ---- furniture: title block and footer ------------------------------- */

typedef struct page_text {
    /* IM_MAX_TEXT_CHARS of up to 4 bytes each, plus the attribution */
    char title[4096 + 8], subtitle[4096 + 8], footer1[8192], footer2[1024];
    double title_h, subtitle_h, foot_h;
} page_text;

static void describe_crs(const im_view *v, const char *user_crs, char *buf, size_t size)
{
    if (user_crs && *user_crs) {
        const char *name = proj_get_name(v->crs);
        snprintf(buf, size, "Projection: %s", name && strcmp(name, "unknown") ? name : user_crs);
        return;
    }
    char *fitted = im_crs_fitted(v->bbox);
    if (fitted && strstr(fitted, "+proj=lcc")) {
        double span = v->bbox[3] - v->bbox[1];
        snprintf(buf, size, "Projection: Lambert conformal conic, standard parallels %.1f\u00b0 "
                 "and %.1f\u00b0", v->bbox[1] + span / 6, v->bbox[3] - span / 6);
    } else if (fitted && strstr(fitted, "+proj=merc")) {
        snprintf(buf, size, "Projection: Mercator");
    } else if (fitted && strstr(fitted, "+proj=eqearth")) {
        snprintf(buf, size, "Projection: Equal Earth");
    } else if (fitted && strstr(fitted, "+proj=laea")) {
        snprintf(buf, size, "Projection: Lambert azimuthal equal-area");
    } else {
        snprintf(buf, size, "Projection: polar stereographic");
    }
    free(fitted);
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

/* One paragraph for the SVG's <desc>: what, where, when, how many by type. */
static void describe_map(const im_scene *sc, const im_view *v, const char *title, char *buf,
                         size_t size)
{
    size_t n = 0, types = 0, k = 0;
    for (int w = 0; w < sc->st->n_weapons; w++) {
        n += sc->weapon_counts[w];
        types += sc->weapon_counts[w] > 0;
    }
    int len = snprintf(buf, size, "%s. A map of %zu incident%s", title, n, n == 1 ? "" : "s");
    for (int w = 0; w < sc->st->n_weapons && len > 0 && (size_t)len < size; w++) {
        if (!sc->weapon_counts[w])
            continue;
        const char *sep = k == 0 ? " (" : k + 1 == types ? " and " : ", ";
        len += snprintf(buf + len, size - (size_t)len, "%s%zu %s", sep, sc->weapon_counts[w],
                        sc->st->weapons[w].label);
        if (++k == types && (size_t)len < size)
            len += snprintf(buf + len, size - (size_t)len, ")");
    }
    char a[16] = "", b[16] = "";
    if (n && sc->t_max >= sc->t_min) {
        im_date_format(sc->t_min, a, sizeof a);
        im_date_format(sc->t_max, b, sizeof b);
    }
    const double *x = v->bbox;
    if (len > 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len,
                 "%s%s%s%s, in the area from %.1f\u00b0%s to %.1f\u00b0%s and %.1f\u00b0%s to "
                 "%.1f\u00b0%s. Markers are coloured and shaped by the type of attack; the legend "
                 "gives the counts.", a[0] ? " from " : "", a, b[0] ? " to " : "", b,
                 fabs(x[0]), x[0] < 0 ? "W" : "E", fabs(x[2]), x[2] < 0 ? "W" : "E",
                 fabs(x[1]), x[1] < 0 ? "S" : "N", fabs(x[3]), x[3] < 0 ? "S" : "N");
}

/* The title a map gets when none is given: what is drawn and when. */
static void default_title(size_t n, int64_t tmin, int64_t tmax, im_facet facet,
                          const char *locale, im_context *ctx, char *buf, size_t size)
{
    static const char *const by[] = {"", ", by month", ", by quarter", ", by year",
                                     ", by weapon"};
    char range[192] = "", count[32];
    if (n && !im_date_range_human(tmin, tmax, locale, range, sizeof range) && ctx)
        im_log(ctx, IM_LOG_WARNING, "locale \"%s\" is not installed: months in English",
               locale);
    im_format_count(n, count, sizeof count);
    if (n == 0)
        snprintf(buf, size, "No incidents in the selection");
    else
        snprintf(buf, size, "%s incident%s, %s%s", count, n == 1 ? "" : "s", range, by[facet]);
}

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

/* The legend's size before placement, from the selection: its rows, and
 * every note the placement may add (so the room kept is never short). */
static void legend_estimate(im_scene *sc, const size_t *idx, size_t n, const int *style_weapon,
                            int cols, double *w, double *h)
{
    im_scene t = *sc;
    memset(t.weapon_counts, 0, sizeof t.weapon_counts);
    t.uncertainty = t.coarse_dates = false;
    for (size_t k = 0; k < n; k++) {
        const im_rec *r = &sc->set->recs[idx[k]];
        t.weapon_counts[style_weapon[r->weapon]]++;
        if (r->uncertainty_km > 0 && !(sc->opts->hide & IM_HIDE_UNCERTAINTY))
            t.uncertainty = true;
        if (r->precision >= IM_DATE_MONTH)
            t.coarse_dates = true;
    }
    t.n = n;
    t.n_sites_dodged = n > 1 && sc->opts->stack != IM_STACK_NONE &&
                       sc->opts->stack != IM_STACK_CLUSTER;
    t.clustered = n > 1 && sc->opts->stack != IM_STACK_NONE && sc->opts->stack != IM_STACK_DODGE;
    t.density = 0;
    im_legend_size(&t, cols, w, h);
}

/* ---- the render -------------------------------------------------------- */

void im_capture_clear(im_capture *cap)
{
    if (!cap)
        return;
    free(cap->svg.data);
    if (cap->image)
        cairo_surface_destroy(cap->image);
    free(cap->pts);
    free(cap->clusters);
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

/* Hand the drawing and the placement of a captured render over to cap
 * (im_capture): the SVG document in memory, or the image surface. */
static im_status capture_take(im_context *ctx, im_capture *cap, im_scene *sc,
                              const im_view *view, cairo_surface_t **surface, im_membuf *svg,
                              im_output_format format, const im_page *page, const char *title,
                              const char *path, const im_svg_sink *sink)
{
    cairo_surface_flush(*surface);
    if (format == IM_OUTPUT_SVG) {
        cairo_surface_finish(*surface);
        if (cairo_surface_status(*surface) != CAIRO_STATUS_SUCCESS || svg->failed)
            return im_fail(ctx, IM_ERR_ENCODE, "%s: %s", path, svg->failed ? "out of memory"
                           : cairo_status_to_string(cairo_surface_status(*surface)));
        char desc[2048];
        describe_map(sc, view, title, desc, sizeof desc);
        im_status sst = sink ? im_svg_sink_splice(ctx, sink, svg) : IM_OK;
        if (sst != IM_OK)
            return sst;
        FILE *fp = open_memstream(&cap->svg.data, &cap->svg.len);
        if (!fp)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        im_status st = im_svg_write_renumbered(ctx, svg, fp, path, title, desc);
        if (fclose(fp) != 0 && st == IM_OK)
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        if (st != IM_OK)
            return st;
    } else {
        cap->image = *surface;
        *surface = NULL;
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
    size_t tl = strlen(title) < sizeof cap->title ? strlen(title) : sizeof cap->title - 1;
    memcpy(cap->title, title, tl);
    cap->title[tl] = '\0';
    im_utf8_trim(cap->title); /* cut at a character */
    return IM_OK;
}


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

im_status im_render_ex(im_context *ctx, const im_incidents *set, const im_render_options *opts,
                       const char *path, im_output_format format, im_layout_report *report)
{
    IM_C_LOCALE(ctx); /* numbers read and written the same in any host locale */
    if (!ctx || !set || !opts || !path)
        return im_fail_arg(ctx, __func__);
    const im_render_options *o = opts;
    if (format == IM_OUTPUT_AUTO)
        format = im_output_format_from_path(path);
    if (format == IM_OUTPUT_AUTO)
        return im_fail(ctx, IM_ERR_ARG,
                       "%s: cannot tell the format from the extension; use .png, .svg, .pdf, "
                       ".html or .webp (or --format)", path);
    im_capture *cap = report ? report->capture : NULL;
    if (format > IM_OUTPUT_PDF)
        return im_fail(ctx, IM_ERR_ARG, "%s: this format is written by im_render()", path);
    im_page page;
    im_status pst = im_page_resolve(ctx, o, &ctx->style, &page);
    if (pst != IM_OK)
        return pst;
    if (im_text_check(ctx, "--title", o->title, IM_MAX_TEXT_CHARS) != IM_OK ||
        im_text_check(ctx, "--subtitle", o->subtitle, IM_MAX_TEXT_CHARS) != IM_OK ||
        im_text_check(ctx, "--source", o->source, IM_MAX_TEXT_CHARS) != IM_OK)
        return IM_ERR_ARG;
    if (o->has_from && o->has_to && o->from > o->to)
        return im_fail(ctx, IM_ERR_ARG, "the time window is empty: --from is after --to");

    im_status st = IM_OK;
    size_t *idx = NULL, nsel = 0;
    int style_weapon[IM_MAX_WEAPONS] = {0};
    im_basemap *bm = NULL;
    im_out out = {0};
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    im_view view = {0};
    im_scene sc;
    memset(&sc, 0, sizeof sc);
    im_annotations *annotations = NULL;
    im_membuf svg = {0};
    im_svg_sink *sink = NULL;
    im_layout lay;
    memset(&lay, 0, sizeof lay);
    lay.set = set;

    im_selection sel = {NULL, 0, {0}};
    if ((st = im_select(ctx, set, o, &sel)) != IM_OK)
        goto done;
    idx = sel.idx;
    nsel = sel.n;
    memcpy(style_weapon, sel.style_weapon, sizeof style_weapon);
    double bbox[4];
    if (o->has_bbox) {
        memcpy(bbox, o->bbox, sizeof bbox);
        im_bbox_normalize(bbox);
    } else if ((st = im_select_fit_bbox(ctx, set, nsel ? idx : NULL, nsel ? nsel : set->n,
                                         bbox)) != IM_OK) {
        goto done;
    }

    /* The basemap: given, or the most detailed installed one holding the
     * extent (basemap.c), which must be there: a map silently without its
     * basemap is worse than an error. */
    char chosen[256];
    const char *bspec = o->basemap ? o->basemap : im_basemap_choose(ctx, bbox, chosen,
                                                                    sizeof chosen);
    if (!o->basemap && strcmp(bspec, "none") == 0 &&
        (st = im_data_require_basemap(ctx, "world")) != IM_OK)
        goto done;

    /* One device space for every format: PNG pixels at the page's scale.
     * SVG and PDF pages are the page in points, drawn through a scale, so
     * placement computes the same numbers whatever the surface. */
    double pt = page.pt;
    double page_w = page.w_pt * pt, page_h = page.h_pt * pt;
    lay.pt = pt;
    lay.page_w = page_w;
    lay.page_h = page_h;

    /* Check the CRS and extent before creating any file. */
    if ((st = im_view_init(ctx, &view, o->crs, bbox, 0, 0, page_w, page_h, pt)) != IM_OK)
        goto done;
    /* Only what this extent and scale draw is read from the basemap. */
    if ((st = im_basemap_open_view(ctx, bspec, &view, &bm)) != IM_OK) {
        im_view_clear(&view);
        goto done;
    }
    if (!im_basemap_covers(bm, &view))
        im_log(ctx, IM_LOG_WARNING, "part of the map lies outside the data of basemap \"%s\"; "
               "it is drawn hatched grey (no data)", bspec);
    im_view_clear(&view);
    for (size_t i = 0; i < o->n_layers; i++)
        if ((st = im_basemap_add_layer(ctx, bm, o->layers[i])) != IM_OK)
            goto done;

    /* --annotate: read before any file is created, so a bad one leaves none */
    if (o->annotate && (st = im_annotations_load(ctx, o->annotate, &annotations)) != IM_OK)
        goto done;
    sc.annotations = annotations;
    if (!cap && ((st = im_out_open(ctx, path, &out)) != IM_OK ||
        (o->world_file && format == IM_OUTPUT_PNG && (st = im_georef_check(ctx, &out)))))
        goto done;
    if (format == IM_OUTPUT_PNG) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, page.px_w, page.px_h);
    } else if (format == IM_OUTPUT_SVG) {
        surface = cairo_svg_surface_create_for_stream(im_write_mem, &svg, page.w_pt, page.h_pt);
        cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
        /* Text as <text> elements and the drawing in named groups. */
        if (!o->svg_text_paths && (!(sink = im_svg_sink_new()) ||
                                   !im_svg_sink_attach(surface, sink))) {
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            goto done;
        }
    } else {
        surface = cairo_pdf_surface_create_for_stream(im_write_stream, out.fp, page.w_pt, page.h_pt);
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                       "incmap " IM_VERSION_STRING);
        const char *ftitle = o->title ? o->title : im_incidents_title(set);
        char *pdf_title = im_text_clean(ftitle ? ftitle : "incmap map"); /* input: data */
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                       pdf_title ? pdf_title : "incmap map");
        free(pdf_title);
        /* A fixed date keeps identical input byte-identical. */
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                       "2000-01-01T00:00:00Z");
    }
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        st = im_fail(ctx, IM_ERR_RENDER, "%s: cannot create the drawing surface: %s", path,
                     cairo_status_to_string(cairo_surface_status(surface)));
        goto done;
    }
    cr = cairo_create(surface);
    if (format != IM_OUTPUT_PNG)
        cairo_scale(cr, 1 / pt, 1 / pt);
    const im_style *sty = &ctx->style;

    /* ---- layout: title block, frame, footer ---- */
    double m = 14 * pt;
    page_text pg;
    memset(&pg, 0, sizeof pg);
    int64_t dmin = INT64_MAX, dmax = INT64_MIN;
    for (size_t k = 0; k < nsel; k++) {
        dmin = set->recs[idx[k]].time < dmin ? set->recs[idx[k]].time : dmin;
        dmax = set->recs[idx[k]].time > dmax ? set->recs[idx[k]].time : dmax;
    }
    /* The title: --title, else the file's "title" member, else written
     * from what is drawn: rewritten once the incidents are placed (those
     * outside the frame are not counted), measured now from the selection,
     * which is never shorter. Dates are written in words. */
    const char *title = o->title ? o->title : im_incidents_title(set);
    if (title)
        snprintf(pg.title, sizeof pg.title, "%s", title);
    else
        default_title(nsel, dmin, dmax, o->facet, o->locale, NULL, pg.title, sizeof pg.title);
    if (o->subtitle) {
        snprintf(pg.subtitle, sizeof pg.subtitle, "%s", o->subtitle);
    } else if (title && !o->has_from && !o->has_to) {
        /* A given title: the count and dates go to the subtitle (below). */
        snprintf(pg.subtitle, sizeof pg.subtitle, "0 incidents");
    } else if (title) {
        /* A custom title with a time window: the window must still show. */
        char a[96] = "", b[96] = "";
        if (o->has_from && o->has_to)
            im_date_range_human(o->from, o->to, o->locale, a, sizeof a);
        else if (o->has_from)
            im_date_human(o->from, o->locale, a, sizeof a);
        else
            im_date_human(o->to, o->locale, b, sizeof b);
        if (o->has_from && o->has_to)
            snprintf(pg.subtitle, sizeof pg.subtitle, "Incidents, %s", a);
        else if (o->has_from)
            snprintf(pg.subtitle, sizeof pg.subtitle, "Incidents from %s", a);
        else
            snprintf(pg.subtitle, sizeof pg.subtitle, "Incidents up to %s", b);
    }
    /* Page text wraps at the page's width: nothing runs off the page. */
    double text_w = page_w - 2 * m;
    /* On a narrow page the title steps down (to three quarters at most). */
    double title_pt = sty->title_size * fmax(0.75, fmin(1.0, page.w_pt / 520));
    im_text_style t_title = {NULL, title_pt, true, false, {0.08, 0.08, 0.08, 1}, 0, {0, 0, 0, 0}, text_w};
    im_text_style t_sub = {NULL, sty->subtitle_size, false, false, {0.3, 0.3, 0.3, 1}, 0, {0, 0, 0, 0}, text_w};
    im_text_style t_foot = {NULL, sty->small_size, false, false, {0.35, 0.35, 0.35, 1}, 0, {0, 0, 0, 0}, text_w};
    double tw, th = 0, sw, sh = 0, fw1, fh1 = 0, fw2, fh2 = 0;
    view.pt = pt; /* text measurement needs only the point size */
    if (!im_text_measure(cr, &view, sty, &t_title, pg.title, &tw, &th)) {
        st = im_fail(ctx, IM_ERR_ARG, "--title: not valid UTF-8 text");
        goto done;
    }
    if (pg.subtitle[0] && !im_text_measure(cr, &view, sty, &t_sub, pg.subtitle, &sw, &sh)) {
        st = im_fail(ctx, IM_ERR_ARG, "--subtitle: not valid UTF-8 text");
        goto done;
    }
    char credits[512];
    const char *attribution = im_basemap_credits(bm, bbox, view.denominator, credits,
                                                 sizeof credits);
    if (o->source && attribution)
        snprintf(pg.footer1, sizeof pg.footer1, "Source: %s \u00b7 Basemap: %s", o->source,
                 attribution);
    else if (o->source)
        snprintf(pg.footer1, sizeof pg.footer1, "Source: %s", o->source);
    else if (attribution)
        snprintf(pg.footer1, sizeof pg.footer1, "Basemap: %s", attribution);
    if (im_incidents_skipped(set)) { /* lenient loading: say what the map leaves out */
        size_t len = strlen(pg.footer1), k = im_incidents_skipped(set);
        snprintf(pg.footer1 + len, sizeof pg.footer1 - len, "%s%zu invalid record%s skipped",
                 len ? " \u00b7 " : "", k, k == 1 ? "" : "s");
    }
    im_utf8_trim(pg.footer1); /* a long attribution may be cut */
    if (pg.footer1[0] && !im_text_measure(cr, &view, sty, &t_foot, pg.footer1, &fw1, &fh1)) {
        st = im_fail(ctx, IM_ERR_ARG, "--source: not valid UTF-8 text");
        goto done;
    }
    /* The second footer line names the projection of the final frame; its
     * height is measured from a frame the size of the page (the same text
     * length). */
    if ((st = im_view_init(ctx, &view, o->crs, bbox, m, m, page_w - 2 * m, page_h - 2 * m,
                           pt)) != IM_OK)
        goto done;
    describe_crs(&view, o->crs, pg.footer2, sizeof pg.footer2);
    im_view_clear(&view);
    size_t len2 = strlen(pg.footer2);
    snprintf(pg.footer2 + len2, sizeof pg.footer2 - len2, " \u00b7 Map made with incmap %s",
             IM_VERSION_STRING);
    im_text_measure(cr, &view, sty, &t_foot, pg.footer2, &fw2, &fh2);

    double top = m + th + (sh > 0 ? 2 * pt + sh : 0) + 8 * pt;
    double bottom = page_h - m - (fh1 > 0 ? fh1 + 2 * pt : 0) - fh2 - 6 * pt;
    double left = m, right = page_w - m;
    /* Furniture by priority: on a small page the graticule's labels go
     * first (they need margins), then the inset and the north arrow. */
    if (page.w_pt < 400 || page.h_pt < 300)
        sc.drop |= IM_DROP_GRATICULE_LABELS;
    bool graticule = !(o->hide & IM_HIDE_GRATICULE) && o->facet == IM_FACET_NONE;
    double grat_bottom = 0;
    if (graticule && !(sc.drop & IM_DROP_GRATICULE_LABELS)) {
        double gl;
        im_graticule_margins(sty, pt, &gl, &grat_bottom);
        left += gl;
        bottom -= grat_bottom;
    }
    double tl_h = o->timeline ? im_timeline_height(sty, pt) : 0;
    if (o->timeline)
        bottom -= tl_h + 6 * pt;

    sc.ctx = ctx;
    sc.st = sty;
    sc.opts = o;
    sc.set = set;
    sc.cr = cr;
    sc.page_w = page_w;
    sc.page_h = page_h;
    sc.margin = m;
    sc.lay = &lay;
    sc.t_min = o->has_from ? o->from : (nsel ? dmin : 0);
    sc.t_max = o->has_to ? o->to : (nsel ? dmax : 0);
    if ((st = im_symbology_prepare(&sc, idx, nsel)) != IM_OK) /* --size-by, --color-by FIELD */
        goto done;

    /* The legend goes outside the frame when inside it would cover too
     * much of the map: beside it on a wide page, under it (rows in
     * columns) on a tall one. Its size is estimated from the selection. */
    bool legend_out = false;
    double strip_h = 0; /* a legend under the frame */
    if (o->facet == IM_FACET_NONE && !(o->hide & IM_HIDE_LEGEND)) {
        double lw, lh, fw0 = right - left, fh0 = bottom - top;
        view.pt = pt;
        sc.view = &view;
        legend_estimate(&sc, idx, nsel, style_weapon, 1, &lw, &lh);
        if (lw * lh > 0.16 * fw0 * fh0 || lh > 0.6 * fh0 || lw > 0.4 * fw0) {
            legend_out = true;
            double gap = 8 * pt;
            if (fw0 >= fh0 * 1.1 && lh <= fh0) {
                right -= lw + gap;
                sc.legend_x = right + gap;
                sc.legend_y = top;
            } else {
                int cols = 1;
                sc.legend_max_w = fw0;
                for (int c = 8; c >= 1; c--) {
                    legend_estimate(&sc, idx, nsel, style_weapon, c, &lw, &lh);
                    if (lw <= fw0) {
                        cols = c;
                        break;
                    }
                }
                sc.legend_cols = cols;
                strip_h = lh + gap;
                bottom -= strip_h;
                sc.legend_x = left;
                sc.legend_y = bottom + grat_bottom + gap;
            }
            sc.legend_fixed = true;
        }
        sc.view = NULL;
        memset(sc.weapon_counts, 0, sizeof sc.weapon_counts);
        sc.n = 0;
        sc.n_sites_dodged = 0;
        sc.clustered = sc.uncertainty = sc.coarse_dates = false;
    }
    /* A legend outside that leaves the map less than half the page goes
     * back inside; then the projection line gives way (never the credit). */
    if (legend_out && (bottom - top < 0.45 * page_h || right - left < 0.45 * page_w)) {
        if (strip_h > 0)
            bottom += strip_h;
        else
            right = page_w - m;
        strip_h = 0;
        legend_out = sc.legend_fixed = false;
        sc.legend_cols = 0;
        sc.legend_max_w = 0;
    }
    if (bottom - top < 0.45 * page_h && fh2 > 0) {
        bottom += fh2;
        fh2 = 0;
        pg.footer2[0] = '\0';
    }
    if (bottom - top < 40 * pt || right - left < 40 * pt) {
        st = im_fail(ctx, IM_ERR_ARG, "the page (%.0f x %.0f pt) leaves no room for the map "
                     "after its title and credits; use a larger --size or --page",
                     page.w_pt, page.h_pt);
        goto done;
    }
    if ((st = im_view_init(ctx, &view, o->crs, bbox, left, top, right - left, bottom - top,
                           pt)) != IM_OK)
        goto done;
    if (!o->has_bbox && nsel) {
        /* A fitted extent is padded in page units too: fans and cluster
         * symbols at the edge stay inside the frame at any scale. */
        double pad = sty->marker_size * pt * 3.2;
        double dx = (bbox[2] - bbox[0]) / view.fw * pad, dy = (bbox[3] - bbox[1]) / view.fh * pad;
        double d = fmax(dx, dy);
        bbox[0] = fmax(bbox[0] - d, -180); bbox[2] = fmin(bbox[2] + d, 180);
        bbox[1] = fmax(bbox[1] - d, -85);  bbox[3] = fmin(bbox[3] + d, 85);
        im_view_clear(&view);
        if ((st = im_view_init(ctx, &view, o->crs, bbox, left, top, right - left, bottom - top,
                               pt)) != IM_OK)
            goto done;
    }
    /* The basemap was read for the whole page; the frame is smaller and may
     * show more of the map (another shape): read it again when the final
     * view needs a scale band or an area it did not read. */
    if (!im_basemap_holds(bm, &view)) {
        im_basemap_free(bm);
        bm = NULL;
        if ((st = im_basemap_open_view(ctx, bspec, &view, &bm)) != IM_OK)
            goto done;
        for (size_t i = 0; i < o->n_layers; i++)
            if ((st = im_basemap_add_layer(ctx, bm, o->layers[i])) != IM_OK)
                goto done;
    }
    if (view.fw < 400 * pt || view.fh < 280 * pt)
        sc.drop |= IM_DROP_INSET;
    if (view.fw < 160 * pt || view.fh < 120 * pt)
        sc.drop |= IM_DROP_NORTH;
    /* A legend inside a small frame keeps only its rows; one that still
     * does not fit is left out. */
    if (o->facet == IM_FACET_NONE && !legend_out && !(o->hide & IM_HIDE_LEGEND)) {
        double lw, lh;
        sc.view = &view;
        legend_estimate(&sc, idx, nsel, style_weapon, 1, &lw, &lh);
        if (lh > 0.6 * view.fh || lw > 0.45 * view.fw) {
            sc.legend_compact = true;
            legend_estimate(&sc, idx, nsel, style_weapon, 1, &lw, &lh);
            if (lh > 0.8 * view.fh || lw > 0.6 * view.fw)
                sc.drop |= IM_DROP_LEGEND;
        }
        sc.view = NULL;
        memset(sc.weapon_counts, 0, sizeof sc.weapon_counts);
        sc.n = 0;
        sc.n_sites_dodged = 0;
        sc.clustered = sc.uncertainty = sc.coarse_dates = false;
    }

    /* ---- project, place and draw: one frame, or a grid of facets ---- */
    im_rgba paper = {1, 1, 1, 1};
    im_theme_color(&sty->theme, IM_TH_PAPER, &paper); /* --theme */
    cairo_set_source_rgb(cr, paper.r, paper.g, paper.b);
    cairo_paint(cr);
    sc.no_markers = cap != NULL;
    if (o->facet == IM_FACET_NONE) {
        sc.view = &view;
        unsigned what = PANEL_FURNITURE |
                        (legend_out || (sc.drop & IM_DROP_LEGEND) ? 0 : PANEL_LEGEND) |
                        PANEL_INSET |
                        (graticule ? PANEL_GRATICULE : 0);
        if ((st = im_panel_draw(&sc, bm, idx, nsel, style_weapon, what, report)) != IM_OK)
            goto done;
        if (legend_out) {
            im_svg_group_begin(cr, "legend");
            st = im_legend_draw(&sc);
            im_svg_group_end(cr);
            if (st != IM_OK)
                goto done;
            if (report && report->boxes && (st = report_insert_furniture(
                                                ctx, report, sc.occupied.v[sc.occupied.n - 1])))
                goto done;
        }
    } else {
        im_view_clear(&view);
        if ((st = im_facets_draw(&sc, bm, bbox, idx, nsel, style_weapon, left, top, right - left,
                              bottom - top, &view, report)) != IM_OK)
            goto done;
    }
    bool auto_sub = title && !o->subtitle && !o->has_from && !o->has_to;
    if (!title || auto_sub) {
        int64_t tmin = INT64_MAX, tmax = INT64_MIN;
        for (size_t i = 0; i < sc.n; i++) {
            tmin = sc.pts[i].time < tmin ? sc.pts[i].time : tmin;
            tmax = sc.pts[i].time > tmax ? sc.pts[i].time : tmax;
        }
        default_title(sc.n, tmin, tmax, o->facet, o->locale, ctx,
                      auto_sub ? pg.subtitle : pg.title,
                      auto_sub ? sizeof pg.subtitle : sizeof pg.title);
    }

    double ty = m;
    im_svg_group_begin(cr, "title");
    st = page_text_put(&sc, &t_title, pg.title, IM_ITEM_TITLE, m, &ty, 2 * pt);
    if (st == IM_OK && pg.subtitle[0])
        st = page_text_put(&sc, &t_sub, pg.subtitle, IM_ITEM_SUBTITLE, m, &ty, 0);
    im_svg_group_end(cr);
    if (st != IM_OK)
        goto done;
    double fy = bottom + grat_bottom + strip_h + 5 * pt;
    if (o->timeline) {
        im_svg_group_begin(cr, "timeline");
        st = im_timeline_draw(&sc, left, fy, right - left, tl_h);
        im_svg_group_end(cr);
        if (st != IM_OK)
            goto done;
        if ((st = im_layout_add(&lay, IM_ITEM_TIMELINE, (im_box){left, fy, right, fy + tl_h},
                                NULL, NAN, NAN, false)) != IM_OK)
            goto done;
        fy += tl_h + 6 * pt;
    }
    im_svg_group_begin(cr, "credits");
    if (pg.footer1[0])
        st = page_text_put(&sc, &t_foot, pg.footer1, IM_ITEM_CREDIT, m, &fy, 2 * pt);
    if (st == IM_OK && pg.footer2[0])
        st = page_text_put(&sc, &t_foot, pg.footer2, IM_ITEM_FOOTER, m, &fy, 0);
    im_svg_group_end(cr);
    if (st != IM_OK)
        goto done;

    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = im_fail(ctx, IM_ERR_RENDER, "%s: drawing failed: %s", path,
                     cairo_status_to_string(cairo_status(cr)));
        goto done;
    }
    cairo_destroy(cr);
    cr = NULL;
    if (format == IM_OUTPUT_PDF) {
        /* The document's title, subject and keywords, as the map says. */
        char subject[1100], keywords[512] = "incidents, map";
        size_t kl = strlen(keywords);
        for (int w = 0; w < sty->n_weapons; w++)
            if (sc.weapon_counts[w] && kl + 40 < sizeof keywords)
                kl += (size_t)snprintf(keywords + kl, sizeof keywords - kl, ", %s",
                                       sty->weapons[w].label);
        snprintf(subject, sizeof subject, "%.500s%s%.500s", pg.title, pg.subtitle[0] ? ". " : "",
                 pg.subtitle);
        im_utf8_trim(subject);
        /* Text from input is data: cleaned of control characters. */
        char *clean_title = im_text_clean(pg.title), *clean_subject = im_text_clean(subject);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                       clean_title ? clean_title : "incmap map");
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT,
                                       clean_subject ? clean_subject : "");
        free(clean_title);
        free(clean_subject);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
    }

    /* ---- encode ---- */
    if (cap) {
        if ((st = capture_take(ctx, cap, &sc, &view, &surface, &svg, format, &page, pg.title,
                               path, sink)) != IM_OK)
            goto done;
    } else if (format == IM_OUTPUT_PNG) {
        const im_png_text text[] = {
            {"Title", pg.title},
            {"Description", pg.subtitle},
            {"Source", o->source},
            {"Copyright", attribution},
            {"Software", "incmap " IM_VERSION_STRING},
        };
        st = im_png_write(ctx, surface, out.fp, page.dpi, o->png_level, text,
                          sizeof text / sizeof text[0]);
        if (st != IM_OK)
            goto done;
    } else {
        cairo_surface_finish(surface);
        if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS || svg.failed) {
            st = im_fail(ctx, IM_ERR_ENCODE, "%s: %s", path,
                         svg.failed ? "out of memory"
                                    : cairo_status_to_string(cairo_surface_status(surface)));
            goto done;
        }
        if (format == IM_OUTPUT_SVG) {
            char desc[2048];
            describe_map(&sc, &view, pg.title, desc, sizeof desc);
            if (sink && (st = im_svg_sink_splice(ctx, sink, &svg)) != IM_OK)
                goto done;
            if ((st = im_svg_write_renumbered(ctx, &svg, out.fp, path, pg.title, desc)))
                goto done;
        }
    }
    cairo_surface_destroy(surface);
    surface = NULL;
    if (cap)
        st = IM_OK; /* nothing written but the dump below */
    else if (o->world_file && format == IM_OUTPUT_PNG)
        st = im_georef_commit(ctx, &view, &out); /* the map and its sidecars together */
    else
        st = im_out_commit(ctx, &out);
    if (st == IM_OK && o->dump_layout)
        st = im_layout_write_json(ctx, &lay, o->dump_layout);

done:
    if (cr)
        cairo_destroy(cr);
    if (surface) {
        /* Finishing a vector surface would write to the temporary file,
         * which is dropped below anyway. */
        cairo_surface_destroy(surface);
    }
    im_out_abort(&out);
    free(svg.data);
    im_svg_sink_free(sink); /* after the surface that refers to it */
    im_view_clear(&view);
    im_layout_clear(&lay);
    im_boxes_free(&sc.occupied);
    free(sc.clusters);
    free(sc.cells);
    free(sc.pts);
    free(idx);
    im_basemap_free(bm);
    im_annotations_free(annotations);
    return st;
}
