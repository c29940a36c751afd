/* cli.c - command dispatch, help, and the validate and info commands. */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const usage_text =
    "Usage: incmap COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "Draw maps of incidents (rocket, drone, mortar, IED attacks...) from JSON of any\n"
    "record shape, GeoJSON, CSV (ACLED, UCDP GED and GTD exports among others) and,\n"
    "with GDAL, GeoPackage, Shapefile, KML/KMZ, FlatGeobuf, GeoJSONSeq, XLSX/XLS,\n"
    "ODS and Esri JSON (ArcGIS).\n"
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
    "Reading inputs (render, validate, info; batch jobs take the same keys):\n"
    "  --field FIELD=NAME        read FIELD from the column or property NAME (repeatable),\n"
    "                            e.g. --field weapon=attack_type; fields: id date weapon\n"
    "                            site count casualties uncertainty_km geo_precision\n"
    "                            time_precision source lat lon date_end date_precision\n"
    "                            year month day\n"
    "  --preset NAME             acled, ucdp, gtd or none (default: detected from the\n"
    "                            header): the dataset's columns, dates, precision codes\n"
    "  --skip-invalid            leave invalid records out (each reported, then a summary)\n"
    "                            instead of refusing the file\n"
    "  --dedupe id               drop records whose id was seen before (keep the first)\n"
    "  --date-format FMT         read dates with FMT (%Y %y %m %d %e %b %B %H %M %S %j %T\n"
    "                            %F %z), e.g. \"%d/%m/%Y\"\n"
    "  --date-order dmy|mdy      how to read slash dates such as 02/03/2022\n"
    "  --layer-name NAME         the layer of a GeoPackage, KML... to read\n"
    "  --strict                  GeoJSON geometries that are not points are errors\n"
    "  --max-file-size N         largest input file in bytes, K/M/G suffixes (default 2G)\n"
    "  --max-records N           most incidents (default 50000000)\n"
    "  --max-string N            longest text field in bytes (default 65536)\n"
    "  --max-depth N             deepest JSON nesting (default 64)\n"
    "  --max-points N            positions in one record's geometry (default 1M)\n"
    "  --max-vertices N          positions in one basemap or --layer file (default 5M)\n"
    "  --max-pixels N            pixels in a rendered map (default 100M, e.g. 10000x10000)\n"
    "\n"
    "Options follow the getopt_long conventions: -oFILE or -o FILE, --output=FILE or\n"
    "--output FILE, bundled flags (-qv), and -- ends the options. -q and -v may also\n"
    "come before the command (incmap -q batch ...).\n"
    "\n"
    "Exit codes: 0 success, 1 rendering or writing failed, 2 bad usage,\n"
    "3 invalid input data (nothing is written).\n";

const char *const cli_environment_help =
    "\n"
    "Environment:\n"
    "  INCMAP_BASEMAPS           the folder holding the basemaps (middle-east/...);\n"
    "                            default: share/incmap/basemaps of the installation,\n"
    "                            found relative to the program and the library\n"
    "  INCMAP_GDAL_LIBRARY       the GDAL library opened for GIS files (GeoPackage,\n"
    "                            Shapefile, KML, XLSX...): a path or soname;\n"
    "                            default: the one incmap was built with\n"
    "  INCMAP_THREADS            threads for decoding a big JSON records array,\n"
    "                            deflating a PNG, reading basemap layers ahead\n"
    "                            (the inset's too) and warping the relief: 1 for\n"
    "                            one; default: the CPUs this process may run on,\n"
    "                            at most 4 (the output is the same bytes whatever\n"
    "                            the number)\n"
    "  INCMAP_SHARD_COUNT        batch --shard auto: the number of shards when the\n"
    "                            scheduler does not give it (Kubernetes)\n"
    "  SLURM_ARRAY_TASK_ID       batch --shard auto: this Slurm array task's index\n"
    "  SLURM_ARRAY_TASK_MIN      batch --shard auto: the array's first index\n"
    "  SLURM_ARRAY_TASK_COUNT    batch --shard auto: the number of array tasks\n"
    "  JOB_COMPLETION_INDEX      batch --shard auto: the Kubernetes Indexed Job index\n"
    "  TZ                        ignored: dates, and --now's default, are UTC\n";

