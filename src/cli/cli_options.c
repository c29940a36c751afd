/* cli_options.c - render options from (name, value) pairs.
 *
 * One implementation of what every render option means: "incmap render"
 * feeds it its argv, "incmap batch" the keys of a manifest job, so an
 * option, its checks and its messages are the same in both. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Every render option: its long name and whether it takes a value.
 * --style, --quiet and --verbose are common options (cli.c). */
static const struct {
    const char *name;
    bool value;
} options[] = {
    {"output", true},   {"format", true},  {"bbox", true},      {"crs", true},
    {"size", true},     {"dpi", true},     {"png-level", true}, {"world-file", false},
    {"basemap", true},  {"layer", true},   {"labels", true},    {"color-by", true},
    {"from", true},     {"to", true},      {"last", true},      {"now", true},
    {"weapon", true},   {"title", true},   {"subtitle", true},  {"source", true},
    /* map furniture */
    {"no-legend", false}, {"no-scale-bar", false}, {"no-north-arrow", false},
    {"no-graticule", false}, {"no-inset", false}, {"no-site-labels", false},
    {"no-uncertainty", false}, {"legend-pos", true}, {"scale-bar-pos", true},
    {"north-arrow-pos", true}, {"inset-pos", true}, {"units", true},
    {"stack", true}, {"stack-threshold", true}, {"timeline", false},
    {"facet", true}, {"density", true}, {"page", true}, {"dump-layout", true}, {"locale", true},
    {"svg-text", true}, {"facet-empty", true},
    /* how inputs are read (cli_input.c; in a manifest, applied to the job's context) */
    {"skip-invalid", false}, {"dedupe", true}, {"preset", true}, {"date-format", true},
    {"date-order", true}, {"layer-name", true}, {"field", true},
    /* time-lapse (animate.c) */
    {"animate", true}, {"frames", true}, {"frame-ms", true},
    /* symbology */
    {"size-by", true}, {"highlight", true}, {"annotate", true},
};

/* Furniture flags and the element each turns off. */
static const struct {
    const char *name;
    unsigned bit;
} hide_flags[] = {
    {"no-legend", IM_HIDE_LEGEND},         {"no-scale-bar", IM_HIDE_SCALE_BAR},
    {"no-north-arrow", IM_HIDE_NORTH_ARROW}, {"no-graticule", IM_HIDE_GRATICULE},
    {"no-inset", IM_HIDE_INSET},           {"no-site-labels", IM_HIDE_SITE_LABELS},
    {"no-uncertainty", IM_HIDE_UNCERTAINTY},
};

static bool parse_corner(const char *v, im_corner *out)
{
    static const char *const names[] = {"auto", "tl", "tr", "bl", "br"};
    for (int i = 0; i < 5; i++)
        if (strcmp(v, names[i]) == 0) {
            *out = (im_corner)i;
            return true;
        }
    return false;
}

int cli_opts_kind(const char *name)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
        if (strcmp(name, options[i].name) == 0)
            return options[i].value ? 1 : 0;
    return -1;
}

void cli_opts_init(cli_opts *a, const char *where, const char *dash)
{
    memset(a, 0, sizeof *a);
    im_render_options_init(&a->o);
    a->where = where;
    a->dash = dash;
    a->o.layers = a->layers;
}

void cli_opts_free(cli_opts *a)
{
    if (!a)
        return;
    free(a->weapon_buf);
    a->weapon_buf = NULL;
    free(a->frames_buf);
    a->frames_buf = NULL;
}

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

