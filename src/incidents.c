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
    out->category = set->pool + r->category;
    out->size_value = set->size_field[0] ? r->value : NAN;
    return IM_OK;
}

static size_t pool_add(im_incidents *set, const char *s);

/* The same text as a recent one shares its bytes: a site, source or
 * category repeats over many records (a direct-mapped cache, checked by
 * comparing the text, so a rolled-back pool cannot mislead it). */
static size_t pool_add_shared(im_incidents *set, const char *s)
{
    if (!s || !*s)
        return 0;
    unsigned h = 2166136261u;
    for (const char *c = s; *c; c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    h = (h ^ (h >> 16)) & 255;
    size_t off = set->recent[h];
    if (off && off < set->pool_len && strcmp(set->pool + off, s) == 0)
        return off;
    off = pool_add(set, s);
    if (off != (size_t)-1)
        set->recent[h] = (uint32_t)off;
    return off;
}

size_t im_set_pool_add(im_incidents *set, const char *s)
{
    return pool_add_shared(set, s);
}

im_status im_set_pool_fail(im_context *ctx, const im_incidents *set, const char *name)
{
    if (set->pool_full)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: the incidents' text (ids, sites, sources) "
                       "passes %zu bytes, the most one set holds", name, IM_POOL_MAX);
    return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
}

static size_t pool_add(im_incidents *set, const char *s)
{
    if (!s || !*s)
        return 0;
    size_t n = strlen(s) + 1;
    if (n > IM_POOL_MAX || set->pool_len > IM_POOL_MAX - n) {
        set->pool_full = true;
        return (size_t)-1;
    }
    if (set->pool_len + n > set->pool_cap) {
        size_t cap = set->pool_cap;
        while (set->pool_len + n > cap)
            cap *= 2;
        char *p = realloc(set->pool, cap);
        if (!p)
            return (size_t)-1;
        im_advise_huge(p, cap);
        set->pool = p;
        set->pool_cap = cap;
    }
    size_t off = set->pool_len;
    memcpy(set->pool + off, s, n);
    set->pool_len += n;
    return off;
}

/* ---- a set of ids, for duplicate detection (open addressing) -------
 * A slot is 8 bytes: the id's offset in the set's string pool (low 40
 * bits; 0: empty), so an id is stored once, in the pool, not copied per
 * record, and the top 24 bits of its hash above it: a probe reads the pool
 * (a cache miss on a big set) only when those agree, so a new id costs no
 * string compare at all. The slot index is the hash's top bits too, so up
 * to 2^24 slots the table grows from the slots alone, without reading a
 * single id again (past that, the ids are hashed again). The table grows
 * at 3/4 full (1,000,000 ids: 16 MB; 10,000,000: 128 MB). */

#define ID_OFF_BITS 40
#define ID_OFF_MASK ((1ULL << ID_OFF_BITS) - 1)

struct im_idset {
    uint64_t *slots;
    size_t cap, n;
    unsigned bits; /* cap == 1 << bits */
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a, then a final mix */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h;
}

/* The slot of hash h with offset off: the tag is the hash's top bits. */
static uint64_t id_slot(uint64_t h, size_t off)
{
    return (h & ~ID_OFF_MASK) | (uint64_t)off;
}

/* Where hash h starts probing in a table of 1 << bits slots. */
static size_t id_home(uint64_t h, unsigned bits)
{
    return (size_t)(h >> (64 - bits));
}

/* Double the table. False on OOM. */
static bool idset_grow(struct im_idset *ids, const im_incidents *set)
{
    unsigned bits = ids->cap ? ids->bits + 1 : 10;
    size_t cap = (size_t)1 << bits;
    uint64_t *slots = im_table_alloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < ids->cap; i++) {
        uint64_t e = ids->slots[i];
        if (!e)
            continue;
        /* the tag holds the top 64 - ID_OFF_BITS bits of the hash */
        uint64_t h = bits <= 64 - ID_OFF_BITS ? e : hash_str(set->pool + (e & ID_OFF_MASK));
        size_t j = id_home(h, bits);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = e;
    }
    free(ids->slots);
    ids->slots = slots;
    ids->cap = cap;
    ids->bits = bits;
    return true;
}

/* Add id, unless present. Returns 1 if added (a new id is appended to the
 * pool first, or off_in is used when it is not 0; *off is its offset),
 * 0 if already present, -1 on OOM. */
