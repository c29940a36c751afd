/* pdf_compact.c - Cairo's PDF written out without the repeats in its
 * resource dictionaries.
 *
 * Cairo 1.16 appends an XObject to a page's (or group's) /XObject resource
 * dictionary each time it is painted, so a stamp painted at 1,000,000
 * places is listed 1,000,000 times (" /x7 7 0 R", 12 MB of a 20 MB map).
 * Here each name is kept once and the cross-reference table and startxref
 * are written with the offsets the shorter file has. Only the dictionaries
 * of objects located through the xref table are edited, never stream data;
 * a file whose xref is not the single classic table Cairo writes is
 * copied unchanged. */
#define _GNU_SOURCE /* memmem */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>

/* A run of bytes left out, [a, b), and the rep_len bytes of rep written
 * in their place (none for a cut). */
typedef struct cut {
    size_t a, b;
    const char *rep;
    size_t rep_len;
} cut;

typedef struct cuts {
    cut *v;
    size_t n, cap;
    bool failed;
} cuts;

static void edit_add(cuts *c, size_t a, size_t b, const char *rep, size_t rep_len)
{
    if (!rep_len && c->n && c->v[c->n - 1].b == a && !c->v[c->n - 1].rep_len) {
        /* joins the last run */
        c->v[c->n - 1].b = b;
        return;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        cut *v = im_realloc_array(c->v, cap, sizeof *v);
        if (!v) {
            c->failed = true;
            return;
        }
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = (cut){a, b, rep, rep_len};
}

static void cut_add(cuts *c, size_t a, size_t b)
{
    edit_add(c, a, b, NULL, 0);
}

/* The first occurrence of the n bytes of s in [p, end), or NULL. */
static const char *find(const char *p, const char *end, const char *s, size_t n)
{
    return end - p >= (ptrdiff_t)n ? memmem(p, (size_t)(end - p), s, n) : NULL;
}

/* An unsigned decimal of exactly w digits at p; -1 when not. */
static long long digits(const char *p, int w)
{
    long long v = 0;
    for (int i = 0; i < w; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

static int cmp_cut(const void *a, const void *b)
{
    const cut *x = a, *y = b;
    return x->a < y->a ? -1 : x->a > y->a;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The repeated " /name N 0 R" entries of the /XObject dictionaries in
 * [p, end) (one object's dictionary part), as cuts. */
static void dedupe_dicts(const char *base, const char *p, const char *end, cuts *c)
{
    static const char key[] = "/XObject <<";
    const char *hit;
    while ((hit = find(p, end, key, sizeof key - 1))) {
        const char *q = hit + sizeof key - 1;
        const char *close = find(q, end, ">>", 2);
        if (!close)
            return;
        /* Names seen in this dictionary, as their byte spans. */
        const char **seen = NULL;
        size_t n_seen = 0, cap_seen = 0, last = 0;
        while (q < close) {
            const char *e = q;
            if (*e != ' ')
                break;
            e++;
            const char *name = e;
            while (e < close && *e != ' ')
                e++;
            /* " N 0 R" */
            const char *r = e;
            while (r < close && *r != 'R')
                r++;
            if (r >= close)
                break;
            size_t nl = (size_t)(r + 1 - name);
            bool dup = false;
            if (n_seen && strncmp(seen[last], name, nl) == 0 && seen[last][nl - 1] == 'R')
                dup = true;
            for (size_t k = 0; !dup && k < n_seen; k++)
                if (strncmp(seen[k], name, nl) == 0 && seen[k][nl - 1] == 'R') {
                    dup = true;
                    last = k;
                }
            if (dup) {
                cut_add(c, (size_t)(q - base), (size_t)(r + 1 - base));
            } else {
                if (n_seen == cap_seen) {
                    size_t cap = cap_seen ? cap_seen * 2 : 16;
                    const char **v = im_realloc_array(seen, cap, sizeof *v);
                    if (!v) {
                        c->failed = true;
                        break;
                    }
                    seen = v;
                    cap_seen = cap;
                }
                last = n_seen;
                seen[n_seen++] = name;
            }
            q = r + 1;
        }
        free(seen);
        p = close + 2;
    }
}

/* The shift of offset o: bytes cut less bytes written in their place
 * before it (cuts ascending, none spanning o). */
static ptrdiff_t cut_before(const cuts *c, const ptrdiff_t *cum, size_t o)
{
    size_t lo = 0, hi = c->n; /* first cut starting at or after o */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (c->v[mid].a < o)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? cum[lo - 1] : 0;
}

/* A decimal at p (before end): its value, or -1. */
static long long number_at(const char *p, const char *end, const char **after)
{
    long long v = 0;
    const char *s = p;
    while (s < end && *s >= '0' && *s <= '9' && s - p < 15)
        v = v * 10 + (*s++ - '0');
    *after = s;
    return s > p ? v : -1;
}

/* The edits that splice the batches of ps into the page's content stream:
 * its data and its /Length (direct, or the object it refers to). The new
 * data in *z (the caller frees), the new length's text in lenbuf. */
static im_status stamp_edits(im_context *ctx, const char *d, const size_t *offs, size_t n,
                             const size_t *sorted, size_t n_used, const im_pdf_stamps *ps,
                             cuts *c, unsigned char **z, char *lenbuf, size_t lenbuf_size,
                             const char *path)
{
    const char *after;
    long long contents = -1;
    for (size_t k = 0; k < n_used && contents < 0; k++) {
        const char *o = d + sorted[k], *oe = d + sorted[k + 1];
        const char *t = find(o, oe, "/Type /Page", 11);
        if (!t || t + 11 >= oe || t[11] == 's')
            continue;
        const char *cn = find(o, oe, "/Contents ", 10);
        if (cn && (contents = number_at(cn + 10, oe, &after)) >= 0 &&
            (oe - after < 4 || memcmp(after, " 0 R", 4) != 0))
            contents = -1;
    }
    if (contents < 0 || (size_t)contents >= n || offs[contents] == SIZE_MAX)
        return im_fail(ctx, IM_ERR_ENCODE, "%s: the PDF page's drawing was not found", path);
    const char *o = d + offs[contents], *oe = NULL;
    for (size_t k = 0; k < n_used; k++)
        if (sorted[k] == offs[contents])
            oe = d + sorted[k + 1];
    const char *sd = oe ? find(o, oe, ">>\nstream\n", 10) : NULL;
    const char *ln = sd ? find(o, sd, "/Length ", 8) : NULL;
    long long len = -1, len_obj = -1;
    const char *num = NULL, *num_end = NULL;
    if (ln) {
        num = ln + 8;
        len = number_at(num, sd, &num_end);
        const char *r = num_end;
        if (len >= 0 && sd - r >= 4 && memcmp(r, " 0 R", 4) == 0) {
            len_obj = len, len = -1;
            if ((size_t)len_obj < n && offs[len_obj] != SIZE_MAX) {
                /* "N 0 obj\n   L\nendobj" */
                const char *lo = d + offs[len_obj], *le = lo + 64;
                const char *ob = find(lo, le, "obj", 3);
                num = ob ? ob + 3 : NULL;
                while (num && num < le && (*num == ' ' || *num == '\n' || *num == '\r'))
                    num++;
                len = num ? number_at(num, le, &num_end) : -1;
            }
        }
    }
    if (len < 0 || (size_t)len > (size_t)(oe - (sd + 10)))
        return im_fail(ctx, IM_ERR_ENCODE, "%s: the PDF page's drawing was not found", path);
    const char *data = sd + 10;
    size_t zl = 0;
    im_status st = im_pdf_stamps_splice(ctx, ps, data, (size_t)len, z, &zl, path);
    if (st != IM_OK)
        return st;
    int w = snprintf(lenbuf, lenbuf_size, "%zu", zl);
    edit_add(c, (size_t)(data - d), (size_t)(data + len - d), (const char *)*z, zl);
    edit_add(c, (size_t)(num - d), (size_t)(num_end - d), lenbuf, (size_t)w);
    if (c->failed)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    qsort(c->v, c->n, sizeof *c->v, cmp_cut);
    return IM_OK;
}

im_status im_pdf_write_stamped(im_context *ctx, const im_membuf *m, FILE *fp, const char *path,
                               const im_pdf_stamps *ps)
{
    const char *d = m->data, *end = m->data + m->len;
    size_t len = m->len;
    im_status st = IM_OK;
    cuts c = {0};
    size_t *offs = NULL, *sorted = NULL;
    ptrdiff_t *cum = NULL;
    unsigned char *z = NULL;
    char lenbuf[32];
    bool stamped = im_pdf_stamps_count(ps) > 0;
    /* startxref N, near the end */
    const char *sx = NULL;
    for (const char *p = len > 64 ? end - 64 : d; (p = find(p, end, "startxref", 9)); p++)
        sx = p;
    char *e = NULL;
    long long xref = sx ? strtoll(sx + 9, &e, 10) : -1;
    const char *x = xref > 0 && (size_t)xref < len ? d + xref : NULL;
    long long first = -1, count = -1;
    const char *ent = NULL;
    if (x && strncmp(x, "xref\n", 5) == 0) {
        first = strtoll(x + 5, &e, 10);
        if (*e == ' ')
            count = strtoll(e + 1, &e, 10);
        if (first == 0 && count > 0 && *e == '\n' && (size_t)(end - (e + 1)) >= (size_t)count * 20)
            ent = e + 1;
    }
    size_t n = ent ? (size_t)count : 0;
    bool plain = ent != NULL;
    if (plain && (!(offs = im_malloc_array(n, sizeof *offs)) ||
                  !(sorted = im_malloc_array(n + 1, sizeof *sorted))))
        plain = false, c.failed = true;
    size_t n_used = 0;
    for (size_t i = 0; plain && i < n; i++) {
        const char *r = ent + i * 20;
        long long o = digits(r, 10);
        offs[i] = SIZE_MAX;
        if (o < 0 || r[10] != ' ' || digits(r + 11, 5) < 0 || r[16] != ' ' ||
            (r[17] != 'n' && r[17] != 'f'))
            plain = false;
        else if (r[17] == 'n' && o >= xref)
            plain = false;
        else if (r[17] == 'n')
            offs[i] = (size_t)o, sorted[n_used++] = (size_t)o;
    }
    if (plain) {
        qsort(sorted, n_used, sizeof *sorted, cmp_size);
        sorted[n_used] = (size_t)xref;
        for (size_t k = 0; k < n_used && !c.failed; k++) {
            const char *o = d + sorted[k], *oe = d + sorted[k + 1];
            const char *s = find(o, oe, ">>\nstream", 9); /* not into stream data */
            dedupe_dicts(d, o, s ? s + 2 : oe, &c);
        }
    }
    if (c.failed) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }
    if (stamped && !plain) {
        st = im_fail(ctx, IM_ERR_ENCODE, "%s: the PDF Cairo wrote is not of the form known",
                     path);
        goto done;
    }
    if (stamped && (st = stamp_edits(ctx, d, offs, n, sorted, n_used, ps, &c, &z, lenbuf,
                                     sizeof lenbuf, path)) != IM_OK)
        goto done;
    if (!plain || c.n == 0) { /* nothing to do, or a file not of the form known */
        if (fwrite(d, 1, len, fp) != len)
            st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write the PDF", path);
        goto done;
    }
    if (!(cum = im_malloc_array(c.n, sizeof *cum))) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < c.n; k++)
        cum[k] = (k ? cum[k - 1] : 0) + (ptrdiff_t)(c.v[k].b - c.v[k].a) - (ptrdiff_t)c.v[k].rep_len;
    bool ok = true;
    size_t at = 0;
    for (size_t k = 0; k < c.n && ok; k++) {
        ok = fwrite(d + at, 1, c.v[k].a - at, fp) == c.v[k].a - at &&
             fwrite(c.v[k].rep, 1, c.v[k].rep_len, fp) == c.v[k].rep_len;
        at = c.v[k].b;
    }
    ok = ok && fwrite(d + at, 1, (size_t)xref - at, fp) == (size_t)xref - at;
    size_t head = (size_t)(ent - x);
    ok = ok && fwrite(x, 1, head, fp) == head;
    for (size_t i = 0; i < n && ok; i++) {
        const char *r = ent + i * 20;
        if (offs[i] == SIZE_MAX)
            ok = fwrite(r, 1, 20, fp) == 20;
        else
            ok = fprintf(fp, "%010zu", (size_t)((ptrdiff_t)offs[i] - cut_before(&c, cum, offs[i]))) == 10 &&
                 fwrite(r + 10, 1, 10, fp) == 10;
    }
    const char *tail = ent + n * 20;
    ok = ok && fwrite(tail, 1, (size_t)(sx - tail), fp) == (size_t)(sx - tail) &&
         fprintf(fp, "startxref\n%zu\n%%%%EOF\n", (size_t)((ptrdiff_t)xref - cum[c.n - 1])) > 0;
    if (!ok)
        st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write the PDF", path);
done:
    free(c.v);
    free(offs);
    free(sorted);
    free(cum);
    free(z);
    return st;
}

im_status im_pdf_write_compact(im_context *ctx, const im_membuf *m, FILE *fp, const char *path)
{
    return im_pdf_write_stamped(ctx, m, fp, path, NULL);
}
