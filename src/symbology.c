/* symbology.c - what a marker says besides its weapon: its size by a value
 * (--size-by casualties|count|FIELD: area proportional to the value, the
 * largest value of the map at the style's size.max_diameter) and its colour
 * by a categorical field (--color-by FIELD: the commonest values in a
 * colour-blind-safe palette, the rest as "Other"). The scales are taken
 * from the whole selection once, so facets and the legend share them. */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* "type_of_violence" -> "Type of violence" */
static void pretty_name(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s", name);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

/* The value a record's symbol is sized by; NAN when unknown. */
static double rec_value(const im_scene *sc, const im_rec *r)
{
    switch (sc->size_src) {
    case IM_SIZE_BY_CASUALTIES: return r->casualties < 0 ? NAN : (double)r->casualties;
    case IM_SIZE_BY_COUNT: return r->count < 0 ? NAN : (double)r->count;
    case IM_SIZE_BY_FIELD: return r->value;
    default: return NAN;
    }
}

typedef struct cat_run { const char *name; size_t n; } cat_run;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_run(const void *a, const void *b)
{
    const cat_run *p = a, *q = b;
    if (p->n != q->n)
        return p->n > q->n ? -1 : 1;
    return strcmp(p->name, q->name);
}

static im_status prepare_categories(im_scene *sc, const size_t *idx, size_t n)
{
    const im_style *st = sc->st;
    const im_incidents *set = sc->set;
    const char **names = im_malloc_array(n ? n : 1, sizeof *names);
    if (!names)
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    for (size_t k = 0; k < n; k++)
        names[k] = set->pool + set->recs[idx[k]].category;
    qsort(names, n, sizeof *names, cmp_str);
    size_t nd = 0;
    for (size_t k = 0; k < n; k++)
        nd += k == 0 || strcmp(names[k], names[k - 1]) != 0;
    cat_run *runs = im_malloc_array(nd ? nd : 1, sizeof *runs);
    if (!runs) {
        free(names);
        return im_fail(sc->ctx, IM_ERR_NOMEM, "out of memory");
    }
    size_t r = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == 0 || strcmp(names[k], names[k - 1]) != 0)
            runs[r++] = (cat_run){names[k], 0};
        runs[r - 1].n++;
    }
    qsort(runs, nd, sizeof *runs, cmp_run);
    int max = st->max_categories >= 1 && st->max_categories < IM_MAX_CATS ? st->max_categories
                                                                           : IM_MAX_CATS - 1;
    size_t shown = nd <= (size_t)max ? nd : (size_t)max;
    int pal = 0;
    static const im_rgba not_given = {0.85, 0.85, 0.85, 1};
    for (size_t k = 0; k < shown; k++) {
        snprintf(sc->cat_name[k], sizeof sc->cat_name[k], "%s", runs[k].name);
        sc->cat_count[k] = runs[k].n;
        bool fixed = false;
        for (size_t c = 0; c < st->n_cat_colors && !fixed; c++)
            if (strcasecmp(st->cat_colors[c].name, runs[k].name) == 0) {
                sc->cat_color[k] = st->cat_colors[c].color;
                fixed = true;
            }
        if (!fixed && !runs[k].name[0])
            sc->cat_color[k] = not_given;
        else if (!fixed)
            sc->cat_color[k] = st->n_palette ? st->palette[pal++ % st->n_palette]
                                             : st->other_color;
    }
    sc->n_cats = (int)shown;
    sc->cat_other = nd > shown;
    if (sc->cat_other) {
        size_t rest = 0;
        for (size_t k = shown; k < nd; k++)
            rest += runs[k].n;
        sc->cat_name[shown][0] = '\0';
        sc->cat_count[shown] = rest;
        sc->cat_color[shown] = st->other_color;
        sc->n_cats++;
    }
    bool any = nd > 1 || (nd == 1 && runs[0].name[0]);
    free(runs);
    free(names);
    if (n && !any)
        im_log(sc->ctx, IM_LOG_WARNING, "--color-by %s: no selected incident has a value in "
               "that field", sc->opts->color_field);
    return IM_OK;
}

