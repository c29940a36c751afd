/* render.c - one map: select -> project -> place -> draw -> encode.
 * The same drawing code targets Cairo's image, SVG and PDF surfaces; only
 * the surface constructor and the encoder differ. */
#include "im_private.h"

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
    o->dpi = 200;
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
    return IM_OUTPUT_AUTO;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    FILE *fp = closure;
    return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* SVG is collected in memory: Cairo numbers its "surfaceN" ids from a
 * process-wide counter, so they are renumbered in order of appearance
 * before writing, and a render gives the same bytes in any process. */
typedef struct membuf {
    char *data;
    size_t len, cap;
    bool failed;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int len)
{
    membuf *m = closure;
    if (m->len + len + 1 > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (m->len + len + 1 > cap)
            cap *= 2;
        char *d = realloc(m->data, cap);
        if (!d) {
            m->failed = true;
            return CAIRO_STATUS_NO_MEMORY;
        }
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, len);
    m->len += len;
    m->data[m->len] = '\0';
    return CAIRO_STATUS_SUCCESS;
}

/* Round the coordinates in path data (d="...") to 0.1 pt in place: Cairo
 * writes six decimals, which only makes files larger. Returns the new length. */
static size_t svg_round_paths(char *buf, size_t len)
{
    size_t r = 0, w = 0;
    while (r < len) {
        if (r + 4 <= len && memcmp(buf + r, " d=\"", 4) == 0) {
            memmove(buf + w, buf + r, 4);
            w += 4;
            r += 4;
            while (r < len && buf[r] != '"') {
                char c = buf[r];
                if ((c >= '0' && c <= '9') || c == '-' || c == '.') {
                    char *end;
                    double v = strtod(buf + r, &end);
                    size_t used = (size_t)(end - (buf + r));
                    if (used == 0) { /* a lone '-' or '.' */
                        buf[w++] = buf[r++];
                        continue;
                    }
                    char num[48];
                    int n = snprintf(num, sizeof num, "%.1f", v);
                    if (n > 2 && num[n - 1] == '0' && num[n - 2] == '.')
                        n -= 2; /* "12.0" -> "12" */
                    if (n == 2 && strcmp(num, "-0") == 0)
                        num[0] = '0', n = 1;
                    if ((size_t)n <= used) { /* never grows: safe in place */
                        memcpy(buf + w, num, (size_t)n);
                        w += (size_t)n;
                    } else {
                        memmove(buf + w, buf + r, used);
                        w += used;
                    }
                    r += used;
                } else {
                    buf[w++] = buf[r++];
                }
            }
        } else {
            buf[w++] = buf[r++];
        }
    }
    return w;
}

static im_status write_svg_renumbered(im_context *ctx, membuf *m, FILE *fp, const char *path)
{
    m->len = svg_round_paths(m->data, m->len);
    m->data[m->len] = '\0';
    static const char key[] = "surface";
    unsigned long *from = NULL;
    size_t n_ids = 0, cap_ids = 0;
    const char *p = m->data, *end = m->data + m->len;
    im_status st = IM_OK;
    while (p < end) {
        const char *hit = strstr(p, key);
        if (!hit) {
            if (fwrite(p, 1, (size_t)(end - p), fp) != (size_t)(end - p))
                st = IM_ERR_IO_WRITE;
            break;
        }
        const char *num = hit + sizeof key - 1;
        size_t upto = (size_t)(num - p);
        if (fwrite(p, 1, upto, fp) != upto)
            st = IM_ERR_IO_WRITE;
        p = num;
        if (*num < '0' || *num > '9')
            continue;
        unsigned long id = strtoul(num, (char **)&p, 10), newid = 0;
        size_t k = 0;
        for (; k < n_ids; k++)
            if (from[k] == id)
                break;
        if (k == n_ids) {
            if (n_ids == cap_ids) {
                cap_ids = cap_ids ? cap_ids * 2 : 64;
                unsigned long *f = im_realloc_array(from, cap_ids, sizeof *f);
                if (!f) {
                    free(from);
                    return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                }
                from = f;
            }
            from[n_ids++] = id;
        }
        newid = (unsigned long)k + 1;
        if (fprintf(fp, "%lu", newid) < 0)
            st = IM_ERR_IO_WRITE;
        /* A reference to a stamp placed by a pure translation: write it as
         * x/y attributes at 0.01 pt, the same geometry in fewer bytes. */
        static const char tr[] = "\" transform=\"matrix(1,0,0,1,";
        if (hit > m->data && hit[-1] == '#' && strncmp(p, tr, sizeof tr - 1) == 0) {
            char *e1, *e2;
            double tx = strtod(p + sizeof tr - 1, &e1);
            if (*e1 == ',') {
                double ty = strtod(e1 + 1, &e2);
                if (e2[0] == ')' && e2[1] == '"') {
                    if (fprintf(fp, "\" x=\"%.2f\" y=\"%.2f", tx, ty) < 0)
                        st = IM_ERR_IO_WRITE;
                    p = e2 + 1; /* the closing quote is copied with what follows */
                }
            }
        }
    }
    free(from);
    if (st != IM_OK)
        return im_fail(ctx, st, "%s: cannot write the output", path);
    return IM_OK;
}

