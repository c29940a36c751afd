/* cli_render.c - "incmap render": argv to render options (cli_options.c). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

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
    "  --stack auto|dodge|cluster|none  incidents at one site: fanned out around it\n"
    "                          (dodge), one symbol with the count and a ring split by\n"
    "                          weapon (cluster), or auto: dodge up to --stack-threshold\n"
    "                          (default 9), cluster past it\n"
    "  --density auto|hex|grid|none  bins coloured by count instead of one marker\n"
    "                          each; auto switches to hexagons past 200,000 incidents\n"
    "\n"
    "Map furniture (each placed in a frame corner: tl, tr, bl, br or auto):\n"
    "  --legend-pos C --scale-bar-pos C --north-arrow-pos C --inset-pos C\n"
    "                          defaults: legend auto (the corner hiding the fewest\n"
    "                          incidents), scale bar br, north arrow tr, inset auto\n"
    "  --units km|mi|nmi       scale bar units (default km)\n"
    "  --no-legend --no-scale-bar --no-north-arrow --no-graticule --no-inset\n"
    "  --no-site-labels --no-uncertainty   turn an element off\n"
    "  --timeline              a strip under the map: incidents per week or month\n"
    "  --facet month|quarter|year|weapon  small multiples: one panel each, sharing\n"
    "                          extent, projection, legend and colours (at most 36)\n"
    "\n"
    "Input (shared by every command; see incmap --help):\n"
    "  --field FIELD=NAME --strict --max-file-size N --max-records N --max-string N\n"
    "  --max-depth N           GeoJSON/CSV field names, strict geometry, limits\n"
    "\n"
    "Selection:\n"
    "  --from DATE --to DATE   keep incidents in this window (ISO 8601, inclusive)\n"
    "  --last PERIOD           the last P7D, P2W, P1M, P1Y... up to --now\n"
    "  --now DATE              the reference date for --last (default: today, UTC)\n"
    "  --weapon LIST           keep only these types, e.g. rocket,drone\n"
    "\n"
    "Text:\n"
    "  --title TEXT --subtitle TEXT --source TEXT\n"
    "                          title block and source line (default title: the file's\n"
    "                          \"title\", else the count and date range)\n"
    "  --locale NAME           month names in titles: en, fr, ar, ar_IQ or any installed\n"
    "                          locale (default: English)\n"
    "\n"
    "Exit codes: 0 success, 1 rendering or writing failed, 2 bad usage,\n"
    "3 invalid input data. Nothing is written unless the map is complete.\n";

int cli_render(cli *c, int argc, char **argv)
{
    cli_opts a;
    cli_opts_init(&a, "render", "--");
    const char **inputs = NULL;
    int n_inputs = 0;
    int rc = CLI_OK;
    im_incidents *set = NULL;

    inputs = calloc((size_t)argc, sizeof *inputs);
    if (!inputs)
        return CLI_FAILED;
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
        }
        /* "-o", "--name", "--name=value": the option's long name. */
        char name[32] = "output";
        bool is_option = arg[0] == '-' && arg[1];
        if (is_option && !cli_is(arg, "--output", "-o")) {
            size_t n = arg[1] == '-' ? strcspn(arg + 2, "=") : 0;
            if (n > 0 && n < sizeof name) {
                memcpy(name, arg + 2, n);
                name[n] = '\0';
            }
            if (n == 0 || n >= sizeof name || cli_opts_kind(name) < 0) {
                rc = cli_usage_error(c, "render: unknown option %s (see incmap render --help)",
                                     arg);
                goto done;
            }
        }
        if (is_option) {
            const char *v = NULL;
            if (cli_opts_kind(name) == 1) {
                char dashed[40];
                snprintf(dashed, sizeof dashed, "--%s", name);
                if (!(v = cli_value(c, argc, argv, &i, arg, dashed))) {
                    rc = CLI_USAGE;
                    goto done;
                }
            }
            if ((rc = cli_opts_set(c, &a, name, v)) != CLI_OK)
                goto done;
        } else {
            if (n_inputs == 1024) {
                rc = cli_usage_error(c, "render: at most 1024 input files");
                goto done;
            }
            inputs[n_inputs++] = arg;
        }
    }

    if (n_inputs == 0) {
        rc = cli_usage_error(c, "render: no input files (see incmap render --help)");
        goto done;
    }
    if (!a.output) {
        rc = cli_usage_error(c, "render: no output file; give one with -o PATH");
        goto done;
    }
    im_output_format fmt;
    if ((rc = cli_opts_finish(c, &a, &fmt)) != CLI_OK)
        goto done;

    set = im_incidents_new();
    if (!set) {
        rc = CLI_FAILED;
        goto done;
    }
    for (int k = 0; k < n_inputs; k++) {
        im_status st = im_incidents_load(c->ctx, set, inputs[k], IM_INPUT_AUTO);
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
    im_status st = im_render(c->ctx, set, &a.o, a.output, fmt);
    if (st != IM_OK) {
        rc = cli_exit_code(st);
        goto done;
    }
    if (c->verbose)
        fprintf(c->err, "incmap: wrote %s (%zu incidents loaded)\n", a.output,
                im_incidents_count(set));
done:
    im_incidents_free(set);
    cli_opts_free(&a);
    free(inputs);
    return rc;
}
