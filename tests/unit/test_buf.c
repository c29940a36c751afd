/* test_buf.c - the capped byte buffer (src/buf.h): growth, content, the
 * cap (IM_ERR_LIMIT, sticky, bytes kept), take and free, and the CSV reader
 * and SVG writer built on it; the collision index of placed boxes (boxes.c)
 * against a scan of every box.
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

/* The collision index (boxes.c: a hashed grid of cells three times the
 * first box, a list for boxes over 256 cells) answers every query as a scan
 * of all the boxes does: 2,000 boxes from a point to most of the page, some
 * wholly or partly left of or above the page (negative coordinates), and
 * 20,000 queries of every size, from a fixed seed. */
static void boxes(void)
{
    im_boxes b = {0};
    uint64_t seed = 0x9e3779b97f4a7c15ull;
#define RND() ((seed = seed * 6364136223846793005ull + 1442695040888963407ull) >> 33)
    /* side 1 pt to 400 pt, corner in -300 .. 1300 */
#define BOX(out)                                                                               \
    do {                                                                                       \
        double x = (double)(RND() % 16000) / 10 - 300, y = (double)(RND() % 16000) / 10 - 300;  \
        double w = RND() % 8 ? (double)(RND() % 300) / 10 + 1 : (double)(RND() % 4000) / 10;  \
        double h = RND() % 8 ? (double)(RND() % 300) / 10 + 1 : (double)(RND() % 4000) / 10;  \
        (out) = (im_box){x, y, x + w, y + h};                                                  \
    } while (0)
    im_box first = {100, 100, 108.5, 108.5}; /* a marker first: cells of 25.5 */
    CHECK(im_boxes_add(&b, first) == IM_OK, "add");
    for (int i = 0; i < 2000; i++) {
        im_box a;
        BOX(a);
        CHECK(im_boxes_add(&b, a) == IM_OK, "add box %d", i);
    }
    int wrong = 0, hits = 0;
    for (int q = 0; q < 20000; q++) {
        im_box a;
        BOX(a);
        bool scan = false;
        for (size_t i = 0; i < b.n && !scan; i++)
            scan = im_box_overlap(b.v[i], a);
        hits += scan;
        if (im_boxes_hit(&b, a) != scan && wrong++ < 5)
            CHECK(false, "query (%g, %g, %g, %g): the index says %s, a scan %s", a.x0, a.y0,
                  a.x1, a.y1, scan ? "clear" : "taken", scan ? "taken" : "clear");
    }
    CHECK(wrong == 0, "%d of 20000 queries answered wrongly", wrong);
    CHECK(hits > 2000 && hits < 18000, "%d of 20000 queries hit: not a mix", hits);
#undef BOX
#undef RND
    im_boxes_free(&b);
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
    boxes();
    return check_result("buf");
}
