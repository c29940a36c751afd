/* incident_text.c - the text encodings analysts' files come in, turned into
 * UTF-8 with GLib's g_convert (iconv) before a reader sees them.
 *
 * UTF-16 with a byte order mark: Excel's "Unicode Text" (tab-separated)
 * and some Windows tools' CSV. Windows-1252: Excel's "CSV (Comma
 * delimited)" on a Western-European Windows, and the GTD. A text file is
 * taken as Windows-1252 only when it is not UTF-8 and nothing before its
 * first non-UTF-8 byte is UTF-8 beyond ASCII (a file mixing both is an
 * error the readers report field by field).
 */
#include "im_private.h"

#include <glib.h>
#include <string.h>

/* The converted text in a new malloc'd buffer (GLib's g_malloc is
 * malloc), the caller frees *out; NULL when it does not convert, with
 * *bad the byte offset where it stopped, or (size_t)-1 for another reason
 * (out of memory, no converter). */
static char *convert(const char *data, size_t size, const char *from, size_t *out_size,
                     size_t *bad)
{
    GError *err = NULL;
    gsize read = 0, written = 0;
    gchar *t = g_convert(data, (gssize)size, "UTF-8", from, &read, &written, &err);
    *out_size = written;
    *bad = (size_t)-1;
    if (!t && err && err->domain == G_CONVERT_ERROR &&
        (err->code == G_CONVERT_ERROR_ILLEGAL_SEQUENCE ||
         err->code == G_CONVERT_ERROR_PARTIAL_INPUT))
        *bad = read;
    if (err)
        g_error_free(err);
    return t;
}

/* The 1-based line of UTF-16 text that byte offset n is on. */
static size_t utf16_line(const char *s, size_t n, bool le)
{
    size_t line = 1;
    for (size_t i = 0; i + 1 < n; i += 2) {
        unsigned lo = (unsigned char)s[le ? i : i + 1], hi = (unsigned char)s[le ? i + 1 : i];
        line += hi == 0 && lo == '\n';
    }
    return line;
}

im_status im_text_utf16(im_context *ctx, const char *name, const char *data, size_t size,
                        char **out, size_t *out_size)
{
    *out = NULL;
    *out_size = 0;
    if (size < 2)
        return IM_OK;
    const char *from = memcmp(data, "\xFF\xFE", 2) == 0   ? "UTF-16LE"
                       : memcmp(data, "\xFE\xFF", 2) == 0 ? "UTF-16BE"
                                                          : NULL;
    if (!from || (size >= 4 && memcmp(data, "\xFF\xFE\0\0", 4) == 0))
        return IM_OK; /* not UTF-16 (FF FE 00 00 is UTF-32's mark: left to fail as text) */
    size_t bad;
    if (!(*out = convert(data + 2, size - 2, from, out_size, &bad)))
        return bad != (size_t)-1
                   ? im_fail(ctx, IM_ERR_DATA, "%s:%zu: byte %zu is not %s text, though the "
                                               "file starts with its byte order mark (save the "
                                               "file as UTF-8)", name,
                             utf16_line(data + 2, bad, from[6] == 'L'), bad + 2, from)
                   : im_fail(ctx, IM_ERR_NOMEM, "%s: cannot convert %s text to UTF-8", name,
                             from);
    im_log(ctx, IM_LOG_INFO, "%s: %s text (as Excel saves \"Unicode Text\"), read as such",
           name, from);
    return IM_OK;
}

im_status im_text_cp1252(im_context *ctx, const char *name, const char *data, size_t size,
                         char **out, size_t *out_size)
{
    *out = NULL;
    *out_size = 0;
    const gchar *end = NULL;
    if (g_utf8_validate_len(data, size, &end))
        return IM_OK;
    for (const char *p = data; p < end; p++)
        if ((unsigned char)*p >= 0x80)
            return IM_OK; /* UTF-8 before the bad byte: mixed, reported per field */
    size_t bad;
    if (!(*out = convert(data, size, "WINDOWS-1252", out_size, &bad)))
        return bad != (size_t)-1 ? IM_OK /* not Windows-1252 either: the reader says where */
                                 : im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    im_log(ctx, IM_LOG_INFO, "%s: not UTF-8; read as Windows-1252 (as Excel on Windows saves "
                             "CSV; save it as \"CSV UTF-8\" to avoid the guess)", name);
    return IM_OK;
}

size_t im_text_field_cp1252(const char *s, size_t n, char *buf, size_t room)
{
    gsize written = 0;
    gchar *t = g_convert(s, (gssize)n, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
    if (!t)
        return (size_t)-1;
    size_t len = written <= room ? written : (size_t)-1;
    if (len != (size_t)-1)
        memcpy(buf, t, len);
    g_free(t);
    return len;
}
