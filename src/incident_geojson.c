/* incident_geojson.c - the GeoJSON (RFC 7946) reader.
 *
 * A FeatureCollection is walked by hand (json_walk.c) and each element of
 * "features" is decoded on its own, so memory holds one feature at a time.
 * A single top-level Feature is accepted too. Point and MultiPoint give one
 * incident per point; other geometries are skipped with a warning, or are
 * errors when the context is strict. Properties feed the record's fields by
 * known names or by the names set with im_context_set_field()
 * (incident_fields.c). Foreign members, bbox, altitudes and the legacy
 * "crs" member are tolerated.
 */
#include "im_private.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SKIP_WARNINGS 10

/* A precision code as given (for the message), -1 when it is 0 or huge. */
static int precision_value(long long p) { return p && p >= -99999 && p <= 99999 ? (int)p : -1; }

typedef struct gj {
    char type[32];        /* the top-level "type", "" when absent */
    bool features_seen;
    json_t *single;       /* members of a top-level Feature */
    size_t skipped;       /* features without a point geometry */
    char base[64];        /* the file's base name, for ids made up */
} gj;

/* A property's value as a whole number: a JSON number or a numeric string
 * (exports from spreadsheets often quote numbers). */
static bool prop_integer(im_load *ld, size_t i, const char *id, json_t *v, const char *key,
                         long long *out)
{
    double d;
    if (json_is_string(v)) {
        if (!*json_string_value(v))
            return false;
        if (!im_parse_decimal(json_string_value(v), &d) || d != floor(d) || fabs(d) > 9e15) {
            im_load_error(ld, i, id, "%s: \"%.40s\" is not a whole number", key,
                          json_string_value(v));
            return false;
        }
        *out = (long long)d;
        return true;
    }
    return im_json_integer(ld, i, id, v, key, out);
}

static bool prop_number(im_load *ld, size_t i, const char *id, json_t *v, const char *key,
                        double *out)
{
    if (json_is_string(v)) {
        if (!*json_string_value(v))
            return false;
        if (!im_parse_decimal(json_string_value(v), out)) {
            im_load_error(ld, i, id, "%s: \"%.40s\" is not a number", key, json_string_value(v));
            return false;
        }
        return true;
    }
    return im_json_number(ld, i, id, v, key, out);
}

/* A position [lon, lat, (altitude)]: false (and *why set) when malformed. */
static bool position(json_t *p, double *lon, double *lat, const char **why)
{
    if (!json_is_array(p) || json_array_size(p) < 2) {
        *why = "must be a position [lon, lat]";
        return false;
    }
    json_t *x = json_array_get(p, 0), *y = json_array_get(p, 1);
    if (!json_is_number(x) || !json_is_number(y)) {
        *why = "must be a position of numbers [lon, lat]";
        return false;
    }
    *lon = json_number_value(x);
    *lat = json_number_value(y);
    return true;
}

