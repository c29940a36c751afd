/* test_nomem.c - calloc() failing, one call at a time: a manifest and incident
 * files are loaded again and again, the k-th calloc() of the load returning
 * NULL (k = 1, 2, ... until a load makes fewer than k calls). Each load must
 * then fail cleanly with IM_ERR_NOMEM and "out of memory", leave *out NULL,
 * and never crash; under the sanitizers nothing may leak. This program
 * defines calloc(), which every calloc() of the process (the static
 * library's, jansson's, libc's) comes to; it allocates with malloc(), so
 * free() stays the right partner.
 *
 * Usage: test_nomem TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "incmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long calloc_calls, calloc_fail_at = -1;
/* memset through a volatile pointer: else the compiler makes malloc() plus
 * memset() back into calloc(), this one */
static void *(*volatile zero_fill)(void *, int, size_t) = memset;

void *calloc(size_t n, size_t size)
{
    if (++calloc_calls == calloc_fail_at)
        return NULL;
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size > 0 ? n * size : 1;
    void *p = malloc(bytes);
    if (p)
        zero_fill(p, 0, bytes);
    return p;
}

typedef im_status (*load_fn)(im_context *ctx, const char *path, void **out);

static im_status load_manifest(im_context *ctx, const char *path, void **out)
{
    im_manifest *m = NULL;
    im_status st = im_manifest_load(ctx, path, &m);
    *out = m;
    return st;
}

static void free_manifest(void *p) { im_manifest_free(p); }

static bool no_set; /* im_incidents_new() gave NULL: no context to say so in */

static im_status load_incidents(im_context *ctx, const char *path, void **out)
{
    im_incidents *set = im_incidents_new();
    *out = NULL;
    if ((no_set = !set))
        return IM_ERR_NOMEM;
    im_status st = im_incidents_load(ctx, set, path, IM_INPUT_AUTO);
    if (st == IM_OK)
        *out = set;
    else
        im_incidents_free(set);
    return st;
}

static void free_incidents(void *p) { im_incidents_free(p); }

/* Loads path with each of its calloc() calls failing in turn. */
static void sweep(const char *what, load_fn load, void (*release)(void *), const char *path)
{
    im_context *ctx = im_context_new();
    void *out = NULL;
    /* unhindered first: it must load, and must call calloc() at all */
    long before = calloc_calls;
    CHECK(load(ctx, path, &out) == IM_OK && out, "%s: %s", what, im_context_last_error(ctx));
    long calls = calloc_calls - before;
    CHECK(calls > 0, "%s: no calloc() call reached this program's", what);
    if (out)
        release(out);
    int failed = 0;
    for (long k = 1; k <= calls + 1; k++) {
        out = NULL;
        im_context_clear_error(ctx);
        calloc_fail_at = calloc_calls + k;
        im_status st = load(ctx, path, &out);
        bool hit = calloc_calls >= calloc_fail_at;
        calloc_fail_at = -1;
        bool constructor = no_set;
        no_set = false;
        if (!hit) {
            CHECK(st == IM_OK && out, "%s: without a failure: %d %s", what, st,
                  im_context_last_error(ctx));
        } else {
            failed++;
            CHECK(st == IM_ERR_NOMEM && !out &&
                      (constructor || strstr(im_context_last_error(ctx), "out of memory")),
                  "%s: calloc() %ld of %ld failing: status %d, '%s'", what, k, calls, st,
                  im_context_last_error(ctx));
        }
        if (out)
            release(out);
    }
    CHECK(failed == calls, "%s: %d of %ld calloc() failures reached", what, failed, calls);
    im_context_free(ctx);
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char path[1200];
    snprintf(path, sizeof path, "%s/batch/ok.json", argv[1]);
    sweep("manifest", load_manifest, free_manifest, path);
    snprintf(path, sizeof path, "%s/render/four-sites.json", argv[1]);
    sweep("JSON incidents", load_incidents, free_incidents, path);
    snprintf(path, sizeof path, "%s/../html/symbology.csv", argv[1]);
    sweep("CSV incidents", load_incidents, free_incidents, path);
    return check_result("nomem");
}
