/* options_table.c - every render option once: its name, whether it takes
 * a value, where it applies, and how its value is checked and applied.
 *
 * The command line (src/cli/cli_options.c: argv and manifest keys) and the
 * options object of bindings (api_opts.c: im_opts_set()) both read options
 * through this table, so an option added here is reachable from both, with
 * one value syntax and one set of messages. To add an option: a row below
 * (one line, in the group it belongs to), a setter when none of the
 * generic ones (text, choice, flag, hide) fits, and its member in
 * im_render_options. */
#include "options_table.h"
#include "im_private.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- messages ---- */

static im_status say(im_optmsg *m, im_status st, const char *fmt, ...) IM_PRINTF(3, 4);
static im_status say(im_optmsg *m, im_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->text, sizeof m->text, fmt, ap);
    va_end(ap);
    return st;
}

static im_status nomem(im_optmsg *m)
{
    return say(m, IM_ERR_NOMEM, "out of memory");
}

/* ---- values kept ---- */

/* v itself (borrowed), or a copy the set owns; NULL when out of memory. */
static const char *keep(im_optset *s, const char *v)
{
    if (!s->copy)
        return v;
    if (s->n_pool == s->cap_pool) {
        size_t cap = s->cap_pool ? 2 * s->cap_pool : 16;
        char **p = realloc(s->pool, cap * sizeof *p);
        if (!p)
            return NULL;
        s->pool = p;
        s->cap_pool = cap;
    }
    char *c = im_strdup(v);
    if (c)
        s->pool[s->n_pool++] = c;
    return c;
}

#define MEMBER(s, T, off) (*(T *)((char *)(s) + (off)))

/* ---- setters ---- */

/* A string member of im_render_options (off), kept as given. */
static im_status set_text(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    const char *k = keep(s, v);
    if (!k)
        return nomem(m);
    MEMBER(&s->o, const char *, op->off) = k;
    return IM_OK;
}

/* A string member of im_optset (off), checked by im_optset_finish(). */
static im_status set_later(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    const char *k = keep(s, v);
    if (!k)
        return nomem(m);
    MEMBER(s, const char *, op->off) = k;
    return IM_OK;
}

/* One of op->choices, stored as its index in an int-sized enum member. */
static im_status set_choice(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    for (int i = 0; op->choices[i]; i++)
        if (strcmp(v, op->choices[i]) == 0) {
            MEMBER(&s->o, int, op->off) = i;
            return IM_OK;
        }
    return say(m, IM_ERR_ARG, "%s%s \"%s\": expected %s", m->dash, op->name, v, op->expected);
}

/* Flags: v is "1" (on) or "0" (off) by now (im_optset_apply). */
static im_status set_flag(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    (void)m;
    MEMBER(&s->o, int, op->off) = v[0] == '1';
    return IM_OK;
}

static im_status set_hide(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    (void)m;
    s->o.hide = v[0] == '1' ? s->o.hide | op->bit : s->o.hide & ~op->bit;
    return IM_OK;
}

static im_status set_bbox(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    const char *D = m->dash;
    double b[4];
    char *end;
    const char *p = v;
    for (int k = 0; k < 4; k++) {
        b[k] = strtod(p, &end);
        if (end == p || (k < 3 && *end != ',') || (k == 3 && *end) || !isfinite(b[k]))
            return say(m, IM_ERR_ARG, "%s%s \"%s\": expected four numbers W,S,E,N in degrees",
                       D, op->name, v);
        p = end + 1;
    }
    for (int k = 0; k < 4; k++)
        if (fabs(b[k]) > (k % 2 ? 90 : 180))
            return say(m, IM_ERR_ARG, "%s%s \"%s\": longitudes must be within [-180, 180] and "
                       "latitudes within [-90, 90] (west > east crosses the antimeridian)", D,
                       op->name, v);
    if (b[0] == b[2] || b[1] >= b[3])
        return say(m, IM_ERR_ARG, "%s%s \"%s\": west must differ from east (west > east "
                   "crosses the antimeridian) and south be less than north", D, op->name, v);
    memcpy(s->o.bbox, b, sizeof b);
    s->o.has_bbox = 1;
    return IM_OK;
}

