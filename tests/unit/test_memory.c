/* test_memory.c - im_render_to_memory (api_render.c): the bytes of a map in
 * memory are those the same options write to a file, in each format; bad
 * calls are refused with a message and leave *data NULL and *size 0.
 *
 * Usage: test_memory TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "incmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

/* pread() as the library's calls see it: glibc's (through pread64, the same
 * call under its other name; 64-bit off_t), or, while pread_ends_early is
 * set, a file that ends before the size fstat() gave (0 bytes read), and
 * after 50 such reads an error. */
extern ssize_t pread64(int fd, void *buf, size_t n, off_t off);
static int pread_ends_early;
static long pread_calls;

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    pread_calls++;
    if (!pread_ends_early)
        return pread64(fd, buf, n, off);
    if (pread_calls > 50) {
        errno = EIO;
        return -1;
    }
    return 0;
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
    unsigned char *buf = malloc((size_t)len + 1);
    if (buf && fread(buf, 1, (size_t)len, fp) == (size_t)len)
        *n = (size_t)len;
    fclose(fp);
    return buf;
}

static unsigned get32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char input[1200], path[1200];
    snprintf(input, sizeof input, "%s/render/four-sites.json", argv[1]);
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_incidents_load(ctx, set, input, IM_INPUT_AUTO) == IM_OK, "load %s: %s", input,
          im_context_last_error(ctx));
    im_opts *opts = im_opts_new(IM_OPTS_VERSION);
    CHECK(im_opts_set(ctx, opts, "size", "320x240") == IM_OK &&
              im_opts_set(ctx, opts, "basemap", "none") == IM_OK,
          "options: %s", im_context_last_error(ctx));

    static const struct { im_output_format f; const char *ext, *magic; } fmts[] = {
        {IM_OUTPUT_PNG, "png", "\x89PNG\r\n\x1a\n"},
        {IM_OUTPUT_SVG, "svg", "<?xml"},
        {IM_OUTPUT_PDF, "pdf", "%PDF-"},
    };
    for (size_t k = 0; k < 3; k++) {
        unsigned char *data = NULL;
        size_t size = 0;
        im_context_clear_error(ctx);
        im_status st = im_render_to_memory(ctx, set, opts, fmts[k].f, &data, &size);
        CHECK(st == IM_OK && data && size > 100, "%s in memory: %d, %zu bytes: %s", fmts[k].ext,
              st, size, im_context_last_error(ctx));
        if (!data)
            continue;
        CHECK(memcmp(data, fmts[k].magic, strlen(fmts[k].magic)) == 0, "%s in memory starts '%.5s'",
              fmts[k].ext, (const char *)data);
        CHECK(data[size] == '\0', "%s in memory not followed by a NUL", fmts[k].ext);
        if (fmts[k].f == IM_OUTPUT_PNG && size > 24)
            CHECK(get32(data + 16) == 320 && get32(data + 20) == 240, "PNG of %ux%u, want 320x240",
                  get32(data + 16), get32(data + 20));
        if (fmts[k].f == IM_OUTPUT_SVG)
            CHECK(strlen((const char *)data) == size && strstr((const char *)data, "</svg>"),
                  "the SVG is not one whole C string");
        /* the same map through a path (PNG and SVG: PDF carries a date) */
        if (fmts[k].f != IM_OUTPUT_PDF) {
            snprintf(path, sizeof path, "%s/memory-map.%s", argv[2], fmts[k].ext);
            remove(path);
            im_status fst = im_render_opts(ctx, set, opts, path, fmts[k].f);
            size_t fsize = 0;
            unsigned char *file = fst == IM_OK ? slurp(path, &fsize) : NULL;
            CHECK(file && fsize == size && memcmp(file, data, size) == 0,
                  "%s: %zu bytes in memory, %zu in the file (%s)", fmts[k].ext, size, fsize,
                  im_context_last_error(ctx));
            free(file);
        }
        im_free(data);
    }
    /* format AUTO: the options' format, else PNG */
    unsigned char *data = (unsigned char *)"x";
    size_t size = 7;
    CHECK(im_render_to_memory(ctx, set, opts, IM_OUTPUT_AUTO, &data, &size) == IM_OK && data &&
              memcmp(data, "\x89PNG", 4) == 0,
          "AUTO without a format is not a PNG");
    im_free(data);
    CHECK(im_opts_set(ctx, opts, "format", "svg") == IM_OK, "format svg: %s",
          im_context_last_error(ctx));
    data = NULL;
    CHECK(im_render_to_memory(ctx, set, opts, IM_OUTPUT_AUTO, &data, &size) == IM_OK && data &&
              strstr((const char *)data, "<svg"),
          "AUTO with format svg is not an SVG");
    im_free(data);

    /* refusals: *data NULL, *size 0, a message */
    data = (unsigned char *)"x";
    size = 7;
    im_context_clear_error(ctx);
    im_status st = im_render_to_memory(ctx, set, opts, (im_output_format)9, &data, &size);
    CHECK(st == IM_ERR_ARG && !data && size == 0 &&
              strstr(im_context_last_error(ctx), "unknown output format 9"),
          "format 9: %d '%s'", st, im_context_last_error(ctx));
    data = (unsigned char *)"x";
    size = 7;
    im_context_clear_error(ctx);
    st = im_render_to_memory(ctx, set, opts, (im_output_format)-1, &data, &size);
    CHECK(st == IM_ERR_ARG && !data && size == 0, "format -1: %d", st);
    im_context_clear_error(ctx);
    st = im_render_to_memory(ctx, NULL, opts, IM_OUTPUT_PNG, &data, &size);
    CHECK(st == IM_ERR_ARG && !data && size == 0 && *im_context_last_error(ctx),
          "no set: %d '%s'", st, im_context_last_error(ctx));
    im_context_clear_error(ctx);
    st = im_render_to_memory(ctx, set, opts, IM_OUTPUT_PNG, NULL, &size);
    CHECK(st == IM_ERR_ARG && size == 0, "no data pointer: %d", st);
    im_context_clear_error(ctx);
    st = im_render_to_memory(ctx, set, opts, IM_OUTPUT_PNG, &data, NULL);
    CHECK(st == IM_ERR_ARG && !data, "no size pointer: %d", st);
    snprintf(path, sizeof path, "%s/memory-dump.json", argv[2]);
    CHECK(im_opts_set(ctx, opts, "dump-layout", path) == IM_OK, "dump-layout: %s",
          im_context_last_error(ctx));
    data = (unsigned char *)"x";
    size = 7;
    im_context_clear_error(ctx);
    st = im_render_to_memory(ctx, set, opts, IM_OUTPUT_PNG, &data, &size);
    CHECK(st == IM_ERR_ARG && !data && size == 0 &&
              strstr(im_context_last_error(ctx), "write files beside an output"),
          "dump-layout in memory: %d '%s'", st, im_context_last_error(ctx));
    /* The map read back ends early (pread() gives 0 bytes): an error after
     * that one read, nothing handed back. */
    im_opts *plain = im_opts_new(IM_OPTS_VERSION);
    CHECK(im_opts_set(ctx, plain, "size", "320x240") == IM_OK &&
              im_opts_set(ctx, plain, "basemap", "none") == IM_OK,
          "options: %s", im_context_last_error(ctx));
    data = (unsigned char *)"x";
    size = 7;
    im_context_clear_error(ctx);
    pread_calls = 0;
    pread_ends_early = 1;
    st = im_render_to_memory(ctx, set, plain, IM_OUTPUT_PNG, &data, &size);
    pread_ends_early = 0;
    im_opts_free(plain);
    CHECK(st == IM_ERR_IO_WRITE && !data && size == 0 && pread_calls == 1 &&
              strstr(im_context_last_error(ctx), "map in memory"),
          "a map read back short: %d after %ld reads, '%s'", st, pread_calls,
          im_context_last_error(ctx));
    /* options that pass one by one but not together (A4 at 2000 dpi is over
     * the pixel limit) fail as a render to a path does, with nothing handed back */
    im_opts *bad = im_opts_new(IM_OPTS_VERSION);
    CHECK(im_opts_set(ctx, bad, "page", "a4") == IM_OK && im_opts_set(ctx, bad, "dpi", "2000") == IM_OK &&
              im_opts_set(ctx, bad, "basemap", "none") == IM_OK,
          "page a4, dpi 2000: %s", im_context_last_error(ctx));
    im_context_clear_error(ctx);
    data = (unsigned char *)"x";
    st = im_render_to_memory(ctx, set, bad, IM_OUTPUT_PNG, &data, &size);
    CHECK(st == IM_ERR_ARG && !data && strstr(im_context_last_error(ctx), "over the limit"),
          "A4 at 2000 dpi in memory: %d '%s'", st, im_context_last_error(ctx));
    im_opts_free(bad);

    im_opts_free(opts);
    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("memory");
}