int cli_opts_set(cli *c, cli_opts *a, const char *name, const char *v)
{
    im_render_options *o = &a->o;
    const char *W = a->where, *D = a->dash;
    int kind = cli_opts_kind(name);
    if (kind < 0)
        return cli_usage_error(c, "%s: unknown option %s%s", W, D, name);
    if (kind == 1 && !v)
        return cli_usage_error(c, "%s: %s%s needs a value", W, D, name);

    if (cli_input_kind(name) >= 0) {
        /* Checked here; a batch worker applies it to the job's own context. */
        im_context *scratch = im_context_new();
        int rc = scratch ? cli_input_apply(c, scratch, W, name, v) : CLI_FAILED;
        im_context_free(scratch);
        if (rc != CLI_OK)
            return rc;
    } else if (strcmp(name, "output") == 0) {
        a->output = v;
    } else if (strcmp(name, "format") == 0) {
        a->format = v;
    } else if (strcmp(name, "bbox") == 0) {
        char *end;
        const char *p = v;
        for (int k = 0; k < 4; k++) {
            o->bbox[k] = strtod(p, &end);
            if (end == p || (k < 3 && *end != ',') || (k == 3 && *end) || !isfinite(o->bbox[k]))
                return cli_usage_error(c, "%s: %sbbox \"%s\": expected four numbers "
                                          "W,S,E,N in degrees", W, D, v);
            p = end + 1;
        }
        for (int k = 0; k < 4; k++)
            if (fabs(o->bbox[k]) > (k % 2 ? 90 : 180))
                return cli_usage_error(c, "%s: %sbbox \"%s\": longitudes must be within "
                                          "[-180, 180] and latitudes within [-90, 90] (west > "
                                          "east crosses the antimeridian)", W, D, v);
        if (o->bbox[0] == o->bbox[2] || o->bbox[1] >= o->bbox[3])
            return cli_usage_error(c, "%s: %sbbox \"%s\": west must differ from east (west "
                                      "> east crosses the antimeridian) and south be less "
                                      "than north", W, D, v);
        o->has_bbox = 1;
    } else if (strcmp(name, "crs") == 0) {
        o->crs = v;
    } else if (strcmp(name, "size") == 0) {
        char *end;
        long w = strtol(v, &end, 10), h = 0;
        if (*end == 'x' || *end == 'X')
            h = strtol(end + 1, &end, 10);
        if (*end || w < 64 || h < 64 || w > 30000 || h > 30000)
            return cli_usage_error(c, "%s: %ssize \"%s\": expected WIDTHxHEIGHT in pixels, "
                                      "each 64 to 30000", W, D, v);
        o->width = (int)w;
        o->height = (int)h;
        a->size_set = true;
    } else if (strcmp(name, "dpi") == 0) {
        char *end;
        o->dpi = strtod(v, &end);
        if (*end || !(o->dpi >= 10 && o->dpi <= 2400))
            return cli_usage_error(c, "%s: %sdpi \"%s\": expected a number from 10 to 2400", W,
                                   D, v);
        a->dpi_set = true;
    } else if (strcmp(name, "page") == 0) {
        if (!im_page_size_parse(v, &o->page_w_pt, &o->page_h_pt))
            return cli_usage_error(c, "%s: %spage \"%s\": expected a4, a4-landscape, letter, "
                                      "letter-landscape, a3, a5, or WxH with mm, cm, in or pt",
                                   W, D, v);
    } else if (strcmp(name, "dump-layout") == 0) {
        o->dump_layout = v;
    } else if (strcmp(name, "svg-text") == 0) {
        if (strcmp(v, "text") == 0) o->svg_text_paths = 0;
        else if (strcmp(v, "paths") == 0) o->svg_text_paths = 1;
        else
            return cli_usage_error(c, "%s: %ssvg-text \"%s\": expected text or paths", W, D, v);
    } else if (strcmp(name, "facet-empty") == 0) {
        if (strcmp(v, "keep") == 0) o->facet_empty_drop = 0;
        else if (strcmp(v, "drop") == 0) o->facet_empty_drop = 1;
        else
            return cli_usage_error(c, "%s: %sfacet-empty \"%s\": expected keep or drop", W, D,
                                   v);
    } else if (strcmp(name, "png-level") == 0) {
        if (strlen(v) != 1 || v[0] < '0' || v[0] > '9')
            return cli_usage_error(c, "%s: %spng-level \"%s\": expected 0 to 9", W, D, v);
        o->png_level = v[0] - '0';
    } else if (strcmp(name, "world-file") == 0) {
        o->world_file = 1;
    } else if (strcmp(name, "basemap") == 0) {
        o->basemap = v;
    } else if (strcmp(name, "layer") == 0) {
        if (o->n_layers == CLI_MAX_LAYERS)
            return cli_usage_error(c, "%s: at most 64 %slayer files", W, D);
        a->layers[o->n_layers++] = v;
    } else if (strcmp(name, "labels") == 0) {
        if (strcmp(v, "both") == 0) o->labels = IM_LABELS_BOTH;
        else if (strcmp(v, "en") == 0) o->labels = IM_LABELS_EN;
        else if (strcmp(v, "ar") == 0) o->labels = IM_LABELS_AR;
        else if (strcmp(v, "none") == 0) o->labels = IM_LABELS_NONE;
        else
            return cli_usage_error(c, "%s: %slabels \"%s\": expected both, en, ar or none", W, D,
                                   v);
    } else if (strcmp(name, "color-by") == 0) {
        if (strcmp(v, "weapon") == 0) o->color_by = IM_COLOR_BY_WEAPON;
        else if (strcmp(v, "date") == 0) o->color_by = IM_COLOR_BY_DATE;
        else if (*v && strlen(v) < 64) {
            o->color_by = IM_COLOR_BY_FIELD; /* a field of the records (cli_opts_fields) */
            o->color_field = v;
        } else
            return cli_usage_error(c, "%s: %scolor-by \"%.60s\": expected weapon, date or a "
                                      "field's name", W, D, v);
    } else if (strcmp(name, "highlight") == 0) {
        if (!*v)
            return cli_usage_error(c, "%s: %shighlight needs ids (a,b) or latest", W, D);
        o->highlight = v;
    } else if (strcmp(name, "annotate") == 0) {
        if (!*v)
            return cli_usage_error(c, "%s: %sannotate needs a file (CSV: lon,lat,text)", W, D);
        o->annotate = v;
    } else if (strcmp(name, "size-by") == 0) {
        if (!*v || strlen(v) >= 64)
            return cli_usage_error(c, "%s: %ssize-by \"%.60s\": expected casualties, count "
                                      "or a field's name", W, D, v);
        o->size_by = v;
    } else if (strcmp(name, "from") == 0) {
        a->from = v;
    } else if (strcmp(name, "to") == 0) {
        a->to = v;
    } else if (strcmp(name, "last") == 0) {
        a->last = v;
    } else if (strcmp(name, "now") == 0) {
        a->now = v;
    } else if (strcmp(name, "weapon") == 0) {
        free(a->weapon_buf);
        a->weapon_buf = strdup(v);
        if (!a->weapon_buf)
            return CLI_FAILED;
        o->n_weapons = 0;
        for (char *save = NULL, *tok = strtok_r(a->weapon_buf, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save))
            if (o->n_weapons < CLI_MAX_WEAPONS)
                a->weapons[o->n_weapons++] = tok;
        if (o->n_weapons == 0)
            return cli_usage_error(c, "%s: %sweapon needs at least one type", W, D);
        o->weapons = a->weapons;
    } else if (strcmp(name, "title") == 0) {
        o->title = v;
    } else if (strcmp(name, "subtitle") == 0) {
        o->subtitle = v;
    } else if (strcmp(name, "source") == 0) {
        o->source = v;
    } else if (strcmp(name, "locale") == 0) {
        o->locale = v;
    } else if (strcmp(name, "animate") == 0) {
        static const char *const steps[] = {"none", "day", "week", "month"};
        int k = 0;
        while (k < 4 && strcmp(v, steps[k]) != 0)
            k++;
        if (k == 4)
            return cli_usage_error(c, "%s: %sanimate \"%s\": expected day, week or month", W, D,
                                   v);
        o->animate = k;
    } else if (strcmp(name, "frames") == 0) {
        o->frames_dir = v;
    } else if (strcmp(name, "frame-ms") == 0) {
        char *end;
        long ms = strtol(v, &end, 10);
        if (end == v || *end || ms < 1 || ms > 60000)
            return cli_usage_error(c, "%s: %sframe-ms \"%s\": expected 1 to 60000", W, D, v);
        o->frame_ms = (int)ms;
    } else if (strncmp(name, "no-", 3) == 0) {
        for (size_t i = 0; i < sizeof hide_flags / sizeof hide_flags[0]; i++)
            if (strcmp(name, hide_flags[i].name) == 0)
                o->hide |= hide_flags[i].bit;
    } else if (strcmp(name + strlen(name) - 4, "-pos") == 0) {
        im_corner corner;
        if (!parse_corner(v, &corner))
            return cli_usage_error(c, "%s: %s%s \"%s\": expected tl, tr, bl, br or auto", W, D,
                                   name, v);
        if (strcmp(name, "legend-pos") == 0) o->legend_pos = corner;
        else if (strcmp(name, "scale-bar-pos") == 0) o->scale_bar_pos = corner;
        else if (strcmp(name, "north-arrow-pos") == 0) o->north_arrow_pos = corner;
        else o->inset_pos = corner;
    } else if (strcmp(name, "units") == 0) {
        if (strcmp(v, "km") == 0) o->units = IM_UNITS_KM;
        else if (strcmp(v, "mi") == 0) o->units = IM_UNITS_MI;
        else if (strcmp(v, "nmi") == 0) o->units = IM_UNITS_NMI;
        else
            return cli_usage_error(c, "%s: %sunits \"%s\": expected km, mi or nmi", W, D, v);
    } else if (strcmp(name, "stack") == 0) {
        if (strcmp(v, "auto") == 0) o->stack = IM_STACK_AUTO;
        else if (strcmp(v, "dodge") == 0) o->stack = IM_STACK_DODGE;
        else if (strcmp(v, "cluster") == 0) o->stack = IM_STACK_CLUSTER;
        else if (strcmp(v, "none") == 0) o->stack = IM_STACK_NONE;
        else
            return cli_usage_error(c, "%s: %sstack \"%s\": expected auto, dodge, cluster or "
                                      "none", W, D, v);
    } else if (strcmp(name, "stack-threshold") == 0) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || n < 2 || n > 100000)
            return cli_usage_error(c, "%s: %sstack-threshold \"%s\": expected a whole number "
                                      "from 2", W, D, v);
        o->stack_threshold = (int)n;
    } else if (strcmp(name, "timeline") == 0) {
        o->timeline = 1;
    } else if (strcmp(name, "density") == 0) {
        if (strcmp(v, "auto") == 0) o->density = IM_DENSITY_AUTO;
        else if (strcmp(v, "none") == 0) o->density = IM_DENSITY_NONE;
        else if (strcmp(v, "hex") == 0) o->density = IM_DENSITY_HEX;
        else if (strcmp(v, "grid") == 0) o->density = IM_DENSITY_GRID;
        else
            return cli_usage_error(c, "%s: %sdensity \"%s\": expected auto, hex, grid or none",
                                   W, D, v);
    } else if (strcmp(name, "facet") == 0) {
        static const char *const facets[] = {"none", "month", "quarter", "year", "weapon"};
        size_t k = 0;
        while (k < 5 && strcmp(v, facets[k]) != 0)
            k++;
        if (k == 5)
            return cli_usage_error(c, "%s: %sfacet \"%s\": expected month, quarter, year, "
                                      "weapon or none", W, D, v);
        o->facet = (im_facet)k;
    }
    return CLI_OK;
}

