/* pdf_stamps.c - stamped markers written straight into the PDF page.
 *
 * Cairo's PDF surface costs about 20 microseconds for every paint of a
 * stamp (recording, analysis, replay, clip bookkeeping, number printing),
 * 20 of the 24 CPU seconds of a 1,000,000-marker map. So a batch of one
 * style (vector_stamps.c) is painted by Cairo once, at its first position:
 * that makes the stamp's Form XObject, its resource entry and the page's
 * graphics state what they must be, at the batch's place in the drawing
 * order. When the document is written (pdf_compact.c), that one paint in
 * the page's content stream,
 *
 *     q\n1 0 0 1 X Y cm\n/a0 gs /x7 Do\nQ\n
 *
 * is found (the batches in order, each at its first position) and replaced
 * by the whole batch: the drawing's clip, the same graphics state, and one
 * "q 1 0 0 1 x y cm /x7 Do Q" a position, in hundredths of a point, in the
 * batch's order. The stamp is unbounded, so that Cairo's clip for its one
 * paint is the layer's whole clip, not one narrowed to that marker. */
#define _GNU_SOURCE /* memmem */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct batch {
    size_t at, n;       /* positions xy[2*at ..] */
    size_t clip, clip_len; /* the clip's text in clips */
} batch;

struct im_pdf_stamps {
    int64_t *xy;
    size_t n_xy, cap_xy; /* positions (pairs) */
    batch *b;
    cairo_surface_t **stamps; /* one reference a batch */
    size_t n_b, cap_b;
    im_buf clips;
};

static const cairo_user_data_key_t stamps_key;

im_pdf_stamps *im_pdf_stamps_new(void)
{
    return calloc(1, sizeof(im_pdf_stamps));
}

void im_pdf_stamps_free(im_pdf_stamps *ps)
{
    if (!ps)
        return;
    /* Destroyed after the PDF surface: Cairo 1.16 snapshots a source
     * destroyed while the surface lives and never frees the snapshot. */
    for (size_t i = 0; i < ps->n_b; i++)
        cairo_surface_destroy(ps->stamps[i]);
    free(ps->stamps);
    free(ps->xy);
    free(ps->b);
    im_buf_free(&ps->clips);
    free(ps);
}

bool im_pdf_stamps_attach(cairo_surface_t *surface, im_pdf_stamps *ps)
{
    return cairo_surface_set_user_data(surface, &stamps_key, ps, NULL) == CAIRO_STATUS_SUCCESS;
}

im_pdf_stamps *im_pdf_stamps_of(cairo_t *cr)
{
    /* The page itself: inside a group the paint would go to the group's
     * own stream. */
    return cr ? cairo_surface_get_user_data(cairo_get_group_target(cr), &stamps_key) : NULL;
}

size_t im_pdf_stamps_count(const im_pdf_stamps *ps)
{
    return ps ? ps->n_b : 0;
}

bool im_pdf_stamps_add(im_pdf_stamps *ps, const int64_t *xy, size_t n, const char *clip,
                       cairo_surface_t *stamp)
{
    if (n == 0)
        return true;
    if (ps->n_b == ps->cap_b) {
        size_t cap = ps->cap_b ? 2 * ps->cap_b : 64;
        batch *v = im_realloc_array(ps->b, cap, sizeof *v);
        if (!v)
            return false;
        ps->b = v;
        cairo_surface_t **w = im_realloc_array(ps->stamps, cap, sizeof *w);
        if (!w)
            return false;
        ps->stamps = w, ps->cap_b = cap;
    }
    if (ps->n_xy + n > ps->cap_xy) {
        size_t cap = ps->cap_xy ? 2 * ps->cap_xy : 4096;
        while (cap < ps->n_xy + n)
            cap *= 2;
        int64_t *v = im_realloc_array(ps->xy, cap, 2 * sizeof *v);
        if (!v)
            return false;
        ps->xy = v, ps->cap_xy = cap;
    }
    size_t cl = strlen(clip), at = ps->clips.len;
    if (im_buf_append(&ps->clips, clip, cl) != IM_OK)
        return false;
    memcpy(ps->xy + 2 * ps->n_xy, xy, n * 2 * sizeof *xy);
    ps->stamps[ps->n_b] = cairo_surface_reference(stamp);
    ps->b[ps->n_b++] = (batch){ps->n_xy, n, at, cl};
    ps->n_xy += n;
    return true;
}

