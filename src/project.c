/* project.c - the map CRS, the lon/lat -> map -> device view, through PROJ. */
#include "im_private.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define EDGE_STEPS 128 /* points per bbox edge when fitting the frame */

/* A bbox with W > E crosses the antimeridian: it becomes W < E <= W + 360
 * (E past 180), the form every extent takes inside the library. */
void im_bbox_normalize(double b[4])
{
    if (b[0] > b[2])
        b[2] += 360;
}

char *im_crs_fitted(const double bbox[4])
{
    double w = bbox[0], s = bbox[1], e = bbox[2], n = bbox[3];
    double lon0 = (w + e) / 2, lat0 = (s + n) / 2;
    if (lon0 > 180)
        lon0 -= 360;
    char buf[256];
    /* Ground span of the extent in degrees of a great circle, roughly. */
    double latmin = (s < 0 && n > 0) ? 0 : fmin(fabs(s), fabs(n));
    double span = fmax((e - w) * cos(latmin * 3.14159265358979 / 180), n - s);
    if (fabs(lat0) >= 60 && e - w > 120) {
        /* A band around a pole (Svalbard to Alaska, Arctic shipping lanes):
         * a world projection leaves it a sliver along the frame's top with
         * north pointing sideways; polar stereographic shows it as the ring
         * it is, the data's middle meridian pointing down. Judged by the
         * middle latitude, which the frame's padding (wide extents are
         * padded in latitude by their longitude's margin) leaves nearly
         * where it was. */
        snprintf(buf, sizeof buf,
                 "+proj=stere +lat_0=%d +lon_0=%.6g +datum=WGS84 +units=m +no_defs +type=crs",
                 n > 0 ? 90 : -90, lon0);
    } else if (span > 150) {
        /* A hemisphere or the globe: an equal-area world projection, its
         * edge meridian on a multiple of 30 degrees (where the world
         * basemap's tiles are cut). */
        lon0 = round(lon0 / 30) * 30;
        snprintf(buf, sizeof buf, "+proj=eqearth +lon_0=%.6g +datum=WGS84 +units=m +no_defs "
                 "+type=crs", lon0);
    } else if (span > 55) {
        /* A continent: Lambert azimuthal equal-area about its centre. */
        snprintf(buf, sizeof buf, "+proj=laea +lat_0=%.6g +lon_0=%.6g +datum=WGS84 +units=m "
                 "+no_defs +type=crs", lat0, lon0);
    } else if ((s < 0 && n > 0) || fabs(lat0) < 8) {
        /* Straddling or near the equator: a conic degenerates; Mercator is
         * the conformal choice there. */
        snprintf(buf, sizeof buf,
                 "+proj=merc +lon_0=%.6g +datum=WGS84 +units=m +no_defs +type=crs", lon0);
    } else if (fabs(lat0) > 75) {
        snprintf(buf, sizeof buf,
                 "+proj=stere +lat_0=%d +lon_0=%.6g +datum=WGS84 +units=m +no_defs +type=crs",
                 lat0 > 0 ? 90 : -90, lon0);
    } else {
        /* Lambert conformal conic with standard parallels at 1/6 and 5/6 of
         * the latitude span, which spreads the scale error evenly. */
        double span = n - s;
        snprintf(buf, sizeof buf,
                 "+proj=lcc +lat_0=%.6g +lon_0=%.6g +lat_1=%.6g +lat_2=%.6g +datum=WGS84 "
                 "+units=m +no_defs +type=crs",
                 lat0, lon0, s + span / 6, n - span / 6);
    }
    return im_strdup(buf);
}

void im_bbox_ring(const double b[4], int steps, double *xs, double *ys)
{
    for (int i = 0; i < steps; i++) {
        double t = (double)i / steps;
        xs[i] = b[0] + t * (b[2] - b[0]);
        ys[i] = b[1];
        xs[steps + i] = b[2];
        ys[steps + i] = b[1] + t * (b[3] - b[1]);
        xs[2 * steps + i] = b[2] - t * (b[2] - b[0]);
        ys[2 * steps + i] = b[3];
        xs[3 * steps + i] = b[0];
        ys[3 * steps + i] = b[3] - t * (b[3] - b[1]);
    }
}

/* Create a CRS object from user text; PROJ strings without +type=crs are
 * accepted as CRS too. */
