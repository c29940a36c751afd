/* fuzz_csv.c - libFuzzer target for the CSV reader (the delimiter is
 * sniffed from the header line, so every dialect is reachable). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_load(data, size, "fuzz.csv", IM_INPUT_CSV, 0);
    return 0;
}
