/* json_walk.c - walking a JSON document by hand, one value at a time.
 *
 * The readers of native JSON and GeoJSON walk the top-level object and the
 * big array (incidents, features) themselves and hand each element to
 * jansson on its own (JSON_DISABLE_EOF_CHECK), so memory holds one record's
 * tree at a time. Syntax errors are reported with the file's line and
 * column, not the position inside the element.
 */
#include "im_private.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void im_jw_init(im_jw *w, im_load *ld, const char *data, size_t size)
{
    memset(w, 0, sizeof *w);
    w->ld = ld;
    w->data = data;
    w->size = size;
    w->line = 1;
    /* A UTF-8 byte order mark is tolerated. */
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        w->pos = w->line_pos = w->line_start = 3;
}

/* Advance the line counter to pos and return line/column of pos. */
void im_jw_where(im_jw *w, size_t pos, int *line, int *col)
{
    if (pos < w->line_pos) { /* never happens in a forward walk; restart */
        w->line_pos = w->line_start = 0;
        w->line = 1;
    }
    size_t to = pos < w->size ? pos : w->size;
    while (w->line_pos < to) {
        const char *nl = memchr(w->data + w->line_pos, '\n', to - w->line_pos);
        if (!nl) {
            w->line_pos = to;
            break;
        }
        w->line++;
        w->line_pos = w->line_start = (size_t)(nl - w->data) + 1;
    }
    *line = w->line;
    *col = (int)(pos - w->line_start) + 1;
}

im_status im_jw_syntax(im_jw *w, size_t pos, const char *msg)
{
    int line, col;
    im_jw_where(w, pos, &line, &col);
    return im_fail(w->ld->ctx, IM_ERR_SYNTAX, "%s:%d:%d: %s", w->ld->name, line, col, msg);
}

