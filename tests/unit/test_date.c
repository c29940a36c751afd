/* test_date.c - ISO 8601 parsing and calendar arithmetic against tables
 * computed independently (tests/data/dates.tsv, subtract.tsv). */
#include "check.h"
#include "incmap.h"

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
    return check_result("test_date");
}
