/* escape.c - text that came from input (titles, site names, a basemap's
 * attribution, a CRS's WKT) made safe for the place it is written to.
 *
 * Every text that leaves the library in a file's metadata passes through
 * one of these: im_text_clean() for PNG text chunks and PDF metadata (valid
 * UTF-8, no control characters), im_xml_escape() for XML (the GDAL .aux.xml
 * sidecar, SVG). Bytes that are not UTF-8 become U+FFFD rather than being
 * dropped, so a reader can see that something was there.
 */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>

size_t im_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0; /* a continuation byte, an overlong lead (C0, C1) or F5..FF */
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* A code point that has no business in metadata: C0 and C1 controls, DEL,
 * and the XML non-characters U+FFFE and U+FFFF. */
static bool is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF;
}

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* The cleaned (and, when xml, escaped) text; NULL when out of memory. */
static char *clean(const char *text, bool xml)
{
    if (!text)
        text = "";
    size_t n = strlen(text);
    /* Worst case per input byte: U+FFFD (3 bytes) or "&quot;" (6 bytes). */
    if (n > (SIZE_MAX - 1) / 6)
        return NULL;
    char *out = malloc(n * 6 + 1), *o = out;
    if (!out)
        return NULL;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = im_utf8_decode(s + i, n - i, &cp);
        if (len == 0) {
            memcpy(o, replacement, 3), o += 3;
            i++;
            continue;
        }
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            *o++ = ' '; /* one line: layout is the writer's business */
        } else if (is_control(cp)) {
            memcpy(o, replacement, 3), o += 3;
        } else if (xml && (cp == '&' || cp == '<' || cp == '>' || cp == '"' || cp == '\'')) {
            const char *ent = cp == '&' ? "&amp;" : cp == '<' ? "&lt;" : cp == '>' ? "&gt;"
                              : cp == '"' ? "&quot;" : "&apos;";
            size_t el = strlen(ent);
            memcpy(o, ent, el), o += el;
        } else {
            memcpy(o, s + i, len), o += len;
        }
        i += len;
    }
    *o = '\0';
    return out;
}

char *im_text_clean(const char *text) { return clean(text, false); }

im_status im_text_check(im_context *ctx, const char *option, const char *text, size_t max_chars)
{
    if (!text)
        return IM_OK;
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text), i = 0, chars = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = im_utf8_decode(s + i, n - i, &cp);
        if (len == 0)
            return im_fail(ctx, IM_ERR_ARG, "%s: not valid UTF-8 text (byte %zu)", option, i + 1);
        i += len;
        chars++;
    }
    if (chars > max_chars)
        return im_fail(ctx, IM_ERR_ARG, "%s: %zu characters, more than the %zu a map can "
                       "carry", option, chars, max_chars);
    return IM_OK;
}

void im_utf8_trim(char *s)
{
    size_t n = strlen(s), i = 0, ok = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = im_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (len == 0)
            break;
        i += len;
        ok = i;
    }
    if (i >= n)
        return;
    /* Only a sequence cut at the very end is dropped; other bad bytes stay
     * for the caller's own check to report. */
    /* A cut sequence: a lead byte (C2..F4) and fewer continuation bytes
     * than it announces, up to the end. */
    const unsigned char *u = (const unsigned char *)s + ok;
    size_t want = u[0] >= 0xC2 && u[0] <= 0xDF ? 2 : u[0] >= 0xE0 && u[0] <= 0xEF ? 3
                  : u[0] >= 0xF0 && u[0] <= 0xF4 ? 4 : 0;
    for (size_t k = 1; k < n - ok; k++)
        if ((u[k] & 0xC0) != 0x80)
            want = 0;
    if (n - ok < want)
        s[ok] = '\0';
}

char *im_xml_escape(const char *text) { return clean(text, true); }
