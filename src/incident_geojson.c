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

#include <ctype.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SKIP_WARNINGS 10

typedef struct gj {
    char type[32];        /* the top-level "type", "" when absent */
    bool features_seen;
    json_t *single;       /* members of a top-level Feature */
    size_t skipped;       /* features without a point geometry */
    PJ *to_wgs84;         /* the legacy crs member's CRS -> lon/lat, or NULL */
    size_t features_read; /* features before a crs member: too late to transform */
    char base[64];        /* the file's base name, for ids made up */
} gj;

/* lon, lat in WGS 84, transformed from the file's crs when it names
 * another: false (and *why set) when PROJ cannot. */
static bool to_wgs84(const gj *g, double *lon, double *lat, const char **why)
{
    if (g->to_wgs84) {
        PJ_COORD c = proj_coord(*lon, *lat, 0, 0);
        c = proj_trans(g->to_wgs84, PJ_FWD, c);
        if (!isfinite(c.xy.x) || !isfinite(c.xy.y) || c.xy.x == HUGE_VAL) {
            *why = "cannot be transformed from the file's crs to WGS 84";
            return false;
        }
        *lon = c.xy.x;
        *lat = c.xy.y;
    }
    return true;
}

/* A position [lon, lat, (altitude)] as it is in the file: false (and *why
 * set) when malformed. */
static bool position_of(json_t *p, double *lon, double *lat, const char **why)
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

/* The same in WGS 84 (to_wgs84). */
static bool position(const gj *g, json_t *p, double *lon, double *lat, const char **why)
{
    return position_of(p, lon, lat, why) && to_wgs84(g, lon, lat, why);
}

/* The texts a feature's id is made in (they live as long as its values). */
typedef struct feature_ids {
    char num[32];  /* a number id written out */
    char made[96]; /* the file name and feature number */
} feature_ids;

/* The Feature's own id (idm, NULL when absent or null) in vals, and the
 * file name and feature number as the fallback (GeoJSON often has no
 * ids); the record's id for messages. */
static const char *feature_id(const gj *g, size_t index, const im_jmember *idm,
                              feature_ids *ids, im_values *vals)
{
    if (idm) {
        const char *t = im_jmember_text(idm, ids->num, sizeof ids->num);
        vals->text[IM_F_ID] = t && *t ? t : NULL;
        vals->label[IM_F_ID] = "id";
    }
    snprintf(ids->made, sizeof ids->made, "%s#%zu", g->base, index);
    vals->id_fallback = ids->made;
    return vals->text[IM_F_ID] ? vals->text[IM_F_ID] : ids->made;
}

/* A point feature's record, from its position in the file's CRS. */
static im_status point_record(const gj *g, im_load *ld, size_t index, const char *id,
                              im_values *vals, double lon, double lat)
{
    const char *why = NULL;
    if (!to_wgs84(g, &lon, &lat, &why)) {
        im_load_error(ld, index, id, "geometry.coordinates: %s", why);
        return IM_OK;
    }
    vals->lon = lon;
    vals->lat = lat;
    vals->has_point = true;
    return im_load_values(ld, index, vals);
}

/* A point Feature a worker decoded and handed over flat (json_parallel.c):
 * the same record, messages and order as feature() gives from its tree. */
static im_status flat_feature(im_jw *w, size_t index, gj *g)
{
    im_load *ld = w->ld;
    const im_jfeature *f = w->feat;
    if (!im_jw_depth_ok(w, NULL, 2, ld->ctx->limits.max_depth)) {
        im_load_error(ld, index, NULL, "nested deeper than the limit of %u levels",
                      (unsigned)ld->ctx->limits.max_depth);
        return IM_OK;
    }
    im_json_values jv;
    if (f->props)
        im_json_members_fill(ld, index, w->flat, w->flat_n, "properties.", &jv);
    else
        memset(&jv, 0, sizeof jv);
    feature_ids ids;
    const char *id = feature_id(g, index, f->id.type == JSON_NULL ? NULL : &f->id, &ids, &jv.v);
    if (f->props)
        im_jw_id_ahead(w, w->flat, w->flat_n, jv.v.text[IM_F_ID]);
    return point_record(g, ld, index, id, &jv.v, f->lon, f->lat);
}

