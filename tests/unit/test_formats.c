/* test_formats.c - GeoJSON and CSV readers: the same incidents as native
 * JSON, GeoJSON and CSV (tests/data/formats/) load to the same records and
 * render byte-identical PNGs; field mapping, dates, rows in messages,
 * strict mode and the CSV dialects. */
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

/* text handed over in a buffer of exactly its size, without the NUL after
 * it (as a caller's buffer may be): a reader that reads past the size
 * fails under ASan (the sanitizer build). */
static im_status load(im_context *ctx, im_incidents *set, const char *name, const char *text)
{
    logbuf[0] = '\0';
    n_errors = n_warnings = 0;
    size_t n = strlen(text);
    char *exact = malloc(n ? n : 1);
    if (!exact)
        return IM_ERR_NOMEM;
    memcpy(exact, text, n);
    im_status st = im_incidents_load_buffer(ctx, set, name, exact, n, IM_INPUT_AUTO);
    free(exact);
    return st;
}

static char *slurp(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    rewind(fp);
    char *buf = malloc((size_t)n + 1);
    *size = fread(buf, 1, (size_t)n, fp);
    fclose(fp);
    return buf;
}

#define CSV_HEAD "id,date,latitude,longitude,weapon\n"

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    const char *fmts[3] = {"json", "geojson", "csv"};
    char *png[3] = {NULL, NULL, NULL};
    size_t png_size[3] = {0, 0, 0};
    im_incidents *sets[3];
    for (int f = 0; f < 3; f++) {
        im_context *ctx = im_context_new();
        im_context_set_log(ctx, on_log, NULL);
        char path[2048], out[2048];
        snprintf(path, sizeof path, "%s/formats/attacks.%s", argv[1], fmts[f]);
        snprintf(out, sizeof out, "%s/formats-%s.png", argv[2], fmts[f]);
        sets[f] = im_incidents_new();
        logbuf[0] = '\0';
        CHECK(im_incidents_load(ctx, sets[f], path, IM_INPUT_AUTO) == IM_OK, "%s: %s", path,
              logbuf);
        CHECK(im_incidents_count(sets[f]) == 8, "%s: %zu records", path,
              im_incidents_count(sets[f]));
        im_render_options o;
        im_render_options_init(&o);
        o.basemap = "none";
        o.width = 800;
        o.height = 600;
        o.dpi = 100;
        /* Only the native JSON carries a "title" member (the default title). */
        const char *title = im_incidents_title(sets[f]);
        CHECK(f == 0 ? title && strcmp(title, "Format test") == 0 : title == NULL,
              "%s: title \"%s\"", path, title ? title : "(none)");
        o.title = "Format test";
        CHECK(im_render(ctx, sets[f], &o, out, IM_OUTPUT_PNG) == IM_OK, "render %s: %s", out,
              im_context_last_error(ctx));
        png[f] = slurp(out, &png_size[f]);
        CHECK(png[f] != NULL && png_size[f] > 1000, "%s written", out);
        im_context_free(ctx);
    }
    /* The records are the same, field by field, in the same order. */
    for (size_t i = 0; i < im_incidents_count(sets[0]); i++) {
        im_incident a, b;
        CHECK(im_incidents_get(sets[0], i, &a) == IM_OK, "im_incidents_get");
        for (int f = 1; f < 3; f++) {
            if (im_incidents_get(sets[f], i, &b) != IM_OK)
                continue;
            CHECK(strcmp(a.id, b.id) == 0 && strcmp(a.site, b.site) == 0 &&
                      strcmp(a.weapon, b.weapon) == 0 && strcmp(a.source, b.source) == 0 &&
                      a.lat == b.lat && a.lon == b.lon && a.time == b.time &&
                      a.date_precision == b.date_precision && a.count == b.count &&
                      a.casualties == b.casualties && a.uncertainty_km == b.uncertainty_km,
                  "%s record %zu (%s) differs from the JSON one (%s %s %s)", fmts[f], i, a.id,
                  b.id, b.site, b.weapon);
        }
    }
    for (int f = 1; f < 3; f++)
        CHECK(png[f] && png[0] && png_size[f] == png_size[0] &&
                  memcmp(png[f], png[0], png_size[0]) == 0,
              "the %s map differs from the JSON map", fmts[f]);
    for (int f = 0; f < 3; f++) {
        free(png[f]);
        im_incidents_free(sets[f]);
    }

    im_context *ctx = im_context_new();
    im_context_set_log(ctx, on_log, NULL);
    im_incidents *set = im_incidents_new();
    im_incident inc;

    /* CSV: rows in messages are 1-based lines, also after a quoted field
     * spanning lines, with CRLF, and a lone CR. */
    CHECK(load(ctx, set, "m.csv", "id,date,latitude,longitude,weapon,notes\r\n"
                                  "a,2021-07-07,33,42,rocket,\"two\r\nlines\"\r\n"
                                  "b,2021-07-07,95,42,rocket,x\r\n"
                                  "\r\n"
                                  "c,2021-02-30,33,42,rocket,y\r"
                                  "d,2021-07-07,33,abc,rocket,z") == IM_ERR_DATA, "bad csv");
    CHECK(strstr(logbuf, "m.csv:4:14: row 4 (id \"b\"): latitude: 95 is outside [-90, 90]"), "row 4: %s",
          logbuf);
    CHECK(strstr(logbuf, "m.csv:6:3: row 6 (id \"c\"): date"), "row 6: %s", logbuf);
    CHECK(strstr(logbuf, "m.csv:7:17: row 7 (id \"d\"): longitude: \"abc\" is not a number"),
          "row 7: %s", logbuf);
    CHECK(im_incidents_count(set) == 0, "rolled back");
    /* Old Mac line ends to the last byte (a lone CR), and a CRLF file cut
     * after its last CR. */
    CHECK(load(ctx, set, "cr.csv", "id,date,latitude,longitude,weapon\r"
                                   "a,2021-07-07,33,42,rocket\r"
                                   "b,2021-07-08,34,43,drone\r") == IM_OK &&
              im_incidents_count(set) == 2,
          "lone CRs: %zu records: %s", im_incidents_count(set), logbuf);
    CHECK(load(ctx, set, "cut.csv", "id,date,latitude,longitude,weapon\r\n"
                                    "c,2021-07-09,35,44,ied\r") == IM_OK &&
              im_incidents_count(set) == 3,
          "a CRLF file cut after its CR: %zu records: %s", im_incidents_count(set), logbuf);
    im_incidents_free(set);
    set = im_incidents_new();

    /* ACLED dates, time precision, sub_event_type and fatalities. */
    CHECK(load(ctx, set, "acled.csv",
               "event_id_cnty,event_date,time_precision,sub_event_type,location,latitude,"
               "longitude,fatalities\n"
               "IRQ1,08 July 2021,1,Air/drone strike,Erbil,36.2,43.9,0\n"
               "IRQ2,08-07-2021,3,Shelling/artillery/missile attack,Asad,33.8,42.4,2\n"
               "IRQ3,8 Jul 2021,2,Remote explosive/landmine/IED,Road,32,44,\n"
               "IRQ4,2021-07-08,1,Peaceful protest,Square,33.3,44.4,0\n") == IM_OK,
          "acled: %s", logbuf);
    CHECK(n_warnings == 0, "no warnings: %s", logbuf);
    CHECK(im_incidents_count(set) == 4, "4 records");
    const char *want[4] = {"drone", "rocket", "ied", "other"};
    for (size_t i = 0; i < 4 && i < im_incidents_count(set); i++) {
        CHECK(im_incidents_get(set, i, &inc) == IM_OK, "im_incidents_get");
        CHECK(strcmp(inc.weapon, want[i]) == 0, "%s: weapon %s", inc.id, inc.weapon);
    }
    CHECK(im_incidents_get(set, 0, &inc) == IM_OK, "im_incidents_get");
    CHECK(inc.time == im_date_make(2021, 7, 8) && inc.date_precision == IM_DATE_DAY &&
              inc.casualties == 0 && strcmp(inc.site, "Erbil") == 0, "IRQ1 fields");
    CHECK(im_incidents_get(set, 1, &inc) == IM_OK, "im_incidents_get");
    CHECK(inc.time == im_date_make(2021, 7, 1) && inc.date_precision == IM_DATE_MONTH &&
              inc.casualties == 2, "IRQ2: time_precision 3 is a month");
    CHECK(im_incidents_get(set, 2, &inc) == IM_OK, "im_incidents_get");
    CHECK(inc.time == im_date_make(2021, 7, 8) && inc.casualties == -1, "IRQ3 fields");

    /* Semicolons and tabs are sniffed from the header; explicit names. */
    im_incidents_free(set);
    set = im_incidents_new();
    /* A comma is a decimal mark where it cannot separate fields: 33,5 is
     * 33.5 in a semicolon file (an Excel re-save in a de/fr locale), an
     * error in a comma-separated one (it could be a thousands separator). */
    CHECK(load(ctx, set, "comma.csv", "id,date,lat,lon,weapon\nc1,2021-07-07,\"33,5\",42,rocket\n") ==
              IM_ERR_DATA && strstr(logbuf, "\"33,5\" is not a number"), "comma file: %s", logbuf);
    CHECK(load(ctx, set, "semi.csv", "id;date;lat;lon;weapon\ns1;2021-07-07;33,5;-42,25;rocket\n"
                                     "s2;2021-07-07;33,5,1;42;rocket\n") == IM_ERR_DATA &&
              strstr(logbuf, "\"33,5,1\" is not a number"), "two commas: %s", logbuf);
    CHECK(load(ctx, set, "semi.csv", "id;date;lat;lon;weapon\ns1;2021-07-07;33,5;-42,25;rocket\n") ==
              IM_OK && strstr(logbuf, "decimal comma"), "semicolons: %s", logbuf);
    CHECK(im_incidents_get(set, 0, &inc) == IM_OK && inc.lat == 33.5 && inc.lon == -42.25,
          "33,5 and -42,25 with semicolons");
    CHECK(load(ctx, set, "tab.tsv", "id\tdate\tlat\tlon\tweapon\nt1\t2021-07-07\t33\t42\t"
                                    "  rocket launcher  \n") == IM_OK, "tsv: %s", logbuf);
    CHECK(im_incidents_get(set, 1, &inc) == IM_OK, "im_incidents_get");
    CHECK(strcmp(inc.weapon, "other") == 0 && n_warnings == 1, "unknown weapon warns once");
    CHECK(im_context_set_field(ctx, "weapon", "attack_type") == IM_OK, "set field");
    CHECK(im_context_set_field(ctx, "colour", "x") == IM_ERR_ARG, "unknown field");
    CHECK(load(ctx, set, "f.csv", "id,date,lat,lon,weapon,attack_type\n"
                                  "f1,2021-07-07,33,42,mortar,UAV\n") == IM_OK, "field: %s",
          logbuf);
    CHECK(im_incidents_get(set, 2, &inc) == IM_OK, "im_incidents_get");
    CHECK(strcmp(inc.weapon, "drone") == 0, "--field weapon=attack_type: %s", inc.weapon);
    CHECK(load(ctx, set, "f2.csv", CSV_HEAD "f2,2021-07-07,33,42,mortar\n") == IM_ERR_DATA &&
              strstr(logbuf, "no column \"attack_type\""), "missing mapped column: %s", logbuf);
    CHECK(im_context_set_field(ctx, "weapon", NULL) == IM_OK, "im_context_set_field");
    CHECK(load(ctx, set, "n.csv", "id,date,lat,lon\nn1,2021-07-07,33,42\n") == IM_ERR_DATA &&
              strstr(logbuf, "no column for weapon"), "missing column: %s", logbuf);
    CHECK(load(ctx, set, "q.csv", CSV_HEAD "q1,2021-07-07,33,42,ro\"cket\n") == IM_ERR_SYNTAX &&
              strstr(logbuf, "q.csv:2:"), "stray quote: %s", logbuf);
    CHECK(load(ctx, set, "u.csv", CSV_HEAD "u1,2021-07-07,33,42,\"rocket\n") == IM_ERR_SYNTAX,
          "unclosed quote: %s", logbuf);
    CHECK(load(ctx, set, "h.csv", CSV_HEAD) == IM_OK, "header only");

    /* GeoJSON: a single Feature, MultiPoint, numeric ids, strictness. */
    im_incidents_free(set);
    set = im_incidents_new();
    CHECK(load(ctx, set, "one.json", "{\"type\":\"Feature\",\"id\":7,\"geometry\":{\"type\":"
                                     "\"Point\",\"coordinates\":[42.4,33.8]},\"properties\":"
                                     "{\"date\":\"2021-07-07\",\"weapon\":\"rocket\"}}") == IM_OK,
          "single feature by content: %s", logbuf);
    CHECK(im_incidents_get(set, 0, &inc) == IM_OK, "im_incidents_get");
    CHECK(strcmp(inc.id, "7") == 0 && inc.lon == 42.4, "numeric id %s", inc.id);
    CHECK(load(ctx, set, "mp.geojson",
               "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"m\","
               "\"geometry\":{\"type\":\"MultiPoint\",\"coordinates\":[[42,33],[43,34]]},"
               "\"properties\":{\"date\":\"2021-07-07\",\"attack_type\":\"drone\"}}]}") == IM_OK,
          "multipoint: %s", logbuf);
    CHECK(im_incidents_count(set) == 3, "one per point");
    CHECK(im_incidents_get(set, 2, &inc) == IM_OK, "im_incidents_get");
    CHECK(strcmp(inc.id, "m#2") == 0 && inc.lat == 34 && strcmp(inc.weapon, "drone") == 0,
          "second point %s", inc.id);
    const char *line = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                       "\"id\":\"l\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
                       "[[42,33],[43,34]]},\"properties\":{}}]}";
    CHECK(load(ctx, set, "l.geojson", line) == IM_OK && n_warnings == 1 &&
              strstr(logbuf, "LineString is not a point"), "skipped: %s", logbuf);
    im_context_set_strict(ctx, 1);
    CHECK(load(ctx, set, "l.geojson", line) == IM_ERR_DATA &&
              strstr(logbuf, "l.geojson:1:79: features[0] (id \"l\"): geometry: a LineString"),
          "strict: %s", logbuf);
    im_context_set_strict(ctx, 0);
    CHECK(load(ctx, set, "g.geojson", "{\"type\":\"Point\",\"coordinates\":[1,2]}") ==
              IM_ERR_DATA && strstr(logbuf, "type is \"Point\""), "bare geometry: %s", logbuf);
    CHECK(load(ctx, set, "t.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n"
                                      "{\"type\":\"Feature\",}]}") == IM_ERR_SYNTAX &&
              strstr(logbuf, "t.geojson:2:"), "syntax position: %s", logbuf);

    /* The error count covers records beyond the logged ones. */
    uint64_t e0 = im_context_error_count(ctx);
    char many[8192] = CSV_HEAD;
    for (int i = 0; i < 80; i++) {
        size_t n = strlen(many);
        snprintf(many + n, sizeof many - n, "e%d,2021-02-30,33,42,rocket\n", i);
    }
    CHECK(load(ctx, set, "many.csv", many) == IM_ERR_DATA, "many");
    CHECK(im_context_error_count(ctx) - e0 == 80, "80 problems counted, not %llu",
          (unsigned long long)(im_context_error_count(ctx) - e0));

    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("test_formats");
}