int cli_usage_error(cli *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char msg[4096];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_print(c->err, "incmap: %s\n", msg); /* arguments can carry escapes too */
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

static void on_log(void *user, im_log_level level, const char *message)
{
    cli *c = user;
    const char *tag = level >= IM_LOG_ERROR ? "error" : level == IM_LOG_WARNING ? "warning"
                                                                                  : "note";
    cli_print(c->err, "incmap: %s: %s\n", tag, message); /* input text is data */
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
static int input_option(cli *c, const char *name, const char *v)
{
    int kind = cli_input_kind(name);
    if (kind >= 0) { /* --field, --strict, --skip-invalid, --preset, dates... (cli_input.c) */
        int r = cli_input_apply(c, c->ctx, c->cmd, name, v);
        return r == CLI_OK ? 1 : -r;
    }
    static const char *const names[] = {"max-file-size", "max-records", "max-string",
                                        "max-depth", "max-points", "max-vertices",
                                        "max-pixels"};
    for (int k = 0; k < 7; k++) {
        if (strcmp(name, names[k]) != 0)
            continue;
        im_limits lim;
        im_context_get_limits(c->ctx, &lim);
        uint64_t n = 0;
        bool ok = parse_count(v, &n);
        if (ok && k == 0) lim.max_file_bytes = n;
        else if (ok && k == 1) lim.max_records = n;
        else if (ok && k == 2 && n <= UINT32_MAX) lim.max_string_bytes = (uint32_t)n;
        else if (ok && k == 3 && n <= 100000) lim.max_depth = (uint32_t)n;
        else if (ok && k == 4 && n > 0) lim.max_points = n;
        else if (ok && k == 5 && n > 0) lim.max_vertices = n;
        else if (ok && k == 6 && n > 0) lim.max_image_pixels = n;
        else ok = false;
        if (!ok || (k == 0 && n == 0) || im_context_set_limits(c->ctx, &lim) != IM_OK)
            return -cli_usage_error(c, "%s: --%s \"%s\": expected a usable count (a number, "
                                       "K/M/G allowed)", c->cmd, names[k], v);
        return 1;
    }
    return 0;
}

static void set_quiet(cli *c)
{
    c->quiet = true;
    c->verbose = false;
    im_context_set_log_level(c->ctx, IM_LOG_ERROR);
}

static void set_verbose(cli *c)
{
    c->verbose = true;
    c->quiet = false;
    im_context_set_log_level(c->ctx, IM_LOG_DEBUG);
}

int cli_common_set(cli *c, const char *name, const char *v)
{
    int r = input_option(c, name, v);
    if (r != 0)
        return r;
    if (strcmp(name, "quiet") == 0) {
        set_quiet(c);
        return 1;
    }
    if (strcmp(name, "verbose") == 0) {
        set_verbose(c);
        return 1;
    }
    if (strcmp(name, "style") == 0) {
        im_status st = im_context_load_style(c->ctx, v);
        return st == IM_OK ? 1 : -cli_exit_code(st);
    }
    if (strcmp(name, "theme") == 0) { /* light, dark, print: onto the style so far */
        im_status st = im_context_load_theme(c->ctx, v);
        return st == IM_OK ? 1 : -CLI_USAGE;
    }
    return 0;
}

/* ---- validate ---------------------------------------------------------- */

/* What a JSON file is, from its top-level "$schema" member (read from the
 * first 8 KiB, where it conventionally comes first). */
typedef enum { KIND_INCIDENTS, KIND_MANIFEST, KIND_STYLE, KIND_SCHEMA, KIND_OTHER } file_kind;

static const char *const kind_names[] = {"incidents", "manifest", "style"};

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0 && (n == t || s[n - t - 1] == '/');
}

static file_kind sniff_kind(const char *path, char *decl, size_t size)
{
    decl[0] = '\0';
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return KIND_INCIDENTS; /* the reader reports it */
    char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = buf[i];
        if (ch == '{' || ch == '[') {
            depth++;
        } else if (ch == '}' || ch == ']') {
            depth--;
        } else if (ch == '"') {
            size_t j = i + 1;
            while (j < n && buf[j] != '"')
                j += buf[j] == '\\' ? 2 : 1;
            if (j >= n)
                break;
            bool is_key = depth == 1 && j - i - 1 == 7 && memcmp(buf + i + 1, "$schema", 7) == 0;
            i = j;
            if (!is_key)
                continue;
            size_t k = j + 1;
            while (k < n && strchr(" \t\r\n", buf[k]))
                k++;
            if (k >= n || buf[k] != ':')
                continue;
            k++;
            while (k < n && strchr(" \t\r\n", buf[k]))
                k++;
            if (k >= n || buf[k] != '"')
                break;
            size_t e = k + 1;
            while (e < n && buf[e] != '"' && buf[e] != '\\')
                e++;
            if (e >= n || buf[e] != '"' || e - k - 1 >= size)
                break;
            memcpy(decl, buf + k + 1, e - k - 1);
            decl[e - k - 1] = '\0';
            if (ends_with(decl, "incidents.schema.json"))
                return KIND_INCIDENTS;
            if (ends_with(decl, "manifest.schema.json"))
                return KIND_MANIFEST;
            if (ends_with(decl, "style.schema.json"))
                return KIND_STYLE;
            if (strstr(decl, "json-schema.org"))
                return KIND_SCHEMA;
            return KIND_OTHER;
        }
    }
    return KIND_INCIDENTS;
}

