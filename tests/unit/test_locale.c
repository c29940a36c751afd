/* test_locale.c - the host's locale does not reach numbers: a program that
 * calls setlocale(LC_ALL, "de_DE.UTF-8") (decimal comma) gets the same world
 * file, SVG, PNG and PDF bytes and the same parsed coordinates as under
 * "C", and its own locale back after each call. Needs the de_DE.UTF-8
 * locale (Debian: locales-all, in .ci/deps).
 * Usage: test_locale TESTS_DATA_DIR TMP_DIR SOURCE_DIR */
#include "check.h"
#include "im_private.h"
#include "testutil.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

static const char *g_data, *g_tmp, *g_src;

/* Load the CSV and JSON fixtures, render every format (with a world file
 * and a style file); tag names the outputs. Returns the sum of latitudes. */
static double run_all(const char *tag)
{
    char csv[2048], json[2048], style[2048], out[2048];
    snprintf(csv, sizeof csv, "%s/formats/attacks.csv", g_data);
    snprintf(json, sizeof json, "%s/render/precision.json", g_data);
    snprintf(style, sizeof style, "%s/data/style.json", g_src);
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_context_load_style(ctx, style) == IM_OK, "%s", im_context_last_error(ctx));
    CHECK(im_incidents_load(ctx, set, csv, IM_INPUT_AUTO) == IM_OK, "%s",
          im_context_last_error(ctx));
    CHECK(im_incidents_load(ctx, set, json, IM_INPUT_AUTO) == IM_OK, "%s",
          im_context_last_error(ctx));
    double sum = 0;
    for (size_t i = 0; i < im_incidents_count(set); i++) {
        im_incident inc;
        if (im_incidents_get(set, i, &inc) == IM_OK)
            sum += inc.lat * 1000 + inc.lon + inc.uncertainty_km;
    }
    const char *ext[] = {"png", "svg", "pdf"};
    for (int k = 0; k < 3; k++) {
        im_render_options o;
        im_render_options_init(&o);
        o.basemap = "none";
        o.width = 640;
        o.height = 480;
        o.dpi = 80;
        o.world_file = k == 0;
        o.timeline = 1;
        snprintf(out, sizeof out, "%s/locale-%s.%s", g_tmp, tag, ext[k]);
        CHECK(im_render(ctx, set, &o, out, IM_OUTPUT_AUTO) == IM_OK, "%s: %s", out,
              im_context_last_error(ctx));
    }
    im_incidents_free(set);
    im_context_free(ctx);
    return sum;
}

static int host_comma(void)
{
    char b[16];
    snprintf(b, sizeof b, "%.1f", 1.5);
    return strcmp(b, "1,5") == 0;
}

int main(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    g_data = argv[1];
    g_tmp = argv[2];
    g_src = argv[3];
    double c_sum = run_all("c");
    if (!setlocale(LC_ALL, "de_DE.UTF-8")) {
        CHECK(0, "the de_DE.UTF-8 locale is not installed (Debian: locales-all)");
        return check_result("test_locale");
    }
    CHECK(host_comma(), "the host locale did not take");
    double de_sum = run_all("de");
    CHECK(host_comma(), "the library left the host's locale changed");
    CHECK(c_sum == de_sum, "parsed coordinates differ: %.17g in C, %.17g in de_DE", c_sum,
          de_sum);
    const char *files[] = {"png", "pgw", "svg", "pdf", "png.aux.xml"};
    for (int k = 0; k < 5; k++) {
        char a[2048], b[2048];
        snprintf(a, sizeof a, "%s/locale-c.%s", g_tmp, files[k]);
        snprintf(b, sizeof b, "%s/locale-de.%s", g_tmp, files[k]);
        CHECK(tu_same_bytes(a, b), "%s differs between the C and de_DE locales", files[k]);
    }
    setlocale(LC_ALL, "C");
    return check_result("test_locale");
}