im_status im_symbology_prepare(im_scene *sc, const size_t *idx, size_t n)
{
    const im_render_options *o = sc->opts;
    const im_incidents *set = sc->set;
    sc->size_src = IM_SIZE_BY_NONE;
    sc->size_vmax = 0;
    sc->size_zero = sc->size_unknown = false;
    sc->n_cats = 0;
    sc->cat_other = false;
    if (o->size_by && *o->size_by) {
        if (strcasecmp(o->size_by, "casualties") == 0) {
            sc->size_src = IM_SIZE_BY_CASUALTIES;
            snprintf(sc->size_title, sizeof sc->size_title, "Casualties");
        } else if (strcasecmp(o->size_by, "count") == 0) {
            sc->size_src = IM_SIZE_BY_COUNT;
            snprintf(sc->size_title, sizeof sc->size_title, "Count");
        } else {
            if (set->n && strcasecmp(set->size_field, o->size_by) != 0)
                return im_fail(sc->ctx, IM_ERR_ARG, "--size-by %.60s: the incidents were "
                               "loaded without that field (name it as the \"size\" field "
                               "before loading: im_context_set_field(ctx, \"size\", "
                               "\"%.60s\"))", o->size_by, o->size_by);
            sc->size_src = IM_SIZE_BY_FIELD;
            pretty_name(o->size_by, sc->size_title, sizeof sc->size_title);
        }
        sc->size_whole = true;
        for (size_t k = 0; k < n; k++) {
            double v = rec_value(sc, &set->recs[idx[k]]);
            if (isfinite(v) && v != floor(v))
                sc->size_whole = false;
            if (isnan(v))
                sc->size_unknown = true;
            else if (v <= 0)
                sc->size_zero = true;
            else if (v > sc->size_vmax)
                sc->size_vmax = v;
        }
    }
    if (o->color_by == IM_COLOR_BY_FIELD) {
        if (!o->color_field || !*o->color_field)
            return im_fail(sc->ctx, IM_ERR_ARG, "colour by field: no field named");
        if (set->n && strcasecmp(set->category_field, o->color_field) != 0)
            return im_fail(sc->ctx, IM_ERR_ARG, "--color-by %.60s: the incidents were loaded "
                           "without that field (name it as the \"category\" field before "
                           "loading: im_context_set_field(ctx, \"category\", \"%.60s\"))",
                           o->color_field, o->color_field);
        return prepare_categories(sc, idx, n);
    }
    return IM_OK;
}

double im_size_diameter(const im_scene *sc, double v)
{
    const im_style *st = sc->st;
    double pt = sc->view ? sc->view->pt : 1;
    if (!(sc->size_vmax > 0) || !(v > 0))
        return st->size_min_d * pt;
    double d = st->size_max_d * sqrt(fmin(v, sc->size_vmax) / sc->size_vmax);
    return fmax(d, st->size_min_d) * pt;
}

/* The largest of 1, 2, 5 x 10^k not above x. */
static double nice_floor(double x)
{
    double p = pow(10, floor(log10(x)));
    double m = x / p;
    if (m >= 9.999999) {
        p *= 10;
        m = 1;
    }
    return (m >= 5 - 1e-9 ? 5 : m >= 2 - 1e-9 ? 2 : 1) * p;
}

int im_size_legend_values(const im_scene *sc, double out[4])
{
    if (!(sc->size_vmax > 0))
        return 0;
    int n = 0;
    double v = nice_floor(sc->size_vmax);
    double min_d = sc->st->size_min_d, max_d = sc->st->size_max_d;
    /* Casualties and counts are whole numbers: no circle below 1. */
    bool whole = sc->size_whole;
    while (n < 3) {
        out[n++] = v;
        /* the next circle about half the diameter (a quarter of the area) */
        double next = nice_floor(v / 3.5);
        if (whole && next < 1)
            next = 1;
        double d = max_d * sqrt(next / sc->size_vmax);
        if (next >= v || d < fmax(2 * min_d, 0.22 * max_d) || next < 1e-12)
            break;
        v = next;
    }
    return n;
}

