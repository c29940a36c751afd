/* html.c - the interactive map: one self-contained HTML page holding the
 * map's SVG (the same drawing as -o map.svg, without its markers), the
 * markers as SVG elements at the positions the layout placed them, each
 * with its incident's fields as data attributes, the legend as toggle
 * buttons, a time range, zoom and pan, and a table of the incidents for
 * screen readers. The script is src/html_script.js, compiled in; the
 * Content-Security-Policy allows it by its hash and forbids any network
 * access. Every text from the input is escaped (im_xml_escape). */
#include "im_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html_script.h" /* generated: im_html_script[], im_html_script_sha256[] */

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Interactive maps hold one element per incident: past this many the page
 * is slow to open and a density map is the better picture. */
#define HTML_MAX_MARKERS 20000

/* The budget the page keeps beyond its SVG (tested): the page's own markup,
 * style and script, and about this much per incident. */
#define HTML_FIXED_BYTES 24000
#define HTML_BYTES_PER_INCIDENT 1400

static const char page_style[] =
    "body{font:15px/1.4 system-ui,'DejaVu Sans',sans-serif;margin:0;color:#1a1a1a;background:#fff}"
    "main{max-width:1400px;margin:0 auto;padding:8px}"
    ".im-map{position:relative;border:1px solid #ccc}"
    ".im-map svg{display:block;width:100%;height:auto;touch-action:none;cursor:grab}"
    ".im-m,.im-cl{cursor:pointer}"
    ".im-m:focus,.im-cl:focus{outline:none}"
    ".im-m:focus>use,.im-m:hover>use,.im-cl:focus>circle:first-child,.im-cl:hover>circle:first-child"
    "{stroke:#000;stroke-width:1.5px}"
    "#im-tip{position:absolute;z-index:2;max-width:22em;background:#fff;border:1px solid #333;"
    "border-radius:3px;padding:4px 7px;font-size:13px;box-shadow:0 2px 6px rgba(0,0,0,.25);"
    "pointer-events:none;overflow-wrap:anywhere}"
    ".im-tip-head{font-weight:bold}"
    ".im-zoom{position:absolute;right:8px;bottom:8px;display:flex;gap:4px}"
    ".im-zoom button,.im-cat{font:inherit;border:1px solid #888;background:#fff;border-radius:3px;"
    "padding:2px 8px;cursor:pointer}"
    ".im-controls{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;margin:8px 0}"
    ".im-cat[aria-pressed=false]{opacity:.45;text-decoration:line-through}"
    ".im-cat svg{vertical-align:middle;margin-right:4px}"
    ".im-cat:focus-visible,.im-zoom button:focus-visible,input:focus-visible"
    "{outline:3px solid #1a5fb4;outline-offset:1px}"
    ".im-time label{margin-right:12px}"
    "table{border-collapse:collapse;font-size:13px}"
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}";

/* A text written escaped; a NULL or empty text as alt. */
static bool put_esc(FILE *fp, const char *text)
{
    char *e = im_xml_escape(text ? text : "");
    if (!e)
        return false;
    bool ok = fputs(e, fp) >= 0;
    free(e);
    return ok;
}

/* The path a marker shape makes at (0, 0) with this size, as SVG path
 * data: drawn by the same im_marker_path() as the static map. */
static bool shape_path(FILE *fp, im_shape shape, double size)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    im_marker_path(cr, shape, 0, 0, size);
    cairo_path_t *path = cairo_copy_path(cr);
    bool ok = path && path->status == CAIRO_STATUS_SUCCESS;
    for (int i = 0; ok && i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t *d = &path->data[i];
        switch (d->header.type) {
        case CAIRO_PATH_MOVE_TO:
            ok = fprintf(fp, "M%.2f %.2f", d[1].point.x, d[1].point.y) > 0;
            break;
        case CAIRO_PATH_LINE_TO:
            ok = fprintf(fp, "L%.2f %.2f", d[1].point.x, d[1].point.y) > 0;
            break;
        case CAIRO_PATH_CURVE_TO:
            ok = fprintf(fp, "C%.2f %.2f %.2f %.2f %.2f %.2f", d[1].point.x, d[1].point.y,
                         d[2].point.x, d[2].point.y, d[3].point.x, d[3].point.y) > 0;
            break;
        case CAIRO_PATH_CLOSE_PATH:
            ok = fputc('Z', fp) != EOF;
            break;
        }
    }
    cairo_path_destroy(path);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return ok;
}

