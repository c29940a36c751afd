/* svg_text.c - real <text> and named groups in SVG output.
 *
 * Cairo's SVG surface writes every glyph as an outline, so a map's words
 * could not be selected, searched, translated or read aloud. Here text
 * drawn on an SVG surface that carries a sink is not drawn as glyphs:
 * im_text_draw() hands its laid-out lines to im_svg_sink_text(), which
 * keeps them as a <text> element and fills a tiny rectangle in a colour
 * that numbers it (a mark). Named groups are marks too, filled with the
 * clip reset so that Cairo closes its clip groups first and the marks sit
 * at the top level of the drawing. After Cairo has written the document,
 * im_svg_sink_splice() replaces every mark's <path> by its XML: each text
 * keeps its place in the drawing order and under its clip, and groups
 * nest. Without a sink (PNG, PDF, --svg-text paths) nothing changes. */
#include "svg_text.h"

#include <math.h>
#include <stdarg.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

/* The opacity that tells a mark from a drawing; its colour (24 bits) is
 * the item's number plus one. Cairo writes it as "0.0123". */
#define MARK_ALPHA 0.0123
#define MARK_ALPHA_TEXT "fill-opacity:0.0123;"

struct im_svg_sink {
    char **item; /* XML spliced in place of mark k */
    size_t n, cap;
    bool failed;
    struct group_id { char *id; int uses; } *ids; /* for unique ids */
    size_t n_ids;
    int depth; /* groups open */
    int stamps; /* ids given to stamped markers (im_svg_sink_next_id) */
};

static const cairo_user_data_key_t sink_key;

im_svg_sink *im_svg_sink_new(void)
{
    return calloc(1, sizeof(im_svg_sink));
}

void im_svg_sink_free(im_svg_sink *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->n; i++)
        free(k->item[i]);
    free(k->item);
    for (size_t i = 0; i < k->n_ids; i++)
        free(k->ids[i].id);
    free(k->ids);
    free(k);
}

bool im_svg_sink_attach(cairo_surface_t *surface, im_svg_sink *k)
{
    return cairo_surface_set_user_data(surface, &sink_key, k, NULL) == CAIRO_STATUS_SUCCESS;
}

im_svg_sink *im_svg_sink_of(cairo_t *cr)
{
    return cr ? cairo_surface_get_user_data(cairo_get_target(cr), &sink_key) : NULL;
}

/* Keep xml (owned from now on) as the next item; its mark's number, or
 * SIZE_MAX when out of memory (then the sink is marked failed). */
static size_t sink_push(im_svg_sink *k, char *xml)
{
    if (!xml || k->n >= 0xfffffe) {
        free(xml);
        k->failed = true;
        return SIZE_MAX;
    }
    if (k->n == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        char **v = im_realloc_array(k->item, cap, sizeof *v);
        if (!v) {
            free(xml);
            k->failed = true;
            return SIZE_MAX;
        }
        k->item = v;
        k->cap = cap;
    }
    k->item[k->n] = xml;
    return k->n++;
}

static void fill_mark(cairo_t *cr, size_t k, double x0, double y0, double x1, double y1)
{
    unsigned long v = (unsigned long)k + 1;
    cairo_new_path(cr);
    cairo_rectangle(cr, x0, y0, fmax(x1 - x0, 1e-3), fmax(y1 - y0, 1e-3));
    cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
    cairo_set_source_rgba(cr, (double)((v >> 16) & 255) / 255, (double)((v >> 8) & 255) / 255,
                          (double)(v & 255) / 255, MARK_ALPHA);
    cairo_fill(cr);
}

/* A mark at the top level of the drawing: clip reset, device space. */
static void top_mark(cairo_t *cr, size_t k)
{
    cairo_save(cr);
    cairo_reset_clip(cr);
    cairo_identity_matrix(cr);
    fill_mark(cr, k, 0, 0, 1, 1);
    cairo_restore(cr);
}

