/* test_project.c - projection and the view, checked from outside: a marker's
 * colour is read back from the PNG at the pixel computed independently with
 * PROJ from the world file and the .prj, not from incmap's view code. */
#include "check.h"
#include "im_private.h"
#include "testutil.h"

#include <math.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>

/* Read an RGBA PNG with libpng; caller frees. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) { free(s); s = NULL; }
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}

static void marker_at_pixel(const char *fixture, const char *crs, const char *out_png,
                            const char *tmp)
{
    im_context *ctx = im_context_new();
    im_incidents *set = im_incidents_new();
    CHECK(im_incidents_load(ctx, set, fixture, IM_INPUT_AUTO) == IM_OK, "load %s", fixture);
    im_render_options o;
    im_render_options_init(&o);
    o.basemap = "none";
    o.crs = crs;
    o.has_bbox = 1;
    double bb[4] = {38, 29, 49, 38};
    memcpy(o.bbox, bb, sizeof bb);
    o.width = 900;
    o.height = 700;
    o.dpi = 100;
    o.world_file = 1;
    o.labels = IM_LABELS_NONE;
    char path[2048], pgw[2048], prj[2048];
    snprintf(path, sizeof path, "%s/%s.png", tmp, out_png);
    snprintf(pgw, sizeof pgw, "%s/%s.pgw", tmp, out_png);
    snprintf(prj, sizeof prj, "%s/%s.prj", tmp, out_png);
    CHECK(im_render(ctx, set, &o, path, IM_OUTPUT_AUTO) == IM_OK, "render: %s",
          im_context_last_error(ctx));

    /* World file: A D B E C F */
    double wf[6] = {0};
    FILE *f = fopen(pgw, "r");
    CHECK(f != NULL, "no world file %s", pgw);
    for (int i = 0; f && i < 6; i++)
        CHECK(fscanf(f, "%lf", &wf[i]) == 1, "world file line %d", i + 1);
    if (f) fclose(f);
    char *wkt = slurp(prj);
    CHECK(wkt != NULL, "no .prj");

    /* Independent projection: a fresh PROJ context, WGS84 -> the .prj CRS. */
    PJ_CONTEXT *pc = proj_context_create();
    PJ *op = wkt ? proj_create_crs_to_crs(pc, "EPSG:4326", wkt, NULL) : NULL;
    PJ *norm = op ? proj_normalize_for_visualization(pc, op) : NULL;
    CHECK(norm != NULL, "PROJ cannot read the .prj");
    if (norm) {
        PJ_COORD c = proj_coord(42.4412, 33.7856, 0, 0);
        PJ_COORD r = proj_trans(norm, PJ_FWD, c);
        double col = (r.xy.x - wf[4]) / wf[0], row = (r.xy.y - wf[5]) / wf[3];
        unsigned w, h;
        unsigned char *px = tu_read_rgba(path, &w, &h);
        CHECK(px && w == 900 && h == 700, "read back %s", path);
        if (px) {
            int ci = (int)lround(col), ri = (int)lround(row);
            CHECK(ci > 2 && ri > 2 && ci < (int)w - 2 && ri < (int)h - 2, "pixel %d,%d", ci, ri);
            /* The single marker has the weapon's full colour #D55E00. */
            int good = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) {
                    const unsigned char *p = px + 4 * ((size_t)(ri + dy) * w + (size_t)(ci + dx));
                    if (abs(p[0] - 0xD5) < 12 && abs(p[1] - 0x5E) < 12 && abs(p[2] - 0x00) < 12)
                        good++;
                }
            CHECK(good == 9, "%s: marker colour around pixel %d,%d: %d of 9 match", crs ? crs : "default", ci, ri, good);
            free(px);
        }
    }
    proj_destroy(norm);
    proj_destroy(op);
    proj_context_destroy(pc);
    free(wkt);
    im_incidents_free(set);
    im_context_free(ctx);
}

/* Leaves the given value all over the stack below the caller, where the next
 * call's locals will be: a local read before it is set then holds it. */
