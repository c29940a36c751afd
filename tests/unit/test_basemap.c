/*
 * test_basemap.c - basemap reading, drawing and place labels.
 *
 * Usage: test_basemap DATA_DIR [TMP_DIR [SOURCE_DIR]]
 * DATA_DIR is tests/data (INCMAP_TEST_DATA when no argument is given);
 * SOURCE_DIR, when given, is where basemaps/middle-east is looked for
 * (else DATA_DIR/../..). Prints every failed check and returns non-zero
 * when any failed.
 *
 * Fixtures live in DATA_DIR/basemap/: tiny/ is a small valid basemap,
 * single.geojson a one-file basemap, and every folder under bad/ is a
 * broken basemap whose expect.txt lists substrings (one per line) that
 * the error message must contain: add a case by adding a folder.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L
#endif
#include "basemap_int.h" /* a layer's positions, to compare two files */
#include "im_private.h"
#include "layout.h"

#include <dirent.h>
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

static bool file_exists(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp)
        fclose(fp);
    return fp != NULL;
}

static bool streq(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* Index of the layer named name, or -1. */
static long layer_index(const im_basemap *bm, const char *name)
{
    for (size_t i = 0; i < im_basemap_layer_count(bm); i++)
        if (streq(im_basemap_layer_get(bm, i, NULL, NULL), name))
            return (long)i;
    return -1;
}

static long place_index(const im_basemap *bm, const char *name)
{
    for (size_t i = 0; i < im_basemap_place_count(bm); i++)
        if (streq(im_basemap_place_str(bm, i, "name"), name))
            return (long)i;
    return -1;
}

static void check_layer(const im_basemap *bm, const char *name, size_t features, size_t positions)
{
    long i = layer_index(bm, name);
    CHECK(i >= 0, "layer \"%s\" missing", name);
    if (i < 0)
        return;
    size_t nf = 0, np = 0;
    im_basemap_layer_get(bm, (size_t)i, &nf, &np);
    CHECK(nf == features, "layer %s: %zu features, expected %zu", name, nf, features);
    CHECK(np == positions, "layer %s: %zu positions, expected %zu", name, np, positions);
}

/* ---- reading ------------------------------------------------------- */

static void test_open_tiny(im_context *ctx, const char *base)
{
    char *dir = join(base, "tiny");
    im_basemap *bm = NULL;
    im_status st = im_basemap_open(ctx, dir, &bm);
    CHECK(st == IM_OK && bm, "open %s: %s (%s)", dir, im_strerror(st), im_context_last_error(ctx));
    free(dir);
    if (!bm)
        return;
    CHECK(im_basemap_layer_count(bm) == 5, "%zu layers", im_basemap_layer_count(bm));
    check_layer(bm, "land", 1, 12);   /* outer 4 + hole 4 + island 4, closing positions dropped */
    check_layer(bm, "rivers", 3, 11);
    check_layer(bm, "places", 18, 18);
    check_layer(bm, "relief", 0, 0);
    long rv = layer_index(bm, "rivers");
    CHECK(im_basemap_feature_rank(bm, (size_t)rv, 0) == 1, "rank of the first river");
    CHECK(im_basemap_feature_rank(bm, (size_t)rv, 1) == 3, "rank of the second river");
    CHECK(im_basemap_feature_rank(bm, (size_t)rv, 2) == 0, "a river without rank");
    CHECK(streq(im_basemap_attribution(bm), "Test data, public domain"), "attribution %s",
          im_basemap_attribution(bm) ? im_basemap_attribution(bm) : "(null)");
    im_rgba bg = im_basemap_background(bm);
    CHECK(fabs(bg.r - 0x20 / 255.0) < 1e-9 && fabs(bg.b - 0xa0 / 255.0) < 1e-9, "background");

    CHECK(im_basemap_place_count(bm) == 18, "%zu places", im_basemap_place_count(bm));
    long b = place_index(bm, "Baghdad");
    CHECK(b >= 0, "Baghdad missing");
    if (b >= 0) {
        CHECK(streq(im_basemap_place_str(bm, (size_t)b, "name_ar"), "بغداد"), "Baghdad name_ar");
        CHECK(im_basemap_place_num(bm, (size_t)b, "population") == 7600000, "Baghdad population");
        CHECK(im_basemap_place_num(bm, (size_t)b, "capital") == 1, "Baghdad is a capital");
        CHECK(fabs(im_basemap_place_num(bm, (size_t)b, "lon") - 44.366) < 1e-12, "Baghdad lon");
        CHECK(fabs(im_basemap_place_num(bm, (size_t)b, "lat") - 33.315) < 1e-12, "Baghdad lat");
        CHECK(streq(im_basemap_place_str(bm, (size_t)b, "country"), "Testland"), "country");
    }
    long e = place_index(bm, "Erbil");
    CHECK(e >= 0 && im_basemap_place_num(bm, (size_t)e, "admin_capital") == 1 &&
              im_basemap_place_num(bm, (size_t)e, "capital") == 0, "Erbil flags");
    long s = place_index(bm, "Sardasht");
    CHECK(s >= 0 && streq(im_basemap_place_str(bm, (size_t)s, "name_fa"), "سردشت") &&
              im_basemap_place_str(bm, (size_t)s, "name_ar") == NULL &&
              isnan(im_basemap_place_num(bm, (size_t)s, "population")), "Sardasht properties");

    /* A user layer goes after the basemap's; a broken one leaves it as it was. */
    char *single = join(base, "single.geojson");
    st = im_basemap_add_layer(ctx, bm, single);
    CHECK(st == IM_OK && im_basemap_layer_count(bm) == 6, "add_layer: %s", im_strerror(st));
    char *broken = join(base, "bad/coord_not_number/coord.geojson");
    im_context_clear_error(ctx);
    st = im_basemap_add_layer(ctx, bm, broken);
    CHECK(st == IM_ERR_BASEMAP && im_basemap_layer_count(bm) == 6, "add_layer broken: %s",
          im_strerror(st));
    CHECK(strstr(im_context_last_error(ctx), "coord.geojson") != NULL, "message: %s",
          im_context_last_error(ctx));
    im_context_clear_error(ctx);
    free(single);
    free(broken);
    im_basemap_free(bm);

    /* By name in the basemap folder, and through the manifest's own path. */
    CHECK(im_context_set_basemap_dir(ctx, base) == IM_OK, "im_context_set_basemap_dir");
    bm = NULL;
    st = im_basemap_open(ctx, "tiny", &bm);
    CHECK(st == IM_OK && im_basemap_layer_count(bm) == 5, "open by name: %s", im_strerror(st));
    im_basemap_free(bm);
    char *man = join(base, "tiny/manifest.json");
    bm = NULL;
    st = im_basemap_open(ctx, man, &bm);
    CHECK(st == IM_OK && im_basemap_layer_count(bm) == 5, "open manifest: %s", im_strerror(st));
    im_basemap_free(bm);
    free(man);
    bm = NULL;
    st = im_basemap_open(ctx, "no-such-basemap", &bm);
    CHECK(st == IM_ERR_BASEMAP && !bm, "missing basemap: %s", im_strerror(st));
    CHECK(strstr(im_context_last_error(ctx), "no-such-basemap/manifest.json") != NULL,
          "message: %s", im_context_last_error(ctx));
    im_context_clear_error(ctx);
}

static void test_open_other(im_context *ctx, const char *base)
{
    im_basemap *bm = NULL;
    im_status st = im_basemap_open(ctx, "none", &bm);
    CHECK(st == IM_OK && bm && im_basemap_layer_count(bm) == 0, "none");
    CHECK(bm && im_basemap_attribution(bm) == NULL, "none has no attribution");
    im_basemap_free(bm);

    char *single = join(base, "single.geojson");
    bm = NULL;
    st = im_basemap_open(ctx, single, &bm);
    CHECK(st == IM_OK && bm, "open %s: %s", single, im_context_last_error(ctx));
    /* point, multipoint, nested collection; the null geometry and the empty
     * multipolygon are dropped */
    if (bm)
        check_layer(bm, "single.geojson", 3, 1 + 2 + 2 + 4);
    CHECK(im_basemap_place_count(bm) == 0, "a one-file basemap has no places layer");
    im_basemap_free(bm);
    free(single);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every folder under bad/ must fail with IM_ERR_BASEMAP and a message that
 * contains each line of its expect.txt. */
static void test_bad(im_context *ctx, const char *base)
{
    char *bad = join(base, "bad");
    DIR *d = opendir(bad);
    CHECK(d != NULL, "cannot open %s", bad);
    if (!d) {
        free(bad);
        return;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < 256)
        if (de->d_name[0] != '.')
            names[n++] = strdup(de->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    CHECK(n >= 10, "only %zu bad cases", n);
    for (size_t i = 0; i < n; i++) {
        char *dir = join(bad, names[i]);
        char *exp = join(dir, "expect.txt");
        im_context_clear_error(ctx);
        im_basemap *bm = (im_basemap *)1;
        im_status st = im_basemap_open(ctx, dir, &bm);
        const char *msg = im_context_last_error(ctx);
        CHECK(st == IM_ERR_BASEMAP && bm == NULL, "bad/%s: status %s, message \"%s\"", names[i],
              im_strerror(st), msg);
        FILE *fp = fopen(exp, "r");
        CHECK(fp != NULL, "bad/%s: no expect.txt", names[i]);
        char line[512];
        while (fp && fgets(line, sizeof line, fp)) {
            line[strcspn(line, "\r\n")] = '\0';
            if (*line)
                CHECK(strstr(msg, line) != NULL, "bad/%s: message \"%s\" lacks \"%s\"",
                      names[i], msg, line);
        }
        if (fp)
            fclose(fp);
        if (getenv("TEST_VERBOSE"))
            printf("bad/%s: %s\n", names[i], msg);
        if (bm != (im_basemap *)1)
            im_basemap_free(bm);
        free(dir);
        free(exp);
        free(names[i]);
    }
    im_context_clear_error(ctx);
    free(bad);
}

/* ---- drawing ------------------------------------------------------- */

static uint32_t pixel(cairo_surface_t *s, double x, double y)
{
    cairo_surface_flush(s);
    int ix = (int)floor(x), iy = (int)floor(y);
    if (ix < 0 || iy < 0 || ix >= cairo_image_surface_get_width(s) ||
        iy >= cairo_image_surface_get_height(s))
        return 0;
    const unsigned char *d = cairo_image_surface_get_data(s);
    return *(const uint32_t *)(d + (size_t)iy * cairo_image_surface_get_stride(s) + 4 * ix);
}

static bool near_rgb(uint32_t px, unsigned rgb, int tol)
{
    int r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
    return abs(r - (int)((rgb >> 16) & 255)) <= tol && abs(g - (int)((rgb >> 8) & 255)) <= tol &&
           abs(b - (int)(rgb & 255)) <= tol;
}

/* Device position of lon/lat through the view. */
static void dev(im_context *ctx, const im_view *v, double lon, double lat, double *x, double *y)
{
    *x = lon;
    *y = lat;
    CHECK(im_view_project(ctx, v, x, sizeof(double), y, sizeof(double), 1) == IM_OK, "im_view_project");
}

static void paint(cairo_t *cr, const im_basemap *bm)
{
    im_rgba bg = im_basemap_background(bm);
    cairo_set_source_rgba(cr, bg.r, bg.g, bg.b, bg.a);
    cairo_paint(cr);
}

static void check_boxes(const im_boxes *occ, size_t n0, const im_view *v, const char *what)
{
    CHECK(occ->n > n0 + 8, "%s: only %zu boxes placed", what, occ->n - n0);
    CHECK(occ->n - n0 <= 2 * 60, "%s: %zu boxes placed", what, occ->n - n0);
    for (size_t i = n0; i < occ->n; i++) {
        im_box a = occ->v[i];
        CHECK(a.x0 >= v->fx - 5 && a.y0 >= v->fy - 5 && a.x1 <= v->fx + v->fw + 5 &&
                  a.y1 <= v->fy + v->fh + 5,
              "%s: box %zu (%g,%g,%g,%g) outside the frame", what, i, a.x0, a.y0, a.x1, a.y1);
        for (size_t j = 0; j < i; j++)
            CHECK(!im_box_overlap(a, occ->v[j]), "%s: box %zu overlaps box %zu%s", what, i, j,
                  j < n0 ? " (placed before the call)" : "");
    }
}

/* A capital's dot box (im_basemap_capital_dots: what site labels keep
 * clear) holds all of its drawn dot, ring and halo: Baghdad at 3 device
 * units a point on a transparent page, the ink around its centre. */
static void capital_dot_box(im_context *ctx, const im_basemap *bm)
{
    const double bbox[4] = {44.0, 33.1, 44.8, 33.6};
    const int W = 400;
    im_view v;
    CHECK(im_view_init(ctx, &v, NULL, bbox, 0, 0, W, W, 3.0) == IM_OK, "view: %s",
          im_context_last_error(ctx));
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, W);
    cairo_t *cr = cairo_create(s);
    im_boxes occ = {NULL, 0, 0, NULL}, dots = {NULL, 0, 0, NULL};
    CHECK(im_basemap_capital_dots(ctx, bm, &v, &occ, &dots) == IM_OK && dots.n == 1,
          "Baghdad's dot: %zu boxes", dots.n);
    CHECK(im_basemap_draw_labels(ctx, bm, cr, &v, &ctx->style, IM_LABELS_EN, &occ) == IM_OK,
          "labels: %s", im_context_last_error(ctx));
    cairo_surface_flush(s);
    double x, y;
    dev(ctx, &v, 44.366, 33.315, &x, &y);
    if (dots.n == 1) {
        im_box b = dots.v[0];
        double half = (b.x1 - b.x0) / 2;
        CHECK(fabs((b.x0 + b.x1) / 2 - x) < 0.01 && fabs((b.y0 + b.y1) / 2 - y) < 0.01,
              "the dot box is not centred on Baghdad");
        int outside = 0, inked = 0;
        const unsigned char *d = cairo_image_surface_get_data(s);
        int stride = cairo_image_surface_get_stride(s);
        /* the pixels within half the box's side and 2 units more of the
         * centre: only the dot's (the label's halo starts further off) */
        for (int py = (int)(y - half - 2); py <= (int)(y + half + 2); py++)
            for (int px = (int)(x - half - 2); px <= (int)(x + half + 2); px++) {
                if (px < 0 || py < 0 || px >= W || py >= W)
                    continue;
                if (hypot(px + 0.5 - x, py + 0.5 - y) > half + 2)
                    continue;
                unsigned a = d[(size_t)py * (size_t)stride + 4 * (size_t)px + 3];
                if (a < 32)
                    continue;
                inked++;
                /* a pixel a whole pixel clear of the box (the halo's edge
                 * meets the box's, antialiased) */
                if (px + 2 <= b.x0 || px >= b.x1 + 1 || py + 2 <= b.y0 || py >= b.y1 + 1)
                    outside++;
            }
        CHECK(inked > 20, "no dot drawn at Baghdad (%d pixels)", inked);
        CHECK(outside == 0, "%d of %d pixels of Baghdad's dot outside its box (%g wide)",
              outside, inked, b.x1 - b.x0);
    }
    im_boxes_free(&dots);
    im_boxes_free(&occ);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    im_view_clear(&v);
}

static void test_draw(im_context *ctx, const char *base)
{
    char *dir = join(base, "tiny");
    im_basemap *bm = NULL;
    im_status st = im_basemap_open(ctx, dir, &bm);
    free(dir);
    CHECK(st == IM_OK, "open tiny: %s", im_context_last_error(ctx));
    if (st != IM_OK)
        return;
    const double bbox[4] = {38, 28, 48, 38};
    im_view v;
    st = im_view_init(ctx, &v, NULL, bbox, 10, 10, 400, 400, 1.0);
    CHECK(st == IM_OK, "view: %s", im_context_last_error(ctx));
    if (st != IM_OK) {
        im_basemap_free(bm);
        return;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 420, 420);
    cairo_t *cr = cairo_create(s);
    paint(cr, bm);
    st = im_basemap_draw(ctx, bm, cr, &v);
    CHECK(st == IM_OK, "draw: %s", im_context_last_error(ctx));

    double x, y;
    dev(ctx, &v, 41, 31, &x, &y);
    CHECK(near_rgb(pixel(s, x, y), 0xc08040, 2), "land pixel %08x at (%g, %g)",
          (unsigned)pixel(s, x, y), x, y);
    dev(ctx, &v, 42.4, 32.4, &x, &y);
    CHECK(near_rgb(pixel(s, x, y), 0x2040a0, 2), "hole pixel %08x", (unsigned)pixel(s, x, y));
    dev(ctx, &v, 43, 33, &x, &y);
    CHECK(near_rgb(pixel(s, x, y), 0xc08040, 2), "island pixel %08x", (unsigned)pixel(s, x, y));
    dev(ctx, &v, 39, 34.5, &x, &y);
    CHECK(near_rgb(pixel(s, x, y), 0x2040a0, 2), "sea pixel %08x", (unsigned)pixel(s, x, y));
    /* relief: value 60 at opacity 0.8 multiplies land by 1 - 0.8 * 195/255 */
    dev(ctx, &v, 45.5, 35.5, &x, &y);
    uint32_t px = pixel(s, x, y);
    double f = 1 - 0.8 * 195 / 255.0;
    CHECK(near_rgb(px, ((unsigned)(0xc0 * f + 0.5) << 16) | ((unsigned)(0x80 * f + 0.5) << 8) |
                           (unsigned)(0x40 * f + 0.5), 3),
          "relief pixel %08x", (unsigned)px);
    dev(ctx, &v, 45.05, 35.05, &x, &y);
    CHECK(near_rgb(pixel(s, x, y), 0xc08040, 2), "neutral relief pixel %08x",
          (unsigned)pixel(s, x, y));

    /* Drawing does not change the basemap: a second render is identical. */
    cairo_surface_t *s2 = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 420, 420);
    cairo_t *cr2 = cairo_create(s2);
    paint(cr2, bm);
    CHECK(im_basemap_draw(ctx, bm, cr2, &v) == IM_OK, "im_basemap_draw");
    cairo_surface_flush(s);
    cairo_surface_flush(s2);
    CHECK(memcmp(cairo_image_surface_get_data(s), cairo_image_surface_get_data(s2),
                 (size_t)cairo_image_surface_get_stride(s) * 420) == 0,
          "two renders differ");
    cairo_destroy(cr2);
    cairo_surface_destroy(s2);

    /* Labels: a box already taken right of Baghdad must be avoided. */
    static const im_label_mode modes[] = {IM_LABELS_BOTH, IM_LABELS_EN, IM_LABELS_AR};
    static const char *const mode_names[] = {"both", "en", "ar"};
    for (int m = 0; m < 3; m++) {
        im_boxes occ = {NULL, 0, 0, NULL};
        dev(ctx, &v, 44.366, 33.315, &x, &y);
        im_box taken = {x + 3, y - 8, x + 70, y + 8};
        CHECK(im_boxes_add(&occ, taken) == IM_OK, "im_boxes_add");
        im_box legend = {v.fx + v.fw - 90, v.fy + v.fh - 60, v.fx + v.fw, v.fy + v.fh};
        CHECK(im_boxes_add(&occ, legend) == IM_OK, "im_boxes_add");
        size_t n0 = occ.n;
        st = im_basemap_draw_labels(ctx, bm, cr, &v, &ctx->style, modes[m], &occ);
        CHECK(st == IM_OK, "labels %s: %s", mode_names[m], im_context_last_error(ctx));
        check_boxes(&occ, n0, &v, mode_names[m]);
        im_boxes_free(&occ);
    }
    /* A box right on Baghdad: no label goes over it (im_basemap_draw_labels
     * knows no markers, so the covered capital is not named; the render's
     * path, with markers, is checked below). */
    {
        im_boxes occ = {NULL, 0, 0, NULL};
        dev(ctx, &v, 44.366, 33.315, &x, &y);
        im_box markers = {x - 12, y - 12, x + 12, y + 12};
        CHECK(im_boxes_add(&occ, markers) == IM_OK, "im_boxes_add");
        st = im_basemap_draw_labels(ctx, bm, cr, &v, &ctx->style, IM_LABELS_EN, &occ);
        CHECK(st == IM_OK, "labels over markers: %s", im_context_last_error(ctx));
        check_boxes(&occ, 1, &v, "markers on Baghdad");
        im_boxes_free(&occ);
    }
    /* A capital covered by markers is named beside them (a leader to the
     * markers); one whose dot a site label covers is not named at all, even
     * where a leader could reach its point: the name would lead to a dot
     * nobody sees. occupied: the markers' boxes, then the
     * furniture's (none here), then the site labels'. */
    for (int label_over = 0; label_over < 2; label_over++) {
        im_boxes occ = {NULL, 0, 0, NULL};
        im_layout lay;
        memset(&lay, 0, sizeof lay);
        lay.pt = 1;
        dev(ctx, &v, 44.366, 33.315, &x, &y);
        /* the markers over the dot; a site label over its right edge only */
        im_box over = label_over ? (im_box){x + 2, y - 4, x + 60, y + 4}
                                 : (im_box){x - 12, y - 12, x + 12, y + 12};
        im_box elsewhere = {v.fx + 2, v.fy + 2, v.fx + 26, v.fy + 26};
        CHECK(im_boxes_add(&occ, label_over ? elsewhere : over) == IM_OK, "im_boxes_add");
        if (label_over)
            CHECK(im_boxes_add(&occ, over) == IM_OK, "im_boxes_add");
        st = im_basemap_place_labels(ctx, bm, cr, &v, &ctx->style, IM_LABELS_EN, &occ, 1, 1,
                                     &lay);
        CHECK(st == IM_OK, "labels: %s", im_context_last_error(ctx));
        int baghdad = 0;
        for (size_t i = 0; i < lay.n_names; i++)
            baghdad += strcmp(lay.names[i].text, "Baghdad") == 0;
        CHECK(baghdad == !label_over, "Baghdad under %s: named %d times, want %d",
              label_over ? "a site label" : "markers", baghdad, !label_over);
        im_layout_clear(&lay);
        im_boxes_free(&occ);
    }
    capital_dot_box(ctx, bm);
    im_boxes occ = {NULL, 0, 0, NULL};
    st = im_basemap_draw_labels(ctx, bm, cr, &v, &ctx->style, IM_LABELS_NONE, &occ);
    CHECK(st == IM_OK && occ.n == 0, "labels none placed %zu boxes", occ.n);
    /* The capitals' dots: each missing argument refused, alone. */
    {
        im_boxes dots = {NULL, 0, 0, NULL};
        CHECK(im_basemap_capital_dots(ctx, bm, &v, &occ, &dots) == IM_OK && dots.n == 1,
              "capital dots: %zu (Baghdad's)", dots.n);
        im_boxes_free(&dots);
        const void *args[4] = {bm, &v, &occ, &dots};
        for (int k = 0; k < 4; k++) {
            const void *a[4] = {args[0], args[1], args[2], args[3]};
            a[k] = NULL;
            im_context_clear_error(ctx);
            st = im_basemap_capital_dots(ctx, a[0], a[1], a[2], (im_boxes *)a[3]);
            CHECK(st == IM_ERR_ARG && strstr(im_context_last_error(ctx), "missing argument"),
                  "capital dots without argument %d: %d '%s'", k + 1, st,
                  im_context_last_error(ctx));
            im_boxes_free(&dots);
        }
    }
    im_boxes_free(&occ);
    CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS, "cairo: %s",
          cairo_status_to_string(cairo_status(cr)));
    if (getenv("TEST_PNG_OUT"))
        cairo_surface_write_to_png(s, getenv("TEST_PNG_OUT"));

    cairo_destroy(cr);
    cairo_surface_destroy(s);
    im_view_clear(&v);
    im_basemap_free(bm);
}