/* ---- select ---------------------------------------------------------- */

static im_status select_records(im_context *ctx, const im_incidents *set,
                                const im_render_options *o, size_t **out, size_t *n_out,
                                int *style_weapon)
{
    bool keep_weapon[IM_MAX_WEAPONS];
    for (int w = 0; w < IM_MAX_WEAPONS; w++)
        keep_weapon[w] = o->weapons == NULL || o->n_weapons == 0;
    for (size_t i = 0; i < o->n_weapons && o->weapons; i++) {
        int w = im_style_weapon_lookup(&ctx->style, o->weapons[i]);
        if (w < 0)
            return im_fail(ctx, IM_ERR_ARG, "--weapon: unknown type \"%.60s\"", o->weapons[i]);
        keep_weapon[w] = true;
    }
    /* The set's weapon names map to the style's indices. */
    for (int k = 0; k < set->n_weapons; k++) {
        int w = im_style_weapon_lookup(&ctx->style, set->weapon_names[k]);
        style_weapon[k] = w >= 0 ? w : ctx->style.other;
    }
    size_t *idx = im_malloc_array(set->n ? set->n : 1, sizeof *idx);
    if (!idx)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < set->n; i++) {
        const im_rec *r = &set->recs[i];
        if (o->has_from && r->time < o->from)
            continue;
        if (o->has_to && r->time > o->to)
            continue;
        if (!keep_weapon[style_weapon[r->weapon]])
            continue;
        idx[n++] = i;
    }
    *out = idx;
    *n_out = n;
    return IM_OK;
}

/* The extent fitted to the incidents, padded so markers clear the frame. */
static im_status fit_bbox(im_context *ctx, const im_incidents *set, const size_t *idx, size_t n,
                          double bbox[4])
{
    double w = HUGE_VAL, s = HUGE_VAL, e = -HUGE_VAL, no = -HUGE_VAL;
    for (size_t k = 0; k < n; k++) {
        const im_rec *r = &set->recs[idx ? idx[k] : k];
        w = fmin(w, r->lon); e = fmax(e, r->lon);
        s = fmin(s, r->lat); no = fmax(no, r->lat);
    }
    if (!(e >= w))
        return im_fail(ctx, IM_ERR_EXTENT,
                       "no incidents to fit the map to; give the extent with --bbox W,S,E,N");
    double cx = (w + e) / 2, cy = (s + no) / 2;
    double hw = fmax((e - w) / 2 * 1.25, 1.5), hh = fmax((no - s) / 2 * 1.25, 1.2);
    bbox[0] = fmax(cx - hw, -180); bbox[2] = fmin(cx + hw, 180);
    bbox[1] = fmax(cy - hh, -85);  bbox[3] = fmin(cy + hh, 85);
    return IM_OK;
}

/* ---- furniture: title block and footer ------------------------------- */

typedef struct page_text {
    char title[512], subtitle[512], footer1[1024], footer2[512];
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
    } else {
        snprintf(buf, size, "Projection: polar stereographic");
    }
    free(fitted);
}

/* ---- the render -------------------------------------------------------- */

/* ---- georeferencing sidecars ------------------------------------------- */

