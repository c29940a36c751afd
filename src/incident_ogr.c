/* incident_ogr.c - GIS files through GDAL/OGR: GeoPackage, Shapefile,
 * KML/KMZ, FlatGeobuf, GeoJSONSeq, GPX, XLSX, ODS and Esri JSON.
 *
 * A layer's fields feed the record's fields by name as in every reader
 * (incident_fields.c), its point geometries give the coordinates
 * (transformed from the layer's CRS to WGS 84 with OGR, in lon/lat order),
 * and spreadsheets without geometry give them from latitude/longitude
 * columns. Every record then takes the shared validation path
 * (im_load_values). The layer is --layer-name's, else the first layer with
 * features. GDAL's own messages are kept quiet and passed on in ours.
 * Built without GDAL, such a file gets an error saying how to convert it.
 */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifndef INCMAP_HAVE_GDAL

im_status im_ogr_read(im_load *ld, const char *data, size_t size, const char *kind,
                      const char *ext)
{
    (void)data;
    (void)size;
    (void)ext;
    if (!kind || strcmp(kind, "ZIP") == 0)
        return im_fail(ld->ctx, IM_ERR_DATA, "%s: a ZIP archive (a zipped Shapefile?) needs "
                                             "incmap built with GDAL; unpack it and give the "
                                             "file inside", ld->name);
    return im_fail(ld->ctx, IM_ERR_DATA, "%s: %s input needs incmap built with GDAL (or convert "
                                         "it with ogr2ogr: ogr2ogr -f CSV -lco GEOMETRY=AS_XY "
                                         "out.csv %s)", ld->name, kind, ld->name);
}

#else

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

/* GDAL is opened (dlopen) when the first GIS file is read, not when incmap
 * starts: linked, its ~65 shared libraries cost every run, GIS file or
 * not, about 0.06 s of start-up (tests/bench/README.md). The functions
 * used are looked up once, process-wide, and called through im_gdal. */
#define IM_GDAL_FUNCS(X) \
    X(CPLErrorReset) \
    X(CPLGetLastErrorMsg) \
    X(CPLPopErrorHandler) \
    X(CPLPushErrorHandler) \
    X(CPLQuietErrorHandler) \
    X(CPLSetThreadLocalConfigOption) \
    X(CSLAddString) \
    X(CSLDestroy) \
    X(GDALAllRegister) \
    X(GDALClose) \
    X(GDALDatasetGetLayer) \
    X(GDALDatasetGetLayerByName) \
    X(GDALDatasetGetLayerCount) \
    X(GDALGetDatasetDriver) \
    X(GDALGetDriverShortName) \
    X(GDALOpenEx) \
    X(OGRGeometryTypeToName) \
    X(OGR_FD_GetFieldCount) \
    X(OGR_FD_GetFieldDefn) \
    X(OGR_F_Destroy) \
    X(OGR_F_GetFID) \
    X(OGR_F_GetFieldAsDateTimeEx) \
    X(OGR_F_GetFieldAsString) \
    X(OGR_F_GetGeometryRef) \
    X(OGR_F_IsFieldSetAndNotNull) \
    X(OGR_Fld_GetNameRef) \
    X(OGR_Fld_GetType) \
    X(OGR_G_GetGeometryCount) \
    X(OGR_G_GetGeometryRef) \
    X(OGR_G_GetGeometryType) \
    X(OGR_G_GetX) \
    X(OGR_G_GetY) \
    X(OGR_G_IsEmpty) \
    X(OGR_L_GetFeatureCount) \
    X(OGR_L_GetGeomType) \
    X(OGR_L_GetLayerDefn) \
    X(OGR_L_GetName) \
    X(OGR_L_GetNextFeature) \
    X(OGR_L_GetSpatialRef) \
    X(OGR_L_ResetReading) \
    X(OSRClone) \
    X(OSRDestroySpatialReference) \
    X(OSRNewSpatialReference) \
    X(OSRSetAxisMappingStrategy) \
    X(OSRSetWellKnownGeogCS) \
    X(VSIFCloseL) \
    X(VSIFileFromMemBuffer) \
    X(VSIReadDirRecursive) \
    X(VSIUnlink) \
    X(OCTDestroyCoordinateTransformation) \
    X(OCTNewCoordinateTransformation) \
    X(OCTTransform) \
    X(OGR_GT_Flatten)

static struct {
#define IM_GDAL_MEMBER(f) __typeof__(f) *f;
    IM_GDAL_FUNCS(IM_GDAL_MEMBER)
#undef IM_GDAL_MEMBER
} im_gdal;

static pthread_once_t im_gdal_once = PTHREAD_ONCE_INIT;
static char im_gdal_failed[400]; /* why GDAL could not be opened; "" when it was */

static void im_gdal_open(void)
{
    /* INCMAP_GDAL_LIBRARY: another GDAL build (its path or soname) */
    const char *lib = getenv("INCMAP_GDAL_LIBRARY");
    if (!lib || !*lib)
        lib = INCMAP_GDAL_SONAME;
    void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(im_gdal_failed, sizeof im_gdal_failed, "%s", e ? e : lib);
        return;
    }
    void *fn;