static im_status feature(im_jw *w, size_t index, json_t *v, void *user)
{
    gj *g = user;
    im_load *ld = w->ld;
    im_context *ctx = ld->ctx;
    if (!v && w->feat)
        return flat_feature(w, index, g);
    if (!json_is_object(v)) {
        im_load_error(ld, index, NULL, "must be a Feature object, not %s", im_json_type_name(v));
        return IM_OK;
    }
    if (!im_jw_depth_ok(w, v, 2, ctx->limits.max_depth)) {
        im_load_error(ld, index, NULL, "nested deeper than the limit of %u levels",
                      (unsigned)ctx->limits.max_depth);
        return IM_OK;
    }
    json_t *type = json_object_get(v, "type");
    if (!json_is_string(type) || strcmp(json_string_value(type), "Feature") != 0) {
        im_load_error(ld, index, NULL, "type: must be \"Feature\"");
        return IM_OK;
    }

    json_t *props = json_object_get(v, "properties");
    if (props && !json_is_null(props) && !json_is_object(props)) {
        im_load_error(ld, index, NULL, "properties: must be an object or null, not %s",
                      im_json_type_name(props));
        props = NULL;
    }
    im_json_values jv;
    im_status fst = im_json_values_fill(ld, index, props, "properties.", &jv);
    if (fst != IM_OK)
        return fst;
    im_values *vals = &jv.v;
    feature_ids ids;
    /* The Feature's own id first, then an id property, then the file name
     * and feature number. */
    json_t *idv = json_object_get(v, "id");
    im_jmember idm;
    if (idv && !json_is_null(idv)) {
        if (!json_is_string(idv) && !json_is_number(idv)) {
            im_load_error(ld, index, NULL, "id: must be a string or a number, not %s",
                          im_json_type_name(idv));
            return IM_OK;
        }
        im_json_member_of("id", idv, &idm);
    }
    const char *id = feature_id(g, index, idv && !json_is_null(idv) ? &idm : NULL, &ids, vals);

    /* The geometry gives the coordinates. */
    json_t *geom = json_object_get(v, "geometry");
    if (!geom || json_is_null(geom)) {
        if (vals->text[IM_F_LAT] || vals->text[IM_F_LON]) /* coordinates as properties */
            return im_load_values(ld, index, vals);
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
        double lon, lat;
        if (!position_of(coords, &lon, &lat, &why)) {
            im_load_error(ld, index, id, "geometry.coordinates: %s", why);
            return IM_OK;
        }
        return point_record(g, ld, index, id, vals, lon, lat);
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
            if (!position(g, json_array_get(coords, k), &vals->lon, &vals->lat, &why)) {
                im_load_error(ld, index, id, "geometry.coordinates[%zu]: %s", k, why);
                continue;
            }
            vals->has_point = true;
            if (n > 1) {
                snprintf(multi_id, sizeof multi_id, "%.140s#%zu", id, k + 1);
                vals->text[IM_F_ID] = multi_id;
            }
            if (k > 0)
                ld->records_seen++; /* a hashtag row is a whole record, not a point */
            im_status st = im_load_values(ld, index, vals);
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

/* The legacy "crs" member (GeoJSON 2008): WGS 84 names are fine; another
 * CRS (EPSG:3857 from an old export) is transformed to lon/lat with PROJ.
 * It must come before "features", as GDAL and QGIS write it. */
static im_status check_crs(im_load *ld, gj *g, json_t *crs)
{
    json_t *name = json_object_get(json_object_get(crs, "properties"), "name");
    const char *s = json_is_string(name) ? json_string_value(name) : "";
    if (json_is_null(crs) || strstr(s, "CRS84") || strstr(s, "crs84") ||
        ((strstr(s, "EPSG") || strstr(s, "epsg")) && strstr(s, "4326") &&
         !isdigit((unsigned char)strstr(s, "4326")[4])))
        return IM_OK;
    im_context *ctx = ld->ctx;
    if (!*s)
        return im_fail(ctx, IM_ERR_DATA, "%s: crs: no \"properties\".\"name\" naming the CRS",
                       ld->name);
    if (g->features_seen)
        return im_fail(ctx, IM_ERR_DATA, "%s: crs: \"%.80s\" comes after the features, which "
                                         "were read as longitude, latitude; put the crs member "
                                         "first (or reproject with ogr2ogr -t_srs EPSG:4326)",
                       ld->name, s);
    /* "urn:ogc:def:crs:EPSG::3857" and "EPSG:3857" are both PROJ input. */
    PJ *p = proj_create_crs_to_crs(ctx->pj, s, "OGC:CRS84", NULL);
    PJ *norm = p ? proj_normalize_for_visualization(ctx->pj, p) : NULL;
    proj_destroy(p);
    if (!norm)
        return im_fail(ctx, IM_ERR_DATA, "%s: crs: PROJ does not know \"%.80s\" (%s)", ld->name,
                       s, proj_context_errno_string(ctx->pj, proj_context_errno(ctx->pj)));
    proj_destroy(g->to_wgs84);
    g->to_wgs84 = norm;
    im_log(ctx, IM_LOG_INFO, "%s: coordinates transformed from %.80s to WGS 84", ld->name, s);
    return IM_OK;
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
        st = check_crs(ld, g, v);
        json_decref(v);
        return st;
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
    w.flat_ok = IM_JFLAT_FEATURES; /* feature() takes flat point features */
    im_status st = read_top(&w, &g);
    json_decref(g.single);
    proj_destroy(g.to_wgs84);
    if (st == IM_OK && g.skipped > MAX_SKIP_WARNINGS)
        im_log(ld->ctx, IM_LOG_WARNING, "%s: %zu features in all skipped for not being points",
               ld->name, g.skipped);
    return st;
}
