/* test_parallel.c - the records array decoded on several threads
 * (json_parallel.c: records and GeoJSON features, flat or as trees) and a
 * CSV's rows parsed on several threads (csv_parallel.c) give exactly what
 * the serial read gives: the same records in the same order, the same
 * messages (positions, record numbers, ids), the same duplicates dropped,
 * the same first error and status, on valid documents and on broken ones.
 * Blocks and chunks are made small (INCMAP_PARSE_BLOCK) so a few thousand
 * records cross hundreds of their boundaries. Also built with
 * ThreadSanitizer (.ci/test).
 * Usage: test_parallel TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        va_start(ap, fmt);
        int k = vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if (k >= 0 && b->n + (size_t)k < b->cap) {
            b->n += (size_t)k;
            return;
        }
        b->cap = b->cap ? b->cap * 2 + (size_t)k : 4096;
        b->s = realloc(b->s, b->cap);
        if (!b->s)
            abort();
    }
}

static void log_to(void *user, im_log_level level, const char *message)
{
    put(user, "[%d] %s\n", (int)level, message);
}

/* A records document of n records, with strings that hold brackets,
 * commas, quotes and backslashes, white space of every kind between the
 * elements, and (bad) a sprinkling of invalid records: wrong types, an
 * element that is not an object, a duplicate id, a record nested too deep. */
