/* test_date.c - ISO 8601 parsing and calendar arithmetic against tables
 * computed independently (tests/data/dates.tsv, subtract.tsv). */
#include "check.h"
#include "incmap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *field(char **p)
{
    char *s = *p, *t = strchr(s, '\t');
    if (t) {
        *t = '\0';
        *p = t + 1;
    } else {
        *p = s + strlen(s);
    }
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    char path[2048], line[512];
    snprintf(path, sizeof path, "%s/dates.tsv", argv[1]);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    static const char *const prec_names[] = {"second", "day", "month", "year"};
    int rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#')
            continue;
        char *p = line, *in = field(&p), *want = field(&p), *prec = field(&p);
        int64_t t = 0;
        im_date_precision pr = IM_DATE_DAY;
        im_status st = im_date_parse(in, &t, &pr);
        if (strcmp(want, "ERR") == 0) {
            CHECK(st != IM_OK, "\"%s\" should be rejected", in);
        } else {
            CHECK(st == IM_OK, "\"%s\" should parse", in);
            CHECK(t == atoll(want), "\"%s\": %lld, want %s", in, (long long)t, want);
            CHECK(strcmp(prec_names[pr], prec) == 0, "\"%s\": precision %s, want %s", in,
                  prec_names[pr], prec);
            char buf[16];
            im_date_format(t - (t % 86400 + 86400) % 86400, buf, sizeof buf);
            if (pr == IM_DATE_DAY)
                CHECK(strcmp(buf, in) == 0, "format round trip %s -> %s", in, buf);
        }
        rows++;
    }
    if (f)
        fclose(f);
    CHECK(rows > 20, "only %d rows", rows);

    snprintf(path, sizeof path, "%s/subtract.tsv", argv[1]);
    f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#')
            continue;
        char *p = line, *d = field(&p), *y = field(&p), *m = field(&p), *dd = field(&p),
             *want = field(&p);
        int64_t t;
        CHECK(im_date_parse(d, &t, NULL) == IM_OK, "%s", d);
        char buf[16];
        im_date_format(im_date_subtract(t, atoi(y), atoi(m), atoi(dd)), buf, sizeof buf);
        CHECK(strcmp(buf, want) == 0, "%s - P%sY%sM%sD = %s, want %s", d, y, m, dd, buf, want);
    }
    if (f)
        fclose(f);

    int y, m, d;
    CHECK(im_duration_parse("P7D", &y, &m, &d) == IM_OK && d == 7 && y == 0 && m == 0, "P7D");
    CHECK(im_duration_parse("P1Y2M3W4D", &y, &m, &d) == IM_OK && y == 1 && m == 2 && d == 25,
          "P1Y2M3W4D");
    CHECK(im_duration_parse("P", &y, &m, &d) != IM_OK, "P alone");
    CHECK(im_duration_parse("7D", &y, &m, &d) != IM_OK, "no P");
    CHECK(im_duration_parse("P1D1D", &y, &m, &d) != IM_OK, "repeated unit");
    CHECK(im_duration_parse("PT5H", &y, &m, &d) != IM_OK, "time part not supported");

    /* Every day from 1583 (the first whole Gregorian year) to 2800, walked
     * here one day at a time with the leap rule written out: the library's
     * day numbers must step by exactly one day, and turn back into the same
     * calendar date, across every 100- and 400-year boundary (1600, 2000,
     * 2400). The Unix epoch anchors the count. */
    {
        int cy = 1583, cm = 1, cd = 1, bad = 0;
        int64_t prev = im_date_make(cy, cm, cd) - 86400;
        CHECK(im_date_make(1970, 1, 1) == 0, "1970-01-01 is day 0");
        CHECK(im_date_make(2000, 3, 1) == 951868800, "2000-03-01");
        while (cy <= 2800 && bad < 5) {
            int64_t t = im_date_make(cy, cm, cd);
            char want[48], got[48];
            snprintf(want, sizeof want, "%04d-%02d-%02d", cy, cm, cd);
            im_date_format(t, got, sizeof got);
            int sy, sm, sd;
            im_date_split(t + 86399, &sy, &sm, &sd);
            if (t - prev != 86400 || strcmp(got, want) != 0 || sy != cy || sm != cm || sd != cd) {
                CHECK(0, "%s: day step %lld, formatted %s, split %d-%d-%d", want,
                      (long long)(t - prev), got, sy, sm, sd);
                bad++;
            }
            prev = t;
            bool leap = (cy % 4 == 0 && cy % 100 != 0) || cy % 400 == 0;
            int len = cm == 2 ? (leap ? 29 : 28) : (cm == 4 || cm == 6 || cm == 9 || cm == 11) ? 30 : 31;
            if (++cd > len) {
                cd = 1;
                if (++cm > 12) {
                    cm = 1;
                    cy++;
                }
            }
        }
    }
    return check_result("test_date");
}
