/* test_marks.c - the small drawing primitives, measured: the extent of each
 * marker shape at a known size (the shapes' visual-weight factors written
 * out here as numbers), the density ramp's end colours for a map whose
 * fullest cell holds one, two or many incidents, and the spacing of the
 * "no data" hatching at a scale of 2 pixels a point, and markers stamped
 * past 2,000 within a quarter pixel of their positions.
 *
 * Usage: test_marks (no arguments) */
#include "check.h"
#include "im_private.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* The extent of each shape of size 20 centred on (50, 50), from the
 * geometry each shape is meant to have (r = size / 2):
 * circle of radius r; square of half side 0.89 r; diamond of half diagonal
 * 1.22 r; triangle of circumradius 1.3 r, point up, centroid at the centre;
 * five-pointed star of outer radius 1.4 r, point up; an X whose arms reach
 * 1.15 r along the diagonals and are 0.72 r wide (a tip corner at
 * (1.15 r +- 0.36 r) / sqrt 2 from the centre on each axis). */
static void test_shapes(void)
{
    const double r = 10, s2 = sqrt(2);
    struct {
        im_shape shape;
        const char *name;
        double x0, y0, x1, y1; /* relative to the centre */
    } rows[] = {
        {IM_SHAPE_CIRCLE, "circle", -r, -r, r, r},
        {IM_SHAPE_SQUARE, "square", -0.89 * r, -0.89 * r, 0.89 * r, 0.89 * r},
        {IM_SHAPE_DIAMOND, "diamond", -1.22 * r, -1.22 * r, 1.22 * r, 1.22 * r},
        {IM_SHAPE_TRIANGLE, "triangle", -1.3 * r * sqrt(3) / 2, -1.3 * r, 1.3 * r * sqrt(3) / 2,
         1.3 * r / 2},
        {IM_SHAPE_STAR, "star", -1.4 * r * cos(M_PI / 10), -1.4 * r, 1.4 * r * cos(M_PI / 10),
         1.4 * r * cos(M_PI / 5)},
        {IM_SHAPE_CROSS, "cross", -(1.15 + 0.36) * r / s2, -(1.15 + 0.36) * r / s2,
         (1.15 + 0.36) * r / s2, (1.15 + 0.36) * r / s2},
    };
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
    cairo_t *cr = cairo_create(s);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cairo_new_path(cr);
        im_marker_path(cr, rows[i].shape, 50, 50, 2 * r);
        double x0, y0, x1, y1;
        cairo_path_extents(cr, &x0, &y0, &x1, &y1);
        CHECK(fabs(x0 - 50 - rows[i].x0) < 0.01 && fabs(y0 - 50 - rows[i].y0) < 0.01 &&
                  fabs(x1 - 50 - rows[i].x1) < 0.01 && fabs(y1 - 50 - rows[i].y1) < 0.01,
              "%s of size %g: extent (%.3f, %.3f)-(%.3f, %.3f) from the centre, want "
              "(%.3f, %.3f)-(%.3f, %.3f)", rows[i].name, 2 * r, x0 - 50, y0 - 50, x1 - 50,
              y1 - 50, rows[i].x0, rows[i].y0, rows[i].x1, rows[i].y1);
        /* the centre is inked (the X's crossing too) */
        CHECK(cairo_in_fill(cr, 50, 50), "%s: the centre is not inside", rows[i].name);
    }
    /* The X's arms are thin: a point on the horizontal axis past the arms'
     * half width (0.36 r * sqrt 2) is outside it. */
    cairo_new_path(cr);
    im_marker_path(cr, IM_SHAPE_CROSS, 50, 50, 2 * r);
    CHECK(!cairo_in_fill(cr, 50 + 0.36 * r * s2 + 0.3, 50), "cross: filled between its arms");
    CHECK(cairo_in_fill(cr, 50 + 1.0 * r / s2, 50 + 1.0 * r / s2), "cross: arm not inked");
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static bool same_rgb(im_rgba a, double r, double g, double b)
{
    return fabs(a.r - r) < 1e-9 && fabs(a.g - g) < 1e-9 && fabs(a.b - b) < 1e-9;
}

/* The density ramp runs light yellow (#ffeda0) for one incident to dark
 * purple-red for the fullest cell, on log(count). */
static void test_density_colors(void)
{
    im_scene sc;
    memset(&sc, 0, sizeof sc);
    const double light[3] = {1.00, 0.93, 0.63}, dark[3] = {0.45, 0.00, 0.15};
    struct {
        uint32_t cell_max, count;
        const double *want;
    } rows[] = {
        {2, 1, light}, {2, 2, dark},  /* the fullest cell holds two: one is the lightest */
        {3, 1, light}, {3, 3, dark},  {50, 1, light}, {50, 50, dark},
        {1, 1, dark},                 /* every cell holds one: all the fullest */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sc.cell_max = rows[i].cell_max;
        im_rgba c = im_density_color(&sc, rows[i].count);
        CHECK(same_rgb(c, rows[i].want[0], rows[i].want[1], rows[i].want[2]),
              "density colour of %u in a map whose fullest cell holds %u: %.2f %.2f %.2f",
              rows[i].count, rows[i].cell_max, c.r, c.g, c.b);
    }
    /* between the ends the ramp darkens with the count */
    sc.cell_max = 2;
    im_rgba one = im_density_color(&sc, 1), two = im_density_color(&sc, 2);
    CHECK(one.g > two.g + 0.5, "one incident (g %.2f) not much lighter than two (g %.2f)", one.g,
          two.g);
}

/* The no-data hatching: thin diagonals every 5 pt. At 2 px a point, a row
 * across a 200 px box meets one every 10 px. */