static char *make_doc(size_t n, bool bad, bool geojson)
{
    /* records nested 70 levels, and around the limit of 64 (a record is
     * within it up to 61 arrays deep, a feature up to 60) */
    char deeps[4][200];
    const int depth_of[4] = {70, 60, 61, 62};
    for (int d = 0; d < 4; d++) {
        char *deep = deeps[d];
        strcpy(deep, ", \"deep\": ");
        size_t dl = strlen(deep);
        for (int k = 0; k < depth_of[d]; k++)
            deep[dl++] = '[';
        deep[dl++] = '1';
        for (int k = 0; k < depth_of[d]; k++)
            deep[dl++] = ']';
        deep[dl] = '\0';
    }
    buf b = {0};
    put(&b, geojson ? "{\"type\": \"FeatureCollection\", \"features\": [\n"
                    : "{\"title\": \"par\\\"allel [test]\", \"incidents\": [\n");
    for (size_t i = 0; i < n; i++) {
        const char *sep = i % 7 == 0 ? ",\r\n\t" : i % 3 == 0 ? " , " : ",\n";
        if (i)
            put(&b, "%s", sep);
        const char *deep = bad && i % 1777 >= 50 && i % 1777 < 54 ? deeps[i % 1777 - 50] : "";
        double lat = 29 + (double)(i % 900) / 100.0, lon = 38 + (double)(i % 1100) / 100.0;
        char site[96];
        snprintf(site, sizeof site, "%s",
                 i % 5 == 0 ? "Camp \\\"X\\\" [north], {gate}\\\\" : i % 5 == 1 ? "Al-As\\u00e9d" : "");
        unsigned id = (unsigned)(bad && i % 997 == 5 ? i - 3 : i); /* a duplicate */
        if (bad && i % 1013 == 17) {
            put(&b, "%zu", i); /* not an object */
            continue;
        }
        if (bad && i % 1409 == 31) {
            put(&b, "[{\"id\": \"x%zu\"}, \"]\"]", i);
            continue;
        }
        const char *lat_text = bad && i % 811 == 11 ? "\"north\"" : NULL;
        char latb[32];
        snprintf(latb, sizeof latb, "%.5f", lat);
        if (geojson && bad && i % 1500 == 77) { /* 30 positions: over a limit of 20 */
            put(&b, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"MultiPoint\", "
                    "\"coordinates\": [");
            for (int k = 0; k < 30; k++)
                put(&b, "%s[%.5f, %.5f]", k ? ", " : "", lon, lat + k * 0.001);
            put(&b, "]}, \"properties\": {\"id\": \"r-%u\", \"date\": \"2020-01-01\"}}", id);
        } else if (geojson) {
            /* the shapes a Feature takes (RFC 7946 and what exporters
             * write), valid and not: its own id of each type, properties
             * null or absent, an altitude, a bbox and a foreign member,
             * the wrong type, a geometry null (the point in properties), a
             * line, a position of strings, nested properties */
            char idm[48] = "", geom[160], extra[160] = "", props[400];
            if (i % 11 == 1)
                snprintf(idm, sizeof idm, ", \"id\": \"f-%zu\"", i);
            else if (i % 11 == 2)
                snprintf(idm, sizeof idm, ", \"id\": %zu", i * 10);
            else if (i % 11 == 3)
                snprintf(idm, sizeof idm, ", \"id\": null");
            else if (bad && i % 29 == 9)
                snprintf(idm, sizeof idm, ", \"id\": true");
            const char *lt = lat_text ? "\"north\"" : latb;
            if (bad && i % 31 == 10)
                snprintf(geom, sizeof geom, "null");
            else if (bad && i % 37 == 11)
                snprintf(geom, sizeof geom, "{\"type\": \"LineString\", \"coordinates\": "
                         "[[%.5f, %s], [%.5f, %s]]}", lon, lt, lon + 1, lt);
            else if (bad && i % 41 == 12)
                snprintf(geom, sizeof geom, "{\"type\": \"Point\", \"coordinates\": "
                         "[\"%.5f\", %s]}", lon, lt);
            else
                snprintf(geom, sizeof geom, "{\"type\": \"Point\", \"coordinates\": "
                         "[%.5f, %s%s]}", lon, lt, i % 17 == 6 ? ", 12.5" : "");
            if (i % 19 == 7)
                snprintf(extra, sizeof extra, ", \"bbox\": [%.5f, %s, %.5f, %s], "
                         "\"foo\": {\"a\": [1, {\"b\": 2}]}", lon, latb, lon, latb);
            if (i % 13 == 4)
                snprintf(props, sizeof props, ", \"properties\": null");
            else if (i % 13 == 5)
                props[0] = '\0';
            else
                snprintf(props, sizeof props, ", \"properties\": {\"id\": \"r-%u\", "
                         "\"date\": \"2020-%02zu-%02zu\", \"site\": \"%s\", \"weapon\": \"%s\""
                         "%s%s%s}", id, 1 + i % 12, 1 + i % 28, site,
                         i % 4 == 0 ? "rocket" : i % 4 == 1 ? "drone" : i % 4 == 2 ? "mortar" : "ied",
                         bad && i % 43 == 13 ? ", \"extra\": {\"x\": [1]}" : "",
                         bad && i % 31 == 10 ? ", \"lat\": 33.5, \"lon\": 44.25" : "", deep);
            put(&b, "{\"type\": \"%s\"%s, \"geometry\": %s%s%s}",
                bad && i % 23 == 8 ? "feature" : "Feature", idm, geom, extra, props);
        }
        else
            put(&b, "{\"id\": \"r-%u\", \"date\": \"2020-%02zu-%02zu\", \"lat\": %s, \"lon\": %.5f, "
                    "\"site\": \"%s\", \"weapon\": \"%s\", \"count\": %s%s}",
                id, 1 + i % 12, 1 + i % 28, lat_text ? lat_text : latb, lon, site,
                i % 4 == 0 ? "rocket" : i % 4 == 1 ? "drone" : i % 4 == 2 ? "mortar" : "ied",
                bad && i % 1201 == 7 ? "2.5" : bad && i % 1301 == 3 ? "true" : "3",
                deep);
    }
    put(&b, "\n]}\n");
    return b.s;
}

static uint64_t g_max_points; /* 0: the default limit */
static unsigned g_max_strings; /* 0: the default limit */
static const char *g_name = "doc.json"; /* the document's name: its format */

