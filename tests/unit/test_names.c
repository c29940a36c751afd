/*
 * test_names.c - the cartography of the bundled basemap: its drawing
 * hierarchy (order and line widths in the manifest), the names of
 * countries, seas, lakes and rivers placed on a map, the cleaned place
 * list, and dates in words for titles.
 *
 * Usage: test_names DATA_DIR [TMP_DIR [SOURCE_DIR]]
 * SOURCE_DIR is where basemaps/middle-east is looked for (else
 * DATA_DIR/../..). Prints every failed check; non-zero when any failed.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "im_private.h"

#include <jansson.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

static int failures, checks;

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        checks++;                                                              \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);    \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
        }                                                                      \
    } while (0)

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (!p)
        abort();
    snprintf(p, n, "%s/%s", a, b);
    return p;
}

/* ---- hierarchy: the manifest's drawing order and widths ------------- */

static long layer_at(json_t *layers, const char *name)
{
    for (size_t i = 0; i < json_array_size(layers); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(layers, i), "name")),
                   name) == 0)
            return (long)i;
    return -1;
}

/* The widest line a layer draws (width, or the largest width_by_rank). */
static double layer_width(json_t *layers, const char *name)
{
    long i = layer_at(layers, name);
    if (i < 0)
        return NAN;
    json_t *style = json_object_get(json_array_get(layers, (size_t)i), "style");
    json_t *byrank = json_object_get(style, "width_by_rank");
    double w = json_number_value(json_object_get(style, "width"));
    for (size_t k = 0; k < json_array_size(byrank); k++)
        w = fmax(w, json_number_value(json_array_get(byrank, k)));
    return w;
}

static void test_hierarchy(const char *dir)
{
    char *path = join(dir, "manifest.json");
    json_error_t err;
    json_t *m = json_load_file(path, 0, &err);
    CHECK(m != NULL, "%s: %s", path, err.text);
    free(path);
    if (!m)
        return;
    json_t *L = json_object_get(m, "layers");
    /* Drawing order: relief under water and lines; rivers under the
     * coast, the coast under the borders' casing, the casing under the
     * borders; names and places last. */
    static const char *const order[] = {"land", "relief", "lakes", "rivers", "coastline",
                                        "borders-casing", "borders", "names", "places"};
    for (size_t i = 0; i + 1 < sizeof order / sizeof order[0]; i++) {
        long a = layer_at(L, order[i]), b = layer_at(L, order[i + 1]);
        CHECK(a >= 0 && b >= 0 && a < b, "layer %s (%ld) must come before %s (%ld)", order[i],
              a, order[i + 1], b);
    }
    /* Line weights: borders > coast > rivers (every rank); the casing is
     * wider than the border line it sits under. */
    double border = layer_width(L, "borders"), casing = layer_width(L, "borders-casing");
    double coast = layer_width(L, "coastline"), river = layer_width(L, "rivers");
    CHECK(border > coast, "border %g pt not heavier than the coast %g pt", border, coast);
    CHECK(coast > river, "coast %g pt not heavier than the widest river %g pt", coast, river);
    CHECK(casing >= 2.5 * border, "border casing %g pt not wide enough under %g pt", casing,
          border);
    /* The casing is a light, translucent band; the border line is dark. */
    long ci = layer_at(L, "borders-casing");
    const char *cs = ci >= 0 ? json_string_value(json_object_get(
                                   json_object_get(json_array_get(L, (size_t)ci), "style"),
                                   "stroke"))
                             : NULL;
    im_rgba c;
    CHECK(cs && im_parse_color(cs, &c) && c.a < 1 && c.r + c.g + c.b > 2.0,
          "casing colour %s is not light and translucent", cs ? cs : "(none)");
    json_decref(m);
}

/* ---- names on a map ------------------------------------------------- */

static const im_name_label *find(const im_name_labels *l, const char *kind, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].kind, kind) == 0 && strcmp(l->v[i].name, name) == 0)
            return &l->v[i];
    return NULL;
}

/* Place the names on a map of the bbox, with the boxes in *occ already
 * taken; check that nothing placed overlaps anything else. */