#define IM_GDAL_LOOKUP(f)                                                                    \
    if (!(fn = dlsym(h, #f))) {                                                              \
        snprintf(im_gdal_failed, sizeof im_gdal_failed, "%s has no %s", lib, #f);            \
        dlclose(h);                                                                          \
        return;                                                                              \
    }                                                                                        \
    memcpy(&im_gdal.f, &fn, sizeof fn);
    IM_GDAL_FUNCS(IM_GDAL_LOOKUP)
#undef IM_GDAL_LOOKUP
    im_gdal.GDALAllRegister();
}

/* Calls below go through the table. */
#define CPLErrorReset (im_gdal.CPLErrorReset)
#define CPLGetLastErrorMsg (im_gdal.CPLGetLastErrorMsg)
#define CPLPopErrorHandler (im_gdal.CPLPopErrorHandler)
#define CPLPushErrorHandler (im_gdal.CPLPushErrorHandler)
#define CPLQuietErrorHandler (im_gdal.CPLQuietErrorHandler)
#define CPLSetThreadLocalConfigOption (im_gdal.CPLSetThreadLocalConfigOption)
#define CSLAddString (im_gdal.CSLAddString)
#define CSLDestroy (im_gdal.CSLDestroy)
#define GDALAllRegister (im_gdal.GDALAllRegister)
#define GDALClose (im_gdal.GDALClose)
#define GDALDatasetGetLayer (im_gdal.GDALDatasetGetLayer)
#define GDALDatasetGetLayerByName (im_gdal.GDALDatasetGetLayerByName)
#define GDALDatasetGetLayerCount (im_gdal.GDALDatasetGetLayerCount)
#define GDALGetDatasetDriver (im_gdal.GDALGetDatasetDriver)
#define GDALGetDriverShortName (im_gdal.GDALGetDriverShortName)
#define GDALOpenEx (im_gdal.GDALOpenEx)
#define OGRGeometryTypeToName (im_gdal.OGRGeometryTypeToName)
#define OGR_FD_GetFieldCount (im_gdal.OGR_FD_GetFieldCount)
#define OGR_FD_GetFieldDefn (im_gdal.OGR_FD_GetFieldDefn)
#define OGR_F_Destroy (im_gdal.OGR_F_Destroy)
#define OGR_F_GetFID (im_gdal.OGR_F_GetFID)
#define OGR_F_GetFieldAsDateTimeEx (im_gdal.OGR_F_GetFieldAsDateTimeEx)
#define OGR_F_GetFieldAsString (im_gdal.OGR_F_GetFieldAsString)
#define OGR_F_GetGeometryRef (im_gdal.OGR_F_GetGeometryRef)
#define OGR_F_IsFieldSetAndNotNull (im_gdal.OGR_F_IsFieldSetAndNotNull)
#define OGR_Fld_GetNameRef (im_gdal.OGR_Fld_GetNameRef)
#define OGR_Fld_GetType (im_gdal.OGR_Fld_GetType)
#define OGR_G_GetGeometryCount (im_gdal.OGR_G_GetGeometryCount)
#define OGR_G_GetGeometryRef (im_gdal.OGR_G_GetGeometryRef)
#define OGR_G_GetGeometryType (im_gdal.OGR_G_GetGeometryType)
#define OGR_G_GetX (im_gdal.OGR_G_GetX)
#define OGR_G_GetY (im_gdal.OGR_G_GetY)
#define OGR_G_IsEmpty (im_gdal.OGR_G_IsEmpty)
#define OGR_L_GetFeatureCount (im_gdal.OGR_L_GetFeatureCount)
#define OGR_L_GetGeomType (im_gdal.OGR_L_GetGeomType)
#define OGR_L_GetLayerDefn (im_gdal.OGR_L_GetLayerDefn)
#define OGR_L_GetName (im_gdal.OGR_L_GetName)
#define OGR_L_GetNextFeature (im_gdal.OGR_L_GetNextFeature)
#define OGR_L_GetSpatialRef (im_gdal.OGR_L_GetSpatialRef)
#define OGR_L_ResetReading (im_gdal.OGR_L_ResetReading)
#define OSRClone (im_gdal.OSRClone)
#define OSRDestroySpatialReference (im_gdal.OSRDestroySpatialReference)
#define OSRNewSpatialReference (im_gdal.OSRNewSpatialReference)
#define OSRSetAxisMappingStrategy (im_gdal.OSRSetAxisMappingStrategy)
#define OSRSetWellKnownGeogCS (im_gdal.OSRSetWellKnownGeogCS)
#define VSIFCloseL (im_gdal.VSIFCloseL)
#define VSIFileFromMemBuffer (im_gdal.VSIFileFromMemBuffer)
#define VSIReadDirRecursive (im_gdal.VSIReadDirRecursive)
#define VSIUnlink (im_gdal.VSIUnlink)
#define OCTDestroyCoordinateTransformation (im_gdal.OCTDestroyCoordinateTransformation)
#define OCTNewCoordinateTransformation (im_gdal.OCTNewCoordinateTransformation)
#define OCTTransform (im_gdal.OCTTransform)
#define OGR_GT_Flatten (im_gdal.OGR_GT_Flatten)

#define MAX_SKIP_WARNINGS 10

/* GDAL's last message, or a fallback. */
static const char *gdal_why(void)
{
    const char *m = CPLGetLastErrorMsg();
    return m && *m ? m : "GDAL could not open it";
}

/* How many of the needed fields (date or a year, latitude and longitude or
 * a point column, weapon) a header's names give; geometry: the layer has
 * points, which give the coordinates. 0 to 3. */
static int header_score(const im_context *ctx, const char *const *names, size_t n, bool geometry)
{
    im_preset p = ctx->preset ? (im_preset)(ctx->preset - 1) : im_preset_detect(names, n);
    bool have[IM_FIELD_COUNT] = {false}, column_point = false;
    for (size_t i = 0; i < n; i++) {
        if (!names[i])
            continue;
        int rank, f = im_field_match(ctx, p, names[i], true, &rank);
        if (f >= 0)
            have[f] = true;
        bool lon_first;
        if (im_wkt_column_rank(names[i]) >= 0 || im_pair_column_rank(names[i], &lon_first) >= 0)
            column_point = true;
    }
    return (have[IM_F_DATE] || have[IM_F_YEAR]) + have[IM_F_WEAPON] +
           (geometry || (have[IM_F_LAT] && have[IM_F_LON]) || column_point);
}

static bool point_layer(OGRLayerH l)
{
    int gt = wkbFlatten(OGR_L_GetGeomType(l));
    return gt == wkbPoint || gt == wkbMultiPoint;
}

static int layer_score(const im_context *ctx, OGRLayerH l)
{
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(l);
    int nf = OGR_FD_GetFieldCount(defn);
    const char *names[256];
    size_t n = 0;
    for (int i = 0; i < nf && n < sizeof names / sizeof names[0]; i++)
        names[n++] = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
    return header_score(ctx, names, n, point_layer(l));
}

/* --layer-name's layer, else the layer with features that gives the most
 * of the needed fields (a GeoPackage's events beside its districts and
 * sites, a workbook's data sheet after a notes sheet), the first of equals. */
static OGRLayerH choose_layer(im_load *ld, GDALDatasetH ds, int *score, int *pick_i_out)
{
    *score = 3;
    *pick_i_out = -1;
    im_context *ctx = ld->ctx;
    int n = GDALDatasetGetLayerCount(ds);
    if (ctx->layer_name[0]) {
        OGRLayerH l = GDALDatasetGetLayerByName(ds, ctx->layer_name);
        if (!l) {
            char names[512] = "";
            size_t len = 0;
            for (int i = 0; i < n && len < sizeof names - 80; i++)
                len += (size_t)snprintf(names + len, sizeof names - len, "%s\"%.60s\"",
                                        i ? ", " : "",
                                        OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
            im_fail(ctx, IM_ERR_DATA, "%s: no layer \"%.80s\" (--layer-name); the layers are %s",
                    ld->name, ctx->layer_name, n ? names : "none");
        } else {
            *score = layer_score(ctx, l);
        }
        return l;
    }
    OGRLayerH first = NULL, pick = NULL;
    int pick_i = 0, best = -1;
    for (int i = 0; i < n; i++) {
        OGRLayerH l = GDALDatasetGetLayer(ds, i);
        if (!first)
            first = l;
        if (OGR_L_GetFeatureCount(l, TRUE) <= 0)
            continue;
        int score = layer_score(ctx, l);
        if (score > best)
            best = score, pick = l, pick_i = i;
    }
    *pick_i_out = pick_i;
    if (pick) {
        *score = best;
        return pick;
    }
    if (!first)
        im_fail(ctx, IM_ERR_DATA, "%s: the %s file has no layers", ld->name, "GIS");
    return first;
}

/* A field's value as text into buf (dates as ISO 8601); NULL when unset. */
static const char *field_text(OGRFeatureH f, int i, OGRFieldType type, char *buf, size_t size)
{
    if (!OGR_F_IsFieldSetAndNotNull(f, i))
        return NULL;
    if (type == OFTDate || type == OFTDateTime) {
        int y, m, d, hh, mm, tz;
        float ss;
        if (OGR_F_GetFieldAsDateTimeEx(f, i, &y, &m, &d, &hh, &mm, &ss, &tz)) {
            if (type == OFTDate || (hh == 0 && mm == 0 && ss == 0 && tz <= 1)) {
                snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
            } else {
                int off = tz > 1 ? (tz - 100) * 15 : 0;
                snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, d, hh, mm,
                         (int)ss, off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
            }
            return buf;
        }
    }
    return OGR_F_GetFieldAsString(f, i);
}

/* Esri JSON's date fields (milliseconds since 1970 in GDAL 3.6). */
typedef struct esri_dates {
    char **names;
    size_t n;
} esri_dates;

static bool esri_date_field(const esri_dates *ed, const char *name)
{
    for (size_t i = 0; ed && i < ed->n; i++)
        if (strcmp(ed->names[i], name) == 0)
            return true;
    return false;
}

/* KML's TimeSpan: LIBKML's "begin" and "end" fields, the date and its end
 * of a Placemark without a date of its own (a TimeStamp is "timestamp", a
 * known date name; ExtendedData's "date" comes first). */
static void kml_span(OGRFeatureDefnH defn, int nf, int *begin, int *end)
{
    *begin = *end = -1;
    for (int i = 0; i < nf; i++) {
        OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, i);
        const char *n = OGR_Fld_GetNameRef(fd);
        OGRFieldType t = OGR_Fld_GetType(fd);
        if (t == OFTDate || t == OFTDateTime) {
            if (strcmp(n, "begin") == 0)
                *begin = i;
            else if (strcmp(n, "end") == 0)
                *end = i;
        }
    }
}

/* How a layer is read besides its features. */
typedef struct layer_read {
    bool kml;                  /* a KML folder: TimeSpan begin/end as dates */
    const struct esri_dates *ed; /* Esri JSON's date fields, or NULL */
    bool sheet;                /* a spreadsheet: records named by row (the FID, which is the
                                * row number in GDAL's XLSX and ODS), empty rows skipped */
    bool feed;                 /* GeoRSS: an RSS or Atom item's date and id by their names */
    bool gpx;                  /* GPX: GDAL writes a layer's own fields as extensions
                                * named "ogr_" and the field's name */
    char **header;             /* names from a row below a title (one per field), or NULL */
    GIntBig header_fid;        /* ... that row: it and the rows above it are not records */
} layer_read;

/* One layer's features, numbered from *index on (several KML folders
 * number their features as one sequence; a sheet's are its row numbers). */
static im_status read_layer(im_load *ld, OGRLayerH layer, const layer_read *how,
                            size_t *next_index)
{
    im_context *ctx = ld->ctx;
    const esri_dates *ed = how->ed;
    bool kml = how->kml;
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    int nf = OGR_FD_GetFieldCount(defn);
    const char **names = calloc((size_t)nf + 1, sizeof *names);
    if (!names)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    for (int i = 0; i < nf; i++) {
        names[i] = how->header ? how->header[i] : OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i));
        if (how->gpx && strncmp(names[i], "ogr_", 4) == 0 && names[i][4])
            names[i] += 4;
    }
    if (!ld->preset_set)
        im_load_set_preset(ld, names, (size_t)nf);
    ld->preset_set = true;
    int col[IM_FIELD_COUNT], best[IM_FIELD_COUNT];
    for (int f = 0; f < IM_FIELD_COUNT; f++)
        col[f] = -1, best[f] = 1000;
    for (int i = 0; i < nf; i++) {
        int rank, f = im_field_match(ctx, ld->preset, names[i], true, &rank);
        if (f >= 0 && rank < best[f])
            best[f] = rank, col[f] = i;
        for (int e = IM_F_CATEGORY; e < IM_FIELD_COUNT; e++) /* --color-by, --size-by */
            if (im_field_named(ctx, (im_field)e, names[i]))
                col[e] = i;
    }
    /* A feed's items (GDAL's GeoRSS): the date is RSS's pubDate, Atom's
     * published or updated (or Dublin Core's dc:date), the id RSS's guid or
     * Atom's id; the weapon is the item's category (RSS's text, Atom's term). */
    static const char *const feed_dates[] = {"pubDate", "published", "dc_date", "updated"};
    for (size_t k = 0; how->feed && k < sizeof feed_dates / sizeof feed_dates[0]; k++)
        for (int i = 0; i < nf && col[IM_F_DATE] < 0 && !ctx->fields[IM_F_DATE]; i++)
            if (strcasecmp(names[i], feed_dates[k]) == 0)
                col[IM_F_DATE] = i;
    for (int i = 0; how->feed && i < nf && col[IM_F_ID] < 0 && !ctx->fields[IM_F_ID]; i++)
        if (strcasecmp(names[i], "guid") == 0)
            col[IM_F_ID] = i;
    for (int i = 0; how->feed && i < nf && col[IM_F_WEAPON] < 0 && !ctx->fields[IM_F_WEAPON]; i++)
        if (strcasecmp(names[i], "category_term") == 0) /* Atom's <category term="..."/> */
            col[IM_F_WEAPON] = i;
    /* A table without latitude and longitude columns may hold its points in
     * one column, as WKT or as "lat, lon" (incident_coords.c; as in CSV). */
    int wkt_col = -1, pair_col = -1, wkt_best = 1000, pair_best = 1000;
    bool pair_lon_first = false;
    if (col[IM_F_LAT] < 0 && col[IM_F_LON] < 0 && !ctx->fields[IM_F_LAT] &&
        !ctx->fields[IM_F_LON] && !point_layer(layer))
        for (int i = 0; i < nf; i++) {
            bool lon_first;
            int k = im_wkt_column_rank(names[i]);
            if (k >= 0 && k < wkt_best)
                wkt_best = k, wkt_col = i;
            k = im_pair_column_rank(names[i], &lon_first);
            if (k >= 0 && k < pair_best)
                pair_best = k, pair_col = i, pair_lon_first = lon_first;
        }
    if (wkt_col >= 0)
        pair_col = -1;
    const char **labels = names; /* freed at the end: labels are kept for messages */
    int span[2] = {-1, -1}; /* KML's TimeSpan begin and end */
    if (kml && !ctx->fields[IM_F_DATE])
        kml_span(defn, nf, &span[0], &span[1]);

    /* Coordinates to lon/lat WGS 84 from the layer's CRS. */
    OGRCoordinateTransformationH ct = NULL;
    OGRSpatialReferenceH wgs84 = NULL;
    OGRSpatialReferenceH src = OGR_L_GetSpatialRef(layer);
    if (src) {
        wgs84 = OSRNewSpatialReference(NULL);
        OGRSpatialReferenceH s2 = OSRClone(src);
        OSRSetWellKnownGeogCS(wgs84, "WGS84");
        OSRSetAxisMappingStrategy(wgs84, OAMS_TRADITIONAL_GIS_ORDER);
        OSRSetAxisMappingStrategy(s2, OAMS_TRADITIONAL_GIS_ORDER);
        ct = OCTNewCoordinateTransformation(s2, wgs84);
        OSRDestroySpatialReference(s2);
        if (!ct) {
            OSRDestroySpatialReference(wgs84);
            free(labels);
            return im_fail(ctx, IM_ERR_DATA, "%s: the layer's CRS cannot be transformed to "
                                             "WGS 84 (%s)", ld->name, gdal_why());
        }
    }
    char base[64];
    const char *slash = strrchr(ld->name, '/');
    snprintf(base, sizeof base, "%s", slash ? slash + 1 : ld->name);

    im_status st = IM_OK;
    size_t index = *next_index, skipped = 0, features = 0;
    int other_type = wkbUnknown;
    char *texts[IM_FIELD_COUNT] = {0};
    OGRFeatureH feat;
    OGR_L_ResetReading(layer);
    while (st == IM_OK && (feat = OGR_L_GetNextFeature(layer)) != NULL) {
        im_values v;
        memset(&v, 0, sizeof v);
        char idbuf[96], buf[64];
        snprintf(idbuf, sizeof idbuf, "%s#%zu", base, index);
        v.id_fallback = idbuf;
        if (how->sheet) {
            GIntBig fid = OGR_F_GetFID(feat);
            bool empty = fid <= how->header_fid;
            for (int i = 0; i < nf && !empty; i++)
                if (OGR_F_IsFieldSetAndNotNull(feat, i) && *OGR_F_GetFieldAsString(feat, i))
                    break;
                else if (i == nf - 1)
                    empty = true;
            if (empty) { /* above the header, or a row left blank */
                OGR_F_Destroy(feat);
                continue;
            }
            if (fid > 0)
                index = (size_t)fid;
            snprintf(idbuf, sizeof idbuf, "%s#%zu", base, index);
        }
        for (int f = 0; f < IM_FIELD_COUNT && st == IM_OK; f++) {
            if (col[f] < 0)
                continue;
            OGRFieldDefnH fd = OGR_FD_GetFieldDefn(defn, col[f]);
            v.label[f] = labels[col[f]];
            const char *t = field_text(feat, col[f], OGR_Fld_GetType(fd), buf, sizeof buf);
            if (t && OGR_Fld_GetType(fd) == OFTString && esri_date_field(ed, v.label[f]))
                t = im_esri_date_text(t, buf, sizeof buf);
            if (t && *t) {
                /* GetFieldAsString's buffers are reused: keep a copy. */
                if (!(texts[f] = im_strdup(t)))
                    st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                v.text[f] = texts[f];
            }
        }
        bool no_date = !v.text[IM_F_DATE];
        for (int k = 0; k < 2 && st == IM_OK && no_date; k++) {
            const im_field f = k ? IM_F_DATE_END : IM_F_DATE;
            const char *t = span[k] >= 0 ? field_text(feat, span[k], OFTDateTime, buf, sizeof buf)
                                         : NULL;
            if (!t || v.text[f])
                continue;
            if (!(texts[f] = im_strdup(t)))
                st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            v.text[f] = texts[f];
            v.label[f] = k ? "TimeSpan end" : "TimeSpan begin";
        }
        OGRGeometryH g = OGR_F_GetGeometryRef(feat);
        int gt = g ? wkbFlatten(OGR_G_GetGeometryType(g)) : wkbNone;
        features++;
        if (st == IM_OK && (gt == wkbNone || gt == wkbUnknown) && (wkt_col >= 0 || pair_col >= 0)) {
            int c = wkt_col >= 0 ? wkt_col : pair_col;
            const char *t = OGR_F_IsFieldSetAndNotNull(feat, c) ? OGR_F_GetFieldAsString(feat, c)
                                                                : "";
            if (wkt_col >= 0)
                im_values_wkt(ld, index, v.text[IM_F_ID], labels[c], t, &v);
            else
                im_values_pair(ld, index, v.text[IM_F_ID], labels[c], t, pair_lon_first, &v);
        }
        if (st != IM_OK) {
            /* fall through to the cleanup */
        } else if (gt == wkbPoint || gt == wkbMultiPoint) {
            int n = gt == wkbPoint ? 1 : OGR_G_GetGeometryCount(g);
            char multi_id[192];
            const char *id = v.text[IM_F_ID] ? v.text[IM_F_ID] : idbuf;
            for (int k = 0; k < n && st == IM_OK; k++) {
                OGRGeometryH p = gt == wkbPoint ? g : OGR_G_GetGeometryRef(g, k);
                double x = OGR_G_GetX(p, 0), y = OGR_G_GetY(p, 0), z = 0;
                if (OGR_G_IsEmpty(p)) {
                    im_load_error(ld, index, id, "geometry: an empty point");
                    continue;
                }
                if (ct && !OCTTransform(ct, 1, &x, &y, &z)) {
                    im_load_error(ld, index, id, "geometry: cannot be transformed to WGS 84");
                    continue;
                }
                v.has_point = true;
                v.lon = x;
                v.lat = y;
                if (n > 1) {
                    snprintf(multi_id, sizeof multi_id, "%.140s#%d", id, k + 1);
                    v.text[IM_F_ID] = multi_id;
                }
                st = im_load_values(ld, index, &v);
            }
        } else if (gt == wkbNone || gt == wkbUnknown) {
            st = im_load_values(ld, index, &v); /* a table: lat/lon columns */
        } else {
            const char *id = v.text[IM_F_ID] ? v.text[IM_F_ID] : idbuf;
            other_type = gt;
            if (ctx->strict)
                im_load_error(ld, index, id, "geometry: a %s is not a point",
                              OGRGeometryTypeToName((OGRwkbGeometryType)gt));
            else if (skipped++ < MAX_SKIP_WARNINGS)
                im_load_warning(ld, index, id, "geometry: a %s is not a point; the feature is "
                                               "skipped (--strict makes this an error)",
                                OGRGeometryTypeToName((OGRwkbGeometryType)gt));
        }
        for (int f = 0; f < IM_FIELD_COUNT; f++) {
            free(texts[f]);
            texts[f] = NULL;
        }
        OGR_F_Destroy(feat);
        index++;
    }
    *next_index = index;
    free(labels);
    if (skipped > MAX_SKIP_WARNINGS)
        im_log(ctx, IM_LOG_WARNING, "%s: %zu features in all skipped for not being points",
               ld->name, skipped);
    /* A layer of areas or lines alone (a KML folder of them is one of
     * several, read or not with the rest). */
    if (st == IM_OK && !kml && skipped && skipped == features)
        st = im_fail(ctx, IM_ERR_DATA, "%s: layer \"%.80s\" has no points, only %ss (%zu "
                                       "features); incidents are points: give the layer that "
                                       "has them (--layer-name)", ld->name,
                     OGR_L_GetName(layer), OGRGeometryTypeToName((OGRwkbGeometryType)other_type),
                     features);
    if (ct)
        OCTDestroyCoordinateTransformation(ct);
    if (wgs84)
        OSRDestroySpatialReference(wgs84);
    return st;
}