static PJ *crs_from_text(im_context *ctx, const char *text)
{
    ctx->proj_msg[0] = '\0';
    PJ *crs = proj_create(ctx->pj, text);
    if (crs && !proj_is_crs(crs)) {
        proj_destroy(crs);
        crs = NULL;
    }
    if (!crs && text[0] == '+' && !strstr(text, "type=crs")) {
        size_t n = strlen(text) + 16;
        char *t = malloc(n);
        if (t) {
            snprintf(t, n, "%s +type=crs", text);
            crs = proj_create(ctx->pj, t);
            free(t);
            if (crs && !proj_is_crs(crs)) {
                proj_destroy(crs);
                crs = NULL;
            }
        }
    }
    if (crs)
        ctx->proj_msg[0] = '\0'; /* an earlier attempt's complaint no longer matters */
    return crs;
}

im_status im_crs_check(im_context *ctx, const char *crs)
{
    if (!crs || !*crs)
        return im_fail(ctx, IM_ERR_CRS, "crs: empty");
    PJ *p = crs_from_text(ctx, crs);
    if (!p)
        return im_fail(ctx, IM_ERR_CRS, "crs \"%.200s\": PROJ does not know this CRS", crs);
    proj_destroy(p);
    return IM_OK;
}

/* Length of one map unit in metres (degrees on the sphere for geographic). */
static double unit_metres(im_context *ctx, PJ *crs)
{
    double factor = 1.0;
    PJ *cs = proj_crs_get_coordinate_system(ctx->pj, crs);
    if (cs) {
        double conv;
        if (proj_cs_get_axis_info(ctx->pj, cs, 0, NULL, NULL, NULL, &conv, NULL, NULL, NULL) &&
            conv > 0)
            factor = conv;
        proj_destroy(cs);
    }
    PJ_TYPE t = proj_get_type(crs);
    if (t == PJ_TYPE_GEOGRAPHIC_2D_CRS || t == PJ_TYPE_GEOGRAPHIC_3D_CRS ||
        t == PJ_TYPE_GEOCENTRIC_CRS)
        factor *= 6378137.0; /* radians -> metres on the equator */
    return factor;
}

im_status im_view_init(im_context *ctx, im_view *view, const char *crs_text,
                       const double bbox[4], double fx, double fy, double fw, double fh, double pt)
{
    memset(view, 0, sizeof *view);
    for (int i = 0; i < 4; i++)
        if (!isfinite(bbox[i]))
            return im_fail(ctx, IM_ERR_EXTENT, "bbox: coordinates must be finite numbers");
    /* West > east crosses the antimeridian (east is then taken past 180). */
    double nb[4] = {bbox[0], bbox[1], bbox[2], bbox[3]};
    if (nb[0] >= -180 && nb[0] <= 180 && nb[2] >= -180 && nb[2] <= 180)
        im_bbox_normalize(nb);
    bbox = nb;
    if (bbox[0] >= bbox[2] || bbox[1] >= bbox[3] || bbox[1] < -90 || bbox[3] > 90 ||
        bbox[0] < -180 || bbox[2] > bbox[0] + 360 || bbox[2] > 540)
        return im_fail(ctx, IM_ERR_EXTENT,
                       "bbox %g,%g,%g,%g: need south < north within [-90, 90] and west, east "
                       "within [-180, 180] (west > east crosses the antimeridian)", bbox[0],
                       bbox[1], bbox[2], bbox[3]);
    if (fw < 8 || fh < 8)
        return im_fail(ctx, IM_ERR_EXTENT, "the map frame is too small to draw in");
    memcpy(view->bbox, bbox, sizeof view->bbox);
    view->fx = fx;
    view->fy = fy;
    view->fw = fw;
    view->fh = fh;
    view->pt = pt;

    char *fitted = NULL;
    if (!crs_text || !*crs_text) {
        if (!(fitted = im_crs_fitted(bbox)))
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        crs_text = fitted;
    }
    view->crs = crs_from_text(ctx, crs_text);
    if (!view->crs) {
        const char *why = im_proj_reason(ctx);
        im_status st = im_fail(ctx, IM_ERR_CRS, "--crs \"%.200s\": PROJ does not know this CRS%s%.300s",
                               crs_text, *why ? ": " : "", why);
        free(fitted);
        return st;
    }
    free(fitted);
    PJ *geo = proj_create(ctx->pj, "EPSG:4326");
    PJ *op = geo ? proj_create_crs_to_crs_from_pj(ctx->pj, geo, view->crs, NULL, NULL) : NULL;
    proj_destroy(geo);
    if (op) {
        view->fwd = proj_normalize_for_visualization(ctx->pj, op);
        proj_destroy(op);
    }
    if (!view->fwd) {
        im_view_clear(view);
        const char *why = im_proj_reason(ctx);
        return im_fail(ctx, IM_ERR_CRS, "no coordinate operation from WGS84 to the map CRS%s%.300s",
                       *why ? ": " : "", why);
    }

    /* Fit the frame to the bbox's edges, densified so curved projections
     * get their true extent rather than four corners'. */
    double xs[4 * EDGE_STEPS], ys[4 * EDGE_STEPS];
    im_bbox_ring(bbox, EDGE_STEPS, xs, ys);
    proj_trans_generic(view->fwd, PJ_FWD, xs, sizeof(double), 4 * EDGE_STEPS, ys,
                       sizeof(double), 4 * EDGE_STEPS, NULL, 0, 0, NULL, 0, 0);
    proj_errno_reset(view->fwd);
    double x0 = HUGE_VAL, x1 = -HUGE_VAL, y0 = HUGE_VAL, y1 = -HUGE_VAL;
    int good = 0;
    for (int i = 0; i < 4 * EDGE_STEPS; i++)
        if (isfinite(xs[i]) && isfinite(ys[i]) && fabs(xs[i]) < 1e15 && fabs(ys[i]) < 1e15) {
            x0 = fmin(x0, xs[i]); x1 = fmax(x1, xs[i]);
            y0 = fmin(y0, ys[i]); y1 = fmax(y1, ys[i]);
            good++;
        }
    if (good < 2 * EDGE_STEPS || !(x1 > x0) || !(y1 > y0)) {
        im_view_clear(view);
        return im_fail(ctx, IM_ERR_TRANSFORM,
                       "bbox %g,%g,%g,%g cannot be drawn in this CRS (it lies outside the "
                       "projection's area of use)", bbox[0], bbox[1], bbox[2], bbox[3]);
    }
    double sx = fw / (x1 - x0), sy = fh / (y1 - y0);
    view->scale = fmin(sx, sy);
    double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    view->mx0 = cx - fw / view->scale / 2;
    view->my1 = cy + fh / view->scale / 2;
    /* Nominal scale: ground metres per paper metre. */
    double dev_per_m_paper = pt * 72 / 0.0254;
    view->denominator = unit_metres(ctx, view->crs) * dev_per_m_paper / view->scale;
    return IM_OK;
}

