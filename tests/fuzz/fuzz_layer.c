/* fuzz_layer.c - libFuzzer target for a user's GeoJSON layer (--layer,
 * --basemap FILE): read it, then draw it through a view, so hostile
 * geometry reaches the projection and drawing code too. */
#include "fuzz.h"
#include "im_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".geojson");
    im_context *ctx = path ? fuzz_context() : NULL;
    im_basemap *bm = NULL;
    if (ctx && im_basemap_open(ctx, path, &bm) == IM_OK) {
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 160, 120);
        cairo_t *cr = cairo_create(s);
        im_view v;
        double bbox[4] = {38, 29, 49, 38};
        if (im_view_init(ctx, &v, NULL, bbox, 0, 0, 160, 120, 1) == IM_OK) {
            if (im_basemap_draw(ctx, bm, cr, &v) != IM_OK)
                im_context_clear_error(ctx); /* a failed draw is fine; a crash is not */
            im_view_clear(&v);
        }
        cairo_destroy(cr);
        cairo_surface_destroy(s);
    }
    im_basemap_free(bm);
    im_context_free(ctx);
    return 0;
}