/* The GIS file inside a ZIP archive (a zipped Shapefile as portals and
 * e-mail give them; a GeoPackage, KML, GeoJSON, FlatGeobuf or GPX) as a
 * GDAL path under zip ("/vsizip/x.zip"): the one such file, or the folder
 * of several Shapefiles (one layer each). NULL after an error. */
static char *zip_member(im_load *ld, const char *zip)
{
    static const char *const exts[] = {".shp", ".gpkg", ".kml", ".geojson", ".json", ".fgb",
                                       ".gpx", ".gml", ".tab", ".mif"};
    char **list = VSIReadDirRecursive(zip);
    const char *pick = NULL;
    size_t n = 0, n_shp = 0, dir_len = 0;
    bool one_dir = true;
    char names[400] = "";
    size_t len = 0;
    for (char **e = list; e && *e; e++) {
        const char *f = *e, *sl = strrchr(f, '/');
        size_t fl = strlen(f);
        if (strncmp(f, "__MACOSX/", 9) == 0 || (sl ? sl[1] : f[0]) == '.')
            continue; /* macOS's resource forks */
        for (size_t k = 0; k < sizeof exts / sizeof exts[0]; k++) {
            size_t el = strlen(exts[k]);
            if (fl <= el || strcasecmp(f + fl - el, exts[k]) != 0)
                continue;
            size_t dl = sl ? (size_t)(sl - f) : 0;
            if (n && (dl != dir_len || (dl && strncmp(f, pick, dl) != 0)))
                one_dir = false;
            if (!n)
                pick = f, dir_len = dl;
            n++;
            n_shp += k == 0;
            if (len < sizeof names - 80)
                len += (size_t)snprintf(names + len, sizeof names - len, "%s%.60s",
                                        n > 1 ? ", " : "", f);
        }
    }
    char *path = NULL;
    if (n == 0) {
        im_fail(ld->ctx, IM_ERR_DATA, "%s: a ZIP archive with no Shapefile, GeoPackage, KML, "
                                      "GeoJSON, FlatGeobuf, GPX, GML or MapInfo file in it", ld->name);
    } else if (n > 1 && !(n == n_shp && one_dir)) {
        im_fail(ld->ctx, IM_ERR_DATA, "%s: a ZIP archive with %zu GIS files (%s); unpack it "
                                      "and give the one to read", ld->name, n, names);
    } else {
        /* One file, or the folder of several Shapefiles (--layer-name). */
        size_t keep = n > 1 ? dir_len : strlen(pick);
        size_t zl = strlen(zip);
        if ((path = malloc(zl + keep + 2))) {
            memcpy(path, zip, zl);
            path[zl] = '/';
            memcpy(path + zl + 1, pick, keep);
            path[zl + 1 + keep] = '\0';
        } else {
            im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
        }
    }
    CSLDestroy(list);
    return path;
}

