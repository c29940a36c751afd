/* incident_json.c - JSON records of any shape: incmap's native format and
 * the JSON that other tools give.
 *
 * The records are a top-level array, or the array held by one member of a
 * top-level object: "incidents" (native), "data" (the ACLED API's
 * envelope {"status": 200, "data": [...]}), "records", "events",
 * "results", "items", "rows" or "Result" (the UCDP API's envelope
 * {"TotalCount": .., "Result": [...]}). The document is walked by hand at the top
 * level and each record is decoded on its own with jansson
 * (JSON_DISABLE_EOF_CHECK), so memory holds one record's tree at a time.
 * Members feed fields by name as in every reader (incident_fields.c:
 * --field, the preset's names, latitude/longitude/lng...), strings or
 * numbers alike; duplicate members are errors.
 */
#include "im_private.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *const array_names[] = {"incidents", "data", "records", "events",
                                          "results", "items", "rows", "Result"};

typedef struct jr {
    bool found;              /* the records array was read */
    char array[16];          /* its member name */
    long long status;        /* the API's "status" member, 0 when none */
    char base[64];           /* the file's base name, for ids made up */
} jr;

/* A record without latitude and longitude members may hold its point in
 * one string member, as WKT ("geometry": "POINT (44.39 33.30)") or as
 * "lat, lon" ("coordinates": "33.3152, 44.3661"), read as in CSV
 * (incident_coords.c). An array is left alone: [x, y] says no order. */
static void column_point(im_load *ld, size_t index, const im_jmember *m, size_t n,
                         im_values *v)
{
    const im_context *ctx = ld->ctx;
    if (v->text[IM_F_LAT] || v->text[IM_F_LON] || v->bad[IM_F_LAT] || v->bad[IM_F_LON] ||
        ctx->fields[IM_F_LAT] || ctx->fields[IM_F_LON])
        return;
    const im_jmember *wkt = NULL, *pair = NULL;
    int wkt_best = 1000, pair_best = 1000;
    bool lon_first = false;
    for (size_t i = 0; i < n; i++) {
        if (m[i].type != JSON_STRING)
            continue;
        bool lf;
        int k = im_wkt_column_rank(m[i].key);
        if (k >= 0 && k < wkt_best)
            wkt_best = k, wkt = &m[i];
        k = im_pair_column_rank(m[i].key, &lf);
        if (k >= 0 && k < pair_best)
            pair_best = k, pair = &m[i], lon_first = lf;
    }
    if (wkt)
        im_values_wkt(ld, index, v->text[IM_F_ID], wkt->key, wkt->str, v);
    else if (pair)
        im_values_pair(ld, index, v->text[IM_F_ID], pair->key, pair->str, lon_first, v);
}

/* v: the record's tree, or NULL when a worker handed it over as its
 * members (w->flat: an object of scalars). */
static im_status record(im_jw *w, size_t index, json_t *v, void *user)
{
    jr *j = user;
    im_load *ld = w->ld;
    if (v && !json_is_object(v)) {
        im_load_error(ld, index, NULL, "must be an object, not %s", im_json_type_name(v));
        return IM_OK;
    }
    if (!im_jw_depth_ok(w, v, 2, ld->ctx->limits.max_depth)) {
        im_load_error(ld, index, NULL, "nested deeper than the limit of %u levels",
                      (unsigned)ld->ctx->limits.max_depth);
        return IM_OK;
    }
    im_jmember stack[64], *heap = NULL;
    const im_jmember *m = w->flat;
    size_t n = w->flat_n;
    if (v && !(m = im_json_members(v, stack, 64, &heap, &n)))
        return im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
    im_json_values jv;
    im_json_members_fill(ld, index, m, n, "", &jv);
    char idbuf[96];
    /* Native records need an id; other shapes often have none. */
    if (strcmp(j->array, "incidents") != 0) {
        snprintf(idbuf, sizeof idbuf, "%s#%zu", j->base, index);
        jv.v.id_fallback = idbuf;
    }
    column_point(ld, index, m, n, &jv.v);
    im_jw_id_ahead(w, m, n, jv.v.text[IM_F_ID]);
    im_status st = im_load_values(ld, index, &jv.v);
    free(heap);
    return st;
}

