/* incidents.c - the incident set, record validation shared by all readers. */
#include "im_private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LOGGED_ERRORS 50

im_incidents *im_incidents_new(void)
{
    im_incidents *set = calloc(1, sizeof *set);
    if (!set)
        return NULL;
    set->pool = malloc(256);
    if (!set->pool) {
        free(set);
        return NULL;
    }
    set->pool[0] = '\0';
    set->pool_len = 1;
    set->pool_cap = 256;
    return set;
}

void im_incidents_free(im_incidents *set)
{
    if (!set)
        return;
    free(set->recs);
    free(set->pool);
    free(set->title);
    free(set);
}

size_t im_incidents_count(const im_incidents *set) { return set ? set->n : 0; }

const char *im_incidents_title(const im_incidents *set) { return set ? set->title : NULL; }

im_status im_incidents_get(const im_incidents *set, size_t i, im_incident *out)
{
    if (!set || !out || i >= set->n)
        return IM_ERR_ARG;
    const im_rec *r = &set->recs[i];
    out->id = set->pool + r->id;
    out->site = set->pool + r->site;
    out->source = set->pool + r->source;
    out->weapon = set->weapon_names[r->weapon];
    out->lat = r->lat;
    out->lon = r->lon;
    out->time = r->time;
    out->date_precision = (im_date_precision)r->precision;
    out->count = r->count;
    out->casualties = r->casualties;
    out->uncertainty_km = r->uncertainty_km;
    return IM_OK;
}

static size_t pool_add(im_incidents *set, const char *s)
{
    if (!s || !*s)
        return 0;
    size_t n = strlen(s) + 1;
    if (set->pool_len + n > set->pool_cap) {
        size_t cap = set->pool_cap;
        while (set->pool_len + n > cap)
            cap *= 2;
        char *p = realloc(set->pool, cap);
        if (!p)
            return (size_t)-1;
        set->pool = p;
        set->pool_cap = cap;
    }
    size_t off = set->pool_len;
    memcpy(set->pool + off, s, n);
    set->pool_len += n;
    return off;
}

/* ---- a set of ids, for duplicate detection (open addressing) -------
 * Slots hold offsets of ids in the set's string pool (0: empty), so an id
 * is stored once, in the pool, not copied per record. */

struct im_idset {
    size_t *slots;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Add id, unless present. Returns 1 if added (a new id is appended to the
 * pool first, or off_in is used when it is not 0; *off is its offset),
 * 0 if already present, -1 on OOM. */
static int idset_add(struct im_idset *ids, im_incidents *set, const char *id, size_t off_in,
                     size_t *off)
{
    if ((ids->n + 1) * 2 > ids->cap) {
        size_t cap = ids->cap ? ids->cap * 2 : 1024;
        size_t *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < ids->cap; i++)
            if (ids->slots[i]) {
                size_t j = hash_str(set->pool + ids->slots[i]) & (cap - 1);
                while (slots[j])
                    j = (j + 1) & (cap - 1);
                slots[j] = ids->slots[i];
            }
        free(ids->slots);
        ids->slots = slots;
        ids->cap = cap;
    }
    size_t j = hash_str(id) & (ids->cap - 1);
    while (ids->slots[j]) {
        if (strcmp(set->pool + ids->slots[j], id) == 0)
            return 0;
        j = (j + 1) & (ids->cap - 1);
    }
    size_t o = off_in ? off_in : pool_add(set, id);
    if (o == (size_t)-1 || o == 0)
        return -1;
    ids->slots[j] = o;
    ids->n++;
    if (off)
        *off = o;
    return 1;
}

static void idset_free(struct im_idset *ids)
{
    if (!ids)
        return;
    free(ids->slots);
    free(ids);
}

/* ---- loading ---------------------------------------------------------- */

