/* test_threads.c - "one context per thread" kept: two threads, each with
 * its own context, render and load at the same time and get the same bytes
 * as one thread alone; batch output locks taken through two contexts of
 * one process exclude each other, and closing an unrelated descriptor of
 * the lock file drops nothing; im_parallel_for covers every index once; a
 * big file read in ranges on several threads is the file's bytes.
 * Each render starts helper threads of its own (basemap read ahead, the
 * inset's basemap, the relief, the PNG's pieces).
 * Built also with ThreadSanitizer (.ci/test).
 * Usage: test_threads TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"
#include "testutil.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *g_data, *g_tmp, *g_src;

typedef struct {
    int id;
    int rounds;
    im_status st;
    char err[256];
} job;

/* The PNG on a basemap at a size with an inset: its layers read ahead and
 * the inset's "world" basemap read on helper threads of their own. */
static im_status render_one(const char *out, im_output_format fmt)
{
    char input[2048], tiny[2048];
    snprintf(input, sizeof input, "%s/render/four-sites.json", g_data);
    snprintf(tiny, sizeof tiny, "%s/basemap/tiny", g_data);
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    im_status st = ctx && set ? im_incidents_load(ctx, set, input, IM_INPUT_AUTO) : IM_ERR_NOMEM;
    if (st == IM_OK) {
        im_render_options o;
        im_render_options_init(&o);
        o.basemap = fmt == IM_OUTPUT_PNG ? tiny : "none";
        o.width = fmt == IM_OUTPUT_PNG ? 1000 : 640;
        o.height = fmt == IM_OUTPUT_PNG ? 750 : 480;
        o.dpi = 80;
        st = im_render(ctx, set, &o, out, fmt);
        /* a CRS that fails, to exercise PROJ's error path per context */
        im_render_options bad = o;
        bad.crs = "+proj=lcc +lat_1=abc";
        char nothing[2100];
        snprintf(nothing, sizeof nothing, "%s.never.png", out);
        if (st == IM_OK && im_render(ctx, set, &bad, nothing, IM_OUTPUT_PNG) != IM_ERR_CRS)
            st = IM_ERR_INTERNAL;
        if (st == IM_ERR_INTERNAL || !strstr(im_context_last_error(ctx), "lat_1"))
            st = IM_ERR_INTERNAL;
        else
            st = IM_OK;
    }
    im_incidents_free(set);
    im_context_free(ctx);
    return st;
}

static void *worker(void *arg)
{
    job *j = arg;
    for (int r = 0; r < j->rounds && j->st == IM_OK; r++) {
        char png[2048], svg[2048];
        snprintf(png, sizeof png, "%s/threads-%d.png", g_tmp, j->id);
        snprintf(svg, sizeof svg, "%s/threads-%d.svg", g_tmp, j->id);
        j->st = render_one(png, IM_OUTPUT_PNG);
        if (j->st == IM_OK)
            j->st = render_one(svg, IM_OUTPUT_SVG);
    }
    return NULL;
}

/* ---- locks ---- */

typedef struct {
    const im_manifest *m;
    im_job_output *outs;
    size_t n;
    atomic_int got;
    im_status st;
} locker;

static void *lock_worker(void *arg)
{
    locker *l = arg;
    im_context *ctx = im_context_new();
    int fd = -1;
    l->st = im_manifest_lock_outputs(ctx, l->m, l->outs, l->n, &fd); /* waits */
    atomic_store(&l->got, 1);
    if (fd >= 0)
        close(fd);
    im_context_free(ctx);
    return NULL;
}

static void test_locks(void)
{
    char path[2048], root[2048];
    snprintf(path, sizeof path, "%s/batch/ok.json", g_data);
    snprintf(root, sizeof root, "%s/threads-batch", g_tmp);
    im_context *ctx = im_context_new();
    im_manifest *m = NULL;
    CHECK(im_manifest_load(ctx, path, &m) == IM_OK, "%s", im_context_last_error(ctx));
    if (!m) {
        im_context_free(ctx);
        return;
    }
    CHECK(im_manifest_set_output_root(ctx, m, root) == IM_OK, "%s", im_context_last_error(ctx));
    im_job_vars vars = {"2021-07-09", "2021-07-03", "2021-07-09"};
    im_job_output *outs = NULL;
    size_t n = 0;
    CHECK(im_manifest_job_outputs(ctx, m, 0, &vars, &outs, &n) == IM_OK && n > 0, "%s",
          im_context_last_error(ctx));
    int fd = -1;
    CHECK(im_manifest_lock_outputs(ctx, m, outs, n, &fd) == IM_OK, "%s",
          im_context_last_error(ctx));

    locker l = {m, outs, n, 0, IM_OK};
    pthread_t t;
    pthread_create(&t, NULL, lock_worker, &l);
    /* Another descriptor of the lock file, opened and closed by this
     * process: with process-owned record locks this would drop ours. */
    char lockfile[2100];
    snprintf(lockfile, sizeof lockfile, "%s/.incmap-batch.lock", im_manifest_output_root(m));
    int other = open(lockfile, O_RDWR);
    CHECK(other >= 0, "open %s", lockfile);
    if (other >= 0)
        close(other);
    /* The other context must still be waiting a while later (a lock that
     * does not exclude is taken at once; nothing here depends on speed). */
    struct timespec ts = {0, 300 * 1000 * 1000};
    nanosleep(&ts, NULL);
    CHECK(atomic_load(&l.got) == 0, "a second context in this process took a held lock");
    close(fd);
    pthread_join(t, NULL);
    CHECK(atomic_load(&l.got) == 1 && l.st == IM_OK, "the waiting context never got the lock");
    im_job_outputs_free(outs, n);
    im_manifest_free(m);
    im_context_free(ctx);
}

