/* test_inputs.c - dates as data files write them (tests/data/date-forms.tsv,
 * expected values computed with Python), numbers as they write them
 * (tests/data/number-forms.tsv) and exactly as strtod reads them, Esri
 * date fields' milliseconds (tests/data/esri-dates.tsv), and the built-in
 * style being data/style.json itself (weapons, aliases and codes, both
 * ways). */
#include "check.h"
#include "im_private.h"

#include <math.h>
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

static void dates(const char *dir)
{
    char path[2048], line[512];
    snprintf(path, sizeof path, "%s/date-forms.tsv", dir);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    static const char *const prec_names[] = {"second", "day", "month", "year"};
    im_context *ctx = im_context_new();
    int rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        char *p = line, *in = field(&p), *opt = field(&p), *want = field(&p), *prec = field(&p);
        CHECK(im_context_set_date_order(ctx, NULL) == IM_OK &&
              im_context_set_date_format(ctx, NULL) == IM_OK, "resetting the date forms");
        if (strcmp(opt, "dmy") == 0 || strcmp(opt, "mdy") == 0)
            CHECK(im_context_set_date_order(ctx, opt) == IM_OK, "order %s", opt);
        if (strcmp(opt, "fmt") == 0) {
            char *bar = strchr(in, '|');
            *bar = '\0';
            CHECK(im_context_set_date_format(ctx, in) == IM_OK, "format %s", in);
            in = bar + 1;
        }
        int64_t t = 0;
        im_date_precision pr = IM_DATE_DAY;
        char why[320] = "";
        bool ok = im_date_read(ctx, in, &t, &pr, why, sizeof why);
        if (strcmp(want, "ERR") == 0) {
            CHECK(!ok, "\"%s\" (%s) should be rejected, got %lld", in, opt, (long long)t);
        } else if (strcmp(want, "AMBIG") == 0) {
            CHECK(!ok && strstr(why, "--date-order"), "\"%s\" should be ambiguous: %s", in, why);
        } else {
            CHECK(ok, "\"%s\" (%s) should parse: %s", in, opt, why);
            CHECK(t == atoll(want), "\"%s\": %lld, want %s", in, (long long)t, want);
            CHECK(strcmp(prec_names[pr], prec) == 0, "\"%s\": precision %s, want %s", in,
                  prec_names[pr], prec);
        }
        rows++;
    }
    CHECK(rows >= 40, "only %d date rows", rows);
    CHECK(im_context_set_date_format(ctx, "%d/%q/%Y") == IM_ERR_ARG, "unknown directive");
    CHECK(im_context_set_date_format(ctx, "%d/%m") == IM_ERR_ARG, "no year");
    CHECK(im_context_set_date_order(ctx, "ymd") == IM_ERR_ARG, "bad order");
    CHECK(im_context_set_preset(ctx, "acled") == IM_OK && im_context_set_preset(ctx, "x") ==
          IM_ERR_ARG, "presets");
    im_context_free(ctx);
    if (f)
        fclose(f);
}

/* The default style and data/style.json, loaded onto an empty style, agree. */
static void numbers(const char *dir)
{
    char path[2048], line[512];
    snprintf(path, sizeof path, "%s/number-forms.tsv", dir);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    int rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#')
            continue;
        char *p = line, *text = field(&p), *want = field(&p);
        double v = -12345;
        bool ok = im_parse_decimal(text, &v);
        if (strcmp(want, "-") == 0) {
            CHECK(!ok, "\"%s\" read as %.17g, want refused", text, v);
        } else {
            double w = strtod(want, NULL);
            CHECK(ok && fabs(v - w) <= 1e-12 * fabs(w), "\"%s\" read as %s%.17g, want %s", text,
                  ok ? "" : "refused ", v, want);
        }
        rows++;
    }
    if (f)
        fclose(f);
    CHECK(rows >= 20, "only %d number rows", rows);
}

/* Decimals as coordinates and counts are written, read to the very double
 * strtod gives (im_parse_decimal reads most without strtod): a few hundred
 * thousand of them, of every length, sign, padding and placement of the
 * point, around the fast path's edges (15-19 digits, 2^53, 22 decimals). */
static void decimals_exact(void)
{
    uint64_t x = 88172645463325252ULL; /* xorshift: the same strings each run */
    int bad = 0, n = 0;
    static const char *const fixed[] = {
        "9007199254740992", "9007199254740993", "9007199254740991.5", "0.9007199254740993",
        "1234567890123456789", "12345678901234567890", "0.0000000000000000000001",
        "0.00000000000000000000001", "-0", "-0.0", "+7.5", "000000000000000000001.5",
        "179.99999999999999999", "33.315200000000000", "1e5", "44.5E-3"};
    for (int k = 0; k < (int)(sizeof fixed / sizeof fixed[0]) + 400000; k++) {
        char num[64];
        if (k < (int)(sizeof fixed / sizeof fixed[0])) {
            snprintf(num, sizeof num, "%s", fixed[k]);
        } else {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            int digits = 1 + (int)(x % 24), point = (int)((x >> 8) % (unsigned)(digits + 1));
            size_t len = 0;
            if ((x >> 16) % 3 == 0)
                num[len++] = '-';
            for (int d = 0; d < digits; d++) {
                if (d == point && d > 0)
                    num[len++] = '.';
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                num[len++] = (char)('0' + (int)(x % 10));
            }
            num[len] = '\0';
        }
        double v = -1, want = strtod(num, NULL);
        bool ok = im_parse_decimal(num, &v);
        n++;
        if (!ok || memcmp(&v, &want, sizeof v) != 0) {
            if (bad++ < 5)
                CHECK(0, "\"%s\" read as %.17g, strtod gives %.17g", num, v, want);
        }
    }
    CHECK(bad == 0, "%d of %d decimals differ from strtod", bad, n);
}

