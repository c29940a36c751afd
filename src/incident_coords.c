/* incident_coords.c - a point held in one text column: a WKT geometry
 * ("POINT (44.39 33.30)", as QGIS and ogr2ogr write CSV with
 * GEOMETRY=AS_WKT) or a "lat, lon" pair ("33.3152, 44.3661", as Google Maps
 * and Earth copy a point). The CSV reader and the OGR reader (spreadsheets
 * and tables without a geometry) both use it, so the two read such a
 * column the same way.
 */
#include "im_private.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

int im_wkt_column_rank(const char *name)
{
    static const char *const names[] = {"WKT", "wkt_geom", "geometry", "geom", "the_geom"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (im_same_name(name, names[k]))
            return (int)k;
    return -1;
}

int im_pair_column_rank(const char *name, bool *lon_first)
{
    static const char *const names[] = {
        "coordinates", "coords", "coordinate", "latlon", "lat_lon", "lat/lon", "lat, lon",
        "lat,lon", "latlng", "lat_lng", "lat_long", "latitude, longitude", "latitude,longitude",
        "latitude/longitude", "gps", "lonlat", "lon_lat", "lon, lat", "lon,lat", "lnglat",
        "lng_lat", "longitude, latitude"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (im_same_name(name, names[k])) {
            *lon_first = k >= 15;
            return (int)k;
        }
    return -1;
}

static void bad(im_values *v)
{
    v->bad[IM_F_LAT] = v->bad[IM_F_LON] = true;
}

void im_values_wkt(im_load *ld, size_t index, const char *id, const char *name,
                   const char *text, im_values *v)
{
    v->label[IM_F_LAT] = v->label[IM_F_LON] = name;
    if (!id)
        id = v->id_fallback;
    const char *p = text ? text : "";
    while (*p == ' ')
        p++;
    if (!*p) {
        bad(v);
        im_load_error(ld, index, id, "%.60s: missing", name);
        return;
    }
    size_t kw = 0;
    while (isalpha((unsigned char)p[kw]))
        kw++;
    if (kw != 5 || strncasecmp(p, "POINT", 5) != 0) {
        bad(v);
        im_load_error(ld, index, id, "%.60s: \"%.40s\" is not a point (only POINT geometries "
                                     "are read)", name, text);
        return;
    }
    p += 5;
    while (*p == ' ')
        p++;
    for (int words = 0; words < 2 && isalpha((unsigned char)*p); words++) { /* Z, M, ZM, EMPTY */
        size_t w = 0;
        while (isalpha((unsigned char)p[w]))
            w++;
        if (w == 5 && strncasecmp(p, "EMPTY", 5) == 0) {
            bad(v);
            im_load_error(ld, index, id, "%.60s: missing (an empty point)", name);
            return;
        }
        p += w;
        while (*p == ' ')
            p++;
    }
    double xy[2];
    int n = 0;
    if (*p == '(') {
        p++;
        for (; n < 2; n++) {
            while (*p == ' ')
                p++;
            char num[64];
            size_t len = strcspn(p, " )");
            if (len == 0 || len >= sizeof num)
                break;
            memcpy(num, p, len);
            num[len] = '\0';
            if (!im_parse_decimal(num, &xy[n]))
                break;
            p += len;
        }
    }
    if (n < 2 || !strchr(p, ')')) {
        bad(v);
        im_load_error(ld, index, id, "%.60s: \"%.40s\" is not a WKT point such as "
                                     "POINT (44.39 33.30)", name, text);
        return;
    }
    v->has_point = true;
    v->lon = xy[0];
    v->lat = xy[1];
}

/* One number of a "lat, lon" pair: decimal or degrees-minutes-seconds;
 * the DMS hemisphere letter's axis ('x', 'y', '?' none) in *axis. */
static bool pair_number(const char *s, size_t n, double *out, int *axis)
{
    char num[64];
    while (n && *s == ' ')
        s++, n--;
    while (n && s[n - 1] == ' ')
        n--;
    if (!n || n >= sizeof num)
        return false;
    memcpy(num, s, n);
    num[n] = '\0';
    *axis = '?';
    return im_parse_decimal(num, out) || (*axis = im_parse_dms(num, out)) != 0;
}

void im_values_pair(im_load *ld, size_t index, const char *id, const char *name,
                    const char *text, bool lon_first_name, im_values *v)
{
    v->label[IM_F_LAT] = v->label[IM_F_LON] = name;
    if (!id)
        id = v->id_fallback;
    if (!text)
        text = "";
    const char *cut = NULL;
    if (strchr(text, ',') && !strchr(strchr(text, ',') + 1, ','))
        cut = strchr(text, ',');
    else if (strchr(text, ';') && !strchr(strchr(text, ';') + 1, ';'))
        cut = strchr(text, ';');
    else
        for (const char *p = text; *p && !cut; p++)
            if ((*p == 'N' || *p == 'S') && p[1] == ' ')
                cut = p + 1;
    double a, b;
    int ax, bx;
    if (strspn(text, " ") == strlen(text)) {
        bad(v);
        im_load_error(ld, index, id, "%.60s: missing", name);
        return;
    }
    if (!cut || !pair_number(text, (size_t)(cut - text), &a, &ax) ||
        !pair_number(cut + 1, strlen(cut + 1), &b, &bx) || (ax != '?' && ax == bx)) {
        bad(v);
        im_load_error(ld, index, id, "%.60s: \"%.40s\" is not a pair of coordinates such as "
                                     "\"33.3152, 44.3661\" (%s first)", name, text,
                      lon_first_name ? "longitude" : "latitude");
        return;
    }
    bool lon_first = ax == 'x' || bx == 'y' || (ax == '?' && bx == '?' && lon_first_name);
    v->has_point = true;
    v->lat = lon_first ? b : a;
    v->lon = lon_first ? a : b;
}
