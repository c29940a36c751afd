/* text.c - text through Pango: shaping (Arabic joined, right to left),
 * font fallback through fontconfig, halos. Sizes are in points and scaled
 * by the view, so text looks the same at any --dpi and on any surface. */
#include "svg_text.h"

#include <pango/pangocairo.h>
#include <string.h>

static PangoLayout *make_layout(cairo_t *cr, const im_view *view, const im_style *st,
                                const im_text_style *ts, const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return NULL;
    PangoLayout *layout = pango_cairo_create_layout(cr);
    /* Render independent of the surface's font options (hinting, metrics
     * rounding), so PNG, SVG and PDF lay out the same. */
    PangoContext *pc = pango_layout_get_context(layout);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_cairo_context_set_resolution(pc, 72.0);
    pango_layout_context_changed(layout);

    PangoFontDescription *fd = pango_font_description_from_string(
        ts->family ? ts->family : st->font);
    pango_font_description_set_absolute_size(fd, ts->size_pt * view->pt * PANGO_SCALE);
    if (ts->bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (ts->italic)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    if (ts->wrap_w > 0) {
        pango_layout_set_width(layout, (int)(ts->wrap_w * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(layout, text, -1);
    return layout;
}

/* Text is measured on a context of its own, not the target's: the same
 * text then measures the same on an image, SVG or PDF surface, whatever
 * their transformation, and placement (which follows from measurement) is
 * identical in every format. */
bool im_text_measure(cairo_t *cr, const im_view *view, const im_style *st,
                     const im_text_style *ts, const char *text, double *w, double *h)
{
    (void)cr;
    cairo_surface_t *probe = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *mcr = cairo_create(probe);
    PangoLayout *layout = make_layout(mcr, view, st, ts, text);
    cairo_destroy(mcr);
    cairo_surface_destroy(probe);
    if (!layout)
        return false;
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    *w = (double)logical.width / PANGO_SCALE;
    *h = (double)logical.height / PANGO_SCALE;
    g_object_unref(layout);
    return true;
}

void im_text_draw(cairo_t *cr, const im_view *view, const im_style *st,
                  const im_text_style *ts0, const char *text, double x, double y)
{
    im_text_style themed = *ts0, *ts = &themed; /* the theme's text and halo colours */
    if (st)
        im_theme_text(&st->theme, &themed.color, &themed.halo);
    PangoLayout *layout = make_layout(cr, view, st, ts, text);
    if (!layout)
        return;
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    /* On an SVG surface with a sink: a <text> element, not outlines. */
    if (im_svg_sink_text(cr, layout, ts->family ? ts->family : st->font, ts->size_pt * view->pt,
                         ts->bold, ts->italic, ts->color, 2 * ts->halo_pt * view->pt, ts->halo,
                         x - (double)logical.x / PANGO_SCALE,
                         y - (double)logical.y / PANGO_SCALE)) {
        g_object_unref(layout);
        return;
    }
    cairo_save(cr);
    cairo_move_to(cr, x - (double)logical.x / PANGO_SCALE, y - (double)logical.y / PANGO_SCALE);
    if (ts->halo_pt > 0) {
        cairo_save(cr);
        pango_cairo_layout_path(cr, layout);
        cairo_set_source_rgba(cr, ts->halo.r, ts->halo.g, ts->halo.b, ts->halo.a);
        cairo_set_line_width(cr, 2 * ts->halo_pt * view->pt);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_move_to(cr, x - (double)logical.x / PANGO_SCALE,
                      y - (double)logical.y / PANGO_SCALE);
    }
    cairo_set_source_rgba(cr, ts->color.r, ts->color.g, ts->color.b, ts->color.a);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
    g_object_unref(layout);
}