static void hex_color(im_rgba c, char buf[8])
{
    snprintf(buf, 8, "#%02x%02x%02x", (int)lround(c.r * 255), (int)lround(c.g * 255),
             (int)lround(c.b * 255));
}

/* The date of an incident as its precision knows it. */
static void date_text(const im_incident *inc, char *buf, size_t size)
{
    char d[16];
    im_date_format(inc->time, d, sizeof d);
    if (inc->date_precision == IM_DATE_YEAR)
        snprintf(buf, size, "%.4s", d);
    else if (inc->date_precision == IM_DATE_MONTH)
        snprintf(buf, size, "%.7s", d);
    else if (inc->date_precision == IM_DATE_SECOND && inc->time % 86400 != 0)
        snprintf(buf, size, "%s %02d:%02d UTC", d, (int)(inc->time % 86400 / 3600),
                 (int)(inc->time % 3600 / 60));
    else
        snprintf(buf, size, "%s", d);
}

static void int_text(int32_t v, char *buf, size_t size)
{
    if (v < 0)
        buf[0] = '\0';
    else
        snprintf(buf, size, "%d", (int)v);
}

/* The coarse-date rule of the static map: the middle of its period. */
static int64_t colour_time(const im_incident *inc)
{
    if (inc->date_precision < IM_DATE_MONTH)
        return inc->time;
    int y, m, d;
    im_date_split(inc->time, &y, &m, &d);
    int64_t end = inc->date_precision == IM_DATE_YEAR ? im_date_make(y + 1, 1, 1)
                  : m == 12 ? im_date_make(y + 1, 1, 1) : im_date_make(y, m + 1, 1);
    return inc->time + (end - inc->time) / 2;
}

