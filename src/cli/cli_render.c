/* cli_render.c - "incmap render": options to im_render_options. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const render_help =
    "Usage: incmap render [OPTIONS] INPUT... -o OUTPUT\n"
    "\n"
    "Draw one map of the incidents in the INPUT files (native incmap JSON).\n"
    "\n"
    "Output:\n"
    "  -o, --output PATH       .png, .svg or .pdf (the extension decides, or --format)\n"
    "  --format png|svg|pdf    force the format\n"
    "  --size WxH              pixels for PNG (default 2000x1500); SVG and PDF keep\n"
    "                          the same physical size\n"
    "  --dpi N                 pixels per inch (default 200); text sizes are in points\n"
    "  --png-level N           zlib compression 0-9 (default 6)\n"
    "  --world-file            also write OUTPUT.pgw and OUTPUT.prj beside a PNG\n"
    "\n"
    "Extent and projection:\n"
    "  --bbox W,S,E,N          extent in degrees (default: fitted to the incidents,\n"
    "                          padded)\n"
    "  --crs CRS               any CRS PROJ knows: EPSG:32638, a PROJ string, WKT.\n"
    "                          Default: a conformal projection fitted to the extent\n"
    "                          (Lambert conformal conic with standard parallels at 1/6\n"
    "                          and 5/6 of the latitude span; Mercator near the equator;\n"
    "                          polar stereographic beyond 75 degrees)\n"
    "\n"
    "Basemap:\n"
    "  --basemap NAME|PATH|none  default: the bundled \"middle-east\" basemap\n"
    "  --layer FILE            add a GeoJSON layer of your own (repeatable)\n"
    "  --labels both|en|ar|none  place names in English and Arabic script (default both)\n"
    "\n"
    "Symbols:\n"
    "  --color-by weapon|date  weapon (default): hue and shape by weapon, older\n"
    "                          incidents paler; date: a colour ramp by date, shape by\n"
    "                          weapon, with a colour bar\n"
    "  --style FILE            palette, shapes, aliases, fonts and sizes (JSON)\n"
    "\n"
    "Selection:\n"
    "  --from DATE --to DATE   keep incidents in this window (ISO 8601, inclusive)\n"
    "  --last PERIOD           the last P7D, P2W, P1M, P1Y... up to --now\n"
    "  --now DATE              the reference date for --last (default: today, UTC)\n"
    "  --weapon LIST           keep only these types, e.g. rocket,drone\n"
    "\n"
    "Text:\n"
    "  --title TEXT --subtitle TEXT --source TEXT\n"
    "                          title block and source line (default title: the count\n"
    "                          and date range)\n"
    "\n"
    "Exit codes: 0 success, 1 rendering or writing failed, 2 bad usage,\n"
    "3 invalid input data. Nothing is written unless the map is complete.\n";

/* End of the period a date names: a day's, a month's or a year's last second. */
static int64_t period_end(int64_t t, im_date_precision p)
{
    int y, m, d;
    switch (p) {
    case IM_DATE_DAY:
        return t + 86399;
    case IM_DATE_MONTH:
        im_date_split(t, &y, &m, &d);
        return (m == 12 ? im_date_make(y + 1, 1, 1) : im_date_make(y, m + 1, 1)) - 1;
    case IM_DATE_YEAR:
        im_date_split(t, &y, &m, &d);
        return im_date_make(y + 1, 1, 1) - 1;
    default:
        return t;
    }
}

typedef struct render_args {
    const char *inputs[1024];
    int n_inputs;
    const char *output, *format, *last, *now, *from, *to;
    const char *layers[64];
    char *weapon_buf;
    const char *weapons[64];
} render_args;

