/* fuzz_json.c - libFuzzer target for the native JSON reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_load(data, size, "fuzz.json", IM_INPUT_JSON, 0);
    return 0;
}