/* ---- Arabic shaping ------------------------------------------------ */

/* Glyph ids of text laid out in font; *rtl set when a run is right to left,
 * *family to the first run's font family (caller frees). */
static int glyphs(cairo_t *cr, const char *text, PangoGlyph *out, int max, bool *rtl,
                  char **family)
{
    PangoLayout *layout = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_from_string("Noto Sans Arabic 24");
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(layout, text, -1);
    PangoLayoutLine *line = pango_layout_get_line_readonly(layout, 0);
    int n = 0;
    for (GSList *r = line ? line->runs : NULL; r; r = r->next) {
        PangoGlyphItem *gi = r->data;
        if (gi->item->analysis.level & 1)
            *rtl = true;
        if (family && !*family) {
            PangoFontDescription *used = pango_font_describe(gi->item->analysis.font);
            *family = g_strdup(pango_font_description_get_family(used));
            pango_font_description_free(used);
        }
        for (int k = 0; k < gi->glyphs->num_glyphs && n < max; k++)
            out[n++] = gi->glyphs->glyphs[k].glyph;
    }
    g_object_unref(layout);
    return n;
}

static void test_arabic_shaping(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 64, 64);
    cairo_t *cr = cairo_create(s);
    PangoGlyph word[16], iso[5];
    bool rtl = false, dummy = false;
    char *family = NULL;
    int n = glyphs(cr, "بغداد", word, 16, &rtl, &family);
    CHECK(n == 5, "بغداد gave %d glyphs", n);
    CHECK(rtl, "بغداد is not laid out right to left");
    CHECK(family && strcmp(family, "Noto Sans Arabic") == 0, "font used: %s",
          family ? family : "(none)");
    for (int i = 0; i < n; i++)
        CHECK(!(word[i] & PANGO_GLYPH_UNKNOWN_FLAG) && word[i] != 0, "glyph %d is missing", i);
    /* Each letter alone gives its isolated form; in the word, ب is initial,
     * غ medial and the first د final, so at least three glyphs differ. */
    static const char *const letters[5] = {"ب", "غ", "د", "ا", "د"};
    for (int i = 0; i < 5; i++)
        CHECK(glyphs(cr, letters[i], &iso[i], 1, &dummy, NULL) == 1, "letter %d", i);
    int shaped = 0;
    for (int i = 0; i < n; i++) {
        bool found = false;
        for (int j = 0; j < 5; j++)
            found |= word[i] == iso[j];
        shaped += !found;
    }
    CHECK(shaped >= 3, "only %d of the word's glyphs are joined forms", shaped);
    bool has_iso_beh = false;
    for (int i = 0; i < n; i++)
        has_iso_beh |= word[i] == iso[0];
    CHECK(!has_iso_beh, "ب keeps its isolated glyph %u inside بغداد", iso[0]);
    g_free(family);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* ---- the bundled basemap ------------------------------------------- */