void im_view_clear(im_view *view)
{
    proj_destroy(view->fwd);
    proj_destroy(view->crs);
    view->fwd = view->crs = NULL;
}

void im_view_map_to_dev(const im_view *v, double mx, double my, double *dx, double *dy)
{
    *dx = v->fx + (mx - v->mx0) * v->scale;
    *dy = v->fy + (v->my1 - my) * v->scale;
}

void im_view_dev_to_map(const im_view *v, double dx, double dy, double *mx, double *my)
{
    *mx = v->mx0 + (dx - v->fx) / v->scale;
    *my = v->my1 - (dy - v->fy) / v->scale;
}

/* Points [from, to) through fwd, then to device units (HUGE_VAL where
 * PROJ fails). */
static void project_range(const im_view *view, PJ *fwd, char *px, size_t sx, char *py, size_t sy,
                          size_t from, size_t to)
{
    proj_trans_generic(fwd, PJ_FWD, (double *)(px + from * sx), sx, to - from,
                       (double *)(py + from * sy), sy, to - from, NULL, 0, 0, NULL, 0, 0);
    proj_errno_reset(fwd);
    for (size_t i = from; i < to; i++) {
        double *a = (double *)(px + i * sx), *b = (double *)(py + i * sy);
        if (!isfinite(*a) || !isfinite(*b) || fabs(*a) > 1e15 || fabs(*b) > 1e15) {
            *a = *b = HUGE_VAL;
            continue;
        }
        im_view_map_to_dev(view, *a, *b, a, b);
    }
}

/* A part of a big projection on a thread of its own, through its own copy
 * of the operation in its own PROJ context (a PJ is not to be shared
 * between threads). ok false: the copy could not be made, and the caller
 * projects the part itself. */
typedef struct project_part {
    const im_view *view;
    char *px, *py;
    size_t sx, sy, from, to;
    pthread_t thread;
    bool started, ok;
} project_part;

