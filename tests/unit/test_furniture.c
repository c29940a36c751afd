/* test_furniture.c - map furniture geometry checked against independent
 * computations: the scale bar's length against a geodesic distance from
 * PROJ's geodesic routines, the north arrow's angle against PROJ's
 * meridian convergence (proj_factors), graticule spacing, corner stacking. */
#include "check.h"
#include "im_private.h"

#include <geodesic.h>
#include <math.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static void scalebar_case(im_context *ctx, const char *crs, const double bbox[4], im_units u)
{
    im_view v;
    CHECK(im_view_init(ctx, &v, crs, bbox, 20, 30, 1600, 1100, 200 / 72.0) == IM_OK, "view %s",
          crs ? crs : "default");
    double len, dist;
    char label[32];
    CHECK(im_scalebar_compute(&v, u, v.fw * 0.2, &len, &dist, label, sizeof label), "scalebar");
    CHECK(len <= v.fw * 0.2 + 1e-6 && len > v.fw * 0.05, "length %g of frame %g", len, v.fw);
    double mant = dist / pow(10, floor(log10(dist)));
    CHECK(fabs(mant - 1) < 1e-9 || fabs(mant - 2) < 1e-9 || fabs(mant - 5) < 1e-9,
          "round distance %g", dist);
    /* Independent: the bar laid horizontally at the frame centre, its ends
     * back to lon/lat through a separate PROJ pipeline, geodesic between. */
    PJ_CONTEXT *pc = proj_context_create();
    PJ *geo = proj_create(pc, "EPSG:4326");
    PJ *op = proj_create_crs_to_crs_from_pj(pc, geo, v.crs, NULL, NULL);
    proj_destroy(geo);
    PJ *norm = proj_normalize_for_visualization(pc, op);
    double cx = v.fx + v.fw / 2, cy = v.fy + v.fh / 2, ends[2][2];
    for (int i = 0; i < 2; i++) {
        double dx = cx + (i ? len / 2 : -len / 2);
        PJ_COORD c = proj_coord(v.mx0 + (dx - v.fx) / v.scale, v.my1 - (cy - v.fy) / v.scale, 0, 0);
        PJ_COORD r = proj_trans(norm, PJ_INV, c);
        ends[i][0] = r.lp.lam;
        ends[i][1] = r.lp.phi;
    }
    struct geod_geodesic g;
    geod_init(&g, 6378137, 1 / 298.257223563);
    double s12;
    geod_inverse(&g, ends[0][1], ends[0][0], ends[1][1], ends[1][0], &s12, NULL, NULL);
    double unit = u == IM_UNITS_MI ? 1609.344 : u == IM_UNITS_NMI ? 1852 : 1000;
    double err = fabs(s12 / unit - dist) / dist;
    CHECK(err < 0.005, "%s: bar says %s, geodesic %.4f (error %.3f%%)", crs ? crs : "default",
          label, s12 / unit, err * 100);
    proj_destroy(norm);
    proj_destroy(op);
    proj_context_destroy(pc);
    im_view_clear(&v);
}

/* The graticule's step for a view, worked out here from the frame's four
 * edges sampled densely (the lon/lat range seen; the smallest of the round
 * steps giving at most 8 lines across the wider of the two spans). */
static double expected_step(const im_view *v)
{
    static const double steps[] = {0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 45};
    double r[4] = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    for (int i = 0; i <= 400; i++)
        for (int e = 0; e < 4; e++) {
            double t = i / 400.0, lon, lat;
            double x = e == 0 || e == 1 ? v->fx + t * v->fw : e == 2 ? v->fx : v->fx + v->fw;
            double y = e == 0 ? v->fy : e == 1 ? v->fy + v->fh : v->fy + t * v->fh;
            if (!im_view_dev_to_lonlat(v, x, y, &lon, &lat))
                continue;
            r[0] = fmin(r[0], lon), r[2] = fmax(r[2], lon);
            r[1] = fmin(r[1], lat), r[3] = fmax(r[3], lat);
        }
    double span = fmax(r[2] - r[0], r[3] - r[1]);
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (span / steps[i] <= 8)
            return steps[i];
    return 45;
}

