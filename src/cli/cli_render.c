/* cli_render.c - "incmap render": argv to render options (cli_options.c). */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char *const render_help =
    "Usage: incmap render [OPTIONS] INPUT... -o OUTPUT\n"
    "\n"
    "Draw one map of the incidents in the INPUT files: JSON (incmap's own or any\n"
    "array of records, ACLED's API), GeoJSON, CSV (ACLED, UCDP GED, GTD...) and, with\n"
    "GDAL, GeoPackage, Shapefile, KML/KMZ, FlatGeobuf, GeoJSONSeq, XLSX/XLS, ODS and\n"
    "Esri JSON.\n"
    "An INPUT of - reads standard input.\n"
    "\n"
    "Output:\n"
    "  -o, --output PATH       .png, .svg, .pdf, .html (interactive) or .webp (with\n"
    "                          --animate) (the extension decides, or --format);\n"
    "                          - for standard output (PNG unless --format says);\n"
    "                          FIFOs and devices are written in\n"
    "                          place, links followed; an input is never overwritten\n"
    "  --format png|svg|pdf|html|webp  force the format\n"
    "  --size WxH              pixels (default 2000x1500); without --dpi a scale is\n"
    "                          chosen so text stays legible; SVG/PDF get that page\n"
    "  --page SIZE             a4, a4-landscape, letter, letter-landscape, a3, a5,\n"
    "                          or WxH in mm, cm, in or pt (210x297mm)\n"
    "  --dpi N                 pixels per inch (default 200) of the page\n"
    "  --dump-layout FILE      also write where everything was placed (JSON, points)\n"
    "  --animate day|week|month  a time-lapse (.webp): a frame per period, incidents\n"
    "                          so far, the period's own ringed, a date stamp and count\n"
    "  --frames DIR            with --animate, also DIR/frame-0001.png, ...\n"
    "  --frame-ms N            how long each frame shows (default 400; the last 3x)\n"
    "  --svg-text text|paths   SVG text as <text> elements (default: selectable,\n"
    "                          searchable, editable) or as glyph outlines (exact look)\n"
    "  --png-level N           zlib compression 0-9 (default 6)\n"
    "  --world-file            also write OUTPUT.pgw and OUTPUT.prj beside a PNG\n"
    "\n"
    "Extent and projection:\n"
    "  --bbox W,S,E,N          extent in degrees (default: fitted to the incidents,\n"
    "                          padded); W > E crosses the antimeridian\n"
    "  --crs CRS               any CRS PROJ knows: EPSG:32638, a PROJ string, WKT.\n"
    "                          Default: a conformal projection fitted to the extent\n"
    "                          (Lambert conformal conic with standard parallels at 1/6\n"
    "                          and 5/6 of the latitude span; Mercator near the equator;\n"
    "                          polar stereographic beyond 75 degrees; equal-area\n"
    "                          for a continent or the globe)\n"
    "\n"
    "Basemap:\n"
    "  --basemap NAME|PATH|none  default: the most detailed installed basemap that\n"
    "                          holds the extent (\"middle-east\"), else \"world\"\n"
    "  --layer FILE            add a GeoJSON layer of your own (repeatable)\n"
    "  --labels both|en|ar|none  place names in English and Arabic script (default both)\n"
    "\n"
    "Symbols:\n"
    "  --color-by weapon|date|FIELD  weapon (default): hue and shape by weapon, older\n"
    "                          incidents paler; date: a colour ramp by date, shape by\n"
    "                          weapon, with a colour bar; FIELD: any column or property\n"
    "                          (event_type, actor1): its 7 commonest values in a\n"
    "                          colour-blind-safe palette, the rest \"Other\"; shape by weapon\n"
    "  --size-by casualties|count|FIELD  symbol area proportional to the value (the\n"
    "                          largest at 30 pt across; 0 hollow, unknown dashed grey)\n"
    "  --style FILE            palette, shapes, aliases, fonts, sizes, theme (JSON)\n"
    "  --highlight ID[,ID]|latest  a ring and a callout (date, weapon, site) on\n"
    "                          these incidents, placed clear of everything else\n"
    "  --annotate FILE         your own callouts: a CSV with the header\n"
    "                          lon,lat,text[,priority], or GeoJSON Point features with a\n"
    "                          text (or label, name) and priority property; each a dot\n"
    "                          and a box of text\n"
    "                          placed clear of everything else (higher priority first)\n"
    "  --theme light|dark|print  basemap, page and text colours: light (default),\n"
    "                          dark (slides, screens), print (greyscale-safe)\n"
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
    "  --facet-empty keep|drop  periods without incidents: an empty panel each\n"
    "                          (keep, the default) or left out (drop)\n"
    "\n"
    "Input (shared by every command; see incmap --help):\n"
    "  --field FIELD=NAME --preset acled|ucdp|gtd|none --skip-invalid --dedupe id\n"
    "  --date-format FMT --date-order dmy|mdy --layer-name NAME --strict\n"
    "  --max-file-size N --max-records N --max-string N --max-depth N\n"
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
    cli_args p;
    cli_args_init(&p, argc, argv, 2, cli_opts_kind, true);
    const char *name, *v;
    for (int t; (t = cli_next(c, &p, &name, &v)) != CLI_ARG_END;) {
        if (t == CLI_ARG_ERROR) {
            rc = CLI_USAGE;
            goto done;
        }
        if (t == CLI_ARG_OPERAND) {
            if (n_inputs == 1024) {
                rc = cli_usage_error(c, "render: at most 1024 input files");
                goto done;
            }
            inputs[n_inputs++] = v;
            continue;
        }
        int r = cli_common_set(c, name, v);
        if (r == 1)
            continue;
        if (r < 0) {
            rc = -r;
            goto done;
        }
        if (strcmp(name, "help") == 0) {
            fputs(render_help, c->out);
            fputs(cli_environment_help, c->out);
            goto done;
        }
        if ((rc = cli_opts_set(c, &a, name, v)) != CLI_OK)
            goto done;
    }

    if (n_inputs == 0) {
        rc = cli_usage_error(c, "render: no input files (see incmap render --help)");
        goto done;
    }
    if (!a.s.output) {
        rc = cli_usage_error(c, "render: no output file; give one with -o PATH");
        goto done;
    }
    im_output_format fmt;
    if ((rc = cli_opts_finish(c, &a, &fmt)) != CLI_OK)
        goto done;
    /* A stream has no extension: "-o - > map.png" gets PNG, as most plotting
     * tools give; --format still chooses. */
    if (fmt == IM_OUTPUT_AUTO && im_output_format_from_path(a.s.output) == IM_OUTPUT_AUTO &&
        (strcmp(a.s.output, "-") == 0 || strncmp(a.s.output, "/dev/", 5) == 0))
        fmt = IM_OUTPUT_PNG;

    if ((rc = cli_opts_fields(c, c->ctx, &a.s.o)) != CLI_OK) /* --color-by/--size-by FIELD */
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
    im_status st = im_render(c->ctx, set, &a.s.o, a.s.output, fmt);
    if (st != IM_OK) {
        rc = cli_exit_code(st);
        goto done;
    }
    if (c->verbose)
        cli_print(c->err, "incmap: wrote %s (%zu incidents loaded)\n", a.s.output,
                im_incidents_count(set));
done:
    im_incidents_free(set);
    cli_opts_free(&a);
    free(inputs);
    return rc;
}
