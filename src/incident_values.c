/* incident_values.c - one record from its fields as text: the validation
 * every reader shares (CSV columns, JSON and GeoJSON properties, OGR
 * fields).
 *
 * Dates come from a date column (any form im_date_read() knows), or from
 * split year/month/day columns where 0 means unknown (GTD), and are made
 * coarser by a period's end (date_end), a precision code (UCDP date_prec)
 * or ACLED's time_precision. Coordinates come from a geometry or from
 * lat/lon columns. The weapon is a name or alias of the style's taxonomy,
 * or a dataset's code that the style's "codes" map (UCDP type_of_violence).
 * Location precision codes become an uncertainty radius on the preset's
 * scale (incident_preset.c).
 */
#include "im_private.h"

#include <ctype.h>
#include <math.h>
#include <proj.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The name a message uses for field f: the column as the file names it. */
static const char *lbl(const im_values *v, im_field f)
{
    return v->label[f] ? v->label[f] : im_field_name(f);
}

/* "33,31" as 33.31 in a file whose fields are not separated by commas: one
 * comma, no point, digits on both sides. "1,234" in a comma-separated file
 * stays an error (a thousands separator or a decimal comma: it cannot tell). */
static bool comma_decimal(im_load *ld, const char *text, double *out)
{
    const char *comma = strchr(text, ',');
    if (!ld->comma_decimal || !comma || strchr(comma + 1, ',') || strchr(text, '.') ||
        comma == text || !isdigit((unsigned char)comma[-1]) ||
        !isdigit((unsigned char)comma[1]) || strlen(text) >= 64)
        return false;
    char num[64];
    snprintf(num, sizeof num, "%s", text);
    num[comma - text] = '.';
    if (!im_parse_decimal(num, out))
        return false;
    if (!ld->comma_noted) {
        ld->comma_noted = true;
        im_log(ld->ctx, IM_LOG_INFO, "%s: numbers such as \"%.20s\" read with a decimal comma "
                                     "(the fields are separated by %s)",
               ld->name, text, ld->comma_decimal == ';' ? "semicolons" : "tabs");
    }
    return true;
}

int im_parse_dms(const char *text, double *out)
{
    /* The symbols people and programs write, as PROJ's proj_dmstor() reads
     * them: d ' " and the hemisphere letter last, no spaces. */
    static const struct { const char *from, *to; } sym[] = {
        {"\xC2\xB0", "d"}, {"\xC2\xBA", "d"}, {"\xE2\x80\xB2", "'"}, {"\xE2\x80\x99", "'"},
        {"\xE2\x80\xB3", "\""}, {"\xE2\x80\x9D", "\""}, {"''", "\""}, {"d", "d"}, {"D", "d"}};
    char buf[64];
    size_t n = 0;
    char hemi = 0;
    bool marks = false;
    for (const char *p = text; *p; ) {
        if (*p == ' ' || *p == '\t') {
            p++;
            continue;
        }
        size_t k = 0, len = 0;
        for (; k < sizeof sym / sizeof sym[0]; k++)
            if (strncmp(p, sym[k].from, len = strlen(sym[k].from)) == 0)
                break;
        char c;
        if (k < sizeof sym / sizeof sym[0]) {
            c = sym[k].to[0];
            p += len;
        } else {
            c = *p++;
        }
        if (strchr("NSEWnsew", c)) {
            if (hemi || (n && strspn(p, " \t") != strlen(p)))
                return 0; /* a letter in the middle ("1e999") */
            hemi = (char)toupper((unsigned char)c);
            continue; /* first or last: put last below */
        }
        marks = marks || c == 'd' || c == '\'' || c == '"';
        if (n + 2 >= sizeof buf || (!isdigit((unsigned char)c) && !strchr(".d'\"-+", c)))
            return 0;
        buf[n++] = c;
    }
    if (!n || !marks)
        return 0; /* "N33" or "33.5S" alone: not taken for degrees */
    if (hemi)
        buf[n++] = hemi;
    buf[n] = '\0';
    char *rest = NULL;
    double r = proj_dmstor(buf, &rest);
    if (!rest || *rest || rest == buf || !isfinite(r))
        return 0;
    *out = proj_todeg(r);
    return hemi == 'N' || hemi == 'S' ? 'y' : hemi ? 'x' : '?';
}

