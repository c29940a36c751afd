/* api_opts.c - render options as an opaque object set by name.
 *
 * Bindings (python/) and programs that want to keep working when
 * im_render_options grows set options the way the command line does:
 * im_opts_set(ctx, o, "size", "1200x675"). The names and value syntax are
 * those of "incmap render" (src/cli/cli_options.c); the object owns copies
 * of every string, and the time window and page are resolved when a render
 * starts, as the CLI does after reading all its options. */
#include "api_private.h"
#include "im_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_LAYERS 64
#define MAX_WEAPONS 64

struct im_opts {
    int version;
    im_render_options o;      /* strings point into the copies below */
    char *text[12];           /* owned copies, by TEXT_* */
    char *layers[MAX_LAYERS];
    const char *layer_ptrs[MAX_LAYERS];
    char *weapon_buf;
    const char *weapons[MAX_WEAPONS];
    char *from, *to, *last, *now;
    bool size_set, dpi_set;
    im_output_format format;
};

enum { TEXT_CRS, TEXT_TITLE, TEXT_SUBTITLE, TEXT_SOURCE, TEXT_BASEMAP, TEXT_LOCALE, TEXT_DUMP,
       TEXT_FRAMES, TEXT_COLOR_FIELD, TEXT_SIZE_BY, TEXT_HIGHLIGHT,
       TEXT_ANNOTATE };

/* How a value is read. */
enum kind {
    K_TEXT,    /* a string kept as it is (TEXT_* slot) */
    K_CHOICE,  /* one of choices[], stored as its index in an int member */
    K_HIDE,    /* a flag that turns a map element off */
    K_FLAG,    /* a flag stored in an int member */
    K_SPECIAL  /* parsed by set_special() */
};

static const char *const corners[] = {"auto", "tl", "tr", "bl", "br", NULL};