static int64_t floor_day(int64_t t)
{
    return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

/* The cluster a point stands in (NAN x), by its site; -1 when none. */
static long cluster_of(const im_capture *cap, const im_placed *p)
{
    if (!isnan(p->x))
        return -1;
    for (size_t k = 0; k < cap->n_clusters; k++)
        if (cap->clusters[k].sx == p->sx && cap->clusters[k].sy == p->sy)
            return (long)k;
    return -1;
}

/* The data attributes of incident p (index i in cap->pts). */
static bool put_data(FILE *fp, const im_style *st, const im_incidents *set, const im_placed *p,
                     size_t i, long cluster)
{
    im_incident inc;
    if (im_incidents_get(set, p->rec, &inc) != IM_OK)
        return false;
    char date[40], count[16], cas[16];
    date_text(&inc, date, sizeof date);
    int_text(inc.count, count, sizeof count);
    int_text(inc.casualties, cas, sizeof cas);
    bool ok = fprintf(fp, " data-i=\"%zu\" data-w=\"%d\" data-t=\"%lld\"", i, p->weapon,
                      (long long)floor_day(inc.time)) > 0;
    if (cluster >= 0)
        ok = ok && fprintf(fp, " data-c=\"%ld\"", cluster) > 0;
    ok = ok && fprintf(fp, " data-date=\"%s\" data-weapon=\"", date) > 0 &&
         put_esc(fp, st->weapons[p->weapon].label) && fputs("\" data-site=\"", fp) >= 0 &&
         put_esc(fp, inc.site) && fprintf(fp, "\" data-count=\"%s\" data-cas=\"%s\" data-src=\"",
                                          count, cas) > 0 &&
         put_esc(fp, inc.source) && fputs("\" data-id=\"", fp) >= 0 && put_esc(fp, inc.id) &&
         fputc('"', fp) != EOF;
    return ok;
}

/* The markers, as SVG elements in the page's user units (points). */
static bool put_markers(FILE *fp, im_context *ctx, const im_render_options *o,
                        const im_incidents *set, const im_capture *cap)
{
    const im_style *st = &ctx->style;
    double k = 1 / cap->pt; /* device units -> SVG user units (points) */
    im_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.st = st;
    sc.opts = o;
    sc.t_min = cap->t_min;
    sc.t_max = cap->t_max;
    im_view view;
    memset(&view, 0, sizeof view);
    view.pt = cap->pt, view.fw = cap->fw, view.fh = cap->fh;
    sc.view = &view;
    bool ok = fputs("\n<g id=\"im-markers\" aria-label=\"Incidents\">\n<defs>\n", fp) >= 0;
    for (int w = 0; ok && w < st->n_weapons; w++) {
        ok = fprintf(fp, "<path id=\"im-s%d\" d=\"", w) > 0 &&
             shape_path(fp, st->weapons[w].shape, st->marker_size) &&
             fputs("\"/>\n", fp) >= 0;
    }
    ok = ok && fputs("</defs>\n<g class=\"im-leaders\" stroke=\"#333\" stroke-opacity=\"0.55\" "
                     "stroke-width=\"0.5\" fill=\"none\">\n", fp) >= 0;
    for (size_t i = 0; ok && i < cap->n; i++) {
        const im_placed *p = &cap->pts[i];
        if (!isnan(p->x) && (p->x != p->sx || p->y != p->sy))
            ok = fprintf(fp, "<path id=\"im-l%zu\" d=\"M%.2f %.2fL%.2f %.2f\"/>\n", i, p->sx * k,
                         p->sy * k, p->x * k, p->y * k) > 0;
    }
    ok = ok && fputs("</g>\n", fp) >= 0;
    for (size_t i = 0; ok && i < cap->n; i++) {
        const im_placed *p = &cap->pts[i];
        im_incident inc;
        if (im_incidents_get(set, p->rec, &inc) != IM_OK)
            return false;
        long c = cluster_of(cap, p);
        char fill[8];
        hex_color(im_marker_color(&sc, p->weapon, colour_time(&inc)), fill);
        bool coarse = inc.date_precision >= IM_DATE_MONTH;
        double x = isnan(p->x) ? p->sx : p->x, y = isnan(p->x) ? p->sy : p->y;
        ok = fputs("<g class=\"im-m\"", fp) >= 0 && put_data(fp, st, set, p, i, c) &&
             fprintf(fp, " transform=\"translate(%.2f %.2f)\"", x * k, y * k) > 0;
        if (c >= 0) /* counted and shown by its cluster symbol */
            ok = ok && fputs(" style=\"display:none\"><use href=\"", fp) >= 0;
        else
            ok = ok && fputs(" tabindex=\"0\" role=\"button\" aria-label=\"", fp) >= 0 &&
                 put_esc(fp, inc.id) && fputs(", ", fp) >= 0 &&
                 put_esc(fp, st->weapons[p->weapon].label) && fputs(", ", fp) >= 0 &&
                 put_esc(fp, inc.site) && fputs("\"><use href=\"", fp) >= 0;
        ok = ok && fprintf(fp, "#im-s%d\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%.2f\"%s/>"
                           "</g>\n", p->weapon, fill, coarse ? "#1a1a1a" : "#ffffff",
                           coarse ? 0.6 : st->marker_stroke_width,
                           coarse ? " stroke-dasharray=\"1.2 0.9\"" : "") > 0;
    }
    for (size_t c = 0; ok && c < cap->n_clusters; c++) {
        const im_cluster *cl = &cap->clusters[c];
        double r = im_cluster_radius(&sc, cl->n) * k; /* as the static map's */
        const char *site = "";
        for (size_t i = 0; i < cap->n; i++)
            if (cluster_of(cap, &cap->pts[i]) == (long)c) {
                im_incident inc;
                if (im_incidents_get(set, cap->pts[i].rec, &inc) == IM_OK)
                    site = inc.site;
                break;
            }
        if (cl->x != cl->sx || cl->y != cl->sy)
            ok = fprintf(fp, "<path d=\"M%.2f %.2fL%.2f %.2f\" stroke=\"#333\" "
                         "stroke-width=\"0.6\"/>\n", cl->sx * k, cl->sy * k, cl->x * k,
                         cl->y * k) > 0;
        ok = ok && fprintf(fp, "<g class=\"im-cl\" data-c=\"%zu\" data-site=\"", c) > 0 &&
             put_esc(fp, site) &&
             fprintf(fp, "\" tabindex=\"0\" role=\"button\" aria-label=\"%zu incidents at ",
                     cl->n) > 0 &&
             put_esc(fp, site) &&
             fprintf(fp, "\" transform=\"translate(%.2f %.2f)\"><circle r=\"%.2f\" "
                     "fill=\"#fff\" stroke=\"#262626\" stroke-opacity=\"0.7\" "
                     "stroke-width=\"0.5\"/>", cl->x * k, cl->y * k, r) > 0;
        /* The ring split by weapon, as drawn by the static map (for the
         * whole selection; the count inside follows the filters). */
        double ring = fmax(2.2, r * 0.28), rm = r - ring / 2, a0 = -M_PI / 2;
        for (int w = 0; ok && w < st->n_weapons; w++) {
            if (!cl->counts[w])
                continue;
            double a1 = a0 + 2 * M_PI * (double)cl->counts[w] / (double)cl->n;
            char col[8];
            hex_color(st->weapons[w].color, col);
            if (cl->counts[w] == cl->n)
                ok = fprintf(fp, "<circle r=\"%.2f\" fill=\"none\" stroke=\"%s\" "
                             "stroke-width=\"%.2f\"/>", rm, col, ring) > 0;
            else
                ok = fprintf(fp, "<path d=\"M%.2f %.2fA%.2f %.2f 0 %d 1 %.2f %.2f\" fill=\"none\" "
                             "stroke=\"%s\" stroke-width=\"%.2f\"/>", rm * cos(a0), rm * sin(a0),
                             rm, rm, a1 - a0 > M_PI, rm * cos(a1), rm * sin(a1), col, ring) > 0;
            a0 = a1;
        }
        ok = ok && fprintf(fp, "<text class=\"im-cn\" text-anchor=\"middle\" dy=\"0.35em\" "
                           "font-size=\"%.1f\" font-weight=\"bold\" fill=\"#1a1a1a\">%zu</text>"
                           "</g>\n", st->body_size, cl->n) > 0;
    }
    return ok && fputs("</g>\n", fp) >= 0;
}

/* The legend's buttons: one per weapon type drawn, with its symbol. */
static bool put_legend(FILE *fp, const im_style *st, const im_capture *cap)
{
    size_t counts[IM_MAX_WEAPONS] = {0};
    for (size_t i = 0; i < cap->n; i++)
        counts[cap->pts[i].weapon]++;
    bool ok = fputs("<div class=\"im-legend\" role=\"group\" aria-label=\"Show or hide a type "
                    "of attack\">\n", fp) >= 0;
    for (int w = 0; ok && w < st->n_weapons; w++) {
        if (!counts[w])
            continue;
        char fill[8];
        hex_color(st->weapons[w].color, fill);
        ok = fprintf(fp, "<button type=\"button\" class=\"im-cat\" data-w=\"%d\" "
                     "aria-pressed=\"true\"><svg width=\"16\" height=\"16\" viewBox=\"-8 -8 16 16\" "
                     "aria-hidden=\"true\"><path fill=\"%s\" stroke=\"#fff\" d=\"", w, fill) > 0 &&
             shape_path(fp, st->weapons[w].shape, 11) && fputs("\"/></svg>", fp) >= 0 &&
             put_esc(fp, st->weapons[w].label) &&
             fprintf(fp, " (<span class=\"im-n\">%zu</span>)</button>\n", counts[w]) > 0;
    }
    return ok && fputs("</div>\n", fp) >= 0;
}

static int cmp_time(const void *a, const void *b)
{
    const im_placed *p = *(const im_placed *const *)a, *q = *(const im_placed *const *)b;
    if (p->time != q->time)
        return p->time < q->time ? -1 : 1;
    return p->rec < q->rec ? -1 : p->rec > q->rec;
}

/* The text alternative: every incident in date order, filtered like the map. */
static bool put_table(FILE *fp, const im_style *st, const im_incidents *set,
                      const im_capture *cap)
{
    const im_placed **order = im_malloc_array(cap->n ? cap->n : 1, sizeof *order);
    if (!order)
        return false;
    for (size_t i = 0; i < cap->n; i++)
        order[i] = &cap->pts[i];
    qsort(order, cap->n, sizeof *order, cmp_time);
    bool ok = fputs("<details><summary>The incidents as a table</summary>\n<table id=\"im-table\">"
                    "<caption>Incidents shown on the map</caption>\n<thead><tr><th scope=\"col\">"
                    "Date</th><th scope=\"col\">Weapon</th><th scope=\"col\">Site</th>"
                    "<th scope=\"col\">Count</th><th scope=\"col\">Casualties</th>"
                    "<th scope=\"col\">Source</th><th scope=\"col\">Id</th></tr></thead>\n<tbody>\n",
                    fp) >= 0;
    for (size_t j = 0; ok && j < cap->n; j++) {
        const im_placed *p = order[j];
        im_incident inc;
        if (im_incidents_get(set, p->rec, &inc) != IM_OK) {
            ok = false;
            break;
        }
        char date[40], count[16], cas[16];
        date_text(&inc, date, sizeof date);
        int_text(inc.count, count, sizeof count);
        int_text(inc.casualties, cas, sizeof cas);
        ok = fprintf(fp, "<tr data-w=\"%d\" data-t=\"%lld\"><td>%s</td><td>", p->weapon,
                     (long long)floor_day(inc.time), date) > 0 &&
             put_esc(fp, st->weapons[p->weapon].label) && fputs("</td><td>", fp) >= 0 &&
             put_esc(fp, inc.site) && fprintf(fp, "</td><td>%s</td><td>%s</td><td>", count,
                                              cas) > 0 &&
             put_esc(fp, inc.source) && fputs("</td><td>", fp) >= 0 && put_esc(fp, inc.id) &&
             fputs("</td></tr>\n", fp) >= 0;
    }
    free(order);
    return ok && fputs("</tbody></table></details>\n", fp) >= 0;
}

/* The script's hash for the Content-Security-Policy: base64 of SHA-256. */
static void script_hash_b64(char out[48])
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char dig[33] = {0};
    for (int i = 0; i < 32; i++) {
        unsigned v;
        sscanf(im_html_script_sha256 + 2 * i, "%2x", &v);
        dig[i] = (unsigned char)v;
    }
    int o = 0;
    for (int i = 0; i < 33; i += 3) {
        uint32_t v = (uint32_t)dig[i] << 16 | (uint32_t)dig[i + 1] << 8 | dig[i + 2];
        out[o++] = b64[v >> 18 & 63];
        out[o++] = b64[v >> 12 & 63];
        out[o++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
        out[o++] = i + 2 < 32 ? b64[v & 63] : '=';
    }
    out[o] = '\0';
}

static bool put_page(FILE *fp, im_context *ctx, const im_render_options *o,
                     const im_incidents *set, const im_capture *cap)
{
    const im_style *st = &ctx->style;
    char hash[48];
    script_hash_b64(hash);
    /* The map's SVG without its XML prolog, the markers before its end. */
    const char *svg = strstr(cap->svg.data, "<svg");
    const char *svg_end = svg ? strstr(svg, "</svg>") : NULL;
    const char *last;
    while (svg_end && (last = strstr(svg_end + 6, "</svg>")))
        svg_end = last;
    if (!svg || !svg_end)
        return false;
    const char *open_end = strchr(svg, '>');
    int64_t d0 = INT64_MAX, d1 = INT64_MIN;
    for (size_t i = 0; i < cap->n; i++) {
        int64_t d = floor_day(cap->pts[i].time);
        d0 = d < d0 ? d : d0;
        d1 = d > d1 ? d : d1;
    }
    if (!cap->n)
        d0 = d1 = floor_day(cap->t_min);
    bool ok = fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                      "img-src data:; style-src 'unsafe-inline'; script-src 'sha256-%s'; "
                      "base-uri 'none'; form-action 'none'\">\n<meta name=\"viewport\" "
                      "content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" "
                      "content=\"incmap %s\">\n<title>", hash, IM_VERSION_STRING) > 0 &&
              put_esc(fp, cap->title) &&
              fprintf(fp, "</title>\n<style>%s</style>\n</head>\n<body>\n<main>\n"
                      "<div id=\"im-map\" class=\"im-map\">\n", page_style) > 0;
    /* The root element gains focus (arrow keys pan) and a label. */
    ok = ok && fwrite(svg, 1, (size_t)(open_end - svg), fp) == (size_t)(open_end - svg) &&
         fputs(" tabindex=\"0\" role=\"group\" aria-label=\"Map (arrow keys pan, + and - zoom)\">",
               fp) >= 0;
    size_t body = (size_t)(svg_end - open_end - 1);
    ok = ok && fwrite(open_end + 1, 1, body, fp) == body && put_markers(fp, ctx, o, set, cap) &&
         fputs("</svg>\n<div id=\"im-tip\" role=\"tooltip\" hidden></div>\n<div class=\"im-zoom\">"
               "<button type=\"button\" id=\"im-zin\" aria-label=\"Zoom in\">+</button>"
               "<button type=\"button\" id=\"im-zout\" aria-label=\"Zoom out\">\u2212</button>"
               "<button type=\"button\" id=\"im-zreset\">Whole map</button></div>\n</div>\n"
               "<section class=\"im-controls\" aria-label=\"Filters\">\n", fp) >= 0 &&
         put_legend(fp, st, cap);
    char a[16], b[16];
    im_date_format(d0 * 86400, a, sizeof a);
    im_date_format(d1 * 86400, b, sizeof b);
    ok = ok && fprintf(fp, "<div class=\"im-time\"><label>From <input type=\"range\" id=\"im-from\" "
                       "min=\"%lld\" max=\"%lld\" step=\"1\" value=\"%lld\"> <output "
                       "id=\"im-from-out\">%s</output></label><label>To <input type=\"range\" "
                       "id=\"im-to\" min=\"%lld\" max=\"%lld\" step=\"1\" value=\"%lld\"> <output "
                       "id=\"im-to-out\">%s</output></label></div>\n<p id=\"im-count\" "
                       "aria-live=\"polite\">Showing %zu of %zu incidents</p>\n</section>\n",
                       (long long)d0, (long long)d1, (long long)d0, a, (long long)d0,
                       (long long)d1, (long long)d1, b, cap->n, cap->n) > 0 &&
         put_table(fp, st, set, cap) &&
         fprintf(fp, "</main>\n<script>%s</script>\n</body>\n</html>\n", (const char *)im_html_script) > 0;
    return ok;
}