/* Everything a load shows: status, the messages, the records. */
static char *load_dump(const char *doc, size_t size, const char *threads, const char *block,
                       bool skip, bool dedupe)
{
    setenv("INCMAP_THREADS", threads, 1);
    if (block)
        setenv("INCMAP_PARSE_BLOCK", block, 1);
    else
        unsetenv("INCMAP_PARSE_BLOCK");
    buf out = {0};
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    if (!ctx || !set)
        abort();
    im_context_set_log(ctx, log_to, &out);
    im_context_set_skip_invalid(ctx, skip);
    im_context_set_dedupe(ctx, dedupe);
    if (g_max_points) {
        im_limits lim;
        im_context_get_limits(ctx, &lim);
        lim.max_points = g_max_points;
        if (im_context_set_limits(ctx, &lim) != IM_OK)
            abort();
    }
    if (g_max_strings) {
        im_limits lim;
        im_context_get_limits(ctx, &lim);
        lim.max_string_bytes = g_max_strings;
        if (im_context_set_limits(ctx, &lim) != IM_OK)
            abort();
    }
    im_status st = im_incidents_load_buffer(ctx, set, g_name, doc, size, IM_INPUT_AUTO);
    put(&out, "status %d: %s\ntitle %s\n", (int)st, im_context_last_error(ctx),
        im_incidents_title(set) ? im_incidents_title(set) : "-");
    for (size_t i = 0; i < im_incidents_count(set); i++) {
        im_incident r;
        if (im_incidents_get(set, i, &r) != IM_OK)
            abort();
        put(&out, "%s|%s|%s|%.6f|%.6f|%lld|%d\n", r.id, r.site, r.weapon, r.lat, r.lon,
            (long long)r.time, r.count);
    }
    im_incidents_free(set);
    im_context_free(ctx);
    return out.s;
}

static void same_as_serial(const char *what, const char *doc, size_t size, bool skip,
                           bool dedupe)
{
    char *serial = load_dump(doc, size, "1", NULL, skip, dedupe);
    if (getenv("TEST_PARALLEL_SHOW")) /* what the cases look like */
        printf("== %s (skip %d, dedupe %d)\n%.1500s\n...\n%s\n", what, skip, dedupe, serial,
               serial + (strlen(serial) > 600 ? strlen(serial) - 600 : 0));
    const char *blocks[] = {"1", "97", "4096", NULL};
    const char *threads[] = {"2", "4", "3", "8"};
    for (int k = 0; k < 4; k++) {
        char *par = load_dump(doc, size, threads[k], blocks[k], skip, dedupe);
        size_t d = 0;
        while (serial[d] && serial[d] == par[d])
            d++;
        CHECK(strcmp(serial, par) == 0,
              "%s (skip %d, dedupe %d), %s threads, block %s: differs at byte %zu:\n"
              "serial:   %.160s\nparallel: %.160s", what, skip, dedupe, threads[k],
              blocks[k] ? blocks[k] : "default", d, serial + d, par + d);
        free(par);
    }
    free(serial);
}

/* Whether the members m[0..n) are obj's, in its order, with its values. */
static bool same_members(json_t *obj, const im_jmember *m, size_t n)
{
    if (!json_is_object(obj) || json_object_size(obj) != n)
        return false;
    size_t i = 0;
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) {
        const im_jmember *e = &m[i++];
        if (strcmp(e->key, key) != 0 || e->type != (unsigned char)json_typeof(val))
            return false;
        if (json_is_string(val) &&
            (e->len != json_string_length(val) ||
             memcmp(e->str, json_string_value(val), e->len + 1) != 0))
            return false;
        if (json_is_integer(val) && e->inum != (long long)json_integer_value(val))
            return false;
        if (json_is_number(val) && e->num != json_number_value(val))
            return false;
    }
    return true;
}

/* Whether a flat feature (members m[0..n) and f) is the Feature want. */
static bool same_feature(json_t *want, const im_jmember *m, size_t n, const im_jfeature *f)
{
    json_t *props = json_object_get(want, "properties");
    json_t *c = json_object_get(json_object_get(want, "geometry"), "coordinates");
    json_t *id = json_object_get(want, "id");
    if (json_is_null(props))
        props = NULL;
    if (json_is_null(id))
        id = NULL;
    if (!f || f->props != (props != NULL) || (props ? !same_members(props, m, n) : n != 0) ||
        f->lon != json_number_value(json_array_get(c, 0)) ||
        f->lat != json_number_value(json_array_get(c, 1)))
        return false;
    if (!id)
        return f->id.type == JSON_NULL;
    json_t *wrap = json_object(); /* the id as a one-member object, for same_members */
    json_object_set(wrap, "id", id);
    bool same = same_members(wrap, &f->id, 1);
    json_decref(wrap);
    return same;
}