static im_status top_member(im_jw *w, const char *name, void *user)
{
    jr *j = user;
    im_load *ld = w->ld;
    if (strcmp(name, "title") == 0 && !ld->set->title) {
        json_t *v = NULL;
        im_status st = im_jw_decode(w, &v);
        if (st == IM_OK && json_is_string(v) && json_string_length(v) > 0 &&
            !(ld->set->title = strdup(json_string_value(v))))
            st = im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
        json_decref(v);
        return st;
    }
    bool records = false;
    for (size_t k = 0; k < sizeof array_names / sizeof array_names[0]; k++)
        records = records || strcmp(name, array_names[k]) == 0;
    if (strcmp(name, "status") == 0) {
        json_t *v = NULL;
        im_status st = im_jw_decode(w, &v);
        if (st == IM_OK && json_is_integer(v))
            j->status = json_integer_value(v);
        json_decref(v);
        return st;
    }
    if (!records)
        return im_jw_skip_member(w, name);
    if (j->found && strcmp(j->array, name) == 0)
        return im_jw_syntax(w, w->pos, "duplicate member holding the records");
    if (j->found)
        return im_jw_skip_member(w, name);
    if (w->pos >= w->size || w->data[w->pos] != '[') {
        json_t *v = NULL;
        im_status st = im_jw_decode(w, &v);
        if (st != IM_OK)
            return st;
        const char *t = im_json_type_name(v);
        json_decref(v);
        if (strcmp(name, "incidents") != 0)
            return IM_OK; /* "data": {...} and the like: not records */
        return im_fail(ld->ctx, IM_ERR_DATA, "%s: \"incidents\" is %s; expected an array",
                       ld->name, t);
    }
    j->found = true;
    snprintf(j->array, sizeof j->array, "%s", name);
    return im_jw_array(w, name, "a record", record, j);
}

im_status im_json_read(im_load *ld, const char *data, size_t size)
{
    jr j;
    memset(&j, 0, sizeof j);
    const char *base = strrchr(ld->name, '/');
    snprintf(j.base, sizeof j.base, "%s", base ? base + 1 : ld->name);
    im_jw w;
    im_jw_init(&w, ld, data, size);
    w.flat_ok = IM_JFLAT_RECORDS; /* the one array walked here is the records': record() takes flat ones */
    im_jw_skip_ws(&w);
    if (w.pos >= size)
        return im_jw_syntax(&w, w.pos, "the file is empty; expected a JSON object with an "
                                       "\"incidents\" array, or an array of records");
    im_status st;
    if (data[w.pos] == '[') {
        snprintf(j.array, sizeof j.array, "[]");
        if ((st = im_jw_array(&w, "records", "a record", record, &j)) != IM_OK)
            return st;
    } else if (data[w.pos] != '{') {
        json_t *v = NULL;
        st = im_jw_decode(&w, &v);
        if (st != IM_OK)
            return st;
        const char *t = im_json_type_name(v);
        json_decref(v);
        return im_fail(ld->ctx, IM_ERR_DATA,
                       "%s: the top level is %s; expected an object with an \"incidents\" "
                       "array, or an array of records", ld->name, t);
    } else {
        if ((st = im_jw_object(&w, top_member, &j)) != IM_OK)
            return st;
        if (j.status && j.status != 200)
            return im_fail(ld->ctx, IM_ERR_DATA, "%s: the API response has status %lld, not "
                                                 "200 (an error response, not data)",
                           ld->name, j.status);
        if (!j.found)
            return im_fail(ld->ctx, IM_ERR_DATA,
                           "%s: no array of records in the top-level object (expected "
                           "\"incidents\", or \"data\" as in ACLED's API, \"records\", "
                           "\"events\", \"results\", \"items\", \"rows\", or \"Result\" as in "
                           "UCDP's API)", ld->name);
    }
    return im_jw_end(&w);
}