static void *project_part_main(void *arg)
{
    project_part *p = arg;
    PJ_CONTEXT *pc = proj_context_create();
    if (pc) /* the library does not print; a point that fails becomes HUGE_VAL */
        proj_log_level(pc, PJ_LOG_NONE);
    PJ *fwd = pc ? proj_clone(pc, p->view->fwd) : NULL;
    if (fwd) {
        project_range(p->view, fwd, p->px, p->sx, p->py, p->sy, p->from, p->to);
        p->ok = true;
    }
    proj_destroy(fwd);
    if (pc)
        proj_context_destroy(pc);
    return NULL;
}

im_status im_view_project(im_context *ctx, const im_view *view, double *x, size_t sx, double *y,
                          size_t sy, size_t n)
{
    if (n == 0)
        return IM_OK;
    if (!view || !view->fwd) {
        /* A view that was never initialised (or failed to be): nothing can
         * be placed; say so, and leave no stale coordinates behind. */
        for (size_t i = 0; i < n; i++)
            *(double *)((char *)x + i * sx) = *(double *)((char *)y + i * sy) = HUGE_VAL;
        return ctx ? im_fail(ctx, IM_ERR_ARG, "internal: projecting through a view with no "
                                              "coordinate operation")
                   : IM_ERR_ARG;
    }
    /* Many points (1,000,000 markers: 0.16 s on one core) are cut into
     * parts projected on the CPUs; each point goes through the same
     * operation, so the coordinates are the same whatever the threads. */
    enum { PARALLEL_FROM = 65536, MAX_PARTS = 4 };
    project_part parts[MAX_PARTS];
    int np = n >= PARALLEL_FROM ? im_helper_threads(MAX_PARTS) : 1;
    np = np > MAX_PARTS ? MAX_PARTS : np;
    size_t per = (n + (size_t)np - 1) / (size_t)np;
    for (int k = 1; k < np; k++) {
        project_part *p = &parts[k];
        *p = (project_part){.view = view, .px = (char *)x, .py = (char *)y, .sx = sx, .sy = sy,
                            .from = (size_t)k * per,
                            .to = (size_t)(k + 1) * per < n ? (size_t)(k + 1) * per : n};
        p->started = p->from < p->to && pthread_create(&p->thread, NULL, project_part_main, p) == 0;
    }
    project_range(view, view->fwd, (char *)x, sx, (char *)y, sy, 0, per < n ? per : n);
    for (int k = 1; k < np; k++) {
        project_part *p = &parts[k];
        if (p->started)
            pthread_join(p->thread, NULL);
        if (p->from < p->to && !p->ok)
            project_range(view, view->fwd, (char *)x, sx, (char *)y, sy, p->from, p->to);
    }
    return IM_OK;
}

bool im_view_dev_to_lonlat(const im_view *view, double dx, double dy, double *lon, double *lat)
{
    PJ_COORD c;
    im_view_dev_to_map(view, dx, dy, &c.xy.x, &c.xy.y);
    c.xyzt.z = 0;
    c.xyzt.t = HUGE_VAL;
    PJ_COORD r = proj_trans(view->fwd, PJ_INV, c);
    proj_errno_reset(view->fwd);
    if (!isfinite(r.lp.lam) || !isfinite(r.lp.phi))
        return false;
    /* Longitudes continue across the antimeridian around the view's
     * centre (a Pacific view sees 170..190, not -180..180). */
    double mid = (view->bbox[0] + view->bbox[2]) / 2;
    *lon = mid + remainder(r.lp.lam - mid, 360.0);
    *lat = r.lp.phi;
    return true;
}

size_t im_view_edge_bounds(const im_view *v, int steps, double b[4])
{
    size_t missed = 0;
    b[0] = b[1] = HUGE_VAL;
    b[2] = b[3] = -HUGE_VAL;
    for (int side = 0; side < 4; side++)
        for (int i = 0; i <= steps; i++) {
            double t = (double)i / steps, lon, lat;
            double dx = v->fx + (side == 0 ? t : side == 1 ? 1 : side == 2 ? 1 - t : 0) * v->fw;
            double dy = v->fy + (side == 0 ? 0 : side == 1 ? t : side == 2 ? 1 : 1 - t) * v->fh;
            if (!im_view_dev_to_lonlat(v, dx, dy, &lon, &lat)) {
                missed++;
                continue;
            }
            b[0] = fmin(b[0], lon);
            b[1] = fmin(b[1], lat);
            b[2] = fmax(b[2], lon);
            b[3] = fmax(b[3], lat);
        }
    return missed;
}
