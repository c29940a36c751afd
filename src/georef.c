/* georef.c - the georeference sidecars beside a PNG: NAME.pgw (the world
 * file: pixel size, rotation terms and the map coordinates of the top-left
 * pixel's centre), NAME.prj (the CRS as ESRI WKT, for tools that read it)
 * and NAME.png.aux.xml (GDAL's sidecar with the CRS, which GDAL and QGIS
 * read for PNGs).
 *
 * The sidecars travel with the map: all four are written to temporaries and
 * committed together by im_out_commit_all(), the map last, so a map never
 * appears without them and a failure (a full disk) leaves none of them.
 */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>

im_status im_georef_check(im_context *ctx, const im_out *map)
{
    if (map->through)
        return im_fail(ctx, IM_ERR_ARG, "%s: a world file needs the map written to a file "
                       "(not standard output, a pipe or a device)", map->path);
    return IM_OK;
}

/* The CRS as one-line WKT, trying the dialects in order; borrowed from
 * PROJ (valid until the next call on crs), NULL when none works. */
static const char *crs_wkt(im_context *ctx, const PJ *crs, const PJ_WKT_TYPE *types, int n)
{
    const char *opts[] = {"MULTILINE=NO", NULL};
    for (int i = 0; i < n; i++) {
        const char *wkt = proj_as_wkt(ctx->pj, crs, types[i], opts);
        if (wkt)
            return wkt;
    }
    return NULL;
}

/* Open path and write text into it (not committed). */
static im_status write_side(im_context *ctx, const char *path, const char *text, im_out *o)
{
    im_status st = im_out_open(ctx, path, o);
    if (st != IM_OK)
        return st;
    if (fputs(text, o->fp) == EOF)
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write the output", path);
    return IM_OK;
}

im_status im_georef_commit(im_context *ctx, const im_view *view, im_out *map)
{
    im_out side[3];
    memset(side, 0, sizeof side);
    char *name = NULL, *text = NULL, *esc = NULL;
    im_status st = im_georef_check(ctx, map);
    if (st != IM_OK)
        goto fail;
    const char *path = map->path;
    size_t n = strlen(path);
    const char *dot = strrchr(path, '.');
    size_t stem = dot && !strchr(dot, '/') ? (size_t)(dot - path) : n;
    name = malloc(n + 16);
    if (!name) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto fail;
    }

    /* The world file. */
    double x0, y0;
    im_view_dev_to_map(view, 0.5, 0.5, &x0, &y0);
    char wld[512];
    snprintf(wld, sizeof wld, "%.12g\n0\n0\n%.12g\n%.12f\n%.12f\n", 1 / view->scale,
             -1 / view->scale, x0, y0);
    snprintf(name, n + 16, "%.*s.pgw", (int)stem, path);
    if ((st = write_side(ctx, name, wld, &side[0])) != IM_OK)
        goto fail;

    /* The .prj: ESRI's dialect where PROJ can, which is what reads .prj. */
    static const PJ_WKT_TYPE prj_types[] = {PJ_WKT1_ESRI, PJ_WKT1_GDAL, PJ_WKT2_2019};
    static const PJ_WKT_TYPE aux_types[] = {PJ_WKT2_2019, PJ_WKT1_GDAL};
    snprintf(name, n + 16, "%.*s.prj", (int)stem, path);
    const char *wkt = crs_wkt(ctx, view->crs, prj_types, 3);
    char *clean = wkt ? im_text_clean(wkt) : NULL;
    if (!wkt) {
        st = im_fail(ctx, IM_ERR_CRS, "%s: PROJ cannot express the CRS as WKT", name);
        goto fail;
    }
    size_t cl = clean ? strlen(clean) : 0;
    text = clean ? malloc(cl + 2) : NULL;
    if (!text) {
        free(clean);
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto fail;
    }
    memcpy(text, clean, cl);
    memcpy(text + cl, "\n", 2);
    free(clean);
    if ((st = write_side(ctx, name, text, &side[1])) != IM_OK)
        goto fail;
    free(text);
    text = NULL;

    /* GDAL's .aux.xml, the one place the WKT goes into XML. */
    snprintf(name, n + 16, "%s.aux.xml", path);
    wkt = crs_wkt(ctx, view->crs, aux_types, 2);
    if (!wkt) {
        st = im_fail(ctx, IM_ERR_CRS, "%s: PROJ cannot express the CRS as WKT", name);
        goto fail;
    }
    esc = im_xml_escape(wkt);
    size_t len = esc ? strlen(esc) + 160 : 0;
    text = esc ? malloc(len) : NULL;
    if (!text) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto fail;
    }
    snprintf(text, len, "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">%s</SRS>\n"
                        "</PAMDataset>\n", esc);
    if ((st = write_side(ctx, name, text, &side[2])) != IM_OK)
        goto fail;
    free(text);
    free(esc);
    free(name);

    im_out *all[4] = {&side[0], &side[1], &side[2], map};
    return im_out_commit_all(ctx, all, 4);

fail:
    for (int i = 0; i < 3; i++)
        im_out_abort(&side[i]);
    im_out_abort(map);
    free(text);
    free(esc);
    free(name);
    return st;
}
