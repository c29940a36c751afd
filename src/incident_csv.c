/* incident_csv.c - the CSV reader (RFC 4180 through libcsv).
 *
 * The first row is the header; columns feed fields by known names (ACLED's
 * among them) or by the names set with im_context_set_field()
 * (incident_fields.c). Quotes, embedded delimiters and newlines, CRLF, lone
 * CR and a UTF-8 byte order mark are handled; the delimiter (comma,
 * semicolon or tab) is taken from the header line unless given, or from
 * the "sep=;" line Excel reads and writes before the header. The input
 * is fed to libcsv one line at a time, so messages name the 1-based line a
 * record starts on ("row 12") and memory holds one row.
 */
#include "im_private.h"

#include <ctype.h>

#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_COLUMNS 4096
#define FEED_CHUNK 65536


typedef struct csvr {
    im_load *ld;
    struct csv_parser p;
    im_buf rec;             /* the current row's fields, each NUL-terminated */
    size_t *off;            /* offsets of the fields in rec */
    unsigned char *flags;   /* per field: FIELD_LONG, FIELD_NUL */
    size_t nf, cap_f;
    size_t line;            /* the line being fed (1-based) */
    size_t row_line;        /* the line the current row starts on */
    bool have_header;
    size_t n_cols;
    char **col_names;       /* header names, for messages */
    int col[IM_FIELD_COUNT];/* column of each field, -1 when none */
    int wkt_col;            /* a WKT geometry column (QGIS, ogr2ogr -lco GEOMETRY=AS_WKT), or -1 */
    int pair_col;           /* a "lat, lon" column (Google Maps' copied coordinates), or -1 */
    bool pair_lon_first;    /* ... named lon first ("lonlat") */
    im_status st;           /* sticky: an error that stops the read */
    char base[64];          /* the file's base name, for ids made up */
    const char *data;       /* the whole input, for positions in messages */
    size_t size, row_start; /* ... and where the current row starts in it */
    char delim;
} csvr;

enum { FIELD_LONG = 1, FIELD_NUL = 2, FIELD_UTF8 = 4, FIELD_LATIN1 = 8 };

static bool utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t k;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3, min = 0x10000, c &= 0x07;
        } else {
            return false;
        }
        if (n - i <= k)
            return false;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
            c = (c << 6) | (s[i + j] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            return false;
        i += k + 1;
    }
    return true;
}

bool im_csv_fields_room(size_t **off, unsigned char **flags, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 32;
    while (c < need)
        c *= 2;
    size_t *o = im_realloc_array(*off, c, sizeof *o);
    if (o)
        *off = o;
    unsigned char *f = o ? im_realloc_array(*flags, c, 1) : NULL;
    if (!f)
        return false;
    *flags = f;
    *cap = c;
    return true;
}

size_t im_csv_line_breaks(const char *t, size_t len)
{
    size_t breaks = 0;
    for (size_t i = 0; i < len; i++)
        if (t[i] == '\n' || (t[i] == '\r' && (i + 1 == len || t[i + 1] != '\n')))
            breaks++;
    return breaks;
}

int im_csv_field_put(im_buf *rec, const char *s, size_t len, bool latin1, size_t max_bytes)
{
    int flag = 0;
    if (len > max_bytes) {
        flag = FIELD_LONG;
        len = 0;
    } else if (memchr(s, '\0', len)) {
        flag = FIELD_NUL;
    } else if (!utf8_valid((const unsigned char *)s, len)) {
        flag = latin1 ? FIELD_LATIN1 : FIELD_UTF8;
    }
    size_t room = flag == FIELD_LATIN1 ? 3 * len : len;
    /* room + 1: the field's NUL stays inside the record */
    if (im_buf_reserve(rec, room + 1) != IM_OK)
        return -1;
    char *buf = rec->data + rec->len;
    if (flag == FIELD_LATIN1) {
        len = im_text_field_cp1252(s, len, buf, room);
        flag = len == (size_t)-1 ? FIELD_UTF8 : 0; /* bytes Windows-1252 leaves undefined */
        if (flag)
            len = 0;
    } else if (len) {
        memcpy(buf, s, len);
    }
    buf[len] = '\0';
    rec->len += len + 1;
    return flag;
}

