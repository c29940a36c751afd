/* test_stdio.c - maps do not depend on what the C library is free to do
 * differently: which nonnegative value fputs() returns on success (C11
 * 7.21.7.4 promises only "a nonnegative value"; glibc returns 1, musl 0) and
 * how qsort() sorts (glibc 2.36 merges, asking only whether the left
 * element may stay first; others ask whether an element is less than
 * another). This program defines its own fputs() and qsort(), which the
 * static library's calls bind to. With `musl_like` clear, fputs() returns 1
 * and qsort() is a merge sort asking cmp(left, right) <= 0; set, fputs()
 * returns 0 and qsort() is an insertion sort asking cmp(key, before) < 0.
 * Both sorts are stable, so a consistent comparator gives the same order.
 * Each map (SVG with its <title> and <desc>; HTML with --size-by markers,
 * some drawn as outlines for zero and unknown values; an SVG faceted by
 * year from incidents out of date order) is rendered both ways, and the two
 * files must be the same bytes.
 *
 * Usage: test_stdio TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "incmap.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int musl_like;
static long fputs_calls;

/* Linked before libc: the library's fputs() calls come here. */
int fputs(const char *s, FILE *fp)
{
    size_t n = strlen(s);
    fputs_calls++;
    if (n && fwrite(s, 1, n, fp) != n)
        return EOF;
    return musl_like ? 0 : 1;
}

static void merge_sort(char *base, size_t n, size_t size,
                       int (*cmp)(const void *, const void *), char *tmp)
{
    if (n < 2)
        return;
    size_t h = n / 2, i = 0, j = h, k = 0;
    merge_sort(base, h, size, cmp, tmp);
    merge_sort(base + h * size, n - h, size, cmp, tmp);
    while (i < h || j < n) {
        bool left = j >= n || (i < h && cmp(base + i * size, base + j * size) <= 0);
        memcpy(tmp + k++ * size, base + (left ? i++ : j++) * size, size);
    }
    memcpy(base, tmp, n * size);
}

/* Linked before libc: the library's qsort() calls come here. */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char *b = base, *tmp = n > 1 ? malloc(musl_like ? size : n * size) : NULL;
    if (!tmp) /* out of memory (not in this test): leave it; the check fails */
        return;
    if (!musl_like) {
        merge_sort(b, n, size, cmp, tmp);
    } else {
        for (size_t i = 1; i < n; i++) {
            size_t j = i;
            memcpy(tmp, b + i * size, size);
            while (j > 0 && cmp(tmp, b + (j - 1) * size) < 0) {
                memcpy(b + j * size, b + (j - 1) * size, size);
                j--;
            }
            memcpy(b + j * size, tmp, size);
        }
    }
    free(tmp);
}

static unsigned char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    *n = 0;
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long len = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    unsigned char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)len, fp) == (size_t)len) {
        *n = (size_t)len;
        buf[len] = '\0';
    }
    fclose(fp);
    return buf;
}