/* A decimal number ("-12.5", "3") at s, before end: its value in
 * hundredths when it has at most two decimals and p moved past it. */
static bool centi_at(const char **p, const char *end, int64_t *v)
{
    const char *s = *p;
    bool neg = s < end && *s == '-';
    s += neg;
    int64_t whole = 0, frac = 0;
    int nd = 0, nf = 0;
    while (s < end && *s >= '0' && *s <= '9' && nd < 15)
        whole = whole * 10 + (*s++ - '0'), nd++;
    if (s < end && *s == '.') {
        s++;
        while (s < end && *s >= '0' && *s <= '9') {
            if (nf < 2)
                frac = frac * 10 + (*s - '0');
            else if (*s != '0')
                return false; /* not ours: more than two decimals */
            nf++, s++;
        }
    }
    if (nd == 0 && nf == 0)
        return false;
    for (int k = nf; k < 2; k++)
        frac *= 10;
    *v = (whole * 100 + frac) * (neg ? -1 : 1);
    *p = s;
    return true;
}

/* The paint of batch (x, y) in c at or after from: "q\n1 0 0 1 X Y cm\n"
 * [gs " "] name " Do\nQ\n", its span [*a, *b), the name and the
 * graphics-state operand (may be empty) as spans. */
typedef struct span { const char *s; size_t n; } span;

static bool find_paint(const char *c, size_t cl, size_t from, int64_t x, int64_t y, size_t *a,
                       size_t *b, span *name, span *gs)
{
    static const char head[] = "q\n1 0 0 1 ";
    const char *end = c + cl, *p = c + from;
    while ((p = end - p >= (ptrdiff_t)sizeof head ? memmem(p, (size_t)(end - p), head,
                                                          sizeof head - 1) : NULL)) {
        const char *q = p + sizeof head - 1;
        int64_t px, py;
        p++;
        if (!centi_at(&q, end, &px) || q >= end || *q++ != ' ' || !centi_at(&q, end, &py) ||
            px != x || py != y || end - q < 4 || memcmp(q, " cm\n", 4) != 0)
            continue;
        q += 4;
        const char *line = q, *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl || end - nl < 3 || memcmp(nl, "\nQ\n", 3) != 0 || nl - line < 5 ||
            memcmp(nl - 3, " Do", 3) != 0)
            continue;
        /* "/x7" or "/a0 gs /x7" */
        const char *nm = nl - 3;
        while (nm > line && nm[-1] != ' ')
            nm--;
        if (*nm != '/')
            continue;
        *name = (span){nm, (size_t)(nl - 3 - nm)};
        *gs = (span){line, nm > line ? (size_t)(nm - line) : 0};
        if (gs->n && (gs->n < 5 || memcmp(nm - 4, " gs ", 4) != 0))
            continue;
        *a = (size_t)(p - 1 - c);
        *b = (size_t)(nl + 3 - c);
        return true;
    }
    return false;
}

