/* test_load.c - loading native JSON: valid files, every problem reported,
 * positions in messages, warnings once per unknown weapon, rollback. */
#include "check.h"
#include "incmap.h"

#include <stdlib.h>
#include <string.h>

static char logbuf[65536];
static int n_errors, n_warnings;

static void on_log(void *user, im_log_level level, const char *msg)
{
    (void)user;
    if (level == IM_LOG_ERROR) n_errors++;
    if (level == IM_LOG_WARNING) n_warnings++;
    size_t n = strlen(logbuf);
    snprintf(logbuf + n, sizeof logbuf - n, "%s\n", msg);
}

static void reset(void)
{
    logbuf[0] = '\0';
    n_errors = n_warnings = 0;
}

static im_status load(im_context *ctx, im_incidents *set, const char *text)
{
    reset();
    im_context_clear_error(ctx);
    return im_incidents_load_buffer(ctx, set, "mem.json", text, strlen(text), IM_INPUT_AUTO);
}

#define REC(id, extra) "{\"id\":\"" id "\",\"date\":\"2021-07-07\",\"lat\":33.78,\"lon\":42.44," \
                       "\"weapon\":\"rocket\"" extra "}"

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    im_context *ctx = im_context_new();
    im_context_set_log(ctx, on_log, NULL);
    im_incidents *set = im_incidents_new();

    /* An empty buffer given as (NULL, 0), in each text format: "the file
     * is empty", not a crash; nothing added. */
    {
        static const im_input_format fmts[] = {IM_INPUT_AUTO, IM_INPUT_JSON, IM_INPUT_GEOJSON,
                                               IM_INPUT_CSV};
        static const char *const names[] = {"nothing.json", "nothing.json", "nothing.geojson",
                                            "nothing.csv"};
        for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
            reset();
            im_context_clear_error(ctx);
            im_status st = im_incidents_load_buffer(ctx, set, names[i], NULL, 0, fmts[i]);
            const char *msg = im_context_last_error(ctx);
            CHECK(st != IM_OK && msg && strstr(msg, names[i]) && strstr(msg, "empty") &&
                      im_incidents_count(set) == 0,
                  "(NULL, 0) as %s: status %d, \"%s\"", names[i], st, msg ? msg : "");
        }
    }

    /* The sample data loads and has what the issue asks for. */
    char path[2048];
    snprintf(path, sizeof path, "%s/data/iraq-2021.json", argv[3]);
    reset();
    CHECK(im_incidents_load(ctx, set, path, IM_INPUT_AUTO) == IM_OK, "sample: %s", logbuf);
    size_t n = im_incidents_count(set);
    CHECK(n >= 30, "sample has %zu records", n);
    int64_t apr = im_date_make(2021, 4, 1), aug = im_date_make(2021, 8, 1);
    size_t in_window = 0;
    for (size_t i = 0; i < n; i++) {
        im_incident inc;
        CHECK(im_incidents_get(set, i, &inc) == IM_OK, "get %zu", i);
        if (inc.time >= apr && inc.time < aug)
            in_window++;
        CHECK(inc.lat > 29 && inc.lat < 38 && inc.lon > 38 && inc.lon < 49, "%s in region", inc.id);
    }
    CHECK(in_window >= 15, "only %zu records in April-July 2021", in_window);
    im_incident inc;
    CHECK(im_incidents_get(set, n, &inc) == IM_ERR_ARG, "out of range get");
    im_incidents_free(set);

    /* Field values, aliases and optional fields. */
    set = im_incidents_new();
    CHECK(load(ctx, set, "{\"incidents\":[" REC("a", ",\"count\":14,\"casualties\":2,\"site\":\"Ain al-Asad\"")
                         "," "{\"id\":\"b\",\"date\":\"2021-07-08T06:30:00+03:00\",\"lat\":33.3,\"lon\":44.39,\"weapon\":\"UAV\"}"
                         "]}") == IM_OK, "%s", logbuf);
    CHECK(im_incidents_count(set) == 2, "2 records");
    CHECK(im_incidents_get(set, 0, &inc) == IM_OK, "im_incidents_get");
    CHECK(strcmp(inc.weapon, "rocket") == 0 && inc.count == 14 && inc.casualties == 2, "fields");
    CHECK(strcmp(inc.site, "Ain al-Asad") == 0, "site %s", inc.site);
    CHECK(im_incidents_get(set, 1, &inc) == IM_OK, "im_incidents_get");
    CHECK(strcmp(inc.weapon, "drone") == 0, "alias UAV -> %s", inc.weapon);
    CHECK(inc.time == im_date_make(2021, 7, 8) + 3 * 3600 + 1800, "offset applied");
    CHECK(inc.count == -1 && inc.casualties == -1, "unknown counts are -1");

    /* Every problem is reported, with record index, id and field; the set
     * is left as it was. */
    CHECK(load(ctx, set, "{\"incidents\":["
                         "{\"id\":\"x1\",\"date\":\"2021-13-40\",\"lat\":95,\"lon\":200,\"weapon\":\"rocket\"},"
                         "{\"id\":\"x2\",\"lat\":\"N33\",\"lon\":44,\"weapon\":\"rocket\"},"
                         REC("a", "") "]}") == IM_ERR_DATA, "invalid records");
    CHECK(im_incidents_count(set) == 2, "rolled back to 2, have %zu", im_incidents_count(set));
    /* file:line:col: of the member (col 33: the date's value) */
    CHECK(strstr(logbuf, "mem.json:1:33: incidents[0] (id \"x1\"): date") != NULL, "date msg: %s",
          logbuf);
    CHECK(strstr(logbuf, "lat: 95 is outside [-90, 90]") != NULL, "lat msg");
    CHECK(strstr(logbuf, "lon: 200 is outside [-180, 180]") != NULL, "lon msg");
    CHECK(strstr(logbuf, "incidents[1] (id \"x2\"): date: missing") != NULL, "missing date");
    CHECK(strstr(logbuf, "incidents[1] (id \"x2\"): lat: \"N33\" is not a number") != NULL,
          "lat type");
    CHECK(strstr(logbuf, "incidents[2] (id \"a\"): id: duplicate") != NULL, "duplicate id");
    CHECK(n_errors >= 6, "%d errors", n_errors);

    /* Swapped coordinates get a hint. */
    CHECK(load(ctx, set, "{\"incidents\":[{\"id\":\"s\",\"date\":\"2021-07-07\",\"lat\":142.4,"
                         "\"lon\":33.7,\"weapon\":\"rocket\"}]}") == IM_ERR_DATA, "swap");
    CHECK(strstr(logbuf, "swapped") != NULL, "swap hint: %s", logbuf);

    /* Unknown weapons: drawn as other, one warning per distinct name. */
    im_incidents_free(set);
    set = im_incidents_new();
    CHECK(load(ctx, set, "{\"incidents\":["
                         "{\"id\":\"u1\",\"date\":\"2021\",\"lat\":1,\"lon\":1,\"weapon\":\"trebuchet\"},"
                         "{\"id\":\"u2\",\"date\":\"2021\",\"lat\":1,\"lon\":1,\"weapon\":\"Trebuchet\"},"
                         "{\"id\":\"u3\",\"date\":\"2021\",\"lat\":1,\"lon\":1,\"weapon\":\"catapult\"}]}") == IM_OK,
          "%s", logbuf);
    CHECK(n_warnings == 2, "%d warnings: %s", n_warnings, logbuf);
    CHECK(im_incidents_get(set, 1, &inc) == IM_OK, "im_incidents_get");
    CHECK(strcmp(inc.weapon, "other") == 0, "unknown -> %s", inc.weapon);

    /* Syntax errors carry line and column. */
    CHECK(load(ctx, set, "{\"incidents\": [\n  {\"id\": \"a\",\n   \"date\": 2021-07-07}\n]}") ==
              IM_ERR_SYNTAX, "syntax");
    CHECK(strstr(logbuf, "mem.json:3:") != NULL, "line 3 in %s", logbuf);
    CHECK(load(ctx, set, "") == IM_ERR_SYNTAX && strstr(logbuf, "empty"), "empty: %s", logbuf);
    CHECK(load(ctx, set, "[1, 2") == IM_ERR_SYNTAX, "truncated");
    CHECK(load(ctx, set, "\"text\"") == IM_ERR_DATA && strstr(logbuf, "top level is a string"),
          "top-level type: %s", logbuf);
    CHECK(load(ctx, set, "{\"incidents\": {}}") == IM_ERR_DATA, "incidents object");
    CHECK(load(ctx, set, "{\"title\": \"x\"}") == IM_ERR_DATA && strstr(logbuf, "no array of records"),
          "no incidents");
    CHECK(load(ctx, set, "{\"incidents\": []} x") == IM_ERR_SYNTAX, "trailing garbage");
    CHECK(load(ctx, set, "{\"incidents\": [{\"id\":\"n\",\"date\":\"2021\",\"lat\":NaN,\"lon\":1,"
                         "\"weapon\":\"rocket\"}]}") == IM_ERR_SYNTAX, "NaN");
    CHECK(load(ctx, set, "{\"incidents\": [{\"id\":\"\xff\",\"date\":\"2021\",\"lat\":1,\"lon\":1,"
                         "\"weapon\":\"rocket\"}]}") == IM_ERR_SYNTAX, "invalid UTF-8");
    /* A top-level array and a byte order mark are accepted. */
    size_t before = im_incidents_count(set);
    CHECK(load(ctx, set, "\xEF\xBB\xBF[" REC("bom", "") "]") == IM_OK, "BOM + array: %s", logbuf);
    CHECK(im_incidents_count(set) == before + 1, "one more");

    /* Limits are enforced with a clear error, not an out-of-memory. */
    im_limits lim;
    im_context_get_limits(ctx, &lim);
    lim.max_records = 2;
    CHECK(im_context_set_limits(ctx, &lim) == IM_OK, "im_context_set_limits");
    im_incidents *small = im_incidents_new();
    CHECK(load(ctx, small, "[" REC("l1", "") "," REC("l2", "") "," REC("l3", "") "]") == IM_ERR_LIMIT,
          "record limit");
    CHECK(im_incidents_count(small) == 0, "rolled back");
    im_incidents_free(small);

    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("test_load");
}