void im_jw_skip_ws(im_jw *w)
{
    while (w->pos < w->size) {
        char c = w->data[w->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        w->pos++;
    }
}

im_status im_jw_decode(im_jw *w, json_t **out)
{
    json_error_t err;
    size_t start = w->pos;
    /* Decoded by a worker, which found it within the positions limit (it
     * leaves elements over it to this code, for the message). */
    size_t end;
    const im_jmember *members = NULL;
    const im_jfeature *feat = NULL;
    size_t n = 0;
    json_t *ahead = im_jpool_take(w->pool, start, &end, &w->levels, &members, &n, &feat);
    if (ahead || members || feat) {
        w->pos = end;
        *out = ahead; /* NULL for a flat record or feature: its members are in w */
        w->flat = members;
        w->flat_n = n;
        w->feat = feat;
        w->borrowed = true; /* for walk_array only, which alone runs with a pool */
        return IM_OK;
    }
    im_status lim = im_limit_json_positions(w->ld->ctx, w->ld->name, w->data, w->size, start,
                                            w->ld->ctx->limits.max_points, "a record",
                                            "--max-points");
    if (lim != IM_OK)
        return lim;
    json_t *v = json_loadb(w->data + start, w->size - start,
                           JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
                           &err);
    if (!v) {
        /* jansson's position counts from our start; report absolute. */
        int line, col;
        im_jw_where(w, start, &line, &col);
        int eline = err.line > 0 ? err.line : 1;
        int ecol = err.column > 0 ? err.column : 1;
        int aline = line + eline - 1;
        int acol = eline == 1 ? col + ecol - 1 : ecol;
        const char *hint = strstr(err.text, "unable to decode byte")
                               ? " (the file is not valid UTF-8 text)" : "";
        return im_fail(w->ld->ctx, IM_ERR_SYNTAX, "%s:%d:%d: %s%s", w->ld->name, aline, acol,
                       err.text, hint);
    }
    w->pos = start + err.position;
    *out = v;
    return IM_OK;
}

void im_jw_id_ahead(const im_jw *w, const im_jmember *m, size_t n, const char *id)
{
    size_t nn;
    const im_jmember *next = id ? im_jpool_peek(w->pool, &nn) : NULL;
    for (size_t i = 0; next && i < n && i < nn; i++)
        if (m[i].str == id) {
            if (next[i].type == JSON_STRING && strcmp(next[i].key, m[i].key) == 0)
                im_load_id_soon(w->ld, next[i].str);
            break;
        }
}

/* The element being read, for the loader's "file:line:col:" (im_load.where). */
typedef struct jw_elem {
    im_jw *w;
    size_t index, start, end;
} jw_elem;

/* The place of a message about element index: the member its detail starts
 * with ("count: ...", "properties.count: ...": its value, at the top or under
 * "properties"), else the element itself. */
static bool jw_elem_where(void *arg, size_t index, const char *detail, size_t *line,
                          size_t *col)
{
    jw_elem *e = arg;
    if (index != e->index)
        return false;
    size_t pos = e->start;
    size_t n = strcspn(detail, ":/~ ");
    if (n > 0 && n < 64 && detail[n] == ':') {
        char ptr[80];
        int l, c;
        static const char *const forms[] = {"/%.*s", "/properties/%.*s"};
        for (int f = 0; f < 2; f++) {
            snprintf(ptr, sizeof ptr, forms[f], (int)n, detail);
            for (char *d = ptr; *d; d++)
                if (*d == '.') /* "properties.count": a member's member */
                    *d = '/';
            if (im_json_where(e->w->data + e->start, e->end - e->start, ptr, &l, &c)) {
                /* l:c within the element's text back to an offset */
                size_t off = 0;
                for (int k = 1; k < l; k++)
                    off += strcspn(e->w->data + e->start + off, "\n") + 1;
                pos = e->start + off + (size_t)c - 1;
                break;
            }
        }
    }
    int l, c;
    im_jw_where(e->w, pos, &l, &c);
    *line = (size_t)l;
    *col = (size_t)c;
    return true;
}
static im_status walk_array(im_jw *w, const char *what, const char *elem, im_jw_elem_fn fn,
                            void *user);

im_status im_jw_array(im_jw *w, const char *what, const char *elem, im_jw_elem_fn fn,
                      void *user)
{
    /* w->pos is at '[' */
    w->pos++;
    im_jw_skip_ws(w);
    if (w->pos < w->size && w->data[w->pos] == ']') {
        w->pos++;
        return IM_OK;
    }
    /* The elements are decoded ahead on the other cores (json_parallel.c);
     * the walk below is the same either way. Only the outermost array. */
    im_jpool *outer = w->pool;
    if (!outer)
        w->pool = im_jpool_start(w->ld->ctx, w->data, w->size, w->pos, (im_jflat)w->flat_ok);
    im_status st = walk_array(w, what, elem, fn, user);
    if (!outer) {
        im_jpool_stop(w->pool);
        w->pool = NULL;
    }
    return st;
}

static im_status walk_array(im_jw *w, const char *what, const char *elem, im_jw_elem_fn fn,
                            void *user)
{
    char msg[128];
    size_t index = 0;
    for (;;) {
        im_jw_skip_ws(w);
        if (w->pos >= w->size) {
            snprintf(msg, sizeof msg, "unexpected end of input inside the %s array", what);
            return im_jw_syntax(w, w->pos, msg);
        }
        json_t *v;
        size_t start = w->pos;
        im_status st = im_jw_decode(w, &v);
        if (st != IM_OK)
            return st;
        jw_elem at = {w, index, start, w->pos};
        bool (*where)(void *, size_t, const char *, size_t *, size_t *) = w->ld->where;
        void *where_arg = w->ld->where_arg;
        w->ld->where = jw_elem_where;
        w->ld->where_arg = &at;
        st = fn(w, index, v, user);
        w->ld->where = where;
        w->ld->where_arg = where_arg;
        if (!w->borrowed)
            json_decref(v);
        w->borrowed = false;
        w->flat = NULL;
        w->flat_n = 0;
        w->feat = NULL;
        if (st != IM_OK)
            return st;
        if (w->ld->input && w->pos - w->line_pos > ((size_t)8 << 20)) {
            /* The file's bytes behind here may be given back: count its
             * lines up to here first (messages count on from there). */
            int line, col;
            im_jw_where(w, w->pos, &line, &col);
            im_load_progress(w->ld, w->pos);
        }
        index++;
        im_jw_skip_ws(w);
        if (w->pos >= w->size) {
            snprintf(msg, sizeof msg, "unexpected end of input inside the %s array", what);
            return im_jw_syntax(w, w->pos, msg);
        }
        char c = w->data[w->pos++];
        if (c == ']')
            return IM_OK;
        if (c != ',') {
            snprintf(msg, sizeof msg, "expected ',' or ']' after %s", elem);
            return im_jw_syntax(w, w->pos - 1, msg);
        }
    }
}

im_status im_jw_object(im_jw *w, im_jw_member_fn fn, void *user)
{
    /* w->pos is at '{' */
    w->pos++;
    bool first = true;
    im_status st = IM_OK;
    json_t *seen = NULL; /* member names so far */
    for (;;) {
        im_jw_skip_ws(w);
        if (w->pos >= w->size) {
            st = im_jw_syntax(w, w->pos, "unexpected end of input inside the top-level object");
            goto out;
        }
        if (w->data[w->pos] == '}' && first) {
            w->pos++;
            goto out;
        }
        if (w->data[w->pos] != '"') {
            st = im_jw_syntax(w, w->pos, "expected a member name in double quotes");
            goto out;
        }
        json_t *key;
        size_t key_pos = w->pos;
        if ((st = im_jw_decode(w, &key)) != IM_OK)
            goto out;
        char name[64];
        snprintf(name, sizeof name, "%s", json_string_value(key));
        /* Duplicate members are errors here as inside records (jansson's
         * JSON_REJECT_DUPLICATES): two "type"s must not pass silently. */
        if (!seen)
            seen = json_object();
        if (seen && json_object_get(seen, json_string_value(key))) {
            json_decref(key);
            char msg[96];
            snprintf(msg, sizeof msg, "duplicate member \"%.60s\"", name);
            st = im_jw_syntax(w, key_pos, msg);
            goto out;
        }
        if (seen)
            json_object_set_new(seen, json_string_value(key), json_true());
        json_decref(key);
        im_jw_skip_ws(w);
        if (w->pos >= w->size || w->data[w->pos] != ':') {
            st = im_jw_syntax(w, w->pos, "expected ':' after a member name");
            goto out;
        }
        w->pos++;
        im_jw_skip_ws(w);
        if ((st = fn(w, name, user)) != IM_OK)
            goto out;
        first = false;
        im_jw_skip_ws(w);
        if (w->pos >= w->size) {
            st = im_jw_syntax(w, w->pos, "unexpected end of input inside the top-level object");
            goto out;
        }
        char c = w->data[w->pos++];
        if (c == '}')
            goto out;
        if (c != ',') {
            st = im_jw_syntax(w, w->pos - 1, "expected ',' or '}' in the top-level object");
            goto out;
        }
    }
out:
    json_decref(seen);
    return st;
}

im_status im_jw_end(im_jw *w)
{
    im_jw_skip_ws(w);
    if (w->pos < w->size)
        return im_jw_syntax(w, w->pos, "unexpected text after the end of the JSON document");
    return IM_OK;
}

im_status im_jw_skip_member(im_jw *w, const char *name)
{
    json_t *v; /* title, source, foreign members: checked, not kept */
    im_status st = im_jw_decode(w, &v);
    if (st != IM_OK)
        return st;
    im_context *ctx = w->ld->ctx;
    bool deep = !im_json_depth_ok(v, 1, ctx->limits.max_depth);
    json_decref(v);
    if (deep)
        return im_fail(ctx, IM_ERR_LIMIT, "%s: member \"%s\" is nested deeper than %u levels",
                       w->ld->name, name, (unsigned)ctx->limits.max_depth);
    return IM_OK;
}

bool im_json_depth_ok(json_t *v, unsigned depth, unsigned max)
{
    if (depth > max)
        return false;
    if (json_is_object(v)) {
        const char *k;
        json_t *c;
        json_object_foreach(v, k, c) if (!im_json_depth_ok(c, depth + 1, max)) return false;
    } else if (json_is_array(v)) {
        size_t i;
        json_t *c;
        json_array_foreach(v, i, c) if (!im_json_depth_ok(c, depth + 1, max)) return false;
    }
    return true;
}

bool im_jw_depth_ok(const im_jw *w, json_t *v, unsigned depth, unsigned max)
{
    if (w->borrowed) /* im_json_depth_ok(v, d, max) is d + levels - 1 <= max */
        return depth + w->levels - 1 <= max;
    return im_json_depth_ok(v, depth, max);
}

static const char *type_name(json_type t)
{
    switch (t) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: case JSON_REAL: return "a number";
    case JSON_TRUE: case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

const char *im_json_type_name(json_t *v)
{
    return type_name(json_typeof(v));
}

const char *im_jmember_type_name(const im_jmember *m)
{
    return type_name((json_type)m->type);
}

/* ---- field extraction with type errors reported against the record ---- */

const char *im_json_string(im_load *ld, size_t i, const char *id, json_t *v, const char *key)
{
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        im_load_error(ld, i, id, "%s: must be a string, not %s", key, im_json_type_name(v));
        return NULL;
    }
    if (memchr(json_string_value(v), '\0', json_string_length(v))) {
        im_load_error(ld, i, id, "%s: contains a NUL character", key);
        return NULL;
    }
    return json_string_value(v);
}

bool im_json_number(im_load *ld, size_t i, const char *id, json_t *v, const char *key,
                    double *out)
{
    if (!v || json_is_null(v))
        return false;
    if (!json_is_number(v)) {
        im_load_error(ld, i, id, "%s: must be a number, not %s", key, im_json_type_name(v));
        return false;
    }
    *out = json_number_value(v);
    return true;
}

bool im_json_integer(im_load *ld, size_t i, const char *id, json_t *v, const char *key,
                     long long *out)
{
    if (!v || json_is_null(v))
        return false;
    double d = json_is_real(v) ? json_real_value(v) : 0;
    if (json_is_integer(v))
        *out = json_integer_value(v);
    else if (json_is_real(v) && d == floor(d) && fabs(d) < 9e15)
        *out = (long long)d;
    else {
        im_load_error(ld, i, id, "%s: must be a whole number, not %s", key,
                      json_is_real(v) ? "a fraction" : im_json_type_name(v));
        return false;
    }
    return true;
}

/* ---- a JSON object as a record's fields ----------------------------- */

/* "%lld" without printf (a record has several whole numbers). */
static const char *integer_text(long long n, char *buf, size_t size)
{
    char tmp[24];
    size_t k = 0;
    unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    do
        tmp[k++] = (char)('0' + u % 10);
    while ((u /= 10) && k < sizeof tmp);
    if (n < 0)
        tmp[k++] = '-';
    if (k + 1 > size)
        k = size - 1;
    for (size_t i = 0; i < k; i++)
        buf[i] = tmp[k - 1 - i];
    buf[k] = '\0';
    return buf;
}

void im_json_member_of(const char *key, json_t *val, im_jmember *m)
{
    m->key = key;
    m->type = (unsigned char)json_typeof(val);
    m->str = NULL;
    m->len = 0;
    m->num = 0;
    m->inum = 0;
    if (json_is_string(val)) {
        m->str = json_string_value(val);
        m->len = json_string_length(val);
    } else if (json_is_integer(val)) {
        m->inum = (long long)json_integer_value(val);
        m->num = (double)m->inum;
    } else if (json_is_real(val)) {
        m->num = json_real_value(val);
    }
}

const char *im_jmember_text(const im_jmember *m, char *buf, size_t size)
{
    switch (m->type) {
    case JSON_STRING:
        return m->str;
    case JSON_INTEGER:
        return integer_text(m->inum, buf, size);
    case JSON_REAL:
        /* The shortest text that reads back as the same double. */
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(buf, size, "%.*g", prec, m->num);
            if (strtod(buf, NULL) == m->num)
                break;
        }
        return buf;
    default:
        return NULL;
    }
}

