/* json_parallel.c - decoding the elements of a big JSON array on all cores.
 *
 * The readers walk the records array one element at a time (json_walk.c):
 * jansson decodes an element, the reader turns it into a record. Decoding
 * is most of that time and needs nothing but the bytes, so while the
 * reader (the "consumer", the thread that called im_jw_array) works
 * through the records in file order, worker threads decode the elements
 * ahead of it:
 *
 * - The array is cut into blocks of whole elements by a quick scan that
 *   knows strings, escapes and nesting (nothing else: it does not check the
 *   syntax). Blocks are cut in order, one at a time, by whichever thread
 *   claims the next one (ring.c's ordered ring); at most IM_RING_SLOTS
 *   blocks are in flight, so memory holds a bounded number of decoded
 *   trees whatever the file's size.
 * - Each element of a block is decoded on its own with jansson, with the
 *   same flags as the serial walk; a worker touches no context, load or
 *   set: it only fills its block's slots.
 * - The consumer takes the values in file order. The walk around them
 *   (separators, positions, limits, messages, ids, duplicates) is the
 *   serial walk's code, unchanged. An element the workers did not decode
 *   (jansson failed on it, or it is too big to decode ahead) is decoded
 *   again by the consumer, in place, by the serial code, which gives the
 *   exact message the serial walk gives. When the scan meets something it
 *   does not understand (end of input, an empty element, a bracket too
 *   many), the blocks stop there and the walk goes on serially.
 *
 * Flat records: an element that is an object whose members are all
 * scalars (a record of incmap's JSON, ACLED's or UCDP's API) is not
 * handed over as a tree when the walk asks for it (im_jpool_start's flat):
 * the worker copies its members (keys, strings, numbers) into the block's
 * own two arrays and frees the tree itself, at once, while it is still in
 * its cache. The reader then reads a few contiguous cache lines per record
 * instead of twenty small blocks that another core allocated, and no tree
 * is freed by a thread other than the one whose allocator made it. Trees
 * handed over were what made decoding ahead cost twice the CPU time and
 * save no wall time (1,000,000 records on 2 cores: 9.6 s of CPU, 6.1 s
 * wall, against 4.5 s and 5.2 s serially); flat, the same load takes 2.5 s
 * wall for 3.8 s of CPU, against 4.0 s and 4.0 s (tests/bench/README.md).
 *
 * Flat features: GeoJSON's point Features (IM_JFLAT_FEATURES) are nested,
 * but what the reader takes from one is as flat: the properties' members,
 * the id, the type and the Point's two numbers. The worker copies those
 * the same way (the properties as members, the rest in an im_jfeature)
 * and checks what makes one: type "Feature", a Point geometry of numbers,
 * properties absent, null or an object of scalars, an id absent, null, a
 * string or a number. Any other Feature (a MultiPoint, a line, one the
 * reader will reject) comes as its tree, and the reader's code for trees
 * gives its records and messages. 1,000,000 point features: 5.5 s on one
 * thread, 2.5 s on two this way.
 *
 * Threads: INCMAP_THREADS=N decodes on N threads (0: the CPUs, at most
 * 8; 1: serially). By default an array of flat-capable records or
 * features is decoded on the CPUs this process may run on (its affinity
 * mask, which Slurm, taskset and container CPU sets narrow), at most 4:
 * past that the reader is the bottleneck. Other arrays stay serial by
 * default, as their trees would be handed over; and when, after
 * TREES_AFTER elements, most came as trees (a GeoJSON of lines), the
 * walk goes on serially.
 */
#include "im_private.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MAX_ELEMS 1024         /* elements in a block at most */
#define BLOCK_BYTES_DEFAULT (32 * 1024)
#define MIN_ARRAY_BYTES (1024 * 1024) /* smaller arrays are walked serially */
#define BIG_ELEMENT (1024 * 1024)    /* bigger elements are left to the consumer (limits) */
#define DEFAULT_THREADS 4            /* when INCMAP_THREADS is not set */
#define TREES_AFTER 4096             /* elements taken before the pool may give up */

