/* cli.c - command dispatch, help, and the validate and info commands. */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef INCMAP_SOURCE_BASEMAP_DIR
#define INCMAP_SOURCE_BASEMAP_DIR ""
#endif
#ifndef INCMAP_BASEMAP_DIR
#define INCMAP_BASEMAP_DIR "/usr/local/share/incmap/basemaps"
#endif

static const char *const usage_text =
    "Usage: incmap COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "Draw maps of incidents (rocket, drone, mortar, IED attacks...) from native JSON,\n"
    "GeoJSON or CSV (ACLED's columns among others) files.\n"
    "\n"
    "Commands:\n"
    "  render INPUT... -o OUT    draw one map (PNG, SVG or PDF)\n"
    "  validate INPUT...         check files and report every problem\n"
    "  info INPUT... [--json]    counts by weapon, site and month; date range; extent\n"
    "  batch MANIFEST            render every job of a manifest (incmap batch --help)\n"
    "\n"
    "Options for every command:\n"
    "  -h, --help                this help (\"incmap render --help\" for render's options)\n"
    "  --version                 the version\n"
    "  -q, --quiet               only errors on stderr\n"
    "  -v, --verbose             also informational messages\n"
    "  --style FILE              palette, shapes, weapon aliases, fonts (JSON)\n"
    "\n"
    "Reading inputs (render, validate, info):\n"
    "  --field FIELD=NAME        read FIELD from the GeoJSON property or CSV column NAME\n"
    "                            (repeatable), e.g. --field weapon=attack_type\n"
    "  --strict                  GeoJSON geometries that are not points are errors\n"
    "  --max-file-size N         largest input file in bytes, K/M/G suffixes (default 2G)\n"
    "  --max-records N           most incidents (default 50000000)\n"
    "  --max-string N            longest text field in bytes (default 65536)\n"
    "  --max-depth N             deepest JSON nesting (default 64)\n"
    "\n"
    "Exit codes: 0 success, 1 rendering or writing failed, 2 bad usage,\n"
    "3 invalid input data (nothing is written).\n";

int cli_usage_error(cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(c->err, "incmap: ");
    vfprintf(c->err, fmt, ap);
    fprintf(c->err, "\n");
    va_end(ap);
    return CLI_USAGE;
}

int cli_exit_code(im_status st)
{
    switch (st) {
    case IM_OK:
        return CLI_OK;
    case IM_ERR_ARG: case IM_ERR_CRS: case IM_ERR_EXTENT: case IM_ERR_TRANSFORM:
        return CLI_USAGE;
    default:
        return im_status_is_input_error(st) ? CLI_BAD_INPUT : CLI_FAILED;
    }
}