static void place(im_context *ctx, const im_basemap *bm, const double bbox[4], int w, int h,
                  double pt, im_label_mode mode, im_boxes *occ, im_name_labels *out)
{
    im_view v;
    im_status st = im_view_init(ctx, &v, NULL, bbox, 10, 10, w - 20, h - 20, pt);
    CHECK(st == IM_OK, "view: %s", im_context_last_error(ctx));
    if (st != IM_OK)
        return;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(s);
    im_style sty;
    CHECK(im_style_init_default(&sty) == IM_OK, "style");
    size_t n0 = occ->n;
    st = im_names_draw(ctx, bm, cr, &v, &sty, mode, IM_NAMES_MAP, occ, out);
    CHECK(st == IM_OK, "names: %s", im_context_last_error(ctx));
    for (size_t i = n0; i < occ->n; i++) {
        for (size_t j = 0; j < i; j++)
            CHECK(!im_box_overlap(occ->v[i], occ->v[j]), "name box %zu overlaps box %zu", i, j);
        CHECK(occ->v[i].x0 >= v.fx && occ->v[i].y0 >= v.fy && occ->v[i].x1 <= v.fx + v.fw &&
                  occ->v[i].y1 <= v.fy + v.fh,
              "name box %zu outside the frame", i);
    }
    im_style_clear(&sty);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    im_view_clear(&v);
}

static void test_names(im_context *ctx, const im_basemap *bm)
{
    /* The default map's extent (Iraq and eastern Syria), 2000 x 1500 at 200 dpi. */
    const double iraq[4] = {39.2, 32.8, 45.8, 36.5};
    im_boxes occ = {0};
    im_name_labels got = {0};
    place(ctx, bm, iraq, 2000, 1500, 200 / 72.0, IM_LABELS_BOTH, &occ, &got);
    static const char *const want[][2] = {
        {"country", "Iraq"}, {"country", "Syria"}, {"river", "Tigris"},
        {"river", "Euphrates"}, {"lake", "Lake Tharthar"}};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        CHECK(find(&got, want[i][0], want[i][1]), "%s %s not named on the Iraq map",
              want[i][0], want[i][1]);
    const im_name_label *iq = find(&got, "country", "Iraq");
    const im_name_label *tg = find(&got, "river", "Tigris");
    CHECK(!tg || fabs(tg->angle) > 0.05, "the Tigris name is not along its (slanted) course");
    /* A name never covers what was there first: block Iraq's spot and
     * the name moves elsewhere, still inside Iraq's part of the frame. */
    if (iq) {
        im_boxes occ2 = {0};
        im_name_labels got2 = {0};
        im_box blocker = {iq->x - 40, iq->y - 40, iq->x + 40, iq->y + 40};
        CHECK(im_boxes_add(&occ2, blocker) == IM_OK, "blocker box");
        place(ctx, bm, iraq, 2000, 1500, 200 / 72.0, IM_LABELS_EN, &occ2, &got2);
        const im_name_label *iq2 = find(&got2, "country", "Iraq");
        CHECK(iq2 && !im_box_overlap(iq2->box, blocker), "Iraq's name did not move off a "
              "marker at its best spot");
        im_name_labels_free(&got2);
        im_boxes_free(&occ2);
    }
    im_name_labels_free(&got);
    im_boxes_free(&occ);

    /* The whole region: seas and the Caspian. */
    const double region[4] = {25, 12, 63, 42};
    place(ctx, bm, region, 2000, 1500, 200 / 72.0, IM_LABELS_BOTH, &occ, &got);
    static const char *const seas[] = {"Mediterranean Sea", "Red Sea", "Persian Gulf",
                                       "Caspian Sea", "Arabian Sea"};
    for (size_t i = 0; i < sizeof seas / sizeof seas[0]; i++)
        CHECK(find(&got, "sea", seas[i]), "%s not named on the region map", seas[i]);
    static const char *const countries[] = {"Iraq", "Iran", "Saudi Arabia", "Turkey",
                                            "Syria", "Egypt"};
    for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++)
        CHECK(find(&got, "country", countries[i]), "%s not named on the region map",
              countries[i]);
    /* A name fits its country: at this scale these are too small for theirs. */
    static const char *const small[] = {"Qatar", "Kuwait", "Bahrain", "Cyprus", "Lebanon",
                                        "Israel", "Palestine", "Armenia"};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
        CHECK(!find(&got, "country", small[i]), "%s named on the region map, where its name "
              "does not fit it", small[i]);
    im_name_labels_free(&got);
    im_boxes_free(&occ);

    /* labels none: nothing. */
    place(ctx, bm, iraq, 800, 600, 1.0, IM_LABELS_NONE, &occ, &got);
    CHECK(got.n == 0 && occ.n == 0, "--labels none placed %zu names", got.n);
    im_name_labels_free(&got);
    im_boxes_free(&occ);
}