/* ---- libcsv callbacks ------------------------------------------------- */

static void on_field(void *s, size_t len, void *data)
{
    csvr *r = data;
    if (r->st != IM_OK)
        return;
    if (r->nf == 0) {
        /* The row started as many lines back as its first field has line
         * breaks (a quoted field may span lines). */
        size_t breaks = im_csv_line_breaks(s, len);
        r->row_line = r->line > breaks ? r->line - breaks : 1;
    }
    if (r->nf >= MAX_COLUMNS) {
        r->nf++; /* counted, not kept: the row is reported */
        return;
    }
    im_context *ctx = r->ld->ctx;
    if (!im_csv_fields_room(&r->off, &r->flags, &r->cap_f, r->nf + 1)) {
        r->st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        return;
    }
    size_t at = r->rec.len;
    int flag = im_csv_field_put(&r->rec, s, len, r->ld->latin1, ctx->limits.max_string_bytes);
    if (flag < 0) {
        r->st = r->rec.st == IM_ERR_LIMIT
                    ? im_fail(ctx, IM_ERR_LIMIT, "a record over %zu bytes", im_buf_cap_of(&r->rec))
                    : im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        return;
    }
    r->off[r->nf] = at;
    r->flags[r->nf] = (unsigned char)flag;
    if (r->have_header && (int)r->nf == r->col[IM_F_ID] && !flag)
        im_load_id_soon(r->ld, r->rec.data + at); /* the row's id, claimed in row() */
    r->nf++;
}

static const char *field(csvr *r, size_t i) { return r->rec.data + r->off[i]; }

/* Where field k of the current row starts: its line and 1-based column in
 * characters (bytes in a Windows-1252 file), found again in the row's raw
 * bytes (a quoted field may span lines). */
static void field_pos(const csvr *r, size_t k, size_t *line, size_t *col)
{
    size_t ln = r->row_line, c = 1, f = 0;
    bool quoted = false;
    for (size_t i = r->row_start; i < r->size && f < k; i++) {
        unsigned char ch = (unsigned char)r->data[i];
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && ch == (unsigned char)r->delim)
            f++;
        else if (!quoted && (ch == '\n' || ch == '\r'))
            break; /* the row ends before field k: its end is the place */
        if (ch == '\n' || (ch == '\r' && (i + 1 == r->size || r->data[i + 1] != '\n'))) {
            ln++;
            c = 1;
        } else if (ch != '\r' && (r->ld->latin1 || (ch & 0xC0) != 0x80)) {
            c++;
        }
    }
    *line = ln;
    *col = c;
}

/* im_load's position hook: a message about the current row points at the
 * field its detail starts with ("latitude: ..."), else at the row. */
static bool csv_where(void *arg, size_t index, const char *detail, size_t *line, size_t *col)
{
    const csvr *r = arg;
    if (!r->have_header || index != r->row_line)
        return false;
    size_t k = 0, best = 0;
    for (size_t i = 0; i < r->n_cols && i < r->nf; i++) {
        size_t n = strlen(r->col_names[i]);
        if (n > best && strncmp(detail, r->col_names[i], n) == 0 && detail[n] == ':')
            k = i, best = n;
    }
    field_pos(r, k, line, col);
    return true;
}

/* Header names that im_field_match() would take for the same column: equal
 * but for ASCII case and surrounding spaces; empty names never clash. */
static bool same_name(const char *a, const char *b)
{
    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    size_t na = strlen(a), nb = strlen(b);
    while (na && a[na - 1] == ' ')
        na--;
    while (nb && b[nb - 1] == ' ')
        nb--;
    return na && na == nb && strncasecmp(a, b, na) == 0;
}

