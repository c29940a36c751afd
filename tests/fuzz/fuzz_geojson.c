/* fuzz_geojson.c - libFuzzer target for the GeoJSON reader; odd sizes are
 * read strictly so both paths for non-point geometries are covered. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_load(data, size, "fuzz.geojson", IM_INPUT_GEOJSON, (int)(size & 1));
    return 0;
}