size_t im_centi_text(char *out, int64_t v)
{
    char tmp[32];
    size_t n = 0;
    bool neg = v < 0;
    uint64_t u = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    unsigned frac = (unsigned)(u % 100);
    u /= 100;
    if (frac) {
        if (frac % 10)
            tmp[n++] = (char)('0' + frac % 10);
        tmp[n++] = (char)('0' + frac / 10);
        tmp[n++] = '.';
    }
    do
        tmp[n++] = (char)('0' + u % 10);
    while (u /= 10);
    if (neg)
        tmp[n++] = '-';
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

static im_status inflate_all(const char *z, size_t zl, im_buf *out)
{
    z_stream s = {0};
    if (inflateInit(&s) != Z_OK)
        return IM_ERR_NOMEM;
    s.next_in = (Bytef *)(uintptr_t)z;
    s.avail_in = (uInt)zl;
    int r = Z_OK;
    while (r == Z_OK) {
        size_t want = zl * 4 + 65536;
        im_status st = im_buf_reserve(out, want);
        if (st != IM_OK) {
            inflateEnd(&s);
            return st;
        }
        size_t room = out->cap - out->len - 1;
        room = room > 1u << 30 ? 1u << 30 : room;
        s.next_out = (Bytef *)out->data + out->len;
        s.avail_out = (uInt)room;
        r = inflate(&s, Z_NO_FLUSH);
        out->len += room - s.avail_out;
        if (r == Z_BUF_ERROR && s.avail_in == 0)
            break; /* truncated */
        if (r == Z_BUF_ERROR)
            r = Z_OK; /* full: more room */
    }
    inflateEnd(&s);
    return r == Z_STREAM_END ? IM_OK : IM_ERR_ENCODE;
}

/* The page's content stream after the splice is never made whole (38 MB at
 * 1,000,000 markers, written on one core): it is a list of segments, the
 * bytes of Cairo's stream and of the batches' clips as they are, and each
 * batch's positions, whose lines are written when the deflating threads
 * ask for their bytes (im_png_deflate's fill, on the CPUs). A batch's
 * lines are measured first, in groups of GROUP, so that a byte's line is
 * found from its group's start. */
#define GROUP 256

typedef struct seg {
    size_t start, len;   /* in the stream */
    const char *lit;     /* these bytes, or NULL: a batch's lines */
    const int64_t *xy;   /* the batch's positions, n of them */
    size_t n;
    span name;           /* the stamp's name ("/x7") */
    size_t *group;       /* where each group's first line starts, from start */
} seg;

typedef struct stream {
    seg *s;
    size_t n, cap, len;
} stream;

/* The next segment, at the stream's end (its length still 0). */
static seg *seg_push(stream *st)
{
    if (st->n == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 64;
        seg *v = im_realloc_array(st->s, cap, sizeof *v);
        if (!v)
            return NULL;
        st->s = v, st->cap = cap;
    }
    seg *sg = &st->s[st->n++];
    *sg = (seg){.start = st->len};
    return sg;
}

/* len bytes of lit, as they are. */
static bool lit_add(stream *st, const char *lit, size_t len)
{
    seg *sg = len ? seg_push(st) : NULL;
    if (sg) {
        sg->lit = lit;
        sg->len = len;
        st->len += len;
    }
    return !len || sg;
}

/* The line that places a stamp: "q 1 0 0 1 X Y cm /x7 Do Q\n". */
static size_t stamp_line(char *line, int64_t x, int64_t y, span name)
{
    size_t len = 10;
    memcpy(line, "q 1 0 0 1 ", 10);
    len += im_centi_text(line + len, x);
    line[len++] = ' ';
    len += im_centi_text(line + len, y);
    memcpy(line + len, " cm ", 4);
    len += 4;
    memcpy(line + len, name.s, name.n);
    len += name.n;
    memcpy(line + len, " Do Q\n", 6);
    return len + 6;
}

/* A batch's n positions xy stamped with name: its lines measured, each
 * group's start kept. */
static bool batch_add(stream *st, const int64_t *xy, size_t n, span name)
{
    seg *sg = seg_push(st);
    size_t groups = (n + GROUP - 1) / GROUP;
    if (!sg || !(sg->group = malloc((groups ? groups : 1) * sizeof *sg->group)))
        return false;
    sg->xy = xy;
    sg->n = n;
    sg->name = name;
    char line[128];
    for (size_t k = 0; k < n; k++) {
        if (k % GROUP == 0)
            sg->group[k / GROUP] = sg->len;
        sg->len += stamp_line(line, xy[2 * k], xy[2 * k + 1], name);
    }
    st->len += sg->len;
    return true;
}

/* im_png_deflate's fill: the stream's bytes [off, off + len). */
static bool fill_stream(void *arg, size_t off, size_t len, unsigned char *dst)
{
    const stream *st = arg;
    size_t lo = 0, hi = st->n; /* the last segment starting at or before off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (st->s[mid].start <= off)
            lo = mid;
        else
            hi = mid;
    }
    for (size_t i = lo; len > 0; i++) {
        if (i >= st->n)
            return false;
        const seg *sg = &st->s[i];
        size_t rel = off - sg->start, take = sg->len - rel < len ? sg->len - rel : len;
        if (sg->lit) {
            memcpy(dst, sg->lit + rel, take);
        } else {
            size_t g0 = 0, g1 = (sg->n + GROUP - 1) / GROUP; /* the group holding rel */
            while (g1 - g0 > 1) {
                size_t mid = (g0 + g1) / 2;
                if (sg->group[mid] <= rel)
                    g0 = mid;
                else
                    g1 = mid;
            }
            size_t at = sg->group[g0], done = 0;
            char line[128];
            for (size_t k = g0 * GROUP; k < sg->n && done < take; k++) {
                size_t ll = stamp_line(line, sg->xy[2 * k], sg->xy[2 * k + 1], sg->name);
                if (at + ll > rel + done) { /* this line holds the next byte wanted */
                    size_t from = rel + done - at, n = ll - from;
                    if (n > take - done)
                        n = take - done;
                    memcpy(dst + done, line + from, n);
                    done += n;
                }
                at += ll;
            }
            if (done != take)
                return false;
        }
        dst += take;
        off += take;
        len -= take;
    }
    return true;
}