/* A latitude or longitude written in degrees, minutes and seconds
 * (33°18'55"N): true with *out set; a hemisphere letter of the other axis
 * is an error. False, silently, for text that is not such. */
static bool dms(im_load *ld, size_t index, const char *id, const im_values *v, im_field f,
                double *out, bool *reported)
{
    int axis = im_parse_dms(v->text[f], out);
    if (!axis)
        return false;
    if ((axis == 'x' && f == IM_F_LAT) || (axis == 'y' && f == IM_F_LON)) {
        im_load_error(ld, index, id, "%.60s: \"%.40s\" is a %s (its hemisphere letter); are "
                                     "lat and lon swapped?", lbl(v, f), v->text[f],
                      axis == 'x' ? "longitude" : "latitude");
        *reported = true;
        return false;
    }
    return true;
}

static bool decimal(im_load *ld, size_t index, const char *id, const im_values *v, im_field f,
                    double *out)
{
    if (!v->text[f])
        return false;
    if (v->has_num[f]) {
        *out = v->num[f];
        return true;
    }
    if (!im_parse_decimal(v->text[f], out) && !comma_decimal(ld, v->text[f], out)) {
        im_load_error(ld, index, id, "%.60s: \"%.40s\" is not a number", lbl(v, f), v->text[f]);
        return false;
    }
    return true;
}

/* A latitude or longitude: a decimal number, or degrees, minutes and
 * seconds. */
static bool coordinate(im_load *ld, size_t index, const char *id, const im_values *v,
                       im_field f, double *out)
{
    bool reported = false;
    if (!v->text[f])
        return false;
    if (v->has_num[f] || im_parse_decimal(v->text[f], out) ||
        comma_decimal(ld, v->text[f], out))
        return v->has_num[f] ? (*out = v->num[f], true) : true;
    if (dms(ld, index, id, v, f, out, &reported))
        return true;
    if (!reported)
        im_load_error(ld, index, id, "%.60s: \"%.40s\" is not a number (nor degrees, minutes "
                                     "and seconds such as 33\xC2\xB0" "18'55\"N)", lbl(v, f),
                      v->text[f]);
    return false;
}

static bool whole(im_load *ld, size_t index, const char *id, const im_values *v, im_field f,
                  long long *out)
{
    double d;
    if (!decimal(ld, index, id, v, f, &d))
        return false;
    /* Range first: casting an out-of-range double is undefined. */
    if (!(d <= 9e15 && d >= -9e15) || d != floor(d)) {
        im_load_error(ld, index, id, "%.60s: %g is not a whole number", lbl(v, f), d);
        return false;
    }
    *out = (long long)d;
    return true;
}

static bool string_ok(im_load *ld, size_t index, const char *id, const im_values *v, im_field f)
{
    if (v->text[f] && strlen(v->text[f]) > ld->ctx->limits.max_string_bytes) {
        im_load_error(ld, index, id, "%.60s: longer than the limit of %u bytes", lbl(v, f),
                      (unsigned)ld->ctx->limits.max_string_bytes);
        return false;
    }
    return true;
}

/* The last second of the period that starts at t with precision p. */
static int64_t period_last(int64_t t, im_date_precision p)
{
    int y, m, d;
    im_date_split(t, &y, &m, &d);
    switch (p) {
    case IM_DATE_DAY: return t + 86399;
    case IM_DATE_MONTH: return (m == 12 ? im_date_make(y + 1, 1, 1) : im_date_make(y, m + 1, 1)) - 1;
    case IM_DATE_YEAR: return im_date_make(y + 1, 1, 1) - 1;
    default: return t;
    }
}

/* Make the date at most as precise as p (month: the month's first day). */
static void coarsen(im_rec *rec, im_date_precision p)
{
    if (rec->precision >= p)
        return;
    int y, m, d;
    im_date_split(rec->time, &y, &m, &d);
    rec->time = p == IM_DATE_YEAR ? im_date_make(y, 1, 1)
                : p == IM_DATE_MONTH ? im_date_make(y, m, 1) : im_date_make(y, m, d);
    rec->precision = (uint8_t)p;
}

