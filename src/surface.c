/* surface.c - the drawing backends' edges: streams for Cairo's PDF and
 * SVG surfaces, and the SVG's clean-up (renumbered ids, rounded paths). */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>

cairo_status_t im_write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    FILE *fp = closure;
    return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* SVG is collected in memory: Cairo numbers its "surfaceN" ids from a
 * process-wide counter, so they are renumbered in order of appearance
 * before writing, and a render gives the same bytes in any process. */

cairo_status_t im_write_mem(void *closure, const unsigned char *data, unsigned int len)
{
    im_membuf *m = closure;
    return im_buf_append(m, data, len) == IM_OK ? CAIRO_STATUS_SUCCESS
                                                : CAIRO_STATUS_NO_MEMORY;
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

/* Text from input as XML character data, through the one XML escaping
 * function (control characters out, & < > " ' as entities). */
static bool put_escaped(FILE *fp, const char *text)
{
    char *esc = im_xml_escape(text);
    bool ok = esc && fputs(esc, fp) >= 0;
    free(esc);
    return ok;
}

/* The new number of an id: 1 + its place in order of first appearance
 * (*from lists the ids seen). 0 when out of memory. */
static unsigned long renumber(unsigned long **from, size_t *n, size_t *cap, unsigned long id)
{
    size_t k = 0;
    while (k < *n && (*from)[k] != id)
        k++;
    if (k == *n) {
        if (*n == *cap) {
            size_t c = *cap ? *cap * 2 : 64;
            unsigned long *f = im_realloc_array(*from, c, sizeof *f);
            if (!f)
                return 0;
            *from = f;
            *cap = c;
        }
        (*from)[(*n)++] = id;
    }
    return (unsigned long)k + 1;
}

/* Cairo numbers the ids of embedded rasters ("image58") from a process-wide
 * counter as well, so a second map in one process (a batch, a binding)
 * would differ: ids that follow '"' or '#' are renumbered in order of
 * appearance, into a new buffer. false when out of memory. */
static bool svg_renumber_images(im_membuf *m)
{
    static const char key[] = "image";
    im_membuf out = {0};
    unsigned long *from = NULL;
    size_t n_ids = 0, cap_ids = 0;
    const char *p = m->data, *end = m->data + m->len;
    bool ok = true;
    while (ok && p < end) {
        const char *hit = strstr(p, key);
        const char *num = hit ? hit + sizeof key - 1 : end;
        ok = im_write_mem(&out, (const unsigned char *)p, (unsigned)(num - p)) ==
             CAIRO_STATUS_SUCCESS;
        p = num;
        if (!hit || hit == m->data || (hit[-1] != '"' && hit[-1] != '#') || *num < '0' ||
            *num > '9')
            continue;
        unsigned long newid = renumber(&from, &n_ids, &cap_ids, strtoul(num, (char **)&p, 10));
        char digits[24];
        int len = snprintf(digits, sizeof digits, "%lu", newid);
        ok = newid && im_write_mem(&out, (const unsigned char *)digits, (unsigned)len) ==
                          CAIRO_STATUS_SUCCESS;
    }
    free(from);
    if (!ok) {
        free(out.data);
        return false;
    }
    free(m->data);
    *m = out;
    return true;
}

im_status im_svg_write_renumbered(im_context *ctx, im_membuf *m, FILE *fp, const char *path,
                                  const char *title, const char *desc)
{
    m->len = svg_round_paths(m->data, m->len);
    m->data[m->len] = '\0';
    if (!svg_renumber_images(m))
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    static const char key[] = "surface";
    unsigned long *from = NULL;
    size_t n_ids = 0, cap_ids = 0;
    const char *p = m->data, *end = m->data + m->len;
    im_status st = IM_OK;
    /* The document's <title> and <desc> come first inside <svg>: what a
     * screen reader announces and a search finds. */
    const char *svg = strstr(p, "<svg");
    const char *open_end = svg ? strchr(svg, '>') : NULL;
    if (open_end && (title || desc)) {
        size_t head = (size_t)(open_end + 1 - p);
        bool ok = fwrite(p, 1, head, fp) == head;
        if (title)
            ok = ok && fputs("\n<title>", fp) >= 0 && put_escaped(fp, title) &&
                 fputs("</title>", fp) >= 0;
        if (desc)
            ok = ok && fputs("\n<desc>", fp) >= 0 && put_escaped(fp, desc) &&
                 fputs("</desc>", fp) >= 0;
        if (!ok)
            st = IM_ERR_IO_WRITE;
        p = open_end + 1;
    }
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
        unsigned long id = strtoul(num, (char **)&p, 10);
        unsigned long newid = renumber(&from, &n_ids, &cap_ids, id);
        if (!newid) {
            free(from);
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        }
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

