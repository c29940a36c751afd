/* cli_options.c - render options from (name, value) pairs.
 *
 * One implementation of what every render option means: "incmap render"
 * feeds it its argv, "incmap batch" the keys of a manifest job, so an
 * option, its checks and its messages are the same in both. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The options themselves, their values and their messages are the rows of
 * the library's table (src/options_table.c), which im_opts_set() reads
 * too: add an option there, not here. --style, --quiet and --verbose are
 * common options (cli.c). */

int cli_opts_kind(const char *name)
{
    const im_option *op = im_option_find(name);
    return op ? op->value : -1;
}

void cli_opts_init(cli_opts *a, const char *where, const char *dash)
{
    memset(a, 0, sizeof *a);
    im_optset_init(&a->s, false); /* argv and manifests outlive the options */
    a->where = where;
    a->dash = dash;
}

void cli_opts_free(cli_opts *a)
{
    if (!a)
        return;
    im_optset_free(&a->s);
    free(a->frames_buf);
    a->frames_buf = NULL;
}

int cli_opts_set(cli *c, cli_opts *a, const char *name, const char *v)
{
    const char *W = a->where, *D = a->dash;
    const im_option *op = im_option_find(name);
    if (!op)
        return cli_usage_error(c, "%s: unknown option %s%s", W, D, name);
    if (op->value && !v)
        return cli_usage_error(c, "%s: %s%s needs a value", W, D, name);

    if (op->scope == IM_OPT_INPUT) {
        /* Checked here; a batch worker applies it to the job's own context. */
        im_context *scratch = im_context_new();
        int rc = scratch ? cli_input_apply(c, scratch, W, name, v) : CLI_FAILED;
        im_context_free(scratch);
        return rc;
    }
    im_optmsg m;
    m.dash = D;
    im_status st = im_optset_apply(&a->s, op, v, &m);
    if (st == IM_ERR_NOMEM)
        return CLI_FAILED;
    return st == IM_OK ? CLI_OK : cli_usage_error(c, "%s: %s", W, m.text);
}

int cli_opts_finish(cli *c, cli_opts *a, im_output_format *fmt)
{
    im_optmsg m;
    m.dash = a->dash;
    if (im_optset_finish(&a->s, &a->s.o, fmt, &m) != IM_OK)
        return cli_usage_error(c, "%s: %s", a->where, m.text);
    return CLI_OK;
}

int cli_opts_fields(cli *c, im_context *ctx, const im_render_options *o)
{
    (void)c;
    if (o->color_by == IM_COLOR_BY_FIELD &&
        im_context_set_field(ctx, "category", o->color_field) != IM_OK)
        return CLI_USAGE;
    if (o->size_by && strcmp(o->size_by, "casualties") != 0 && strcmp(o->size_by, "count") != 0 &&
        im_context_set_field(ctx, "size", o->size_by) != IM_OK)
        return CLI_USAGE;
    return CLI_OK;
}
