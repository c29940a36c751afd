/* cli_text.c - text from input shown on a terminal as data.
 *
 * A site name, a weapon, a file name or a CRS can carry control characters
 * (ESC ] 0 ; ... BEL retitles a terminal window, ESC [ 2 J clears it) or
 * bytes that are not UTF-8. Everything the CLI prints that may contain such
 * text goes through cli_escape(): C0 and C1 controls, DEL, the Unicode
 * direction overrides (which reorder what is shown) and bytes that are not
 * UTF-8 are written as visible escapes (\x1B, \u202E, \xFF); other UTF-8
 * (Arabic names) passes unchanged. The result is always valid UTF-8, so it
 * can also go into JSON.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Length of the UTF-8 sequence at s (at most n bytes) and its code point,
 * or 0 when it is not UTF-8. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, v = c & 0x07, min = 0x10000;
    else return 0;
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

static bool shown_escaped(uint32_t cp, bool keep_newline)
{
    if (cp == '\n' || cp == '\t') /* layout of a whole line; harmless on a terminal */
        return !keep_newline;
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static size_t escape(const char *text, char *buf, size_t size, bool keep_newline)
{
    if (size == 0)
        return 0;
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t n = strlen((const char *)s), i = 0, o = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = utf8_seq(s + i, n - i, &cp);
        char tmp[16];
        const char *piece;
        size_t plen;
        if (len == 0) {
            snprintf(tmp, sizeof tmp, "\\x%02X", s[i]);
            piece = tmp, plen = 4, len = 1;
        } else if (shown_escaped(cp, keep_newline)) {
            if (cp < 0x80)
                snprintf(tmp, sizeof tmp, "\\x%02X", (unsigned)cp);
            else
                snprintf(tmp, sizeof tmp, "\\u%04X", (unsigned)cp);
            piece = tmp, plen = strlen(tmp);
        } else {
            piece = (const char *)s + i, plen = len;
        }
        if (o + plen + 1 > size) {
            /* Cut on a whole piece, with an ellipsis where it fits. */
            if (size >= 4 && o + 4 <= size) {
                memcpy(buf + o, "...", 3);
                o += 3;
            }
            break;
        }
        memcpy(buf + o, piece, plen);
        o += plen;
        i += len;
    }
    buf[o] = '\0';
    return o;
}

const char *cli_escape(const char *text, char *buf, size_t size)
{
    escape(text, buf, size, false);
    return buf;
}

void cli_print(FILE *fp, const char *fmt, ...)
{
    char raw[4096], safe[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    size_t n = escape(raw, safe, sizeof safe, true);
    fwrite(safe, 1, n, fp);
}