/* A sheet whose first row is not its header (a title, a note or a blank
 * row above the header, as analysts' own sheets often have): among the
 * first 30 rows of the sheet opened without a header row (layer), the row
 * whose cells name more of the needed fields than the first row did
 * (first_score). Returns its cells (one per field; the caller frees with
 * CSLDestroy) and sets *fid to its row, or NULL when no row does better. */
static char **title_header(const im_context *ctx, OGRLayerH layer, int first_score,
                           GIntBig *fid, int *score_out)
{
    int nf = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer));
    char **best = NULL;
    int best_score = first_score;
    OGRFeatureH feat;
    OGR_L_ResetReading(layer);
    for (int row = 0; row < 30 && best_score < 3 && (feat = OGR_L_GetNextFeature(layer)); row++) {
        char **cells = NULL;
        for (int i = 0; i < nf; i++)
            cells = CSLAddString(cells, OGR_F_IsFieldSetAndNotNull(feat, i)
                                            ? OGR_F_GetFieldAsString(feat, i) : "");
        int score = cells ? header_score(ctx, (const char *const *)cells, (size_t)nf, false) : 0;
        if (score > best_score) {
            CSLDestroy(best);
            best = cells;
            best_score = score;
            *fid = OGR_F_GetFID(feat);
            *score_out = score;
        } else {
            CSLDestroy(cells);
        }
        OGR_F_Destroy(feat);
    }
    return best;
}