static im_status header(csvr *r)
{
    im_load *ld = r->ld;
    im_context *ctx = ld->ctx;
    if (r->nf > MAX_COLUMNS)
        return im_fail(ctx, IM_ERR_LIMIT, "%s:%zu: the header has more than %d columns",
                       ld->name, r->row_line, MAX_COLUMNS);
    int best[IM_FIELD_COUNT];
    for (int f = 0; f < IM_FIELD_COUNT; f++) {
        r->col[f] = -1;
        best[f] = 1000;
    }
    if (!(r->col_names = calloc(r->nf, sizeof *r->col_names)))
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    r->n_cols = r->nf;
    for (size_t i = 0; i < r->nf; i++) {
        if (r->flags[i])
            return im_fail(ctx, IM_ERR_DATA, "%s: the header's column %zu is not a usable "
                                             "name (too long, a NUL or not UTF-8)", ld->name,
                           i + 1);
        if (!(r->col_names[i] = im_strdup(field(r, i))))
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    im_load_set_preset(ld, (const char *const *)r->col_names, r->n_cols);
    /* A name twice: which column is the data is a guess (an export that
     * merged two tables, a shifted header). A known layout (ACLED, UCDP,
     * GTD) may repeat a column it does not read; nothing else may. */
    for (size_t j = 1; j < r->nf; j++) {
        int rank;
        if (ld->preset != IM_PRESET_NONE &&
            im_field_match(ctx, ld->preset, r->col_names[j], true, &rank) < 0)
            continue;
        for (size_t i = 0; i < j; i++) {
            if (!same_name(r->col_names[i], r->col_names[j]))
                continue;
            size_t line, col;
            field_pos(r, j, &line, &col);
            return im_fail(ctx, IM_ERR_DATA, "%s:%zu:%zu: the header names the column \"%.60s\" "
                                             "twice (columns %zu and %zu): rename one",
                           ld->name, line, col, r->col_names[j], i + 1, j + 1);
        }
    }
    for (size_t i = 0; i < r->nf; i++) {
        int rank, f = im_field_match(ctx, ld->preset, r->col_names[i], true, &rank);
        for (int e = IM_F_CATEGORY; e < IM_FIELD_COUNT; e++) /* --color-by, --size-by */
            if (im_field_named(ctx, (im_field)e, r->col_names[i]))
                r->col[e] = (int)i;
        if (f >= 0 && rank < best[f]) {
            best[f] = rank;
            r->col[f] = (int)i;
        }
    }
    /* No latitude and longitude columns: a WKT geometry column, as QGIS
     * and ogr2ogr write CSV (GEOMETRY=AS_WKT: "WKT"; QGIS's copied
     * features: "wkt_geom"); nor that: one column with both numbers,
     * "33.3152, 44.3661", as Google Maps and Earth copy a point (latitude
     * first unless the name says otherwise). The first name in each list
     * wins (incident_coords.c). */
    r->wkt_col = r->pair_col = -1;
    bool no_coords = r->col[IM_F_LAT] < 0 && r->col[IM_F_LON] < 0 && !ctx->fields[IM_F_LAT] &&
                     !ctx->fields[IM_F_LON];
    int wkt_best = 1000, pair_best = 1000;
    for (size_t i = 0; i < r->nf && no_coords; i++) {
        bool lon_first;
        int k = im_wkt_column_rank(r->col_names[i]);
        if (k >= 0 && k < wkt_best)
            wkt_best = k, r->wkt_col = (int)i;
        k = im_pair_column_rank(r->col_names[i], &lon_first);
        if (k >= 0 && k < pair_best)
            pair_best = k, r->pair_col = (int)i, r->pair_lon_first = lon_first;
    }
    if (r->wkt_col >= 0)
        r->pair_col = -1;
    static const im_field required[] = {IM_F_DATE, IM_F_LAT, IM_F_LON, IM_F_WEAPON};
    static const char *const hints[] = {
        "date, event_date, datetime or time",
        "latitude, lat or y, or a WKT or \"lat, lon\" column (coordinates, latlon)",
        "longitude, lon, lng, long or x, or a WKT or \"lat, lon\" column",
        "weapon, weapon_type, sub_event_type, attack_type, type or category"};
    bool missing = false;
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++) {
        im_field f = required[k];
        if (r->col[f] >= 0 || (f == IM_F_DATE && r->col[IM_F_YEAR] >= 0))
            continue; /* split year/month/day columns stand in for a date */
        if ((f == IM_F_LAT || f == IM_F_LON) && (r->wkt_col >= 0 || r->pair_col >= 0))
            continue; /* the geometry column, or the coordinates' */
        missing = true;
        if (ctx->fields[f])
            im_fail(ctx, IM_ERR_DATA, "%s: the header has no column \"%.60s\" (--field %s=%.60s)",
                    ld->name, ctx->fields[f], im_field_name(f), ctx->fields[f]);
        else
            im_fail(ctx, IM_ERR_DATA, "%s: the header has no column for %s (%s; or name one "
                                      "with --field %s=COLUMN, or give --preset acled, ucdp "
                                      "or gtd)",
                    ld->name, im_field_name(f), hints[k], im_field_name(f));
    }
    if (missing)
        return IM_ERR_DATA;
    r->have_header = true;
    return IM_OK;
}

