/* test_buf.c - the capped byte buffer (src/buf.h): growth, content, the
 * cap (IM_ERR_LIMIT, sticky, bytes kept), take and free, and the CSV reader
 * and SVG writer built on it.
 *
 * Usage: test_buf TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"
#include "layout.h"

#include <sys/stat.h>
#include <unistd.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void growth(void)
{
    im_buf b = {0};
    CHECK(im_buf_append(&b, "", 0) == IM_OK && b.data && b.data[0] == '\0' && b.len == 0,
          "an empty append gives an empty string");
    /* 100,000 appends of 7 bytes: every byte where it belongs, NUL after. */
    char chunk[8];
    for (int i = 0; i < 100000; i++) {
        snprintf(chunk, sizeof chunk, "%07d", i);
        if (im_buf_append(&b, chunk, 7) != IM_OK)
            break;
    }
    CHECK(b.len == 700000 && !b.failed, "len %zu", b.len);
    CHECK(b.cap > b.len && b.data[b.len] == '\0', "NUL after the bytes (cap %zu)", b.cap);
    CHECK(memcmp(b.data + 7 * 12345, "0012345", 7) == 0, "content at 12345: %.7s",
          b.data + 7 * 12345);
    CHECK(memcmp(b.data + 7 * 99999, "0099999", 7) == 0, "last chunk");
    /* Doubling: far fewer than 100,000 capacities, and never 2x past need. */
    CHECK(b.cap <= 2 * (b.len + 1), "cap %zu for len %zu: grows by doubling, not more",
          b.cap, b.len);
    size_t cap = b.cap;
    CHECK(im_buf_reserve(&b, cap - b.len - 1) == IM_OK && b.cap == cap,
          "reserving what fits does not grow (%zu -> %zu)", cap, b.cap);
    CHECK(im_buf_reserve(&b, cap - b.len) == IM_OK && b.cap > cap,
          "reserving one more byte grows (%zu -> %zu)", cap, b.cap);
    CHECK(im_buf_puts(&b, "end") == IM_OK && strcmp(b.data + b.len - 3, "end") == 0, "puts");
    im_buf_free(&b);
    CHECK(!b.data && b.len == 0 && b.cap == 0, "free empties");
    im_buf_free(NULL);
}

static void cap(void)
{
    im_buf b = {.max = 10};
    CHECK(im_buf_append(&b, "0123456789", 10) == IM_OK, "exactly max bytes fit");
    CHECK(b.cap == 11, "cap stops at max + its NUL: %zu", b.cap);
    CHECK(im_buf_append(&b, "x", 1) == IM_ERR_LIMIT, "one byte over max: IM_ERR_LIMIT");
    CHECK(b.failed && b.st == IM_ERR_LIMIT, "the buffer is failed with the limit");
    CHECK(b.len == 10 && strcmp(b.data, "0123456789") == 0, "what it held is kept: %s", b.data);
    CHECK(im_buf_append(&b, "", 0) == IM_ERR_LIMIT, "sticky: later appends fail too");
    CHECK(im_buf_take(&b) == NULL && !b.data && !b.failed && b.max == 10,
          "take of a failed buffer: NULL, freed, max kept");
    CHECK(im_buf_append(&b, "abc", 3) == IM_OK, "usable again after free");
    char *s = im_buf_take(&b);
    CHECK(s && strcmp(s, "abc") == 0 && !b.data && b.len == 0, "take hands over the bytes");
    free(s);
    s = im_buf_take(&b);
    CHECK(s && *s == '\0', "take of an empty buffer: \"\"");
    free(s);

    /* A single append larger than max, and sizes that would overflow. */
    im_buf c = {.max = 4};
    CHECK(im_buf_reserve(&c, 5) == IM_ERR_LIMIT && !c.data, "reserve over max allocates nothing");
    im_buf_free(&c);
    CHECK(im_buf_append(&c, "abcd", 4) == IM_OK, "after free");
    CHECK(im_buf_reserve(&c, SIZE_MAX) == IM_ERR_LIMIT, "SIZE_MAX: limit, not a wrap");
    im_buf_free(&c);
    im_buf d = {0};
    CHECK(im_buf_append(&d, "ab", 2) == IM_OK, "no cap of its own");
    CHECK(im_buf_reserve(&d, SIZE_MAX - 1) == IM_ERR_LIMIT && d.len == 2,
          "without max the overflow guard still refuses");
    CHECK(im_buf_cap_of(&d) < SIZE_MAX / 2 && im_buf_cap_of(&(im_buf){.max = 7}) == 7,
          "cap_of: %zu", im_buf_cap_of(&d));
    im_buf_free(&d);

    /* A writer that marks the buffer failed itself (svg_text.c) gets NOMEM. */
    im_buf e = {0};
    e.failed = true;
    CHECK(im_buf_append(&e, "a", 1) == IM_ERR_NOMEM && !e.data, "failed without st: NOMEM");
}

/* Cairo writes SVG through im_write_mem(): bytes in order, NUL-terminated. */
static void cairo_writer(void)
{
    im_membuf m = {0};
    CHECK(im_write_mem(&m, (const unsigned char *)"<svg", 4) == CAIRO_STATUS_SUCCESS &&
          im_write_mem(&m, (const unsigned char *)"/>", 2) == CAIRO_STATUS_SUCCESS,
          "write");
    CHECK(m.len == 6 && strcmp(m.data, "<svg/>") == 0, "written: %s", m.data);
    m.max = 8;
    CHECK(im_write_mem(&m, (const unsigned char *)"abc", 3) == CAIRO_STATUS_NO_MEMORY &&
          m.failed, "over the cap: Cairo hears of a write error");
    im_buf_free(&m);
}

/* A layout that lost an item (an add out of memory, whose status furniture.c
 * cannot return) is not dumped as if complete. */
static void layout_incomplete(const char *tmp)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/buf-layout.json", tmp);
    unlink(path);
    im_context *ctx = im_context_new();
    im_layout lay = {.pt = 1, .page_w = 100, .page_h = 100};
    CHECK(im_layout_add(&lay, IM_ITEM_TITLE, (im_box){1, 2, 3, 4}, "t", 0, 0, false) == IM_OK,
          "add");
    CHECK(im_layout_write_json(ctx, &lay, path) == IM_OK, "a complete layout is written");
    unlink(path);
    lay.incomplete = true;
    CHECK(im_layout_write_json(ctx, &lay, path) == IM_ERR_NOMEM, "an incomplete one is not");
    struct stat sb;
    CHECK(stat(path, &sb) != 0, "and leaves no file");
    CHECK(strstr(im_context_last_error(ctx), "incomplete") != NULL, "message: %s",
          im_context_last_error(ctx));
    im_layout_clear(&lay);
    im_context_free(ctx);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_buf TESTS_DATA_DIR TMP_DIR\n");
        return 2;
    }
    growth();
    cap();
    cairo_writer();
    layout_incomplete(argv[2]);
    return check_result("buf");
}