static void sheet_headers(const char *how)
{
    CPLSetThreadLocalConfigOption("OGR_XLSX_HEADERS", how);
    CPLSetThreadLocalConfigOption("OGR_ODS_HEADERS", how);
    CPLSetThreadLocalConfigOption("OGR_XLS_HEADERS", how);
}

/* Is ds a KML file, whose folders are layers of one set of Placemarks? */
static bool is_kml(GDALDatasetH ds)
{
    GDALDriverH drv = GDALGetDatasetDriver(ds);
    const char *n = drv ? GDALGetDriverShortName(drv) : "";
    return strcmp(n, "LIBKML") == 0 || strcmp(n, "KML") == 0;
}

/* Every layer with features: a KML's folders (Google My Maps writes one
 * per map layer, Google Earth one per folder, nested or not). */
static im_status read_all_layers(im_load *ld, GDALDatasetH ds)
{
    int n = GDALDatasetGetLayerCount(ds), used = 0;
    size_t index = 0;
    char names[300] = "";
    size_t len = 0;
    im_status st = IM_OK;
    for (int i = 0; i < n && st == IM_OK; i++) {
        OGRLayerH l = GDALDatasetGetLayer(ds, i);
        if (OGR_L_GetFeatureCount(l, TRUE) <= 0)
            continue;
        if (len < sizeof names - 80)
            len += (size_t)snprintf(names + len, sizeof names - len, "%s\"%.60s\"",
                                    used ? ", " : "", OGR_L_GetName(l));
        used++;
        layer_read how = {.kml = true};
        st = read_layer(ld, l, &how, &index);
    }
    if (used == 0)
        return im_fail(ld->ctx, IM_ERR_DATA, "%s: the KML file has no Placemarks", ld->name);
    if (used > 1 && st == IM_OK)
        im_log(ld->ctx, IM_LOG_INFO, "%s: read the Placemarks of %d folders (%s%s; "
                                     "--layer-name reads one)", ld->name, used, names,
               len >= sizeof names - 80 ? ", ..." : "");
    return st;
}