/* Renders to TMP/stdio-<ret>.<ext> and returns the file's bytes. */
static unsigned char *render(im_context *ctx, const im_incidents *set, const im_opts *opts,
                             im_output_format f, const char *ext, const char *tmp, size_t *n)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/stdio-%d.%s", tmp, musl_like ? 0 : 1, ext);
    remove(path);
    im_context_clear_error(ctx);
    long before = fputs_calls;
    im_status st = im_render_opts(ctx, set, opts, path, f);
    CHECK(st == IM_OK, "%s with fputs returning %d: %s", ext, musl_like ? 0 : 1,
          im_context_last_error(ctx));
    CHECK(fputs_calls > before, "%s: the library's fputs() calls did not reach this one", ext);
    *n = 0;
    return st == IM_OK ? slurp(path, n) : NULL;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char input[1200];
    snprintf(input, sizeof input, "%s/../html/symbology.csv", argv[1]);
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_context_set_field(ctx, "size", "rockets") == IM_OK &&
              im_context_set_field(ctx, "category", "unit") == IM_OK,
          "fields: %s", im_context_last_error(ctx));
    CHECK(im_incidents_load(ctx, set, input, IM_INPUT_AUTO) == IM_OK, "load %s: %s", input,
          im_context_last_error(ctx));
    im_opts *opts = im_opts_new(IM_OPTS_VERSION);
    static const char *const set_opts[][2] = {
        {"size", "480x360"}, {"basemap", "none"}, {"size-by", "rockets"},
        {"color-by", "unit"}, {"stack", "none"}, {"title", "Rockets & drones <by unit>"},
    };
    for (size_t i = 0; i < sizeof set_opts / sizeof set_opts[0]; i++)
        CHECK(im_opts_set(ctx, opts, set_opts[i][0], set_opts[i][1]) == IM_OK, "--%s %s: %s",
              set_opts[i][0], set_opts[i][1], im_context_last_error(ctx));

    static const struct { im_output_format f; const char *ext, *must[3]; } fmts[] = {
        {IM_OUTPUT_SVG, "svg", {"<title>Rockets &amp; drones &lt;by unit&gt;</title>", "</desc>",
                                "</svg>"}},
        /* every marker in its group; zero and unknown values as two outlines */
        {IM_OUTPUT_HTML, "html", {"<g class=\"im-m\"", "stroke-width=\"2.4\"/><path d=\"",
                                  "</html>"}},
    };
    for (size_t k = 0; k < sizeof fmts / sizeof fmts[0]; k++) {
        size_t n1 = 0, n0 = 0;
        musl_like = 0;
        unsigned char *glibc = render(ctx, set, opts, fmts[k].f, fmts[k].ext, argv[2], &n1);
        musl_like = 1;
        unsigned char *musl = render(ctx, set, opts, fmts[k].f, fmts[k].ext, argv[2], &n0);
        musl_like = 0;
        CHECK(glibc && musl && n1 == n0 && memcmp(glibc, musl, n1) == 0,
              "%s: %zu bytes when fputs returns 1, %zu when it returns 0", fmts[k].ext, n1, n0);
        for (size_t j = 0; glibc && j < 3; j++)
            CHECK(strstr((const char *)glibc, fmts[k].must[j]), "%s lacks %s", fmts[k].ext,
                  fmts[k].must[j]);
        free(glibc);
        free(musl);
    }
    im_opts_free(opts);
    im_incidents_free(set);

    /* Facets by year from incidents out of date order: the panels in year
     * order whichever way the years are sorted. */
    static const char years[] =
        "{\"incidents\": ["
        "{\"id\": \"y1\", \"date\": \"2023-05-01\", \"lat\": 33.1, \"lon\": 44.1, \"weapon\": \"rocket\"},"
        "{\"id\": \"y2\", \"date\": \"2019-02-01\", \"lat\": 33.4, \"lon\": 44.3, \"weapon\": \"drone\"},"
        "{\"id\": \"y3\", \"date\": \"2021-07-01\", \"lat\": 33.7, \"lon\": 44.5, \"weapon\": \"ied\"},"
        "{\"id\": \"y4\", \"date\": \"2020-01-01\", \"lat\": 34.0, \"lon\": 44.7, \"weapon\": \"rocket\"},"
        "{\"id\": \"y5\", \"date\": \"2018-03-01\", \"lat\": 34.3, \"lon\": 44.9, \"weapon\": \"drone\"},"
        "{\"id\": \"y6\", \"date\": \"2022-09-09\", \"lat\": 34.6, \"lon\": 45.1, \"weapon\": \"ied\"}]}";
    set = im_incidents_new();
    opts = im_opts_new(IM_OPTS_VERSION);
    CHECK(im_incidents_load_buffer(ctx, set, "years.json", years, strlen(years),
                                   IM_INPUT_AUTO) == IM_OK &&
              im_opts_set(ctx, opts, "size", "800x600") == IM_OK &&
              im_opts_set(ctx, opts, "basemap", "none") == IM_OK &&
              im_opts_set(ctx, opts, "facet", "year") == IM_OK,
          "facets: %s", im_context_last_error(ctx));
    size_t n1 = 0, n0 = 0;
    musl_like = 0;
    unsigned char *merged = render(ctx, set, opts, IM_OUTPUT_SVG, "facets.svg", argv[2], &n1);
    musl_like = 1;
    unsigned char *inserted = render(ctx, set, opts, IM_OUTPUT_SVG, "facets.svg", argv[2], &n0);
    musl_like = 0;
    CHECK(merged && inserted && n1 == n0 && memcmp(merged, inserted, n1) == 0,
          "facets: %zu bytes by a merge sort, %zu by an insertion sort", n1, n0);
    const char *prev = merged ? (const char *)merged : "";
    for (int y = 2018; merged && y <= 2023; y++) {
        char title[8];
        snprintf(title, sizeof title, ">%d", y);
        const char *at = strstr((const char *)merged, title);
        CHECK(at && at > prev, "facets: the panel of %d not after the one before", y);
        prev = at ? at : prev;
    }
    free(merged);
    free(inserted);
    im_opts_free(opts);
    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("stdio");
}