int cli_opts_finish(cli *c, cli_opts *a, im_output_format *fmt)
{
    im_render_options *o = &a->o;
    const char *W = a->where, *D = a->dash;
    *fmt = IM_OUTPUT_AUTO;
    if (a->format) {
        if (strcmp(a->format, "png") == 0) *fmt = IM_OUTPUT_PNG;
        else if (strcmp(a->format, "svg") == 0) *fmt = IM_OUTPUT_SVG;
        else if (strcmp(a->format, "pdf") == 0) *fmt = IM_OUTPUT_PDF;
        else if (strcmp(a->format, "html") == 0) *fmt = IM_OUTPUT_HTML;
        else if (strcmp(a->format, "webp") == 0) *fmt = IM_OUTPUT_WEBP;
        else
            return cli_usage_error(c, "%s: %sformat \"%s\": expected png, svg, pdf, html or "
                                   "webp", W, D, a->format);
    }

    /* The page: --page gives it; --size alone gets a scale chosen for it
     * (dpi 0); --dpi alone keeps the default page (10 x 7.5 in) and
     * changes the pixels. */
    if (o->page_w_pt > 0 && a->size_set)
        return cli_usage_error(c, "%s: %spage and %ssize both give the page size; use one "
                                  "(with %sdpi for the pixels of a PNG)", W, D, D, D);
    if (o->page_w_pt <= 0) {
        if (a->size_set && !a->dpi_set)
            o->dpi = 0;
        else if (a->dpi_set && !a->size_set) {
            o->page_w_pt = 720;
            o->page_h_pt = 540;
        }
    }

    /* The time window. */
    im_date_precision prec;
    if (a->from) {
        if (im_date_parse(a->from, &o->from, &prec) != IM_OK)
            return cli_usage_error(c, "%s: %sfrom \"%s\" is not an ISO 8601 date", W, D, a->from);
        o->has_from = 1;
    }
    if (a->to) {
        if (im_date_parse(a->to, &o->to, &prec) != IM_OK)
            return cli_usage_error(c, "%s: %sto \"%s\" is not an ISO 8601 date", W, D, a->to);
        o->to = period_end(o->to, prec);
        o->has_to = 1;
    }
    if (a->now && !a->last) {
        int64_t t;
        if (im_date_parse(a->now, &t, &prec) != IM_OK)
            return cli_usage_error(c, "%s: %snow \"%s\" is not an ISO 8601 date", W, D, a->now);
    }
    if (a->last) {
        if (a->from)
            return cli_usage_error(c, "%s: %slast and %sfrom cannot be used together", W, D, D);
        int y, mo, d;
        if (im_duration_parse(a->last, &y, &mo, &d) != IM_OK || (y == 0 && mo == 0 && d == 0))
            return cli_usage_error(c, "%s: %slast \"%s\": expected an ISO 8601 period such as "
                                      "P7D, P2W, P1M or P1Y", W, D, a->last);
        int64_t now;
        if (a->now) {
            if (im_date_parse(a->now, &now, &prec) != IM_OK)
                return cli_usage_error(c, "%s: %snow \"%s\" is not an ISO 8601 date", W, D,
                                       a->now);
        } else {
            now = (int64_t)time(NULL);
        }
        /* The window ends with the day of --now and covers whole days:
         * P7D with --now 2021-07-09 is 2021-07-03 to 2021-07-09. */
        int64_t day0 = now - ((now % 86400) + 86400) % 86400;
        o->from = im_date_subtract(day0, y, mo, d) + 86400;
        if (!a->to) {
            o->to = day0 + 86399;
            o->has_to = 1;
        }
        o->has_from = 1;
    }
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