/* im_parallel_for: every index of [0, n) in exactly one range, no range
 * longer than the chunk, whatever the helpers' number (INCMAP_THREADS). */
typedef struct {
    atomic_int *hits;
    size_t chunk;
    atomic_int too_long;
} cover;

static void mark(void *arg, size_t from, size_t to)
{
    cover *c = arg;
    if (to <= from || to - from > c->chunk)
        atomic_fetch_add(&c->too_long, 1);
    for (size_t i = from; i < to; i++)
        atomic_fetch_add(&c->hits[i], 1);
}

static void test_parallel_for(void)
{
    static const size_t ns[] = {0, 1, 63, 64, 65, 1000, 4097};
    static const size_t chunks[] = {1, 7, 64, 5000};
    static const char *threads[] = {"1", "2", "4", "16"};
    for (size_t a = 0; a < sizeof ns / sizeof ns[0]; a++)
        for (size_t b = 0; b < sizeof chunks / sizeof chunks[0]; b++)
            for (size_t t = 0; t < sizeof threads / sizeof threads[0]; t++) {
                size_t n = ns[a];
                cover c = {calloc(n + 1, sizeof(atomic_int)), chunks[b], 0};
                setenv("INCMAP_THREADS", threads[t], 1);
                im_parallel_for(n, chunks[b], 4, mark, &c);
                unsetenv("INCMAP_THREADS");
                size_t bad = 0;
                for (size_t i = 0; i < n; i++)
                    bad += atomic_load(&c.hits[i]) != 1;
                CHECK(bad == 0 && atomic_load(&c.too_long) == 0,
                      "parallel_for n %zu chunk %zu threads %s: %zu indices not hit once, %d "
                      "ranges empty or too long", n, chunks[b], threads[t], bad,
                      atomic_load(&c.too_long));
                free(c.hits);
            }
}

/* A file big enough to be read in ranges on several threads (context.c)
 * reads back as the bytes written: a size that is not a whole number of
 * ranges, each byte a function of its offset, on 1 and 3 threads. */
static void test_split_read(void)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/threads-split.bin", g_tmp);
    const size_t size = ((size_t)41 << 20) + 12345;
    unsigned char *want = malloc(size);
    CHECK(want != NULL, "no memory for %zu bytes", size);
    if (!want)
        return;
    for (size_t i = 0; i < size; i++)
        want[i] = (unsigned char)((i * 2654435761u) >> 13 ^ i >> 20);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(want, 1, size, f) == size && fclose(f) == 0, "cannot write %s", path);
    const char *threads[] = {"1", "3"};
    for (int t = 0; t < 2; t++) {
        setenv("INCMAP_THREADS", threads[t], 1);
        im_context *ctx = im_context_new();
        char *got = NULL;
        size_t n = 0;
        im_status st = im_read_file(ctx, path, &got, &n);
        size_t d = 0;
        while (st == IM_OK && d < size && d < n && (unsigned char)got[d] == want[d])
            d++;
        CHECK(st == IM_OK && n == size && d == size,
              "%s threads: read %zu of %zu bytes, the first difference at %zu (%s)", threads[t],
              n, size, d, im_context_last_error(ctx));
        free(got);
        im_context_free(ctx);
    }
    unsetenv("INCMAP_THREADS");
    remove(path);
    free(want);
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    g_data = argv[1];
    g_tmp = argv[2];
    g_src = argv[3];
    /* One thread alone first: the reference bytes. */
    char ref_png[2048], ref_svg[2048];
    snprintf(ref_png, sizeof ref_png, "%s/threads-ref.png", g_tmp);
    snprintf(ref_svg, sizeof ref_svg, "%s/threads-ref.svg", g_tmp);
    CHECK(render_one(ref_png, IM_OUTPUT_PNG) == IM_OK, "reference png");
    CHECK(render_one(ref_svg, IM_OUTPUT_SVG) == IM_OK, "reference svg");

    job jobs[2] = {{1, 2, IM_OK, ""}, {2, 2, IM_OK, ""}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, &jobs[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 2; i++) {
        char png[2048], svg[2048];
        snprintf(png, sizeof png, "%s/threads-%d.png", g_tmp, jobs[i].id);
        snprintf(svg, sizeof svg, "%s/threads-%d.svg", g_tmp, jobs[i].id);
        CHECK(jobs[i].st == IM_OK, "thread %d: %s", jobs[i].id, im_strerror(jobs[i].st));
        CHECK(tu_same_bytes(png, ref_png), "thread %d: PNG differs from one thread's", jobs[i].id);
        CHECK(tu_same_bytes(svg, ref_svg), "thread %d: SVG differs from one thread's", jobs[i].id);
    }
    test_locks();
    test_parallel_for();
    test_split_read();
    return check_result("test_threads");
}