/* The pool itself: every element it hands out is the one the serial walk
 * decodes at that place (and it does hand some out); flat: objects of
 * scalars (records) or point Features (features) come flat. */
static void pool_direct(const char *doc, size_t size, im_jflat flat)
{
    setenv("INCMAP_THREADS", "3", 1);
    setenv("INCMAP_PARSE_BLOCK", "200", 1);
    im_context *ctx = im_context_new();
    const char *key = flat == IM_JFLAT_FEATURES ? "\"features\": [" : "\"incidents\": [";
    const char *arr = strstr(doc, key) + strlen(key);
    size_t pos = (size_t)(arr - doc);
    while (doc[pos] == ' ' || doc[pos] == '\n')
        pos++;
    im_jpool *p = im_jpool_start(ctx, doc, size, pos, flat);
    CHECK(p != NULL, "no pool with 3 threads");
    size_t taken = 0, elems = 0, flats = 0;
    while (p && doc[pos] != ']') {
        json_error_t err;
        json_t *want = json_loadb(doc + pos, size - pos,
                                  JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK |
                                      JSON_REJECT_DUPLICATES, &err);
        if (!want)
            break;
        size_t end = 0, want_end = pos + err.position;
        unsigned levels = 0;
        const im_jmember *m = NULL;
        size_t nm = 0;
        const im_jfeature *ft;
        json_t *got = im_jpool_take(p, pos, &end, &levels, &m, &nm, &ft);
        if (got) {
            taken++;
            CHECK(json_equal(got, want) && end == want_end, "element at byte %zu differs", pos);
        } else if (m && flat == IM_JFLAT_FEATURES) {
            taken++;
            flats++;
            CHECK(same_feature(want, m, nm, ft) && end == want_end && levels >= 3,
                  "flat feature at byte %zu differs", pos);
        } else if (m) {
            taken++;
            flats++;
            CHECK(!ft && same_members(want, m, nm) && end == want_end && levels == 2,
                  "flat element at byte %zu differs", pos);
        }
        json_decref(want);
        elems++;
        pos = want_end;
        while (doc[pos] == ' ' || doc[pos] == ',' || doc[pos] == '\n' || doc[pos] == '\r' ||
               doc[pos] == '\t')
            pos++;
    }
    /* (features: those over the positions limit are left to the reader) */
    CHECK((taken == elems || flat == IM_JFLAT_FEATURES) && taken > 1000,
          "pool gave %zu of %zu elements", taken, elems);
    /* the document's records are objects of scalars, but for the odd one */
    CHECK(flat ? flats > elems / 2 : flats == 0, "flat %d: %zu of %zu elements flat", flat,
          flats, elems);
    im_jpool_stop(p);
    im_context_free(ctx);
}

/* A CSV of n rows as exporters and spreadsheets write them: quoted fields
 * holding delimiters, quotes and line breaks (LF, CRLF, a lone CR), CRLF
 * and LF line ends, empty lines and rows of empty fields, no line break at
 * the end, a first field on two lines; with bad, rows a field short, a quote inside an unquoted field
 * (a syntax error that stops the read), a field longer than a limit of
 * 200 bytes, a NUL, bytes that are not UTF-8, a duplicate id, a latitude
 * that is text. delim: ',' ';' or '\t' (then decimals have commas). */