/* A manifest: the same checks as incmap batch (every job), nothing run. */
static bool validate_manifest(cli *c, const char *path)
{
    FILE *null = fopen("/dev/null", "w");
    if (!null)
        return false;
    FILE *out = c->out;
    bool quiet = c->quiet, verbose = c->verbose;
    char *args[] = {"incmap", "batch", (char *)path, "--dry-run", "--jobs", "1", NULL};
    c->out = null;
    c->quiet = true; /* no "dry run" line; the problems still go to stderr */
    c->verbose = false;
    const char *cmd = c->cmd;
    c->cmd = "batch";
    int rc = cli_batch(c, 6, args);
    c->cmd = cmd;
    c->out = out;
    c->quiet = quiet;
    c->verbose = verbose;
    im_context_set_log_level(c->ctx, quiet ? IM_LOG_ERROR : verbose ? IM_LOG_DEBUG : IM_LOG_INFO);
    fclose(null);
    return rc == CLI_OK;
}

static bool validate_style(cli *c, const char *path, uint64_t *problems)
{
    im_context *ctx = im_context_new();
    if (!ctx)
        return false;
    im_context_set_log(ctx, on_log, c);
    im_status st = im_context_load_style(ctx, path);
    *problems += im_context_error_count(ctx);
    im_context_free(ctx);
    return st == IM_OK;
}

static int validate_kind(const char *name)
{
    return strcmp(name, "as") == 0 ? 1 : -1;
}

static int cmd_validate(cli *c, int argc, char **argv)
{
    const char *files[256];
    int nfiles = 0, forced = -1;
    cli_args p;
    cli_args_init(&p, argc, argv, 2, validate_kind, true);
    const char *name, *v;
    for (int t; (t = cli_next(c, &p, &name, &v)) != CLI_ARG_END;) {
        if (t == CLI_ARG_ERROR)
            return CLI_USAGE;
        if (t == CLI_ARG_OPERAND) {
            if (nfiles == 256)
                return cli_usage_error(c, "validate: at most 256 files at once");
            files[nfiles++] = v;
            continue;
        }
        int r = cli_common_set(c, name, v);
        if (r == 1)
            continue;
        if (r < 0)
            return -r;
        if (strcmp(name, "as") == 0) {
            for (forced = 0; forced < 3 && strcmp(v, kind_names[forced]) != 0; forced++)
                ;
            if (forced == 3)
                return cli_usage_error(c, "validate: --as \"%s\": expected incidents, manifest "
                                          "or style", v);
        } else if (strcmp(name, "help") == 0) {
            fprintf(c->out, "Usage: incmap validate [--as KIND] [--style FILE] [--field F=NAME] "
                            "[--strict] FILE...\n"
                            "Check incident files (JSON, GeoJSON, CSV, GIS files) and report every "
                            "problem with its file,\nrecord (index or CSV row) and field; "
                            "syntax errors with line and column.\n"
                            "A JSON file whose \"$schema\" names manifest.schema.json or "
                            "style.schema.json is checked\nas a batch manifest (as incmap batch "
                            "does, every job) or a style; a JSON Schema or a file\nwhose "
                            "\"$schema\" names another kind is skipped with a note.\n"
                            "  --as incidents|manifest|style   check every FILE as this kind\n"
                            "Exit 0 when all are valid, 3 when any is not.\n");
            fputs(cli_environment_help, c->out);
            return CLI_OK;
        }
    }
    if (nfiles == 0)
        return cli_usage_error(c, "validate: no input files (see incmap validate --help)");
    int bad = 0, skipped = 0;
    size_t records = 0;
    uint64_t problems0 = im_context_error_count(c->ctx), extra = 0;
    for (int f = 0; f < nfiles; f++) {
        char decl[512];
        file_kind kind = forced >= 0 ? (file_kind)forced : sniff_kind(files[f], decl, sizeof decl);
        if (kind == KIND_SCHEMA || kind == KIND_OTHER) {
            skipped++;
            if (!c->quiet)
                fprintf(c->out, "%s: skipped: %s\n", files[f],
                        kind == KIND_SCHEMA ? "a JSON Schema, not an incmap file"
                                            : "its \"$schema\" names another kind of file");
            continue;
        }
        if (kind == KIND_MANIFEST || kind == KIND_STYLE) {
            uint64_t e0 = im_context_error_count(c->ctx);
            bool ok = kind == KIND_MANIFEST ? validate_manifest(c, files[f])
                                            : validate_style(c, files[f], &extra);
            bad += !ok;
            if (!ok && kind == KIND_MANIFEST && im_context_error_count(c->ctx) == e0)
                extra++; /* batch's own checks print their message without counting it */
            if (!c->quiet)
                fprintf(c->out, "%s: %s, %s\n", files[f], kind_names[kind],
                        ok ? "valid" : "invalid");
            continue;
        }
        im_incidents *set = im_incidents_new();
        if (!set)
            return CLI_FAILED;
        uint64_t warn0 = im_context_warning_count(c->ctx);
        uint64_t err0 = im_context_error_count(c->ctx);
        im_status st = im_incidents_load(c->ctx, set, files[f], IM_INPUT_AUTO);
        if (st == IM_OK) {
            records += im_incidents_count(set);
            if (!c->quiet)
                cli_print(c->out, "%s: %zu records, valid%s\n", files[f], im_incidents_count(set),
                        im_context_warning_count(c->ctx) > warn0 ? " (with warnings)" : "");
        } else {
            bad++;
            unsigned long long np = im_context_error_count(c->ctx) - err0;
            if (!c->quiet)
                cli_print(c->out, "%s: invalid (%s, %llu problem%s)\n", files[f], im_strerror(st),
                        np, np == 1 ? "" : "s");
        }
        im_incidents_free(set);
    }
    unsigned long long problems = im_context_error_count(c->ctx) - problems0 + extra;
    if (!c->quiet) {
        char skip[32] = "";
        if (skipped)
            snprintf(skip, sizeof skip, ", %d skipped", skipped);
        fprintf(c->out, "%d file%s checked, %d invalid%s, %zu valid records, %llu problem%s\n",
                nfiles, nfiles == 1 ? "" : "s", bad, skip, records, problems,
                problems == 1 ? "" : "s");
    }
    return bad ? CLI_BAD_INPUT : CLI_OK;
}

