/* api_private.h - what api_opts.c shares with api_render.c. */
#ifndef INCMAP_API_PRIVATE_H
#define INCMAP_API_PRIVATE_H

#include "incmap.h"

#include <stdbool.h>

/* The render options opts stands for (NULL: the defaults), with the page
 * and the time window resolved as "incmap render" resolves them. Strings
 * in *out are borrowed from opts. */
IM_NODISCARD im_status im_opts_resolve(im_context *ctx, const im_opts *opts,
                                       im_render_options *out);
/* The "format" option; IM_OUTPUT_AUTO when not set or opts is NULL. */
im_output_format im_opts_format_of(const im_opts *opts);
/* Does a render with opts write files beside its output (world-file,
 * dump-layout)? */
bool im_opts_writes_files(const im_opts *opts);

#endif