/* A GeoPackage layer: every row without an area, only the rows whose R-tree
 * box meets the area with one (also across the antimeridian), and the
 * credit only where the layer draws. */
/* Open file descriptors of this process (/proc/self/fd; -1 without it). */
static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    for (struct dirent *de; (de = readdir(d));)
        n += de->d_name[0] != '.';
    closedir(d);
    return n;
}

static void test_gpkg(im_context *ctx, const char *base)
{
    char *dir = join(base, "gpkg");
    im_basemap *bm = NULL;
    size_t nf = 0;
    int fds = open_fds();
    im_status st = im_basemap_open(ctx, dir, &bm);
    CHECK(st == IM_OK, "gpkg: %s", im_context_last_error(ctx));
    CHECK(bm && im_basemap_layer_get(bm, 0, &nf, NULL) && nf == 2, "gpkg: %zu features", nf);
    CHECK(bm && im_basemap_feature_rank(bm, 0, 0) == 1, "gpkg: rank column not read");
    double near[4] = {43, 32, 46, 35}, far[4] = {0, 0, 1, 1};
    char buf[128];
    const char *c = bm ? im_basemap_credits(bm, near, 5e6, buf, sizeof buf) : NULL;
    CHECK(c && strcmp(c, "Land: test data") == 0, "gpkg: credit \"%s\"", c ? c : "(none)");
    CHECK(!bm || im_basemap_credits(bm, far, 5e6, buf, sizeof buf) == NULL,
          "gpkg: credited where nothing is drawn");
    im_basemap_free(bm);
    /* opening and freeing a GeoPackage basemap leaves no file open */
    CHECK(open_fds() == fds, "gpkg: %d files open after open and free, %d before", open_fds(),
          fds);
    bm = NULL;
    st = im_basemap_open_area(ctx, dir, near, 5e6, &bm);
    nf = 0;
    CHECK(st == IM_OK && bm && im_basemap_layer_get(bm, 0, &nf, NULL) && nf == 1,
          "gpkg with an area: %zu features (want 1)", nf);
    im_basemap_free(bm);
    bm = NULL;
    double pacific[4] = {170, -25, 190, -10}; /* E past 180: across the antimeridian */
    st = im_basemap_open_area(ctx, dir, pacific, 5e6, &bm);
    nf = 0;
    CHECK(st == IM_OK && bm && im_basemap_layer_get(bm, 0, &nf, NULL) && nf == 1,
          "gpkg across 180: %zu features (want 1)", nf);
    im_basemap_free(bm);
    free(dir);
}

