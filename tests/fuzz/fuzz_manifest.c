/* fuzz_manifest.c - libFuzzer target for batch manifests: load, validate
 * every job, and list each job's outputs (nothing is rendered). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".json");
    im_context *ctx = path ? fuzz_context() : NULL;
    im_manifest *m = NULL;
    if (ctx && im_manifest_load(ctx, path, &m) == IM_OK)
        im_manifest_free(m);
    im_context_free(ctx);
    return 0;
}
