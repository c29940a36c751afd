/* incident_esri.c - Esri JSON (an ArcGIS FeatureServer query with f=json,
 * or a layer saved from ArcGIS; told apart from other JSON in
 * incident_sniff.c): its date fields.
 *
 * The features are read by GDAL's ESRIJSON driver like the other GIS files
 * (incident_ogr.c), which also takes the points from the layer's
 * spatialReference (often 102100, Web Mercator) to WGS 84. GDAL 3.6 gives
 * the fields that the file's "fields" list types esriFieldTypeDate as the
 * raw number, milliseconds since 1970-01-01 UTC; this file finds those
 * fields and writes such a number as an ISO 8601 date. A query's answer
 * that is one page of more ("exceededTransferLimit": true) is noted, since
 * the map would show only that page.
 */
#include "im_private.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

char **im_esri_date_fields(const char *data, size_t size, size_t *n, bool *partial)
{
    *n = 0;
    json_t *root = json_loadb(data, size, JSON_DECODE_ANY, NULL);
    /* A server's page of a larger result says so. */
    *partial = json_is_true(json_object_get(root, "exceededTransferLimit"));
    json_t *fields = json_object_get(root, "fields");
    char **out = NULL;
    size_t len = json_array_size(fields);
    if (len)
        out = calloc(len, sizeof *out);
    for (size_t i = 0; out && i < len; i++) {
        json_t *f = json_array_get(fields, i);
        const char *name = json_string_value(json_object_get(f, "name"));
        const char *type = json_string_value(json_object_get(f, "type"));
        if (name && type && strcmp(type, "esriFieldTypeDate") == 0) {
            char *copy = im_strdup(name);
            if (copy)
                out[(*n)++] = copy;
        }
    }
    json_decref(root);
    if (out && *n == 0) {
        free(out);
        out = NULL;
    }
    return out;
}

void im_esri_date_fields_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

const char *im_esri_date_text(const char *value, char *buf, size_t size)
{
    /* An integer of milliseconds, perhaps negative (before 1970). */
    const char *p = value;
    if (*p == '-')
        p++;
    size_t digits = strspn(p, "0123456789");
    if (digits == 0 || digits > 15 || p[digits] != '\0')
        return value;
    long long ms = strtoll(value, NULL, 10);
    long long secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    long long days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    long long rem = secs - days * 86400;
    int y, m, d;
    im_date_split((int64_t)secs, &y, &m, &d);
    if (rem == 0)
        snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(buf, size, "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", y, m, d, rem / 3600,
                 rem / 60 % 60, rem % 60);
    return buf;
}