static im_status feature(im_jw *w, size_t index, json_t *v, void *user)
{
    gj *g = user;
    im_load *ld = w->ld;
    im_context *ctx = ld->ctx;
    if (!json_is_object(v)) {
        im_load_error(ld, index, NULL, "must be a Feature object, not %s", im_json_type_name(v));
        return IM_OK;
    }
    if (!im_json_depth_ok(v, 2, ctx->limits.max_depth)) {
        im_load_error(ld, index, NULL, "nested deeper than the limit of %u levels",
                      (unsigned)ctx->limits.max_depth);
        return IM_OK;
    }
    json_t *type = json_object_get(v, "type");
    if (!json_is_string(type) || strcmp(json_string_value(type), "Feature") != 0) {
        im_load_error(ld, index, NULL, "type: must be \"Feature\"");
        return IM_OK;
    }

    /* Which property feeds which field: the preferred name wins. */
    json_t *props = json_object_get(v, "properties");
    json_t *fv[IM_FIELD_COUNT] = {0};
    char label[IM_FIELD_COUNT][48];
    int best[IM_FIELD_COUNT];
    for (int f = 0; f < IM_FIELD_COUNT; f++)
        best[f] = 1000;
    if (props && !json_is_null(props) && !json_is_object(props)) {
        im_load_error(ld, index, NULL, "properties: must be an object or null, not %s",
                      im_json_type_name(props));
        props = NULL;
    }
    if (json_is_object(props)) {
        const char *key;
        json_t *pv;
        json_object_foreach(props, key, pv) {
            int rank, f = im_field_match(ctx, key, false, &rank);
            if (f >= 0 && rank < best[f] && !json_is_null(pv)) {
                best[f] = rank;
                fv[f] = pv;
                snprintf(label[f], sizeof label[f], "properties.%.30s", key);
            }
        }
    }

    im_raw raw;
    memset(&raw, 0, sizeof raw);
    char idbuf[96];
    json_t *idv = json_object_get(v, "id");
    const char *idlabel = "id";
    if (!idv || json_is_null(idv)) {
        idv = fv[IM_F_ID];
        idlabel = label[IM_F_ID];
    }
    if (json_is_integer(idv)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(idv));
        raw.id = idbuf;
    } else if (json_is_real(idv)) {
        snprintf(idbuf, sizeof idbuf, "%.17g", json_real_value(idv));
        raw.id = idbuf;
    } else if (idv) {
        raw.id = im_json_string(ld, index, NULL, idv, idlabel);
        if (!raw.id)
            return IM_OK; /* reported */
    } else {
        /* GeoJSON often has no ids: the file name and feature number stand in. */
        snprintf(idbuf, sizeof idbuf, "%s#%zu", g->base, index);
        raw.id = idbuf;
    }
    const char *id = raw.id;

    char datebuf[256];
    const char *date = im_json_string(ld, index, id, fv[IM_F_DATE], label[IM_F_DATE]);
    if (date) {
        im_date_normalize(date, datebuf, sizeof datebuf);
        raw.date = datebuf;
    } else if (fv[IM_F_DATE] && !json_is_string(fv[IM_F_DATE])) {
        raw.date = "0000-01-01"; /* reported; keeps "missing" quiet */
    }
    raw.weapon = im_json_string(ld, index, id, fv[IM_F_WEAPON], label[IM_F_WEAPON]);
    if (!raw.weapon && fv[IM_F_WEAPON])
        raw.weapon = "other"; /* reported */
    raw.site = im_json_string(ld, index, id, fv[IM_F_SITE], label[IM_F_SITE]);
    raw.source = im_json_string(ld, index, id, fv[IM_F_SOURCE], label[IM_F_SOURCE]);
    if (fv[IM_F_COUNT])
        raw.has_count = prop_integer(ld, index, id, fv[IM_F_COUNT], label[IM_F_COUNT],
                                     &raw.count);
    if (fv[IM_F_CASUALTIES])
        raw.has_casualties = prop_integer(ld, index, id, fv[IM_F_CASUALTIES],
                                          label[IM_F_CASUALTIES], &raw.casualties);
    if (fv[IM_F_UNCERTAINTY])
        raw.has_uncertainty = prop_number(ld, index, id, fv[IM_F_UNCERTAINTY],
                                          label[IM_F_UNCERTAINTY], &raw.uncertainty_km);
    long long p;
    if (fv[IM_F_GEO_PRECISION] &&
        prop_integer(ld, index, id, fv[IM_F_GEO_PRECISION], label[IM_F_GEO_PRECISION], &p))
        raw.geo_precision = precision_value(p);
    if (fv[IM_F_TIME_PRECISION] &&
        prop_integer(ld, index, id, fv[IM_F_TIME_PRECISION], label[IM_F_TIME_PRECISION], &p))
        raw.time_precision = precision_value(p);

    /* The geometry gives the coordinates. */
    json_t *geom = json_object_get(v, "geometry");
    if (!geom || json_is_null(geom)) {
        im_load_error(ld, index, id, "geometry: missing; an incident needs a Point");
        return IM_OK;
    }
    json_t *gtype = json_is_object(geom) ? json_object_get(geom, "type") : NULL;
    if (!json_is_string(gtype)) {
        im_load_error(ld, index, id, "geometry: must be an object with a \"type\"");
        return IM_OK;
    }
    const char *gt = json_string_value(gtype);
    json_t *coords = json_object_get(geom, "coordinates");
    const char *why = NULL;
    if (strcmp(gt, "Point") == 0) {
        if (!position(coords, &raw.lon, &raw.lat, &why)) {
            im_load_error(ld, index, id, "geometry.coordinates: %s", why);
            return IM_OK;
        }
        raw.has_lat = raw.has_lon = true;
        return im_load_record(ld, index, &raw);
    }
    if (strcmp(gt, "MultiPoint") == 0) {
        size_t n = json_is_array(coords) ? json_array_size(coords) : 0;
        if (n == 0) {
            im_load_error(ld, index, id, "geometry.coordinates: %s",
                          json_is_array(coords) ? "an empty MultiPoint"
                                                : "must be an array of positions");
            return IM_OK;
        }
        /* One incident per point; ids get "#1", "#2"... when there are several. */
        char multi_id[192];
        for (size_t k = 0; k < n; k++) {
            if (!position(json_array_get(coords, k), &raw.lon, &raw.lat, &why)) {
                im_load_error(ld, index, id, "geometry.coordinates[%zu]: %s", k, why);
                continue;
            }
            raw.has_lat = raw.has_lon = true;
            if (n > 1) {
                snprintf(multi_id, sizeof multi_id, "%.140s#%zu", id, k + 1);
                raw.id = multi_id;
            }
            im_status st = im_load_record(ld, index, &raw);
            if (st != IM_OK)
                return st;
        }
        return IM_OK;
    }
    static const char *const others[] = {"LineString", "MultiLineString", "Polygon",
                                         "MultiPolygon", "GeometryCollection"};
    bool known = false;
    for (size_t k = 0; k < sizeof others / sizeof others[0]; k++)
        known = known || strcmp(gt, others[k]) == 0;
    if (!known) {
        im_load_error(ld, index, id, "geometry.type: \"%.40s\" is not a GeoJSON geometry type",
                      gt);
    } else if (ctx->strict) {
        im_load_error(ld, index, id, "geometry: a %s is not a point (Point or MultiPoint)", gt);
    } else if (g->skipped++ < MAX_SKIP_WARNINGS) {
        im_load_warning(ld, index, id, "geometry: a %s is not a point; the feature is skipped "
                                       "(--strict makes this an error)", gt);
    }
    return IM_OK;
}

