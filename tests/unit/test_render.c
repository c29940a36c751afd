/* test_render.c - golden images (compared with a tolerance), determinism
 * (render twice, compare bytes) and atomic outputs. References are
 * updated only by tests/update-goldens.sh, never by this test. */
#include "check.h"
#include "im_private.h"
#include "testutil.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Extra options for a golden case. */
static int g_timeline;
static im_stack_mode g_stack;

static im_status render(const char *input, const char *out, const char *basemap, int w, int h,
                        double dpi, im_color_by by)
{
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    im_status st = im_incidents_load(ctx, set, input, IM_INPUT_AUTO);
    if (st == IM_OK) {
        im_render_options o;
        im_render_options_init(&o);
        o.basemap = basemap;
        o.width = w;
        o.height = h;
        o.dpi = dpi;
        o.color_by = by;
        o.timeline = g_timeline;
        o.stack = g_stack;
        o.title = "Golden test: attacks at four sites";
        o.subtitle = "Fixture data, not for publication";
        o.source = "incmap test suite";
        o.has_bbox = 1;
        o.bbox[0] = 40; o.bbox[1] = 32; o.bbox[2] = 46.5; o.bbox[3] = 37;
        st = im_render(ctx, set, &o, out, IM_OUTPUT_AUTO);
        if (st != IM_OK)
            fprintf(stderr, "render %s: %s\n", out, im_context_last_error(ctx));
    }
    im_incidents_free(set);
    im_context_free(ctx);
    return st;
}

/* Render NAME to TMP/NAME.out.png and compare it with tests/golden/NAME.png:
 * globally (antialiasing and font hinting may move a few pixels) and by
 * region (a missing marker, a moved label or a wrong colour is most of one
 * 32-pixel window). On a difference TMP/NAME.diff.png shows where. The test
 * never writes references: tests/update-goldens.sh copies the .out.png
 * files over them after a person has looked at the diff pictures. */