im_status im_ogr_read(im_load *ld, const char *data, size_t size, const char *kind,
                      const char *ext)
{
    im_context *ctx = ld->ctx;
    if (!kind)
        return im_fail(ctx, IM_ERR_DATA, "%s: not a file GDAL reads", ld->name);
    bool zip = strcmp(kind, "ZIP") == 0;
    if (zip)
        ext = ".zip";
    pthread_once(&im_gdal_once, im_gdal_open);
    if (im_gdal_failed[0])
        return im_fail(ctx, IM_ERR_DATA, "%s: %s input needs GDAL, which could not be opened "
                                         "(%s): install it (Debian: apt install %s) or convert "
                                         "the file: ogr2ogr -f CSV -lco GEOMETRY=AS_XY out.csv "
                                         "%s",
                       ld->name, kind, im_gdal_failed, INCMAP_GDAL_PACKAGE, ld->name);
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
    /* From the file itself when there is one (a Shapefile needs its .dbf
     * and .shx beside it), else from the bytes through /vsimem/. */
    char vsi[96] = "";
    const char *open_path = ld->path;
    size_t pl = open_path ? strlen(open_path) : 0, el = ext ? strlen(ext) : 0;
    /* GDAL knows a ZIP-based file (KMZ, XLSX, ODS) by its extension: a
     * renamed one is given to it from memory under the right name. A
     * Shapefile needs its .dbf and .shx beside it, so it keeps its path. */
    if (open_path && ext && strcmp(kind, "Shapefile") != 0 && strcmp(kind, "MapInfo") != 0 &&
        !zip &&
        (pl < el || strcasecmp(open_path + pl - el, ext) != 0))
        open_path = NULL;
    if (!open_path) {
        snprintf(vsi, sizeof vsi, "/vsimem/incmap-%p%s", (void *)ld, ext ? ext : "");
        VSILFILE *fp = VSIFileFromMemBuffer(vsi, (GByte *)data, (vsi_l_offset)size, FALSE);
        if (!fp) {
            CPLPopErrorHandler();
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        }
        VSIFCloseL(fp);
        open_path = vsi;
    }
    char *inner = NULL;
    if (zip) {
        char *zpath = malloc(strlen(open_path) + 9);
        if (zpath) {
            strcpy(zpath, "/vsizip/");
            strcat(zpath, open_path);
            inner = zip_member(ld, zpath);
            free(zpath);
        } else {
            im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        }
        if (!inner) {
            if (vsi[0])
                VSIUnlink(vsi);
            CPLPopErrorHandler();
            return IM_ERR_DATA;
        }
        open_path = inner;
    }
    /* The first row of a spreadsheet is the header, even when every cell
     * is text (GDAL's AUTO guesses otherwise; HDX hashtag rows confuse it). */
    sheet_headers("FORCE");
    bool sheet = strcmp(kind, "XLSX") == 0 || strcmp(kind, "ODS") == 0 ||
                 strcmp(kind, "XLS") == 0; /* Excel 97-2003 (GDAL's XLS, through FreeXL) */
    /* GML without its .xsd: GDAL would write a .gfs schema beside the file. */
    static const char *const gml_options[] = {"WRITE_GFS=NO", NULL};
    const char *const *open_options = strcmp(kind, "GML") == 0 ? gml_options : NULL;
    GDALDatasetH ds = GDALOpenEx(open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
                                 open_options, NULL);
    im_status st;
    if (!ds) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: not a readable %s file (%s)", ld->name,
                     zip ? "zipped GIS" : kind, gdal_why());
    } else if (!ctx->layer_name[0] && is_kml(ds)) {
        st = read_all_layers(ld, ds);
        GDALClose(ds);
    } else {
        int score, pick_i;
        OGRLayerH layer = choose_layer(ld, ds, &score, &pick_i);
        size_t index = 0;
        esri_dates ed = {NULL, 0};
        bool partial = false;
        if (strcmp(kind, "Esri JSON") == 0)
            ed.names = im_esri_date_fields(data, size, &ed.n, &partial);
        if (partial)
            im_log(ctx, IM_LOG_WARNING, "%s: the server had more features than this file holds "
                   "(\"exceededTransferLimit\": true); the map shows only this page (query "
                   "again with resultOffset, or download the whole layer)", ld->name);
        layer_read how = {.kml = is_kml(ds), .ed = &ed, .sheet = sheet,
                          .gpx = strcmp(kind, "GPX") == 0, .feed = strcmp(kind, "GeoRSS") == 0};
        /* A sheet whose first row does not name the fields: its header may
         * be further down, below a title, in this sheet or another. */
        GDALDatasetH raw = NULL;
        if (layer && sheet && score < 3) {
            sheet_headers("DISABLE");
            raw = GDALOpenEx(open_path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
            int nl = raw ? GDALDatasetGetLayerCount(raw) : 0;
            for (int i = 0; i < nl; i++) {
                OGRLayerH rl = GDALDatasetGetLayer(raw, i);
                if (ctx->layer_name[0] && strcmp(OGR_L_GetName(rl), ctx->layer_name) != 0)
                    continue;
                GIntBig fid = 0;
                char **h = title_header(ctx, rl, score, &fid, &score);
                if (h) {
                    CSLDestroy(how.header);
                    how.header = h;
                    how.header_fid = fid;
                    layer = rl;
                    pick_i = i;
                }
            }
            if (how.header)
                im_log(ctx, IM_LOG_INFO, "%s: the header is row %lld of sheet \"%.80s\"; the "
                                         "rows above it are left out", ld->name,
                       (long long)how.header_fid, OGR_L_GetName(layer));
        }
        int nl = GDALDatasetGetLayerCount(ds);
        if (layer && pick_i >= 0 && nl > 1 && !ctx->layer_name[0])
            im_log(ctx, IM_LOG_INFO, "%s: reading %s \"%.80s\", %d of %d%s (--layer-name "
                                     "chooses another)", ld->name, sheet ? "sheet" : "layer",
                   OGR_L_GetName(layer), pick_i + 1, nl,
                   score == 3 ? ", the one with points (or coordinates), dates and weapons" : "");
        if (sheet) {
            ld->what = "row";
            if (layer && nl > 1)
                snprintf(ld->sheet, sizeof ld->sheet, "%s", OGR_L_GetName(layer));
        }
        st = layer ? read_layer(ld, layer, &how, &index) : IM_ERR_DATA;
        CSLDestroy(how.header);
        if (raw)
            GDALClose(raw);
        im_esri_date_fields_free(ed.names, ed.n);
        GDALClose(ds);
    }
    free(inner);
    sheet_headers(NULL);
    if (vsi[0])
        VSIUnlink(vsi);
    CPLPopErrorHandler();
    return st;
}

#endif