static const struct opt {
    const char *name;
    enum kind kind;
    size_t off;            /* member of im_render_options (K_CHOICE, K_FLAG) */
    int slot;              /* TEXT_* (K_TEXT) or IM_HIDE_* bit (K_HIDE) */
    const char *const *choices;
} table[] = {
#define OFF(m) offsetof(im_render_options, m)
#define CHOICES(...) (const char *const[]){__VA_ARGS__, NULL}
    {"format", K_SPECIAL, 0, 0, NULL},
    {"bbox", K_SPECIAL, 0, 0, NULL},
    {"crs", K_TEXT, 0, TEXT_CRS, NULL},
    {"size", K_SPECIAL, 0, 0, NULL},
    {"dpi", K_SPECIAL, 0, 0, NULL},
    {"page", K_SPECIAL, 0, 0, NULL},
    {"png-level", K_SPECIAL, 0, 0, NULL},
    {"world-file", K_FLAG, OFF(world_file), 0, NULL},
    {"basemap", K_TEXT, 0, TEXT_BASEMAP, NULL},
    {"layer", K_SPECIAL, 0, 0, NULL},
    {"labels", K_CHOICE, OFF(labels), 0, CHOICES("both", "en", "ar", "none")},
    {"color-by", K_SPECIAL, 0, 0, NULL},
    {"size-by", K_TEXT, 0, TEXT_SIZE_BY, NULL},
    {"highlight", K_TEXT, 0, TEXT_HIGHLIGHT, NULL},
    {"annotate", K_TEXT, 0, TEXT_ANNOTATE, NULL},
    {"from", K_SPECIAL, 0, 0, NULL},
    {"to", K_SPECIAL, 0, 0, NULL},
    {"last", K_SPECIAL, 0, 0, NULL},
    {"now", K_SPECIAL, 0, 0, NULL},
    {"weapon", K_SPECIAL, 0, 0, NULL},
    {"title", K_TEXT, 0, TEXT_TITLE, NULL},
    {"subtitle", K_TEXT, 0, TEXT_SUBTITLE, NULL},
    {"source", K_TEXT, 0, TEXT_SOURCE, NULL},
    {"locale", K_TEXT, 0, TEXT_LOCALE, NULL},
    {"dump-layout", K_TEXT, 0, TEXT_DUMP, NULL},
    {"no-legend", K_HIDE, 0, IM_HIDE_LEGEND, NULL},
    {"no-scale-bar", K_HIDE, 0, IM_HIDE_SCALE_BAR, NULL},
    {"no-north-arrow", K_HIDE, 0, IM_HIDE_NORTH_ARROW, NULL},
    {"no-graticule", K_HIDE, 0, IM_HIDE_GRATICULE, NULL},
    {"no-inset", K_HIDE, 0, IM_HIDE_INSET, NULL},
    {"no-site-labels", K_HIDE, 0, IM_HIDE_SITE_LABELS, NULL},
    {"no-uncertainty", K_HIDE, 0, IM_HIDE_UNCERTAINTY, NULL},
    {"legend-pos", K_CHOICE, OFF(legend_pos), 0, corners},
    {"scale-bar-pos", K_CHOICE, OFF(scale_bar_pos), 0, corners},
    {"north-arrow-pos", K_CHOICE, OFF(north_arrow_pos), 0, corners},
    {"inset-pos", K_CHOICE, OFF(inset_pos), 0, corners},
    {"units", K_CHOICE, OFF(units), 0, CHOICES("km", "mi", "nmi")},
    {"stack", K_CHOICE, OFF(stack), 0, CHOICES("auto", "dodge", "cluster", "none")},
    {"stack-threshold", K_SPECIAL, 0, 0, NULL},
    {"timeline", K_FLAG, OFF(timeline), 0, NULL},
    /* the enum's order: none, month, quarter, year, weapon */
    {"facet", K_CHOICE, OFF(facet), 0, CHOICES("none", "month", "quarter", "year", "weapon")},
    /* the enum's order: auto, none, hex, grid */
    {"density", K_CHOICE, OFF(density), 0, CHOICES("auto", "none", "hex", "grid")},
    {"svg-text", K_CHOICE, OFF(svg_text_paths), 0, CHOICES("text", "paths")},
    {"facet-empty", K_CHOICE, OFF(facet_empty_drop), 0, CHOICES("keep", "drop")},
    /* the enum's order: none, day, week, month */
    {"animate", K_CHOICE, OFF(animate), 0, CHOICES("none", "day", "week", "month")},
    {"frames", K_TEXT, 0, TEXT_FRAMES, NULL},
    {"frame-ms", K_SPECIAL, 0, 0, NULL},
#undef CHOICES
#undef OFF
};

#define N_OPTS (sizeof table / sizeof table[0])

const char *im_opts_name(size_t i, int *takes_value)
{
    if (i >= N_OPTS)
        return NULL;
    if (takes_value)
        *takes_value = table[i].kind != K_HIDE && table[i].kind != K_FLAG;
    return table[i].name;
}

im_opts *im_opts_new(int version)
{
    if (version < 1 || version > IM_OPTS_VERSION)
        return NULL;
    im_opts *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    o->version = version;
    im_render_options_init(&o->o);
    return o;
}

void im_opts_free(im_opts *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < sizeof o->text / sizeof o->text[0]; i++)
        free(o->text[i]);
    for (size_t i = 0; i < o->o.n_layers; i++)
        free(o->layers[i]);
    free(o->weapon_buf);
    free(o->from);
    free(o->to);
    free(o->last);
    free(o->now);
    free(o);
}

/* Replace an owned string with a copy of v. */
static bool keep(char **slot, const char *v)
{
    char *c = im_strdup(v);
    if (!c)
        return false;
    free(*slot);
    *slot = c;
    return true;
}

/* im_fail() for the setter, whose context may be NULL (then only the status). */
static im_status opt_fail(im_context *ctx, im_status st, const char *fmt, ...) IM_PRINTF(3, 4);
static im_status opt_fail(im_context *ctx, im_status st, const char *fmt, ...)
{
    if (!ctx)
        return st;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return im_fail(ctx, st, "%s", msg);
}