/* The point of the row's WKT or "lat, lon" column (incident_coords.c). */
static void column_point(csvr *r, size_t line, const char *id, im_values *v)
{
    int c = r->wkt_col >= 0 ? r->wkt_col : r->pair_col;
    const char *name = r->col_names[c];
    if (r->flags[c]) {
        v->label[IM_F_LAT] = v->label[IM_F_LON] = name;
        v->bad[IM_F_LAT] = v->bad[IM_F_LON] = true;
        im_load_error(r->ld, line, id ? id : v->id_fallback, "%.60s: not a usable %s text",
                      name, r->wkt_col >= 0 ? "WKT" : "coordinate");
        return;
    }
    if (r->wkt_col >= 0)
        im_values_wkt(r->ld, line, id, name, field(r, (size_t)c), v);
    else
        im_values_pair(r->ld, line, id, name, field(r, (size_t)c), r->pair_lon_first, v);
}

static void row(csvr *r)
{
    im_load *ld = r->ld;
    size_t line = r->row_line;
    if (r->nf != r->n_cols) {
        im_load_error(ld, line, NULL, "%zu fields, but the header has %zu (a missing or extra "
                                      "delimiter, or an unclosed quote?)", r->nf, r->n_cols);
        return;
    }
    im_values v;
    memset(&v, 0, sizeof v);
    char idbuf[96];
    if (r->col[IM_F_ID] < 0) { /* no id column: the file's name and line */
        snprintf(idbuf, sizeof idbuf, "%s#%zu", r->base, line);
        v.id_fallback = idbuf;
    }
    const char *id = NULL;
    static const char *const what[] = {"", "longer than the limit", "contains a NUL character",
                                       "", "is not valid UTF-8 text (save the file as UTF-8)"};
    for (int f = 0; f < IM_FIELD_COUNT; f++) {
        int c = r->col[f];
        if (c < 0)
            continue;
        v.label[f] = r->col_names[c];
        if (r->flags[c]) {
            if (r->flags[c] == FIELD_LONG)
                im_load_error(ld, line, id, "%.60s: longer than the limit of %u bytes",
                              v.label[f], (unsigned)ld->ctx->limits.max_string_bytes);
            else
                im_load_error(ld, line, id, "%.60s: %s", v.label[f], what[r->flags[c]]);
            v.bad[f] = true;
            continue;
        }
        const char *s = field(r, (size_t)c);
        v.text[f] = *s ? s : NULL;
        if (f == IM_F_ID)
            id = v.text[f];
    }
    if (r->wkt_col >= 0 || r->pair_col >= 0)
        column_point(r, line, id, &v);
    im_status st = im_load_values(ld, line, &v);
    if (st != IM_OK)
        r->st = st;
}

/* The row in r (its fields, nf, row_line, row_start) read: the header, a
 * record, or nothing for an empty line. */
static void take_row(csvr *r)
{
    if (r->st == IM_OK) {
        bool empty = true; /* ",,,," lines that spreadsheets leave: skipped */
        for (size_t i = 0; i < r->nf && i < MAX_COLUMNS && empty; i++)
            empty = r->flags[i] == 0 && field(r, i)[0] == '\0';
        if (!r->have_header)
            r->st = header(r);
        else if (!empty)
            row(r);
    }
    r->nf = 0;
    r->rec.len = 0;
}

static void on_row(int c, void *data)
{
    (void)c;
    take_row(data);
}

/* Rows parsed ahead on the other cores (csv_parallel.c), from *pos (line
 * *line) on, each taken as the serial parse takes it; *pos and *line end
 * where the serial parse must go on. */
