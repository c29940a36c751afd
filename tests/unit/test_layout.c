/* test_layout.c - nothing overlaps: in a dense case (500 incidents at 5
 * sites) every label box is clear of every other label, marker and piece
 * of furniture, and furniture pieces are clear of each other; at two sizes
 * and in each stacking mode. */
#include "check.h"
#include "im_private.h"

#include <stdlib.h>
#include <string.h>

static void dense_case(const char *input, const char *basemap, const char *out, int w, int h,
                       double dpi, im_stack_mode mode, int timeline)
{
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_incidents_load(ctx, set, input, IM_INPUT_AUTO) == IM_OK, "load");
    CHECK(im_incidents_count(set) == 500, "500 incidents");
    im_render_options o;
    im_render_options_init(&o);
    o.basemap = basemap;
    o.width = w;
    o.height = h;
    o.dpi = dpi;
    o.stack = mode;
    o.timeline = timeline;
    im_layout_report rep;
    memset(&rep, 0, sizeof rep);
    CHECK(im_render_ex(ctx, set, &o, out, IM_OUTPUT_AUTO, &rep) == IM_OK, "render %s: %s", out,
          im_context_last_error(ctx));
    size_t labels = 0, bad = 0;
    for (size_t i = rep.markers_end; i < rep.n; i++) {
        bool is_label = i >= rep.furniture_end;
        labels += is_label;
        size_t from = is_label ? 0 : rep.markers_end; /* furniture may sit over markers */
        for (size_t j = from; j < i; j++)
            if (im_box_overlap(rep.boxes[i], rep.boxes[j])) {
                if (bad++ < 5)
                    fprintf(stderr, "%s: box %zu (%.0f,%.0f-%.0f,%.0f) overlaps box %zu\n", out, i,
                            rep.boxes[i].x0, rep.boxes[i].y0, rep.boxes[i].x1, rep.boxes[i].y1, j);
            }
    }
    CHECK(bad == 0, "%s: %zu overlaps", out, bad);
    CHECK(labels >= 5, "%s: only %zu labels placed (the 5 sites at least)", out, labels);
    CHECK(rep.furniture_end - rep.markers_end >= 3, "%s: legend, scale bar, north arrow", out);
    free(rep.boxes);
    im_incidents_free(set);
    im_context_free(ctx);
}

/* Every point in the frame falls in exactly one density cell. */
static void density_counts(void)
{
    im_context *ctx = im_context_new();
    im_view v;
    double bbox[4] = {38, 29, 49, 38};
    CHECK(im_view_init(ctx, &v, NULL, bbox, 10, 20, 900, 700, 2) == IM_OK, "view");
    im_style st;
    CHECK(im_style_init_default(&st) == IM_OK, "im_style_init_default");
    im_render_options o;
    im_render_options_init(&o);
    for (int mode = IM_DENSITY_HEX; mode <= IM_DENSITY_GRID; mode++) {
        im_scene sc;
        memset(&sc, 0, sizeof sc);
        sc.ctx = ctx;
        sc.view = &v;
        sc.st = &st;
        sc.opts = &o;
        sc.n = 5000;
        sc.pts = calloc(sc.n, sizeof *sc.pts);
        unsigned seed = 12345;
        for (size_t i = 0; i < sc.n; i++) { /* spread over the frame, inclusive edges */
            seed = seed * 1103515245u + 12345u;
            sc.pts[i].x = v.fx + (double)(seed >> 8 & 0xffff) / 65535.0 * v.fw;
            seed = seed * 1103515245u + 12345u;
            sc.pts[i].y = v.fy + (double)(seed >> 8 & 0xffff) / 65535.0 * v.fh;
        }
        CHECK(im_density_build(&sc, mode) == IM_OK, "build");
        uint64_t sum = 0;
        for (size_t k = 0; k < (size_t)sc.cols * (size_t)sc.rows; k++)
            sum += sc.cells[k];
        CHECK(sum == sc.n, "mode %d: cells hold %llu of %zu points", mode,
              (unsigned long long)sum, sc.n);
        CHECK(sc.cell_max > 1, "cell max %u", sc.cell_max);
        free(sc.cells);
        free(sc.pts);
    }
    im_style_clear(&st);
    im_view_clear(&v);
    im_context_free(ctx);
}