static im_status set_size(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    char *end;
    long w = strtol(v, &end, 10), h = 0;
    if (*end == 'x' || *end == 'X')
        h = strtol(end + 1, &end, 10);
    if (*end || w < 64 || h < 64 || w > 30000 || h > 30000) {
        double pw, ph;
        if (im_page_size_parse(v, &pw, &ph))
            return say(m, IM_ERR_ARG, "%s%s \"%s\": a paper size goes to %spage (%spage "
                       "%s); %s%s takes WIDTHxHEIGHT in pixels", m->dash, op->name, v, m->dash,
                       m->dash, v, m->dash, op->name);
        return say(m, IM_ERR_ARG, "%s%s \"%s\": expected WIDTHxHEIGHT in pixels, each 64 to "
                   "30000", m->dash, op->name, v);
    }
    s->o.width = (int)w;
    s->o.height = (int)h;
    s->size_set = true;
    return IM_OK;
}

static im_status set_dpi(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !(d >= 10 && d <= 2400))
        return say(m, IM_ERR_ARG, "%s%s \"%s\": expected a number from 10 to 2400", m->dash,
                   op->name, v);
    s->o.dpi = d;
    s->dpi_set = true;
    return IM_OK;
}

static im_status set_page(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (!im_page_size_parse(v, &s->o.page_w_pt, &s->o.page_h_pt))
        return say(m, IM_ERR_ARG, "%s%s \"%s\": expected a4, a4-landscape, letter, "
                   "letter-landscape, a3, a5, or WxH with mm, cm, in or pt", m->dash, op->name,
                   v);
    return IM_OK;
}

static im_status set_png_level(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (strlen(v) != 1 || v[0] < '0' || v[0] > '9')
        return say(m, IM_ERR_ARG, "%s%s \"%s\": expected 0 to 9", m->dash, op->name, v);
    s->o.png_level = v[0] - '0';
    return IM_OK;
}

/* A whole number in [lo, hi] into an int member of im_render_options. */
static bool whole(const char *v, long lo, long hi, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < lo || n > hi)
        return false;
    *out = (int)n;
    return true;
}

static im_status set_stack_threshold(im_optset *s, const im_option *op, const char *v,
                                     im_optmsg *m)
{
    if (!whole(v, 2, 100000, &s->o.stack_threshold))
        return say(m, IM_ERR_ARG, "%s%s \"%s\": expected a whole number from 2", m->dash,
                   op->name, v);
    return IM_OK;
}

static im_status set_frame_ms(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (!whole(v, 1, 60000, &s->o.frame_ms))
        return say(m, IM_ERR_ARG, "%s%s \"%s\": expected 1 to 60000", m->dash, op->name, v);
    return IM_OK;
}

static im_status set_layer(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (s->o.n_layers == IM_OPT_MAX_LAYERS)
        return say(m, IM_ERR_ARG, "at most %d %s%s files", IM_OPT_MAX_LAYERS, m->dash,
                   op->name);
    const char *k = keep(s, v);
    if (!k)
        return nomem(m);
    s->layers[s->o.n_layers++] = k;
    s->o.layers = s->layers;
    return IM_OK;
}

static im_status set_color_by(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (strcmp(v, "weapon") == 0 || strcmp(v, "date") == 0) {
        s->o.color_by = v[0] == 'w' ? IM_COLOR_BY_WEAPON : IM_COLOR_BY_DATE;
        s->o.color_field = NULL;
        return IM_OK;
    }
    if (!*v || strlen(v) >= 64)
        return say(m, IM_ERR_ARG, "%s%s \"%.60s\": expected weapon, date or a field's name",
                   m->dash, op->name, v);
    const char *k = keep(s, v);
    if (!k)
        return nomem(m);
    s->o.color_by = IM_COLOR_BY_FIELD; /* a field of the records, read with them */
    s->o.color_field = k;
    return IM_OK;
}

static im_status set_size_by(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (!*v || strlen(v) >= 64)
        return say(m, IM_ERR_ARG, "%s%s \"%.60s\": expected casualties, count or a field's "
                   "name", m->dash, op->name, v);
    return set_text(s, op, v, m);
}

