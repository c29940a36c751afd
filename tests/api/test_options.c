/* test_options.c - one option table for "incmap render" and im_opts_set().
 *
 * Walks the library's table (src/options_table.c): every render option
 * must have a case below, be accepted by the command line (argv and
 * manifest names) and by im_opts_set(), land in the member this test
 * expects (written out by hand here, not taken from the table) with
 * nothing else changed, and be refused with a message naming it when its
 * value is bad, by both front ends. Input options and the CLI's "output"
 * are the CLI's; im_opts_set() refuses them by name, as it does unknown
 * names. */
#include "../unit/check.h"
#include "api_private.h"
#include "cli.h"
#include "options_table.h"

#include <stdlib.h>
#include <string.h>

/* One option: a value that changes something, an option set before it
 * (or NULL), and a value refused (NULL: any text goes). */
typedef struct {
    const char *name, *value, *prior, *prior_value, *bad;
} tcase;

static const tcase cases[] = {
    {"output", "m.png", NULL, NULL, NULL},
    {"format", "svg", NULL, NULL, "gif"},
    {"bbox", "38,29,49,38", NULL, NULL, "38,29,49"},
    {"crs", "EPSG:3857", NULL, NULL, NULL},
    {"size", "1200x675", NULL, NULL, "12x12"},
    {"dpi", "300", NULL, NULL, "0"},
    {"png-level", "9", NULL, NULL, "10"},
    {"world-file", "true", NULL, NULL, "maybe"},
    {"basemap", "none", NULL, NULL, NULL},
    {"layer", "roads.geojson", NULL, NULL, NULL},
    {"labels", "ar", NULL, NULL, "fr"},
    {"color-by", "event_type", NULL, NULL, ""},
    {"from", "2021-07", NULL, NULL, "July"},
    {"to", "2021", NULL, NULL, "2021-13-01"},
    {"last", "P7D", "now", "2021-07-09", "P0D"},
    {"now", "2021-07-09", "last", "P7D", "today"},
    {"weapon", "rocket,drone", NULL, NULL, ",,"},
    {"title", "Attacks", NULL, NULL, NULL},
    {"subtitle", "2021", NULL, NULL, NULL},
    {"source", "ACLED", NULL, NULL, NULL},
    {"no-legend", "true", NULL, NULL, "maybe"},
    {"no-scale-bar", "true", NULL, NULL, "maybe"},
    {"no-north-arrow", "true", NULL, NULL, "maybe"},
    {"no-graticule", "true", NULL, NULL, "maybe"},
    {"no-inset", "true", NULL, NULL, "maybe"},
    {"no-site-labels", "true", NULL, NULL, "maybe"},
    {"no-uncertainty", "true", NULL, NULL, "maybe"},
    {"legend-pos", "tl", NULL, NULL, "top"},
    {"scale-bar-pos", "br", NULL, NULL, "top"},
    {"north-arrow-pos", "tr", NULL, NULL, "top"},
    {"inset-pos", "bl", NULL, NULL, "top"},
    {"units", "nmi", NULL, NULL, "furlong"},
    {"stack", "cluster", NULL, NULL, "pile"},
    {"stack-threshold", "3", NULL, NULL, "1"},
    {"timeline", "true", NULL, NULL, "maybe"},
    {"facet", "quarter", NULL, NULL, "week"},
    {"density", "hex", NULL, NULL, "dots"},
    {"page", "a4", NULL, NULL, "b9"},
    {"dump-layout", "layout.json", NULL, NULL, NULL},
    {"locale", "fr", NULL, NULL, NULL},
    {"svg-text", "paths", NULL, NULL, "glyphs"},
    {"facet-empty", "drop", NULL, NULL, "hide"},
    {"skip-invalid", NULL, NULL, NULL, NULL},
    {"dedupe", "id", NULL, NULL, NULL},
    {"preset", "acled", NULL, NULL, NULL},
    {"date-format", "%d/%m/%Y", NULL, NULL, NULL},
    {"date-order", "dmy", NULL, NULL, NULL},
    {"layer-name", "incidents", NULL, NULL, NULL},
    {"field", "date=when", NULL, NULL, NULL},
    {"animate", "week", NULL, NULL, "year"},
    {"frames", "frames", NULL, NULL, NULL},
    {"frame-ms", "250", NULL, NULL, "0"},
    {"size-by", "fatalities", NULL, NULL, ""},
    {"highlight", "latest", NULL, NULL, ""},
    {"annotate", "notes.csv", NULL, NULL, ""},
};

