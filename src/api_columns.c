/* api_columns.c - incidents from column arrays (a DataFrame's columns, a
 * program's own arrays), without writing them out as JSON or CSV first.
 *
 * Every row goes through im_load_values(), the path every file reader
 * takes, so a column gets the same checks, the same messages and the same
 * lenient loading (skip-invalid), duplicate handling and style taxonomy as
 * a file's field. Numbers are handed over as numbers (no text round trip);
 * a time at 00:00 UTC is a day, as a date column's "2021-07-08" is. */
#include "im_private.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Row i of a string column; NULL when the column is absent or the value
 * missing. */
static const char *str_at(const im_strings *s, size_t i)
{
    if (!s->values)
        return NULL;
    const char *v;
    if (s->codes) {
        int32_t c = s->codes[i];
        if (c < 0 || (size_t)c >= s->n_values)
            return NULL;
        v = s->values[c];
    } else {
        v = s->values[i];
    }
    return v && *v ? v : NULL;
}

/* Give field f the number col[i] (NaN: missing). */
static void put_num(im_values *v, im_field f, const double *col, size_t i, const char *label)
{
    if (!col || isnan(col[i]))
        return;
    v->text[f] = label; /* present; the number itself is in num */
    v->has_num[f] = true;
    v->num[f] = col[i];
}

/* A dictionary code out of range is a bug in the caller, not missing data. */
static im_status check_codes(im_context *ctx, const char *name, const char *col,
                             const im_strings *s, size_t n)
{
    if (!s->codes)
        return IM_OK;
    if (!s->values && s->n_values)
        return im_fail(ctx, IM_ERR_ARG, "%s: column %s has codes but no values", name, col);
    for (size_t i = 0; i < n; i++)
        if (s->codes[i] >= 0 && (size_t)s->codes[i] >= s->n_values)
            return im_fail(ctx, IM_ERR_ARG, "%s: rows[%zu]: %s: code %" PRId32 " is not below "
                           "the %zu values given", name, i, col, s->codes[i], s->n_values);
    return IM_OK;
}

/* Write i in decimal and a NUL at out (room for 21 bytes). */
static void put_index(char *out, size_t i)
{
    char rev[24];
    size_t n = 0;
    do {
        rev[n++] = (char)('0' + i % 10);
        i /= 10;
    } while (i);
    while (n)
        *out++ = rev[--n];
    *out = '\0';
}

/* fed[k]: bit 0 when named column k feeds the category, bit 1 the size. */
static im_status add_rows(im_load *ld, const im_columns *c, const char *base,
                          const unsigned char *fed)
{
    char iso[40], idbuf[96];
    size_t base_len = strlen(base) < 60 ? strlen(base) : 60;
    memcpy(idbuf, base, base_len);
    idbuf[base_len] = '#';
    for (size_t i = 0; i < c->n; i++) {
        im_values v;
        memset(&v, 0, sizeof v);
        v.label[IM_F_DATE] = v.label[IM_F_YEAR] = "time";
        v.label[IM_F_WEAPON] = "weapon";
        put_num(&v, IM_F_LON, c->lon, i, "lon");
        put_num(&v, IM_F_LAT, c->lat, i, "lat");
        put_num(&v, IM_F_COUNT, c->count, i, "count");
        put_num(&v, IM_F_CASUALTIES, c->casualties, i, "casualties");
        put_num(&v, IM_F_UNCERTAINTY, c->uncertainty_km, i, "uncertainty_km");
        if (c->time && c->time[i] != INT64_MIN) {
            int64_t t = c->time[i];
            if (t % 86400 == 0) { /* a day: as numbers, whatever the date format set */
                int y, m, d;
                im_date_split(t, &y, &m, &d);
                const int parts[3] = {y, m, d};
                const im_field fields[3] = {IM_F_YEAR, IM_F_MONTH, IM_F_DAY};
                for (int k = 0; k < 3; k++) {
                    v.text[fields[k]] = "time"; /* present; the number is in num */
                    v.has_num[fields[k]] = true;
                    v.num[fields[k]] = parts[k];
                }
            } else {
                int y, m, d;
                im_date_split(t, &y, &m, &d);
                int64_t s = t - im_date_make(y, m, d);
                snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
                         (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60));
                v.text[IM_F_DATE] = iso;
            }
        } else {
            v.text[IM_F_DATE] = str_at(&c->time_text, i);
        }
        for (size_t k = 0; k < c->n_named; k++) { /* --color-by, --size-by FIELD */
            const im_named_column *nc = &c->named[k];
            for (int e = IM_F_CATEGORY; e < IM_FIELD_COUNT; e++) {
                if (!(fed[k] & (1u << (e - IM_F_CATEGORY))))
                    continue;
                if (nc->num)
                    put_num(&v, (im_field)e, nc->num, i, nc->name);
                else
                    v.text[e] = str_at(&nc->text, i);
                v.label[e] = nc->name;
            }
        }
        v.text[IM_F_WEAPON] = str_at(&c->weapon, i);
        v.text[IM_F_SITE] = str_at(&c->site, i);
        v.text[IM_F_SOURCE] = str_at(&c->source, i);
        v.text[IM_F_ID] = str_at(&c->id, i);
        if (!v.text[IM_F_ID]) {
            put_index(idbuf + base_len + 1, i); /* "NAME#ROW", without printf per row */
            v.id_fallback = idbuf;
        }
        im_status st = im_load_values(ld, i, &v);
        if (st != IM_OK)
            return st;
    }
    return IM_OK;
}