static im_status set_highlight(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (!*v)
        return say(m, IM_ERR_ARG, "%s%s needs ids (a,b) or latest", m->dash, op->name);
    return set_text(s, op, v, m);
}

static im_status set_annotate(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    if (!*v)
        return say(m, IM_ERR_ARG, "%s%s needs a file (CSV: lon,lat,text)", m->dash, op->name);
    return set_text(s, op, v, m);
}

static im_status set_weapon(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    free(s->weapon_buf);
    if (!(s->weapon_buf = im_strdup(v)))
        return nomem(m);
    s->o.n_weapons = 0;
    for (char *save = NULL, *tok = strtok_r(s->weapon_buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save))
        if (s->o.n_weapons < IM_OPT_MAX_WEAPONS)
            s->weapons[s->o.n_weapons++] = tok;
    if (s->o.n_weapons == 0)
        return say(m, IM_ERR_ARG, "%s%s needs at least one type", m->dash, op->name);
    s->o.weapons = s->weapons;
    return IM_OK;
}

/* ---- the table ---- */

#define OFF(m) offsetof(im_render_options, m)
#define SET_OFF(m) offsetof(im_optset, m)
#define CHOICES(...) (const char *const[]){__VA_ARGS__, NULL}
#define R IM_OPT_RENDER
/* A row's shapes: a string, a value checked when the options are finished,
 * a choice (values in the enum's order, and the message's wording), a
 * flag in an int member, a flag that hides a map element, an input option
 * (no setter: cli_input.c, or the context's setters), a setter of its own,
 * and a string member with a setter that checks it first. */
#define TEXT(n, member) {n, true, R, set_text, OFF(member), 0, NULL, NULL}
#define LATER(n, member) {n, true, R, set_later, SET_OFF(member), 0, NULL, NULL}
#define CHOICE(n, member, expected, ...) \
    {n, true, R, set_choice, OFF(member), 0, CHOICES(__VA_ARGS__), expected}
#define FLAG(n, member) {n, false, R, set_flag, OFF(member), 0, NULL, NULL}
#define HIDE(n, bit) {n, false, R, set_hide, 0, bit, NULL, NULL}
#define INPUT(n, value) {n, value, IM_OPT_INPUT, NULL, 0, 0, NULL, NULL}
#define OWN(n, setter) {n, true, R, setter, 0, 0, NULL, NULL}
#define CHECKED_TEXT(n, setter, member) {n, true, R, setter, OFF(member), 0, NULL, NULL}
#define CORNER(n, member) \
    CHOICE(n, member, "tl, tr, bl, br or auto", "auto", "tl", "tr", "bl", "br")

static const im_option table[] = {
    {"output", true, IM_OPT_CLI, set_later, SET_OFF(output), 0, NULL, NULL},
    LATER("format", format),
    OWN("bbox", set_bbox),
    TEXT("crs", crs),
    OWN("size", set_size),
    OWN("dpi", set_dpi),
    OWN("png-level", set_png_level),
    FLAG("world-file", world_file),
    TEXT("basemap", basemap),
    OWN("layer", set_layer),
    CHOICE("labels", labels, "both, en, ar or none", "both", "en", "ar", "none"),
    OWN("color-by", set_color_by),
    LATER("from", from),
    LATER("to", to),
    LATER("last", last),
    LATER("now", now),
    OWN("weapon", set_weapon),
    TEXT("title", title),
    TEXT("subtitle", subtitle),
    TEXT("source", source),
    /* map furniture */
    HIDE("no-legend", IM_HIDE_LEGEND),
    HIDE("no-scale-bar", IM_HIDE_SCALE_BAR),
    HIDE("no-north-arrow", IM_HIDE_NORTH_ARROW),
    HIDE("no-graticule", IM_HIDE_GRATICULE),
    HIDE("no-inset", IM_HIDE_INSET),
    HIDE("no-site-labels", IM_HIDE_SITE_LABELS),
    HIDE("no-uncertainty", IM_HIDE_UNCERTAINTY),
    CORNER("legend-pos", legend_pos),
    CORNER("scale-bar-pos", scale_bar_pos),
    CORNER("north-arrow-pos", north_arrow_pos),
    CORNER("inset-pos", inset_pos),
    CHOICE("units", units, "km, mi or nmi", "km", "mi", "nmi"),
    CHOICE("stack", stack, "auto, dodge, cluster or none", "auto", "dodge", "cluster", "none"),
    OWN("stack-threshold", set_stack_threshold),
    FLAG("timeline", timeline),
    CHOICE("facet", facet, "month, quarter, year, weapon or none", "none", "month", "quarter",
           "year", "weapon"),
    CHOICE("density", density, "auto, hex, grid or none", "auto", "none", "hex", "grid"),
    OWN("page", set_page),
    TEXT("dump-layout", dump_layout),
    TEXT("locale", locale),
    CHOICE("svg-text", svg_text_paths, "text or paths", "text", "paths"),
    CHOICE("facet-empty", facet_empty_drop, "keep or drop", "keep", "drop"),
    /* how inputs are read (cli_input.c; in a manifest, applied to the job's context) */
    INPUT("skip-invalid", false),
    INPUT("dedupe", true),
    INPUT("preset", true),
    INPUT("date-format", true),
    INPUT("date-order", true),
    INPUT("layer-name", true),
    INPUT("field", true),
    /* time-lapse (animate.c) */
    CHOICE("animate", animate, "day, week or month", "none", "day", "week", "month"),
    TEXT("frames", frames_dir),
    OWN("frame-ms", set_frame_ms),
    /* symbology */
    CHECKED_TEXT("size-by", set_size_by, size_by),
    CHECKED_TEXT("highlight", set_highlight, highlight),
    CHECKED_TEXT("annotate", set_annotate, annotate),
};