void im_symbology_point(const im_scene *sc, im_placed *p)
{
    const im_rec *r = &sc->set->recs[p->rec];
    p->size = 0;
    p->sclass = IM_SIZE_VALUE;
    p->cat = -1;
    if (sc->size_src != IM_SIZE_BY_NONE) {
        double v = rec_value(sc, r);
        p->sclass = isnan(v) ? IM_SIZE_UNKNOWN : v <= 0 ? IM_SIZE_ZERO : IM_SIZE_VALUE;
        p->size = p->sclass == IM_SIZE_VALUE
                      ? im_size_diameter(sc, v)
                      : fmax(sc->st->size_min_d, 0.7 * sc->st->marker_size) * sc->view->pt;
    }
    if (sc->n_cats > 0) {
        const char *name = sc->set->pool + r->category;
        int shown = sc->n_cats - (sc->cat_other ? 1 : 0);
        p->cat = sc->cat_other ? sc->n_cats - 1 : 0;
        for (int k = 0; k < shown; k++)
            if (strcmp(sc->cat_name[k], name) == 0) {
                p->cat = k;
                break;
            }
    }
}

im_rgba im_point_color(const im_scene *sc, const im_placed *p, int64_t t)
{
    if (sc->opts->color_by == IM_COLOR_BY_FIELD && p->cat >= 0 && p->cat < sc->n_cats)
        return sc->cat_color[p->cat];
    return im_marker_color(sc, p->weapon, t);
}

const char *im_category_label(const im_scene *sc, int k)
{
    if (k < 0 || k >= sc->n_cats)
        return "";
    if (sc->cat_other && k == sc->n_cats - 1)
        return "Other";
    return sc->cat_name[k][0] ? sc->cat_name[k] : "Not given";
}

void im_color_hex(im_rgba c, char *buf, size_t size)
{
    snprintf(buf, size, "#%02x%02x%02x", (unsigned)lround(fmin(fmax(c.r, 0), 1) * 255),
             (unsigned)lround(fmin(fmax(c.g, 0), 1) * 255),
             (unsigned)lround(fmin(fmax(c.b, 0), 1) * 255));
}

void im_symbology_mark(const im_scene *sc, const im_placed *p, im_mark *mk)
{
    if (sc->size_src == IM_SIZE_BY_NONE && sc->n_cats == 0)
        return;
    mk->sym = true;
    mk->sclass = p->sclass;
    mk->value = im_symbology_value(sc, p);
    im_color_hex(im_point_color(sc, p, p->time), mk->fill, sizeof mk->fill);
    snprintf(mk->category, sizeof mk->category, "%s", p->cat >= 0 ? im_category_label(sc, p->cat) : "");
}

void im_symbology_copy(im_scene *dst, const im_scene *src)
{
    dst->size_src = src->size_src;
    dst->size_vmax = src->size_vmax;
    dst->size_zero = src->size_zero;
    dst->size_unknown = src->size_unknown;
    dst->size_whole = src->size_whole;
    memcpy(dst->size_title, src->size_title, sizeof dst->size_title);
    dst->n_cats = src->n_cats;
    dst->cat_other = src->cat_other;
    memcpy(dst->cat_name, src->cat_name, sizeof dst->cat_name);
    memcpy(dst->cat_color, src->cat_color, sizeof dst->cat_color);
    memcpy(dst->cat_count, src->cat_count, sizeof dst->cat_count);
}

const char *const im_size_notes[2] = {"None (0)", "Not known"};

void im_size_step_label(double v, char *buf, size_t size)
{
    if (v >= 1000 && v == floor(v))
        im_format_count((size_t)v, buf, size);
    else
        snprintf(buf, size, "%g", v);
}

double im_symbology_value(const im_scene *sc, const im_placed *p)
{
    return sc->size_src != IM_SIZE_BY_NONE ? rec_value(sc, &sc->set->recs[p->rec]) : NAN;
}

void im_field_title(const char *name, char *buf, size_t size)
{
    pretty_name(name ? name : "", buf, size);
}