/* im_basemap_holds(): a basemap read for a view serves a later view whose
 * frame, with a margin of BM_AOI_HOLD, lies in the area read (render.c
 * then does not read it again), and not one that reaches past it. */
static void test_holds(im_context *ctx, const char *base)
{
    char *dir = join(base, "gpkg");
    const double b1[4] = {40, 30, 48, 37};
    im_view v1, v;
    CHECK(im_view_init(ctx, &v1, "EPSG:3395", b1, 0, 0, 800, 600, 1.0) == IM_OK, "view: %s",
          im_context_last_error(ctx));
    im_basemap *bm = NULL;
    CHECK(im_basemap_open_view(ctx, dir, &v1, &bm) == IM_OK && bm, "open_view: %s",
          im_context_last_error(ctx));
    CHECK(bm && im_basemap_holds(bm, &v1), "holds: not the view it was read for");
    /* wider by a degree a side: its own widened area (BM_AOI_WIDEN) is past
     * the one read, its frame and margin are not */
    const double b2[4] = {39, 29.5, 49, 37.5};
    CHECK(im_view_init(ctx, &v, "EPSG:3395", b2, 0, 0, 700, 600, 1.0) == IM_OK, "view 2");
    CHECK(bm && im_basemap_holds(bm, &v), "holds: a frame a degree wider is read again");
    im_view_clear(&v);
    /* next door: nothing of it was read */
    const double b3[4] = {48, 30, 56, 37};
    CHECK(im_view_init(ctx, &v, "EPSG:3395", b3, 0, 0, 800, 600, 1.0) == IM_OK, "view 3");
    CHECK(bm && !im_basemap_holds(bm, &v), "holds: a frame outside the area read");
    im_view_clear(&v);
    /* the frame's east edge just inside the area read: its margin is not */
    if (bm) {
        /* a square frame: the longitudes bind, the latitudes have room */
        const double b4[4] = {40, 31, bm->aoi[2] - 0.05, 36};
        CHECK(im_view_init(ctx, &v, "EPSG:3395", b4, 0, 0, 700, 700, 1.0) == IM_OK, "view 4");
        CHECK(!im_basemap_holds(bm, &v), "holds: a frame without its margin in the area read");
        im_view_clear(&v);
    }
    im_basemap_free(bm);
    im_view_clear(&v1);
    free(dir);
}