int cli_render(cli *c, int argc, char **argv)
{
    im_render_options o;
    im_render_options_init(&o);
    render_args a;
    memset(&a, 0, sizeof a);
    int rc = CLI_OK;
    im_incidents *set = NULL;

#define VALUE(name)                                                  \
    const char *v = cli_value(c, argc, argv, &i, arg, name);        \
    if (!v) {                                                         \
        rc = CLI_USAGE;                                               \
        goto done;                                                    \
    }

    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        int r = cli_common_option(c, argc, argv, &i);
        if (r == 1)
            continue;
        if (r < 0) {
            rc = -r;
            goto done;
        }
        if (cli_is(arg, "--help", "-h")) {
            fputs(render_help, c->out);
            goto done;
        } else if (cli_is(arg, "--output", "-o")) {
            VALUE("--output");
            a.output = v;
        } else if (cli_is(arg, "--format", NULL)) {
            VALUE("--format");
            a.format = v;
        } else if (cli_is(arg, "--bbox", NULL)) {
            VALUE("--bbox");
            char *end;
            const char *p = v;
            for (int k = 0; k < 4; k++) {
                o.bbox[k] = strtod(p, &end);
                if (end == p || (k < 3 && *end != ',') || (k == 3 && *end) ||
                    !isfinite(o.bbox[k])) {
                    rc = cli_usage_error(c, "render: --bbox \"%s\": expected four numbers "
                                            "W,S,E,N in degrees", v);
                    goto done;
                }
                p = end + 1;
            }
            if (o.bbox[0] >= o.bbox[2] || o.bbox[1] >= o.bbox[3]) {
                rc = cli_usage_error(c, "render: --bbox \"%s\": west must be less than east "
                                        "and south less than north", v);
                goto done;
            }
            o.has_bbox = 1;
        } else if (cli_is(arg, "--crs", NULL)) {
            VALUE("--crs");
            o.crs = v;
        } else if (cli_is(arg, "--size", NULL)) {
            VALUE("--size");
            char *end;
            long w = strtol(v, &end, 10), h = 0;
            if (*end == 'x' || *end == 'X')
                h = strtol(end + 1, &end, 10);
            if (*end || w < 64 || h < 64 || w > 30000 || h > 30000) {
                rc = cli_usage_error(c, "render: --size \"%s\": expected WIDTHxHEIGHT in pixels, "
                                        "each 64 to 30000", v);
                goto done;
            }
            o.width = (int)w;
            o.height = (int)h;
        } else if (cli_is(arg, "--dpi", NULL)) {
            VALUE("--dpi");
            char *end;
            o.dpi = strtod(v, &end);
            if (*end || !(o.dpi >= 10 && o.dpi <= 2400)) {
                rc = cli_usage_error(c, "render: --dpi \"%s\": expected a number from 10 to 2400",
                                     v);
                goto done;
            }
        } else if (cli_is(arg, "--png-level", NULL)) {
            VALUE("--png-level");
            if (strlen(v) != 1 || v[0] < '0' || v[0] > '9') {
                rc = cli_usage_error(c, "render: --png-level \"%s\": expected 0 to 9", v);
                goto done;
            }
            o.png_level = v[0] - '0';
        } else if (cli_is(arg, "--world-file", NULL)) {
            o.world_file = 1;
        } else if (cli_is(arg, "--basemap", NULL)) {
            VALUE("--basemap");
            o.basemap = v;
        } else if (cli_is(arg, "--layer", NULL)) {
            VALUE("--layer");
            if (o.n_layers == 64) {
                rc = cli_usage_error(c, "render: at most 64 --layer files");
                goto done;
            }
            a.layers[o.n_layers++] = v;
        } else if (cli_is(arg, "--labels", NULL)) {
            VALUE("--labels");
            if (strcmp(v, "both") == 0) o.labels = IM_LABELS_BOTH;
            else if (strcmp(v, "en") == 0) o.labels = IM_LABELS_EN;
            else if (strcmp(v, "ar") == 0) o.labels = IM_LABELS_AR;
            else if (strcmp(v, "none") == 0) o.labels = IM_LABELS_NONE;
            else {
                rc = cli_usage_error(c, "render: --labels \"%s\": expected both, en, ar or none",
                                     v);
                goto done;
            }
        } else if (cli_is(arg, "--color-by", NULL)) {
            VALUE("--color-by");
            if (strcmp(v, "weapon") == 0) o.color_by = IM_COLOR_BY_WEAPON;
            else if (strcmp(v, "date") == 0) o.color_by = IM_COLOR_BY_DATE;
            else {
                rc = cli_usage_error(c, "render: --color-by \"%s\": expected weapon or date", v);
                goto done;
            }
        } else if (cli_is(arg, "--from", NULL)) {
            VALUE("--from");
            a.from = v;
        } else if (cli_is(arg, "--to", NULL)) {
            VALUE("--to");
            a.to = v;
        } else if (cli_is(arg, "--last", NULL)) {
            VALUE("--last");
            a.last = v;
        } else if (cli_is(arg, "--now", NULL)) {
            VALUE("--now");
            a.now = v;
        } else if (cli_is(arg, "--weapon", NULL)) {
            VALUE("--weapon");
            free(a.weapon_buf);
            a.weapon_buf = strdup(v);
            if (!a.weapon_buf) {
                rc = CLI_FAILED;
                goto done;
            }
            o.n_weapons = 0;
            for (char *save = NULL, *tok = strtok_r(a.weapon_buf, ",", &save); tok;
                 tok = strtok_r(NULL, ",", &save))
                if (o.n_weapons < 64)
                    a.weapons[o.n_weapons++] = tok;
            if (o.n_weapons == 0) {
                rc = cli_usage_error(c, "render: --weapon needs at least one type");
                goto done;
            }
            o.weapons = a.weapons;
        } else if (cli_is(arg, "--title", NULL)) {
            VALUE("--title");
            o.title = v;
        } else if (cli_is(arg, "--subtitle", NULL)) {
            VALUE("--subtitle");
            o.subtitle = v;
        } else if (cli_is(arg, "--source", NULL)) {
            VALUE("--source");
            o.source = v;
        } else if (arg[0] == '-' && arg[1]) {
            rc = cli_usage_error(c, "render: unknown option %s (see incmap render --help)", arg);
            goto done;
        } else {
            if (a.n_inputs == 1024) {
                rc = cli_usage_error(c, "render: at most 1024 input files");
                goto done;
            }
            a.inputs[a.n_inputs++] = arg;
        }
    }
