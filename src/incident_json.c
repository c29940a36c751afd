/* incident_json.c - the native incmap JSON reader.
 *
 * The document is walked by hand at the top level and each element of the
 * "incidents" array is decoded on its own with jansson
 * (JSON_DISABLE_EOF_CHECK), so memory holds one record's tree at a time,
 * never the whole document. A top-level array of incidents is accepted too.
 */
#include "im_private.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct walker {
    im_load *ld;
    const char *data;
    size_t size, pos;
    size_t line_pos;  /* position up to which lines were counted */
    int line;         /* 1-based line at line_pos */
    size_t line_start;/* offset of the start of that line */
} walker;

/* Advance the line counter to pos and return line/column of pos. */
static void where(walker *w, size_t pos, int *line, int *col)
{
    for (; w->line_pos < pos && w->line_pos < w->size; w->line_pos++)
        if (w->data[w->line_pos] == '\n') {
            w->line++;
            w->line_start = w->line_pos + 1;
        }
    *line = w->line;
    *col = (int)(pos - w->line_start) + 1;
}

static im_status syntax(walker *w, size_t pos, const char *msg)
{
    int line, col;
    where(w, pos, &line, &col);
    return im_fail(w->ld->ctx, IM_ERR_SYNTAX, "%s:%d:%d: %s", w->ld->name, line, col, msg);
}

static void skip_ws(walker *w)
{
    while (w->pos < w->size) {
        char c = w->data[w->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        w->pos++;
    }
}

/* Decode one JSON value at w->pos and advance past it. */
static im_status decode(walker *w, json_t **out)
{
    json_error_t err;
    size_t start = w->pos;
    json_t *v = json_loadb(w->data + start, w->size - start,
                           JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
                           &err);
    if (!v) {
        /* jansson's position counts from our start; report absolute. */
        int line, col;
        where(w, start, &line, &col);
        int eline = err.line > 0 ? err.line : 1;
        int ecol = err.column > 0 ? err.column : 1;
        int aline = line + eline - 1;
        int acol = eline == 1 ? col + ecol - 1 : ecol;
        const char *hint = strstr(err.text, "unable to decode byte")
                               ? " (the file is not valid UTF-8 text)" : "";
        return im_fail(w->ld->ctx, IM_ERR_SYNTAX, "%s:%d:%d: %s%s", w->ld->name, aline, acol,
                       err.text, hint);
    }
    w->pos = start + err.position;
    *out = v;
    return IM_OK;
}

static bool depth_ok(json_t *v, unsigned depth, unsigned max)
{
    if (depth > max)
        return false;
    if (json_is_object(v)) {
        const char *k;
        json_t *c;
        json_object_foreach(v, k, c) if (!depth_ok(c, depth + 1, max)) return false;
    } else if (json_is_array(v)) {
        size_t i;
        json_t *c;
        json_array_foreach(v, i, c) if (!depth_ok(c, depth + 1, max)) return false;
    }
    return true;
}

static const char *type_name(json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

/* Field extraction with type errors reported against the record. */
static const char *get_string(im_load *ld, size_t i, const char *id, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        im_load_error(ld, i, id, "%s: must be a string, not %s", key, type_name(v));
        return NULL;
    }
    if (memchr(json_string_value(v), '\0', json_string_length(v))) {
        im_load_error(ld, i, id, "%s: contains a NUL character", key);
        return NULL;
    }
    return json_string_value(v);
}

static bool get_number(im_load *ld, size_t i, const char *id, json_t *o, const char *key,
                       double *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return false;
    if (!json_is_number(v)) {
        im_load_error(ld, i, id, "%s: must be a number, not %s", key, type_name(v));
        return false;
    }
    *out = json_number_value(v);
    return true;
}

static bool get_integer(im_load *ld, size_t i, const char *id, json_t *o, const char *key,
                        long long *out)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return false;
    double d = json_is_real(v) ? json_real_value(v) : 0;
    if (json_is_integer(v))
        *out = json_integer_value(v);
    else if (json_is_real(v) && d == floor(d) && fabs(d) < 9e15)
        *out = (long long)d;
    else {
        im_load_error(ld, i, id, "%s: must be a whole number, not %s", key,
                      json_is_real(v) ? "a fraction" : type_name(v));
        return false;
    }
    return true;
}

static im_status record(walker *w, size_t index, json_t *v)
{
    im_load *ld = w->ld;
    if (!json_is_object(v)) {
        im_load_error(ld, index, NULL, "must be an object, not %s", type_name(v));
        return IM_OK;
    }
    if (!depth_ok(v, 2, ld->ctx->limits.max_depth)) {
        im_load_error(ld, index, NULL, "nested deeper than the limit of %u levels",
                      (unsigned)ld->ctx->limits.max_depth);
        return IM_OK;
    }
    im_raw raw;
    memset(&raw, 0, sizeof raw);
    json_t *idv = json_object_get(v, "id");
    char idbuf[32];
    if (json_is_integer(idv)) { /* numeric ids are common in exports */
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(idv));
        raw.id = idbuf;
    } else {
        raw.id = get_string(ld, index, NULL, v, "id");
    }
    raw.date = get_string(ld, index, raw.id, v, "date");
    raw.weapon = get_string(ld, index, raw.id, v, "weapon");
    raw.site = get_string(ld, index, raw.id, v, "site");
    raw.source = get_string(ld, index, raw.id, v, "source");
    raw.has_lat = get_number(ld, index, raw.id, v, "lat", &raw.lat);
    raw.has_lon = get_number(ld, index, raw.id, v, "lon", &raw.lon);
    raw.has_count = get_integer(ld, index, raw.id, v, "count", &raw.count);
    raw.has_casualties = get_integer(ld, index, raw.id, v, "casualties", &raw.casualties);
    raw.has_uncertainty = get_number(ld, index, raw.id, v, "uncertainty_km", &raw.uncertainty_km);
    long long gp;
    if (get_integer(ld, index, raw.id, v, "geo_precision", &gp))
        raw.geo_precision = gp >= 1 && gp <= 3 ? (int)gp : -1;
    /* A present-but-mistyped required field was reported above; don't
     * report it again as missing. */
    json_t *lat = json_object_get(v, "lat"), *lon = json_object_get(v, "lon");
    if (lat && !json_is_number(lat) && !json_is_null(lat)) { raw.has_lat = true; raw.lat = 0; }
    if (lon && !json_is_number(lon) && !json_is_null(lon)) { raw.has_lon = true; raw.lon = 0; }
    json_t *date = json_object_get(v, "date");
    if (date && !json_is_string(date) && !json_is_null(date))
        raw.date = "0000-01-01"; /* already reported; keeps "missing" quiet */
    if (json_is_string(json_object_get(v, "weapon")) == 0 && json_object_get(v, "weapon") &&
        !json_is_null(json_object_get(v, "weapon")))
        raw.weapon = "other";
    return im_load_record(ld, index, &raw);
}

