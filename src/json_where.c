/* json_where.c - where a value is in a JSON text, for "file:line:col:"
 * messages about documents that jansson decoded whole (manifests, styles):
 * jansson keeps no positions, so the raw bytes are scanned again, only when
 * a message needs one. The scan is linear, allocates nothing and gives up
 * (false) on text that is not JSON where it has to look. */
#include "im_private.h"

#include <string.h>

typedef struct scan {
    const char *s;
    size_t n, i;
} scan;

static void ws(scan *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' ||
                           c->s[c->i] == '\r'))
        c->i++;
}

/* Past a string at c->i ('"'); false when it does not close. */
static bool skip_string(scan *c)
{
    for (c->i++; c->i < c->n; c->i++) {
        if (c->s[c->i] == '\\')
            c->i++;
        else if (c->s[c->i] == '"') {
            c->i++;
            return true;
        }
    }
    return false;
}

/* Past the value at c->i (after white space). */
static bool skip_value(scan *c)
{
    ws(c);
    if (c->i >= c->n)
        return false;
    char ch = c->s[c->i];
    if (ch == '"')
        return skip_string(c);
    if (ch == '{' || ch == '[') {
        size_t depth = 0;
        while (c->i < c->n) {
            ch = c->s[c->i];
            if (ch == '"') {
                if (!skip_string(c))
                    return false;
                continue;
            }
            if (ch == '{' || ch == '[')
                depth++;
            else if ((ch == '}' || ch == ']') && --depth == 0) {
                c->i++;
                return true;
            }
            c->i++;
        }
        return false;
    }
    /* a number, true, false or null */
    size_t start = c->i;
    while (c->i < c->n && !strchr(" \t\r\n,]}:", c->s[c->i]))
        c->i++;
    return c->i > start;
}

/* Does the string at c->i equal the pointer token tok[0..len) (with ~0 and
 * ~1 standing for ~ and /)? Moves past the string either way. Escapes in
 * the key other than \" \\ \/ never match (keys are plain in practice). */
static bool key_is(scan *c, const char *tok, size_t len)
{
    size_t k = 0;
    bool same = true;
    for (c->i++; c->i < c->n; c->i++) {
        char ch = c->s[c->i];
        if (ch == '"') {
            c->i++;
            return same && k == len;
        }
        if (ch == '\\') {
            if (++c->i >= c->n)
                return false;
            ch = c->s[c->i];
            if (ch != '"' && ch != '\\' && ch != '/')
                same = false;
        }
        char want = 0;
        if (k < len) {
            want = tok[k];
            if (want == '~' && k + 1 < len && (tok[k + 1] == '0' || tok[k + 1] == '1'))
                want = tok[++k] == '0' ? '~' : '/';
            k++;
        }
        if (!want || want != ch)
            same = false;
    }
    return false;
}

/* Past the value at c, its trailing blanks and the comma after it: true,
 * or false at the end of the container (or of bad text). */
static bool skip_to_next(scan *c)
{
    if (!skip_value(c))
        return false;
    ws(c);
    if (c->i >= c->n || c->s[c->i] != ',')
        return false;
    c->i++;
    return true;
}

/* Move to the value of token tok in the container at c->i. */
static bool step(scan *c, const char *tok, size_t len)
{
    ws(c);
    if (c->i >= c->n)
        return false;
    if (c->s[c->i] == '{') {
        c->i++;
        for (;;) {
            ws(c);
            if (c->i >= c->n || c->s[c->i] != '"')
                return false;
            bool hit = key_is(c, tok, len);
            ws(c);
            if (c->i >= c->n || c->s[c->i] != ':')
                return false;
            c->i++;
            ws(c);
            if (hit)
                return true;
            if (!skip_to_next(c))
                return false;
        }
    }
    if (c->s[c->i] == '[') {
        size_t want = 0;
        if (len == 0 || len > 9)
            return false;
        for (size_t k = 0; k < len; k++) {
            if (tok[k] < '0' || tok[k] > '9')
                return false;
            want = want * 10 + (size_t)(tok[k] - '0');
        }
        c->i++;
        for (size_t at = 0;; at++) {
            ws(c);
            if (c->i >= c->n || c->s[c->i] == ']')
                return false;
            if (at == want)
                return true;
            if (!skip_to_next(c))
                return false;
        }
    }
    return false;
}

bool im_json_where(const char *text, size_t size, const char *pointer, int *line, int *col)
{
    scan c = {text, size, 0};
    if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        c.i = 3; /* a byte order mark */
    ws(&c);
    const char *p = pointer;
    while (*p == '/') {
        const char *end = strchr(p + 1, '/');
        size_t len = end ? (size_t)(end - p - 1) : strlen(p + 1);
        if (!step(&c, p + 1, len))
            return false;
        p += 1 + len;
    }
    if (*p || c.i >= c.n)
        return false;
    int ln = 1;
    size_t start = 0;
    for (size_t k = 0; k < c.i; k++)
        if (text[k] == '\n')
            ln++, start = k + 1;
    *line = ln;
    *col = (int)(c.i - start) + 1;
    return true;
}