im_status im_incidents_add_columns(im_context *ctx, im_incidents *set, const char *name,
                                   const im_columns *cols)
{
    IM_C_LOCALE(ctx);
    if (!ctx || !set || !cols)
        return im_fail_arg(ctx, __func__);
    if (!name || !*name)
        name = "columns";
    /* A caller compiled against an older, shorter im_columns: the members
     * it does not know are absent. A newer one: refused. */
    im_columns c;
    memset(&c, 0, sizeof c);
    if (cols->struct_size < offsetof(im_columns, lat) + sizeof c.lat ||
        cols->struct_size > sizeof c)
        return im_fail(ctx, IM_ERR_ARG, "%s: im_columns.struct_size %zu is not one this "
                       "library knows (set it to sizeof(im_columns))", name, cols->struct_size);
    memcpy(&c, cols, cols->struct_size);
    if (c.n && (!c.lon || !c.lat))
        return im_fail(ctx, IM_ERR_ARG, "%s: the lon and lat columns are required", name);
    if (c.n && !c.time && !c.time_text.values)
        return im_fail(ctx, IM_ERR_ARG, "%s: a time or time_text column is required", name);
    if (c.n && !c.weapon.values)
        return im_fail(ctx, IM_ERR_ARG, "%s: a weapon (category) column is required", name);
    const struct { const char *col; const im_strings *s; } strs[] = {
        {"time_text", &c.time_text}, {"weapon", &c.weapon}, {"site", &c.site},
        {"id", &c.id}, {"source", &c.source},
    };
    for (size_t k = 0; k < sizeof strs / sizeof strs[0]; k++) {
        im_status st = check_codes(ctx, name, strs[k].col, strs[k].s, c.n);
        if (st != IM_OK)
            return st;
    }
    if (c.n_named && !c.named)
        return im_fail(ctx, IM_ERR_ARG, "%s: n_named is %zu but named is NULL", name,
                       c.n_named);
    /* Which named column feeds the category and the size: the last one
     * the context's field names, as a file's later column would. */
    unsigned char *fed = c.n_named ? calloc(c.n_named, 1) : NULL;
    if (c.n_named && !fed)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    int feeder[IM_FIELD_COUNT - IM_F_CATEGORY];
    for (int e = 0; e < IM_FIELD_COUNT - IM_F_CATEGORY; e++)
        feeder[e] = -1;
    for (size_t k = 0; k < c.n_named; k++) {
        const im_named_column *nc = &c.named[k];
        if (!nc->name || !*nc->name) {
            free(fed);
            return im_fail(ctx, IM_ERR_ARG, "%s: named[%zu] has no name", name, k);
        }
        im_status cst = nc->num ? IM_OK : check_codes(ctx, name, nc->name, &nc->text, c.n);
        if (cst != IM_OK) {
            free(fed);
            return cst;
        }
        for (int e = IM_F_CATEGORY; e < IM_FIELD_COUNT; e++)
            if (im_field_named(ctx, (im_field)e, nc->name))
                feeder[e - IM_F_CATEGORY] = (int)k;
    }
    int cat = feeder[IM_F_CATEGORY - IM_F_CATEGORY];
    if (cat >= 0 && c.named[cat].num) {
        free(fed);
        return im_fail(ctx, IM_ERR_ARG, "%s: column %s: colouring by a field needs its values "
                       "as text (im_named_column.text), not numbers", name, c.named[cat].name);
    }
    for (int e = 0; e < IM_FIELD_COUNT - IM_F_CATEGORY; e++)
        if (feeder[e] >= 0)
            fed[feeder[e]] |= (unsigned char)(1u << e);
    im_load ld;
    im_status st = im_load_begin(&ld, ctx, set, name);
    ld.what = "rows";
    if (st == IM_OK)
        st = add_rows(&ld, &c, name, fed);
    free(fed);
    return im_load_end(&ld, st);
}