static void test_nodata_hatch(void)
{
    const int n = 200;
    const double pt = 2;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, n, n);
    cairo_t *cr = cairo_create(s);
    im_basemap_paint_nodata(cr, 0, 0, n, n, pt, NULL);
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    /* the ground is #e6e6e3 (0.90 grey); a hatch line darkens a pixel */
    int runs = 0, first = -1, last = -1;
    bool in = false;
    for (int x = 0; x < n; x++) {
        const unsigned char *p = px + (size_t)(n / 2) * (size_t)stride + 4 * (size_t)x;
        bool dark = p[1] < 0xe6 - 8; /* green channel, darker than the ground */
        if (dark && !in) {
            runs++;
            if (first < 0)
                first = x;
            last = x;
        }
        in = dark;
    }
    double pitch = runs > 1 ? (double)(last - first) / (runs - 1) : 0;
    CHECK(runs >= 19 && runs <= 21 && fabs(pitch - 5 * pt) < 0.6,
          "no-data hatching: %d lines across %d px, %.2f px apart (want 20, 10 px apart)", runs,
          n, pitch);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

/* Past 2,000 markers each is composited from one of four stamps drawn at
 * the whole and half pixels of x and y: every marker must land within a
 * quarter pixel of its position. 16 x 16 markers of one weapon and date at
 * eighths of a pixel apart in x and y (so every fraction, whatever the
 * stamp's half width, from 0 to 0.875, ties at 0.25 and 0.75 included;
 * round ones), the rest of the 2,000 off the map; each marker's ink centroid minus its
 * position must be the same for all, within a quarter pixel either way. */
static void test_stamp_positions(void)
{
    im_context *ctx = im_context_new();
    im_view v;
    const double bbox[4] = {40, 30, 48, 37};
    const int W = 520, K = 16, pitch = 30;
    CHECK(im_view_init(ctx, &v, NULL, bbox, 0, 0, W, W, 1) == IM_OK, "view");
    im_style st;
    CHECK(im_style_init_default(&st) == IM_OK, "style");
    im_render_options o;
    im_render_options_init(&o);
    im_rec rec;
    memset(&rec, 0, sizeof rec);
    rec.precision = IM_DATE_DAY;
    im_incidents set;
    memset(&set, 0, sizeof set);
    set.recs = &rec;
    set.n = 1;
    int round = 0; /* a round marker: its ink centroid is its centre */
    while (round < st.n_weapons - 1 && st.weapons[round].shape != IM_SHAPE_CIRCLE)
        round++;
    CHECK(st.weapons[round].shape == IM_SHAPE_CIRCLE, "no round marker in the default style");
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, W, W);
    im_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.ctx = ctx;
    sc.view = &v;
    sc.st = &st;
    sc.opts = &o;
    sc.set = &set;
    sc.cr = cairo_create(s);
    sc.n = 2000;
    sc.pts = calloc(sc.n, sizeof *sc.pts);
    for (size_t i = 0; sc.pts && i < sc.n; i++) {
        int gx = (int)(i % (size_t)K), gy = (int)(i / (size_t)K);
        bool on = gy < K;
        sc.pts[i].x = sc.pts[i].sx = on ? 20 + gx * pitch + gx / 8.0 : NAN;
        sc.pts[i].y = sc.pts[i].sy = on ? 20 + gy * pitch + gy / 8.0 : NAN;
        sc.pts[i].cat = -1;
        sc.pts[i].weapon = round;
    }
    if (sc.pts)
        im_markers_draw(&sc);
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    double lo[2] = {HUGE_VAL, HUGE_VAL}, hi[2] = {-HUGE_VAL, -HUGE_VAL};
    int inked = 0;
    for (int gy = 0; sc.pts && gy < K; gy++)
        for (int gx = 0; gx < K; gx++) {
            double x = 20 + gx * pitch + gx / 8.0, y = 20 + gy * pitch + gy / 8.0;
            double sum = 0, sx = 0, sy = 0;
            for (int yy = (int)y - pitch / 2; yy < (int)y + pitch / 2; yy++)
                for (int xx = (int)x - pitch / 2; xx < (int)x + pitch / 2; xx++) {
                    if (xx < 0 || yy < 0 || xx >= W || yy >= W)
                        continue;
                    double a = px[(size_t)yy * (size_t)stride + 4 * (size_t)xx + 3];
                    sum += a;
                    sx += a * (xx + 0.5);
                    sy += a * (yy + 0.5);
                }
            if (sum <= 0)
                continue;
            inked++;
            double d[2] = {sx / sum - x, sy / sum - y};
            for (int k = 0; k < 2; k++) {
                lo[k] = fmin(lo[k], d[k]);
                hi[k] = fmax(hi[k], d[k]);
            }
        }
    printf("stamped markers: offsets x %.3f..%.3f, y %.3f..%.3f px\n", lo[0], hi[0], lo[1], hi[1]);
    CHECK(inked == K * K, "%d of %d markers drawn", inked, K * K);
    for (int k = 0; k < 2; k++)
        CHECK(hi[k] - lo[k] <= 0.5 + 0.05, "stamped markers off their %c positions by %.3f to "
              "%.3f px (want a spread within half a pixel)", "xy"[k], lo[k], hi[k]);
    free(sc.pts);
    cairo_destroy(sc.cr);
    cairo_surface_destroy(s);
    im_style_clear(&st);
    im_view_clear(&v);
    im_context_free(ctx);
}

int main(void)
{
    test_shapes();
    test_density_colors();
    test_nodata_hatch();
    test_stamp_positions();
    cairo_debug_reset_static_data();
    return check_result("test_marks");
}