void im_svg_group_begin(cairo_t *cr, const char *id)
{
    im_svg_sink *k = im_svg_sink_of(cr);
    if (!k || k->failed)
        return;
    /* The first group of a name gets it; later ones (facet panels) a
     * number: ids stay unique, class keeps the name. */
    int uses = 0;
    size_t i = 0;
    for (; i < k->n_ids; i++)
        if (strcmp(k->ids[i].id, id) == 0)
            break;
    if (i == k->n_ids) {
        struct group_id *v = im_realloc_array(k->ids, k->n_ids + 1, sizeof *v);
        char *dup = strdup(id);
        if (!v || !dup) {
            free(dup);
            if (v)
                k->ids = v;
            k->failed = true;
            return;
        }
        k->ids = v;
        k->ids[k->n_ids++] = (struct group_id){dup, 0};
    }
    uses = ++k->ids[i].uses;
    char buf[160];
    if (uses == 1)
        snprintf(buf, sizeof buf, "<g id=\"%s\" class=\"%s\">", id, id);
    else
        snprintf(buf, sizeof buf, "<g id=\"%s-%d\" class=\"%s\">", id, uses, id);
    size_t m = sink_push(k, strdup(buf));
    if (m == SIZE_MAX)
        return;
    k->depth++;
    top_mark(cr, m);
}

void im_svg_group_end(cairo_t *cr)
{
    im_svg_sink *k = im_svg_sink_of(cr);
    if (!k || k->failed || k->depth == 0)
        return;
    size_t m = sink_push(k, strdup("</g>"));
    if (m == SIZE_MAX)
        return;
    k->depth--;
    top_mark(cr, m);
}

int im_svg_sink_next_id(im_svg_sink *k)
{
    return ++k->stamps;
}

bool im_svg_sink_raw(cairo_t *cr, char *xml, double x0, double y0, double x1, double y1)
{
    im_svg_sink *k = im_svg_sink_of(cr);
    if (!k) {
        free(xml);
        return false;
    }
    size_t m = sink_push(k, xml);
    if (m == SIZE_MAX)
        return false;
    cairo_save(cr);
    fill_mark(cr, m, x0, y0, x1, y1);
    cairo_restore(cr);
    return true;
}

/* ---- text ---------------------------------------------------------------- */

/* Text is built in an im_membuf (surface.c's growing buffer). */
typedef im_membuf sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
    if (!b->failed && n > 0)
        im_write_mem(b, (const unsigned char *)s, (unsigned)n);
}

static void sb_str(sbuf *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf)
        b->failed = true;
    else
        sb_put(b, buf, (size_t)n);
}

static void sb_escaped(sbuf *b, const char *s, size_t n)
{
    char *tmp = strndup(s, n);
    char *esc = tmp ? im_xml_escape(tmp) : NULL;
    if (esc)
        sb_str(b, esc);
    else
        b->failed = true;
    free(esc);
    free(tmp);
}

/* A number for an attribute: two decimals, no trailing zeros. */
static void sb_num(sbuf *b, double v)
{
    char num[48];
    int n = snprintf(num, sizeof num, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
    while (n > 0 && num[n - 1] == '0')
        n--;
    if (n > 0 && num[n - 1] == '.')
        n--;
    sb_put(b, num, (size_t)n);
}

static int byte255(double v)
{
    return (int)lround(fmin(1, fmax(0, v)) * 255);
}

/* The style's Pango family list as a CSS font-family list, each name
 * quoted, ending in sans-serif. */
static void sb_families(sbuf *b, const char *families)
{
    const char *p = families && *families ? families : "sans-serif";
    bool generic = false;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *e = p;
        while (*e && *e != ',')
            e++;
        const char *t = e;
        while (t > p && t[-1] == ' ')
            t--;
        if (t > p) {
            size_t n = (size_t)(t - p);
            generic |= (n == 10 && strncmp(p, "sans-serif", n) == 0) ||
                       (n == 5 && strncmp(p, "serif", n) == 0) ||
                       (n == 9 && strncmp(p, "monospace", n) == 0);
            sb_str(b, b->data && b->data[b->len - 1] != '"' ? ", " : "");
            if (!generic)
                sb_str(b, "'");
            sb_escaped(b, p, n);
            if (!generic)
                sb_str(b, "'");
        }
        p = e;
    }
    if (!generic)
        sb_str(b, ", sans-serif");
}

/* Is c a tracking space (thin or hair space, as names.c puts between the
 * letters of country and sea names)? */
static bool tracking_at(const char *s, size_t i, size_t end)
{
    return i + 3 <= end && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
           ((unsigned char)s[i + 2] == 0x89 || (unsigned char)s[i + 2] == 0x8a);
}

/* Keep the laid-out text as a <text> element (one <tspan> per line when it
 * wraps) and fill its mark over the logical box. x, y: where the layout's
 * origin is drawn (user space); true when the text was taken. */