/* gpkg_be/: gpkg/'s GeoPackage with every geometry blob big-endian, header
 * and WKB (the GeoPackage standard and ISO WKB allow either byte order;
 * GDAL writes little-endian, other writers need not): the same features
 * and the same positions, bit for bit. */
static void test_gpkg_big_endian(im_context *ctx, const char *base)
{
    char *le_dir = join(base, "gpkg"), *be_dir = join(base, "gpkg_be");
    im_basemap *le = NULL, *be = NULL;
    im_status st = im_basemap_open(ctx, le_dir, &le);
    CHECK(st == IM_OK, "gpkg: %s", im_context_last_error(ctx));
    st = im_basemap_open(ctx, be_dir, &be);
    CHECK(st == IM_OK, "gpkg_be: %s", im_context_last_error(ctx));
    if (le && be && le->n_layers == 1 && be->n_layers == 1) {
        const bm_layer *a = &le->layers[0], *b = &be->layers[0];
        CHECK(a->n_features == b->n_features && a->n_parts == b->n_parts &&
                  a->n_pos == b->n_pos && a->n_pos > 0,
              "gpkg_be: %zu features, %zu parts, %zu positions; little-endian %zu, %zu, %zu",
              b->n_features, b->n_parts, b->n_pos, a->n_features, a->n_parts, a->n_pos);
        if (a->n_pos == b->n_pos)
            CHECK(memcmp(a->xy, b->xy, 2 * a->n_pos * sizeof(double)) == 0,
                  "gpkg_be: positions differ from the little-endian file's");
    } else {
        CHECK(false, "gpkg_be: not opened as one layer");
    }
    im_basemap_free(le);
    im_basemap_free(be);
    free(le_dir);
    free(be_dir);
}

