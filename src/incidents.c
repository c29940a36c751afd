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
    free(set);
}

size_t im_incidents_count(const im_incidents *set) { return set ? set->n : 0; }

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

/* ---- a set of ids, for duplicate detection (open addressing) ------- */

struct im_idset {
    char **slots;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* Returns 1 if added, 0 if already present, -1 on OOM. */
static int idset_add(struct im_idset *ids, const char *id)
{
    if ((ids->n + 1) * 2 > ids->cap) {
        size_t cap = ids->cap ? ids->cap * 2 : 1024;
        char **slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < ids->cap; i++)
            if (ids->slots[i]) {
                size_t j = hash_str(ids->slots[i]) & (cap - 1);
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
        if (strcmp(ids->slots[j], id) == 0)
            return 0;
        j = (j + 1) & (ids->cap - 1);
    }
    ids->slots[j] = im_strdup(id);
    if (!ids->slots[j])
        return -1;
    ids->n++;
    return 1;
}

static void idset_free(struct im_idset *ids)
{
    if (!ids)
        return;
    for (size_t i = 0; i < ids->cap; i++)
        free(ids->slots[i]);
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
        if (idset_add(ld->ids, set->pool + set->recs[i].id) < 0)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

void im_load_error(im_load *ld, size_t index, const char *id, const char *fmt, ...)
{
    ld->errors++;
    if (ld->logged >= MAX_LOGGED_ERRORS)
        return;
    ld->logged++;
    char detail[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if (id && *id)
        im_fail(ld->ctx, IM_ERR_DATA, "%s: %s[%zu] (id \"%.80s\"): %s", ld->name, ld->what,
                index, id, detail);
    else
        im_fail(ld->ctx, IM_ERR_DATA, "%s: %s[%zu]: %s", ld->name, ld->what, index, detail);
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
    im_rec rec;
    memset(&rec, 0, sizeof rec);

    if (set->n >= ctx->limits.max_records)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: more than %llu records (the record limit)",
                       ld->name, (unsigned long long)ctx->limits.max_records);
    if (!id || !*id)
        im_load_error(ld, index, NULL, "id: missing or empty");
    else if (string_ok(ld, index, NULL, "id", id)) {
        int added = idset_add(ld->ids, id);
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
                im_log(ctx, IM_LOG_WARNING,
                       "%s: %s[%zu] (id \"%.80s\"): weapon: unknown type \"%.60s\" drawn as "
                       "\"%s\" (further records with it are not reported)",
                       ld->name, ld->what, index, id ? id : "", raw->weapon, wname);
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
    if ((rec.id = pool_add(set, id)) == (size_t)-1 ||
        (rec.site = pool_add(set, raw->site)) == (size_t)-1 ||
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
        if (ld->errors > ld->logged)
            im_fail(ld->ctx, IM_ERR_DATA, "%s: %zu more invalid records not listed", ld->name,
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

im_status im_incidents_load_buffer(im_context *ctx, im_incidents *set, const char *name,
                                   const char *data, size_t size, im_input_format format)
{
    if (!ctx || !set || !name || (!data && size))
        return IM_ERR_ARG;
    if (format != IM_INPUT_AUTO && format != IM_INPUT_JSON)
        return im_fail(ctx, IM_ERR_ARG, "%s: unsupported input format", name);
    im_load ld;
    im_status st = im_load_begin(&ld, ctx, set, name);
    if (st == IM_OK)
        st = im_json_read(&ld, data ? data : "", size);
    return im_load_end(&ld, st);
}

im_status im_incidents_load(im_context *ctx, im_incidents *set, const char *path,
                            im_input_format format)
{
    if (!ctx || !set || !path)
        return IM_ERR_ARG;
    char *data;
    size_t size;
    im_status st = im_read_file(ctx, path, &data, &size);
    if (st != IM_OK)
        return st;
    st = im_incidents_load_buffer(ctx, set, path, data, size, format);
    free(data);
    return st;
}
