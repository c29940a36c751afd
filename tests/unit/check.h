/* check.h - the smallest test harness: CHECK(cond, fmt, ...) counts and
 * reports failures; main returns check_result(). */
#ifndef INCMAP_TEST_CHECK_H
#define INCMAP_TEST_CHECK_H
#include <stdio.h>

static int check_failures, check_count;

#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        check_count++;                                                      \
        if (!(cond)) {                                                      \
            check_failures++;                                               \
            fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                   \
            fprintf(stderr, "\n");                                          \
        }                                                                   \
    } while (0)

static inline int check_result(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
    return check_failures ? 1 : 0;
}
#endif
