/* render_options.c - a render's options: their defaults, the format from
 * the output's name, and the checks made before anything is read. */
#include "render_int.h"

#include <string.h>
#include <strings.h>

void im_render_options_init(im_render_options *o)
{
    memset(o, 0, sizeof *o);
    o->width = 2000;
    o->height = 1500;
    o->dpi = 0; /* chosen from the size (im_page_resolve): 200 at 2000x1500 */
    o->color_by = IM_COLOR_BY_WEAPON;
    o->labels = IM_LABELS_BOTH;
    o->png_level = 6;
}

im_output_format im_output_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return IM_OUTPUT_AUTO;
    if (strcasecmp(dot, ".png") == 0) return IM_OUTPUT_PNG;
    if (strcasecmp(dot, ".svg") == 0) return IM_OUTPUT_SVG;
    if (strcasecmp(dot, ".pdf") == 0) return IM_OUTPUT_PDF;
    if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0) return IM_OUTPUT_HTML;
    if (strcasecmp(dot, ".webp") == 0) return IM_OUTPUT_WEBP;
    return IM_OUTPUT_AUTO;
}

im_status im_render_check(im_context *ctx, const im_render_options *o, const char *path,
                          im_output_format *format, im_page *page)
{
    if (*format == IM_OUTPUT_AUTO)
        *format = im_output_format_from_path(path);
    if (*format == IM_OUTPUT_AUTO)
        return im_fail(ctx, IM_ERR_ARG,
                       "%s: cannot tell the format from the extension; use .png, .svg, .pdf, "
                       ".html or .webp (or --format)", path);
    if (*format > IM_OUTPUT_PDF)
        return im_fail(ctx, IM_ERR_ARG, "%s: this format is written by im_render()", path);
    im_status st = im_page_resolve(ctx, o, &ctx->style, page);
    if (st != IM_OK)
        return st;
    if (im_text_check(ctx, "--title", o->title, IM_MAX_TEXT_CHARS) != IM_OK ||
        im_text_check(ctx, "--subtitle", o->subtitle, IM_MAX_TEXT_CHARS) != IM_OK ||
        im_text_check(ctx, "--source", o->source, IM_MAX_TEXT_CHARS) != IM_OK)
        return IM_ERR_ARG;
    if (o->has_from && o->has_to && o->from > o->to)
        return im_fail(ctx, IM_ERR_ARG, "the time window is empty: --from is after --to");
    return IM_OK;
}