static im_status ahead(csvr *r, const char *data, size_t size, size_t *pos, size_t *line)
{
    im_context *ctx = r->ld->ctx;
    im_csvopts o = {r->delim, r->delim == '\t', r->ld->latin1, ctx->limits.max_string_bytes,
                    MAX_COLUMNS};
    im_csvpool *p = im_csvpool_start(data, size, *pos, &o);
    const im_csvrow *rows;
    size_t n, lines, end;
    int idc = r->col[IM_F_ID];
    while (r->st == IM_OK && im_csvpool_next(p, *pos, &rows, &n, &lines, &end)) {
        for (size_t k = 0; k < n && r->st == IM_OK; k++) {
            const im_csvrow *w = &rows[k];
            if (k + 1 < n && idc >= 0 && (size_t)idc < w[1].nf && !w[1].flags[idc])
                im_load_id_soon(r->ld, w[1].text + w[1].off[idc]); /* the next row's id */
            if (!im_csv_fields_room(&r->off, &r->flags, &r->cap_f, w->nf)) {
                r->st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                break;
            }
            r->rec.len = 0;
            if (im_buf_append(&r->rec, w->text, w->text_len) != IM_OK) {
                r->st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                break;
            }
            memcpy(r->off, w->off, w->nf * sizeof *r->off);
            memcpy(r->flags, w->flags, w->nf);
            r->nf = w->nf;
            r->row_line = *line + w->line;
            r->row_start = w->start;
            take_row(r);
        }
        *line += lines;
        *pos = end;
        im_load_progress(r->ld, end);
    }
    im_csvpool_stop(p);
    return r->st;
}

/* ---- reading ---------------------------------------------------------- */

static int is_space_only(unsigned char c) { return c == ' '; }