static im_status incidents_array(walker *w)
{
    /* w->pos is at '[' */
    w->pos++;
    size_t index = 0;
    skip_ws(w);
    if (w->pos < w->size && w->data[w->pos] == ']') {
        w->pos++;
        return IM_OK;
    }
    for (;;) {
        skip_ws(w);
        if (w->pos >= w->size)
            return syntax(w, w->pos, "unexpected end of input inside the incidents array");
        json_t *v;
        im_status st = decode(w, &v);
        if (st != IM_OK)
            return st;
        st = record(w, index, v);
        json_decref(v);
        if (st != IM_OK)
            return st;
        index++;
        skip_ws(w);
        if (w->pos >= w->size)
            return syntax(w, w->pos, "unexpected end of input inside the incidents array");
        char c = w->data[w->pos++];
        if (c == ']')
            return IM_OK;
        if (c != ',')
            return syntax(w, w->pos - 1, "expected ',' or ']' after an incident");
    }
}

im_status im_json_read(im_load *ld, const char *data, size_t size)
{
    walker w = {ld, data, size, 0, 0, 1, 0};
    /* A UTF-8 byte order mark is tolerated. */
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        w.pos = w.line_pos = w.line_start = 3;
    skip_ws(&w);
    if (w.pos >= size)
        return syntax(&w, w.pos, "the file is empty; expected a JSON object with an "
                                 "\"incidents\" array");
    im_status st;
    if (data[w.pos] == '[') {
        if ((st = incidents_array(&w)) != IM_OK)
            return st;
    } else if (data[w.pos] != '{') {
        json_t *v = NULL;
        st = decode(&w, &v);
        if (st != IM_OK)
            return st;
        const char *t = type_name(v);
        json_decref(v);
        return im_fail(ld->ctx, IM_ERR_DATA,
                       "%s: the top level is %s; expected an object with an \"incidents\" "
                       "array", ld->name, t);
    } else {
        w.pos++;
        bool found = false, first = true;
        for (;;) {
            skip_ws(&w);
            if (w.pos >= size)
                return syntax(&w, w.pos, "unexpected end of input inside the top-level object");
            if (data[w.pos] == '}' && first) {
                w.pos++;
                break;
            }
            if (data[w.pos] != '"')
                return syntax(&w, w.pos, "expected a member name in double quotes");
            json_t *key;
            if ((st = decode(&w, &key)) != IM_OK)
                return st;
            char name[64];
            snprintf(name, sizeof name, "%s", json_string_value(key));
            json_decref(key);
            skip_ws(&w);
            if (w.pos >= size || data[w.pos] != ':')
                return syntax(&w, w.pos, "expected ':' after a member name");
            w.pos++;
            skip_ws(&w);
            if (strcmp(name, "incidents") == 0) {
                if (found)
                    return syntax(&w, w.pos, "duplicate member \"incidents\"");
                found = true;
                if (w.pos >= size || data[w.pos] != '[') {
                    json_t *v = NULL;
                    if ((st = decode(&w, &v)) != IM_OK)
                        return st;
                    const char *t = type_name(v);
                    json_decref(v);
                    return im_fail(ld->ctx, IM_ERR_DATA,
                                   "%s: \"incidents\" is %s; expected an array", ld->name, t);
                }
                if ((st = incidents_array(&w)) != IM_OK)
                    return st;
            } else {
                json_t *v; /* title, source, foreign members: checked, not kept */
                if ((st = decode(&w, &v)) != IM_OK)
                    return st;
                bool deep = !depth_ok(v, 1, ld->ctx->limits.max_depth);
                json_decref(v);
                if (deep)
                    return im_fail(ld->ctx, IM_ERR_LIMIT,
                                   "%s: member \"%s\" is nested deeper than %u levels",
                                   ld->name, name, (unsigned)ld->ctx->limits.max_depth);
            }
            first = false;
            skip_ws(&w);
            if (w.pos >= size)
                return syntax(&w, w.pos, "unexpected end of input inside the top-level object");
            char c = data[w.pos++];
            if (c == '}')
                break;
            if (c != ',')
                return syntax(&w, w.pos - 1, "expected ',' or '}' in the top-level object");
        }
        if (!found)
            return im_fail(ld->ctx, IM_ERR_DATA, "%s: no \"incidents\" array in the top-level "
                                                 "object", ld->name);
    }
    skip_ws(&w);
    if (w.pos < size)
        return syntax(&w, w.pos, "unexpected text after the end of the JSON document");
    return IM_OK;
}