/* Milliseconds since 1970 in an Esri date field read as text
 * (tests/data/esri-dates.tsv; "=": left as written). */
static void esri_dates(const char *dir)
{
    char path[2048], line[512];
    snprintf(path, sizeof path, "%s/esri-dates.tsv", dir);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    int rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#')
            continue;
        char *p = line, *text = field(&p), *want = field(&p), buf[64];
        const char *got = im_esri_date_text(text, buf, sizeof buf);
        if (strcmp(want, "=") == 0)
            CHECK(got == text, "Esri date \"%s\" read as \"%s\", want it left as written", text,
                  got);
        else
            CHECK(strcmp(got, want) == 0, "Esri date \"%s\" read as \"%s\", want \"%s\"", text,
                  got, want);
        rows++;
    }
    if (f)
        fclose(f);
    CHECK(rows >= 15, "only %d Esri date rows", rows);
}

static void style(const char *root)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/data/style.json", root);
    im_context *ctx = im_context_new();
    im_style def, file;
    CHECK(im_style_init_default(&def) == IM_OK, "default style");
    memset(&file, 0, sizeof file);
    file.other = -1;
    CHECK(im_style_load_file(ctx, &file, path) == IM_OK, "load %s", path);
    CHECK(def.n_weapons == file.n_weapons && def.n_weapons >= 7, "weapons %d vs %d",
          def.n_weapons, file.n_weapons);
    for (int i = 0; i < def.n_weapons && i < file.n_weapons; i++)
        CHECK(strcmp(def.weapons[i].name, file.weapons[i].name) == 0 &&
              strcmp(def.weapons[i].label, file.weapons[i].label) == 0 &&
              def.weapons[i].shape == file.weapons[i].shape &&
              def.weapons[i].color.r == file.weapons[i].color.r, "weapon %d", i);
    CHECK(def.n_aliases == file.n_aliases && def.n_aliases > 100, "aliases %zu vs %zu",
          def.n_aliases, file.n_aliases);
    for (size_t i = 0; i < def.n_aliases && i < file.n_aliases; i++)
        CHECK(strcmp(def.aliases[i].from, file.aliases[i].from) == 0 &&
              def.aliases[i].weapon == file.aliases[i].weapon, "alias %s", def.aliases[i].from);
    CHECK(def.n_codes == file.n_codes && def.n_codes > 0, "codes");
    /* The wordings the issue lists map where they should. */
    static const char *const want[][2] = {
        {"Explosives", "ied"}, {"Firearms", "small-arms"}, {"Incendiary", "other"},
        {"Melee", "other"}, {"IDF", "rocket"}, {"SAF", "small-arms"},
        {"Missile Strike", "missile"}, {"Airstrike", "airstrike"}, {"Drones", "drone"},
        {"Shahed", "drone"}, {"Geran-2", "drone"}, {"Lancet", "drone"}, {"FPV", "drone"},
        {"Iskander", "missile"}, {"Kalibr", "missile"}, {"HIMARS", "rocket"},
        {"240mm", "rocket"}, {"MLRS", "rocket"}, {"ATGM", "missile"}, {"car bomb", "ied"},
        {"cruise missile", "missile"}, {"artillery", "artillery"}, {"RPG", "small-arms"}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int w = im_style_weapon_lookup(&def, want[i][0]);
        CHECK(w >= 0 && strcmp(def.weapons[w].name, want[i][1]) == 0, "%s -> %s, got %s",
              want[i][0], want[i][1], w >= 0 ? def.weapons[w].name : "none");
    }
    int w = im_style_code_lookup(&def, "type_of_violence", "3");
    CHECK(w >= 0 && strcmp(def.weapons[w].name, "one-sided") == 0, "UCDP code 3");
    w = im_style_code_lookup(&def, "type_of_vi", "1");
    CHECK(w >= 0 && strcmp(def.weapons[w].name, "state-based") == 0, "DBF-cut column name");
    im_style_clear(&def);
    im_style_clear(&file);
    im_context_free(ctx);
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    dates(argv[1]);
    numbers(argv[1]);
    decimals_exact();
    esri_dates(argv[1]);
    style(argv[3]);
    return check_result("test_inputs");
}