/* ---- info ---------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int info_kind(const char *name)
{
    return strcmp(name, "json") == 0 ? 0 : -1;
}

static int cmd_info(cli *c, int argc, char **argv)
{
    bool as_json = false;
    im_incidents *set = im_incidents_new();
    const char **files = calloc((size_t)argc, sizeof *files);
    if (!set || !files) {
        im_incidents_free(set);
        free(files);
        return CLI_FAILED;
    }
    /* Every option first, wherever it stands, then the files: an option
     * after a file applies to it too. */
    int nfiles = 0, rc = CLI_OK;
    cli_args p;
    cli_args_init(&p, argc, argv, 2, info_kind, true);
    const char *name, *v;
    for (int t; rc == CLI_OK && (t = cli_next(c, &p, &name, &v)) != CLI_ARG_END;) {
        if (t == CLI_ARG_ERROR) {
            rc = CLI_USAGE;
            break;
        }
        if (t == CLI_ARG_OPERAND) {
            files[nfiles++] = v; /* loaded once every option is known */
            continue;
        }
        int r = cli_common_set(c, name, v);
        if (r == 1)
            continue;
        if (r < 0) {
            rc = -r;
            break;
        }
        if (strcmp(name, "json") == 0) {
            as_json = true;
        } else if (strcmp(name, "help") == 0) {
            fprintf(c->out, "Usage: incmap info [--json] [--field F=NAME] [--preset P] "
                            "[--skip-invalid] INPUT...\n"
                            "Summarise incident files: records, date range, extent, counts by "
                            "weapon, site and month.\n");
            fputs(cli_environment_help, c->out);
            im_incidents_free(set);
            free(files);
            return CLI_OK;
        }
    }
    if (rc == CLI_OK && nfiles == 0)
        rc = cli_usage_error(c, "info: no input files");
    for (int f = 0; f < nfiles && rc != CLI_USAGE; f++) {
        im_status st = im_incidents_load(c->ctx, set, files[f], IM_INPUT_AUTO);
        if (st != IM_OK && rc == CLI_OK)
            rc = cli_exit_code(st); /* keep going: every problem is reported */
    }
    free(files);
    if (rc != CLI_OK) {
        im_incidents_free(set);
        return rc;
    }
    size_t n = im_incidents_count(set);
    json_t *root = json_object(), *by_weapon = json_object(), *by_site = json_object(),
           *by_month = json_object();
    double w = 180, s = 90, e = -180, no = -90;
    int64_t t0 = INT64_MAX, t1 = INT64_MIN;
    char *key = NULL;
    size_t key_cap = 0;
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
        /* Keys as data: escaped, so always valid UTF-8 (jansson refuses
         * other keys) and harmless on a terminal. */
        const char *keys3[3] = {inc.weapon, inc.site[0] ? inc.site : "(no site)", month};
        json_t *objs[3] = {by_weapon, by_site, by_month};
        for (int g = 0; g < 3; g++) {
            size_t need = strlen(keys3[g]) * 6 + 8;
            if (need > key_cap) {
                char *nk = realloc(key, need);
                if (!nk)
                    continue;
                key = nk;
                key_cap = need;
            }
            cli_escape(keys3[g], key, key_cap);
            json_t *cnt = json_object_get(objs[g], key);
            if (cnt)
                json_integer_set(cnt, json_integer_value(cnt) + 1);
            else
                json_object_set_new(objs[g], key, json_integer(1));
        }
    }
    free(key);
    json_object_set_new(root, "records", json_integer((json_int_t)n));
    if (im_incidents_skipped(set))
        json_object_set_new(root, "skipped", json_integer((json_int_t)im_incidents_skipped(set)));
    if (im_incidents_dropped(set))
        json_object_set_new(root, "duplicates_dropped",
                            json_integer((json_int_t)im_incidents_dropped(set)));
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
        json_free_t jfree; /* jansson's buffer, freed by jansson's free */
        json_get_alloc_funcs(NULL, &jfree);
        if (text) {
            fprintf(c->out, "%s\n", text);
            jfree(text);
        }
    } else {
        fprintf(c->out, "records: %zu\n", n);
        if (im_incidents_skipped(set))
            fprintf(c->out, "skipped: %zu invalid records\n", im_incidents_skipped(set));
        if (im_incidents_dropped(set))
            fprintf(c->out, "dropped: %zu duplicate ids\n", im_incidents_dropped(set));
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
            qsort(keys, nk, sizeof *keys, cmp_str); /* info stays linear-logarithmic */
            for (k = 0; k < nk; k++)
                cli_print(c->out, "  %-40s %6lld\n", keys[k],
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

/* Options before the command: incmap -q render ..., incmap --version. */
static int global_kind(const char *name)
{
    return strcmp(name, "version") == 0 ? 0 : -1;
}

static int global_only(const char *name)
{
    return strcmp(name, "quiet") == 0 || strcmp(name, "verbose") == 0 ||
           strcmp(name, "help") == 0;
}

int incmap_cli_main(int argc, char **argv, FILE *out, FILE *err)
{
    cli c = {out, err, NULL, false, false, NULL};
    if (argc < 2) {
        fputs(usage_text, err), fputs(cli_environment_help, err);
        return CLI_USAGE;
    }
    /* Global options, then the command; the command's parser starts after it. */
    cli_args p;
    cli_args_init(&p, argc, argv, 1, global_kind, true);
    const char *name, *cmd = NULL;
    bool quiet = false, verbose = false;
    for (int t; !cmd && (t = cli_next(&c, &p, &name, &cmd)) != CLI_ARG_END;) {
        if (t == CLI_ARG_ERROR)
            return CLI_USAGE;
        if (t == CLI_ARG_OPERAND)
            break;
        if (strcmp(name, "help") == 0) {
            fputs(usage_text, out), fputs(cli_environment_help, out);
            return CLI_OK;
        }
        if (strcmp(name, "version") == 0) {
            cli_print_version(out);
            return fflush(out) == 0 && !ferror(out) ? CLI_OK : CLI_FAILED;
        }
        if (!global_only(name))
            return cli_usage_error(&c, "--%s goes after the command (incmap COMMAND --%s ...)",
                                   name, name);
        quiet = strcmp(name, "quiet") == 0; /* the last of -q and -v wins */
        verbose = !quiet;
    }
    if (!cmd) {
        fputs(usage_text, err), fputs(cli_environment_help, err);
        return CLI_USAGE;
    }
    if (strcmp(cmd, "help") == 0) {
        fputs(usage_text, out), fputs(cli_environment_help, out);
        return CLI_OK;
    }
    /* The command sees argv[1] as its name, like "incmap render ...". */
    int shift = p.next - 2;
    argc -= shift;
    argv += shift;
    c.ctx = im_context_new();
    if (!c.ctx) {
        fprintf(err, "incmap: cannot create a context (out of memory?)\n");
        return CLI_FAILED;
    }
    im_context_set_log(c.ctx, on_log, &c);
    if (quiet)
        set_quiet(&c);
    if (verbose)
        set_verbose(&c);
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