/* west/: land at 6W-6E, 40-48N (its latitudes above the view's eastern
 * longitude) and a raster at 45-46E, 35-36N (its longitudes above the
 * view's northern latitude): each is drawn and credited where it is, which
 * a longitude compared with a latitude would cull. Its one place has only
 * a Kurdish name in Latin letters, which is not a second (Arabic-script)
 * line of its label. */
static double tallest_box(const im_boxes *b, size_t from)
{
    double h = 0;
    for (size_t i = from; i < b->n; i++)
        h = fmax(h, b->v[i].y1 - b->v[i].y0);
    return h;
}

static void test_west(im_context *ctx, const char *base)
{
    char *dir = join(base, "west");
    im_basemap *bm = NULL;
    im_status st = im_basemap_open(ctx, dir, &bm);
    free(dir);
    CHECK(st == IM_OK, "open west: %s", im_context_last_error(ctx));
    if (st != IM_OK)
        return;
    const double land_bbox[4] = {-10, 38, 10, 50}, relief_bbox[4] = {40, 30, 60, 40};
    char buf[128];
    const char *c = im_basemap_credits(bm, land_bbox, 5e6, buf, sizeof buf);
    CHECK(c && strcmp(c, "Land: test polygons") == 0, "west: land credit \"%s\"",
          c ? c : "(none)");
    c = im_basemap_credits(bm, relief_bbox, 5e6, buf, sizeof buf);
    CHECK(c && strcmp(c, "Relief: test raster") == 0, "west: relief credit \"%s\"",
          c ? c : "(none)");

    im_view v;
    st = im_view_init(ctx, &v, NULL, land_bbox, 10, 10, 400, 400, 1.0);
    CHECK(st == IM_OK, "west view: %s", im_context_last_error(ctx));
    if (st != IM_OK) {
        im_basemap_free(bm);
        return;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 420, 420);
    cairo_t *cr = cairo_create(s);
    paint(cr, bm);
    CHECK(im_basemap_draw(ctx, bm, cr, &v) == IM_OK, "west draw: %s", im_context_last_error(ctx));
    double x, y;
    dev(ctx, &v, -3, 46, &x, &y);
    CHECK(near_rgb(pixel(s, x, y), 0xc08040, 2), "west: land pixel %08x at 3W 46N",
          (unsigned)pixel(s, x, y));
    dev(ctx, &v, -8, 39, &x, &y);
    CHECK(near_rgb(pixel(s, x, y), 0x2040a0, 2), "west: sea pixel %08x at 8W 39N",
          (unsigned)pixel(s, x, y));

    /* South of the Indian Ocean in the fitted (azimuthal) projection the
     * frame reaches furthest south in the middle of its bottom edge, some
     * 20 degrees past the bbox: land there is drawn. */
    {
        const double south[4] = {33, -49, 120, -44};
        im_view vs;
        CHECK(im_view_init(ctx, &vs, NULL, south, 0, 0, 561, 396, 1.0) == IM_OK, "south view: %s",
              im_context_last_error(ctx));
        cairo_surface_t *s2 = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 561, 396);
        cairo_t *cr2 = cairo_create(s2);
        paint(cr2, bm);
        CHECK(im_basemap_draw(ctx, bm, cr2, &vs) == IM_OK, "south draw: %s",
              im_context_last_error(ctx));
        dev(ctx, &vs, 76, -66, &x, &y);
        CHECK(y > 300 && y < 396 && near_rgb(pixel(s2, x, y), 0xc08040, 2),
              "west: land pixel %08x at 76E 66S (%.0f, %.0f), below the bbox",
              (unsigned)pixel(s2, x, y), x, y);
        cairo_destroy(cr2);
        cairo_surface_destroy(s2);
        im_view_clear(&vs);
    }

    /* A frame inside the relief raster's uniform middle (value 60) is
     * shaded evenly, its first row as much as the rest. */
    {
        const double in_relief[4] = {45.35, 35.35, 45.65, 35.65};
        im_view vr;
        CHECK(im_view_init(ctx, &vr, NULL, in_relief, 10, 10, 100, 100, 1.0) == IM_OK,
              "relief view: %s", im_context_last_error(ctx));
        cairo_surface_t *s3 = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 120);
        cairo_t *cr3 = cairo_create(s3);
        paint(cr3, bm);
        CHECK(im_basemap_draw(ctx, bm, cr3, &vr) == IM_OK, "relief draw: %s",
              im_context_last_error(ctx));
        int top = (int)ceil(vr.fy), left = (int)ceil(vr.fx);
        uint32_t first = pixel(s3, left + 20.5, top + 0.5), inner = pixel(s3, left + 20.5, top + 5.5);
        CHECK(near_rgb(first, inner & 0xffffff, 2) && (inner & 0xff) < 0xa0 - 40,
              "relief: the frame's first row %08x, the rows below %08x (a shaded 0x2040a0)",
              (unsigned)first, (unsigned)inner);
        cairo_destroy(cr3);
        cairo_surface_destroy(s3);
        im_view_clear(&vr);
    }

    double h[2] = {0, 0};
    static const im_label_mode modes[2] = {IM_LABELS_EN, IM_LABELS_BOTH};
    for (int m = 0; m < 2; m++) {
        im_boxes occ = {NULL, 0, 0, NULL};
        CHECK(im_basemap_draw_labels(ctx, bm, cr, &v, &ctx->style, modes[m], &occ) == IM_OK,
              "west labels: %s", im_context_last_error(ctx));
        h[m] = tallest_box(&occ, 0);
        im_boxes_free(&occ);
    }
    CHECK(h[0] > 0 && fabs(h[0] - h[1]) < 0.01,
          "west: Erbil's label %.2f high in English, %.2f with local names (one line: "
          "\"Hewl\u00ear\" is not Arabic script)", h[0], h[1]);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    im_view_clear(&v);
    im_basemap_free(bm);
}

