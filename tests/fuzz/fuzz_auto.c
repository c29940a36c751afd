/* fuzz_auto.c - libFuzzer target for format detection and every reader
 * behind it (JSON of any shape, GeoJSON, CSV, and through GDAL/OGR
 * GeoPackage, KML, FlatGeobuf, GeoJSONSeq, XLSX, ODS from memory): the
 * bytes are loaded as IM_INPUT_AUTO, strictly and then leniently with
 * --dedupe, and whatever was kept must be valid. */
#include "fuzz.h"

static void load(const uint8_t *data, size_t size, int lenient)
{
    im_context *ctx = fuzz_context();
    im_incidents *set = im_incidents_new();
    if (ctx && set) {
        im_context_set_skip_invalid(ctx, lenient);
        im_context_set_dedupe(ctx, lenient);
        if (im_incidents_load_buffer(ctx, set, "fuzz.dat", (const char *)data, size,
                                     IM_INPUT_AUTO) == IM_OK) {
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load(data, size, 0);
    load(data, size, 1);
    return 0;
}
