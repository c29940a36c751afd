/* cli.h - the incmap command line as a function, so tests run it in
 * process. Only the CLI writes to the terminal. */
#ifndef INCMAP_CLI_H
#define INCMAP_CLI_H

#include "incmap.h"
#include "options_table.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes of the incmap command. */
enum {
    CLI_OK = 0,        /* success */
    CLI_FAILED = 1,    /* rendering or writing failed */
    CLI_USAGE = 2,     /* bad command line */
    CLI_BAD_INPUT = 3  /* invalid input data */
};

/* Run "incmap ARGS..." writing normal output to out and diagnostics to
 * err; returns the exit code. argv[0] is the program name. */
int incmap_cli_main(int argc, char **argv, FILE *out, FILE *err);

/* ---- shared by the subcommands (cli.c) ---- */

typedef struct cli {
    FILE *out, *err;
    im_context *ctx;
    bool quiet, verbose;
    const char *cmd;       /* subcommand name for messages */
} cli;

/* Print "incmap: MESSAGE" to err and return CLI_USAGE. */
int cli_usage_error(cli *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* ---- text from input, shown as data (cli_text.c) ---- */

/* text with control characters, direction overrides and bytes that are not
 * UTF-8 written as visible escapes (\x1B, \u202E, \xFF); always valid
 * UTF-8, cut with "..." to fit size. Returns buf. */
const char *cli_escape(const char *text, char *buf, size_t size);
/* fprintf() whose whole result goes through the same escaping (newlines
 * and tabs kept): for every line that may carry input text. */
void cli_print(FILE *fp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The exit code for a library status. */
int cli_exit_code(im_status st);

/* ---- argv, the getopt_long way (cli_args.c) ---- */

enum { CLI_ARG_OPTION = 1, CLI_ARG_OPERAND = 0, CLI_ARG_END = -1, CLI_ARG_ERROR = -2 };

typedef struct cli_args {
    int argc;
    char **argv;
    int next;                       /* index of the next argument */
    int (*kind)(const char *name);  /* the command's options: 1 value, 0 flag, -1 none */
    bool common;                    /* also the options every command takes */
    bool ended;                     /* "--" was seen */
    const char *cluster;            /* the rest of "-qv" being read */
    char name[48];                  /* the long name last returned */
} cli_args;

/* Read argv from index first. kind may be NULL (only common options). */
void cli_args_init(cli_args *p, int argc, char **argv, int first, int (*kind)(const char *),
                   bool common_options);
/* The next argument: CLI_ARG_OPTION with *name (the long name, without
 * dashes; valid until the next call) and *value (NULL for a flag);
 * CLI_ARG_OPERAND with *value; CLI_ARG_END; or CLI_ARG_ERROR after the
 * message was printed (exit code CLI_USAGE). */
int cli_next(cli *c, cli_args *p, const char **name, const char **value);

/* Apply a common option (--quiet, --verbose, --style, --field, --strict,
 * --max-*): 1 if name was one, 0 if not, minus the exit code on error. */
int cli_common_set(cli *c, const char *name, const char *value);
/* The environment variables, for every command's --help. */
extern const char *const cli_environment_help;
/* "incmap --version": the version and what it was built with (cli_version.c). */
void cli_print_version(FILE *out);

/* ---- how inputs are read (cli_input.c) ---- */

/* An input option's long name (no dashes): 1 takes a value, 0 is a flag,
 * -1 is no input option. */
int cli_input_kind(const char *name);
/* Apply an input option to ctx: CLI_OK, CLI_USAGE after printing the
 * message (where prefixes it), or -1 for no input option. */
int cli_input_apply(cli *c, im_context *ctx, const char *where, const char *name,
                    const char *value);

int cli_render(cli *c, int argc, char **argv);
int cli_batch(cli *c, int argc, char **argv);

/* ---- render options from (name, value) pairs (cli_options.c) ---- */

/* Render options being built, through the library's option table
 * (src/options_table.c, shared with im_opts_set()). Strings are borrowed
 * from the caller's values (argv or a manifest) and must outlive the
 * struct. */
typedef struct cli_opts {
    im_optset s;        /* s.o: the render options; s.output: -o */
    const char *where;  /* message prefix: "render", "m.json: jobs[2] (\"x\")" */
    const char *dash;   /* "--" before option names in messages, or "" */
    char *frames_buf;   /* a manifest's "frames" under the output root */
} cli_opts;

void cli_opts_init(cli_opts *a, const char *where, const char *dash);
/* Frees what cli_opts_set() allocated; accepts NULL. */
void cli_opts_free(cli_opts *a);
/* A render option's long name (no dashes): 1 takes a value, 0 is a flag,
 * -1 unknown. */
int cli_opts_kind(const char *name);
/* Apply one option (value NULL for a flag): CLI_OK, or an exit code after
 * printing the message. */
int cli_opts_set(cli *c, cli_opts *a, const char *name, const char *value);
/* Name the fields --color-by FIELD and --size-by FIELD read ("category",
 * "size") on ctx, before the inputs are loaded. CLI_OK or CLI_USAGE. */
int cli_opts_fields(cli *c, im_context *ctx, const im_render_options *o);
/* After the last option: the format and the time window (--from, --to,
 * --last relative to --now or today). CLI_OK or an exit code. */
int cli_opts_finish(cli *c, cli_opts *a, im_output_format *fmt);

#endif
