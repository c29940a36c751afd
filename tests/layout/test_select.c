/* test_select.c - the select stage: windows over coarse dates (a month- or
 * year-precision record is in a window its period overlaps), the weapon
 * filter, and the count the batch reports agreeing with the render's. */
#include "im_private.h"

#include <stdio.h>
#include <string.h>

static int failed;
#define CHECK(c, ...) do { if (!(c)) { fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
    fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); failed++; } } while (0)

static size_t selected(im_context *ctx, const im_incidents *set, const char *from,
                       const char *to, const char *weapon)
{
    im_render_options o;
    im_render_options_init(&o);
    im_date_precision p;
    if (from) {
        o.has_from = im_date_parse(from, &o.from, &p) == IM_OK;
    }
    if (to) {
        o.has_to = im_date_parse(to, &o.to, &p) == IM_OK;
        o.to = im_date_period_end(o.to, p);
    }
    const char *w[1] = {weapon};
    if (weapon) {
        o.weapons = w;
        o.n_weapons = 1;
    }
    im_selection sel;
    if (im_select(ctx, set, &o, &sel) != IM_OK)
        return (size_t)-1;
    size_t n = sel.n;
    im_selection_free(&sel);
    CHECK(im_select_count(ctx, set, &o) == (int64_t)n, "count and selection agree");
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    char path[2048];
    snprintf(path, sizeof path, "%s/render/precision.json", argv[1]);
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_incidents_load(ctx, set, path, IM_INPUT_AUTO) == IM_OK, "load %s", path);
    /* a: 2021-05 (month), b: 2021-07-07, c: 2021-01-03 */
    CHECK(selected(ctx, set, NULL, NULL, NULL) == 3, "no window: all");
    CHECK(selected(ctx, set, "2021-05-15", "2021-06-30", NULL) == 1,
          "a month-precision record is in a window that starts mid-month");
    CHECK(selected(ctx, set, "2021-04-01", "2021-05-02", NULL) == 1,
          "and in one that ends early in its month");
    CHECK(selected(ctx, set, "2021-06-01", "2021-06-30", NULL) == 0, "not after its month");
    CHECK(selected(ctx, set, "2021-07-07", "2021-07-07", NULL) == 1, "a day is its whole day");
    CHECK(selected(ctx, set, NULL, NULL, "drone") == 1, "weapon filter");
    CHECK(selected(ctx, set, NULL, NULL, "no-such-weapon") == (size_t)-1,
          "an unknown --weapon is an error for the render");
    im_render_options o;
    im_render_options_init(&o);
    const char *w[1] = {"no-such-weapon"};
    o.weapons = w;
    o.n_weapons = 1;
    CHECK(im_select_count(ctx, set, &o) == 0, "and matches nothing in a count");
    CHECK(im_date_period_end(im_date_make(2021, 12, 1), IM_DATE_MONTH) ==
              im_date_make(2022, 1, 1) - 1, "December ends with the year");
    CHECK(im_date_period_end(im_date_make(2020, 1, 1), IM_DATE_YEAR) ==
              im_date_make(2021, 1, 1) - 1, "a year");
    im_incidents_free(set);
    im_context_free(ctx);
    if (failed)
        fprintf(stderr, "test_select: %d failed\n", failed);
    return failed ? 1 : 0;
}