static const tcase *case_of(const char *name)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

/* A string member: want gets got's pointer when it holds text. */
#define STR(member, text)                                                   \
    do {                                                                    \
        if (got->member && strcmp(got->member, text) == 0)                  \
            want->member = got->member;                                     \
    } while (0)

/* What option name with its case's value (and prior) must have made of the
 * defaults: written into want, which starts as the defaults. Returns false
 * for a name this function does not know. */
static bool expect(const char *name, const im_render_options *got, im_render_options *want)
{
    const int64_t jul1 = 1625097600;  /* 2021-07-01T00:00:00Z */
    const int64_t jul3 = 1625270400, jul9_end = 1625875199, y2021_end = 1640995199;
    if (!strcmp(name, "format") || !strcmp(name, "output"))
        return true; /* not in im_render_options */
    if (!strcmp(name, "bbox")) {
        const double b[4] = {38, 29, 49, 38};
        want->has_bbox = 1;
        memcpy(want->bbox, b, sizeof b);
    } else if (!strcmp(name, "crs")) {
        STR(crs, "EPSG:3857");
    } else if (!strcmp(name, "size")) {
        want->width = 1200;
        want->height = 675;
        want->dpi = 0;
    } else if (!strcmp(name, "dpi")) {
        want->dpi = 300;
        want->page_w_pt = 720; /* the default page, 10 x 7.5 in */
        want->page_h_pt = 540;
    } else if (!strcmp(name, "png-level")) {
        want->png_level = 9;
    } else if (!strcmp(name, "world-file")) {
        want->world_file = 1;
    } else if (!strcmp(name, "basemap")) {
        STR(basemap, "none");
    } else if (!strcmp(name, "layer")) {
        if (got->n_layers == 1 && got->layers && strcmp(got->layers[0], "roads.geojson") == 0) {
            want->layers = got->layers;
            want->n_layers = 1;
        }
    } else if (!strcmp(name, "labels")) {
        want->labels = IM_LABELS_AR;
    } else if (!strcmp(name, "color-by")) {
        want->color_by = IM_COLOR_BY_FIELD;
        STR(color_field, "event_type");
    } else if (!strcmp(name, "from")) {
        want->has_from = 1;
        want->from = jul1;
    } else if (!strcmp(name, "to")) {
        want->has_to = 1;
        want->to = y2021_end;
    } else if (!strcmp(name, "last") || !strcmp(name, "now")) {
        want->has_from = want->has_to = 1; /* P7D up to 2021-07-09: the 3rd to the 9th */
        want->from = jul3;
        want->to = jul9_end;
    } else if (!strcmp(name, "weapon")) {
        if (got->n_weapons == 2 && got->weapons && strcmp(got->weapons[0], "rocket") == 0 &&
            strcmp(got->weapons[1], "drone") == 0) {
            want->weapons = got->weapons;
            want->n_weapons = 2;
        }
    } else if (!strcmp(name, "title")) {
        STR(title, "Attacks");
    } else if (!strcmp(name, "subtitle")) {
        STR(subtitle, "2021");
    } else if (!strcmp(name, "source")) {
        STR(source, "ACLED");
    } else if (!strcmp(name, "no-legend")) {
        want->hide = IM_HIDE_LEGEND;
    } else if (!strcmp(name, "no-scale-bar")) {
        want->hide = IM_HIDE_SCALE_BAR;
    } else if (!strcmp(name, "no-north-arrow")) {
        want->hide = IM_HIDE_NORTH_ARROW;
    } else if (!strcmp(name, "no-graticule")) {
        want->hide = IM_HIDE_GRATICULE;
    } else if (!strcmp(name, "no-inset")) {
        want->hide = IM_HIDE_INSET;
    } else if (!strcmp(name, "no-site-labels")) {
        want->hide = IM_HIDE_SITE_LABELS;
    } else if (!strcmp(name, "no-uncertainty")) {
        want->hide = IM_HIDE_UNCERTAINTY;
    } else if (!strcmp(name, "legend-pos")) {
        want->legend_pos = IM_CORNER_TOP_LEFT;
    } else if (!strcmp(name, "scale-bar-pos")) {
        want->scale_bar_pos = IM_CORNER_BOTTOM_RIGHT;
    } else if (!strcmp(name, "north-arrow-pos")) {
        want->north_arrow_pos = IM_CORNER_TOP_RIGHT;
    } else if (!strcmp(name, "inset-pos")) {
        want->inset_pos = IM_CORNER_BOTTOM_LEFT;
    } else if (!strcmp(name, "units")) {
        want->units = IM_UNITS_NMI;
    } else if (!strcmp(name, "stack")) {
        want->stack = IM_STACK_CLUSTER;
    } else if (!strcmp(name, "stack-threshold")) {
        want->stack_threshold = 3;
    } else if (!strcmp(name, "timeline")) {
        want->timeline = 1;
    } else if (!strcmp(name, "facet")) {
        want->facet = IM_FACET_QUARTER;
    } else if (!strcmp(name, "density")) {
        want->density = IM_DENSITY_HEX;
    } else if (!strcmp(name, "page")) {
        if (got->page_w_pt > 595 && got->page_w_pt < 596 && got->page_h_pt > 841 &&
            got->page_h_pt < 842) {
            want->page_w_pt = got->page_w_pt;
            want->page_h_pt = got->page_h_pt;
        }
    } else if (!strcmp(name, "dump-layout")) {
        STR(dump_layout, "layout.json");
    } else if (!strcmp(name, "locale")) {
        STR(locale, "fr");
    } else if (!strcmp(name, "svg-text")) {
        want->svg_text_paths = 1;
    } else if (!strcmp(name, "facet-empty")) {
        want->facet_empty_drop = 1;
    } else if (!strcmp(name, "animate")) {
        want->animate = IM_ANIMATE_WEEK;
    } else if (!strcmp(name, "frames")) {
        STR(frames_dir, "frames");
    } else if (!strcmp(name, "frame-ms")) {
        want->frame_ms = 250;
    } else if (!strcmp(name, "size-by")) {
        STR(size_by, "fatalities");
    } else if (!strcmp(name, "highlight")) {
        STR(highlight, "latest");
    } else if (!strcmp(name, "annotate")) {
        STR(annotate, "notes.csv");
    } else {
        return false;
    }
    return true;
}