im_status im_load_begin(im_load *ld, im_context *ctx, im_incidents *set, const char *name)
{
    memset(ld, 0, sizeof *ld);
    ld->ctx = ctx;
    ld->set = set;
    ld->name = name;
    ld->what = "incidents";
    ld->start_n = set->n;
    ld->start_pool = set->pool_len;
    ld->ids = calloc(1, sizeof *ld->ids);
    if (!ld->ids)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    /* Ids already in the set count for duplicates across files too. */
    for (size_t i = 0; i < set->n; i++)
        if (idset_add(ld->ids, set, set->pool + set->recs[i].id, set->recs[i].id, NULL) < 0)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

/* "incidents[3]", "features[3]" or, for CSV, "row 3" (a 1-based line). */
static void record_ref(const im_load *ld, size_t index, char *buf, size_t size)
{
    if (strcmp(ld->what, "row") == 0)
        snprintf(buf, size, "row %zu", index);
    else
        snprintf(buf, size, "%s[%zu]", ld->what, index);
}

/* "FILE: incidents[12] (id \"x\"): DETAIL" as an error or a warning. */
static void load_report(im_load *ld, bool error, size_t index, const char *id, const char *fmt,
                        va_list ap)
{
    char detail[768], ref[64], msg[1024];
    vsnprintf(detail, sizeof detail, fmt, ap);
    record_ref(ld, index, ref, sizeof ref);
    if (id && *id)
        snprintf(msg, sizeof msg, "%s: %s (id \"%.80s\"): %s", ld->name, ref, id, detail);
    else
        snprintf(msg, sizeof msg, "%s: %s: %s", ld->name, ref, detail);
    if (error)
        im_fail(ld->ctx, IM_ERR_DATA, "%s", msg);
    else
        im_log(ld->ctx, IM_LOG_WARNING, "%s", msg);
}

void im_load_error(im_load *ld, size_t index, const char *id, const char *fmt, ...)
{
    ld->errors++;
    if (ld->logged >= MAX_LOGGED_ERRORS) {
        ld->ctx->errors++; /* counted, not logged */
        return;
    }
    ld->logged++;
    va_list ap;
    va_start(ap, fmt);
    load_report(ld, true, index, id, fmt, ap);
    va_end(ap);
}

void im_load_warning(im_load *ld, size_t index, const char *id, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    load_report(ld, false, index, id, fmt, ap);
    va_end(ap);
}

static int set_weapon_index(im_incidents *set, const char *name)
{
    for (int i = 0; i < set->n_weapons; i++)
        if (strcmp(set->weapon_names[i], name) == 0)
            return i;
    if (set->n_weapons >= IM_MAX_WEAPONS)
        return -1;
    snprintf(set->weapon_names[set->n_weapons], sizeof set->weapon_names[0], "%s", name);
    return set->n_weapons++;
}

static bool string_ok(im_load *ld, size_t index, const char *id, const char *field,
                      const char *value)
{
    if (value && strlen(value) > ld->ctx->limits.max_string_bytes) {
        im_load_error(ld, index, id, "%s: longer than the limit of %u bytes", field,
                      (unsigned)ld->ctx->limits.max_string_bytes);
        return false;
    }
    return true;
}

im_status im_load_record(im_load *ld, size_t index, const im_raw *raw)
{
    im_context *ctx = ld->ctx;
    im_incidents *set = ld->set;
    const char *id = raw->id;
    size_t before = ld->errors;
    size_t id_off = 0;
    im_rec rec;
    memset(&rec, 0, sizeof rec);

    if (set->n >= ctx->limits.max_records)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: more than %llu records (the record limit)",
                       ld->name, (unsigned long long)ctx->limits.max_records);
    if (!id || !*id)
        im_load_error(ld, index, NULL, "id: missing or empty");
    else if (string_ok(ld, index, NULL, "id", id)) {
        int added = idset_add(ld->ids, set, id, 0, &id_off);
        if (added < 0)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        if (added == 0)
            im_load_error(ld, index, id, "id: duplicate of an earlier record");
    }
    if (!raw->date)
        im_load_error(ld, index, id, "date: missing");
    else {
        int64_t t;
        im_date_precision prec;
        if (im_date_parse(raw->date, &t, &prec) != IM_OK)
            im_load_error(ld, index, id,
                          "date: \"%.40s\" is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM, or a "
                          "date-time with offset) or is not a real calendar date", raw->date);
        rec.time = t;
        rec.precision = (uint8_t)prec;
        /* ACLED's time_precision only ever makes a date coarser: 3 (month)
         * is the month's first day at month precision; 1 and 2 keep the day
         * (a week is drawn at its given day). */
        if (raw->time_precision && (raw->time_precision < 1 || raw->time_precision > 3))
            im_load_error(ld, index, id, "time_precision: %d is not 1, 2 or 3",
                          raw->time_precision);
        else if (raw->time_precision == 3 && prec < IM_DATE_MONTH && ld->errors == before) {
            int y, m, d;
            im_date_split(t, &y, &m, &d);
            rec.time = im_date_make(y, m, 1);
            rec.precision = IM_DATE_MONTH;
        }
    }
    bool lat_ok = raw->has_lat && isfinite(raw->lat) && raw->lat >= -90 && raw->lat <= 90;
    bool lon_ok = raw->has_lon && isfinite(raw->lon) && raw->lon >= -180 && raw->lon <= 180;
    const char *swap = raw->has_lat && raw->has_lon && !lat_ok && fabs(raw->lon) <= 90 &&
                               fabs(raw->lat) <= 180 ? " (are lat and lon swapped?)" : "";
    if (!raw->has_lat)
        im_load_error(ld, index, id, "lat: missing");
    else if (!lat_ok)
        im_load_error(ld, index, id, "lat: %g is outside [-90, 90]%s", raw->lat, swap);
    if (!raw->has_lon)
        im_load_error(ld, index, id, "lon: missing");
    else if (!lon_ok)
        im_load_error(ld, index, id, "lon: %g is outside [-180, 180]", raw->lon);
    rec.lat = raw->lat;
    rec.lon = raw->lon;

    const char *wname = ctx->style.weapons[ctx->style.other].name;
    if (!raw->weapon || !*raw->weapon) {
        im_load_error(ld, index, id, "weapon: missing");
    } else if (string_ok(ld, index, id, "weapon", raw->weapon)) {
        int w = im_style_weapon_lookup(&ctx->style, raw->weapon);
        if (w >= 0) {
            wname = ctx->style.weapons[w].name;
        } else {
            /* One warning per distinct unknown name, not per record. */
            bool seen = false;
            for (size_t i = 0; i < ld->n_unknown && !seen; i++)
                seen = strcasecmp(ld->unknown[i], raw->weapon) == 0;
            if (!seen && ld->n_unknown < 1000) {
                char **u = im_realloc_array(ld->unknown, ld->n_unknown + 1, sizeof *u);
                if (!u)
                    return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                ld->unknown = u;
                if (!(u[ld->n_unknown] = im_strdup(raw->weapon)))
                    return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                ld->n_unknown++;
                im_load_warning(ld, index, id ? id : "",
                                "weapon: unknown type \"%.60s\" drawn as \"%s\" (further "
                                "records with it are not reported)", raw->weapon, wname);
            }
        }
    }
    if (raw->has_count && (raw->count < 0 || raw->count > 1000000))
        im_load_error(ld, index, id, "count: %lld is outside [0, 1000000]", raw->count);
    if (raw->has_casualties && (raw->casualties < 0 || raw->casualties > 10000000))
        im_load_error(ld, index, id, "casualties: %lld is outside [0, 10000000]",
                      raw->casualties);
    if (raw->has_uncertainty &&
        (!isfinite(raw->uncertainty_km) || raw->uncertainty_km < 0 || raw->uncertainty_km > 2000))
        im_load_error(ld, index, id, "uncertainty_km: %g is outside [0, 2000]",
                      raw->uncertainty_km);
    if (raw->geo_precision && (raw->geo_precision < 1 || raw->geo_precision > 3))
        im_load_error(ld, index, id, "geo_precision: %d is not 1, 2 or 3", raw->geo_precision);
    string_ok(ld, index, id, "site", raw->site);
    string_ok(ld, index, id, "source", raw->source);
    if (ld->errors != before)
        return IM_OK;

    rec.count = raw->has_count ? (int32_t)raw->count : -1;
    rec.casualties = raw->has_casualties ? (int32_t)raw->casualties : -1;
    rec.uncertainty_km = raw->has_uncertainty ? (float)raw->uncertainty_km
                         : raw->geo_precision == 2 ? 25.0f
                         : raw->geo_precision == 3 ? 75.0f : 0.0f;
    int w = set_weapon_index(set, wname);
    if (w < 0)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: more than %d weapon types", ld->name,
                       IM_MAX_WEAPONS);
    rec.weapon = (uint8_t)w;
    rec.id = id_off; /* the id went into the pool with the duplicate check */
    if ((rec.site = pool_add(set, raw->site)) == (size_t)-1 ||
        (rec.source = pool_add(set, raw->source)) == (size_t)-1)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        im_rec *r = im_realloc_array(set->recs, cap, sizeof *r);
        if (!r)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        set->recs = r;
        set->cap = cap;
    }
    set->recs[set->n++] = rec;
    return IM_OK;
}

