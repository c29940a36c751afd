/* incident_fields.c - which GeoJSON property or CSV column feeds which field
 * of a record (the context's --field names, the preset's, the known ones),
 * and the text form of numbers. Shared by every reader. */
#include "im_private.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const field_names[IM_FIELD_COUNT] = {
    "id", "date", "weapon", "site", "count", "casualties", "uncertainty_km",
    "geo_precision", "time_precision", "source", "lat", "lon",
    "date_end", "date_precision", "year", "month", "day", "category", "size"};

/* Known names per field, preferred first. ACLED's columns are here:
 * event_id_cnty, event_date, sub_event_type, location, fatalities,
 * latitude, longitude, geo_precision, time_precision, source, notes. */
static const struct {
    im_field field;
    const char *names[8];
} known[] = {
    {IM_F_ID, {"id", "event_id_cnty", "event_id", "data_id"}},
    {IM_F_DATE, {"date", "event_date", "datetime", "time", "timestamp"}},
    {IM_F_WEAPON, {"weapon", "weapon_type", "sub_event_type", "attack_type", "type", "category"}},
    {IM_F_SITE, {"site", "location", "name"}},
    {IM_F_COUNT, {"count", "munitions"}},
    {IM_F_CASUALTIES, {"casualties", "fatalities"}},
    {IM_F_UNCERTAINTY, {"uncertainty_km"}},
    {IM_F_GEO_PRECISION, {"geo_precision"}},
    {IM_F_TIME_PRECISION, {"time_precision"}},
    {IM_F_SOURCE, {"source", "notes"}},
    /* point_y/point_x: ArcGIS's Add XY Coordinates; ycoord/xcoord: QGIS's
     * Add Geometry Attributes. */
    {IM_F_LAT, {"lat", "latitude", "y", "point_y", "ycoord"}},
    {IM_F_LON, {"lon", "longitude", "lng", "long", "x", "point_x", "xcoord"}},
    {IM_F_DATE_END, {"date_end", "end_date"}},
    {IM_F_DATE_PRECISION, {"date_precision", "date_prec"}},
};

const char *im_field_name(im_field f)
{
    return f >= 0 && f < IM_FIELD_COUNT ? field_names[f] : "?";
}

int im_field_by_name(const char *name)
{
    for (int f = 0; f < IM_FIELD_COUNT && name; f++)
        if (strcmp(name, field_names[f]) == 0)
            return f;
    return -1;
}

bool im_same_name(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t')
        a++;
    size_t n = strlen(a);
    while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
        n--;
    return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

int im_field_match(const im_context *ctx, im_preset preset, const char *name, bool with_coords,
                   int *rank)
{
    for (int f = 0; f < IM_F_CATEGORY; f++)
        if (ctx->fields[f] && im_same_name(name, ctx->fields[f]) &&
            (with_coords || (f != IM_F_LAT && f != IM_F_LON))) {
            *rank = -1;
            return f;
        }
    /* The dataset's own names come before the generic ones. */
    im_field pf;
    int pr;
    char trimmed[64];
    while (*name == ' ' || *name == '\t')
        name++;
    snprintf(trimmed, sizeof trimmed, "%s", name);
    for (size_t n = strlen(trimmed); n && (trimmed[n - 1] == ' ' || trimmed[n - 1] == '\t');)
        trimmed[--n] = '\0';
    if (preset != IM_PRESET_NONE && im_preset_field(preset, trimmed, &pf, &pr) &&
        !ctx->fields[pf] && (with_coords || (pf != IM_F_LAT && pf != IM_F_LON))) {
        *rank = pr;
        return (int)pf;
    }
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        im_field f = known[k].field;
        if (ctx->fields[f] || (!with_coords && (f == IM_F_LAT || f == IM_F_LON)))
            continue; /* an explicit name replaces the known ones */
        for (int r = 0; r < 8 && known[k].names[r]; r++)
            if (im_same_name(name, known[k].names[r])) {
                *rank = 10 + r;
                return (int)f;
            }
    }
    return -1;
}

bool im_field_named(const im_context *ctx, im_field f, const char *name)
{
    return f >= IM_F_CATEGORY && f < IM_FIELD_COUNT && ctx->fields[f] && name &&
           im_same_name(name, ctx->fields[f]);
}

/* Exact powers of ten: every one up to 1e22 is a double. */
static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

bool im_parse_decimal(const char *text, double *out)
{
    while (*text == ' ' || *text == '\t')
        text++;
    const char *p = text;
    bool neg = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    size_t mant = 0, frac = 0;
    uint64_t m = 0; /* the digits as an integer, while it has at most 19 */
    while (isdigit((unsigned char)*p)) {
        if (mant < 19)
            m = m * 10 + (uint64_t)(*p - '0');
        p++, mant++;
    }
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p)) {
            if (mant < 19)
                m = m * 10 + (uint64_t)(*p - '0');
            p++, mant++, frac++;
        }
    }
    if (!mant)
        return false;
    bool expo = *p == 'e' || *p == 'E';
    if (expo) {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    const char *end = p;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p || end - text > 64)
        return false;
    /* A coordinate's usual form, digits without an exponent that make an
     * integer below 2^53, divided by a power of ten up to 1e22: both are
     * exact doubles, and IEEE division rounds their quotient correctly, so
     * this is the double strtod gives (Clinger's fast path), without its
     * locale lookup and big-number set-up (a sixth of a CSV's load). */
    if (!expo && mant <= 19 && m <= ((uint64_t)1 << 53) && frac <= 22) {
        double v = (double)m / pow10_exact[frac];
        *out = neg ? -v : v;
        return true;
    }
    char num[80];
    memcpy(num, text, (size_t)(end - text));
    num[end - text] = '\0';
    double v = strtod(num, NULL); /* the C locale: the library never calls setlocale */
    if (!isfinite(v))
        return false;
    *out = v;
    return true;
}