/* ---- the cleaned place list ----------------------------------------- */

static long place_named(const im_basemap *bm, const char *name)
{
    for (size_t i = 0; i < im_basemap_place_count(bm); i++) {
        const char *n = im_basemap_place_str(bm, i, "name");
        if (n && strcmp(n, name) == 0)
            return (long)i;
    }
    return -1;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void test_places(const im_basemap *bm)
{
    size_t n = im_basemap_place_count(bm);
    CHECK(n > 600, "only %zu places", n);
    /* Transliteration marks of Arabic and Persian names (GeoNames'
     * "Ḩadīthah"); Latin-script countries keep their letters. */
    static const char *const marks[] = {"\u0101", "\u012b", "\u016b", "\u1e29", "\u0163",
                                        "\u015f", "\u2018", "\u2019", "\u1e0d", "\u1e93"};
    for (size_t i = 0; i < n; i++) {
        const char *name = im_basemap_place_str(bm, i, "name");
        const char *cc = im_basemap_place_str(bm, i, "country");
        if (!name || !cc)
            continue;
        CHECK(!ends_with(name, " District") && !ends_with(name, " Branch") &&
                  !ends_with(name, " Province") && !ends_with(name, " Governorate") &&
                  strncmp(name, "Nahiyat ", 8) != 0,
              "administrative unit or office as a place: %s", name);
        if (strcmp(cc, "IQ") == 0 || strcmp(cc, "SY") == 0 || strcmp(cc, "IR") == 0)
            for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
                CHECK(!strstr(name, marks[k]), "%s (%s) keeps a transliteration mark", name, cc);
        const char *ar = im_basemap_place_str(bm, i, "name_ar");
        CHECK(!ar || (strncmp(ar, "\u0642\u0636\u0627\u0621 ", 9) != 0 &&
                      strncmp(ar, "\u0646\u0627\u062d\u064a\u0629 ", 11) != 0),
              "%s: Arabic name with a unit's prefix: %s", name, ar);
    }
    CHECK(place_named(bm, "Pasragad Branch") < 0, "Pasragad Branch is still a place");
    CHECK(place_named(bm, "Tuz Khurmatu District") < 0, "Tuz Khurmatu District still a place");
    static const char *const present[] = {"Hamadan", "Tuz Khurmatu", "Haditha", "Deir ez-Zor",
                                          "Baghdad", "Sharjah", "Şanlıurfa"};
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        CHECK(place_named(bm, present[i]) >= 0, "no place named %s", present[i]);
    long bg = place_named(bm, "Baghdad");
    CHECK(bg >= 0 && im_basemap_place_num(bm, (size_t)bg, "capital") == 1, "Baghdad capital");
}

/* The world basemap's places went through the same clean-up (build-world.py
 * calls the Middle East build's not_a_place and clean_place_name); there
 * Latin-script names keep their letters everywhere. */
static void test_world_places(const im_basemap *bm)
{
    size_t n = im_basemap_place_count(bm);
    CHECK(n > 5000, "only %zu world places", n);
    for (size_t i = 0; i < n; i++) {
        const char *name = im_basemap_place_str(bm, i, "name");
        if (name)
            CHECK(!ends_with(name, " District") && !ends_with(name, " Branch") &&
                      !ends_with(name, " Province") && !ends_with(name, " Governorate"),
                  "world: administrative unit or office as a place: %s", name);
    }
    CHECK(place_named(bm, "Pasragad Branch") < 0, "world: Pasragad Branch is still a place");
    static const char *const present[] = {"Hamadan", "Baghdad", "Chi\u0219in\u0103u", "Kyiv",
                                          "Najran", "Tokat"};
    for (size_t i = 0; i < sizeof present / sizeof present[0]; i++)
        CHECK(place_named(bm, present[i]) >= 0, "world: no place named %s", present[i]);
    /* A capital is the city, not a smaller town whose name is the start of
     * the city's: GeoNames' "Washington D.C.", not Washington, Utah (drawn
     * as the capital of the United States on maps of Mexico). */
    for (size_t i = 0; i < n; i++) {
        const char *name = im_basemap_place_str(bm, i, "name");
        const char *cc = im_basemap_place_str(bm, i, "country");
        if (!name || !cc || im_basemap_place_num(bm, i, "capital") != 1)
            continue;
        double pop = im_basemap_place_num(bm, i, "population");
        for (size_t j = 0; j < n; j++) {
            const char *other = im_basemap_place_str(bm, j, "name");
            const char *occ = im_basemap_place_str(bm, j, "country");
            if (j != i && other && occ && strcmp(occ, cc) == 0 &&
                strncmp(other, name, strlen(name)) == 0)
                CHECK(im_basemap_place_num(bm, j, "population") < pop,
                      "world: the capital of %s is %s, but %s is bigger", cc, name, other);
        }
    }
    long dc = place_named(bm, "Washington D.C.");
    CHECK(dc >= 0 && im_basemap_place_num(bm, (size_t)dc, "capital") == 1,
          "world: Washington D.C. is not the capital");
    /* Transliteration marks are dropped in Arabic-script countries, but
     * Chad's capital is spelt the French way, apostrophe and all. */
    long nd = place_named(bm, "N'Djamena");
    CHECK(nd >= 0 && im_basemap_place_num(bm, (size_t)nd, "capital") == 1,
          "world: N'Djamena is not Chad's capital (\"NDjamena\"?)");
}

/* ---- dates in words ------------------------------------------------- */

static void test_dates(void)
{
    char buf[256];
    int64_t a = im_date_make(2019, 5, 19), b = im_date_make(2021, 7, 8);
    static const struct {
        int64_t from, to;
        const char *locale, *want;
        bool ok;
    } cases[] = {
        {0, 0, NULL, "1 January 1970", true},
        {0, 0, "xx_YY", "1 January 1970", false},
        {0, 0, "fr_FR.UTF-8", "1 janvier 1970", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool ok = im_date_human(cases[i].from, cases[i].locale, buf, sizeof buf);
        CHECK(ok == cases[i].ok && strcmp(buf, cases[i].want) == 0, "%s: \"%s\"",
              cases[i].locale ? cases[i].locale : "NULL", buf);
    }
    im_date_range_human(a, b, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "19 May 2019 \u2013 8 July 2021") == 0, "range \"%s\"", buf);
    im_date_range_human(b, a, "en_GB", buf, sizeof buf);
    CHECK(strcmp(buf, "19 May 2019 \u2013 8 July 2021") == 0, "reversed range \"%s\"", buf);
    im_date_range_human(im_date_make(2021, 5, 19), b, "en", buf, sizeof buf);
    CHECK(strcmp(buf, "19 May \u2013 8 July 2021") == 0, "same year \"%s\"", buf);
    im_date_range_human(im_date_make(2021, 7, 3), b + 3600, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "3\u20138 July 2021") == 0, "same month \"%s\"", buf);
    im_date_range_human(b, b + 7200, NULL, buf, sizeof buf);
    CHECK(strcmp(buf, "8 July 2021") == 0, "same day \"%s\"", buf);
    /* Arabic month names sit in bidi isolates, Iraq's names are Syriac. */
    im_date_range_human(a, b, "ar_IQ", buf, sizeof buf);
    CHECK(strcmp(buf, "19 \u2068\u0623\u064a\u0627\u0631\u2069 2019 \u2013 8 "
                      "\u2068\u062a\u0645\u0648\u0632\u2069 2021") == 0,
          "ar_IQ range \"%s\"", buf);
    im_date_human(a, "ar_EG", buf, sizeof buf);
    CHECK(strcmp(buf, "19 \u2068\u0645\u0627\u064a\u0648\u2069 2019") == 0, "ar_EG \"%s\"", buf);
}

