/* png_deflate.c - a PNG's image data (and a PDF page's content stream,
 * pdf_stamps.c) deflated on several cores.
 *
 * libpng deflates the rows on the thread that writes them: at 2000x1600 a
 * fifth of a small map's time (tests/bench/README.md), at 4000x3000 about
 * 0.4 s. Deflate itself is serial, but a zlib stream may be made of pieces
 * deflated apart, as pigz does: the filtered rows are cut into pieces of
 * PIECE bytes; each piece is deflated by zlib on its own, primed with the
 * 32 KB before it as its dictionary (so matches reach back across the cut
 * and the file is hardly bigger), and ended with a sync flush (an empty
 * stored block that byte-aligns it) but for the last, which finishes the
 * stream. Between them go zlib's two-byte header and the Adler-32 of all
 * the bytes (combined from the pieces'). png.c writes the result as IDAT
 * chunks through libpng.
 *
 * The filtered bytes are never all in memory: each piece's thread makes
 * its own (and the 32 KB before them) from the image with the caller's
 * fill function, which also spreads the conversion from Cairo's pixels
 * over the cores.
 *
 * The pieces depend on the image's size alone, never on the number of
 * threads, so a map's bytes are the same on every machine and with
 * INCMAP_THREADS=1. Threads: the CPUs this process may run on, at most
 * MAX_THREADS, and no more than there are pieces.
 */
#include "im_private.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define PIECE ((size_t)1 << 20) /* filtered bytes per piece */
#define WINDOW ((size_t)32768)  /* deflate's window: the dictionary's size */
#define MAX_THREADS 4

/* PIECE, or INCMAP_DEFLATE_PIECE bytes (4096 or more): a test's way to cut
 * a small image or page into several pieces (the bytes then differ from
 * the default's, as they depend on the piece size). */
static size_t piece_bytes(void)
{
    const char *env = getenv("INCMAP_DEFLATE_PIECE");
    if (env && *env) {
        char *end;
        long long b = strtoll(env, &end, 10);
        if (!*end && b >= 4096 && (unsigned long long)b <= PIECE * 64)
            return (size_t)b;
    }
    return PIECE;
}

typedef struct piece {
    size_t start, len;    /* in raw */
    unsigned char *out;   /* deflated, malloc'd */
    size_t out_len;
    uLong adler;          /* of raw[start, start + len) */
    int z;                /* zlib's status: Z_OK, else the failure */
} piece;

typedef struct job {
    im_png_fill_fn fill;
    void *arg;
    int level;
    piece *pieces;
    size_t n;
    size_t next; /* the next piece to take */
    pthread_mutex_t mu;
} job;

static void deflate_piece(const job *j, piece *p)
{
    size_t dict = p->start < WINDOW ? p->start : WINDOW;
    unsigned char *raw = malloc(dict + p->len + 1);
    if (!raw) {
        p->z = Z_MEM_ERROR;
        return;
    }
    if (!j->fill(j->arg, p->start - dict, dict + p->len, raw)) {
        free(raw);
        p->z = Z_MEM_ERROR;
        return;
    }
    p->adler = adler32_z(1L, raw + dict, p->len);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    p->z = deflateInit2(&zs, j->level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    if (p->z != Z_OK) {
        free(raw);
        return;
    }
    if (dict)
        p->z = deflateSetDictionary(&zs, raw, (uInt)dict);
    uLong bound = deflateBound(&zs, (uLong)p->len) + 16; /* + the sync flush's 5 bytes */
    if (p->z == Z_OK && !(p->out = malloc(bound)))
        p->z = Z_MEM_ERROR;
    if (p->z == Z_OK) {
        bool last = p == &j->pieces[j->n - 1];
        zs.next_in = raw + dict;
        zs.avail_in = (uInt)p->len;
        zs.next_out = p->out;
        zs.avail_out = (uInt)bound;
        int r = deflate(&zs, last ? Z_FINISH : Z_SYNC_FLUSH);
        if (last ? r != Z_STREAM_END : (r != Z_OK || zs.avail_in != 0))
            p->z = r == Z_OK || r == Z_STREAM_END ? Z_BUF_ERROR : r;
        p->out_len = bound - zs.avail_out;
    }
    deflateEnd(&zs);
    free(raw);
}

static void *worker(void *arg)
{
    job *j = arg;
    for (;;) {
        pthread_mutex_lock(&j->mu);
        size_t i = j->next < j->n ? j->next++ : j->n;
        pthread_mutex_unlock(&j->mu);
        if (i == j->n)
            return NULL;
        deflate_piece(j, &j->pieces[i]);
    }
}

/* INCMAP_THREADS, else the CPUs up to MAX_THREADS; no more than pieces. */
static int thread_count(size_t pieces)
{
    int n = im_helper_threads(MAX_THREADS);
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    return (size_t)n > pieces ? (int)pieces : n;
}

im_status im_png_deflate(im_png_fill_fn fill, void *arg, size_t n, int level, unsigned char **out,
                         size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    size_t piece = piece_bytes();
    job j = {.fill = fill, .arg = arg, .level = level, .n = n ? (n + piece - 1) / piece : 1};
    j.pieces = calloc(j.n, sizeof *j.pieces);
    if (!j.pieces)
        return IM_ERR_NOMEM;
    for (size_t i = 0; i < j.n; i++) {
        j.pieces[i].start = i * piece;
        j.pieces[i].len = i + 1 < j.n ? piece : n - i * piece;
    }
    pthread_mutex_init(&j.mu, NULL);
    pthread_t threads[MAX_THREADS];
    int started = 0, want = thread_count(j.n);
    for (int t = 1; t < want; t++) /* this thread is one of them */
        if (pthread_create(&threads[started], NULL, worker, &j) == 0)
            started++;
    worker(&j);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&j.mu);

    im_status st = IM_OK;
    size_t total = 2 + 4;
    uLong adler = 1L;
    for (size_t i = 0; i < j.n && st == IM_OK; i++) {
        if (j.pieces[i].z != Z_OK)
            st = j.pieces[i].z == Z_MEM_ERROR ? IM_ERR_NOMEM : IM_ERR_ENCODE;
        total += j.pieces[i].out_len;
        adler = adler32_combine(adler, j.pieces[i].adler, (z_off_t)j.pieces[i].len);
    }
    unsigned char *z = st == IM_OK ? malloc(total) : NULL;
    if (st == IM_OK && !z)
        st = IM_ERR_NOMEM;
    if (st == IM_OK) {
        /* zlib's header: deflate with a 32 KB window, the level's class,
         * and the check bits that make it a multiple of 31 */
        unsigned cmf = 0x78, flevel = level <= 1 ? 0 : level <= 5 ? 1 : level == 6 ? 2 : 3;
        unsigned flg = flevel << 6;
        flg += (31 - (cmf * 256 + flg) % 31) % 31;
        size_t k = 0;
        z[k++] = (unsigned char)cmf;
        z[k++] = (unsigned char)flg;
        for (size_t i = 0; i < j.n; i++) {
            memcpy(z + k, j.pieces[i].out, j.pieces[i].out_len);
            k += j.pieces[i].out_len;
        }
        for (int b = 3; b >= 0; b--)
            z[k++] = (unsigned char)(adler >> (8 * b));
        *out = z;
        *out_len = k;
    }
    for (size_t i = 0; i < j.n; i++)
        free(j.pieces[i].out);
    free(j.pieces);
    return st;
}
