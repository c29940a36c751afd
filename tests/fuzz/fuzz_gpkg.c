/* fuzz_gpkg.c - libFuzzer target for GeoPackage geometry: the input is one
 * geometry blob (GeoPackage header + WKB) stored in a one-row feature table
 * of a fresh GeoPackage, read through a manifest and drawn through a view,
 * so the header and WKB parser and the drawing see hostile geometry. */
#include "fuzz.h"
#include "im_private.h"

#include <sqlite3.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *make_pack(const uint8_t *data, size_t size)
{
    static char dir[128];
    char path[192];
    snprintf(dir, sizeof dir, "/tmp/incmap-fuzz-gpkg-%ld", (long)getpid());
    mkdir(dir, 0700);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fputs("{\"name\":\"f\",\"layers\":[{\"name\":\"land\",\"file\":\"t.gpkg\",\"table\":\"land\","
          "\"type\":\"polygon\",\"style\":{\"fill\":\"#f2efe9\",\"stroke\":\"#7fa7c9\"}}]}",
          f);
    if (fclose(f) != 0)
        return NULL;
    snprintf(path, sizeof path, "%s/t.gpkg", dir);
    unlink(path);
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_open(path, &db) == SQLITE_OK &&
              sqlite3_exec(db, "CREATE TABLE gpkg_geometry_columns (table_name TEXT, "
                           "column_name TEXT); INSERT INTO gpkg_geometry_columns VALUES "
                           "('land', 'geom'); CREATE TABLE land (fid INTEGER PRIMARY KEY, "
                           "geom BLOB, name TEXT, rank INTEGER)", NULL, NULL, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(db, "INSERT INTO land VALUES (1, ?, 'x', 2)", -1, &q, NULL) ==
                  SQLITE_OK &&
              sqlite3_bind_blob(q, 1, size ? data : (const void *)"", (int)size,
                                SQLITE_TRANSIENT) == SQLITE_OK &&
              sqlite3_step(q) == SQLITE_DONE;
    sqlite3_finalize(q);
    sqlite3_close(db);
    return ok ? dir : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20))
        return 0;
    const char *dir = make_pack(data, size);
    im_context *ctx = dir ? fuzz_context() : NULL;
    im_basemap *bm = NULL;
    if (ctx && im_basemap_open(ctx, dir, &bm) == IM_OK) {
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 160, 120);
        cairo_t *cr = cairo_create(s);
        im_view v;
        double bbox[4] = {170, -30, -170, 10}; /* across the antimeridian */
        if (im_view_init(ctx, &v, NULL, bbox, 0, 0, 160, 120, 1) == IM_OK) {
            (void)!im_basemap_draw(ctx, bm, cr, &v); /* errors are fine: no crash */
            im_view_clear(&v);
        }
        cairo_destroy(cr);
        cairo_surface_destroy(s);
    }
    im_basemap_free(bm);
    im_context_free(ctx);
    return 0;
}
