/* incident_preset.c - the conventions of published incident datasets.
 *
 * ACLED (the 2019-2022 and 2023+ layouts, and the older one with only
 * event_type), UCDP GED and the Global Terrorism Database each name their
 * columns, write dates and code location precision their own way. A preset
 * gives the columns that feed each field, the legend's heading for the
 * dataset's categories, and the radius in km each precision code stands for.
 * Presets are detected from the header (or the first record's names) unless
 * the context names one.
 */
#include "im_private.h"

#include <string.h>
#include <strings.h>

static const char *const preset_names[] = {"none", "acled", "ucdp", "gtd"};

const char *im_preset_name(im_preset p)
{
    return p >= IM_PRESET_NONE && p <= IM_PRESET_GTD ? preset_names[p] : "auto";
}

const char *im_preset_category_title(im_preset p)
{
    switch (p) {
    case IM_PRESET_UCDP: return "Type of violence";
    case IM_PRESET_GTD: return "Weapon type";
    default: return "";
    }
}

/* Columns per preset and field, preferred first. */
static const struct {
    im_preset preset;
    im_field field;
    const char *names[3];
} columns[] = {
    /* ACLED: event_type feeds the category only in the old layout, which
     * has no sub_event_type. */
    {IM_PRESET_ACLED, IM_F_ID, {"event_id_cnty"}},
    {IM_PRESET_ACLED, IM_F_DATE, {"event_date"}},
    {IM_PRESET_ACLED, IM_F_WEAPON, {"sub_event_type", "event_type"}},
    {IM_PRESET_ACLED, IM_F_SITE, {"location"}},
    {IM_PRESET_ACLED, IM_F_CASUALTIES, {"fatalities"}},
    {IM_PRESET_ACLED, IM_F_GEO_PRECISION, {"geo_precision"}},
    {IM_PRESET_ACLED, IM_F_TIME_PRECISION, {"time_precision"}},
    {IM_PRESET_ACLED, IM_F_SOURCE, {"source"}},
    {IM_PRESET_ACLED, IM_F_LAT, {"latitude"}},
    {IM_PRESET_ACLED, IM_F_LON, {"longitude"}},
    /* UCDP GED */
    {IM_PRESET_UCDP, IM_F_ID, {"id"}},
    {IM_PRESET_UCDP, IM_F_DATE, {"date_start"}},
    {IM_PRESET_UCDP, IM_F_DATE_END, {"date_end"}},
    {IM_PRESET_UCDP, IM_F_DATE_PRECISION, {"date_prec"}},
    {IM_PRESET_UCDP, IM_F_WEAPON, {"type_of_violence"}},
    {IM_PRESET_UCDP, IM_F_SITE, {"where_coordinates", "where_description"}},
    {IM_PRESET_UCDP, IM_F_CASUALTIES, {"best"}},
    {IM_PRESET_UCDP, IM_F_GEO_PRECISION, {"where_prec"}},
    {IM_PRESET_UCDP, IM_F_SOURCE, {"source_office"}},
    {IM_PRESET_UCDP, IM_F_LAT, {"latitude"}},
    {IM_PRESET_UCDP, IM_F_LON, {"longitude"}},
    /* GTD */
    {IM_PRESET_GTD, IM_F_ID, {"eventid"}},
    {IM_PRESET_GTD, IM_F_YEAR, {"iyear"}},
    {IM_PRESET_GTD, IM_F_MONTH, {"imonth"}},
    {IM_PRESET_GTD, IM_F_DAY, {"iday"}},
    {IM_PRESET_GTD, IM_F_WEAPON, {"weaptype1_txt", "weaptype1", "attacktype1_txt"}},
    {IM_PRESET_GTD, IM_F_SITE, {"city", "provstate"}},
    {IM_PRESET_GTD, IM_F_CASUALTIES, {"nkill"}},
    {IM_PRESET_GTD, IM_F_GEO_PRECISION, {"specificity"}},
    {IM_PRESET_GTD, IM_F_SOURCE, {"scite1", "dbsource"}},
    {IM_PRESET_GTD, IM_F_LAT, {"latitude"}},
    {IM_PRESET_GTD, IM_F_LON, {"longitude"}},
};

bool im_preset_field(im_preset p, const char *name, im_field *f, int *rank)
{
    for (size_t k = 0; k < sizeof columns / sizeof columns[0]; k++)
        if (columns[k].preset == p)
            for (int r = 0; r < 3 && columns[k].names[r]; r++)
                if (strcasecmp(columns[k].names[r], name) == 0) {
                    *f = columns[k].field;
                    *rank = r;
                    return true;
                }
    return false;
}

static bool has(const char *const *names, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] && strcasecmp(names[i], want) == 0)
            return true;
    return false;
}

im_preset im_preset_detect(const char *const *names, size_t n)
{
    if (has(names, n, "eventid") && has(names, n, "iyear"))
        return IM_PRESET_GTD;
    if (has(names, n, "type_of_violence") &&
        (has(names, n, "where_prec") || has(names, n, "date_start")))
        return IM_PRESET_UCDP;
    if (has(names, n, "event_id_cnty") ||
        (has(names, n, "event_date") &&
         (has(names, n, "sub_event_type") || has(names, n, "event_type"))))
        return IM_PRESET_ACLED;
    return IM_PRESET_NONE;
}

/* Radius in km per precision code. ACLED geo_precision: 1 the place
 * itself, 2 near it or part of a region (25 km), 3 only the province or a
 * larger region (75 km). UCDP GED where_prec: 1 exact, 2 within 25 km,
 * 3 second-order administrative division (50 km), 4 first-order division
 * (150 km), 5 a linear feature such as a road or river, or a wider area
 * (100 km), 6 only the country (300 km), 7 international waters or
 * airspace (300 km). GTD specificity: 1 the city or village itself, 2 a
 * city whose coordinates are the centroid of its smallest administrative
 * region (25 km), 3 not in a city: that region's centroid (50 km), 4 only
 * the first-order region (150 km), 5 location unknown (300 km). */
static const double acled_km[] = {0, 25, 75};
static const double ucdp_km[] = {0, 25, 50, 150, 100, 300, 300};
static const double gtd_km[] = {0, 25, 50, 150, 300};

bool im_preset_geo_radius(im_preset p, long long code, double *km, const char **scale)
{
    const double *t = acled_km;
    size_t n = 3;
    *scale = "1, 2 or 3";
    if (p == IM_PRESET_UCDP) {
        t = ucdp_km, n = 7, *scale = "1 to 7";
    } else if (p == IM_PRESET_GTD) {
        t = gtd_km, n = 5, *scale = "1 to 5";
    }
    if (code < 1 || code > (long long)n)
        return false;
    *km = t[code - 1];
    return true;
}

void im_load_set_preset(im_load *ld, const char *const *names, size_t n)
{
    im_context *ctx = ld->ctx;
    im_preset p = ctx->preset ? (im_preset)(ctx->preset - 1) : im_preset_detect(names, n);
    ld->preset = p;
    /* The GTD's files are Windows-1252 (Latin-1) text. */
    ld->latin1 = p == IM_PRESET_GTD;
    if (p != IM_PRESET_NONE) {
        if (!ctx->preset)
            im_log(ctx, IM_LOG_INFO, "%s: read as %s (detected from the names; --preset "
                                     "none turns this off)", ld->name,
                   p == IM_PRESET_ACLED ? "ACLED" : p == IM_PRESET_UCDP ? "UCDP GED" : "GTD");
        if (!ld->set->category_title[0])
            snprintf(ld->set->category_title, sizeof ld->set->category_title, "%s",
                     im_preset_category_title(p));
    }
}
