/* incident_fields.c - which GeoJSON property or CSV column feeds which field
 * of a record, and the text forms of dates and numbers that exported files
 * use. Shared by the GeoJSON and CSV readers. */
#include "im_private.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const field_names[IM_FIELD_COUNT] = {
    "id", "date", "weapon", "site", "count", "casualties", "uncertainty_km",
    "geo_precision", "time_precision", "source", "lat", "lon"};

/* Known names per field, preferred first. ACLED's columns are here:
 * event_id_cnty, event_date, sub_event_type, location, fatalities,
 * latitude, longitude, geo_precision, time_precision, source, notes. */
static const struct {
    im_field field;
    const char *names[6];
} known[] = {
    {IM_F_ID, {"id", "event_id_cnty", "event_id", "data_id"}},
    {IM_F_DATE, {"date", "event_date", "datetime", "time"}},
    {IM_F_WEAPON, {"weapon", "weapon_type", "sub_event_type", "attack_type", "type"}},
    {IM_F_SITE, {"site", "location", "name"}},
    {IM_F_COUNT, {"count", "munitions"}},
    {IM_F_CASUALTIES, {"casualties", "fatalities"}},
    {IM_F_UNCERTAINTY, {"uncertainty_km"}},
    {IM_F_GEO_PRECISION, {"geo_precision"}},
    {IM_F_TIME_PRECISION, {"time_precision"}},
    {IM_F_SOURCE, {"source", "notes"}},
    {IM_F_LAT, {"lat", "latitude", "y"}},
    {IM_F_LON, {"lon", "longitude", "lng", "long", "x"}},
};

const char *im_field_name(im_field f)
{
    return f >= 0 && f < IM_FIELD_COUNT ? field_names[f] : "?";
}

/* Case-insensitive equality of a and b, ignoring spaces around a. */
static bool same_name(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t')
        a++;
    size_t n = strlen(a);
    while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
        n--;
    return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

int im_field_match(const im_context *ctx, const char *name, bool with_coords, int *rank)
{
    for (int f = 0; f < IM_FIELD_COUNT; f++)
        if (ctx->fields[f] && same_name(name, ctx->fields[f]) &&
            (with_coords || (f != IM_F_LAT && f != IM_F_LON))) {
            *rank = -1;
            return f;
        }
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        im_field f = known[k].field;
        if (ctx->fields[f] || (!with_coords && (f == IM_F_LAT || f == IM_F_LON)))
            continue; /* an explicit name replaces the known ones */
        for (int r = 0; r < 6 && known[k].names[r]; r++)
            if (same_name(name, known[k].names[r])) {
                *rank = r;
                return (int)f;
            }
    }
    return -1;
}

static const char *const months[12] = {"january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november",
                                       "december"};

/* Month number from "July", "Jul", "jul." or "Sept"; 0 when not a month. */
static int month_number(const char *s, size_t n)
{
    if (n && s[n - 1] == '.')
        n--;
    if (n < 3)
        return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(months[m]);
        if ((n == full || n == 3 || (m == 8 && n == 4)) && n <= full &&
            strncasecmp(s, months[m], n) == 0)
            return m + 1;
    }
    return 0;
}

/* Up to max digits at *p as a number; -1 when there are none or more. */
static int digits(const char **p, int max)
{
    int v = 0, n = 0;
    while (isdigit((unsigned char)**p)) {
        if (++n > max)
            return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    return n ? v : -1;
}

void im_date_normalize(const char *text, char *buf, size_t size)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    snprintf(buf, size, "%.*s", (int)(n < 200 ? n : 200), text);
    const char *p = buf;
    int d = digits(&p, 2), m = 0, y;
    if (d < 0)
        return;
    if ((*p == '-' || *p == '.') && isdigit((unsigned char)p[1])) {
        char sep = *p++;
        /* DD-MM-YYYY (ACLED, most of the world's spreadsheets) */
        if ((m = digits(&p, 2)) < 0 || *p++ != sep || (y = digits(&p, 4)) < 1000 || *p)
            return;
    } else if (*p == ' ') {
        /* D Month YYYY, DD Mon YYYY */
        while (*p == ' ')
            p++;
        const char *ms = p;
        while (isalpha((unsigned char)*p) || *p == '.')
            p++;
        if (!(m = month_number(ms, (size_t)(p - ms))) || *p != ' ')
            return;
        while (*p == ' ')
            p++;
        if ((y = digits(&p, 4)) < 1000 || *p)
            return;
    } else {
        return;
    }
    /* Out-of-range days and months stay visible to im_date_parse. */
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

bool im_parse_decimal(const char *text, double *out)
{
    while (*text == ' ' || *text == '\t')
        text++;
    const char *p = text;
    if (*p == '+' || *p == '-')
        p++;
    size_t mant = 0;
    while (isdigit((unsigned char)*p))
        p++, mant++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p))
            p++, mant++;
    }
    if (!mant)
        return false;
    if (*p == 'e' || *p == 'E') {
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
    char num[80];
    memcpy(num, text, (size_t)(end - text));
    num[end - text] = '\0';
    double v = strtod(num, NULL); /* the C locale: the library never calls setlocale */
    if (!isfinite(v))
        return false;
    *out = v;
    return true;
}
