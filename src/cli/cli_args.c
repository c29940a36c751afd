/* cli_args.c - reading argv the getopt_long way, for every command.
 *
 * Conventions (those of getopt_long(3) and of most GNU and BSD tools):
 *   --name=value, --name value     a long option with a value
 *   -o value, -ovalue              a short option with a value
 *   -qv, -qo FILE, -qoFILE         short options bundled; the first one that
 *                                  takes a value takes the rest (or the next
 *                                  argument)
 *   --                             ends the options: what follows is operands
 *   -                              an operand (standard input or output)
 * Options and operands may come in any order. Long names are not abbreviated:
 * a script that says --out would break the day an option --outline appears.
 * Which names exist and which take a value comes from the command's kind
 * function (render: the table in src/options_table.c) and the common options;
 * letters map to long names through the table below. getopt_long itself is
 * not used: it keeps global state, prints its own messages and permutes
 * argv, and the CLI runs in process, many times, in the tests. */
#include "cli.h"

#include <string.h>

/* Short letters and the long option each stands for. A letter exists for a
 * command when its long name does. */
static const struct {
    char letter;
    const char *name;
} letters[] = {
    {'h', "help"}, {'q', "quiet"}, {'v', "verbose"}, {'o', "output"}, {'j', "jobs"},
    {'n', "dry-run"}, {'V', "version"},
};

/* Options every command takes (cli.c applies them). */
static const struct {
    const char *name;
    bool value;
} common[] = {
    {"help", false},      {"quiet", false},       {"verbose", false},
    {"style", true},      {"field", true},        {"strict", false},
    {"max-file-size", true}, {"max-records", true}, {"max-string", true},
    {"max-depth", true},  {"max-points", true},   {"max-vertices", true},
    {"max-pixels", true}, {"theme", true},
};

static int kind_of(const cli_args *p, const char *name)
{
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        if (p->common && strcmp(name, common[i].name) == 0)
            return common[i].value ? 1 : 0;
    if (p->common && cli_input_kind(name) >= 0) /* how inputs are read (cli_input.c) */
        return cli_input_kind(name);
    return p->kind ? p->kind(name) : -1;
}

void cli_args_init(cli_args *p, int argc, char **argv, int first, int (*kind)(const char *),
                   bool common_options)
{
    memset(p, 0, sizeof *p);
    p->argc = argc;
    p->argv = argv;
    p->next = first;
    p->kind = kind;
    p->common = common_options;
}

static void unknown(cli *c, const char *opt)
{
    if (c->cmd)
        cli_usage_error(c, "%s: unknown option %s (see incmap %s --help)", c->cmd, opt, c->cmd);
    else
        cli_usage_error(c, "unknown option %s (see incmap --help)", opt);
}

static const char *letter_name(const cli_args *p, char ch)
{
    for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
        if (letters[i].letter == ch && kind_of(p, letters[i].name) >= 0)
            return letters[i].name;
    return NULL;
}

int cli_next(cli *c, cli_args *p, const char **name, const char **value)
{
    *name = NULL;
    *value = NULL;
    const char *cmd = c->cmd ? c->cmd : "incmap";
    if (p->cluster && *p->cluster) {
        /* The rest of a bundle of short options: "-qv" after the q. */
        char ch = *p->cluster++;
        const char *n = letter_name(p, ch);
        if (!n) {
            char opt[3] = {'-', ch, '\0'};
            unknown(c, opt);
            return CLI_ARG_ERROR;
        }
        *name = n;
        if (kind_of(p, n) == 1) {
            if (*p->cluster) {
                *value = p->cluster;
            } else if (p->next < p->argc) {
                *value = p->argv[p->next++];
            } else {
                cli_usage_error(c, "%s: -%c (--%s) needs a value", cmd, ch, n);
                return CLI_ARG_ERROR;
            }
            p->cluster = NULL;
        }
        return CLI_ARG_OPTION;
    }
    p->cluster = NULL;
    if (p->next >= p->argc)
        return CLI_ARG_END;
    const char *a = p->argv[p->next++];
    if (p->ended || a[0] != '-' || a[1] == '\0') {
        *value = a;
        return CLI_ARG_OPERAND;
    }
    if (a[1] != '-') {
        p->cluster = a + 1;
        return cli_next(c, p, name, value);
    }
    if (a[2] == '\0') {
        p->ended = true;
        return cli_next(c, p, name, value);
    }
    size_t n = strcspn(a + 2, "=");
    if (n >= sizeof p->name) {
        unknown(c, "(a very long name)");
        return CLI_ARG_ERROR;
    }
    memcpy(p->name, a + 2, n);
    p->name[n] = '\0';
    int kind = kind_of(p, p->name);
    if (kind < 0) {
        char opt[sizeof p->name + 2] = "--";
        strcat(opt, p->name);
        unknown(c, opt);
        return CLI_ARG_ERROR;
    }
    *name = p->name;
    if (a[2 + n] == '=') {
        if (kind == 0) {
            cli_usage_error(c, "%s: --%s takes no value", cmd, p->name);
            return CLI_ARG_ERROR;
        }
        *value = a + 3 + n;
    } else if (kind == 1) {
        if (p->next >= p->argc) {
            cli_usage_error(c, "%s: --%s needs a value", cmd, p->name);
            return CLI_ARG_ERROR;
        }
        *value = p->argv[p->next++];
    }
    return CLI_ARG_OPTION;
}