typedef struct slot {
    size_t n;     /* elements */
    size_t nv;    /* v[0..nv) may hold values from the slot's last use */
    size_t start[BLOCK_MAX_ELEMS];
    size_t end[BLOCK_MAX_ELEMS];   /* after the decoded value, from jansson */
    unsigned levels[BLOCK_MAX_ELEMS]; /* its nesting levels (im_jw_depth_ok) */
    /* NULL: not decoded, the consumer decodes it. The values stay here
     * after the consumer has read them (it borrows them) and are freed by
     * the thread that decodes the slot's next block: a tree is freed by
     * the thread whose allocator made it, mostly (glibc's malloc is slow
     * when one thread frees what another allocated: measured, twice the
     * CPU time). */
    json_t *v[BLOCK_MAX_ELEMS];
    /* Flat records (the pool's flat option: objects of scalars): element k
     * is fmem[first[k] .. first[k] + count[k]) when isflat[k]; its tree
     * was freed by the thread that built it, right after the copy. The
     * members' strings are in text, which holds as many bytes as the
     * block's JSON (a decoded string and its NUL never take more than its
     * quoted JSON), so it is sized once per block and never moves while
     * the block is decoded. */
    size_t bytes; /* the block's JSON, from its first element's start */
    unsigned char isflat[BLOCK_MAX_ELEMS];
    size_t first[BLOCK_MAX_ELEMS];
    size_t count[BLOCK_MAX_ELEMS];
    im_jfeature feat[BLOCK_MAX_ELEMS]; /* a flat feature's (IM_JFLAT_FEATURES) */
    im_jmember *fmem;
    size_t fmem_n, fmem_cap;
    char *text;
    size_t text_n, text_cap;
} slot;

struct im_jpool {
    const char *data;
    size_t size;
    size_t block_bytes;
    im_jflat flat;        /* what is handed over as members (im_private.h) */
    uint64_t max_points;  /* the context's limit, copied: workers read no context */
    size_t scan_pos;      /* where the next block starts (the ring's lock) */
    bool last;            /* the scan met the array's end, or what it cannot read */
    slot *slots;          /* IM_RING_SLOTS of them */
    im_ring *ring;        /* ring.c: the blocks cut, decoded and taken in order */
    /* consumer's side, touched by the consumer only */
    slot *cur;
    size_t cur_i;
    bool off;             /* stopped taking values: the walk is serial from here */
    size_t taken, trees;  /* elements taken, and of those handed over as trees */
};

static bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The bytes the scan stops at outside strings. */
static const unsigned char structural[256] = {
    ['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1, [','] = 1,
};

/* The bytes a string's scan stops at. */
static const unsigned char in_string[256] = {['"'] = 1, ['\\'] = 1};

/* The end of the element at data[i] (the ',' or ']' after it, at depth 0,
 * outside strings), or (size_t)-1 when the scan cannot tell. */
static size_t element_end(const char *data, size_t size, size_t i)
{
    size_t depth = 0, begin = i;
    for (;;) {
        while (i < size && !structural[(unsigned char)data[i]])
            i++;
        if (i >= size)
            return (size_t)-1;
        char c = data[i];
        if (c == '"') {
            /* on to the closing quote, stepping over escapes (strings are
             * short: a loop beats a memchr call per string) */
            for (i++;; i += 2) { /* i += 2: a backslash and the byte it escapes */
                while (i < size && !in_string[(unsigned char)data[i]])
                    i++;
                if (i >= size)
                    return (size_t)-1;
                if (data[i] == '"')
                    break;
            }
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return c == ']' && i > begin ? i : (size_t)-1;
            depth--;
        } else if (depth == 0) { /* ',' */
            return i > begin ? i : (size_t)-1;
        }
        i++;
    }
}

/* Cut the next block into its slot (im_ring_cut_fn, the lock is held). */
static int cut_block(void *user, size_t k)
{
    im_jpool *p = user;
    slot *s = &p->slots[k];
    size_t pos = p->scan_pos, n = 0;
    while (n < BLOCK_MAX_ELEMS && !p->last) {
        size_t e = element_end(p->data, p->size, pos);
        if (e == (size_t)-1) {
            p->last = true;
            break;
        }
        size_t last = e; /* the element without the white space before e */
        while (last > pos && is_ws(p->data[last - 1]))
            last--;
        s->start[n] = pos;
        /* a big element is left to the consumer (its limits are checked
         * before it is decoded) */
        s->end[n] = last - pos > BIG_ELEMENT ? (size_t)-1 : last;
        s->bytes = last - s->start[0];
        n++;
        if (p->data[e] == ']') {
            p->last = true;
            break;
        }
        pos = e + 1;
        while (pos < p->size && is_ws(p->data[pos]))
            pos++;
        if (pos - s->start[0] >= p->block_bytes)
            break;
    }
    p->scan_pos = pos;
    if (n == 0)
        return IM_RING_NONE;
    s->n = n;
    return p->last ? IM_RING_LAST : IM_RING_CUT;
}

/* Nesting levels of a value: 1 for a scalar or an empty container. */
static unsigned levels(json_t *v)
{
    unsigned deepest = 0;
    if (json_is_object(v)) {
        const char *k;
        json_t *c;
        json_object_foreach(v, k, c) {
            unsigned l = levels(c);
            deepest = l > deepest ? l : deepest;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *c;
        json_array_foreach(v, i, c) {
            unsigned l = levels(c);
            deepest = l > deepest ? l : deepest;
        }
    }
    return 1 + deepest;
}

/* Whether v is an object whose members are all scalars. */
static bool flat_object(json_t *v)
{
    if (!json_is_object(v))
        return false;
    const char *k;
    json_t *c;
    json_object_foreach(v, k, c) if (json_is_object(c) || json_is_array(c)) return false;
    return true;
}

/* Copy n bytes and a NUL into the block's text (sized in decode_block). */
static const char *text_copy(slot *s, const char *src, size_t n)
{
    char *d = s->text + s->text_n;
    memcpy(d, src, n);
    d[n] = '\0';
    s->text_n += n + 1;
    return d;
}

/* Element k's object of scalars v (NULL: none) as members. False on OOM
 * (the element is then handed over as its tree). */
static bool flatten(slot *s, size_t k, json_t *v)
{
    size_t n = v ? json_object_size(v) : 0;
    if (!s->fmem || s->fmem_n + n > s->fmem_cap) { /* fmem is never NULL for a flat one */
        size_t cap = s->fmem_cap ? s->fmem_cap * 2 : 4096;
        while (cap < s->fmem_n + n)
            cap *= 2;
        im_jmember *m = realloc(s->fmem, cap * sizeof *m);
        if (!m)
            return false;
        s->fmem = m;
        s->fmem_cap = cap;
    }
    s->first[k] = s->fmem_n;
    s->count[k] = n;
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val) { /* copied out of the tree, which is freed next */
        im_jmember *m = &s->fmem[s->fmem_n++];
        im_json_member_of(key, val, m);
        m->key = text_copy(s, key, strlen(key));
        if (m->type == JSON_STRING)
            m->str = text_copy(s, m->str, m->len);
    }
    s->isflat[k] = 1;
    return true;
}

/* Element k as a flat feature (see im_jflat), when it is one: its
 * properties' members through flatten, the rest in s->feat[k]. */
static bool flatten_feature(slot *s, size_t k, json_t *v)
{
    json_t *type = json_object_get(v, "type");
    if (!json_is_string(type) || strcmp(json_string_value(type), "Feature") != 0)
        return false;
    json_t *props = json_object_get(v, "properties");
    if (json_is_null(props))
        props = NULL;
    if (props && !flat_object(props))
        return false;
    json_t *geom = json_object_get(v, "geometry");
    json_t *gtype = json_object_get(geom, "type"); /* NULL when geom is not an object */
    if (!json_is_string(gtype) || strcmp(json_string_value(gtype), "Point") != 0)
        return false;
    json_t *c = json_object_get(geom, "coordinates");
    json_t *x = json_array_get(c, 0), *y = json_array_get(c, 1);
    if (!json_is_number(x) || !json_is_number(y))
        return false;
    json_t *id = json_object_get(v, "id");
    im_jfeature *f = &s->feat[k];
    memset(f, 0, sizeof *f);
    f->id.type = JSON_NULL;
    if (id && !json_is_null(id)) {
        if (!json_is_string(id) && !json_is_number(id))
            return false; /* the reader's message */
        im_json_member_of("id", id, &f->id);
    }
    f->lon = json_number_value(x);
    f->lat = json_number_value(y);
    f->props = props != NULL;
    size_t text_n = s->text_n;
    if (f->id.type == JSON_STRING)
        f->id.str = text_copy(s, f->id.str, f->id.len);
    if (!flatten(s, k, props)) {
        s->text_n = text_n;
        return false;
    }
    return true;
}

/* Decode the block in its slot (im_ring_work_fn). */
static void decode_block(void *user, size_t k)
{
    im_jpool *p = user;
    slot *s = &p->slots[k];
    im_jflat flat = p->flat;
    s->fmem_n = s->text_n = 0;
    if (flat && s->text_cap < s->bytes + 1) {
        char *t = realloc(s->text, s->bytes + 1);
        if (t) {
            s->text = t;
            s->text_cap = s->bytes + 1;
        } else {
            flat = IM_JFLAT_NONE; /* trees then */
        }
    }
    /* The slot's last block is freed one tree before each decode: the
     * allocator hands the same chunks straight back (its per-thread cache),
     * as in the serial walk, where each tree is freed before the next. */
    for (size_t k = s->n; k < s->nv; k++) {
        json_decref(s->v[k]);
        s->v[k] = NULL;
    }
    s->nv = s->n;
    for (size_t k = 0; k < s->n; k++) {
        json_decref(s->v[k]);
        s->v[k] = NULL;
        s->isflat[k] = 0;
        if (s->end[k] == (size_t)-1)
            continue;
        json_error_t err;
        size_t at = s->start[k];
        /* A position takes 3 bytes at least ("[0]"), so an element shorter
         * than 3 * max_points (the scan's length) cannot hold too many. */
        if (p->max_points && (s->end[k] - at) / 3 >= p->max_points &&
            im_json_count_positions(p->data, p->size, at, p->max_points) > p->max_points) {
            s->end[k] = (size_t)-1; /* the consumer refuses it, with the message */
            continue;
        }
        json_t *v = json_loadb(p->data + at, p->size - at,
                               JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES,
                               &err);
        s->v[k] = v;
        s->end[k] = v ? at + err.position : (size_t)-1;
        bool fo = v && flat_object(v);
        s->levels[k] = !v ? 0 : fo ? (json_object_size(v) ? 2 : 1) : levels(v);
        bool room = s->text_n + err.position <= s->text_cap;
        if (room && ((flat == IM_JFLAT_RECORDS && fo && flatten(s, k, v)) ||
                     (flat == IM_JFLAT_FEATURES && json_is_object(v) &&
                      flatten_feature(s, k, v)))) {
            json_decref(v); /* here, by the thread that built it, while it is in cache */
            s->v[k] = NULL;
        }
    }
}

/* The number of threads to decode with: INCMAP_THREADS, else the CPUs up
 * to DEFAULT_THREADS for flat records or features and 1 otherwise (see
 * the top of this file); ring.c takes at most 8. */
static int thread_count(im_jflat flat)
{
    return im_env_threads() >= 0 || flat != IM_JFLAT_NONE ? im_helper_threads(DEFAULT_THREADS)
                                                          : 1;
}

im_jpool *im_jpool_start(im_context *ctx, const char *data, size_t size, size_t pos,
                         im_jflat flat)
{
    int threads = thread_count(flat);
    if (threads < 2)
        return NULL;
    size_t min = MIN_ARRAY_BYTES, block = im_parse_block_bytes(BLOCK_BYTES_DEFAULT, &min);
    if (size - pos < min)
        return NULL;
    im_jpool *p = calloc(1, sizeof *p);
    slot *slots = calloc(IM_RING_SLOTS, sizeof *slots);
    if (!p || !slots) {
        free(p);
        free(slots);
        return NULL; /* serial then: slower, not wrong */
    }
    p->data = data;
    p->size = size;
    p->block_bytes = block;
    p->flat = flat;
    p->max_points = ctx->limits.max_points;
    p->slots = slots;
    p->scan_pos = pos;
    /* jansson seeds its hash function on the first object; do it here, in
     * one thread, before the workers start. */
    json_decref(json_object());
    /* the workers decode jansson's numbers in the context's C locale */
    if (!(p->ring = im_ring_start(threads, cut_block, decode_block, p, ctx->c_locale))) {
        free(slots);
        free(p);
        return NULL;
    }
    return p;
}

/* The next block in order, decoded (by the consumer itself when no worker
 * has cut it yet). False when there are no more blocks. */
static bool next_block(im_jpool *p)
{
    int k = im_ring_next(p->ring);
    p->cur = k < 0 ? NULL : &p->slots[k];
    p->cur_i = 0;
    return p->cur != NULL;
}

json_t *im_jpool_take(im_jpool *p, size_t pos, size_t *end, unsigned *levels_out,
                      const im_jmember **members, size_t *n_members, const im_jfeature **feat)
{
    *members = NULL;
    *n_members = 0;
    *feat = NULL;
    if (!p || p->off)
        return NULL;
    if ((!p->cur || p->cur_i == p->cur->n) && !next_block(p)) {
        p->off = true;
        return NULL;
    }
    slot *s = p->cur;
    if (s->start[p->cur_i] != pos) {
        /* the walk went elsewhere than the scan (it does not happen with
         * valid JSON): serial from here */
        p->off = true;
        return NULL;
    }
    size_t i = p->cur_i++;
    json_t *v = s->v[i];
    if (v || s->isflat[i]) {
        *end = s->end[i];
        *levels_out = s->levels[i];
    }
    if (!v && s->isflat[i]) {
        *members = s->fmem + s->first[i];
        *n_members = s->count[i];
        if (p->flat == IM_JFLAT_FEATURES)
            *feat = &s->feat[i];
    }
    /* Flat elements are what makes decoding ahead pay. When most come as
     * trees (GeoJSON lines and polygons, nested records), the reader's
     * core reading trees another core built costs more than the decoding
     * saves (tests/bench/README.md): serial from here. */
    p->taken++;
    p->trees += v != NULL;
    if (p->flat != IM_JFLAT_NONE && p->taken == TREES_AFTER && p->trees * 2 > p->taken)
        p->off = true;
    return v;
}

const im_jmember *im_jpool_peek(const im_jpool *p, size_t *n)
{
    *n = 0;
    if (!p || p->off || !p->cur || p->cur_i >= p->cur->n || !p->cur->isflat[p->cur_i])
        return NULL;
    *n = p->cur->count[p->cur_i];
    return p->cur->fmem + p->cur->first[p->cur_i];
}

void im_jpool_stop(im_jpool *p)
{
    if (!p)
        return;
    im_ring_stop(p->ring);
    for (size_t r = 0; r < IM_RING_SLOTS; r++) {
        for (size_t k = 0; k < p->slots[r].nv; k++)
            json_decref(p->slots[r].v[k]);
        free(p->slots[r].fmem);
        free(p->slots[r].text);
    }
    free(p->slots);
    free(p);
}