static void golden(const char *name, const char *input, const char *tmp, const char *golden_dir,
                   const char *basemap, int w, int h, double dpi, im_color_by by)
{
    char out[2048], ref[2048], diff[2048];
    snprintf(out, sizeof out, "%s/%s.out.png", tmp, name);
    snprintf(ref, sizeof ref, "%s/%s.png", golden_dir, name);
    snprintf(diff, sizeof diff, "%s/%s.diff.png", tmp, name);
    remove(diff);
    CHECK(render(input, out, basemap, w, h, dpi, by) == IM_OK, "render %s", name);
    struct stat sb;
    if (stat(ref, &sb) != 0) {
        CHECK(0, "no reference image %s (look at %s, then run tests/update-goldens.sh)", ref,
              out);
        return;
    }
    unsigned w1, h1, w2, h2;
    unsigned char *a = tu_read_rgba(out, &w1, &h1), *b = tu_read_rgba(ref, &w2, &h2);
    CHECK(a && b && w1 == w2 && h1 == h2, "%s: sizes %ux%u vs %ux%u", name, w1, h1, w2, h2);
    if (a && b && w1 == w2 && h1 == h2) {
        double frac, mean;
        unsigned rx, ry;
        tu_image_diff(a, b, (size_t)w1 * h1, &frac, &mean);
        double local = tu_image_worst_region(a, b, w1, h1, 32, 64, &rx, &ry);
        unsigned fx, fy;
        double faint = tu_image_worst_region(a, b, w1, h1, 32, 16, &fx, &fy);
        int ok = frac < 0.004 && mean < 2.0 && local < 0.02 && faint < 0.02;
        CHECK(ok, "%s differs from %s: %.3f%% pixels off, mean %.2f, worst 32-px window at "
                  "%u,%u has %.1f%% off (%.1f%% a little off at %u,%u); see %s", name, ref,
              frac * 100, mean, rx, ry, local * 100, faint * 100, fx, fy, diff);
        if (!ok)
            tu_write_diff_png(diff, a, b, w1, h1);
    }
    free(a);
    free(b);
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    const char *data = argv[1], *tmp = argv[2];
    char input[2048], gold[2048], fixture_bm[2048];
    snprintf(input, sizeof input, "%s/render/four-sites.json", data);
    snprintf(gold, sizeof gold, "%s/../golden", data);
    snprintf(fixture_bm, sizeof fixture_bm, "%s/basemap/tiny", data);

    golden("four-sites-weapon-800", input, tmp, gold, "none", 800, 600, 100, IM_COLOR_BY_WEAPON);
    golden("four-sites-weapon-1600", input, tmp, gold, "none", 1600, 1200, 200, IM_COLOR_BY_WEAPON);
    golden("four-sites-date-800", input, tmp, gold, "none", 800, 600, 100, IM_COLOR_BY_DATE);
    /* With a basemap: layers, place labels, the inset; and the timeline. */
    g_timeline = 1;
    golden("tiny-basemap-timeline-800", input, tmp, gold, fixture_bm, 800, 600, 100,
           IM_COLOR_BY_WEAPON);
    golden("tiny-basemap-timeline-1600", input, tmp, gold, fixture_bm, 1600, 1200, 200,
           IM_COLOR_BY_WEAPON);
    g_timeline = 0;
    g_stack = IM_STACK_CLUSTER;
    golden("four-sites-cluster-800", input, tmp, gold, "none", 800, 600, 100, IM_COLOR_BY_WEAPON);
    g_stack = IM_STACK_AUTO;

    /* Determinism: the same input gives the same bytes, in every format. */
    const char *ext[] = {"png", "svg", "pdf"};
    for (int i = 0; i < 3; i++) {
        char a[2048], b[2048];
        snprintf(a, sizeof a, "%s/det-a.%s", tmp, ext[i]);
        snprintf(b, sizeof b, "%s/det-b.%s", tmp, ext[i]);
        CHECK(render(input, a, "none", 800, 600, 100, IM_COLOR_BY_WEAPON) == IM_OK, "a.%s", ext[i]);
        CHECK(render(input, b, "none", 800, 600, 100, IM_COLOR_BY_WEAPON) == IM_OK, "b.%s", ext[i]);
        CHECK(tu_same_bytes(a, b), "%s renders differ between two runs", ext[i]);
    }
    /* ... and whatever the number of threads (the PNG deflated in pieces, the
     * basemap's layers read ahead, the inset's "world" basemap read while the
     * map is drawn): one against four, on a basemap of several layers, at a
     * size of several pieces, with an inset. */
    for (int i = 0; i < 3; i++) {
        char a[2048], b[2048];
        snprintf(a, sizeof a, "%s/thr-1.%s", tmp, ext[i]);
        snprintf(b, sizeof b, "%s/thr-4.%s", tmp, ext[i]);
        setenv("INCMAP_THREADS", "1", 1);
        CHECK(render(input, a, fixture_bm, 1600, 1200, 200, IM_COLOR_BY_WEAPON) == IM_OK, "1.%s",
              ext[i]);
        setenv("INCMAP_THREADS", "4", 1);
        CHECK(render(input, b, fixture_bm, 1600, 1200, 200, IM_COLOR_BY_WEAPON) == IM_OK, "4.%s",
              ext[i]);
        unsetenv("INCMAP_THREADS");
        CHECK(tu_same_bytes(a, b), "%s renders differ between one thread and four", ext[i]);
    }

    /* A failed render leaves an existing file untouched and no temporary. */
    char keep[2048];
    snprintf(keep, sizeof keep, "%s/keep.png", tmp);
    FILE *f = fopen(keep, "w");
    fputs("yesterday's good map", f);
    fclose(f);
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_incidents_load(ctx, set, input, IM_INPUT_AUTO) == IM_OK, "load");
    im_render_options o;
    im_render_options_init(&o);
    o.basemap = "none";
    o.crs = "EPSG:999999";
    CHECK(im_render(ctx, set, &o, keep, IM_OUTPUT_AUTO) == IM_ERR_CRS, "bad crs fails");
    char buf[64] = {0};
    f = fopen(keep, "r");
    CHECK(f && fgets(buf, sizeof buf, f) && strcmp(buf, "yesterday's good map") == 0,
          "existing file changed: \"%s\"", buf);
    if (f) fclose(f);
    o.crs = NULL;
    im_context_clear_error(ctx);
    char missing[2048];
    snprintf(missing, sizeof missing, "%s/no-such-folder/x.png", tmp);
    CHECK(im_render(ctx, set, &o, missing, IM_OUTPUT_AUTO) == IM_ERR_IO_WRITE, "missing folder");
    CHECK(strstr(im_context_last_error(ctx), "does not exist") != NULL, "%s",
          im_context_last_error(ctx));
    im_incidents_free(set);
    im_context_free(ctx);
    return check_result("test_render");
}