im_status im_load_end(im_load *ld, im_status st)
{
    if (st == IM_OK && ld->errors) {
        if (ld->errors > ld->logged) /* a summary, not one more error: not counted */
            im_log(ld->ctx, IM_LOG_ERROR, "%s: %zu more invalid records not listed", ld->name,
                   ld->errors - ld->logged);
        st = IM_ERR_DATA;
    }
    if (st != IM_OK) {
        ld->set->n = ld->start_n;
        ld->set->pool_len = ld->start_pool;
    }
    for (size_t i = 0; i < ld->n_unknown; i++)
        free(ld->unknown[i]);
    free(ld->unknown);
    idset_free(ld->ids);
    ld->ids = NULL;
    ld->unknown = NULL;
    return st;
}

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

/* IM_INPUT_AUTO: .geojson is GeoJSON, .csv and .tsv are CSV; otherwise a
 * JSON object whose first 64 KiB hold a "FeatureCollection" or "Feature"
 * string is GeoJSON (GDAL and QGIS write "type" first) and the rest is
 * native JSON. */
static im_input_format sniff_format(const char *name, const char *data, size_t size,
                                    char *delim)
{
    if (has_suffix(name, ".geojson"))
        return IM_INPUT_GEOJSON;
    if (has_suffix(name, ".csv"))
        return IM_INPUT_CSV;
    if (has_suffix(name, ".tsv") || has_suffix(name, ".tab")) {
        *delim = '\t';
        return IM_INPUT_CSV;
    }
    size_t i = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < size && strchr(" \t\r\n", data[i]) && data[i])
        i++;
    if (i >= size || data[i] != '{')
        return IM_INPUT_JSON;
    size_t n = size - i < 65536 ? size - i : 65536;
    for (size_t k = i; k + 9 <= i + n; k++)
        if (data[k] == '"' && (memcmp(data + k, "\"Feature\"", 9) == 0 ||
                               (k + 19 <= i + n &&
                                memcmp(data + k, "\"FeatureCollection\"", 19) == 0)))
            return IM_INPUT_GEOJSON;
    return IM_INPUT_JSON;
}