#undef CORNER
#undef CHECKED_TEXT
#undef OWN
#undef INPUT
#undef HIDE
#undef FLAG
#undef CHOICE
#undef LATER
#undef TEXT
#undef R
#undef CHOICES
#undef SET_OFF
#undef OFF

_Static_assert(sizeof(im_corner) == sizeof(int) && sizeof(im_units) == sizeof(int) &&
                   sizeof(im_stack_mode) == sizeof(int) && sizeof(im_facet) == sizeof(int) &&
                   sizeof(im_density) == sizeof(int) && sizeof(im_label_mode) == sizeof(int),
               "choice members are int-sized");

const im_option *im_option_at(size_t i)
{
    return i < sizeof table / sizeof table[0] ? &table[i] : NULL;
}

const im_option *im_option_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

void im_optset_init(im_optset *s, bool copy)
{
    memset(s, 0, sizeof *s);
    im_render_options_init(&s->o);
    s->copy = copy;
}

void im_optset_free(im_optset *s)
{
    if (!s)
        return;
    free(s->weapon_buf);
    s->weapon_buf = NULL;
    for (size_t i = 0; i < s->n_pool; i++)
        free(s->pool[i]);
    free(s->pool);
    s->pool = NULL;
    s->n_pool = s->cap_pool = 0;
}

im_status im_optset_apply(im_optset *s, const im_option *op, const char *v, im_optmsg *m)
{
    m->text[0] = '\0';
    if (!op->set)
        return say(m, IM_ERR_ARG, "%s%s says how inputs are read, not how they are drawn",
                   m->dash, op->name);
    if (!op->value) {
        if (!v || strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcmp(v, "yes") == 0)
            v = "1";
        else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0 || strcmp(v, "no") == 0)
            v = "0";
        else
            return say(m, IM_ERR_ARG, "%s%s \"%s\": expected true or false", m->dash, op->name,
                       v);
    } else if (!v) {
        return say(m, IM_ERR_ARG, "%s%s needs a value", m->dash, op->name);
    }
    return op->set(s, op, v, m);
}

/* ---- finishing: the format, the page, the time window ---- */

static im_status not_a_date(im_optmsg *m, const char *name, const char *v)
{
    return say(m, IM_ERR_ARG, "%s%s \"%s\" is not an ISO 8601 date", m->dash, name, v);
}