static __attribute__((noinline)) void dirty_stack(double value)
{
    volatile double junk[2048];
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        junk[i] = value;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    char fixture[2048];
    snprintf(fixture, sizeof fixture, "%s/render/one-rocket.json", argv[1]);

    /* The fitted CRS: conic in mid latitudes, Mercator near the equator. */
    double iraq[4] = {38, 29, 49, 38}, eq[4] = {30, -5, 45, 10}, pole[4] = {-40, 76, 40, 89};
    char *c1 = im_crs_fitted(iraq), *c2 = im_crs_fitted(eq), *c3 = im_crs_fitted(pole);
    CHECK(strstr(c1, "+proj=lcc") && strstr(c1, "+lat_1=30.5") && strstr(c1, "+lat_2=36.5"),
          "%s", c1);
    CHECK(strstr(c2, "+proj=merc") != NULL, "%s", c2);
    CHECK(strstr(c3, "+proj=stere") != NULL, "%s", c3);
    free(c1); free(c2); free(c3);

    marker_at_pixel(fixture, NULL, "marker-default", argv[2]);
    marker_at_pixel(fixture, "EPSG:32638", "marker-utm38", argv[2]);
    marker_at_pixel(fixture, "EPSG:3857", "marker-webmerc", argv[2]);
    marker_at_pixel(fixture, "+proj=aea +lat_1=30 +lat_2=36 +lon_0=44 +datum=WGS84", "marker-aea",
                    argv[2]);

    /* The frame of a curved projection comes from densified edges: in a
     * conic the middle of the bbox's southern edge sags below its corners
     * and must still be inside the frame. */
    im_context *ctx = im_context_new();
    im_view v;
    double wide[4] = {25, 12, 63, 42};
    CHECK(im_view_init(ctx, &v, NULL, wide, 10, 10, 1000, 800, 1) == IM_OK, "view");
    double xs[3] = {44, 25, 63}, ys[3] = {12, 12, 12};
    CHECK(im_view_project(ctx, &v, xs, sizeof(double), ys, sizeof(double), 3) == IM_OK, "im_view_project");
    CHECK(ys[0] <= 810 + 1e-6, "bottom edge middle at y=%g is below the frame", ys[0]);
    CHECK(ys[0] > ys[1] + 5, "bottom edge should sag: middle %g, corner %g", ys[0], ys[1]);
    double lon, lat;
    CHECK(im_view_dev_to_lonlat(&v, xs[0], ys[0], &lon, &lat) && fabs(lon - 44) < 1e-6 &&
              fabs(lat - 12) < 1e-6, "round trip %g %g", lon, lat);
    CHECK(v.denominator > 1e6 && v.denominator < 1e8, "scale 1:%g", v.denominator);
    im_view_clear(&v);

    /* From the frame back to longitude and latitude through a CRS on another
     * datum (ED50 / UTM 38N: a Helmert shift, in which the height moves the
     * horizontal position): the point goes in at height 0 whatever the
     * stack held, so the round trip is exact. */
    CHECK(im_view_init(ctx, &v, "EPSG:23038", iraq, 0, 0, 800, 600, 1) == IM_OK, "ED50: %s",
          im_context_last_error(ctx));
    for (int k = 0; k < 3 && v.fwd; k++) {
        double px[1] = {38.5 + 3.7 * k}, py[1] = {29.5 + 2.9 * k};
        CHECK(im_view_project(ctx, &v, px, sizeof(double), py, sizeof(double), 1) == IM_OK,
              "ED50 project");
        dirty_stack(k == 0 ? 0 : k == 1 ? 9e3 : 1e6);
        CHECK(im_view_dev_to_lonlat(&v, px[0], py[0], &lon, &lat) &&
                  fabs(lon - (38.5 + 3.7 * k)) < 1e-8 && fabs(lat - (29.5 + 2.9 * k)) < 1e-8,
              "ED50 round trip over a dirty stack: %.10f %.10f", lon, lat);
    }
    im_view_clear(&v);

    /* Errors. */
    CHECK(im_view_init(ctx, &v, "EPSG:999999", iraq, 0, 0, 100, 100, 1) == IM_ERR_CRS, "bad crs");
    CHECK(strstr(im_context_last_error(ctx), "EPSG:999999") != NULL, "%s", im_context_last_error(ctx));
    double bad[4] = {49, 29, 49, 38};
    CHECK(im_view_init(ctx, &v, NULL, bad, 0, 0, 100, 100, 1) == IM_ERR_EXTENT, "W == E");
    /* W > E crosses the antimeridian: the frame's centre is at 180. */
    double fiji[4] = {170, -20, -170, 0};
    CHECK(im_view_init(ctx, &v, NULL, fiji, 0, 0, 100, 100, 1) == IM_OK, "%s",
          im_context_last_error(ctx));
    CHECK(im_view_dev_to_lonlat(&v, 50, 50, &lon, &lat) && fabs(lon - 180) < 0.5 &&
              fabs(lat + 10) < 1, "centre %g %g", lon, lat);
    CHECK(im_view_dev_to_lonlat(&v, 99, 50, &lon, &lat) && lon > 185 && lon < 195,
          "east edge continues past 180: %g", lon);
    im_view_clear(&v);
    im_context_free(ctx);
    return check_result("test_project");
}