static im_status bad(im_context *ctx, const char *name, const char *v, const char *expected)
{
    return opt_fail(ctx, IM_ERR_ARG, "option %s \"%.200s\": expected %s", name, v, expected);
}

static im_status set_special(im_context *ctx, im_opts *x, const char *name, const char *v)
{
    im_render_options *o = &x->o;
    char *end;
    if (strcmp(name, "format") == 0) {
        static const char *const fmts[] = {"png", "svg", "pdf", "html", "webp"};
        for (int i = 0; i < 5; i++)
            if (strcmp(v, fmts[i]) == 0) {
                x->format = (im_output_format)(IM_OUTPUT_PNG + i);
                return IM_OK;
            }
        return bad(ctx, name, v, "png, svg, pdf, html or webp");
    }
    if (strcmp(name, "bbox") == 0) {
        double b[4];
        const char *p = v;
        for (int k = 0; k < 4; k++) {
            b[k] = strtod(p, &end);
            if (end == p || *end != (k < 3 ? ',' : '\0') || !isfinite(b[k]) ||
                fabs(b[k]) > (k % 2 ? 90 : 180))
                return bad(ctx, name, v, "W,S,E,N in degrees (longitudes within [-180, 180], "
                                         "latitudes within [-90, 90])");
            p = end + 1;
        }
        if (b[0] == b[2] || b[1] >= b[3])
            return bad(ctx, name, v, "west different from east (west > east crosses the "
                                     "antimeridian) and south less than north");
        memcpy(o->bbox, b, sizeof b);
        o->has_bbox = 1;
        return IM_OK;
    }
    if (strcmp(name, "size") == 0) {
        long w = strtol(v, &end, 10), h = 0;
        if (*end == 'x' || *end == 'X')
            h = strtol(end + 1, &end, 10);
        if (*end || w < 64 || h < 64 || w > 30000 || h > 30000)
            return bad(ctx, name, v, "WIDTHxHEIGHT in pixels, each 64 to 30000");
        o->width = (int)w;
        o->height = (int)h;
        x->size_set = true;
        return IM_OK;
    }
    if (strcmp(name, "dpi") == 0) {
        double d = strtod(v, &end);
        if (end == v || *end || !(d >= 10 && d <= 2400))
            return bad(ctx, name, v, "a number from 10 to 2400");
        o->dpi = d;
        x->dpi_set = true;
        return IM_OK;
    }
    if (strcmp(name, "page") == 0) {
        if (!im_page_size_parse(v, &o->page_w_pt, &o->page_h_pt))
            return bad(ctx, name, v, "a4, a4-landscape, letter, letter-landscape, a3, a5, or "
                                     "WxH with mm, cm, in or pt");
        return IM_OK;
    }
    if (strcmp(name, "png-level") == 0) {
        if (strlen(v) != 1 || v[0] < '0' || v[0] > '9')
            return bad(ctx, name, v, "0 to 9");
        o->png_level = v[0] - '0';
        return IM_OK;
    }
    if (strcmp(name, "color-by") == 0) {
        /* weapon, date, or a field's name (its values as categories) */
        if (strcmp(v, "weapon") == 0 || strcmp(v, "date") == 0) {
            o->color_by = v[0] == 'w' ? IM_COLOR_BY_WEAPON : IM_COLOR_BY_DATE;
            o->color_field = NULL;
            return IM_OK;
        }
        if (!*v)
            return bad(ctx, name, v, "weapon, date or a field's name");
        if (!keep(&x->text[TEXT_COLOR_FIELD], v))
            return opt_fail(ctx, IM_ERR_NOMEM, "out of memory");
        o->color_by = IM_COLOR_BY_FIELD;
        o->color_field = x->text[TEXT_COLOR_FIELD];
        return IM_OK;
    }
    if (strcmp(name, "frame-ms") == 0) {
        long ms = strtol(v, &end, 10);
        if (end == v || *end || ms < 1 || ms > 60000)
            return bad(ctx, name, v, "1 to 60000");
        o->frame_ms = (int)ms;
        return IM_OK;
    }
    if (strcmp(name, "stack-threshold") == 0) {
        long n = strtol(v, &end, 10);
        if (end == v || *end || n < 2 || n > 100000)
            return bad(ctx, name, v, "a whole number from 2 to 100000");
        o->stack_threshold = (int)n;
        return IM_OK;
    }
    if (strcmp(name, "layer") == 0) {
        if (o->n_layers == MAX_LAYERS)
            return opt_fail(ctx, IM_ERR_ARG, "option layer: at most %d layer files",
                           MAX_LAYERS);
        if (!(x->layers[o->n_layers] = im_strdup(v)))
            return opt_fail(ctx, IM_ERR_NOMEM, "out of memory");
        x->layer_ptrs[o->n_layers] = x->layers[o->n_layers];
        o->n_layers++;
        o->layers = x->layer_ptrs;
        return IM_OK;
    }
    if (strcmp(name, "weapon") == 0) {
        if (!keep(&x->weapon_buf, v))
            return opt_fail(ctx, IM_ERR_NOMEM, "out of memory");
        size_t n = 0;
        for (char *save = NULL, *tok = strtok_r(x->weapon_buf, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save))
            if (n < MAX_WEAPONS)
                x->weapons[n++] = tok;
        if (n == 0)
            return bad(ctx, name, v, "at least one type (comma-separated)");
        o->weapons = x->weapons;
        o->n_weapons = n;
        return IM_OK;
    }
    /* The time window: checked now, resolved when the render starts
     * ("last" counts back from "now"). */
    char **slot = strcmp(name, "from") == 0 ? &x->from
                  : strcmp(name, "to") == 0 ? &x->to
                  : strcmp(name, "now") == 0 ? &x->now : &x->last;
    int64_t t;
    im_date_precision p;
    int y, m, d;
    if (slot == &x->last ? im_duration_parse(v, &y, &m, &d) != IM_OK || (y == 0 && m == 0 && d == 0)
                         : im_date_parse(v, &t, &p) != IM_OK)
        return bad(ctx, name, v, slot == &x->last ? "an ISO 8601 period such as P7D, P2W, "
                                                    "P1M or P1Y"
                                                  : "an ISO 8601 date");
    if (!keep(slot, v))
        return opt_fail(ctx, IM_ERR_NOMEM, "out of memory");
    return IM_OK;
}