/* Steps for views in the fitted projections, the southern ones in an
 * azimuthal equal-area projection whose frame reaches furthest south in
 * the middle of its bottom edge (not at a corner). */
static void test_graticule_steps(im_context *ctx)
{
    static const double boxes[][4] = {
        {38, 29, 49, 38}, {25, 12, 63, 42}, {44.0, 33.0, 44.8, 33.6},
        {57, -72, 177, -34},  /* the Southern Ocean south of Australia */
        {-8, -76, 116, -24},  /* the Indian Ocean's southern half to Antarctica */
        {-140, -76, -24, -34}, {110, -45, 155, -10}, {-20, 35, 30, 70},
    };
    for (size_t i = 0; i < sizeof boxes / sizeof boxes[0]; i++) {
        im_view v;
        if (im_view_init(ctx, &v, NULL, boxes[i], 0, 0, 800, 600, 1) != IM_OK) {
            CHECK(false, "view %g,%g,%g,%g: %s", boxes[i][0], boxes[i][1], boxes[i][2],
                  boxes[i][3], im_context_last_error(ctx));
            continue;
        }
        double got = im_graticule_step(&v), want = expected_step(&v);
        CHECK(got == want, "graticule step %g for %g,%g,%g,%g, want %g", got, boxes[i][0],
              boxes[i][1], boxes[i][2], boxes[i][3], want);
        im_view_clear(&v);
    }
}

/* The parallels stop short of the poles: on a world map in Equal Earth,
 * whose poles are lines, nothing is drawn along them (the parallel at 45 N
 * is, as a control). */
static void test_no_pole_parallels(im_context *ctx)
{
    const double world[4] = {-180, -90, 180, 90};
    im_view v;
    if (im_view_init(ctx, &v, "+proj=eqearth +datum=WGS84 +type=crs", world, 20, 20, 760, 360,
                     1) != IM_OK) {
        CHECK(false, "Equal Earth view: %s", im_context_last_error(ctx));
        return;
    }
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 800, 400);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    im_style st;
    CHECK(im_style_init_default(&st) == IM_OK, "im_style_init_default");
    im_render_options o;
    im_render_options_init(&o);
    im_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.ctx = ctx;
    sc.view = &v;
    sc.st = &st;
    sc.opts = &o;
    sc.cr = cr;
    im_graticule_draw(&sc);
    cairo_surface_flush(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    /* midway between meridians (every 45 degrees on a world map) */
    double lon[3] = {22.5, 22.5, 22.5}, lat[3] = {90, -90, 45};
    CHECK(im_view_project(ctx, &v, lon, sizeof(double), lat, sizeof(double), 3) == IM_OK,
          "project");
    for (int k = 0; k < 3; k++) {
        int ink = 0;
        for (int dy = -2; dy <= 2; dy++) {
            int x = (int)floor(lon[k]), y = (int)floor(lat[k]) + dy;
            if (x >= 0 && x < 800 && y >= 0 && y < 400)
                ink = fmax(ink, 255 - px[(size_t)y * (size_t)stride + 4 * (size_t)x + 1]);
        }
        if (k < 2)
            CHECK(ink < 3, "graticule ink %d along the %s pole's line", ink, k ? "south" : "north");
        else
            CHECK(ink >= 3, "no graticule ink on the parallel at 45 N (%d)", ink);
    }
    im_style_clear(&st);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    im_view_clear(&v);
}

