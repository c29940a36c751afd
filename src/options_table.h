/* options_table.h - the render options of "incmap render", one table for
 * the command line (src/cli/cli_options.c), batch manifests and the
 * options object of bindings (im_opts_set(), api_opts.c).
 *
 * An option is added once, as a row of options_table.c: the CLI then reads
 * it from argv and manifests, and im_opts_set() takes it by name, with the
 * same value syntax and the same messages. Library-internal (the CLI links
 * the static library); not part of incmap.h. */
#ifndef INCMAP_OPTIONS_TABLE_H
#define INCMAP_OPTIONS_TABLE_H

#include "incmap.h"

#include <stdbool.h>
#include <stddef.h>

#define IM_OPT_MAX_LAYERS 64
#define IM_OPT_MAX_WEAPONS 64

/* Render options being built. Strings are borrowed from the values given
 * (the CLI: argv or the manifest, which outlive it) unless copy is set, in
 * which case each value is copied and the copies freed by
 * im_optset_free() (im_opts). */
typedef struct im_optset {
    im_render_options o;
    const char *output, *format, *from, *to, *last, *now; /* checked by im_optset_finish() */
    const char *layers[IM_OPT_MAX_LAYERS];
    const char *weapons[IM_OPT_MAX_WEAPONS];
    char *weapon_buf;        /* the weapon list, split in place (owned) */
    bool size_set, dpi_set;  /* size, dpi given (see im_optset_finish) */
    bool copy;               /* keep copies of the values (owned, in pool) */
    char **pool;
    size_t n_pool, cap_pool;
} im_optset;

/* Where an option applies. */
typedef enum im_opt_scope {
    IM_OPT_RENDER, /* a render option: the CLI, manifests and im_opts_set() */
    IM_OPT_INPUT,  /* how inputs are read: the CLI applies it to the context
                      (cli_input.c); bindings call the context's setters */
    IM_OPT_CLI     /* the command line's own (output: the API takes a path) */
} im_opt_scope;

typedef struct im_option im_option;

/* A message being built: the prefix of option names in it ("--" on the
 * command line, "" in a manifest or for im_opts_set()) and the text. */
typedef struct im_optmsg {
    const char *dash;
    char text[4096];
} im_optmsg;

struct im_option {
    const char *name;  /* long name, no dashes */
    bool value;        /* takes a value (else a flag) */
    im_opt_scope scope;
    /* Apply a checked value (NULL for a flag) to s: IM_OK, or IM_ERR_ARG
     * (IM_ERR_NOMEM) with m->text set. NULL for IM_OPT_INPUT rows. */
    im_status (*set)(im_optset *s, const im_option *op, const char *v, im_optmsg *m);
    size_t off;              /* the int member a choice or flag sets */
    unsigned bit;            /* IM_HIDE_* a no-... flag sets */
    const char *const *choices; /* a choice's values, in the enum's order */
    const char *expected;    /* a choice's "expected ..." in messages */
};

/* Row i of the table, NULL past the last. */
const im_option *im_option_at(size_t i);
/* The row named name, NULL when there is none. */
const im_option *im_option_find(const char *name);

void im_optset_init(im_optset *s, bool copy);
/* Frees what the set allocated; accepts NULL. */
void im_optset_free(im_optset *s);
/* Apply option op (value NULL for a flag; a flag's value may also be
 * "true", "1", "yes", "false", "0" or "no"). On an error, m->text holds
 * the message, naming the option with m->dash, without a prefix. */
IM_NODISCARD im_status im_optset_apply(im_optset *s, const im_option *op, const char *value,
                                       im_optmsg *m);
/* The value of a row checked only by im_optset_finish() (format, from,
 * to, last, now), checked on its own now: IM_OK or IM_ERR_ARG with
 * m->text. IM_OK for every other row. */
IM_NODISCARD im_status im_optset_check(const im_optset *s, const im_option *op, im_optmsg *m);
/* After the last option, into *o (which may be &s->o; s is not changed
 * otherwise, so a set can be finished again): the format, the page (size or dpi alone), and the time
 * window (from, to, last relative to now or today). IM_OK or IM_ERR_ARG
 * with m->text. */
IM_NODISCARD im_status im_optset_finish(const im_optset *s, im_render_options *o,
                                        im_output_format *fmt, im_optmsg *m);

#endif