/* A flag's value: NULL, "true", "1" or "yes" on; "false", "0" or "no" off. */
static int flag_value(const char *v)
{
    if (!v || strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcmp(v, "yes") == 0)
        return 1;
    if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 || strcmp(v, "no") == 0)
        return 0;
    return -1;
}

im_status im_opts_set(im_context *ctx, im_opts *x, const char *name, const char *v)
{
    IM_C_LOCALE(ctx);
    if (!x || !name)
        return im_fail_arg(ctx, __func__);
    const struct opt *op = NULL;
    for (size_t i = 0; i < N_OPTS && !op; i++)
        if (strcmp(table[i].name, name) == 0)
            op = &table[i];
    if (!op)
        return opt_fail(ctx, IM_ERR_ARG, "unknown option \"%.100s\" (the names of incmap "
                       "render's options, without dashes)", name);
    if (op->kind == K_HIDE || op->kind == K_FLAG) {
        int on = flag_value(v);
        if (on < 0)
            return bad(ctx, name, v, "true or false");
        if (op->kind == K_HIDE)
            x->o.hide = on ? x->o.hide | (unsigned)op->slot : x->o.hide & ~(unsigned)op->slot;
        else
            *(int *)((char *)&x->o + op->off) = on;
        return IM_OK;
    }
    if (!v)
        return opt_fail(ctx, IM_ERR_ARG, "option %s needs a value", name);
    switch (op->kind) {
    case K_TEXT:
        if (!keep(&x->text[op->slot], v))
            return opt_fail(ctx, IM_ERR_NOMEM, "out of memory");
        {
            const char *c = x->text[op->slot];
            switch (op->slot) {
            case TEXT_CRS: x->o.crs = c; break;
            case TEXT_TITLE: x->o.title = c; break;
            case TEXT_SUBTITLE: x->o.subtitle = c; break;
            case TEXT_SOURCE: x->o.source = c; break;
            case TEXT_BASEMAP: x->o.basemap = c; break;
            case TEXT_DUMP: x->o.dump_layout = c; break;
            case TEXT_FRAMES: x->o.frames_dir = c; break;
            case TEXT_SIZE_BY: x->o.size_by = c; break;
            case TEXT_HIGHLIGHT: x->o.highlight = c; break;
            case TEXT_ANNOTATE: x->o.annotate = c; break;
            default: x->o.locale = c; break;
            }
        }
        return IM_OK;
    case K_CHOICE: {
        char expected[128] = "";
        for (int i = 0; op->choices[i]; i++) {
            if (strcmp(v, op->choices[i]) == 0) {
                /* The enums of im_render_options are int-sized. */
                int *member = (int *)((char *)&x->o + op->off);
                *member = i;
                return IM_OK;
            }
            size_t len = strlen(expected);
            snprintf(expected + len, sizeof expected - len, "%s%s",
                     i == 0 ? "" : op->choices[i + 1] ? ", " : " or ", op->choices[i]);
        }
        return bad(ctx, name, v, expected);
    }
    default:
        return set_special(ctx, x, name, v);
    }
}

