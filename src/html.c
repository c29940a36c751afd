/* html.c - the interactive map: one self-contained HTML page holding the
 * map's SVG (the same drawing as -o map.svg, without its markers), the
 * markers as SVG elements at the positions the layout placed them, each
 * with its incident's fields as data attributes, the legend as toggle
 * buttons, a time range, zoom and pan, and a table of the incidents for
 * screen readers. The script is src/html_script.js, compiled in; the
 * Content-Security-Policy allows it by its hash and forbids any network
 * access. Every text from the input is escaped (im_xml_escape). */
#include "layout.h"

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
    ".im-m:focus>*,.im-m:hover>*,.im-cl:focus>circle:first-child,.im-cl:hover>circle:first-child"
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
    "td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}"
    ".im-legend,.im-size{display:flex;flex-wrap:wrap;gap:6px;align-items:center}"
    ".im-lh{font-weight:bold}"
    ".im-size svg{vertical-align:middle}.im-size text{fill:currentColor}"
    ".im-note svg{vertical-align:middle;margin-right:3px}";

/* The page under --theme (or a style's theme): its ground, text, panels and
 * lines in the colours the static map's page, text, legend panel and ink
 * take (im_theme_or, im_theme_text), so the page around the map matches
 * it. Nothing for the light look, whose colours page_style has. */
static bool put_theme_style(FILE *fp, const im_style *st)
{
    const im_theme *th = &st->theme;
    bool any = false;
    for (int r = 0; r < IM_TH_COUNT; r++)
        any = any || th->has[r];
    if (!any)
        return true;
    im_rgba text = {0.1, 0.1, 0.1, 1}, soft = {0.53, 0.53, 0.53, 1};
    im_theme_text(th, &text, NULL);
    im_theme_text(th, &soft, NULL);
    char paper[10], panel[10], ink[10], fg[10], line[10];
    im_color_hex(im_theme_or(th, IM_TH_PAPER, (im_rgba){1, 1, 1, 1}), paper, sizeof paper);
    im_color_hex(im_theme_or(th, IM_TH_PANEL, (im_rgba){1, 1, 1, 1}), panel, sizeof panel);
    im_color_hex(im_theme_or(th, IM_TH_INK, (im_rgba){0.2, 0.2, 0.2, 1}), ink, sizeof ink);
    im_color_hex(text, fg, sizeof fg);
    im_color_hex(soft, line, sizeof line);
    return fprintf(fp, "<style>body{background:%s;color:%s}.im-map{border-color:%s}"
                   ".im-zoom button,.im-cat{background:%s;color:%s;border-color:%s}"
                   "#im-tip{background:%s;color:%s;border-color:%s}td,th{border-color:%s}"
                   "input[type=range]{accent-color:%s}"
                   ".im-cat:focus-visible,.im-zoom button:focus-visible,input:focus-visible"
                   "{outline-color:%s}</style>\n", paper, fg, line, panel, fg, line, panel, fg,
                   ink, line, ink, ink) > 0;
}

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

/* The symbology attributes of a marker or table row: its category's
 * legend key and label (--color-by FIELD), and the value it is sized by. */
static bool put_sym_data(FILE *fp, const im_scene *sc, const im_placed *p)
{
    bool ok = true;
    if (sc->n_cats > 0 && p->cat >= 0)
        ok = fprintf(fp, " data-k=\"%d\" data-cat=\"", p->cat) > 0 &&
             put_esc(fp, im_category_label(sc, p->cat)) && fputc('"', fp) != EOF;
    double v = im_symbology_value(sc, p);
    if (ok && sc->size_src != IM_SIZE_BY_NONE)
        ok = isnan(v) ? fputs(" data-v=\"\"", fp) >= 0 : fprintf(fp, " data-v=\"%g\"", v) > 0;
    return ok;
}