/* ---- the file's "title" member is the default title ------------------ */

static void test_title(const char *data, const char *tmp)
{
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    char *in = join(data, "formats/attacks.json"), *out = join(tmp, "names-title.pdf");
    CHECK(im_incidents_load(ctx, set, in, IM_INPUT_AUTO) == IM_OK, "load %s", in);
    im_render_options o;
    im_render_options_init(&o);
    o.basemap = "none";
    CHECK(im_render(ctx, set, &o, out, IM_OUTPUT_PDF) == IM_OK, "render: %s",
          im_context_last_error(ctx));
    /* The PDF's title metadata is the map's title (ASCII: written as is). */
    FILE *fp = fopen(out, "rb");
    char *buf = malloc(1 << 20);
    size_t n = fp && buf ? fread(buf, 1, (1 << 20) - 1, fp) : 0;
    if (fp)
        fclose(fp);
    bool found = false;
    for (size_t i = 0; buf && i + 21 <= n && !found; i++)
        found = memcmp(buf + i, "/Title (Format test)", 20) == 0;
    CHECK(found, "%s: no /Title (Format test)", out);
    free(buf);
    free(in);
    free(out);
    im_incidents_free(set);
    im_context_free(ctx);
}

/* tests/data/site-place-names.tsv: does a site's name name a place? And
 * a missing name never does. */