bool cli_is(const char *arg, const char *long_name, const char *short_name)
{
    if (short_name && strcmp(arg, short_name) == 0)
        return true;
    size_t n = strlen(long_name);
    return strncmp(arg, long_name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

const char *cli_value(cli *c, int argc, char **argv, int *i, const char *arg, const char *name)
{
    const char *eq = strchr(arg, '=');
    if (arg[0] == '-' && arg[1] == '-' && eq)
        return eq + 1;
    if (*i + 1 >= argc) {
        cli_usage_error(c, "%s: %s needs a value", c->cmd, name);
        return NULL;
    }
    return argv[++*i];
}

static void on_log(void *user, im_log_level level, const char *message)
{
    cli *c = user;
    const char *tag = level >= IM_LOG_ERROR ? "error" : level == IM_LOG_WARNING ? "warning"
                                                                                  : "note";
    fprintf(c->err, "incmap: %s: %s\n", tag, message);
}

/* "123", "64K", "2G" (binary multiples) as a count; false when malformed. */
static bool parse_count(const char *v, uint64_t *out)
{
    char *end;
    if (*v < '0' || *v > '9')
        return false;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10, end++;
    else if (*end == 'M' || *end == 'm') shift = 20, end++;
    else if (*end == 'G' || *end == 'g') shift = 30, end++;
    if (*end || errno || n > (UINT64_MAX >> shift))
        return false;
    *out = (uint64_t)n << shift;
    return true;
}

/* --field, --strict and the --max-* limits: how inputs are read. */
static int input_option(cli *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (cli_is(a, "--strict", NULL)) {
        im_context_set_strict(c->ctx, 1);
        return 1;
    }
    if (cli_is(a, "--field", NULL)) {
        const char *v = cli_value(c, argc, argv, i, a, "--field");
        if (!v)
            return -CLI_USAGE;
        const char *eq = strchr(v, '=');
        char field[64];
        if (!eq || eq == v || !eq[1] || (size_t)(eq - v) >= sizeof field)
            return -cli_usage_error(c, "%s: --field \"%s\": expected FIELD=NAME, e.g. "
                                       "weapon=attack_type", c->cmd, v);
        memcpy(field, v, (size_t)(eq - v));
        field[eq - v] = '\0';
        im_status st = im_context_set_field(c->ctx, field, eq + 1);
        return st == IM_OK ? 1 : -CLI_USAGE;
    }
    static const char *const names[] = {"--max-file-size", "--max-records", "--max-string",
                                        "--max-depth"};
    for (int k = 0; k < 4; k++) {
        if (!cli_is(a, names[k], NULL))
            continue;
        const char *v = cli_value(c, argc, argv, i, a, names[k]);
        if (!v)
            return -CLI_USAGE;
        im_limits lim;
        im_context_get_limits(c->ctx, &lim);
        uint64_t n;
        bool ok = parse_count(v, &n);
        if (ok && k == 0) lim.max_file_bytes = n;
        else if (ok && k == 1) lim.max_records = n;
        else if (ok && k == 2 && n <= UINT32_MAX) lim.max_string_bytes = (uint32_t)n;
        else if (ok && k == 3 && n <= 100000) lim.max_depth = (uint32_t)n;
        else ok = false;
        if (!ok || (k == 0 && n == 0) || im_context_set_limits(c->ctx, &lim) != IM_OK)
            return -cli_usage_error(c, "%s: %s \"%s\": expected a usable count (a number, "
                                       "K/M/G allowed)", c->cmd, names[k], v);
        return 1;
    }
    return 0;
}

/* Options every command takes. Returns 1 if consumed, 0 if not, and minus
 * the exit code on error. */
static int common_option(cli *c, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    int r = input_option(c, argc, argv, i);
    if (r != 0)
        return r;
    if (cli_is(a, "--quiet", "-q")) {
        c->quiet = true;
        im_context_set_log_level(c->ctx, IM_LOG_ERROR);
        return 1;
    }
    if (cli_is(a, "--verbose", "-v")) {
        c->verbose = true;
        im_context_set_log_level(c->ctx, IM_LOG_DEBUG);
        return 1;
    }
    if (cli_is(a, "--style", NULL)) {
        const char *v = cli_value(c, argc, argv, i, a, "--style");
        if (!v)
            return -CLI_USAGE;
        im_status st = im_context_load_style(c->ctx, v);
        return st == IM_OK ? 1 : -cli_exit_code(st);
    }
    return 0;
}

/* ---- validate ---------------------------------------------------------- */

static int cmd_validate(cli *c, int argc, char **argv)
{
    const char *files[256];
    int nfiles = 0;
    for (int i = 2; i < argc; i++) {
        int r = common_option(c, argc, argv, &i);
        if (r == 1)
            continue;
        if (r < 0)
            return -r;
        if (cli_is(argv[i], "--help", "-h")) {
            fprintf(c->out, "Usage: incmap validate [--style FILE] [--field F=NAME] [--strict] "
                            "INPUT...\n"
                            "Check incident files (native JSON, GeoJSON, CSV) and report every "
                            "problem with its file,\nrecord (index or CSV row) and field; "
                            "syntax errors with line and column.\n"
                            "Exit 0 when all are valid, 3 when any is not.\n");
            return CLI_OK;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error(c, "validate: unknown option %s", argv[i]);
        if (nfiles == 256)
            return cli_usage_error(c, "validate: at most 256 files at once");
        files[nfiles++] = argv[i];
    }
    if (nfiles == 0)
        return cli_usage_error(c, "validate: no input files (see incmap validate --help)");
    int bad = 0;
    size_t records = 0;
    uint64_t problems0 = im_context_error_count(c->ctx);
    for (int f = 0; f < nfiles; f++) {
        im_incidents *set = im_incidents_new();
        if (!set)
            return CLI_FAILED;
        uint64_t warn0 = im_context_warning_count(c->ctx);
        uint64_t err0 = im_context_error_count(c->ctx);
        im_status st = im_incidents_load(c->ctx, set, files[f], IM_INPUT_AUTO);
        if (st == IM_OK) {
            records += im_incidents_count(set);
            if (!c->quiet)
                fprintf(c->out, "%s: %zu records, valid%s\n", files[f], im_incidents_count(set),
                        im_context_warning_count(c->ctx) > warn0 ? " (with warnings)" : "");
        } else {
            bad++;
            unsigned long long np = im_context_error_count(c->ctx) - err0;
            if (!c->quiet)
                fprintf(c->out, "%s: invalid (%s, %llu problem%s)\n", files[f], im_strerror(st),
                        np, np == 1 ? "" : "s");
        }
        im_incidents_free(set);
    }
    unsigned long long problems = im_context_error_count(c->ctx) - problems0;
    if (!c->quiet)
        fprintf(c->out, "%d file%s checked, %d invalid, %zu valid records, %llu problem%s\n",
                nfiles, nfiles == 1 ? "" : "s", bad, records, problems, problems == 1 ? "" : "s");
    return bad ? CLI_BAD_INPUT : CLI_OK;
}

/* ---- info ---------------------------------------------------------------- */

static int cmd_info(cli *c, int argc, char **argv)
{
    bool as_json = false;
    im_incidents *set = im_incidents_new();
    if (!set)
        return CLI_FAILED;
    int nfiles = 0, rc = CLI_OK;
    for (int i = 2; i < argc && rc == CLI_OK; i++) {
        int r = common_option(c, argc, argv, &i);
        if (r == 1)
            continue;
        if (r < 0) {
            rc = -r;
            break;
        }
        if (cli_is(argv[i], "--json", NULL)) {
            as_json = true;
        } else if (cli_is(argv[i], "--help", "-h")) {
            fprintf(c->out, "Usage: incmap info [--json] [--field F=NAME] INPUT...\n"
                            "Summarise incident files: records, date range, extent, counts by "
                            "weapon, site and month.\n");
            im_incidents_free(set);
            return CLI_OK;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            rc = cli_usage_error(c, "info: unknown option %s", argv[i]);
        } else {
            nfiles++;
            im_status st = im_incidents_load(c->ctx, set, argv[i], IM_INPUT_AUTO);
            if (st != IM_OK)
                rc = cli_exit_code(st);
        }
    }
    if (rc == CLI_OK && nfiles == 0)
        rc = cli_usage_error(c, "info: no input files");
    if (rc != CLI_OK) {
        im_incidents_free(set);
        return rc;
    }
    size_t n = im_incidents_count(set);
    json_t *root = json_object(), *by_weapon = json_object(), *by_site = json_object(),
           *by_month = json_object();
    double w = 180, s = 90, e = -180, no = -90;
    int64_t t0 = INT64_MAX, t1 = INT64_MIN;
    for (size_t i = 0; i < n; i++) {
        im_incident inc;
        if (im_incidents_get(set, i, &inc) != IM_OK)
            continue;
        w = inc.lon < w ? inc.lon : w;
        e = inc.lon > e ? inc.lon : e;
        s = inc.lat < s ? inc.lat : s;
        no = inc.lat > no ? inc.lat : no;
        t0 = inc.time < t0 ? inc.time : t0;
        t1 = inc.time > t1 ? inc.time : t1;
        char month[16];
        im_date_format(inc.time, month, sizeof month);
        month[7] = '\0';
        const char *site = inc.site[0] ? inc.site : "(no site)";
        json_object_set_new(by_weapon, inc.weapon,
                            json_integer(json_integer_value(json_object_get(by_weapon, inc.weapon)) + 1));
        json_object_set_new(by_site, site,
                            json_integer(json_integer_value(json_object_get(by_site, site)) + 1));
        json_object_set_new(by_month, month,
                            json_integer(json_integer_value(json_object_get(by_month, month)) + 1));
    }
    json_object_set_new(root, "records", json_integer((json_int_t)n));
    if (n) {
        char a[16], b[16];
        im_date_format(t0, a, sizeof a);
        im_date_format(t1, b, sizeof b);
        json_object_set_new(root, "first", json_string(a));
        json_object_set_new(root, "last", json_string(b));
        json_object_set_new(root, "extent", json_pack("[f,f,f,f]", w, s, e, no));
    }
    json_object_set_new(root, "weapons", by_weapon);
    json_object_set_new(root, "sites", by_site);
    json_object_set_new(root, "months", by_month);
    if (as_json) {
        char *text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
        if (text)
            fprintf(c->out, "%s\n", text);
        free(text);
    } else {
        fprintf(c->out, "records: %zu\n", n);
        if (n) {
            fprintf(c->out, "dates:   %s to %s\n",
                    json_string_value(json_object_get(root, "first")),
                    json_string_value(json_object_get(root, "last")));
            fprintf(c->out, "extent:  %.4f,%.4f,%.4f,%.4f (W,S,E,N)\n", w, s, e, no);
        }
        const char *titles[3] = {"by weapon", "by site", "by month"};
        json_t *groups[3] = {by_weapon, by_site, by_month};
        for (int g = 0; g < 3; g++) {
            fprintf(c->out, "%s:\n", titles[g]);
            /* sorted keys for stable output */
            const char *key;
            json_t *val;
            size_t nk = json_object_size(groups[g]), k = 0;
            const char **keys = calloc(nk ? nk : 1, sizeof *keys);
            json_object_foreach(groups[g], key, val) keys[k++] = key;
            for (size_t a = 1; a < nk; a++)
                for (size_t b = a; b > 0 && strcmp(keys[b - 1], keys[b]) > 0; b--) {
                    const char *t = keys[b];
                    keys[b] = keys[b - 1];
                    keys[b - 1] = t;
                }
            for (k = 0; k < nk; k++)
                fprintf(c->out, "  %-40s %6lld\n", keys[k],
                        (long long)json_integer_value(json_object_get(groups[g], keys[k])));
            free(keys);
        }
    }
    json_decref(root);
    im_incidents_free(set);
    if (fflush(c->out) != 0 || ferror(c->out))
        return CLI_FAILED;
    return CLI_OK;
}

/* ---- dispatch -------------------------------------------------------------- */

/* Where the basemaps are: $INCMAP_BASEMAPS, else the installed folder,
 * else (running from a build tree) the source tree's basemaps/. */
static void find_basemaps(im_context *ctx)
{
    const char *env = getenv("INCMAP_BASEMAPS");
    if ((env && *env) || !INCMAP_SOURCE_BASEMAP_DIR[0])
        return; /* the context already took it */
    struct stat sb;
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/middle-east/manifest.json", INCMAP_BASEMAP_DIR);
    if (stat(probe, &sb) != 0 && im_context_set_basemap_dir(ctx, INCMAP_SOURCE_BASEMAP_DIR) != IM_OK)
        return; /* out of memory: the installed folder stays */
}

int incmap_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
    cli c = {out, err, NULL, false, false, "incmap"};
    if (argc < 2) {
        fputs(usage_text, err);
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (cli_is(cmd, "--help", "-h") || strcmp(cmd, "help") == 0) {
        fputs(usage_text, out);
        return CLI_OK;
    }
    if (cli_is(cmd, "--version", NULL)) {
        fprintf(out, "incmap %s\n", im_version());
        return CLI_OK;
    }
    c.ctx = im_context_new();
    if (!c.ctx) {
        fprintf(err, "incmap: cannot create a context (out of memory?)\n");
        return CLI_FAILED;
    }
    im_context_set_log(c.ctx, on_log, &c);
    find_basemaps(c.ctx);
    c.cmd = cmd;
    int rc;
    if (strcmp(cmd, "render") == 0)
        rc = cli_render(&c, argc, argv);
    else if (strcmp(cmd, "validate") == 0)
        rc = cmd_validate(&c, argc, argv);
    else if (strcmp(cmd, "info") == 0)
        rc = cmd_info(&c, argc, argv);
    else if (strcmp(cmd, "batch") == 0)
        rc = cli_batch(&c, argc, argv);
    else
        rc = cli_usage_error(&c, "unknown command \"%s\" (try incmap --help)", cmd);
    im_context_free(c.ctx);
    return rc;
}

/* Shared with cli_render.c: handles --quiet, --verbose and --style. */
int cli_common_option(cli *c, int argc, char **argv, int *i)
{
    return common_option(c, argc, argv, i);
}

/* Shared with cli_batch.c: each worker's context finds the basemaps the
 * same way. */
void cli_find_basemaps(im_context *ctx)
{
    find_basemaps(ctx);
}