/* Text with &, < and > escaped for XML; caller frees. */
static char *xml_escape(const char *text)
{
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == '&' ? 5 : (*p == '<' || *p == '>') ? 4 : 1;
    char *out = malloc(n), *o = out;
    if (!out)
        return NULL;
    for (const char *p = text; *p; p++) {
        const char *rep = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : NULL;
        if (rep) {
            memcpy(o, rep, strlen(rep));
            o += strlen(rep);
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* Beside a PNG: NAME.pgw (the world file: pixel size, rotation terms and
 * the map coordinates of the top-left pixel's centre), NAME.prj (the CRS as
 * ESRI WKT, for tools that read it) and NAME.png.aux.xml (GDAL's sidecar
 * with the CRS, which GDAL and QGIS read for PNGs). */
static im_status write_georef(im_context *ctx, const im_view *view, const char *path)
{
    double x0, y0;
    im_view_dev_to_map(view, 0.5, 0.5, &x0, &y0);
    char wld[512];
    snprintf(wld, sizeof wld, "%.12g\n0\n0\n%.12g\n%.12f\n%.12f\n", 1 / view->scale,
             -1 / view->scale, x0, y0);
    size_t n = strlen(path);
    char *side = malloc(n + 16);
    if (!side)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    const char *dot = strrchr(path, '.');
    size_t stem = dot && !strchr(dot, '/') ? (size_t)(dot - path) : n;
    snprintf(side, n + 16, "%.*s.pgw", (int)stem, path);
    im_status st = im_out_write_text(ctx, side, wld);
    const char *opts_wkt[] = {"MULTILINE=NO", NULL};
    if (st == IM_OK) {
        const char *wkt = proj_as_wkt(ctx->pj, view->crs, PJ_WKT1_ESRI, opts_wkt);
        if (!wkt)
            wkt = proj_as_wkt(ctx->pj, view->crs, PJ_WKT1_GDAL, opts_wkt);
        if (!wkt)
            wkt = proj_as_wkt(ctx->pj, view->crs, PJ_WKT2_2019, opts_wkt);
        snprintf(side, n + 16, "%.*s.prj", (int)stem, path);
        if (!wkt) {
            st = im_fail(ctx, IM_ERR_CRS, "%s: PROJ cannot express the CRS as WKT", side);
        } else {
            size_t wl = strlen(wkt);
            char *t = malloc(wl + 2);
            if (!t) {
                st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            } else {
                snprintf(t, wl + 2, "%s\n", wkt);
                st = im_out_write_text(ctx, side, t);
                free(t);
            }
        }
    }
    if (st == IM_OK) {
        const char *wkt = proj_as_wkt(ctx->pj, view->crs, PJ_WKT2_2019, opts_wkt);
        if (!wkt)
            wkt = proj_as_wkt(ctx->pj, view->crs, PJ_WKT1_GDAL, opts_wkt);
        char *esc = wkt ? xml_escape(wkt) : NULL;
        size_t len = esc ? strlen(esc) + 160 : 0;
        char *xml = esc ? malloc(len) : NULL;
        snprintf(side, n + 16, "%s.aux.xml", path);
        if (!wkt) {
            st = im_fail(ctx, IM_ERR_CRS, "%s: PROJ cannot express the CRS as WKT", side);
        } else if (!xml) {
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        } else {
            snprintf(xml, len,
                     "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">%s</SRS>\n"
                     "</PAMDataset>\n", esc);
            st = im_out_write_text(ctx, side, xml);
        }
        free(xml);
        free(esc);
    }
    free(side);
    return st;
}

/* ---- one map frame ------------------------------------------------------ */

enum {
    PANEL_FURNITURE = 1, /* north arrow and scale bar */
    PANEL_LEGEND = 2,
    PANEL_INSET = 4,
    PANEL_GRATICULE = 8  /* lines and labels */
};

/* Project, place and draw the incidents idx[0..n) into sc->view's frame.
 * sc carries the context, style, options, set, cairo context and date
 * scale; its points, clusters and boxes are filled here (and appended to
 * when sc->pts already holds points of earlier panels: the caller resets
 * what must not carry over). */
static im_status panel_draw(im_scene *sc, const im_basemap *bm, const size_t *idx, size_t n,
                            const int *style_weapon, unsigned what, im_layout_report *report)
{
    im_context *ctx = sc->ctx;
    const im_view *view = sc->view;
    const im_incidents *set = sc->set;
    const im_render_options *o = sc->opts;
    cairo_t *cr = sc->cr;
    double pt = view->pt;
    im_status st = IM_OK;
    double *xs = im_malloc_array(n ? n : 1, sizeof *xs);
    double *ys = im_malloc_array(n ? n : 1, sizeof *ys);
    im_placed *pts = im_realloc_array(sc->pts, sc->n + n + 1, sizeof *pts);
    if (!xs || !ys || !pts) {
        free(xs);
        free(ys);
        if (pts)
            sc->pts = pts;
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    sc->pts = pts;
    for (size_t k = 0; k < n; k++) {
        xs[k] = set->recs[idx[k]].lon;
        ys[k] = set->recs[idx[k]].lat;
    }
    im_view_project(ctx, view, xs, sizeof *xs, ys, sizeof *ys, n);
    size_t outside = 0;
    for (size_t k = 0; k < n; k++) {
        const im_rec *r = &set->recs[idx[k]];
        if (!isfinite(xs[k]) || xs[k] < view->fx || xs[k] > view->fx + view->fw ||
            ys[k] < view->fy || ys[k] > view->fy + view->fh) {
            outside++;
            continue;
        }
        im_placed *p = &sc->pts[sc->n++];
        p->x = p->sx = xs[k];
        p->y = p->sy = ys[k];
        p->weapon = style_weapon[r->weapon];
        p->time = r->time;
        p->rec = idx[k];
        sc->weapon_counts[p->weapon]++;
    }
    free(xs);
    free(ys);
    if (outside)
        im_log(ctx, IM_LOG_WARNING, "%zu of %zu selected incidents lie outside the map extent "
               "and are not drawn", outside, n);
    int dmode = o->density == IM_DENSITY_HEX || o->density == IM_DENSITY_GRID ? (int)o->density
                : o->density == IM_DENSITY_AUTO && sc->n > IM_DENSITY_AUTO_FROM ? IM_DENSITY_HEX
                                                                            : 0;
    if (dmode && o->density == IM_DENSITY_AUTO)
        im_log(ctx, IM_LOG_WARNING, "%zu incidents in the frame: drawn as density (hexagons "
               "coloured by count); use --density none for one marker each", sc->n);
    if (dmode) {
        if ((st = im_density_build(sc, dmode)) != IM_OK)
            return st;
    } else if ((st = im_markers_dodge(sc)) != IM_OK) {
        return st;
    }
    double msize = sc->st->marker_size * pt;
    /* Past this many markers they cover the map: labels cannot avoid
     * them, so they go on top (with halos) and the boxes are not kept. */
    bool keep_marker_boxes = !dmode && sc->n <= 20000;
    for (size_t i = 0; keep_marker_boxes && i < sc->n + sc->n_clusters; i++) {
        double x, y, r;
        if (i < sc->n) {
            x = sc->pts[i].x, y = sc->pts[i].y, r = msize * 0.7;
            if (isnan(x))
                continue; /* stands in a cluster */
        } else {
            const im_cluster *c = &sc->clusters[i - sc->n];
            x = c->x, y = c->y, r = im_cluster_radius(sc, c->n);
        }
        im_box b = {x - r, y - r, x + r, y + r};
        if (im_boxes_add(&sc->occupied, b) != IM_OK)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    sc->n_marker_boxes = sc->occupied.n;

    cairo_save(cr);
    cairo_rectangle(cr, view->fx, view->fy, view->fw, view->fh);
    cairo_clip(cr);
    im_rgba bg = im_basemap_background(bm);
    double ext[4];
    if (im_basemap_extent(bm, ext)) {
        /* Outside the basemap's data: a flat grey, so that it does not pass
         * for sea; inside, the background traced along the extent's edges. */
        cairo_set_source_rgb(cr, 0.90, 0.90, 0.89);
        cairo_paint(cr);
        enum { E = 64 };
        double ex[4 * E], ey[4 * E];
        im_bbox_ring(ext, E, ex, ey);
        im_view_project(ctx, view, ex, sizeof(double), ey, sizeof(double), 4 * E);
        bool pen = false;
        for (int i = 0; i < 4 * E; i++) {
            if (!isfinite(ex[i]))
                continue;
            if (pen)
                cairo_line_to(cr, ex[i], ey[i]);
            else
                cairo_move_to(cr, ex[i], ey[i]);
            pen = true;
        }
        cairo_close_path(cr);
        cairo_set_source_rgba(cr, bg.r, bg.g, bg.b, bg.a);
        cairo_fill(cr);
    } else {
        cairo_set_source_rgba(cr, bg.r, bg.g, bg.b, bg.a);
        cairo_paint(cr);
    }
    if ((st = im_basemap_draw(ctx, bm, cr, view)) != IM_OK)
        goto out;
    if (what & PANEL_GRATICULE)
        im_graticule_draw(sc);
    if (sc->density) {
        im_density_draw(sc);
    } else {
        im_uncertainty_draw(sc);
        im_markers_draw(sc);
    }
    if ((what & PANEL_FURNITURE) && (st = im_furniture_draw(sc)) != IM_OK)
        goto out;
    if ((what & PANEL_LEGEND) && !(o->hide & IM_HIDE_LEGEND) && (st = im_legend_draw(sc)) != IM_OK)
        goto out;
    if ((what & PANEL_INSET) && (st = im_inset_draw(sc, bm)) != IM_OK)
        goto out;
    size_t furniture_end = sc->occupied.n;
    if (!(o->hide & IM_HIDE_SITE_LABELS) && (st = im_site_labels_draw(sc)) != IM_OK)
        goto out;
    if (o->labels != IM_LABELS_NONE &&
        (st = im_basemap_draw_labels(ctx, bm, cr, view, sc->st, o->labels, &sc->occupied)) !=
            IM_OK)
        goto out;
    if (o->labels != IM_LABELS_NONE &&
        (st = im_names_draw(ctx, bm, cr, view, sc->st, o->labels, IM_NAMES_MAP, &sc->occupied,
                            NULL)) != IM_OK)
        goto out;
    if (report && !report->boxes) {
        report->boxes = im_malloc_array(sc->occupied.n ? sc->occupied.n : 1, sizeof(im_box));
        if (!report->boxes) {
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            goto out;
        }
        memcpy(report->boxes, sc->occupied.v, sc->occupied.n * sizeof(im_box));
        report->n = sc->occupied.n;
        report->markers_end = sc->n_marker_boxes;
        report->furniture_end = furniture_end;
    }
out:
    cairo_restore(cr);
    if (st != IM_OK)
        return st;
    if (what & PANEL_GRATICULE)
        im_graticule_labels(sc);
    cairo_rectangle(cr, view->fx, view->fy, view->fw, view->fh);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_set_line_width(cr, 0.6 * pt);
    cairo_stroke(cr);
    if (report)
        report->panels++;
    return IM_OK;
}

/* ---- small multiples -------------------------------------------------- */

#define MAX_FACETS 36

static long facet_key(const im_scene *sc, const im_rec *r, const int *style_weapon)
{
    int y, m, d;
    im_date_split(r->time, &y, &m, &d);
    switch (sc->opts->facet) {
    case IM_FACET_MONTH: return (long)y * 12 + (m - 1);
    case IM_FACET_QUARTER: return (long)y * 4 + (m - 1) / 3;
    case IM_FACET_YEAR: return y;
    default: return style_weapon[r->weapon];
    }
}

static void facet_label(const im_scene *sc, long key, char *buf, size_t size)
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    switch (sc->opts->facet) {
    case IM_FACET_MONTH: snprintf(buf, size, "%s %ld", mon[key % 12], key / 12); break;
    case IM_FACET_QUARTER: snprintf(buf, size, "Q%ld %ld", key % 4 + 1, key / 4); break;
    case IM_FACET_YEAR: snprintf(buf, size, "%ld", key); break;
    default: snprintf(buf, size, "%s", sc->st->weapons[key].label); break;
    }
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return x < y ? -1 : x > y;
}

/* A grid of panels in the rectangle (x, y, w, h); the legend in a column on
 * the right. *view0 gets the first panel's view (the caller frees it). On
 * return sc->pts holds the points of every panel (for the title and the
 * timeline). */
static im_status facets_draw(im_scene *sc, const im_basemap *bm, const double bbox[4],
                             const size_t *idx, size_t n, const int *style_weapon, double x,
                             double y, double w, double h, im_view *view0,
                             im_layout_report *report)
{
    im_context *ctx = sc->ctx;
    const im_render_options *o = sc->opts;
    double pt = view0->pt;
    long keys[MAX_FACETS + 1];
    size_t nk = 0;
    for (size_t k = 0; k < n; k++) {
        long key = facet_key(sc, &sc->set->recs[idx[k]], style_weapon);
        bool seen = false;
        for (size_t j = 0; j < nk && !seen; j++)
            seen = keys[j] == key;
        if (!seen) {
            if (nk == MAX_FACETS)
                return im_fail(ctx, IM_ERR_ARG, "--facet gives more than %d panels; narrow the "
                               "time window or choose a coarser facet", MAX_FACETS);
            keys[nk++] = key;
        }
    }
    if (nk == 0)
        return im_fail(ctx, IM_ERR_ARG, "--facet: no incidents in the selection to split");
    qsort(keys, nk, sizeof keys[0], cmp_long);

    /* The grid that gives the panels the largest common scale. */
    double legend_w = o->hide & IM_HIDE_LEGEND ? 0 : 150 * pt;
    double gap = 8 * pt, title_h = sc->st->body_size * pt * 1.6;
    double gw = w - (legend_w ? legend_w + gap : 0);
    im_view probe;
    im_status st = im_view_init(ctx, &probe, o->crs, bbox, 0, 0, 1000, 1000, pt);
    if (st != IM_OK)
        return st;
    double aspect = probe.fw / probe.fh; /* frame filled: use the bbox's own aspect */
    {
        double xs2[2] = {bbox[0], bbox[2]}, ys2[2] = {bbox[1], bbox[3]};
        im_view_project(ctx, &probe, xs2, sizeof(double), ys2, sizeof(double), 2);
        if (isfinite(xs2[0]) && isfinite(xs2[1]) && fabs(ys2[1] - ys2[0]) > 1)
            aspect = fabs(xs2[1] - xs2[0]) / fabs(ys2[1] - ys2[0]);
    }
    im_view_clear(&probe);
    size_t best_cols = 1;
    double best = 0;
    for (size_t cols = 1; cols <= nk; cols++) {
        size_t rows = (nk + cols - 1) / cols;
        double pw = (gw - (double)(cols - 1) * gap) / (double)cols;
        double ph = (h - (double)rows * title_h - (double)(rows - 1) * gap) / (double)rows;
        double size = fmin(pw, ph * aspect);
        if (pw > 20 * pt && ph > 20 * pt && size > best) {
            best = size;
            best_cols = cols;
        }
    }
    size_t cols = best_cols, rows = (nk + cols - 1) / cols;
    double pw = (gw - (double)(cols - 1) * gap) / (double)cols;
    double ph = (h - (double)rows * title_h - (double)(rows - 1) * gap) / (double)rows;

    size_t *sub = im_malloc_array(n ? n : 1, sizeof *sub);
    im_placed *all = NULL;
    size_t n_all = 0;
    size_t counts[IM_MAX_WEAPONS] = {0};
    bool dodged = false, clustered = false, uncertain = false, coarse = false;
    if (!sub)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    im_text_style ts = {NULL, sc->st->body_size, true, false, {0.1, 0.1, 0.1, 1}, 0,
                        {0, 0, 0, 0}};
    for (size_t p = 0; p < nk && st == IM_OK; p++) {
        size_t ns = 0;
        for (size_t k = 0; k < n; k++)
            if (facet_key(sc, &sc->set->recs[idx[k]], style_weapon) == keys[p])
                sub[ns++] = idx[k];
        double px = x + (double)(p % cols) * (pw + gap);
        double py = y + (double)(p / cols) * (ph + title_h + gap) + title_h;
        im_view pv;
        if ((st = im_view_init(ctx, &pv, o->crs, bbox, px, py, pw, ph, pt)) != IM_OK)
            break;
        /* a fresh scene per panel, sharing the date scale */
        im_scene ps = *sc;
        ps.view = &pv;
        ps.pts = NULL;
        ps.n = 0;
        ps.clusters = NULL;
        ps.n_clusters = 0;
        ps.n_sites_dodged = 0;
        ps.cells = NULL;
        ps.cell_max = 0;
        ps.density = 0;
        memset(&ps.occupied, 0, sizeof ps.occupied);
        memset(ps.weapon_counts, 0, sizeof ps.weapon_counts);
        memset(ps.corner_used, 0, sizeof ps.corner_used);
        st = panel_draw(&ps, bm, sub, ns, style_weapon, p == 0 ? PANEL_FURNITURE : 0,
                        report && p == 0 ? report : NULL);
        if (report && p > 0)
            report->panels++;
        char lab[96], full[128];
        facet_label(sc, keys[p], lab, sizeof lab);
        snprintf(full, sizeof full, "%s \u00b7 %zu", lab, ps.n);
        im_text_draw(sc->cr, &pv, sc->st, &ts, full, px, py - title_h + 1 * pt);
        if (st == IM_OK && ps.n) {
            im_placed *grown = im_realloc_array(all, n_all + ps.n, sizeof *grown);
            if (!grown) {
                st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            } else {
                all = grown;
                memcpy(all + n_all, ps.pts, ps.n * sizeof *all);
                n_all += ps.n;
            }
        }
        for (int k = 0; k < IM_MAX_WEAPONS; k++)
            counts[k] += ps.weapon_counts[k];
        dodged |= ps.n_sites_dodged > 0;
        clustered |= ps.clustered;
        uncertain |= ps.uncertainty;
        coarse |= ps.coarse_dates;
        if (p == 0)
            *view0 = pv; /* kept for the caller: freed by it */
        else
            im_view_clear(&pv);
        im_boxes_free(&ps.occupied);
        free(ps.pts);
        free(ps.clusters);
        free(ps.cells);
    }
    free(sub);
    if (st != IM_OK) {
        free(all);
        return st;
    }
    /* The shared legend, right of the grid, for everything drawn. */
    free(sc->pts);
    sc->pts = all;
    sc->n = n_all;
    memcpy(sc->weapon_counts, counts, sizeof counts);
    sc->n_sites_dodged = dodged;
    sc->clustered = clustered;
    sc->uncertainty = uncertain;
    sc->coarse_dates = coarse;
    sc->view = view0;
    if (legend_w) {
        sc->legend_fixed = true;
        sc->legend_x = x + w - legend_w;
        sc->legend_y = y + title_h;
        st = im_legend_draw(sc);
    }
    return st;
}

im_status im_render(im_context *ctx, const im_incidents *set, const im_render_options *opts,
                    const char *path, im_output_format format)
{
    return im_render_ex(ctx, set, opts, path, format, NULL);
}

im_status im_render_ex(im_context *ctx, const im_incidents *set, const im_render_options *opts,
                       const char *path, im_output_format format, im_layout_report *report)
{
    if (!ctx || !set || !opts || !path)
        return IM_ERR_ARG;
    const im_render_options *o = opts;
    if (format == IM_OUTPUT_AUTO)
        format = im_output_format_from_path(path);
    if (format == IM_OUTPUT_AUTO)
        return im_fail(ctx, IM_ERR_ARG,
                       "%s: cannot tell the format from the extension; use .png, .svg or .pdf "
                       "(or --format)", path);
    if (o->width < 64 || o->height < 64 || (uint32_t)o->width > ctx->limits.max_image_side ||
        (uint32_t)o->height > ctx->limits.max_image_side ||
        (uint64_t)o->width * (uint64_t)o->height > ctx->limits.max_image_pixels)
        return im_fail(ctx, IM_ERR_ARG, "--size %dx%d: each side must be 64 to %u pixels",
                       o->width, o->height, (unsigned)ctx->limits.max_image_side);
    if (!(o->dpi >= 10 && o->dpi <= 2400))
        return im_fail(ctx, IM_ERR_ARG, "--dpi %g: must be between 10 and 2400", o->dpi);
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
    membuf svg = {NULL, 0, 0, false};

    if ((st = select_records(ctx, set, o, &idx, &nsel, style_weapon)) != IM_OK)
        goto done;
    double bbox[4];
    if (o->has_bbox) {
        memcpy(bbox, o->bbox, sizeof bbox);
    } else if ((st = fit_bbox(ctx, set, nsel ? idx : NULL, nsel ? nsel : set->n, bbox)) != IM_OK) {
        goto done;
    }

    /* The basemap: given, or the bundled one when it is installed. */
    const char *bspec = o->basemap;
    if (!bspec) {
        char probe[4096];
        struct stat sb;
        snprintf(probe, sizeof probe, "%s/middle-east/manifest.json", ctx->basemap_dir);
        bspec = stat(probe, &sb) == 0 ? "middle-east" : "none";
        if (bspec[0] == 'n')
            im_log(ctx, IM_LOG_WARNING, "the bundled basemap is not installed at %s; drawing "
                   "without one", ctx->basemap_dir);
    }
    if ((st = im_basemap_open(ctx, bspec, &bm)) != IM_OK)
        goto done;
    for (size_t i = 0; i < o->n_layers; i++)
        if ((st = im_basemap_add_layer(ctx, bm, o->layers[i])) != IM_OK)
            goto done;

    /* Surfaces: pixels for PNG; points (1/72 in) for SVG and PDF, so the
     * physical size is the same in every format. */
    double pt = format == IM_OUTPUT_PNG ? o->dpi / 72.0 : 1.0;
    double page_w = format == IM_OUTPUT_PNG ? o->width : o->width * 72.0 / o->dpi;
    double page_h = format == IM_OUTPUT_PNG ? o->height : o->height * 72.0 / o->dpi;

    /* Check the CRS and extent before creating any file. */
    if ((st = im_view_init(ctx, &view, o->crs, bbox, 0, 0, page_w, page_h, pt)) != IM_OK)
        goto done;
    im_view_clear(&view);

    if ((st = im_out_open(ctx, path, &out)) != IM_OK)
        goto done;
    if (format == IM_OUTPUT_PNG) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, o->width, o->height);
    } else if (format == IM_OUTPUT_SVG) {
        surface = cairo_svg_surface_create_for_stream(write_mem, &svg, page_w, page_h);
        cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
    } else {
        surface = cairo_pdf_surface_create_for_stream(write_stream, out.fp, page_w, page_h);
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
                                       "incmap " IM_VERSION_STRING);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                       o->title ? o->title
                                       : im_incidents_title(set) ? im_incidents_title(set)
                                                                 : "incmap map");
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
     * from what is drawn once the incidents are projected (its one-line
     * height is measured now). Dates are written in words. */
    const char *title = o->title ? o->title : im_incidents_title(set);
    snprintf(pg.title, sizeof pg.title, "%s", title ? title : "0 incidents");
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
    im_text_style t_title = {NULL, sty->title_size, true, false, {0.08, 0.08, 0.08, 1}, 0, {0, 0, 0, 0}};
    im_text_style t_sub = {NULL, sty->subtitle_size, false, false, {0.3, 0.3, 0.3, 1}, 0, {0, 0, 0, 0}};
    im_text_style t_foot = {NULL, sty->small_size, false, false, {0.35, 0.35, 0.35, 1}, 0, {0, 0, 0, 0}};
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
    const char *attribution = im_basemap_attribution(bm);
    if (o->source && attribution)
        snprintf(pg.footer1, sizeof pg.footer1, "Source: %s \u00b7 Basemap: %s", o->source,
                 attribution);
    else if (o->source)
        snprintf(pg.footer1, sizeof pg.footer1, "Source: %s", o->source);
    else if (attribution)
        snprintf(pg.footer1, sizeof pg.footer1, "Basemap: %s", attribution);
    if (pg.footer1[0] && !im_text_measure(cr, &view, sty, &t_foot, pg.footer1, &fw1, &fh1)) {
        st = im_fail(ctx, IM_ERR_ARG, "--source: not valid UTF-8 text");
        goto done;
    }
    double top = m + th + (sh > 0 ? 2 * pt + sh : 0) + 8 * pt;
    double bottom = page_h - m - (fh1 > 0 ? fh1 + 2 * pt : 0) - 10 * pt - 6 * pt;
    double left = m, right = page_w - m;
    bool graticule = !(o->hide & IM_HIDE_GRATICULE) && o->facet == IM_FACET_NONE;
    double grat_bottom = 0;
    if (graticule) {
        double gl;
        im_graticule_margins(sty, pt, &gl, &grat_bottom);
        left += gl;
        bottom -= grat_bottom;
    }
    double tl_h = o->timeline ? im_timeline_height(sty, pt) : 0;
    if (o->timeline)
        bottom -= tl_h + 6 * pt;
    if ((st = im_view_init(ctx, &view, o->crs, bbox, left, top, right - left, bottom - top,
                           pt)) != IM_OK)
        goto done;
    describe_crs(&view, o->crs, pg.footer2, sizeof pg.footer2);
    size_t len2 = strlen(pg.footer2);
    snprintf(pg.footer2 + len2, sizeof pg.footer2 - len2, " \u00b7 Map made with incmap %s",
             IM_VERSION_STRING);
    im_text_measure(cr, &view, sty, &t_foot, pg.footer2, &fw2, &fh2);

    /* ---- project, place and draw: one frame, or a grid of facets ---- */
    sc.ctx = ctx;
    sc.st = sty;
    sc.opts = o;
    sc.set = set;
    sc.cr = cr;
    sc.page_w = page_w;
    sc.page_h = page_h;
    sc.margin = m;
    sc.t_min = o->has_from ? o->from : (nsel ? dmin : 0);
    sc.t_max = o->has_to ? o->to : (nsel ? dmax : 0);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    if (o->facet == IM_FACET_NONE) {
        sc.view = &view;
        unsigned what = PANEL_FURNITURE | PANEL_LEGEND | PANEL_INSET |
                        (graticule ? PANEL_GRATICULE : 0);
        if ((st = panel_draw(&sc, bm, idx, nsel, style_weapon, what, report)) != IM_OK)
            goto done;
    } else {
        im_view_clear(&view);
        if ((st = facets_draw(&sc, bm, bbox, idx, nsel, style_weapon, left, top, right - left,
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
        char range[192] = "";
        if (sc.n && !im_date_range_human(tmin, tmax, o->locale, range, sizeof range))
            im_log(ctx, IM_LOG_WARNING, "locale \"%s\" is not installed: months in English",
                   o->locale);
        static const char *const by[] = {"", ", by month", ", by quarter", ", by year",
                                         ", by weapon"};
        char count[32];
        im_format_count(sc.n, count, sizeof count);
        char *out = auto_sub ? pg.subtitle : pg.title;
        size_t size = auto_sub ? sizeof pg.subtitle : sizeof pg.title;
        if (sc.n == 0)
            snprintf(out, size, "No incidents in the selection");
        else
            snprintf(out, size, "%s incident%s, %s%s", count, sc.n == 1 ? "" : "s", range,
                     by[o->facet]);
    }

    im_text_draw(cr, &view, sty, &t_title, pg.title, m, m);
    if (pg.subtitle[0])
        im_text_draw(cr, &view, sty, &t_sub, pg.subtitle, m, m + th + 2 * pt);
    double fy = bottom + grat_bottom + 5 * pt;
    if (o->timeline) {
        if ((st = im_timeline_draw(&sc, left, fy, right - left, tl_h)) != IM_OK)
            goto done;
        fy += tl_h + 6 * pt;
    }
    if (pg.footer1[0]) {
        im_text_draw(cr, &view, sty, &t_foot, pg.footer1, m, fy);
        fy += fh1 + 2 * pt;
    }
    im_text_draw(cr, &view, sty, &t_foot, pg.footer2, m, fy);

    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = im_fail(ctx, IM_ERR_RENDER, "%s: drawing failed: %s", path,
                     cairo_status_to_string(cairo_status(cr)));
        goto done;
    }
    cairo_destroy(cr);
    cr = NULL;

    /* ---- encode ---- */
    if (format == IM_OUTPUT_PNG) {
        const im_png_text text[] = {
            {"Title", pg.title},
            {"Description", pg.subtitle},
            {"Source", o->source},
            {"Copyright", attribution},
            {"Software", "incmap " IM_VERSION_STRING},
        };
        st = im_png_write(ctx, surface, out.fp, o->dpi, o->png_level, text,
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
        if (format == IM_OUTPUT_SVG && (st = write_svg_renumbered(ctx, &svg, out.fp, path)))
            goto done;
    }
    cairo_surface_destroy(surface);
    surface = NULL;
    if ((st = im_out_commit(ctx, &out)) != IM_OK)
        goto done;

    if (o->world_file && format == IM_OUTPUT_PNG)
        st = write_georef(ctx, &view, path);

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
    im_view_clear(&view);
    im_boxes_free(&sc.occupied);
    free(sc.clusters);
    free(sc.cells);
    free(sc.pts);
    free(idx);
    im_basemap_free(bm);
    return st;
}