/* Dates as spreadsheet serial numbers: said once per file. */
static void serial_note(im_load *ld, const char *text, int64_t t)
{
    if (ld->serial_noted)
        return;
    ld->serial_noted = true;
    char day[32];
    im_date_format(t, day, sizeof day);
    im_log(ld->ctx, IM_LOG_INFO, "%s: dates such as \"%.20s\" read as spreadsheet serial day "
                                 "numbers (Excel's 1900 system: %.20s); format the column as "
                                 "dates before saving to avoid the guess", ld->name, text, day);
}

/* The date of the record: a date column, or split year/month/day. */
static void read_date(im_load *ld, size_t index, const char *id, const im_values *v,
                      im_rec *rec)
{
    char why[320];
    int64_t t;
    im_date_precision p;
    if (v->text[IM_F_DATE]) {
        const char *text = v->text[IM_F_DATE];
        im_slash_date *sl = &ld->cur_slash;
        bool ok = im_date_read_as(ld->ctx, ld->ctx->date_order, text, &t, &p, why, sizeof why, sl);
        if (!ok && sl->seen == '?') {
            /* 05/01/2024: day first for now; the file's other dates settle
             * it (im_load_end), or this is the error in why */
            char detail[512];
            snprintf(detail, sizeof detail, "%.60s: \"%.40s\" %.320s", lbl(v, IM_F_DATE), text,
                     why);
            if (im_load_slash_pending(ld, index, id, detail) != IM_OK) {
                im_load_error(ld, index, id, "%s", detail);
                return;
            }
            ok = im_date_read_as(ld->ctx, 'd', text, &t, &p, why, sizeof why, NULL);
        } else if (ok && (sl->seen == 'd' || sl->seen == 'm')) {
            int k = sl->seen == 'd' ? 0 : 1;
            if (!ld->slash_seen[k].index) {
                ld->slash_seen[k].index = index ? index : 1;
                snprintf(ld->slash_seen[k].text, sizeof ld->slash_seen[k].text, "%.23s", text);
            }
        }
        if (!ok && (ok = im_date_excel_serial(text, &t, &p)))
            serial_note(ld, text, t);
        if (!ok) {
            im_load_error(ld, index, id, "%.60s: \"%.40s\" %s", lbl(v, IM_F_DATE), text, why);
            return;
        }
    } else if (v->text[IM_F_YEAR]) {
        /* GTD: imonth and iday 0 (or empty) mean unknown. */
        long long y, m = 0, d = 0;
        if (!whole(ld, index, id, v, IM_F_YEAR, &y) ||
            (v->text[IM_F_MONTH] && !whole(ld, index, id, v, IM_F_MONTH, &m)) ||
            (v->text[IM_F_DAY] && !whole(ld, index, id, v, IM_F_DAY, &d)))
            return;
        if (y < 1 || y > 9999) {
            im_load_error(ld, index, id, "%.60s: %lld is not a year", lbl(v, IM_F_YEAR), y);
            return;
        }
        if (m < 0 || m > 12) {
            im_load_error(ld, index, id, "%.60s: %lld is not a month (1-12, or 0 for unknown)",
                          lbl(v, IM_F_MONTH), m);
            return;
        }
        char iso[16];
        if (m == 0)
            snprintf(iso, sizeof iso, "%04lld", y);
        else if (d == 0)
            snprintf(iso, sizeof iso, "%04lld-%02lld", y, m);
        else
            snprintf(iso, sizeof iso, "%04lld-%02lld-%02lld", y, m, d < 0 || d > 99 ? 99 : d);
        if (im_date_parse(iso, &t, &p) != IM_OK) {
            im_load_error(ld, index, id, "%.60s: day %lld is not in %04lld-%02lld (0 for "
                                         "unknown)", lbl(v, IM_F_DAY), d, y, m);
            return;
        }
    } else {
        if (!v->bad[IM_F_DATE] && !v->bad[IM_F_YEAR])
            im_load_error(ld, index, id, "%s: missing", lbl(v, IM_F_DATE));
        return;
    }
    rec->time = t;
    rec->precision = (uint8_t)p;

    /* A precision code (UCDP date_prec): 1 the day, 2 a few days, 3 a
     * week (drawn at the first day), 4 a month, 5 a year. */
    long long code;
    if (v->text[IM_F_DATE_PRECISION] && whole(ld, index, id, v, IM_F_DATE_PRECISION, &code)) {
        if (code < 1 || code > 5)
            im_load_error(ld, index, id, "%.60s: %lld is not 1 to 5",
                          lbl(v, IM_F_DATE_PRECISION), code);
        else
            coarsen(rec, code == 5 ? IM_DATE_YEAR : code == 4 ? IM_DATE_MONTH : IM_DATE_DAY);
    }
    /* A period's end: the precision follows from the span. */
    if (v->text[IM_F_DATE_END]) {
        int64_t e;
        im_date_precision ep;
        if (im_date_excel_serial(v->text[IM_F_DATE_END], &e, &ep)) {
            serial_note(ld, v->text[IM_F_DATE_END], e);
        } else if (!im_date_read(ld->ctx, v->text[IM_F_DATE_END], &e, &ep, why, sizeof why)) {
            im_load_error(ld, index, id, "%.60s: \"%.40s\" %s", lbl(v, IM_F_DATE_END),
                          v->text[IM_F_DATE_END], why);
            return;
        }
        int64_t last = period_last(e, ep);
        if (last < t) {
            im_load_error(ld, index, id, "%.60s: \"%.40s\" is before the start \"%.40s\"",
                          lbl(v, IM_F_DATE_END), v->text[IM_F_DATE_END], v->text[IM_F_DATE]
                          ? v->text[IM_F_DATE] : "");
            return;
        }
        if (!v->text[IM_F_DATE_PRECISION]) {
            int y0, m0, d0, y1, m1, d1;
            im_date_split(t, &y0, &m0, &d0);
            im_date_split(last, &y1, &m1, &d1);
            if (last - t < 7 * 86400)
                coarsen(rec, IM_DATE_DAY); /* up to a week: drawn at its first day */
            else if (y0 == y1 && m0 == m1)
                coarsen(rec, IM_DATE_MONTH);
            else
                coarsen(rec, IM_DATE_YEAR);
        }
    }
    /* ACLED's time_precision only ever makes a date coarser: 3 (month) is
     * the month; 1 and 2 (day, week) keep the day. */
    if (v->text[IM_F_TIME_PRECISION] && whole(ld, index, id, v, IM_F_TIME_PRECISION, &code)) {
        if (code < 1 || code > 3)
            im_load_error(ld, index, id, "%.60s: %lld is not 1, 2 or 3",
                          lbl(v, IM_F_TIME_PRECISION), code);
        else if (code == 3)
            coarsen(rec, IM_DATE_MONTH);
    }
}