bool im_svg_sink_text(cairo_t *cr, PangoLayout *layout, const char *family, double size,
                      bool bold, bool italic, im_rgba color, double halo_w, im_rgba halo,
                      double x, double y)
{
    im_svg_sink *k = im_svg_sink_of(cr);
    if (!k)
        return false;
    if (k->failed)
        return true; /* reported once the drawing is done */
    cairo_matrix_t M;
    cairo_get_matrix(cr, &M);
    /* A uniform scale is folded into the numbers, so sizes read as
     * points; a rotation (a river's name along its line) stays as the
     * element's translate() rotate(); anything else as a matrix(). */
    double s = sqrt(fabs(M.xx * M.yy - M.xy * M.yx));
    bool similar = fabs(M.xx - M.yy) < 1e-9 * s && fabs(M.xy + M.yx) < 1e-9 * s && s > 0;
    bool plain = similar && fabs(M.yx) < 1e-12 * s && M.xx > 0;
    if (!similar)
        s = 1;
#define TX(px, py) (plain ? (px) * s + M.x0 : similar ? (px) * s : (px))
#define TY(px, py) (plain ? (py) * s + M.y0 : similar ? (py) * s : (py))
    const char *text = pango_layout_get_text(layout);
    sbuf b = {0};
    sb_str(&b, "<text");
    if (similar && !plain) {
        sb_str(&b, " transform=\"translate(");
        sb_num(&b, M.x0);
        sb_str(&b, ",");
        sb_num(&b, M.y0);
        sb_str(&b, ") rotate(");
        sb_num(&b, atan2(M.yx, M.xx) * 180 / M_PI);
        sb_str(&b, ")\"");
    } else if (!similar) {
        sb_str(&b, " transform=\"matrix(");
        double m6[6] = {M.xx, M.yx, M.xy, M.yy, M.x0, M.y0};
        for (int i = 0; i < 6; i++) {
            if (i)
                sb_str(&b, ",");
            char num[48];
            snprintf(num, sizeof num, "%.6g", m6[i]);
            sb_str(&b, num);
        }
        sb_str(&b, ")\"");
    }
    sb_str(&b, " font-family=\"");
    sb_families(&b, family);
    sb_str(&b, "\" font-size=\"");
    sb_num(&b, size * s);
    sb_str(&b, "\"");
    if (bold)
        sb_str(&b, " font-weight=\"bold\"");
    if (italic)
        sb_str(&b, " font-style=\"italic\"");
    sb_printf(&b, " fill=\"rgb(%d,%d,%d)\"", byte255(color.r), byte255(color.g),
              byte255(color.b));
    if (color.a < 1) {
        sb_str(&b, " fill-opacity=\"");
        sb_num(&b, color.a);
        sb_str(&b, "\"");
    }
    if (halo_w > 0 && halo.a > 0) {
        /* The halo under the fill: the stroke painted first. */
        sb_printf(&b, " stroke=\"rgb(%d,%d,%d)\"", byte255(halo.r), byte255(halo.g),
                  byte255(halo.b));
        if (halo.a < 1) {
            sb_str(&b, " stroke-opacity=\"");
            sb_num(&b, halo.a);
            sb_str(&b, "\"");
        }
        sb_str(&b, " stroke-width=\"");
        sb_num(&b, halo_w * s);
        sb_str(&b, "\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
    }
    sb_str(&b, ">");

    PangoLayoutIter *it = pango_layout_get_iter(layout);
    int lines = pango_layout_get_line_count(layout);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle ext;
        pango_layout_iter_get_line_extents(it, NULL, &ext);
        double base = y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
        size_t start = (size_t)line->start_index, end = start + (size_t)line->length;
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n' ||
                               text[end - 1] == '\r' || text[end - 1] == '\t'))
            end--;
        if (end == start)
            continue;
        /* A line broken at a space keeps one, so the words of the whole
         * text stay apart for search and copy. */
        bool space_after = end < (size_t)(line->start_index + line->length) &&
                           text[end] == ' ' && pango_layout_iter_at_last_line(it) == FALSE;
        /* Tracked letters: the spaces out, letter-spacing instead, so the
         * name is found as written. */
        bool tracked = false;
        for (size_t i = start; i < end && !tracked; i++)
            tracked = tracking_at(text, i, end);
        char *clean = NULL;
        size_t clean_len = 0, clean_chars = 0;
        double spacing = 0;
        if (tracked && (clean = malloc(end - start + 1))) {
            for (size_t i = start; i < end;) {
                if (tracking_at(text, i, end)) {
                    i += 3;
                    continue;
                }
                if (((unsigned char)text[i] & 0xc0) != 0x80)
                    clean_chars++;
                clean[clean_len++] = text[i++];
            }
            clean[clean_len] = '\0';
            PangoLayout *probe = pango_layout_copy(layout);
            pango_layout_set_width(probe, -1);
            pango_layout_set_text(probe, clean, (int)clean_len);
            PangoRectangle pl;
            pango_layout_get_extents(probe, NULL, &pl);
            g_object_unref(probe);
            if (clean_chars > 1)
                spacing = ((double)ext.width - (double)pl.width) / PANGO_SCALE /
                          (double)(clean_chars - 1);
        }
        bool rtl = line->resolved_dir == PANGO_DIRECTION_RTL;
        double lx = x + (double)(rtl ? ext.x + ext.width : ext.x) / PANGO_SCALE;
        sb_str(&b, lines > 1 ? "<tspan" : "");
        if (lines == 1) { /* the attributes go on <text> itself */
            b.len--;      /* drop the '>' */
            b.data[b.len] = '\0';
        }
        sb_str(&b, " x=\"");
        sb_num(&b, TX(lx, base));
        sb_str(&b, "\" y=\"");
        sb_num(&b, TY(lx, base));
        sb_str(&b, "\"");
        if (rtl)
            sb_str(&b, " direction=\"rtl\"");
        if (spacing > 0) {
            sb_str(&b, " letter-spacing=\"");
            sb_num(&b, spacing * s);
            sb_str(&b, "\"");
        }
        sb_str(&b, ">");
        if (clean)
            sb_escaped(&b, clean, clean_len);
        else
            sb_escaped(&b, text + start, end - start);
        if (space_after)
            sb_str(&b, " ");
        free(clean);
        if (lines > 1)
            sb_str(&b, "</tspan>");
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    sb_str(&b, "</text>");
#undef TX
#undef TY
    if (b.failed) {
        free(b.data);
        k->failed = true;
        return true;
    }
    size_t m = sink_push(k, b.data);
    if (m == SIZE_MAX)
        return true;
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    cairo_save(cr);
    fill_mark(cr, m, x + (double)logical.x / PANGO_SCALE, y + (double)logical.y / PANGO_SCALE,
              x + (double)(logical.x + logical.width) / PANGO_SCALE,
              y + (double)(logical.y + logical.height) / PANGO_SCALE);
    cairo_restore(cr);
    return true;
}