/* The data attributes of incident p (index i in cap->pts). */
static bool put_data(FILE *fp, const im_scene *sc, const im_incidents *set, const im_placed *p,
                     size_t i, long cluster)
{
    const im_style *st = sc->st;
    im_incident inc;
    if (im_incidents_get(set, p->rec, &inc) != IM_OK)
        return false;
    char date[40], count[16], cas[16];
    date_text(&inc, date, sizeof date);
    int_text(inc.count, count, sizeof count);
    int_text(inc.casualties, cas, sizeof cas);
    bool ok = fprintf(fp, " data-i=\"%zu\" data-w=\"%d\" data-t=\"%lld\"", i, p->weapon,
                      (long long)floor_day(inc.time)) > 0 && put_sym_data(fp, sc, p);
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

/* The scene html.c draws from: the captured render's view, date scale and
 * symbology (sizes and categories as the static map's, im_symbology_copy). */
static void scene_of(im_scene *sc, im_view *view, im_context *ctx, const im_render_options *o,
                     const im_incidents *set, const im_capture *cap)
{
    memset(view, 0, sizeof *view);
    view->pt = cap->pt, view->fx = cap->fx, view->fy = cap->fy;
    view->fw = cap->fw, view->fh = cap->fh;
    memset(sc, 0, sizeof *sc);
    sc->ctx = ctx;
    sc->st = &ctx->style;
    sc->opts = o;
    sc->set = set;
    sc->view = view;
    sc->t_min = cap->t_min;
    sc->t_max = cap->t_max;
    im_symbology_copy(sc, &cap->sym);
}

/* Sized symbols are drawn largest first so that small ones stay visible,
 * then oldest first (the static map's order, symbol.c). */
typedef struct draw_key { double size; int64_t time; size_t rec, i; } draw_key;
static int cmp_draw(const void *a, const void *b)
{
    const draw_key *p = a, *q = b;
    if (p->size != q->size)
        return p->size > q->size ? -1 : 1;
    if (p->time != q->time)
        return p->time < q->time ? -1 : 1;
    return p->rec < q->rec ? -1 : p->rec > q->rec;
}

/* One marker's symbol at (0, 0) in user units (points): the weapon's shape
 * at the style's size (a <use> of its definition) or at its --size-by
 * size; a zero or unknown value as an outline (the static map's
 * stamp_hollow). fill is the colour im_point_color() gives. */
static bool put_symbol(FILE *fp, const im_scene *sc, const im_placed *p, double k, im_rgba fill,
                       bool coarse)
{
    const im_style *st = sc->st;
    char col[10], edge[10];
    im_color_hex(fill, col, sizeof col);
    im_color_hex(st->marker_stroke, edge, sizeof edge);
    double ea = st->marker_stroke.a;
    if (p->size > 0 && p->sclass != IM_SIZE_VALUE) {
        bool unknown = p->sclass == IM_SIZE_UNKNOWN;
        bool ok = fputs("<path d=\"", fp) >= 0 &&
                  shape_path(fp, st->weapons[p->weapon].shape, p->size * k) &&
                  fprintf(fp, "\" fill=\"none\" stroke=\"%s\" stroke-opacity=\"%.2f\" "
                          "stroke-width=\"2.4\"/><path d=\"", edge, ea * 0.8) > 0 &&
                  shape_path(fp, st->weapons[p->weapon].shape, p->size * k);
        return ok && fprintf(fp, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\"%s/>",
                             unknown ? "#595959" : col,
                             unknown ? " stroke-dasharray=\"1.1 0.8\"" : "") > 0;
    }
    bool ok;
    if (p->size > 0)
        ok = fputs("<path d=\"", fp) >= 0 &&
             shape_path(fp, st->weapons[p->weapon].shape, p->size * k) && fputc('"', fp) != EOF;
    else
        ok = fprintf(fp, "<use href=\"#im-s%d\"", p->weapon) > 0;
    return ok && fprintf(fp, " fill=\"%s\" stroke=\"%s\"%s stroke-width=\"%.2f\"%s/>", col,
                         coarse ? "#1a1a1a" : edge, ea < 1 && !coarse ? " stroke-opacity=\"0.9\"" : "",
                         coarse ? 0.6 : st->marker_stroke_width,
                         coarse ? " stroke-dasharray=\"1.2 0.9\"" : "") > 0;
}

/* The uncertainty rings under every marker, as the static map draws them
 * (faint fill, dashed edge in the weapon's colour; one fill where markers
 * share a ring), each named after its marker so the filters hide both. */
static bool put_rings(FILE *fp, const im_style *st, const im_capture *cap, double k)
{
    if (!cap->ring_at)
        return true;
    bool ok = fputs("<g class=\"im-rings\" pointer-events=\"none\" stroke-width=\"0.6\" "
                    "stroke-dasharray=\"2.5 1.8\" stroke-opacity=\"0.75\">\n", fp) >= 0;
    const double *last = NULL;
    for (size_t i = 0; ok && i < cap->n; i++) {
        if (cap->ring_at[i] == SIZE_MAX)
            continue;
        const double *xy = cap->ring_xy + 2 * IM_RING_N * cap->ring_at[i];
        bool same = last && memcmp(last, xy, 2 * IM_RING_N * sizeof *xy) == 0;
        last = xy;
        char col[10];
        im_color_hex(st->weapons[cap->pts[i].weapon].color, col, sizeof col);
        ok = fprintf(fp, "<path id=\"im-u%zu\" stroke=\"%s\" fill=\"%s\" fill-opacity=\"%s\" d=\"",
                     i, col, col, same ? "0" : "0.08") > 0;
        bool pen = false;
        for (int j = 0; ok && j < IM_RING_N; j++) {
            if (!isfinite(xy[2 * j]) || !isfinite(xy[2 * j + 1]))
                continue;
            ok = fprintf(fp, "%c%.2f %.2f", pen ? 'L' : 'M', xy[2 * j] * k,
                         xy[2 * j + 1] * k) > 0;
            pen = true;
        }
        ok = ok && fputs("Z\"/>\n", fp) >= 0;
    }
    return ok && fputs("</g>\n", fp) >= 0;
}

/* The markers, as SVG elements in the page's user units (points). */
static bool put_markers(FILE *fp, im_context *ctx, const im_render_options *o,
                        const im_incidents *set, const im_capture *cap)
{
    const im_style *st = &ctx->style;
    double k = 1 / cap->pt; /* device units -> SVG user units (points) */
    im_scene sc;
    im_view view;
    scene_of(&sc, &view, ctx, o, set, cap);
    bool ok = fputs("\n<g id=\"im-markers\" aria-label=\"Incidents\"", fp) >= 0;
    if (sc.n_cats > 0) {
        char title[64];
        im_field_title(o->color_field, title, sizeof title);
        ok = ok && fputs(" data-cat-title=\"", fp) >= 0 && put_esc(fp, title) &&
             fputc('"', fp) != EOF;
    }
    if (sc.size_src != IM_SIZE_BY_NONE)
        ok = ok && fputs(" data-size-title=\"", fp) >= 0 && put_esc(fp, sc.size_title) &&
             fputc('"', fp) != EOF;
    ok = ok && fputs(">\n<defs>\n", fp) >= 0;
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
    ok = ok && fputs("</g>\n", fp) >= 0 && put_rings(fp, st, cap, k);
    draw_key *order = im_malloc_array(cap->n ? cap->n : 1, sizeof *order);
    if (!order)
        return false;
    for (size_t j = 0; j < cap->n; j++)
        order[j] = (draw_key){cap->pts[j].size, cap->pts[j].time, cap->pts[j].rec, j};
    if (sc.size_src != IM_SIZE_BY_NONE)
        qsort(order, cap->n, sizeof *order, cmp_draw);
    for (size_t j = 0; ok && j < cap->n; j++) {
        size_t i = order[j].i;
        const im_placed *p = &cap->pts[i];
        im_incident inc;
        if (im_incidents_get(set, p->rec, &inc) != IM_OK) {
            ok = false;
            break;
        }
        long c = cluster_of(cap, p);
        im_rgba fill = im_point_color(&sc, p, colour_time(&inc));
        char fhex[10];
        im_color_hex(fill, fhex, sizeof fhex);
        bool coarse = inc.date_precision >= IM_DATE_MONTH;
        double x = isnan(p->x) ? p->sx : p->x, y = isnan(p->x) ? p->sy : p->y;
        ok = fputs("<g class=\"im-m\"", fp) >= 0 && put_data(fp, &sc, set, p, i, c) &&
             fprintf(fp, " data-fill=\"%s\" data-size=\"%.2f\" transform=\"translate(%.2f %.2f)\"",
                     fhex, p->size > 0 ? p->size * k : st->marker_size, x * k, y * k) > 0;
        if (c >= 0) /* counted and shown by its cluster symbol */
            ok = ok && fputs(" style=\"display:none\">", fp) >= 0;
        else
            ok = ok && fputs(" tabindex=\"0\" role=\"button\" aria-label=\"", fp) >= 0 &&
                 put_esc(fp, inc.id) && fputs(", ", fp) >= 0 &&
                 put_esc(fp, st->weapons[p->weapon].label) && fputs(", ", fp) >= 0 &&
                 put_esc(fp, inc.site) && fputs("\">", fp) >= 0;
        ok = ok && put_symbol(fp, &sc, p, k, fill, coarse) && fputs("</g>\n", fp) >= 0;
    }
    free(order);
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
        /* The ring split by weapon, or by category with --color-by FIELD,
         * as drawn by the static map (for the whole selection; the count
         * inside follows the filters). */
        double ring = fmax(2.2, r * 0.28), rm = r - ring / 2, a0 = -M_PI / 2;
        int n_parts = sc.n_cats ? sc.n_cats : st->n_weapons;
        for (int w = 0; ok && w < n_parts; w++) {
            if (!cl->counts[w])
                continue;
            double a1 = a0 + 2 * M_PI * (double)cl->counts[w] / (double)cl->n;
            char col[10];
            im_color_hex(sc.n_cats ? sc.cat_color[w] : st->weapons[w].color, col, sizeof col);
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

/* A legend button with a symbol: a weapon's (key "w") or a category's ("k"). */
static bool put_button(FILE *fp, const char *key, int value, im_shape shape, im_rgba fill,
                       const char *edge, const char *label, size_t count)
{
    char col[10];
    im_color_hex(fill, col, sizeof col);
    return fprintf(fp, "<button type=\"button\" class=\"im-cat\" data-%s=\"%d\" data-fill=\"%s\" "
                   "aria-pressed=\"true\"><svg width=\"16\" height=\"16\" viewBox=\"-8 -8 16 16\" "
                   "aria-hidden=\"true\"><path fill=\"%s\" stroke=\"%s\" d=\"", key, value, col,
                   col, edge) > 0 &&
           shape_path(fp, shape, 11) && fputs("\"/></svg>", fp) >= 0 && put_esc(fp, label) &&
           fprintf(fp, " (<span class=\"im-n\">%zu</span>)</button>\n", count) > 0;
}

/* The size key of --size-by: the static legend's nested circles (the same
 * round values, im_size_legend_values(), at the same diameters in points,
 * scaled by the script with the map) and its zero and unknown rows. */
static bool put_size_key(FILE *fp, const im_scene *sc, double k)
{
    double v[4], d[4];
    int n = im_size_legend_values(sc, v);
    char lab[4][32];
    double lw = 0;
    for (int i = 0; i < n; i++) {
        d[i] = im_size_diameter(sc, v[i]) * k;
        im_size_step_label(v[i], lab[i], sizeof lab[i]);
        lw = fmax(lw, 0.62 * sc->st->small_size * (double)strlen(lab[i]));
    }
    /* the static legend's greys as the theme draws them */
    im_rgba cf = {0.45, 0.45, 0.45, 1}, cl = {0.25, 0.25, 0.25, 1}, cn = {0.35, 0.35, 0.35, 1};
    im_theme_text(&sc->st->theme, &cf, NULL);
    im_theme_text(&sc->st->theme, &cl, NULL);
    im_theme_text(&sc->st->theme, &cn, NULL);
    char fill[10], line[10], note[10];
    im_color_hex(cf, fill, sizeof fill);
    im_color_hex(cl, line, sizeof line);
    im_color_hex(cn, note, sizeof note);
    bool ok = fputs("<div class=\"im-size\" role=\"group\" aria-label=\"", fp) >= 0 &&
              put_esc(fp, sc->size_title) && fputs("\"><span class=\"im-lh\">", fp) >= 0 &&
              put_esc(fp, sc->size_title) && fputs("</span>", fp) >= 0;
    if (ok && n > 0) {
        double fs = sc->st->small_size, gap = 3, lab_x = d[0] + 3 * gap;
        double w = lab_x + lw + 2, h = fmax(d[0], n * fs * 1.25) + 2;
        double top = fs * 0.7; /* room for the first label, centred on the top */
        ok = fprintf(fp, "<svg class=\"im-size-svg\" viewBox=\"-1 %.2f %.2f %.2f\" width=\"%.2f\" "
                     "height=\"%.2f\" role=\"img\" aria-label=\"circles for", -top, w, h + top,
                     w, h + top) > 0;
        for (int i = 0; ok && i < n; i++)
            ok = fprintf(fp, "%s %s", i ? "," : "", lab[i]) > 0;
        ok = ok && fputs("\">", fp) >= 0;
        double base = h - 2, last = -1e9;
        for (int i = 0; ok && i < n; i++) {
            double r = d[i] / 2, top = base - d[i], ly = fmax(top, last + fs * 1.1);
            ok = fprintf(fp, "<circle class=\"im-step\" data-v=\"%g\" data-d=\"%.2f\" cx=\"%.2f\" "
                         "cy=\"%.2f\" r=\"%.2f\" fill=\"%s\" fill-opacity=\"0.18\" "
                         "stroke=\"%s\" stroke-width=\"0.6\"/><path d=\"M%.2f %.2fL%.2f "
                         "%.2f\" stroke=\"%s\" stroke-width=\"0.4\"/><text x=\"%.2f\" "
                         "y=\"%.2f\" font-size=\"%.1f\" dominant-baseline=\"middle\">%s</text>",
                         v[i], d[i], d[0] / 2, base - r, r, fill, line, d[0] / 2, top,
                         lab_x - gap / 2, ly, line, lab_x, ly, fs, lab[i]) > 0;
            last = ly;
        }
        ok = ok && fputs("</svg>", fp) >= 0;
    }
    for (int j = 0; ok && j < 2; j++) {
        if (!(j == 0 ? sc->size_zero : sc->size_unknown))
            continue;
        ok = fprintf(fp, "<span class=\"im-note\" data-role=\"%s\"><svg width=\"14\" height=\"14\" "
                     "viewBox=\"-7 -7 14 14\" aria-hidden=\"true\"><circle r=\"5\" fill=\"none\" "
                     "stroke=\"%s\" stroke-width=\"1.5\"%s/></svg>%s</span>",
                     j == 0 ? "size-zero" : "size-unknown", note,
                     j == 1 ? " stroke-dasharray=\"2 1.5\"" : "", im_size_notes[j]) > 0;
    }
    return ok && fputs("</div>\n", fp) >= 0;
}

/* The legend's buttons, the classes of the static legend: one per category
 * with --color-by FIELD (its colour, label and count), one per weapon type
 * drawn (its shape; grey when colour means a field, and then only when
 * there are several, as in the static legend); then the size key. */
static bool put_legend(FILE *fp, im_context *ctx, const im_render_options *o,
                       const im_incidents *set, const im_capture *cap)
{
    im_scene sc;
    im_view view;
    scene_of(&sc, &view, ctx, o, set, cap);
    const im_style *st = sc.st;
    size_t counts[IM_MAX_WEAPONS] = {0};
    int n_types = 0;
    for (size_t i = 0; i < cap->n; i++)
        counts[cap->pts[i].weapon]++;
    for (int w = 0; w < st->n_weapons; w++)
        n_types += counts[w] > 0;
    char edge[10] = "#ffffff";
    im_rgba ink = {0.15, 0.15, 0.15, 1};
    if (im_theme_color(&st->theme, IM_TH_INK, &ink))
        im_color_hex(ink, edge, sizeof edge);
    bool ok = fputs("<div class=\"im-legend\" role=\"group\" aria-label=\"Show or hide a "
                    "category\">\n", fp) >= 0;
    if (sc.n_cats > 0) {
        char title[64];
        im_field_title(o->color_field, title, sizeof title);
        ok = ok && fputs("<span class=\"im-lh\">", fp) >= 0 && put_esc(fp, title) &&
             fputs("</span>\n", fp) >= 0;
        for (int c = 0; ok && c < sc.n_cats; c++)
            ok = put_button(fp, "k", c, IM_SHAPE_CIRCLE, sc.cat_color[c], edge,
                            im_category_label(&sc, c), sc.cat_count[c]);
        if (ok && n_types > 1)
            ok = fputs("<span class=\"im-lh\">", fp) >= 0 &&
                 put_esc(fp, set->category_title[0] ? set->category_title : "Attack type") &&
                 fputs(" (shape)</span>\n", fp) >= 0;
    }
    im_rgba grey = {0.35, 0.35, 0.35, 1};
    im_theme_text(&st->theme, &grey, NULL);
    for (int w = 0; ok && w < st->n_weapons && (sc.n_cats == 0 || n_types > 1); w++)
        if (counts[w])
            ok = put_button(fp, "w", w, st->weapons[w].shape,
                            sc.n_cats > 0 ? grey : st->weapons[w].color, "#ffffff",
                            st->weapons[w].label, counts[w]);
    ok = ok && fputs("</div>\n", fp) >= 0;
    if (ok && sc.size_src != IM_SIZE_BY_NONE)
        ok = put_size_key(fp, &sc, 1 / cap->pt);
    return ok;
}

static int cmp_time(const void *a, const void *b)
{
    const im_placed *p = *(const im_placed *const *)a, *q = *(const im_placed *const *)b;
    if (p->time != q->time)
        return p->time < q->time ? -1 : 1;
    return p->rec < q->rec ? -1 : p->rec > q->rec;
}

/* The text alternative: every incident in date order, filtered like the map. */
static bool put_table(FILE *fp, im_context *ctx, const im_render_options *o,
                      const im_incidents *set, const im_capture *cap)
{
    im_scene sc;
    im_view view;
    scene_of(&sc, &view, ctx, o, set, cap);
    const im_style *st = sc.st;
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
        ok = fprintf(fp, "<tr data-w=\"%d\" data-t=\"%lld\"", p->weapon,
                     (long long)floor_day(inc.time)) > 0 && put_sym_data(fp, &sc, p) &&
             fprintf(fp, "><td>%s</td><td>", date) > 0 &&
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
    char hash[48];
    script_hash_b64(hash);
    /* the theme's name as an attribute: letters, digits, '-' and '_' only */
    char theme_name[32];
    size_t tn = 0;
    for (const char *c = ctx->style.theme.name; *c && tn + 1 < sizeof theme_name; c++)
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            *c == '-' || *c == '_')
            theme_name[tn++] = *c;
    theme_name[tn] = '\0';
    if (!tn)
        snprintf(theme_name, sizeof theme_name, "light");
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
    bool ok = fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\" data-theme=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                      "img-src data:; style-src 'unsafe-inline'; script-src 'sha256-%s'; "
                      "base-uri 'none'; form-action 'none'\">\n<meta name=\"viewport\" "
                      "content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" "
                      "content=\"incmap %s\">\n<title>", theme_name, hash, IM_VERSION_STRING) > 0 &&
              put_esc(fp, cap->title) &&
              fprintf(fp, "</title>\n<style>%s</style>\n", page_style) > 0 &&
              put_theme_style(fp, &ctx->style) &&
              fputs("</head>\n<body>\n<main>\n<div id=\"im-map\" class=\"im-map\">\n", fp) >= 0;
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
         put_legend(fp, ctx, o, set, cap);
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
         put_table(fp, ctx, o, set, cap) &&
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
