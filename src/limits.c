/* limits.c - bounds checked before the memory is spent.
 *
 * jansson builds a whole tree before anyone can count what is in it: a
 * 7,000,000-point MultiPoint feature or a 10,000,000-vertex layer polygon
 * takes gigabytes as json_t values. So the raw bytes of such a value are
 * scanned first (strings skipped, a linear pass with no allocation) and
 * its positions counted (arrays whose first element is a number: [lon, lat]). Over the limit, the value is refused
 * with IM_ERR_LIMIT before it is decoded.
 */
#include "im_private.h"

#include <string.h>

/* Count the positions in the JSON value at data[start] (or of everything from
 * start when the value is not closed), stopping once over max. */
static uint64_t count_positions(const char *data, size_t size, size_t start, uint64_t max)
{
    uint64_t arrays = 0;
    size_t depth = 0;
    for (size_t i = start; i < size; i++) {
        char c = data[i];
        if (c == '"') {
            for (i++; i < size && data[i] != '"'; i++)
                if (data[i] == '\\')
                    i++;
        } else if (c == '[' || c == '{') {
            if (c == '[') { /* a position: an array whose first element is a number */
                size_t k = i + 1;
                while (k < size && (data[k] == ' ' || data[k] == '\t' || data[k] == '\n' ||
                                    data[k] == '\r'))
                    k++;
                if (k < size && (data[k] == '-' || (data[k] >= '0' && data[k] <= '9')) &&
                    ++arrays > max)
                    return arrays;
            }
            depth++;
        } else if (c == ']' || c == '}') {
            if (depth == 0 || --depth == 0)
                return arrays;
        } else if (depth == 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return 0; /* a scalar */
        }
    }
    return arrays;
}

uint64_t im_json_count_positions(const char *data, size_t size, size_t start, uint64_t max)
{
    return count_positions(data, size, start, max);
}

im_status im_limit_json_positions(im_context *ctx, const char *name, const char *data,
                                  size_t size, size_t start, uint64_t max, const char *what,
                                  const char *option)
{
    if (!max || count_positions(data, size, start, max) <= max)
        return IM_OK;
    return im_fail(ctx, IM_ERR_LIMIT, "%s: %s has more than %llu coordinate positions, the "
                   "limit (raise it with %s)", name, what, (unsigned long long)max, option);
}