/* ---- the splice ---------------------------------------------------------- */

/* The mark number in a <path> element's style, or SIZE_MAX. */
static size_t mark_number(const char *el, const char *el_end)
{
    const char *a = strstr(el, MARK_ALPHA_TEXT);
    if (!a || a > el_end)
        return SIZE_MAX;
    const char *f = strstr(el, "fill:rgb(");
    if (!f || f > el_end)
        return SIZE_MAX;
    f += 9;
    unsigned long v = 0;
    for (int c = 0; c < 3; c++) {
        char *e;
        double pct = strtod(f, &e);
        if (e == f || *e != '%')
            return SIZE_MAX;
        v = v << 8 | (unsigned long)lround(pct * 255 / 100);
        f = e + 1;
        if (c < 2 && *f++ != ',')
            return SIZE_MAX;
    }
    return v ? (size_t)(v - 1) : SIZE_MAX;
}

im_status im_svg_sink_splice(im_context *ctx, const im_svg_sink *k, im_membuf *m)
{
    if (k->failed)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    im_membuf out = {0};
    const char *p = m->data, *end = m->data + m->len;
    long depth = 0; /* groups opened minus closed: must end at 0 */
    while (p < end) {
        const char *el = strstr(p, "<path ");
        const char *el_end = el ? strstr(el, "/>") : NULL;
        if (!el || !el_end) {
            im_write_mem(&out, (const unsigned char *)p, (unsigned)(end - p));
            break;
        }
        size_t num = mark_number(el, el_end);
        if (num == SIZE_MAX || num >= k->n) {
            el_end += 2;
            im_write_mem(&out, (const unsigned char *)p, (unsigned)(el_end - p));
            p = el_end;
            continue;
        }
        im_write_mem(&out, (const unsigned char *)p, (unsigned)(el - p));
        im_write_mem(&out, (const unsigned char *)k->item[num], (unsigned)strlen(k->item[num]));
        depth += strncmp(k->item[num], "<g ", 3) == 0 ? 1 : strcmp(k->item[num], "</g>") == 0 ? -1 : 0;
        p = el_end + 2;
    }
    if (out.failed) {
        free(out.data);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    if (depth != 0) { /* a group's mark lost: the document would not nest */
        free(out.data);
        return im_fail(ctx, IM_ERR_RENDER, "SVG: the named groups do not nest (%ld open)",
                       depth);
    }
    free(m->data);
    *m = out;
    return IM_OK;
}
