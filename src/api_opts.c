/* api_opts.c - render options as an opaque object set by name.
 *
 * Bindings (python/) and programs that want to keep working when
 * im_render_options grows set options the way the command line does:
 * im_opts_set(ctx, o, "size", "1200x675"). The names, value syntax and
 * messages are those of "incmap render": both read the one option table
 * (options_table.c). The object owns copies of every string, and the page
 * and time window are resolved when a render starts, as the CLI does after
 * reading all its options. */
#include "api_private.h"
#include "im_private.h"
#include "options_table.h"

#include <stdlib.h>
#include <string.h>

struct im_opts {
    int version;
    im_optset s; /* copies of every value (im_optset_init(copy)) */
};

/* The names im_opts_set() takes: the table's render options, in its order
 * (the CLI's own "output" and the input options are left out). */
const char *im_opts_name(size_t i, int *takes_value)
{
    const im_option *op;
    for (size_t k = 0; (op = im_option_at(k)); k++) {
        if (op->scope != IM_OPT_RENDER)
            continue;
        if (i-- == 0) {
            if (takes_value)
                *takes_value = op->value;
            return op->name;
        }
    }
    return NULL;
}

im_opts *im_opts_new(int version)
{
    if (version < 1 || version > IM_OPTS_VERSION)
        return NULL;
    im_opts *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->version = version;
    im_optset_init(&o->s, true);
    return o;
}

void im_opts_free(im_opts *o)
{
    if (!o)
        return;
    im_optset_free(&o->s);
    free(o);
}

im_status im_opts_set(im_context *ctx, im_opts *x, const char *name, const char *v)
{
    IM_C_LOCALE(ctx);
    if (!x || !name)
        return im_fail_arg(ctx, __func__);
    const im_option *op = im_option_find(name);
    if (!op || op->scope == IM_OPT_CLI) {
        if (!ctx)
            return IM_ERR_ARG;
        return im_fail(ctx, IM_ERR_ARG, "options: unknown option \"%.100s\" (the names of "
                       "incmap render's options, without dashes%s)", name,
                       op ? "; the output is the path or buffer the render is given" : "");
    }
    if (op->scope == IM_OPT_INPUT) {
        if (!ctx)
            return IM_ERR_ARG;
        return im_fail(ctx, IM_ERR_ARG, "options: %s says how inputs are read: set it on the "
                       "context before loading (im_context_set_*())", name);
    }
    im_optmsg m;
    m.dash = "";
    im_status st = im_optset_apply(&x->s, op, v, &m);
    if (st == IM_OK)
        st = im_optset_check(&x->s, op, &m); /* format, the time window: now, not at render */
    if (st != IM_OK && ctx)
        return im_fail(ctx, st, "options: %s", m.text);
    return st;
}

/* The render options the object stands for, with the page and the time
 * window resolved as "incmap render" resolves them (im_optset_finish). */
im_status im_opts_resolve(im_context *ctx, const im_opts *x, im_render_options *o)
{
    if (!x) {
        im_render_options_init(o);
        return IM_OK;
    }
    im_optmsg m;
    m.dash = "";
    im_output_format fmt;
    if (im_optset_finish(&x->s, o, &fmt, &m) != IM_OK)
        return im_fail(ctx, IM_ERR_ARG, "options: %s", m.text);
    return IM_OK;
}

im_status im_render_opts(im_context *ctx, const im_incidents *set, const im_opts *opts,
                         const char *path, im_output_format format)
{
    if (!ctx || !set || !path)
        return im_fail_arg(ctx, __func__);
    im_render_options o;
    im_status st = im_opts_resolve(ctx, opts, &o);
    if (st != IM_OK)
        return st;
    if (format == IM_OUTPUT_AUTO)
        format = im_opts_format_of(opts);
    return im_render(ctx, set, &o, path, format);
}

im_output_format im_opts_format_of(const im_opts *opts)
{
    im_output_format fmt = IM_OUTPUT_AUTO;
    im_render_options o;
    im_optmsg m;
    m.dash = "";
    if (opts && im_optset_finish(&opts->s, &o, &fmt, &m) != IM_OK)
        fmt = IM_OUTPUT_AUTO; /* reported by im_opts_resolve() */
    return fmt;
}

bool im_opts_writes_files(const im_opts *opts)
{
    return opts && (opts->s.o.world_file || opts->s.o.dump_layout);
}
