/* test_stdio.c - the SVG and the interactive HTML page do not depend on which
 * nonnegative value fputs() returns on success. C11 (7.21.7.4) promises only
 * "a nonnegative value"; glibc returns 1, musl returns 0. This program
 * defines its own fputs(), which the static library's calls bind to: it
 * writes the string with fwrite() and, while `musl_like` is set, returns 0
 * on success as musl does. Each map (SVG with its <title> and <desc>; HTML
 * with --size-by markers, some drawn as outlines for zero and unknown
 * values) is rendered with glibc's return value and with musl's, and the
 * two files must be the same bytes.
 *
 * Usage: test_stdio TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "incmap.h"

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
    im_context_free(ctx);
    return check_result("stdio");
}