/* HDX hashtag rows ("#date+start", "#geo+lat") under the header. */
static bool hashtag_row(const im_values *v)
{
    int n = 0;
    for (int f = 0; f < IM_FIELD_COUNT; f++) {
        if (!v->text[f])
            continue;
        if (v->text[f][0] != '#')
            return false;
        n++;
    }
    return n >= 2;
}

/* The style's weapon for text in column: its codes for that column, then
 * its names and aliases (-1: none), remembered for the last few texts. */
static int weapon_of(im_load *ld, const char *column, const char *text)
{
    const im_style *st = &ld->ctx->style;
    const char *col = column ? column : "";
    size_t cl = strlen(col), tl = strlen(text);
    bool keep = cl < sizeof ld->weapon_seen[0].column && tl < sizeof ld->weapon_seen[0].text;
    if (keep)
        for (unsigned i = 0; i < ld->n_weapon_seen; i++)
            if (strcmp(ld->weapon_seen[i].text, text) == 0 &&
                strcmp(ld->weapon_seen[i].column, col) == 0)
                return ld->weapon_seen[i].weapon;
    int w = im_style_code_lookup(st, column, text);
    if (w < 0)
        w = im_style_weapon_lookup(st, text);
    if (keep) {
        unsigned k = ld->n_weapon_seen < 8 ? ld->n_weapon_seen++ : ld->weapon_seen_next++ % 8;
        memcpy(ld->weapon_seen[k].column, col, cl + 1);
        memcpy(ld->weapon_seen[k].text, text, tl + 1);
        ld->weapon_seen[k].weapon = w;
    }
    return w;
}

