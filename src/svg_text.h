/* svg_text.h - the text hook between text.c and svg_text.c. */
#ifndef IM_SVG_TEXT_H
#define IM_SVG_TEXT_H

#include "im_private.h"

#include <pango/pangocairo.h>

/* When cr draws on an SVG surface with a sink, keep the laid-out text
 * (its origin drawn at x, y in user space; size and halo width in user
 * units) as a <text> element and return true: the caller draws nothing.
 * Without a sink, false. */
bool im_svg_sink_text(cairo_t *cr, PangoLayout *layout, const char *family, double size,
                      bool bold, bool italic, im_rgba color, double halo_w, im_rgba halo,
                      double x, double y);

/* The next number for a stamped marker's id ("mkN"), unique in the document. */
int im_svg_sink_next_id(im_svg_sink *k);
/* Put xml (malloc'd; owned from now on, freed on every path) into the
 * document at this point of the drawing, under the current clip, by a mark
 * over the user-space box (x0, y0)-(x1, y1). false without a sink or when
 * out of memory (then the sink fails the render). */
bool im_svg_sink_raw(cairo_t *cr, char *xml, double x0, double y0, double x1, double y1);

#endif