static im_status load(im_context *ctx, im_incidents *set, const char *name, const char *data,
                      size_t size, im_input_format format, im_mapfile *input)
{
    if (format < IM_INPUT_AUTO || format > IM_INPUT_CSV)
        return im_fail(ctx, IM_ERR_ARG, "%s: unsupported input format", name);
    if (!data)
        data = "";
    char delim = 0;
    if (format == IM_INPUT_AUTO)
        format = sniff_format(name, data, size, &delim);
    im_load ld;
    im_status st = im_load_begin(&ld, ctx, set, name);
    ld.input = input;
    if (st == IM_OK) {
        if (format == IM_INPUT_GEOJSON) {
            ld.what = "features";
            st = im_geojson_read(&ld, data, size);
        } else if (format == IM_INPUT_CSV) {
            ld.what = "row";
            st = im_csv_read(&ld, data, size, delim);
        } else {
            st = im_json_read(&ld, data, size);
        }
    }
    return im_load_end(&ld, st);
}

im_status im_incidents_load_buffer(im_context *ctx, im_incidents *set, const char *name,
                                   const char *data, size_t size, im_input_format format)
{
    if (!ctx || !set || !name || (!data && size))
        return IM_ERR_ARG;
    return load(ctx, set, name, data, size, format, NULL);
}

im_status im_incidents_load(im_context *ctx, im_incidents *set, const char *path,
                            im_input_format format)
{
    if (!ctx || !set || !path)
        return IM_ERR_ARG;
    im_mapfile mf;
    im_status st = im_mapfile_open(ctx, path, &mf);
    if (st == IM_OK)
        st = load(ctx, set, path, mf.data, mf.size, format, &mf);
    im_mapfile_close(&mf);
    return st;
}