im_status im_load_values(im_load *ld, size_t index, const im_values *v)
{
    im_context *ctx = ld->ctx;
    im_incidents *set = ld->set;
    if (ld->records_seen++ == 0 && hashtag_row(v)) {
        im_log(ctx, IM_LOG_INFO, "%s: %s %zu: HDX hashtag row skipped", ld->name,
               strcmp(ld->what, "row") == 0 ? "row" : ld->what, index);
        return IM_OK;
    }
    if (set->n >= ctx->limits.max_records)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: more than %llu records (the record limit)",
                       ld->name, (unsigned long long)ctx->limits.max_records);
    im_rec rec;
    memset(&rec, 0, sizeof rec);
    rec.precision = IM_DATE_DAY;
    ld->cur_slash.seen = 0;

    const char *id = v->text[IM_F_ID] ? v->text[IM_F_ID] : v->id_fallback;
    size_t id_off = 0;
    if (v->bad[IM_F_ID])
        return IM_OK; /* reported */
    if (!id || !*id) {
        im_load_error(ld, index, NULL, "%s: missing or empty", lbl(v, IM_F_ID));
        id = NULL;
    } else if (strlen(id) > ctx->limits.max_string_bytes) {
        im_load_error(ld, index, NULL, "%.60s: longer than the limit of %u bytes",
                      lbl(v, IM_F_ID), (unsigned)ctx->limits.max_string_bytes);
        id = NULL;
    } else {
        int added = im_load_claim_id(ld, id, &id_off);
        if (added < 0)
            return im_set_pool_fail(ctx, set, ld->name);
        if (added == 0) {
            if (ctx->dedupe) {
                ld->dropped++;
                return IM_OK;
            }
            im_load_error(ld, index, id, "%s: duplicate of an earlier record (--dedupe id "
                                         "keeps the first)", lbl(v, IM_F_ID));
        }
    }

    read_date(ld, index, id, v, &rec);

    bool has_lat = v->has_point, has_lon = v->has_point, lat_num = true, lon_num = true;
    double lat = v->lat, lon = v->lon;
    if (!v->has_point) {
        has_lat = v->text[IM_F_LAT] || v->bad[IM_F_LAT];
        has_lon = v->text[IM_F_LON] || v->bad[IM_F_LON];
        lat_num = coordinate(ld, index, id, v, IM_F_LAT, &lat);
        lon_num = coordinate(ld, index, id, v, IM_F_LON, &lon);
    }
    bool lat_ok = lat_num && isfinite(lat) && lat >= -90 && lat <= 90;
    bool lon_ok = lon_num && isfinite(lon) && lon >= -180 && lon <= 180;
    const char *swap = lat_num && lon_num && !lat_ok && fabs(lon) <= 90 && fabs(lat) <= 180
                           ? " (are lat and lon swapped?)" : "";
    const char *lat_name = v->has_point ? "lat" : lbl(v, IM_F_LAT);
    const char *lon_name = v->has_point ? "lon" : lbl(v, IM_F_LON);
    if (!has_lat)
        im_load_error(ld, index, id, "%.60s: missing", lat_name);
    else if (lat_num && !lat_ok)
        im_load_error(ld, index, id, "%.60s: %g is outside [-90, 90]%s", lat_name, lat, swap);
    if (!has_lon)
        im_load_error(ld, index, id, "%.60s: missing", lon_name);
    else if (lon_num && !lon_ok)
        im_load_error(ld, index, id, "%.60s: %g is outside [-180, 180]", lon_name, lon);
    rec.lat = lat;
    rec.lon = lon;

    const char *wname = ctx->style.weapons[ctx->style.other].name;
    const char *wtext = v->text[IM_F_WEAPON];
    if (!wtext && !v->bad[IM_F_WEAPON]) {
        im_load_error(ld, index, id, "%s: missing", lbl(v, IM_F_WEAPON));
    } else if (wtext && string_ok(ld, index, id, v, IM_F_WEAPON)) {
        int w = weapon_of(ld, v->label[IM_F_WEAPON], wtext);
        if (w >= 0) {
            wname = ctx->style.weapons[w].name;
        } else {
            /* One warning per distinct unknown name, not per record. */
            bool seen = false;
            for (size_t i = 0; i < ld->n_unknown && !seen; i++)
                seen = strcasecmp(ld->unknown[i], wtext) == 0;
            if (!seen && ld->n_unknown < 1000) {
                char **u = im_realloc_array(ld->unknown, ld->n_unknown + 1, sizeof *u);
                if (!u)
                    return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                ld->unknown = u;
                if (!(u[ld->n_unknown] = im_strdup(wtext)))
                    return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                ld->n_unknown++;
                im_load_warning(ld, index, id ? id : "",
                                "%.60s: unknown type \"%.60s\" drawn as \"%s\" (further "
                                "records with it are not reported)", lbl(v, IM_F_WEAPON),
                                wtext, wname);
            }
        }
    }

    long long count = -1, casualties = -1, code;
    if (whole(ld, index, id, v, IM_F_COUNT, &count) && (count < 0 || count > 1000000))
        im_load_error(ld, index, id, "%.60s: %lld is outside [0, 1000000]", lbl(v, IM_F_COUNT),
                      count);
    if (whole(ld, index, id, v, IM_F_CASUALTIES, &casualties) &&
        (casualties < 0 || casualties > 10000000))
        im_load_error(ld, index, id, "%.60s: %lld is outside [0, 10000000]",
                      lbl(v, IM_F_CASUALTIES), casualties);
    double unc = 0;
    bool has_unc = decimal(ld, index, id, v, IM_F_UNCERTAINTY, &unc);
    if (has_unc && (!isfinite(unc) || unc < 0 || unc > 2000))
        im_load_error(ld, index, id, "%.60s: %g is outside [0, 2000]", lbl(v, IM_F_UNCERTAINTY),
                      unc);
    double radius = 0;
    const char *scale;
    if (whole(ld, index, id, v, IM_F_GEO_PRECISION, &code) &&
        !im_preset_geo_radius(ld->preset, code, &radius, &scale))
        im_load_error(ld, index, id, "%.60s: %lld is not %s", lbl(v, IM_F_GEO_PRECISION), code,
                      scale);
    string_ok(ld, index, id, v, IM_F_SITE);
    string_ok(ld, index, id, v, IM_F_SOURCE);
    /* The values --color-by FIELD and --size-by FIELD show. */
    string_ok(ld, index, id, v, IM_F_CATEGORY);
    double size_value = NAN;
    if (decimal(ld, index, id, v, IM_F_SIZE, &size_value) &&
        (!isfinite(size_value) || size_value < 0 || size_value > 1e15))
        im_load_error(ld, index, id, "%.60s: %g is not a size (a number from 0)",
                      lbl(v, IM_F_SIZE), size_value);
    if (im_load_record_bad(ld, index))
        return IM_OK; /* left out: reported */
    rec.value = size_value;
    if (v->text[IM_F_CATEGORY]) {
        /* A dataset's code (UCDP type_of_violence 1) reads as its label. */
        const char *ct = v->text[IM_F_CATEGORY];
        int w = im_style_code_lookup(&ctx->style, v->label[IM_F_CATEGORY], ct);
        if (w >= 0)
            ct = ctx->style.weapons[w].label;
        size_t off = im_set_pool_add(set, ct);
        if (off == (size_t)-1)
            return im_set_pool_fail(ctx, set, ld->name);
        rec.category = (uint32_t)off;
    }
    for (int f = IM_F_CATEGORY; f < IM_FIELD_COUNT; f++) {
        char *dst = f == IM_F_CATEGORY ? set->category_field : set->size_field;
        if (ctx->fields[f] && !dst[0])
            snprintf(dst, 64, "%s", ctx->fields[f]);
    }

    rec.count = (int32_t)count;
    rec.casualties = (int32_t)casualties;
    rec.uncertainty_km = (float)(has_unc ? unc : radius);
    return im_load_append(ld, &rec, id_off, wname, v->text[IM_F_SITE], v->text[IM_F_SOURCE]);
}