static void stream_free(stream *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->s[i].group);
    free(st->s);
}

im_status im_pdf_stamps_splice(im_context *ctx, const im_pdf_stamps *ps, const char *z,
                               size_t zl, unsigned char **out, size_t *out_len, const char *path)
{
    im_buf c = {0};
    stream sm = {0};
    *out = NULL;
    im_status st = inflate_all(z, zl, &c);
    if (st != IM_OK) {
        im_buf_free(&c);
        return im_fail(ctx, st, "%s: cannot read back the PDF page's drawing", path);
    }
    size_t pos = 0;
    bool logged = false;
    for (size_t j = 0; j < ps->n_b && st == IM_OK; j++) {
        const batch *bt = &ps->b[j];
        const int64_t *xy = ps->xy + 2 * bt->at;
        size_t a, b;
        span name, gs;
        if (!find_paint(c.data, c.len, pos, xy[0], xy[1], &a, &b, &name, &gs)) {
            st = im_fail(ctx, IM_ERR_ENCODE, "%s: marker batch %zu of %zu not found in the "
                         "PDF page Cairo wrote", path, j + 1, ps->n_b);
            logged = true;
            break;
        }
        /* The batch in a q..Q of its own: its clip, the paint's graphics
         * state, each position. */
        bool ok = lit_add(&sm, c.data + pos, a - pos) && lit_add(&sm, "q\n", 2) &&
                  lit_add(&sm, ps->clips.data + bt->clip, bt->clip_len) &&
                  (!gs.n || (lit_add(&sm, gs.s, gs.n - 1) && lit_add(&sm, "\n", 1))) &&
                  batch_add(&sm, xy, bt->n, name) && lit_add(&sm, "Q\n", 2);
        if (!ok)
            st = IM_ERR_NOMEM;
        pos = b;
    }
    if (st == IM_OK && !lit_add(&sm, c.data + pos, c.len - pos))
        st = IM_ERR_NOMEM;
    /* deflated on the CPUs, in the pieces PNG data is (png_deflate.c): a
     * zlib stream like compress2's at zlib's default level, as big within
     * a few bytes per megabyte, the same bytes on any number of threads */
    if (st == IM_OK)
        st = im_png_deflate(fill_stream, &sm, sm.len, 6, out, out_len);
    stream_free(&sm);
    im_buf_free(&c);
    if (st != IM_OK && !logged)
        st = st == IM_ERR_ENCODE ? im_fail(ctx, st, "%s: cannot write the PDF page", path)
                                 : im_fail(ctx, st, "out of memory");
    return st;
}