/* got equals want member by member (strings by pointer: expect() copied
 * the pointer only when the text was right). */
static bool same(const im_render_options *a, const im_render_options *b)
{
    return a->crs == b->crs && a->has_bbox == b->has_bbox &&
           memcmp(a->bbox, b->bbox, sizeof a->bbox) == 0 && a->width == b->width &&
           a->height == b->height && a->dpi == b->dpi && a->color_by == b->color_by &&
           a->title == b->title && a->subtitle == b->subtitle && a->source == b->source &&
           a->basemap == b->basemap && a->layers == b->layers && a->n_layers == b->n_layers &&
           a->labels == b->labels && a->has_from == b->has_from && a->has_to == b->has_to &&
           a->from == b->from && a->to == b->to && a->weapons == b->weapons &&
           a->n_weapons == b->n_weapons && a->png_level == b->png_level &&
           a->world_file == b->world_file && a->svg_pdf_dates == b->svg_pdf_dates &&
           a->hide == b->hide && a->legend_pos == b->legend_pos &&
           a->scale_bar_pos == b->scale_bar_pos && a->north_arrow_pos == b->north_arrow_pos &&
           a->inset_pos == b->inset_pos && a->units == b->units && a->stack == b->stack &&
           a->stack_threshold == b->stack_threshold && a->timeline == b->timeline &&
           a->facet == b->facet && a->density == b->density && a->page_w_pt == b->page_w_pt &&
           a->page_h_pt == b->page_h_pt && a->dump_layout == b->dump_layout &&
           a->locale == b->locale && a->animate == b->animate &&
           a->frames_dir == b->frames_dir && a->frame_ms == b->frame_ms &&
           a->svg_text_paths == b->svg_text_paths &&
           a->facet_empty_drop == b->facet_empty_drop && a->color_field == b->color_field &&
           a->size_by == b->size_by && a->highlight == b->highlight &&
           a->annotate == b->annotate;
}