im_status im_html_render(im_context *ctx, const im_incidents *set, const im_render_options *opts,
                         const char *path)
{
    if (!ctx || !set || !opts || !path)
        return im_fail_arg(ctx, __func__);
    if (opts->facet != IM_FACET_NONE)
        return im_fail(ctx, IM_ERR_ARG, "%s: an interactive map has one frame; --facet is for "
                       "PNG, SVG and PDF", path);
    if (opts->density == IM_DENSITY_HEX || opts->density == IM_DENSITY_GRID)
        return im_fail(ctx, IM_ERR_ARG, "%s: an interactive map draws a marker per incident; "
                       "--density is for PNG, SVG and PDF", path);
    if (opts->animate)
        return im_fail(ctx, IM_ERR_ARG, "%s: --animate writes .webp, not .html", path);
    im_render_options o;
    im_capture cap;
    im_layout_report rep;
    im_status st = im_capture_render(ctx, set, opts, path, IM_OUTPUT_SVG, &o, &cap, &rep);
    free(rep.boxes);
    if (st == IM_OK && cap.n > HTML_MAX_MARKERS)
        st = im_fail(ctx, IM_ERR_LIMIT, "%s: %zu incidents in the frame, more than the %d an "
                     "interactive map holds; narrow the selection (--from, --weapon, --bbox) "
                     "or write a PNG, SVG or PDF", path, cap.n, HTML_MAX_MARKERS);
    im_out out = {0};
    if (st == IM_OK && (st = im_out_open(ctx, path, &out)) == IM_OK) {
        if (!put_page(out.fp, ctx, &o, set, &cap))
            st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write the page", path);
        else
            st = im_out_commit(ctx, &out);
    }
    im_out_abort(&out);
    im_capture_clear(&cap);
    return st;
}
