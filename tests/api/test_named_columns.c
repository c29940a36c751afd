/* test_named_columns.c - im_columns.named: columns by name feeding the
 * fields --color-by FIELD and --size-by FIELD read (im_context_set_field
 * "category" and "size"), as a CSV file's columns of those names do. */
#include "../unit/check.h"
#include "incmap.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

static char last_error[1024];

static void on_log(void *user, im_log_level level, const char *msg)
{
    (void)user;
    if (level >= IM_LOG_ERROR)
        snprintf(last_error, sizeof last_error, "%s", msg);
}

int main(void)
{
    const double lon[3] = {44.4, 43.1, 44.0}, lat[3] = {33.3, 36.3, 35.5};
    const char *dates[3] = {"2021-07-01", "2021-07-02", "2021-07-03"};
    const char *weapons[3] = {"rocket", "drone", "rocket"};
    const char *kinds[2] = {"Shelling", "Air strike"};
    const int32_t codes[3] = {0, 1, -1};
    const double deaths[3] = {3, NAN, 12};
    const char *deaths_text[3] = {"3", "", "12"};

    im_named_column named[3];
    memset(named, 0, sizeof named);
    named[0].name = "notes"; /* named by no field: ignored */
    named[0].num = deaths;
    named[1].name = "Event_Type"; /* names match ignoring case, as a CSV header's */
    named[1].text.values = kinds;
    named[1].text.codes = codes;
    named[1].text.n_values = 2;
    named[2].name = "fatalities";
    named[2].num = deaths;

    im_columns c;
    memset(&c, 0, sizeof c);
    c.struct_size = sizeof c;
    c.n = 3;
    c.lon = lon;
    c.lat = lat;
    c.time_text.values = dates;
    c.weapon.values = weapons;
    c.n_named = 3;
    c.named = named;

    im_context *ctx = im_context_new();
    im_context_set_log(ctx, on_log, NULL);
    CHECK(im_context_set_field(ctx, "category", "event_type") == IM_OK, "category field");
    CHECK(im_context_set_field(ctx, "size", "fatalities") == IM_OK, "size field");
    im_incidents *set = im_incidents_new();
    CHECK(im_incidents_add_columns(ctx, set, "frame", &c) == IM_OK, "add: %s", last_error);
    CHECK(im_incidents_count(set) == 3, "3 rows");
    const char *want_cat[3] = {"Shelling", "Air strike", ""};
    for (size_t i = 0; i < 3 && im_incidents_count(set) == 3; i++) {
        im_incident r;
        CHECK(im_incidents_get(set, i, &r) == IM_OK, "get %zu", i);
        CHECK(strcmp(r.category, want_cat[i]) == 0, "row %zu category \"%s\"", i, r.category);
        CHECK(i == 1 ? isnan(r.size_value) : r.size_value == deaths[i], "row %zu size %g", i,
              r.size_value);
    }
    im_incidents_free(set);

    /* Sizes as text are read as a file's are: a bad one names row and column. */
    named[2].num = NULL;
    named[2].text.values = deaths_text;
    deaths_text[2] = "-4";
    set = im_incidents_new();
    im_context_clear_error(ctx);
    CHECK(im_incidents_add_columns(ctx, set, "frame", &c) != IM_OK &&
              strstr(im_context_last_error(ctx), "rows[2]") &&
              strstr(im_context_last_error(ctx), "fatalities: -4"),
          "bad size: %s", im_context_last_error(ctx));
    CHECK(im_incidents_count(set) == 0, "nothing added on an error");
    im_incidents_free(set);
    deaths_text[2] = "12";

    /* Colours need text. */
    named[1].num = deaths;
    set = im_incidents_new();
    CHECK(im_incidents_add_columns(ctx, set, "frame", &c) == IM_ERR_ARG &&
              strstr(last_error, "Event_Type") && strstr(last_error, "as text"),
          "category from numbers: %s", last_error);
    named[1].num = NULL;

    /* A code past the values, a column without a name, named NULL. */
    const int32_t bad_codes[3] = {0, 2, 1};
    named[1].text.codes = bad_codes;
    CHECK(im_incidents_add_columns(ctx, set, "frame", &c) == IM_ERR_ARG &&
              strstr(last_error, "Event_Type: code 2"),
          "code out of range: %s", last_error);
    named[1].text.codes = codes;
    named[0].name = "";
    CHECK(im_incidents_add_columns(ctx, set, "frame", &c) == IM_ERR_ARG &&
              strstr(last_error, "named[0] has no name"),
          "no name: %s", last_error);
    named[0].name = "notes";
    c.named = NULL;
    CHECK(im_incidents_add_columns(ctx, set, "frame", &c) == IM_ERR_ARG &&
              strstr(last_error, "named is NULL"),
          "named NULL: %s", last_error);
    c.named = named;

    /* A caller compiled before named existed: its struct ends before them. */
    c.struct_size = offsetof(im_columns, n_named);
    c.n_named = 99; /* beyond what it sent: never read */
    c.named = NULL;
    CHECK(im_incidents_add_columns(ctx, set, "frame", &c) == IM_OK, "old struct: %s",
          last_error);
    im_incident r;
    CHECK(im_incidents_count(set) == 3 && im_incidents_get(set, 0, &r) == IM_OK &&
              r.category[0] == '\0',
          "old struct: no category");
    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("api/named_columns");
}