static char *make_csv(size_t n, bool bad, char delim, bool syntax_error, size_t *len)
{
    buf b = {0};
    const char d = delim;
    put(&b, "id%cdate%clatitude%clongitude%clocation%csub_event_type%cnotes\r\n", d, d, d, d, d, d);
    for (size_t i = 0; i < n; i++) {
        char lat[32], lon[32];
        snprintf(lat, sizeof lat, "%.5f", 29 + (double)(i % 900) / 100.0);
        snprintf(lon, sizeof lon, "%.4f", 38 + (double)(i % 1100) / 100.0);
        if (delim != ',') { /* a spreadsheet's decimal commas */
            *strchr(lat, '.') = ',';
            *strchr(lon, '.') = ',';
        }
        const char *notes = i % 7 == 0   ? "\"two\nlines, \"\"quoted\"\"\""
                            : i % 7 == 1 ? "\"crlf\r\ninside; and\ttab\""
                            : i % 7 == 2 ? "\"a lone\rcr\""
                            : i % 7 == 3 ? "plain"
                                         : "";
        const char *site = i % 5 == 0 ? "\"Camp \"\"X\"\", north\"" : i % 5 == 1 ? "Al-As\xc3\xa9" "d" : "";
        const char *eol = i % 3 == 0 ? "\r\n" : "\n";
        unsigned id = (unsigned)(bad && i % 997 == 5 ? i - 3 : i);
        if (i % 101 == 50)
            put(&b, "\n"); /* an empty line */
        if (i % 103 == 51)
            put(&b, "%c%c%c%c%c%c%s", d, d, d, d, d, d, eol); /* a row of nothing */
        if (bad && i % 211 == 13) {
            put(&b, "r-%u%c2020-01-01%c%s%c%s%cshort%s", id, d, d, lat, d, lon, d, eol);
            continue;
        }
        const char *weapon = i % 4 == 0 ? "Shelling/artillery/missile attack"
                             : i % 4 == 1 ? "Air/drone strike"
                             : i % 4 == 2 ? "mortar"
                                          : "Remote explosive/landmine/IED";
        char longf[300] = "";
        if (bad && i % 307 == 17) {
            memset(longf, 'x', 250);
            longf[250] = '\0';
        }
        const char *odd = bad && i % 401 == 19   ? "caf\xe9" " ok" /* not UTF-8 */
                          : bad && i % 409 == 23 ? "\"a\x01nul\"" /* a NUL below */
                                                 : "";
        put(&b, i % 53 == 7 ? "\"r-%u\nb\"" : "r-%u", id); /* a first field on two lines */
        put(&b, "%c2020-%02zu-%02zu%c%s%c%s%c%s%s%s%c%s%c%s%s", d, 1 + i % 12, 1 + i % 28,
            d, bad && i % 811 == 11 ? "north" : lat, d, lon, d, *longf || *odd ? "" : site, longf,
            odd, d, weapon, d,
            notes, i + 1 < n ? eol : "");
    }
    char *doc = b.s;
    *len = b.n;
    for (size_t i = 0; i < b.n; i++)
        if (doc[i] == '\x01')
            doc[i] = '\0';
    if (syntax_error) { /* a quote inside an unquoted field, three quarters in */
        char *at = strstr(doc + b.n * 3 / 4, "plain");
        if (at)
            at[2] = '"';
    }
    return doc;
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const size_t n = 4000;
    char *good = make_doc(n, false, false), *bad = make_doc(n, true, false);
    pool_direct(good, strlen(good), IM_JFLAT_NONE);
    pool_direct(good, strlen(good), IM_JFLAT_RECORDS);
    same_as_serial("valid", good, strlen(good), false, false);
    same_as_serial("invalid records", bad, strlen(bad), false, false);
    same_as_serial("invalid records", bad, strlen(bad), true, true);
    char *geo = make_doc(n, true, true);
    pool_direct(geo, strlen(geo), IM_JFLAT_FEATURES);
    same_as_serial("GeoJSON", geo, strlen(geo), true, true);
    same_as_serial("GeoJSON", geo, strlen(geo), false, false);
    /* the legacy crs member: flat features' positions are transformed too */
    const char *head = "{\"type\": \"FeatureCollection\", ";
    char *geo_crs = malloc(strlen(geo) + 128);
    if (!geo_crs)
        abort();
    snprintf(geo_crs, strlen(geo) + 128, "%s\"crs\": {\"type\": \"name\", \"properties\": "
             "{\"name\": \"urn:ogc:def:crs:EPSG::3857\"}}, %s", head, geo + strlen(head));
    same_as_serial("GeoJSON in EPSG:3857", geo_crs, strlen(geo_crs), true, false);
    free(geo_crs);
    g_max_points = 20;
    same_as_serial("GeoJSON, --max-points 20", geo, strlen(geo), true, false);
    same_as_serial("GeoJSON, --max-points 20", geo, strlen(geo), false, false);
    g_max_points = 0;

    /* CSV: rows parsed ahead (csv_parallel.c) make the same load */
    g_name = "doc.csv";
    const char delims[] = {',', ';', '\t'};
    for (int k = 0; k < 3; k++) {
        size_t len;
        char *csv = make_csv(n, k == 0, delims[k], false, &len), what[64];
        snprintf(what, sizeof what, "CSV, delimiter %d", delims[k]);
        same_as_serial(what, csv, len, true, true);
        same_as_serial(what, csv, len, false, false);
        if (k == 0) {
            g_max_strings = 200;
            same_as_serial("CSV, fields of 200 bytes at most", csv, len, true, false);
            g_max_strings = 0;
        }
        free(csv);
    }
    {
        size_t len;
        char *csv = make_csv(n, true, ',', true, &len);
        same_as_serial("CSV with a stray quote", csv, len, true, false);
        free(csv);
        csv = make_csv(n, true, ',', false, &len);
        char *last = NULL;
        for (char *q = strstr(csv, "\"two\n"); q; q = strstr(q + 1, "\"two\n"))
            last = q;
        CHECK(last != NULL, "no quoted line break to cut in");
        if (last)
            same_as_serial("CSV cut inside a quoted field", csv, (size_t)(last - csv) + 5, true,
                           false);
        free(csv);
        /* GTD's columns: read as Windows-1252 (its exports are) */
        buf g = {0};
        put(&g, "eventid,iyear,imonth,iday,latitude,longitude,city,weaptype1_txt\n");
        for (size_t i = 0; i < n; i++)
            put(&g, "2020%06zu,2020,%zu,%zu,%.4f,%.4f,\"%s\",%s\n", i, 1 + i % 12, 1 + i % 28,
                30 + (double)(i % 700) / 100.0, 40 + (double)(i % 800) / 100.0,
                i % 3 ? "Caf\xe9 d\x92Or" : "Mosul", i % 2 ? "Explosives" : "Firearms");
        same_as_serial("GTD in Windows-1252", g.s, g.n, true, false);
        free(g.s);
    }
    g_name = "doc.json";

    /* Broken documents: the first syntax error where the serial walk finds
     * it, late in the array, past many blocks. */
    char *doc = strdup(good);
    size_t len = strlen(doc);
    char *mid = strstr(doc + len * 3 / 4, "}, {");
    if (!mid)
        mid = strstr(doc + len * 3 / 4, "},\n{");
    CHECK(mid != NULL, "no place for a syntax error");
    if (mid) {
        char *cut = strdup(doc);
        cut[mid - doc + 1] = ' '; /* a missing comma */
        same_as_serial("missing comma", cut, len, true, false);
        strcpy(cut, doc);
        cut[mid - doc] = ']'; /* a bracket for a brace */
        same_as_serial("wrong bracket", cut, len, false, false);
        strcpy(cut, doc);
        memcpy(cut + (mid - doc) - 8, "\xff\xfe", 2); /* not UTF-8 */
        same_as_serial("invalid UTF-8", cut, len, false, false);
        strcpy(cut, doc);
        cut[mid - doc - 3] = '"'; /* an unbalanced quote */
        same_as_serial("unbalanced quote", cut, len, false, false);
        same_as_serial("truncated", doc, (size_t)(mid - doc) + 2, false, false);
        free(cut);
    }
    /* a trailing comma before the end of the array */
    char *tail = strstr(doc, "\n]}");
    if (tail) {
        tail[0] = ',';
        same_as_serial("trailing comma", doc, len, false, false);
    }
    free(doc);
    free(good);
    free(bad);
    free(geo);
    return check_result("test_parallel");
}