const char *im_json_scalar_text(json_t *v, char *buf, size_t size)
{
    im_jmember m;
    im_json_member_of("", v, &m);
    return im_jmember_text(&m, buf, size);
}

const im_jmember *im_json_members(json_t *obj, im_jmember *stack, size_t cap,
                                  im_jmember **heap, size_t *n)
{
    *heap = NULL;
    *n = 0;
    size_t count = json_object_size(obj);
    im_jmember *m = stack;
    if (count > cap && !(m = *heap = malloc(count * sizeof *m)))
        return NULL;
    const char *key;
    json_t *val;
    json_object_foreach(obj, key, val) im_json_member_of(key, val, &m[(*n)++]);
    return m;
}

im_status im_json_values_fill(im_load *ld, size_t index, json_t *obj,
                              const char *label_prefix, im_json_values *jv)
{
    memset(jv, 0, sizeof *jv);
    if (!json_is_object(obj))
        return IM_OK;
    im_jmember stack[64], *heap;
    size_t n;
    const im_jmember *m = im_json_members(obj, stack, 64, &heap, &n);
    if (!m)
        return im_fail(ld->ctx, IM_ERR_NOMEM, "out of memory");
    im_json_members_fill(ld, index, m, n, label_prefix, jv);
    free(heap);
    return IM_OK;
}

