/* incident_sniff.c - what kind of file an input is: magic bytes first, the
 * extension second, then the text itself.
 *
 * GeoPackage ("SQLite format 3"), FlatGeobuf ("fgb"), Shapefile (file code
 * 9994), ZIP archives (XLSX, ODS, KMZ, told apart by their members), KML and
 * GPX (XML), GML (XML in the GML namespace), MapInfo (.tab "!table", .mif), GeoJSONSeq (RS-separated or one Feature per line), Esri JSON
 * (ArcGIS), JSON and GeoJSON are known by their bytes; .csv, .tsv and the GIS extensions by
 * name; other text with a delimiter in its first line is CSV.
 */
#include "im_private.h"

#include <string.h>
#include <strings.h>

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

static bool contains(const char *data, size_t size, const char *what)
{
    size_t k = strlen(what);
    for (size_t i = 0; i + k <= size; i++)
        if (data[i] == what[0] && memcmp(data + i, what, k) == 0)
            return true;
    return false;
}

/* Esri JSON: every Esri feature set has a geometry type named
 * esriGeometry... and features holding "attributes"; GeoJSON has neither. */
static bool esri_json(const char *data, size_t size)
{
    size_t n = size < 65536 ? size : 65536;
    return contains(data, n, "\"esriGeometry") && contains(data, n, "\"attributes\"") &&
           contains(data, n, "\"features\"");
}

/* GIS kinds read through OGR: display name and the usual extension. */
static const struct {
    const char *kind, *ext;
} gis[] = {
    {"GeoPackage", ".gpkg"}, {"Shapefile", ".shp"}, {"KML", ".kml"}, {"KMZ", ".kmz"},
    {"FlatGeobuf", ".fgb"}, {"GeoJSONSeq", ".geojsonl"}, {"GeoJSONSeq", ".geojsons"},
    {"GeoJSONSeq", ".geojsonseq"}, {"XLSX", ".xlsx"}, {"ODS", ".ods"}, {"GPX", ".gpx"},
    {"XLS", ".xls"}, {"dBASE", ".dbf"}, {"GML", ".gml"}, {"MapInfo", ".tab"},
    {"MapInfo", ".mif"}, {"GeoRSS", ".xml"},
};

static im_input_format ogr(const char *kind, const char **out_kind, const char **out_ext)
{
    for (size_t i = 0; i < sizeof gis / sizeof gis[0]; i++)
        if (strcmp(gis[i].kind, kind) == 0) {
            *out_kind = gis[i].kind;
            *out_ext = gis[i].ext;
            return IM_INPUT_OGR;
        }
    return IM_INPUT_JSON;
}

/* One Feature object per line (GeoJSONSeq without RS separators)? */
static bool feature_lines(const char *data, size_t size, size_t i)
{
    const char *nl = memchr(data + i, '\n', size - i);
    if (!nl)
        return false;
    size_t end = (size_t)(nl - data);
    while (end > i && (data[end - 1] == '\r' || data[end - 1] == ' '))
        end--;
    if (end <= i + 1 || data[end - 1] != '}' || !contains(data + i, end - i, "\"Feature\""))
        return false;
    size_t j = (size_t)(nl - data) + 1;
    while (j < size && strchr(" \t\r\n", data[j]) && data[j])
        j++;
    return j < size && data[j] == '{';
}

