/* page.c - the page: its physical size in points, the pixels a PNG gets,
 * and the one device scale every format shares (device units per point),
 * so that placement is computed once and is the same in PNG, SVG and PDF. */
#include "im_private.h"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The reference page: 10 x 7.5 in, the default 2000 x 1500 at 200 dpi. */
#define REF_W_PT 720.0
#define REF_H_PT 540.0
/* Smallest text, in pixels, that a chosen scale may give. */
#define MIN_TEXT_PX 9.0

im_status im_page_resolve(im_context *ctx, const im_render_options *o, const im_style *st,
                          im_page *pg)
{
    double pt;
    if (o->page_w_pt > 0 || o->page_h_pt > 0) {
        if (!(o->page_w_pt >= 72 && o->page_h_pt >= 72 && o->page_w_pt <= 14400 &&
              o->page_h_pt <= 14400))
            return im_fail(ctx, IM_ERR_ARG, "--page %gx%g pt: each side must be 1 to 200 "
                           "inches", o->page_w_pt, o->page_h_pt);
        double dpi = o->dpi > 0 ? o->dpi : 200;
        pt = dpi / 72.0;
        pg->w_pt = o->page_w_pt;
        pg->h_pt = o->page_h_pt;
        pg->px_w = (int)lround(pg->w_pt * pt);
        pg->px_h = (int)lround(pg->h_pt * pt);
    } else {
        if (o->dpi > 0) {
            pt = o->dpi / 72.0;
        } else {
            /* The scale that keeps the reference page's proportions of text
             * to map, but never text smaller than MIN_TEXT_PX. */
            pt = sqrt((double)o->width * o->height / (REF_W_PT * REF_H_PT));
            double small = st->small_size > 0 ? st->small_size : 6.5;
            pt = fmax(pt, MIN_TEXT_PX / small);
        }
        pg->px_w = o->width;
        pg->px_h = o->height;
        pg->w_pt = o->width / pt;
        pg->h_pt = o->height / pt;
    }
    pg->pt = pt;
    pg->dpi = pt * 72.0;
    if (pg->px_w < 64 || pg->px_h < 64 || (uint32_t)pg->px_w > ctx->limits.max_image_side ||
        (uint32_t)pg->px_h > ctx->limits.max_image_side)
        return im_fail(ctx, IM_ERR_ARG, "--size %dx%d: each side must be 64 to %u pixels",
                       pg->px_w, pg->px_h, (unsigned)ctx->limits.max_image_side);
    if ((uint64_t)pg->px_w * (uint64_t)pg->px_h > ctx->limits.max_image_pixels)
        return im_fail(ctx, IM_ERR_ARG, "--size %dx%d: %llu pixels, over the limit of %llu "
                       "(raise it with --max-pixels)", pg->px_w, pg->px_h,
                       (unsigned long long)pg->px_w * (unsigned long long)pg->px_h,
                       (unsigned long long)ctx->limits.max_image_pixels);
    if (!(pg->dpi >= 10 && pg->dpi <= 2400))
        return im_fail(ctx, IM_ERR_ARG, "--dpi %g: must be between 10 and 2400", pg->dpi);
    return IM_OK;
}

int im_page_size_parse(const char *text, double *w_pt, double *h_pt)
{
    static const struct { const char *name; double w, h; } named[] = {
        {"a3", 841.89, 1190.55}, {"a4", 595.28, 841.89}, {"a5", 419.53, 595.28},
        {"letter", 612, 792}, {"legal", 612, 1008}, {"tabloid", 792, 1224},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if (g_ascii_strncasecmp(text, named[i].name, n) != 0)
            continue;
        if (text[n] == '\0') {
            *w_pt = named[i].w;
            *h_pt = named[i].h;
            return 1;
        }
        if (g_ascii_strcasecmp(text + n, "-landscape") == 0) {
            *w_pt = named[i].h;
            *h_pt = named[i].w;
            return 1;
        }
        if (g_ascii_strcasecmp(text + n, "-portrait") == 0) {
            *w_pt = named[i].w;
            *h_pt = named[i].h;
            return 1;
        }
    }
    /* WxHmm, WxHcm, WxHin, WxHpt; names and units in either case, numbers
     * with a point whatever the host's locale. */
    char *end;
    double w = g_ascii_strtod(text, &end);
    if (end == text || (*end != 'x' && *end != 'X'))
        return 0;
    const char *p = end + 1;
    double h = g_ascii_strtod(p, &end);
    if (end == p)
        return 0;
    double unit = !g_ascii_strcasecmp(end, "mm") ? 72 / 25.4
                  : !g_ascii_strcasecmp(end, "cm") ? 72 / 2.54
                  : !g_ascii_strcasecmp(end, "in") ? 72 : !g_ascii_strcasecmp(end, "pt") ? 1 : 0;
    if (unit == 0 || !(w > 0) || !(h > 0) || !isfinite(w) || !isfinite(h))
        return 0;
    *w_pt = w * unit;
    *h_pt = h * unit;
    return 1;
}