int main(void)
{
    im_context *ctx = im_context_new();
    double iraq[4] = {38, 29, 49, 38}, wide[4] = {25, 12, 63, 42};
    scalebar_case(ctx, NULL, iraq, IM_UNITS_KM);
    scalebar_case(ctx, NULL, iraq, IM_UNITS_MI);
    scalebar_case(ctx, "EPSG:3857", iraq, IM_UNITS_NMI); /* scale varies a lot */
    scalebar_case(ctx, "EPSG:32638", iraq, IM_UNITS_KM);
    scalebar_case(ctx, NULL, wide, IM_UNITS_KM);
    scalebar_case(ctx, "EPSG:4326", iraq, IM_UNITS_KM);

    /* North arrow in a conic projection away from the central meridian:
     * compare with PROJ's meridian convergence at the same point. */
    const char *lcc = "+proj=lcc +lat_1=30 +lat_2=36 +lat_0=33 +lon_0=44 +datum=WGS84 +type=crs";
    im_view v;
    CHECK(im_view_init(ctx, &v, lcc, wide, 0, 0, 1400, 1000, 1) == IM_OK, "lcc view");
    double px[3] = {60, 30, 44}, py[3] = {38, 20, 33};
    CHECK(im_view_project(ctx, &v, px, sizeof(double), py, sizeof(double), 3) == IM_OK, "im_view_project");
    PJ_CONTEXT *pc = proj_context_create();
    PJ *conv = proj_create(pc, "+proj=lcc +lat_1=30 +lat_2=36 +lat_0=33 +lon_0=44 +datum=WGS84");
    double lons[3] = {60, 30, 44}, lats[3] = {38, 20, 33};
    for (int i = 0; i < 3; i++) {
        double ang;
        CHECK(im_north_angle(&v, px[i], py[i], &ang), "angle at %g,%g", lons[i], lats[i]);
        PJ_FACTORS f = proj_factors(conv, proj_coord(lons[i] * M_PI / 180, lats[i] * M_PI / 180, 0, 0));
        /* Convergence: angle from grid north to true north, positive when
         * true north lies west of grid north east of the central meridian. */
        double want = -f.meridian_convergence * 180 / M_PI, got = ang * 180 / M_PI;
        CHECK(fabs(got - want) < 0.5, "north at %g,%g: %.3f deg, PROJ convergence %.3f", lons[i],
              lats[i], got, want);
        if (i == 0)
            CHECK(fabs(got) > 5, "60E should lean: %.2f", got);
    }
    proj_destroy(conv);
    proj_context_destroy(pc);

    /* Graticule spacing is a round step giving 3 to 8 lines. */
    double step = im_graticule_step(&v);
    CHECK(step == 5 || step == 10, "step %g for 38x30 degrees", step);
    im_view_clear(&v);
    double small[4] = {44.0, 33.0, 44.8, 33.6};
    CHECK(im_view_init(ctx, &v, NULL, small, 0, 0, 800, 600, 1) == IM_OK, "small view");
    step = im_graticule_step(&v);
    CHECK(step == 0.1 || step == 0.25, "step %g for a city", step);

    /* Corners: two elements in one corner stack and never overlap. */
    im_style st;
    CHECK(im_style_init_default(&st) == IM_OK, "im_style_init_default");
    im_render_options o;
    im_render_options_init(&o);
    im_scene sc;
    memset(&sc, 0, sizeof sc);
    sc.view = &v;
    sc.st = &st;
    sc.opts = &o;
    im_box a = im_corner_place(&sc, IM_CORNER_TOP_RIGHT, 100, 50, NULL);
    im_box b = im_corner_place(&sc, IM_CORNER_TOP_RIGHT, 80, 40, NULL);
    im_box c = im_corner_place(&sc, IM_CORNER_AUTO, 200, 100, NULL);
    CHECK(!im_box_overlap(a, b) && !im_box_overlap(a, c) && !im_box_overlap(b, c), "overlap");
    CHECK(b.y0 >= a.y1, "stacked below");
    CHECK(c.x0 < 100 && c.y1 > 400, "auto goes bottom-left first: %g,%g", c.x0, c.y1);
    im_boxes_free(&sc.occupied);
    im_style_clear(&st);
    im_view_clear(&v);
    test_graticule_steps(ctx);
    test_no_pole_parallels(ctx);
    im_context_free(ctx);
    return check_result("test_furniture");
}