void im_json_members_fill(im_load *ld, size_t index, const im_jmember *m, size_t n,
                          const char *label_prefix, im_json_values *jv)
{
    im_context *ctx = ld->ctx;
    memset(jv, 0, sizeof *jv);
    if (!ld->preset_set) {
        const char *names[256];
        size_t k = 0;
        for (size_t i = 0; i < n && k < 256; i++)
            names[k++] = m[i].key;
        im_load_set_preset(ld, names, k);
        ld->preset_set = true;
    }
    int best[IM_FIELD_COUNT];
    const im_jmember *fv[IM_FIELD_COUNT] = {0};
    for (int f = 0; f < IM_FIELD_COUNT; f++)
        best[f] = 1000;
    size_t next = 0; /* records repeat one order: look after the last match first */
    for (size_t i = 0; i < n; i++) {
        const char *key = m[i].key;
        bool null = m[i].type == JSON_NULL;
        int rank = 0, f = -1;
        size_t k = ld->n_keys;
        for (size_t t = 0; t < ld->n_keys; t++) {
            size_t c = next + t < ld->n_keys ? next + t : next + t - ld->n_keys;
            if (strcmp(ld->keys[c].key, key) == 0) {
                k = c;
                break;
            }
        }
        if (k < ld->n_keys) {
            next = k + 1;
            f = ld->keys[k].field, rank = ld->keys[k].rank;
        } else {
            f = im_field_match(ctx, ld->preset, key, true, &rank);
            if (ld->n_keys < sizeof ld->keys / sizeof ld->keys[0] &&
                strlen(key) < sizeof ld->keys[0].key) {
                strcpy(ld->keys[ld->n_keys].key, key);
                ld->keys[ld->n_keys].field = (short)f;
                ld->keys[ld->n_keys].rank = (short)rank;
                ld->n_keys++;
            }
        }
        if (f >= 0 && rank < best[f] && !null) {
            best[f] = rank;
            fv[f] = &m[i];
            /* "%s%.40s" without printf */
            size_t pl = strlen(label_prefix), kl = strnlen(key, 40);
            if (pl > sizeof jv->label[f] - 41)
                pl = sizeof jv->label[f] - 41;
            memcpy(jv->label[f], label_prefix, pl);
            memcpy(jv->label[f] + pl, key, kl);
            jv->label[f][pl + kl] = '\0';
        }
        for (int e = IM_F_CATEGORY; e < IM_FIELD_COUNT; e++) /* --color-by, --size-by */
            if (!null && im_field_named(ctx, (im_field)e, key)) {
                fv[e] = &m[i];
                snprintf(jv->label[e], sizeof jv->label[e], "%s%.40s", label_prefix, key);
            }
    }
    const char *id = NULL;
    for (int f = 0; f < IM_FIELD_COUNT; f++) {
        if (!fv[f])
            continue;
        im_values *v = &jv->v;
        v->label[f] = jv->label[f];
        const char *t;
        int type = fv[f]->type;
        if (type == JSON_REAL && (f == IM_F_LAT || f == IM_F_LON || f == IM_F_UNCERTAINTY)) {
            /* Used only as numbers (num below; messages print the number):
             * the text just says the field is there, and printing a double
             * per coordinate cost more than decoding it. */
            t = "(number)";
        } else {
            t = im_jmember_text(fv[f], jv->num[f], sizeof jv->num[f]);
        }
        if (type == JSON_INTEGER || type == JSON_REAL) {
            v->has_num[f] = true;
            v->num[f] = fv[f]->num;
        }
        if (!t) {
            im_load_error(ld, index, id, "%s: must be a string or a number, not %s",
                          jv->label[f], im_jmember_type_name(fv[f]));
            v->bad[f] = true;
        } else if (type == JSON_STRING && memchr(t, '\0', fv[f]->len)) {
            im_load_error(ld, index, id, "%s: contains a NUL character", jv->label[f]);
            v->bad[f] = true;
        } else if (*t) {
            v->text[f] = t;
            if (f == IM_F_ID)
                id = t;
        }
    }
}