/* The command line's reading of one option (and its prior): exit code,
 * the options, the format and what it printed. */
static int cli_read(const tcase *t, const char *value, cli_opts *a, im_output_format *fmt,
                    char *err, size_t errsize)
{
    cli c;
    memset(&c, 0, sizeof c);
    c.err = fmemopen(err, errsize, "w");
    c.ctx = im_context_new();
    c.cmd = "render";
    cli_opts_init(a, "render", "--");
    int rc = CLI_OK;
    if (t->prior)
        rc = cli_opts_set(&c, a, t->prior, t->prior_value);
    if (rc == CLI_OK) {
        const im_option *op = im_option_find(t->name);
        /* a flag on the command line is its name alone */
        rc = cli_opts_set(&c, a, t->name, op && !op->value ? NULL : value);
    }
    if (rc == CLI_OK)
        rc = cli_opts_finish(&c, a, fmt);
    fclose(c.err);
    im_context_free(c.ctx);
    return rc;
}

static char last_error[2048];

static void on_log(void *user, im_log_level level, const char *msg)
{
    (void)user;
    if (level >= IM_LOG_ERROR)
        snprintf(last_error, sizeof last_error, "%s", msg);
}

int main(void)
{
    im_context *ctx = im_context_new();
    im_context_set_log(ctx, on_log, NULL);
    im_render_options defaults;
    im_render_options_init(&defaults);
    size_t n_render = 0;
    const im_option *op;
    for (size_t i = 0; (op = im_option_at(i)); i++) {
        const tcase *t = case_of(op->name);
        CHECK(t != NULL, "option \"%s\" has no case: add one to tests/api/test_options.c",
              op->name);
        if (!t)
            continue;
        CHECK(cli_opts_kind(op->name) == (op->value ? 1 : 0), "%s: the CLI reads it",
              op->name);
        if (op->scope != IM_OPT_RENDER) {
            /* The CLI's: im_opts_set() refuses it and says which. */
            im_opts *o = im_opts_new(IM_OPTS_VERSION);
            last_error[0] = '\0';
            im_status st = im_opts_set(ctx, o, op->name, t->value);
            CHECK(st == IM_ERR_ARG && strstr(last_error, op->name), "%s: refused by name (%d, %s)",
                  op->name, (int)st, last_error);
            im_opts_free(o);
            continue;
        }
        /* im_opts_name() lists it, in the table's order. */
        int takes = -1;
        const char *listed = im_opts_name(n_render++, &takes);
        CHECK(listed && strcmp(listed, op->name) == 0 && takes == op->value,
              "im_opts_name(%zu) is %s, the table's row %s", n_render - 1,
              listed ? listed : "NULL", op->name);

        /* The API: the value lands where this test expects, nothing else moves. */
        im_opts *o = im_opts_new(IM_OPTS_VERSION);
        im_status st = IM_OK;
        if (t->prior)
            st = im_opts_set(ctx, o, t->prior, t->prior_value);
        if (st == IM_OK)
            st = im_opts_set(ctx, o, op->name, t->value);
        CHECK(st == IM_OK, "im_opts_set(%s, \"%s\"): %s", op->name, t->value,
              im_context_last_error(ctx));
        im_render_options got, want = defaults;
        CHECK(im_opts_resolve(ctx, o, &got) == IM_OK, "%s: resolves", op->name);
        CHECK(expect(op->name, &got, &want), "%s: no expectation in expect()", op->name);
        CHECK(same(&got, &want), "im_opts_set(%s, \"%s\") did not set what it should (or set "
              "something else)", op->name, t->value);
        if (!strcmp(op->name, "format"))
            CHECK(im_opts_format_of(o) == IM_OUTPUT_SVG, "format svg");

        /* A flag turns off again; each spelling of on and off. */
        if (!op->value) {
            CHECK(im_opts_set(ctx, o, op->name, "false") == IM_OK &&
                      im_opts_resolve(ctx, o, &got) == IM_OK && same(&got, &defaults),
                  "%s false: the defaults again", op->name);
            static const char *const on[] = {"true", "1", "yes"}, *const off[] = {"false", "0", "no"};
            for (size_t k = 0; !t->prior && k < 3; k++) {
                CHECK(im_opts_set(ctx, o, op->name, on[k]) == IM_OK &&
                          im_opts_resolve(ctx, o, &got) == IM_OK && same(&got, &want),
                      "%s %s: on", op->name, on[k]);
                CHECK(im_opts_set(ctx, o, op->name, off[k]) == IM_OK &&
                          im_opts_resolve(ctx, o, &got) == IM_OK && same(&got, &defaults),
                      "%s %s: off", op->name, off[k]);
            }
            CHECK(im_opts_set(ctx, o, op->name, "2") == IM_ERR_ARG, "%s 2: refused", op->name);
        }
        /* Every value of a choice is accepted. */
        for (size_t k = 0; op->choices && op->choices[k]; k++)
            CHECK(im_opts_set(ctx, o, op->name, op->choices[k]) == IM_OK, "%s %s", op->name,
                  op->choices[k]);
        im_opts_free(o);

        /* The command line: the same effect. */
        cli_opts a;
        im_output_format fmt = IM_OUTPUT_AUTO;
        char err[4096] = "";
        int rc = cli_read(t, t->value, &a, &fmt, err, sizeof err);
        want = defaults;
        CHECK(rc == CLI_OK, "CLI --%s %s: %d %s", op->name, t->value, rc, err);
        CHECK(expect(op->name, &a.s.o, &want) && same(&a.s.o, &want),
              "CLI --%s %s did not set what it should", op->name, t->value);
        cli_opts_free(&a);

        if (!t->bad)
            continue;
        /* A bad value: refused by both, with a message naming the option. */
        o = im_opts_new(IM_OPTS_VERSION);
        last_error[0] = '\0';
        st = im_opts_set(ctx, o, op->name, t->bad);
        CHECK(st == IM_ERR_ARG, "im_opts_set(%s, \"%s\") gave %d", op->name, t->bad, (int)st);
        char named[64];
        snprintf(named, sizeof named, "options: %s", op->name);
        CHECK(strstr(last_error, named) != NULL, "%s \"%s\": message \"%s\" does not name it",
              op->name, t->bad, last_error);
        im_context_clear_error(ctx);
        im_opts_free(o);
        if (op->value) {
            char dashed[64];
            snprintf(dashed, sizeof dashed, "render: --%s", op->name);
            rc = cli_read(t, t->bad, &a, &fmt, err, sizeof err);
            CHECK(rc == CLI_USAGE && strstr(err, dashed), "CLI --%s \"%s\": %d %s", op->name,
                  t->bad, rc, err);
            cli_opts_free(&a);
        }
    }
    CHECK(im_opts_name(n_render, NULL) == NULL, "im_opts_name lists only the table's");
    CHECK(n_render >= 45, "render options: %zu", n_render);

    /* Names neither knows. */
    im_opts *o = im_opts_new(IM_OPTS_VERSION);
    last_error[0] = '\0';
    CHECK(im_opts_set(ctx, o, "colour-by", "date") == IM_ERR_ARG &&
              strstr(last_error, "unknown option \"colour-by\""),
          "unknown name: %s", last_error);
    CHECK(im_opts_set(NULL, o, "colour-by", "date") == IM_ERR_ARG, "without a context");
    CHECK(im_opts_set(ctx, o, "size", NULL) == IM_ERR_ARG && strstr(last_error, "size needs a value"),
          "a value missing: %s", last_error);
    /* A clash waits for the render; each option alone was fine. */
    CHECK(im_opts_set(ctx, o, "size", "800x600") == IM_OK &&
              im_opts_set(ctx, o, "page", "a4") == IM_OK,
          "size then page");
    im_render_options got;
    last_error[0] = '\0';
    CHECK(im_opts_resolve(ctx, o, &got) == IM_ERR_ARG &&
              strstr(last_error, "options: page and size both give the page size"),
          "page and size: %s", last_error);
    im_opts_free(o);
    im_context_free(ctx);
    return check_result("api/options");
}