/* The delimiter the header line uses most: comma, semicolon or tab. */
static char sniff_delim(const char *data, size_t size)
{
    size_t n[3] = {0, 0, 0};
    bool quoted = false;
    for (size_t i = 0; i < size && i < FEED_CHUNK; i++) {
        char c = data[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            n[0] += c == ',', n[1] += c == ';', n[2] += c == '\t';
    }
    return n[1] > n[0] && n[1] >= n[2] ? ';' : n[2] > n[0] ? '\t' : ',';
}

static im_status csv_syntax(csvr *r, size_t line_start, size_t pos, const char *what)
{
    return im_fail(r->ld->ctx, IM_ERR_SYNTAX, "%s:%zu:%zu: %s", r->ld->name, r->line,
                   pos - line_start + 1, what);
}

/* Excel's first line "sep=;" (the delimiter, for Excel itself): its
 * length with the line break, 0 when there is none. */
static size_t sep_line(const char *data, size_t size, char *delim)
{
    if (size < 5 || strncasecmp(data, "sep=", 4) != 0 || data[4] == '\r' || data[4] == '\n')
        return 0;
    size_t n = 5;
    if (n < size && data[n] == '\r')
        n++;
    if (n < size && data[n] == '\n')
        n++;
    if (n == 5 && n < size)
        return 0; /* "sep=;x": a header that starts so */
    *delim = data[4];
    return n;
}

/* Feed data[start..size) to libcsv a line at a time, the first being line
 * first_line. until_header: stop as soon as the header is read and the
 * parser is between rows, with where to go on in *next and *next_line
 * (*next is (size_t)-1 when the input ended first). */
static im_status feed(csvr *r, const char *data, size_t size, size_t start, size_t first_line,
                      bool until_header, size_t *next, size_t *next_line)
{
    im_context *ctx = r->ld->ctx;
    if (next)
        *next = (size_t)-1;
    size_t pos = start, line_start = start;
    r->line = first_line;
    while (pos < size) {
        /* The next piece: up to and including a line break, at most a chunk. */
        size_t end = pos, lim = size - pos > FEED_CHUNK ? pos + FEED_CHUNK : size;
        bool newline = false;
        if (r->p.pstate == 0 && r->nf == 0) /* libcsv's ROW_NOT_BEGUN: a row starts here */
            r->row_start = pos;
        while (end < lim && data[end] != '\n' && data[end] != '\r')
            end++;
        if (end < lim) {
            newline = true;
            end += data[end] == '\r' && end + 1 < size && data[end + 1] == '\n' ? 2 : 1;
        }
        size_t got = csv_parse(&r->p, data + pos, end - pos, on_field, on_row, r);
        if (r->st != IM_OK)
            return r->st;
        if (got != end - pos)
            return csv_syntax(r, line_start, pos + got,
                              csv_error(&r->p) == CSV_EPARSE
                                  ? "a quote inside an unquoted field, or text after a "
                                    "closing quote (quote the field and double its quotes)"
                                  : "the CSV parser ran out of memory");
        if (r->p.entry_pos > (size_t)ctx->limits.max_string_bytes + 4)
            return im_fail(ctx, IM_ERR_LIMIT, "%s:%zu: a field longer than the limit of %u "
                                              "bytes (an unclosed quote?)", r->ld->name,
                           r->line, (unsigned)ctx->limits.max_string_bytes);
        pos = end;
        /* The bytes before the current row are not looked at again (a
         * message about this row reads from its start). */
        im_load_progress(r->ld, r->row_start < pos ? r->row_start : pos);
        if (newline) {
            r->line++;
            line_start = pos;
        }
        if (until_header && r->have_header && r->p.pstate == 0 && r->nf == 0) {
            *next = pos;
            *next_line = r->line;
            return IM_OK;
        }
    }
    if (csv_fini(&r->p, on_field, on_row, r) != 0 && r->st == IM_OK) {
        size_t line = r->row_line ? r->row_line : r->line;
        if (ctx->skip_invalid && r->have_header) {
            /* A last row cut short inside a quote (a truncated export): the
             * rows before it stand; this one is reported and left out. */
            im_load_error(r->ld, line, NULL, "an unclosed quote runs to the end of the file "
                                             "(a row cut short?)");
            return IM_OK;
        }
        return im_fail(ctx, IM_ERR_SYNTAX, "%s:%zu: unexpected end of input inside a quoted "
                                           "field (an unclosed quote; --skip-invalid leaves the "
                                           "row out)", r->ld->name, line);
    }
    return r->st;
}

im_status im_csv_read(im_load *ld, const char *data, size_t size, char delim)
{
    csvr r;
    memset(&r, 0, sizeof r);
    r.ld = ld;
    const char *base = strrchr(ld->name, '/');
    snprintf(r.base, sizeof r.base, "%s", base ? base + 1 : ld->name);
    size_t skip = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t i = skip;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i >= size)
        return im_fail(ld->ctx, IM_ERR_SYNTAX, "%s:1:1: the file is empty; expected a header "
                                               "row naming the columns", ld->name);
    if (csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
    char sep = 0;
    size_t sep_len = sep_line(data + skip, size - skip, &sep);
    if (sep_len && !delim)
        delim = sep;
    if (!delim)
        delim = sniff_delim(data + skip + sep_len, size - skip - sep_len);
    csv_set_delim(&r.p, (unsigned char)delim);
    r.data = data;
    r.size = size;
    r.delim = delim;
    /* Spreadsheets in locales whose decimal mark is a comma write CSV with
     * semicolons (or tabs) between fields and commas in numbers. */
    ld->comma_decimal = delim != ',' ? delim : 0;
    ld->where = csv_where;
    ld->where_arg = &r;
    if (delim == '\t')
        csv_set_space_func(&r.p, is_space_only);
    /* the header, then the rows parsed ahead on the other cores, then the
     * rest (all of it on one thread) */
    size_t at, line;
    im_status st = feed(&r, data, size, skip + sep_len, sep_len ? 2 : 1, true, &at, &line);
    if (st == IM_OK && at != (size_t)-1 && (st = ahead(&r, data, size, &at, &line)) == IM_OK)
        st = feed(&r, data, size, at, line, false, NULL, NULL);
    ld->where = NULL; /* r is gone after the return */
    ld->comma_decimal = 0;
    ld->where_arg = NULL;
    if (st == IM_OK && !r.have_header)
        st = im_fail(ld->ctx, IM_ERR_SYNTAX, "%s: no header row", ld->name);
    csv_free(&r.p);
    for (size_t k = 0; k < r.n_cols; k++)
        free(r.col_names[k]);
    free(r.col_names);
    im_buf_free(&r.rec);
    free(r.off);
    free(r.flags);
    return st;
}