static void test_site_names(const char *data)
{
    char *path = join(data, "site-place-names.tsv");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s", path);
    char line[512];
    int rows = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || !line[0])
            continue;
        char *site = line, *place = strchr(site, '\t'), *want = place ? strchr(place + 1, '\t') : NULL;
        CHECK(place && want, "bad row %s", line);
        if (!place || !want)
            continue;
        *place++ = '\0';
        *want++ = '\0';
        bool yes = strcmp(want, "yes") == 0;
        CHECK(im_site_names_place(site, place) == yes, "\"%s\" names \"%s\": want %s", site,
              place, want);
        rows++;
    }
    if (f)
        fclose(f);
    free(path);
    CHECK(rows >= 15, "only %d site-name rows", rows);
    CHECK(!im_site_names_place(NULL, "Basra") && !im_site_names_place("Basra", NULL) &&
              !im_site_names_place(NULL, NULL),
          "a missing name names a place");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *data = argc > 1 ? argv[1] : getenv("INCMAP_TEST_DATA");
    if (!data) {
        fprintf(stderr, "usage: %s TESTS_DATA_DIR [TMP [SOURCE_DIR]]\n", argv[0]);
        return 2;
    }
    test_dates();
    test_site_names(data);
    test_title(data, argc > 2 ? argv[2] : "/tmp");
    char *root = argc > 3 ? strdup(argv[3]) : join(data, "../..");
    char *dir = join(root, "basemaps/middle-east");
    test_hierarchy(dir);
    im_context *ctx = im_context_new();
    im_basemap *bm = NULL;
    CHECK(ctx && im_basemap_open(ctx, dir, &bm) == IM_OK, "open %s: %s", dir,
          ctx ? im_context_last_error(ctx) : "no context");
    if (bm) {
        test_names(ctx, bm);
        test_places(bm);
    }
    im_basemap_free(bm);
    bm = NULL;
    free(dir);
    dir = join(root, "basemaps/world");
    CHECK(ctx && im_basemap_open(ctx, dir, &bm) == IM_OK, "open %s: %s", dir,
          ctx ? im_context_last_error(ctx) : "no context");
    if (bm)
        test_world_places(bm);
    im_basemap_free(bm);
    im_context_free(ctx);
    free(dir);
    free(root);
    pango_cairo_font_map_set_default(NULL);
    printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