int main(int argc, char **argv)
{
    density_counts();
    if (argc < 4)
        return 2;
    char input[2048], bundled[2048], tiny[2048], out[2048];
    snprintf(input, sizeof input, "%s/render/dense-500.json", argv[1]);
    snprintf(bundled, sizeof bundled, "%s/basemaps/middle-east", argv[3]);
    snprintf(tiny, sizeof tiny, "%s/basemap/tiny", argv[1]);
    const char *bms[2] = {bundled, tiny};
    for (int b = 0; b < 2; b++) {
        snprintf(out, sizeof out, "%s/dense-%d-auto.png", argv[2], b);
        dense_case(input, bms[b], out, 2000, 1500, 200, IM_STACK_AUTO, 1);
        snprintf(out, sizeof out, "%s/dense-%d-dodge.png", argv[2], b);
        dense_case(input, bms[b], out, 2000, 1500, 200, IM_STACK_DODGE, 0);
        snprintf(out, sizeof out, "%s/dense-%d-small.png", argv[2], b);
        dense_case(input, bms[b], out, 800, 600, 100, IM_STACK_AUTO, 0);
        snprintf(out, sizeof out, "%s/dense-%d-a5.pdf", argv[2], b);
        dense_case(input, bms[b], out, 1748, 1240, 300, IM_STACK_CLUSTER, 1);
    }
    /* Facets: one panel per period or weapon, counted by the renderer. */
    char sample[2048];
    snprintf(sample, sizeof sample, "%s/data/iraq-2021.json", argv[3]);
    static const struct { im_facet f; int64_t from; size_t panels; int drop; } facets[] = {
        {IM_FACET_YEAR, 0, 3, 0},     /* 2019, 2020, 2021 */
        {IM_FACET_WEAPON, 0, 3, 0},   /* rocket, drone, missile */
        {IM_FACET_QUARTER, 1, 7, 0},  /* from 2020: Q1 2020 - Q3 2021, quiet Q2 2020 kept */
        {IM_FACET_QUARTER, 1, 6, 1},  /* ... and dropped: Q1, Q3, Q4 2020, Q1-Q3 2021 */
        {IM_FACET_MONTH, 2, 4, 0},    /* from 2021-04: Apr, May, Jun, Jul */
        {IM_FACET_MONTH, 1, 19, 0},   /* from 2020: Jan 2020 - Jul 2021, 7 of them quiet */
        {IM_FACET_MONTH, 1, 12, 1},   /* ... without the quiet ones */
    };
    for (size_t i = 0; i < sizeof facets / sizeof facets[0]; i++) {
        im_context *ctx = im_context_new();
        im_incidents *set = im_incidents_new();
        CHECK(im_incidents_load(ctx, set, sample, IM_INPUT_AUTO) == IM_OK, "load sample");
        im_render_options o;
        im_render_options_init(&o);
        o.basemap = tiny;
        o.facet = facets[i].f;
        o.facet_empty_drop = facets[i].drop;
        if (facets[i].from) {
            o.has_from = 1;
            o.from = facets[i].from == 1 ? im_date_make(2020, 1, 1) : im_date_make(2021, 4, 1);
        }
        im_layout_report rep;
        memset(&rep, 0, sizeof rep);
        snprintf(out, sizeof out, "%s/facet-%zu.svg", argv[2], i);
        CHECK(im_render_ex(ctx, set, &o, out, IM_OUTPUT_AUTO, &rep) == IM_OK, "facet %zu: %s", i,
              im_context_last_error(ctx));
        CHECK(rep.panels == facets[i].panels, "facet %zu: %zu panels, want %zu", i, rep.panels,
              facets[i].panels);
        free(rep.boxes);
        im_incidents_free(set);
        im_context_free(ctx);
    }
    return check_result("test_layout");
}
