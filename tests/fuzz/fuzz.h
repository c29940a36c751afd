/* fuzz.h - what every fuzz target shares: a fresh context per input, with
 * limits small enough that a fuzzer finds limit paths quickly and never
 * runs out of memory, and no log callback (the library never prints). */
#ifndef INCMAP_FUZZ_H
#define INCMAP_FUZZ_H
#include "incmap.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline im_context *fuzz_context(void)
{
    im_context *ctx = im_context_new();
    if (!ctx)
        return NULL;
    im_limits lim;
    im_context_get_limits(ctx, &lim);
    lim.max_file_bytes = 1 << 20;
    lim.max_records = 2000;
    lim.max_string_bytes = 4096;
    lim.max_depth = 24;
    if (im_context_set_limits(ctx, &lim) != IM_OK)
        __builtin_trap();
    return ctx;
}

/* Load a buffer as one format into a fresh set and check what was kept. */
static inline void fuzz_load(const uint8_t *data, size_t size, const char *name,
                             im_input_format fmt, int strict)
{
    im_context *ctx = fuzz_context();
    im_incidents *set = im_incidents_new();
    if (ctx && set) {
        im_context_set_strict(ctx, strict);
        if (im_incidents_load_buffer(ctx, set, name, (const char *)data, size, fmt) == IM_OK) {
            /* Every kept record must be valid. */
            for (size_t i = 0; i < im_incidents_count(set); i++) {
                im_incident inc;
                if (im_incidents_get(set, i, &inc) != IM_OK || !inc.id[0] ||
                    !(inc.lat >= -90 && inc.lat <= 90) || !(inc.lon >= -180 && inc.lon <= 180))
                    __builtin_trap();
            }
        } else if (im_incidents_count(set) != 0) {
            __builtin_trap(); /* a failed load must leave the set as it was */
        }
    }
    im_incidents_free(set);
    im_context_free(ctx);
}
#endif

/* Targets whose library entry point takes a path: the input goes to a file
 * of this process's own in /tmp (rewritten for every input). Returns the
 * path, or NULL. */
#include <stdio.h>
#include <unistd.h>
static inline const char *fuzz_file(const uint8_t *data, size_t size, const char *suffix)
{
    static char path[128];
    snprintf(path, sizeof path, "/tmp/incmap-fuzz-%ld%s", (long)getpid(), suffix);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return NULL;
    }
    return fclose(f) == 0 ? path : NULL;
}