/* The render options the object stands for, with the page and the time
 * window resolved as "incmap render" resolves them (cli_opts_finish). */
im_status im_opts_resolve(im_context *ctx, const im_opts *x, im_render_options *o)
{
    if (!x) {
        im_render_options_init(o);
        return IM_OK;
    }
    *o = x->o;
    if (o->page_w_pt > 0 && x->size_set)
        return im_fail(ctx, IM_ERR_ARG, "options page and size both give the page size; use "
                       "one (with dpi for the pixels of a PNG)");
    if (o->page_w_pt <= 0) {
        if (x->size_set && !x->dpi_set) {
            o->dpi = 0; /* a scale chosen for the size */
        } else if (x->dpi_set && !x->size_set) {
            o->page_w_pt = 720;
            o->page_h_pt = 540;
        }
    }
    int64_t t;
    im_date_precision p;
    if (x->from && im_date_parse(x->from, &o->from, &p) == IM_OK)
        o->has_from = 1;
    if (x->to && im_date_parse(x->to, &t, &p) == IM_OK) {
        o->to = im_date_period_end(t, (int)p);
        o->has_to = 1;
    }
    if (x->last) {
        if (x->from)
            return im_fail(ctx, IM_ERR_ARG, "options last and from cannot be used together");
        int y, m, d;
        int64_t now = (int64_t)time(NULL);
        if ((x->now && im_date_parse(x->now, &now, &p) != IM_OK) ||
            im_duration_parse(x->last, &y, &m, &d) != IM_OK)
            return im_fail(ctx, IM_ERR_INTERNAL, "options: a checked date no longer parses");
        int64_t day0 = now - ((now % 86400) + 86400) % 86400;
        o->from = im_date_subtract(day0, y, m, d) + 86400;
        o->has_from = 1;
        if (!x->to) {
            o->to = day0 + 86399;
            o->has_to = 1;
        }
    }
    return IM_OK;
}

im_status im_render_opts(im_context *ctx, const im_incidents *set, const im_opts *opts,
                         const char *path, im_output_format format)
{
    if (!ctx || !set || !path)
        return im_fail_arg(ctx, __func__);
    im_render_options o;
    im_status st = im_opts_resolve(ctx, opts, &o);
    if (st != IM_OK)
        return st;
    if (format == IM_OUTPUT_AUTO)
        format = im_opts_format_of(opts);
    return im_render(ctx, set, &o, path, format);
}

im_output_format im_opts_format_of(const im_opts *opts)
{
    return opts ? opts->format : IM_OUTPUT_AUTO;
}

bool im_opts_writes_files(const im_opts *opts)
{
    return opts && (opts->o.world_file || opts->o.dump_layout);
}