static int idset_add(struct im_idset *ids, im_incidents *set, const char *id, size_t off_in,
                     size_t *off)
{
    if ((ids->n + 1) * 4 > ids->cap * 3 && !idset_grow(ids, set))
        return -1;
    uint64_t h = hash_str(id), tag = h & ~ID_OFF_MASK;
    size_t j = id_home(h, ids->bits);
    while (ids->slots[j]) {
        uint64_t e = ids->slots[j];
        if ((e & ~ID_OFF_MASK) == tag && strcmp(set->pool + (e & ID_OFF_MASK), id) == 0)
            return 0;
        j = (j + 1) & (ids->cap - 1);
    }
    size_t o = off_in ? off_in : pool_add(set, id);
    if (o == (size_t)-1 || o == 0 || (uint64_t)o > ID_OFF_MASK)
        return -1; /* out of memory (a pool past 1 TB included) */
    ids->slots[j] = id_slot(h, o);
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
    set->pool_full = false;
    ld->ids = calloc(1, sizeof *ld->ids);
    if (!ld->ids)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    /* Ids already in the set count for duplicates across files too. */
    for (size_t i = 0; i < set->n; i++)
        if (idset_add(ld->ids, set, set->pool + set->recs[i].id, set->recs[i].id, NULL) < 0)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

/* "incidents[3]", "features[3]" or, for CSV and sheets, "row 3" (a 1-based
 * line; "row 3 of sheet \"Log\"" in a workbook of several sheets). */
static void record_ref(const im_load *ld, size_t index, char *buf, size_t size)
{
    if (strcmp(ld->what, "row") == 0 && ld->sheet[0])
        snprintf(buf, size, "row %zu of sheet \"%s\"", index, ld->sheet);
    else if (strcmp(ld->what, "row") == 0)
        snprintf(buf, size, "row %zu", index);
    else
        snprintf(buf, size, "%s[%zu]", ld->what, index);
}

/* "FILE: incidents[12] (id \"x\"): DETAIL" (or "FILE:LINE:COL: row 12 ...") as an
 * error or a warning. */
static void format_report(im_load *ld, size_t index, const char *id, const char *detail,
                          char *msg, size_t size)
{
    char ref[112], pos[48] = "";
    record_ref(ld, index, ref, sizeof ref);
    size_t line, col; /* "file:line:col:" when the reader knows the place */
    if (ld->where && ld->where(ld->where_arg, index, detail, &line, &col))
        snprintf(pos, sizeof pos, ":%zu:%zu", line, col);
    if (id && *id)
        snprintf(msg, size, "%s%s: %s (id \"%.80s\"): %s", ld->name, pos, ref, id, detail);
    else
        snprintf(msg, size, "%s%s: %s: %s", ld->name, pos, ref, detail);
}

char *im_load_message(im_load *ld, size_t index, const char *id, const char *detail)
{
    char msg[1024];
    format_report(ld, index, id, detail, msg, sizeof msg);
    return strdup(msg);
}

static void load_report(im_load *ld, im_log_level level, size_t index, const char *id,
                        const char *detail)
{
    char msg[1024];
    format_report(ld, index, id, detail, msg, sizeof msg);
    if (level == IM_LOG_ERROR)
        im_fail(ld->ctx, IM_ERR_DATA, "%s", msg);
    else
        im_log(ld->ctx, level, "%s", msg);
}

/* Count a skipped record under the field its first problem names. */
static void count_reason(im_load *ld, const char *detail)
{
    char field[24];
    size_t n = strcspn(detail, ":");
    if (detail[n] != ':' || n == 0 || n >= sizeof field)
        snprintf(field, sizeof field, "record");
    else
        snprintf(field, sizeof field, "%.*s", (int)n, detail);
    size_t i = 0;
    while (i < ld->n_reasons && strcmp(ld->reasons[i].field, field) != 0)
        i++;
    if (i == ld->n_reasons) {
        if (i == sizeof ld->reasons / sizeof ld->reasons[0])
            i--; /* the last slot collects the rest */
        else
            ld->n_reasons++;
        if (ld->reasons[i].n == 0)
            snprintf(ld->reasons[i].field, sizeof ld->reasons[i].field, "%s",
                     i == sizeof ld->reasons / sizeof ld->reasons[0] - 1 ? "other" : field);
    }
    ld->reasons[i].n++;
}

struct im_slash_pending {
    size_t rec;  /* its index in the set, or SIZE_MAX: not appended */
    unsigned char a, b; /* a/b/year */
    char *msg;   /* the error if the order stays unknown (the first ones only) */
};

im_status im_load_slash_pending(im_load *ld, size_t index, const char *id, const char *detail)
{
    if (ld->n_pending == ld->cap_pending) {
        size_t cap = ld->cap_pending ? 2 * ld->cap_pending : 16;
        struct im_slash_pending *p = im_realloc_array(ld->pending, cap, sizeof *p);
        if (!p)
            return im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
        ld->pending = p;
        ld->cap_pending = cap;
    }
    struct im_slash_pending *p = &ld->pending[ld->n_pending];
    p->rec = SIZE_MAX;
    p->a = ld->cur_slash.a;
    p->b = ld->cur_slash.b;
    p->msg = NULL;
    if (ld->n_pending < MAX_LOGGED_ERRORS && !(p->msg = im_load_message(ld, index, id, detail)))
        return im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
    ld->n_pending++;
    return IM_OK;
}

/* Settle the ambiguous slash dates by the file's others: all day first
 * (25/01/2024 somewhere), all month first (01/25/2024), both (an error),
 * or neither (each ambiguous date is an error, as with one record). */
static im_status settle_slash_dates(im_load *ld)
{
    im_context *ctx = ld->ctx;
    char r0[112], r1[112];
    bool day = ld->slash_seen[0].index != 0, month = ld->slash_seen[1].index != 0;
    if (day && month) {
        record_ref(ld, ld->slash_seen[0].index, r0, sizeof r0);
        record_ref(ld, ld->slash_seen[1].index, r1, sizeof r1);
        ld->errors++;
        return im_fail(ctx, IM_ERR_DATA, "%s: slash dates in both orders: %s has \"%s\" (day "
                                         "first), %s has \"%s\" (month first); say which with "
                                         "--date-order dmy or --date-order mdy", ld->name, r0,
                       ld->slash_seen[0].text, r1, ld->slash_seen[1].text);
    }
    if (ld->n_pending == 0)
        return IM_OK;
    if (day || month) {
        int k = day ? 0 : 1;
        record_ref(ld, ld->slash_seen[k].index, r0, sizeof r0);
        im_log(ctx, IM_LOG_INFO, "%s: %zu ambiguous slash date%s read %s, as %s \"%s\" "
                                 "shows (--date-order %s says otherwise)", ld->name,
               ld->n_pending, ld->n_pending == 1 ? "" : "s",
               day ? "day first (dd/mm/yyyy)" : "month first (mm/dd/yyyy)", r0,
               ld->slash_seen[k].text, day ? "mdy" : "dmy");
        for (size_t i = 0; month && i < ld->n_pending; i++) {
            const struct im_slash_pending *p = &ld->pending[i];
            if (p->rec >= ld->set->n)
                continue;
            im_rec *rec = &ld->set->recs[p->rec];
            int y, m, d;
            im_date_split(rec->time, &y, &m, &d);
            int64_t tod = rec->time - im_date_make(y, m, d);
            /* read day first as b/a: month a, day b (a day's time kept);
             * a date made coarser keeps the first of its month or year */
            if (rec->precision <= IM_DATE_DAY)
                rec->time = im_date_make(y, p->a, p->b) + tod;
            else if (rec->precision == IM_DATE_MONTH)
                rec->time = im_date_make(y, p->a, 1);
        }
        return IM_OK;
    }
    /* Nothing settles the order: each is an error (skipped when lenient). */
    size_t w = ld->start_n;
    for (size_t i = 0; i < ld->n_pending; i++) {
        const struct im_slash_pending *p = &ld->pending[i];
        bool counted = p->rec == SIZE_MAX; /* left out for another problem */
        ld->errors++;
        if (ctx->skip_invalid && !counted) {
            ld->skipped++;
            count_reason(ld, "date:");
        }
        if (ld->logged++ < MAX_LOGGED_ERRORS && p->msg) {
            if (ctx->skip_invalid)
                im_log(ctx, IM_LOG_WARNING, "%s", p->msg);
            else
                im_fail(ctx, IM_ERR_DATA, "%s", p->msg);
        } else if (!ctx->skip_invalid) {
            ctx->errors++; /* counted, not logged */
        }
    }
    if (ctx->skip_invalid) { /* leave the pending records out, in order */
        size_t k = 0;
        for (size_t r = ld->start_n; r < ld->set->n; r++) {
            while (k < ld->n_pending &&
                   (ld->pending[k].rec == SIZE_MAX || ld->pending[k].rec < r))
                k++;
            if (k < ld->n_pending && ld->pending[k].rec == r)
                continue;
            ld->set->recs[w++] = ld->set->recs[r];
        }
        ld->set->n = w;
    }
    return IM_OK;
}

void im_load_error(im_load *ld, size_t index, const char *id, const char *fmt, ...)
{
    char detail[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    bool new_record = !(ld->have_bad && ld->bad_index == index);
    ld->have_bad = true;
    ld->bad_index = index;
    ld->errors++;
    if (ld->ctx->skip_invalid) {
        /* Lenient: the record is left out; the same message, as a warning. */
        if (new_record) {
            ld->skipped++;
            count_reason(ld, detail);
        }
        if (ld->logged++ < MAX_LOGGED_ERRORS)
            load_report(ld, IM_LOG_WARNING, index, id, detail);
        return;
    }
    if (ld->logged >= MAX_LOGGED_ERRORS) {
        ld->ctx->errors++; /* counted, not logged */
        return;
    }
    ld->logged++;
    load_report(ld, IM_LOG_ERROR, index, id, detail);
}

void im_load_warning(im_load *ld, size_t index, const char *id, const char *fmt, ...)
{
    char detail[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    load_report(ld, IM_LOG_WARNING, index, id, detail);
}

bool im_load_record_bad(const im_load *ld, size_t index)
{
    return ld->have_bad && ld->bad_index == index;
}

int im_load_claim_id(im_load *ld, const char *id, size_t *off)
{
    return idset_add(ld->ids, ld->set, id, 0, off);
}

void im_load_id_soon(const im_load *ld, const char *id)
{
    const struct im_idset *ids = ld->ids;
    if (ids && ids->cap)
        __builtin_prefetch(&ids->slots[id_home(hash_str(id), ids->bits)]);
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

im_status im_load_append(im_load *ld, im_rec *rec, size_t id_off, const char *weapon,
                         const char *site, const char *source)
{
    im_context *ctx = ld->ctx;
    im_incidents *set = ld->set;
    int w = set_weapon_index(set, weapon);
    if (w < 0)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: more than %d weapon types", ld->name,
                       IM_MAX_WEAPONS);
    rec->weapon = (uint8_t)w;
    rec->id = (uint32_t)id_off; /* the id went into the pool with the duplicate check */
    size_t site_off = pool_add_shared(set, site), source_off = 0;
    if (site_off == (size_t)-1 || (source_off = pool_add_shared(set, source)) == (size_t)-1)
        return im_set_pool_fail(ctx, set, ld->name);
    rec->site = (uint32_t)site_off;
    rec->source = (uint32_t)source_off;
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        im_rec *r = im_realloc_array(set->recs, cap, sizeof *r);
        if (!r)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        set->recs = r;
        set->cap = cap;
    }
    if (ld->cur_slash.seen == '?' && ld->n_pending)
        ld->pending[ld->n_pending - 1].rec = set->n; /* its date is settled at the end */
    set->recs[set->n++] = *rec;
    return IM_OK;
}

im_status im_load_end(im_load *ld, im_status st)
{
    im_context *ctx = ld->ctx;
    if (st == IM_OK)
        st = settle_slash_dates(ld);
    for (size_t i = 0; i < ld->n_pending; i++)
        free(ld->pending[i].msg);
    free(ld->pending);
    ld->pending = NULL;
    ld->n_pending = ld->cap_pending = 0;
    if (st == IM_OK && ld->errors && ctx->skip_invalid) {
        char why[512] = "";
        size_t len = 0;
        for (size_t i = 0; i < ld->n_reasons && len < sizeof why - 64; i++)
            len += (size_t)snprintf(why + len, sizeof why - len, "%s%s %zu", i ? ", " : "",
                                    ld->reasons[i].field, ld->reasons[i].n);
        if (ld->logged > MAX_LOGGED_ERRORS)
            im_log(ctx, IM_LOG_WARNING, "%s: %zu more problems not listed", ld->name,
                   ld->logged - MAX_LOGGED_ERRORS);
        if (ld->set->n == ld->start_n) {
            st = im_fail(ctx, IM_ERR_DATA, "%s: no valid record (%zu invalid record%s: %s)",
                         ld->name, ld->skipped, ld->skipped == 1 ? "" : "s", why);
        } else {
            im_log(ctx, IM_LOG_WARNING, "%s: %zu invalid record%s skipped (%s); %zu loaded",
                   ld->name, ld->skipped, ld->skipped == 1 ? "" : "s", why,
                   ld->set->n - ld->start_n);
            ld->set->skipped += ld->skipped;
        }
    } else if (st == IM_OK && ld->errors) {
        if (ld->errors > ld->logged) /* a summary, not one more error: not counted */
            im_log(ctx, IM_LOG_ERROR, "%s: %zu more problems not listed", ld->name,
                   ld->errors - ld->logged);
        im_log(ctx, IM_LOG_ERROR, "%s: nothing loaded from this file; --skip-invalid leaves "
                                  "invalid records out and loads the rest", ld->name);
        st = IM_ERR_DATA;
    }
    if (st == IM_OK && ld->dropped) {
        im_log(ctx, IM_LOG_INFO, "%s: %zu record%s dropped: %s id%s seen before (--dedupe id "
                                 "keeps the first)", ld->name, ld->dropped,
               ld->dropped == 1 ? "" : "s", ld->dropped == 1 ? "its" : "their",
               ld->dropped == 1 ? " was" : "s were");
        ld->set->dropped += ld->dropped;
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

static im_status load(im_context *ctx, im_incidents *set, const char *name, const char *data,
                      size_t size, im_input_format format, im_mapfile *input, const char *path)
{
    if (format < IM_INPUT_AUTO || format > IM_INPUT_OGR)
        return im_fail(ctx, IM_ERR_ARG, "%s: unsupported input format", name);
    if (!data)
        data = "";
    char delim = 0;
    const char *kind = NULL, *ext = NULL;
    /* Text in another encoding is read from a UTF-8 copy (incident_text.c):
     * UTF-16 with a byte order mark in any text format, Windows-1252 in a
     * CSV. The mapped file is then done with. */
    char *utf8 = NULL;
    size_t utf8_size = 0;
    im_status st = format == IM_INPUT_OGR ? IM_OK
                                          : im_text_utf16(ctx, name, data, size, &utf8, &utf8_size);
    if (st != IM_OK)
        return st;
    if (utf8) {
        data = utf8;
        size = utf8_size;
    }
    if (format == IM_INPUT_AUTO)
        format = im_sniff_format(name, data, size, &delim, &kind, &ext);
    if (format == IM_INPUT_CSV && !utf8 &&
        (st = im_text_cp1252(ctx, name, data, size, &utf8, &utf8_size)) != IM_OK)
        return st;
    if (utf8 && data != utf8) {
        data = utf8;
        size = utf8_size;
    }
    if (utf8 && input) {
        im_mapfile_release(input, input->size);
        input = NULL;
    }
    im_load ld;
    st = im_load_begin(&ld, ctx, set, name);
    ld.input = input;
    ld.path = path;
    if (st == IM_OK) {
        if (format == IM_INPUT_GEOJSON) {
            ld.what = "features";
            st = im_geojson_read(&ld, data, size);
        } else if (format == IM_INPUT_CSV) {
            ld.what = "row";
            st = im_csv_read(&ld, data, size, delim);
        } else if (format == IM_INPUT_OGR) {
            ld.what = "features";
            st = im_ogr_read(&ld, data, size, kind, ext);
        } else {
            st = im_json_read(&ld, data, size);
        }
    }
    st = im_load_end(&ld, st);
    free(utf8);
    return st;
}

im_status im_incidents_load_buffer(im_context *ctx, im_incidents *set, const char *name,
                                   const char *data, size_t size, im_input_format format)
{
    IM_C_LOCALE(ctx); /* numbers read and written the same in any host locale */
    if (!ctx || !set || !name || (!data && size))
        return im_fail_arg(ctx, __func__);
    return load(ctx, set, name, data, size, format, NULL, NULL);
}

im_status im_incidents_load(im_context *ctx, im_incidents *set, const char *path,
                            im_input_format format)
{
    IM_C_LOCALE(ctx); /* numbers read and written the same in any host locale */
    if (!ctx || !set || !path)
        return im_fail_arg(ctx, __func__);
    im_mapfile mf;
    im_status st = im_mapfile_open(ctx, path, &mf);
    if (st == IM_OK)
        st = load(ctx, set, path, mf.data, mf.size, format, &mf, path);
    im_mapfile_close(&mf);
    return st;
}
