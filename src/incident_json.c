/* incident_json.c - the native incmap JSON reader.
 *
 * The document is walked by hand at the top level and each element of the
 * "incidents" array is decoded on its own with jansson
 * (JSON_DISABLE_EOF_CHECK), so memory holds one record's tree at a time,
 * never the whole document. A top-level array of incidents is accepted too.
 * The walking itself is shared with the GeoJSON reader (json_walk.c).
 */
#include "im_private.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *get_string(im_load *ld, size_t i, const char *id, json_t *o, const char *key)
{
    return im_json_string(ld, i, id, json_object_get(o, key), key);
}

static bool get_number(im_load *ld, size_t i, const char *id, json_t *o, const char *key,
                       double *out)
{
    return im_json_number(ld, i, id, json_object_get(o, key), key, out);
}

static bool get_integer(im_load *ld, size_t i, const char *id, json_t *o, const char *key,
                        long long *out)
{
    return im_json_integer(ld, i, id, json_object_get(o, key), key, out);
}

static im_status record(im_jw *w, size_t index, json_t *v, void *user)
{
    (void)user;
    im_load *ld = w->ld;
    if (!json_is_object(v)) {
        im_load_error(ld, index, NULL, "must be an object, not %s", im_json_type_name(v));
        return IM_OK;
    }
    if (!im_json_depth_ok(v, 2, ld->ctx->limits.max_depth)) {
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

static im_status top_member(im_jw *w, const char *name, void *user)
{
    bool *found = user;
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
    if (strcmp(name, "incidents") != 0)
        return im_jw_skip_member(w, name);
    if (*found)
        return im_jw_syntax(w, w->pos, "duplicate member \"incidents\"");
    *found = true;
    if (w->pos >= w->size || w->data[w->pos] != '[') {
        json_t *v = NULL;
        im_status st = im_jw_decode(w, &v);
        if (st != IM_OK)
            return st;
        const char *t = im_json_type_name(v);
        json_decref(v);
        return im_fail(ld->ctx, IM_ERR_DATA, "%s: \"incidents\" is %s; expected an array",
                       ld->name, t);
    }
    return im_jw_array(w, "incidents", "an incident", record, NULL);
}

im_status im_json_read(im_load *ld, const char *data, size_t size)
{
    im_jw w;
    im_jw_init(&w, ld, data, size);
    im_jw_skip_ws(&w);
    if (w.pos >= size)
        return im_jw_syntax(&w, w.pos, "the file is empty; expected a JSON object with an "
                                       "\"incidents\" array");
    im_status st;
    if (data[w.pos] == '[') {
        if ((st = im_jw_array(&w, "incidents", "an incident", record, NULL)) != IM_OK)
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
                       "array", ld->name, t);
    } else {
        bool found = false;
        if ((st = im_jw_object(&w, top_member, &found)) != IM_OK)
            return st;
        if (!found)
            return im_fail(ld->ctx, IM_ERR_DATA, "%s: no \"incidents\" array in the top-level "
                                                 "object", ld->name);
    }
    return im_jw_end(&w);
}