static void test_bundled(im_context *ctx, const char *root)
{
    char *dir = join(root, "basemaps/middle-east");
    char *man = join(dir, "manifest.json");
    if (!file_exists(man)) {
        printf("SKIP bundled basemap: %s not found\n", man);
        free(dir);
        free(man);
        return;
    }
    im_basemap *bm = NULL;
    im_status st = im_basemap_open(ctx, dir, &bm);
    CHECK(st == IM_OK, "bundled basemap: %s", im_context_last_error(ctx));
    static const char *const cities[] = {"Baghdad", "Erbil", "Mosul", "Basra", "Kirkuk"};
    for (size_t i = 0; bm && i < sizeof cities / sizeof cities[0]; i++) {
        long k = place_index(bm, cities[i]);
        CHECK(k >= 0, "bundled: no place named %s", cities[i]);
        const char *ar = k >= 0 ? im_basemap_place_str(bm, (size_t)k, "name_ar") : NULL;
        CHECK(ar && *ar, "bundled: %s has no name_ar", cities[i]);
    }
    CHECK(!bm || im_basemap_attribution(bm) != NULL, "bundled: no attribution");
    /* Its names file is read ahead with the layers (two threads here), and
     * the tree handed to the labels is the one the file gives. */
    const char *names = bm ? im_basemap_layer_file(bm, "names", 5e6) : NULL;
    json_t *ahead = names ? im_basemap_names_tree(bm, names) : NULL, *read = NULL;
    CHECK(ahead != NULL, "bundled: the names file %s was not read ahead", names ? names : "?");
    CHECK(!names || im_basemap_load_json(ctx, names, "names", &read) == IM_OK, "names: %s",
          im_context_last_error(ctx));
    CHECK(!ahead || (read && json_equal(ahead, read)), "bundled: the names read ahead differ");
    CHECK(!bm || im_basemap_names_tree(bm, "other.geojson") == NULL,
          "bundled: a names tree given for another file");
    json_decref(ahead);
    json_decref(read);
    im_basemap_free(bm);
    /* One thread: nothing is read ahead, the labels read the file. */
    const char *was = getenv("INCMAP_THREADS");
    char *keep = was ? strdup(was) : NULL;
    setenv("INCMAP_THREADS", "1", 1);
    bm = NULL;
    CHECK(im_basemap_open(ctx, dir, &bm) == IM_OK, "bundled, one thread: %s",
          im_context_last_error(ctx));
    names = bm ? im_basemap_layer_file(bm, "names", 5e6) : NULL;
    CHECK(!names || im_basemap_names_tree(bm, names) == NULL,
          "bundled, one thread: names read ahead with no helper thread");
    im_basemap_free(bm);
    if (keep)
        setenv("INCMAP_THREADS", keep, 1);
    else
        unsetenv("INCMAP_THREADS");
    free(keep);
    /* Choice by extent among the bundled basemaps. */
    char *folder = join(root, "basemaps"), name[64];
    char *old = strdup(ctx->basemap_dir ? ctx->basemap_dir : "");
    CHECK(im_context_set_basemap_dir(ctx, folder) == IM_OK, "basemap folder");
    /* middle-east holds 25..63 E, 12..42 N: every point of a bbox's edges
     * must be in it (the south-west corner of Yemen and Egypt's too). */
    static const struct { const char *what; double bbox[4]; const char *want; } choices[] = {
        {"Iraq", {40, 30, 48, 37}, "middle-east"},
        {"Yemen", {42, 12.5, 54, 19}, "middle-east"},
        {"Egypt", {25, 22, 37, 32}, "middle-east"},
        {"the whole middle-east extent", {25, 12, 63, 42}, "middle-east"},
        {"Ukraine", {22, 44, 41, 53}, "world"},
        {"Libya and Egypt", {9, 19, 37, 34}, "world"},
        {"Yemen and Somalia", {42, 1, 54, 19}, "world"},
        {"Fiji", {170, -25, 190, -10}, "world"},
    };
    for (size_t i = 0; i < sizeof choices / sizeof choices[0]; i++)
        CHECK(strcmp(im_basemap_choose(ctx, choices[i].bbox, name, sizeof name), choices[i].want) ==
                  0, "%s gets %s, want %s", choices[i].what, name, choices[i].want);
    CHECK(im_context_set_basemap_dir(ctx, old) == IM_OK, "basemap folder back");
    free(old);
    free(folder);
    free(dir);
    free(man);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *data = argc > 1 ? argv[1] : getenv("INCMAP_TEST_DATA");
    if (!data) {
        fprintf(stderr, "usage: %s TESTS_DATA_DIR\n", argv[0]);
        return 2;
    }
    /* Layers read ahead on a helper thread whatever the machine's CPUs
     * (basemap_prefetch.c; the bad basemaps read_ahead_* test it), unless
     * the environment says otherwise. */
    setenv("INCMAP_THREADS", "2", 0);
    im_context *ctx = im_context_new();
    if (!ctx) {
        fprintf(stderr, "FAIL: im_context_new\n");
        return 1;
    }
    char *base = join(data, "basemap");
    test_open_tiny(ctx, base);
    test_open_other(ctx, base);
    test_bad(ctx, base);
    test_gpkg(ctx, base);
    test_gpkg_big_endian(ctx, base);
    test_holds(ctx, base);
    test_draw(ctx, base);
    test_west(ctx, base);
    test_arabic_shaping();
    char *root = argc > 3 ? strdup(argv[3]) : join(data, "../..");
    test_bundled(ctx, root);
    free(root);
    free(base);
    im_context_free(ctx);
    /* Let LeakSanitizer see only our own leaks: drop Pango's and cairo's caches. */
    pango_cairo_font_map_set_default(NULL);
    printf("%d checks, %d failed\n", checks, failures);
    return failures ? 1 : 0;
}