#undef VALUE
    o.layers = a.layers;

    if (a.n_inputs == 0) {
        rc = cli_usage_error(c, "render: no input files (see incmap render --help)");
        goto done;
    }
    if (!a.output) {
        rc = cli_usage_error(c, "render: no output file; give one with -o PATH");
        goto done;
    }
    im_output_format fmt = IM_OUTPUT_AUTO;
    if (a.format) {
        if (strcmp(a.format, "png") == 0) fmt = IM_OUTPUT_PNG;
        else if (strcmp(a.format, "svg") == 0) fmt = IM_OUTPUT_SVG;
        else if (strcmp(a.format, "pdf") == 0) fmt = IM_OUTPUT_PDF;
        else {
            rc = cli_usage_error(c, "render: --format \"%s\": expected png, svg or pdf", a.format);
            goto done;
        }
    }

    /* The time window. */
    im_date_precision prec;
    if (a.from) {
        if (im_date_parse(a.from, &o.from, &prec) != IM_OK) {
            rc = cli_usage_error(c, "render: --from \"%s\" is not an ISO 8601 date", a.from);
            goto done;
        }
        o.has_from = 1;
    }
    if (a.to) {
        if (im_date_parse(a.to, &o.to, &prec) != IM_OK) {
            rc = cli_usage_error(c, "render: --to \"%s\" is not an ISO 8601 date", a.to);
            goto done;
        }
        o.to = period_end(o.to, prec);
        o.has_to = 1;
    }
    if (a.now && !a.last) {
        int64_t t;
        if (im_date_parse(a.now, &t, &prec) != IM_OK) {
            rc = cli_usage_error(c, "render: --now \"%s\" is not an ISO 8601 date", a.now);
            goto done;
        }
    }
    if (a.last) {
        if (a.from) {
            rc = cli_usage_error(c, "render: --last and --from cannot be used together");
            goto done;
        }
        int y, mo, d;
        if (im_duration_parse(a.last, &y, &mo, &d) != IM_OK || (y == 0 && mo == 0 && d == 0)) {
            rc = cli_usage_error(c, "render: --last \"%s\": expected an ISO 8601 period such as "
                                    "P7D, P2W, P1M or P1Y", a.last);
            goto done;
        }
        int64_t now;
        if (a.now) {
            if (im_date_parse(a.now, &now, &prec) != IM_OK) {
                rc = cli_usage_error(c, "render: --now \"%s\" is not an ISO 8601 date", a.now);
                goto done;
            }
        } else {
            now = (int64_t)time(NULL);
            prec = IM_DATE_SECOND;
        }
        /* The window ends with the day of --now and covers whole days:
         * P7D with --now 2021-07-09 is 2021-07-03 to 2021-07-09. */
        int64_t day0 = now - ((now % 86400) + 86400) % 86400;
        o.from = im_date_subtract(day0, y, mo, d) + 86400;
        if (!a.to) {
            o.to = day0 + 86399;
            o.has_to = 1;
        }
        o.has_from = 1;
    }

    set = im_incidents_new();
    if (!set) {
        rc = CLI_FAILED;
        goto done;
    }
    for (int k = 0; k < a.n_inputs; k++) {
        im_status st = im_incidents_load(c->ctx, set, a.inputs[k], IM_INPUT_AUTO);
        if (st != IM_OK) {
            /* Keep checking the other files so every problem is reported. */
            if (rc == CLI_OK)
                rc = cli_exit_code(st);
        }
    }
    if (rc != CLI_OK) {
        fprintf(c->err, "incmap: nothing written: the input has errors\n");
        goto done;
    }
    im_status st = im_render(c->ctx, set, &o, a.output, fmt);
    if (st != IM_OK) {
        rc = cli_exit_code(st);
        goto done;
    }
    if (c->verbose)
        fprintf(c->err, "incmap: wrote %s (%zu incidents loaded)\n", a.output,
                im_incidents_count(set));
done:
    im_incidents_free(set);
    free(a.weapon_buf);
    return rc;
}