static im_status check_format(const char *v, im_output_format *fmt, im_optmsg *m)
{
    static const char *const names[] = {"png", "svg", "pdf", "html", "webp"};
    static const im_output_format codes[] = {IM_OUTPUT_PNG, IM_OUTPUT_SVG, IM_OUTPUT_PDF,
                                             IM_OUTPUT_HTML, IM_OUTPUT_WEBP};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(v, names[k]) == 0) {
            *fmt = codes[k];
            return IM_OK;
        }
    return say(m, IM_ERR_ARG, "%sformat \"%s\": expected png, svg, pdf, html or webp", m->dash,
               v);
}

static im_status check_period(const char *v, int *y, int *mo, int *d, im_optmsg *m)
{
    if (im_duration_parse(v, y, mo, d) != IM_OK || (*y == 0 && *mo == 0 && *d == 0))
        return say(m, IM_ERR_ARG, "%slast \"%s\": expected an ISO 8601 period such as P7D, "
                   "P2W, P1M or P1Y", m->dash, v);
    return IM_OK;
}

im_status im_optset_check(const im_optset *s, const im_option *op, im_optmsg *m)
{
    if (op->set != set_later || op->off == offsetof(im_optset, output))
        return IM_OK;
    const char *v = *(const char *const *)((const char *)s + op->off);
    if (!v)
        return IM_OK;
    if (op->off == offsetof(im_optset, format)) {
        im_output_format fmt;
        return check_format(v, &fmt, m);
    }
    if (op->off == offsetof(im_optset, last)) {
        int y, mo, d;
        return check_period(v, &y, &mo, &d, m);
    }
    int64_t t;
    im_date_precision prec;
    return im_date_parse(v, &t, &prec) == IM_OK ? IM_OK : not_a_date(m, op->name, v);
}

im_status im_optset_finish(const im_optset *s, im_render_options *out, im_output_format *fmt,
                           im_optmsg *m)
{
    const char *D = m->dash;
    im_render_options o = s->o;
    m->text[0] = '\0';
    *fmt = IM_OUTPUT_AUTO;
    if (s->format && check_format(s->format, fmt, m) != IM_OK)
        return IM_ERR_ARG;

    /* The page: page gives it; size alone gets a scale chosen for it
     * (dpi 0); dpi alone keeps the default page (10 x 7.5 in) and changes
     * the pixels. */
    if (o.page_w_pt > 0 && s->size_set)
        return say(m, IM_ERR_ARG, "%spage and %ssize both give the page size; use one (with "
                   "%sdpi for the pixels of a PNG)", D, D, D);
    if (o.page_w_pt <= 0) {
        if (s->size_set && !s->dpi_set) {
            o.dpi = 0;
        } else if (s->dpi_set && !s->size_set) {
            o.page_w_pt = 720;
            o.page_h_pt = 540;
        }
    }

    /* The time window. */
    im_date_precision prec;
    if (s->from) {
        if (im_date_parse(s->from, &o.from, &prec) != IM_OK)
            return not_a_date(m, "from", s->from);
        o.has_from = 1;
    }
    if (s->to) {
        if (im_date_parse(s->to, &o.to, &prec) != IM_OK)
            return not_a_date(m, "to", s->to);
        o.to = im_date_period_end(o.to, (int)prec);
        o.has_to = 1;
    }
    if (s->now && !s->last) {
        int64_t t;
        if (im_date_parse(s->now, &t, &prec) != IM_OK)
            return not_a_date(m, "now", s->now);
    }
    if (s->last) {
        if (s->from)
            return say(m, IM_ERR_ARG, "%slast and %sfrom cannot be used together", D, D);
        int y, mo, d;
        if (check_period(s->last, &y, &mo, &d, m) != IM_OK)
            return IM_ERR_ARG;
        int64_t now;
        if (s->now) {
            if (im_date_parse(s->now, &now, &prec) != IM_OK)
                return not_a_date(m, "now", s->now);
        } else {
            now = (int64_t)time(NULL);
        }
        /* The window ends with the day of now and covers whole days: P7D
         * with now 2021-07-09 is 2021-07-03 to 2021-07-09. */
        int64_t day0 = now - ((now % 86400) + 86400) % 86400;
        o.from = im_date_subtract(day0, y, mo, d) + 86400;
        if (!s->to) {
            o.to = day0 + 86399;
            o.has_to = 1;
        }
        o.has_from = 1;
    }
    *out = o;
    return IM_OK;
}
