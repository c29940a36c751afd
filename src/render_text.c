/* render_text.c - the words of a page: the title (given, or written from
 * what is drawn), the subtitle, the credit line and the projection line,
 * measured before the frame is placed; and the SVG's <desc>. */
#include "render_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* One paragraph for the SVG's <desc>: what, where, when, how many by type. */
void im_describe_map(const im_scene *sc, const im_view *v, const char *title, char *buf,
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
void im_default_title(size_t n, int64_t tmin, int64_t tmax, im_facet facet, const char *locale,
                      im_context *ctx, char *buf, size_t size)
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

im_status im_page_plan_text(im_context *ctx, const im_render_options *o, const im_incidents *set,
                            const im_basemap *bm, cairo_t *cr, const im_page *page,
                            const double bbox[4], const size_t *idx, size_t nsel, im_view *view,
                            im_page_plan *p)
{
    const im_style *sty = &ctx->style;
    double pt = page->pt, page_w = page->w_pt * pt, page_h = page->h_pt * pt;
    p->pt = pt;
    double m = p->m = 14 * pt;
    p->dmin = INT64_MAX;
    p->dmax = INT64_MIN;
    for (size_t k = 0; k < nsel; k++) {
        int64_t t = set->recs[idx[k]].time;
        p->dmin = t < p->dmin ? t : p->dmin;
        p->dmax = t > p->dmax ? t : p->dmax;
    }
    /* The title: --title, else the file's "title" member, else written
     * from what is drawn: rewritten once the incidents are placed (those
     * outside the frame are not counted), measured now from the selection,
     * which is never shorter. Dates are written in words. */
    const char *title = p->given_title = o->title ? o->title : im_incidents_title(set);
    if (title)
        snprintf(p->title, sizeof p->title, "%s", title);
    else
        im_default_title(nsel, p->dmin, p->dmax, o->facet, o->locale, NULL, p->title,
                         sizeof p->title);
    if (o->subtitle) {
        snprintf(p->subtitle, sizeof p->subtitle, "%s", o->subtitle);
    } else if (title && !o->has_from && !o->has_to) {
        /* A given title: the count and dates go to the subtitle (below). */
        snprintf(p->subtitle, sizeof p->subtitle, "0 incidents");
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
            snprintf(p->subtitle, sizeof p->subtitle, "Incidents, %s", a);
        else if (o->has_from)
            snprintf(p->subtitle, sizeof p->subtitle, "Incidents from %s", a);
        else
            snprintf(p->subtitle, sizeof p->subtitle, "Incidents up to %s", b);
    }
    /* Page text wraps at the page's width: nothing runs off the page. */
    double text_w = page_w - 2 * m;
    /* On a narrow page the title steps down (to three quarters at most). */
    double title_pt = sty->title_size * fmax(0.75, fmin(1.0, page->w_pt / 520));
    p->t_title = (im_text_style){NULL, title_pt, true, false, {0.08, 0.08, 0.08, 1}, 0,
                                 {0, 0, 0, 0}, text_w};
    p->t_sub = (im_text_style){NULL, sty->subtitle_size, false, false, {0.3, 0.3, 0.3, 1}, 0,
                               {0, 0, 0, 0}, text_w};
    p->t_foot = (im_text_style){NULL, sty->small_size, false, false, {0.35, 0.35, 0.35, 1}, 0,
                                {0, 0, 0, 0}, text_w};
    double tw, sw, fw1, fw2;
    p->th = p->sh = p->fh1 = p->fh2 = 0;
    view->pt = pt; /* text measurement needs only the point size */
    if (!im_text_measure(cr, view, sty, &p->t_title, p->title, &tw, &p->th))
        return im_fail(ctx, IM_ERR_ARG, "--title: not valid UTF-8 text");
    if (p->subtitle[0] && !im_text_measure(cr, view, sty, &p->t_sub, p->subtitle, &sw, &p->sh))
        return im_fail(ctx, IM_ERR_ARG, "--subtitle: not valid UTF-8 text");
    const char *attribution = p->attribution =
        im_basemap_credits(bm, bbox, view->denominator, p->credits, sizeof p->credits);
    if (o->source && attribution)
        snprintf(p->footer1, sizeof p->footer1, "Source: %s \u00b7 Basemap: %s", o->source,
                 attribution);
    else if (o->source)
        snprintf(p->footer1, sizeof p->footer1, "Source: %s", o->source);
    else if (attribution)
        snprintf(p->footer1, sizeof p->footer1, "Basemap: %s", attribution);
    if (im_incidents_skipped(set)) { /* lenient loading: say what the map leaves out */
        size_t len = strlen(p->footer1), k = im_incidents_skipped(set);
        snprintf(p->footer1 + len, sizeof p->footer1 - len, "%s%zu invalid record%s skipped",
                 len ? " \u00b7 " : "", k, k == 1 ? "" : "s");
    }
    im_utf8_trim(p->footer1); /* a long attribution may be cut */
    if (p->footer1[0] && !im_text_measure(cr, view, sty, &p->t_foot, p->footer1, &fw1, &p->fh1))
        return im_fail(ctx, IM_ERR_ARG, "--source: not valid UTF-8 text");
    /* The second footer line names the projection of the final frame; its
     * height is measured from a frame the size of the page (the same text
     * length). */
    im_status st = im_view_init(ctx, view, o->crs, bbox, m, m, page_w - 2 * m, page_h - 2 * m, pt);
    if (st != IM_OK)
        return st;
    describe_crs(view, o->crs, p->footer2, sizeof p->footer2);
    im_view_clear(view);
    size_t len2 = strlen(p->footer2);
    snprintf(p->footer2 + len2, sizeof p->footer2 - len2, " \u00b7 Map made with incmap %s",
             IM_VERSION_STRING);
    im_text_measure(cr, view, sty, &p->t_foot, p->footer2, &fw2, &p->fh2);
    return IM_OK;
}