/* The legacy "crs" member (GeoJSON 2008): fine when it names WGS 84. */
static void check_crs(im_load *ld, json_t *crs)
{
    json_t *name = json_object_get(json_object_get(crs, "properties"), "name");
    const char *s = json_is_string(name) ? json_string_value(name) : "";
    if (json_is_null(crs) || strstr(s, "CRS84") || strstr(s, "4326"))
        return;
    im_log(ld->ctx, IM_LOG_WARNING,
           "%s: crs: \"%.80s\" is not WGS 84; coordinates are read as longitude, latitude "
           "(RFC 7946)", ld->name, s);
}

static im_status member(im_jw *w, const char *name, void *user)
{
    gj *g = user;
    im_load *ld = w->ld;
    im_status st;
    if (strcmp(name, "features") == 0) {
        if (g->features_seen)
            return im_jw_syntax(w, w->pos, "duplicate member \"features\"");
        g->features_seen = true;
        if (w->pos < w->size && w->data[w->pos] == '[')
            return im_jw_array(w, "features", "a feature", feature, g);
        json_t *v = NULL;
        if ((st = im_jw_decode(w, &v)) != IM_OK)
            return st;
        const char *t = im_json_type_name(v);
        json_decref(v);
        return im_fail(ld->ctx, IM_ERR_DATA, "%s: \"features\" is %s; expected an array",
                       ld->name, t);
    }
    bool keep = strcmp(name, "type") == 0 || strcmp(name, "geometry") == 0 ||
                strcmp(name, "properties") == 0 || strcmp(name, "id") == 0;
    if (!keep && strcmp(name, "crs") != 0)
        return im_jw_skip_member(w, name);
    json_t *v;
    if ((st = im_jw_decode(w, &v)) != IM_OK)
        return st;
    if (!im_json_depth_ok(v, 1, ld->ctx->limits.max_depth)) {
        json_decref(v);
        return im_fail(ld->ctx, IM_ERR_LIMIT, "%s: member \"%s\" is nested deeper than %u levels",
                       ld->name, name, (unsigned)ld->ctx->limits.max_depth);
    }
    if (strcmp(name, "crs") == 0) {
        check_crs(ld, v);
        json_decref(v);
        return IM_OK;
    }
    if (strcmp(name, "type") == 0) {
        snprintf(g->type, sizeof g->type, "%s", json_is_string(v) ? json_string_value(v) : "?");
        if (!g->type[0])
            snprintf(g->type, sizeof g->type, "?");
    }
    if (json_object_set_new(g->single, name, v) != 0)
        return im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

static im_status read_top(im_jw *w, gj *g)
{
    im_load *ld = w->ld;
    im_status st;
    im_jw_skip_ws(w);
    if (w->pos >= w->size)
        return im_jw_syntax(w, w->pos, "the file is empty; expected a GeoJSON "
                                       "FeatureCollection");
    if (w->data[w->pos] != '{') {
        json_t *v = NULL;
        if ((st = im_jw_decode(w, &v)) != IM_OK)
            return st;
        const char *t = im_json_type_name(v);
        json_decref(v);
        return im_fail(ld->ctx, IM_ERR_DATA, "%s: the top level is %s; expected a GeoJSON "
                                             "FeatureCollection or Feature", ld->name, t);
    }
    if ((st = im_jw_object(w, member, g)) != IM_OK)
        return st;
    if ((st = im_jw_end(w)) != IM_OK)
        return st;
    if (strcmp(g->type, "FeatureCollection") == 0) {
        if (!g->features_seen)
            return im_fail(ld->ctx, IM_ERR_DATA, "%s: the FeatureCollection has no "
                                                 "\"features\" array", ld->name);
        return IM_OK;
    }
    if (strcmp(g->type, "Feature") == 0 && !g->features_seen)
        return feature(w, 0, g->single, g);
    if (!g->type[0])
        return im_fail(ld->ctx, IM_ERR_DATA, "%s: no \"type\" member; expected a GeoJSON "
                                             "FeatureCollection or Feature", ld->name);
    return im_fail(ld->ctx, IM_ERR_DATA, "%s: type is \"%.40s\"; expected a GeoJSON "
                                         "FeatureCollection or Feature (with properties)",
                   ld->name, g->type);
}

im_status im_geojson_read(im_load *ld, const char *data, size_t size)
{
    gj g;
    memset(&g, 0, sizeof g);
    const char *base = strrchr(ld->name, '/');
    snprintf(g.base, sizeof g.base, "%s", base ? base + 1 : ld->name);
    if (!(g.single = json_object()))
        return im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
    im_jw w;
    im_jw_init(&w, ld, data, size);
    im_status st = read_top(&w, &g);
    json_decref(g.single);
    if (st == IM_OK && g.skipped > MAX_SKIP_WARNINGS)
        im_log(ld->ctx, IM_LOG_WARNING, "%s: %zu features in all skipped for not being points",
               ld->name, g.skipped);
    return st;
}