im_input_format im_sniff_format(const char *name, const char *data, size_t size, char *delim,
                                const char **kind, const char **ext)
{
    *kind = NULL;
    *ext = NULL;
    /* Magic bytes. */
    if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0)
        return ogr("GeoPackage", kind, ext);
    if (size >= 4 && memcmp(data, "fgb\x03", 4) == 0)
        return ogr("FlatGeobuf", kind, ext);
    if (size >= 100 && memcmp(data, "\x00\x00\x27\x0a", 4) == 0)
        return ogr("Shapefile", kind, ext);
    if (size >= 4 && memcmp(data, "PK\x03\x04", 4) == 0) {
        size_t n = size < 65536 ? size : 65536;
        if (contains(data, n, "application/vnd.oasis.opendocument.spreadsheet"))
            return ogr("ODS", kind, ext);
        if (contains(data, n, "[Content_Types].xml") || contains(data, n, "xl/"))
            return ogr("XLSX", kind, ext);
        if (contains(data, n, ".kml"))
            return ogr("KMZ", kind, ext);
        for (size_t i = 0; i < sizeof gis / sizeof gis[0]; i++)
            if (has_suffix(name, gis[i].ext))
                return ogr(gis[i].kind, kind, ext);
        *kind = "ZIP";
        return IM_INPUT_OGR;
    }
    if (size >= 8 && memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return ogr("XLS", kind, ext);
    size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < size && strchr(" \t\r\n", data[i]) && data[i])
        i++;
    if (i < size && data[i] == '\x1e')
        return ogr("GeoJSONSeq", kind, ext);
    if (i < size && data[i] == '<') {
        size_t n = size - i < 4096 ? size - i : 4096;
        if (contains(data + i, n, "<kml"))
            return ogr("KML", kind, ext);
        if (contains(data + i, n, "<gpx"))
            return ogr("GPX", kind, ext);
        /* GeoRSS: an RSS or Atom feed whose items carry georss:point (or
         * W3C geo:lat/geo:long), as news and alert services publish. */
        if ((contains(data + i, n, "<rss") || contains(data + i, n, "<feed") ||
             contains(data + i, n, "<rdf:RDF")) &&
            (contains(data + i, n, "www.georss.org/georss") ||
             contains(data + i, n, "www.w3.org/2003/01/geo/")))
            return ogr("GeoRSS", kind, ext);
        /* GML (QGIS's and ogr2ogr's "GML" export, WFS answers): the GML
         * namespace on a feature collection. */
        if (contains(data + i, n, "http://www.opengis.net/gml") ||
            contains(data + i, n, "<gml:"))
            return ogr("GML", kind, ext);
    }
    /* MapInfo: a .tab file starts "!table" (its data is in the .dat, .map
     * and .id beside it), a .mif with "Version" (the .mid beside it). */
    if (has_suffix(name, ".tab") && size - i >= 6 && strncasecmp(data + i, "!table", 6) == 0)
        return ogr("MapInfo", kind, ext);
    if (has_suffix(name, ".mif") && size - i >= 7 && strncasecmp(data + i, "version", 7) == 0)
        return ogr("MapInfo", kind, ext);
    if (i < size && data[i] == '{' && feature_lines(data, size, i))
        return ogr("GeoJSONSeq", kind, ext);
    if (i < size && data[i] == '{' && esri_json(data + i, size - i)) {
        *kind = "Esri JSON";
        *ext = ".json";
        return IM_INPUT_OGR;
    }
    /* The extension. */
    if (has_suffix(name, ".geojson"))
        return IM_INPUT_GEOJSON;
    if (has_suffix(name, ".csv") || has_suffix(name, ".txt"))
        return IM_INPUT_CSV;
    if (has_suffix(name, ".tsv") || has_suffix(name, ".tab")) {
        *delim = '\t';
        return IM_INPUT_CSV;
    }
    for (size_t k = 0; k < sizeof gis / sizeof gis[0]; k++)
        if (has_suffix(name, gis[k].ext))
            return ogr(gis[k].kind, kind, ext);
    /* The text: a JSON object that says "FeatureCollection" or "Feature" in
     * its first 64 KiB is GeoJSON (GDAL and QGIS write "type" first). */
    if (i < size && data[i] == '{') {
        size_t n = size - i < 65536 ? size - i : 65536;
        if (contains(data + i, n, "\"FeatureCollection\"") || contains(data + i, n, "\"Feature\""))
            return IM_INPUT_GEOJSON;
        return IM_INPUT_JSON;
    }
    if (i < size && data[i] == '[')
        return IM_INPUT_JSON;
    /* Text with a comma, semicolon or tab in its first line: CSV. */
    for (size_t k = i; k < size && data[k] != '\n' && data[k] != '\r'; k++)
        if (data[k] == ',' || data[k] == ';' || data[k] == '\t')
            return IM_INPUT_CSV;
    return IM_INPUT_JSON;
}
