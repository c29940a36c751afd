/* layout_carto.c - the cartographic part of the layout dump: every name
 * drawn (countries, seas, lakes, rivers, places, the inset's countries)
 * and the layers in the order they were drawn with the colours and line
 * widths actually used, so that tests assert the map's hierarchy from what
 * was drawn rather than from the manifest or the style. */
#include "layout.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

im_status im_layout_add_name(im_layout *lay, const char *kind, const char *text, im_box box,
                             double ax, double ay, double angle)
{
    if (!lay)
        return IM_OK;
    if (!im_layout_room(lay, (void **)&lay->names, &lay->cap_names, lay->n_names, sizeof *lay->names, 32))
        return IM_ERR_NOMEM;
    im_layout_name *n = &lay->names[lay->n_names];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->box = box;
    n->ax = ax;
    n->ay = ay;
    n->angle = angle;
    n->panel = lay->panel;
    if (text && !(n->text = im_strdup(text)))
        return lay->incomplete = true, IM_ERR_NOMEM;
    lay->n_names++;
    return IM_OK;
}

im_status im_layout_add_names(im_layout *lay, const im_name_labels *l, const char *kind)
{
    for (size_t i = 0; l && i < l->n; i++) {
        const im_name_label *n = &l->v[i];
        im_status st = im_layout_add_name(lay, kind ? kind : n->kind, n->name, n->box, n->x,
                                          n->y, n->angle);
        if (st != IM_OK)
            return st;
    }
    return IM_OK;
}

im_layout_draw im_layout_draw_named(const char *name, const char *group)
{
    im_layout_draw d;
    memset(&d, 0, sizeof d);
    snprintf(d.name, sizeof d.name, "%s", name ? name : "");
    snprintf(d.group, sizeof d.group, "%s", group ? group : "");
    d.opacity = NAN;
    d.size_pt = NAN;
    return d;
}

im_status im_layout_add_draw(im_layout *lay, const im_layout_draw *d)
{
    if (!lay)
        return IM_OK;
    if (!im_layout_room(lay, (void **)&lay->draws, &lay->cap_draws, lay->n_draws, sizeof *lay->draws, 32))
        return IM_ERR_NOMEM;
    lay->draws[lay->n_draws] = *d;
    lay->draws[lay->n_draws].panel = lay->panel;
    lay->n_draws++;
    return IM_OK;
}

void im_layout_carto_clear(im_layout *lay)
{
    if (!lay)
        return;
    for (size_t i = 0; i < lay->n_names; i++)
        free(lay->names[i].text);
    free(lay->names);
    free(lay->draws);
    lay->names = NULL;
    lay->draws = NULL;
    lay->n_names = lay->cap_names = lay->n_draws = lay->cap_draws = 0;
    lay->has_inset_extent = false;
}

/* Points, two decimals (as layout.c writes them). */
static json_t *pts(const im_layout *lay, double v)
{
    double p = round(v / lay->pt * 100) / 100;
    return json_real(p == 0 ? 0 : p);
}

static json_t *rounded(double v, double step)
{
    double p = round(v / step) * step;
    return json_real(p == 0 ? 0 : p);
}

bool im_layout_carto_json(const im_layout *lay, void *rootp)
{
    json_t *root = rootp, *names = json_array(), *draws = json_array();
    if (!names || !draws || json_object_set_new(root, "names", names) != 0) {
        json_decref(draws);
        return false;
    }
    if (json_object_set_new(root, "draw_order", draws) != 0)
        return false;
    bool ok = true;
    if (lay->has_inset_extent) {
        im_box b = lay->inset_extent;
        ok = json_object_set_new(root, "inset_extent",
                                 json_pack("[oooo]", pts(lay, b.x0), pts(lay, b.y0),
                                           pts(lay, b.x1), pts(lay, b.y1))) == 0;
    }
    for (size_t i = 0; ok && i < lay->n_names; i++) {
        const im_layout_name *n = &lay->names[i];
        json_t *o = json_pack("{s:s,s:s,s:[oooo],s:[oo],s:o,s:i}", "kind", n->kind, "text",
                              n->text ? n->text : "", "box", pts(lay, n->box.x0),
                              pts(lay, n->box.y0), pts(lay, n->box.x1), pts(lay, n->box.y1),
                              "anchor", pts(lay, n->ax), pts(lay, n->ay), "angle",
                              rounded(n->angle * 180 / 3.14159265358979323846, 0.1), "panel",
                              n->panel);
        ok = o && json_array_append_new(names, o) == 0;
    }
    for (size_t i = 0; ok && i < lay->n_draws; i++) {
        const im_layout_draw *d = &lay->draws[i];
        json_t *o = json_pack("{s:s,s:s,s:I,s:i}", "name", d->name, "group", d->group,
                              "features", (json_int_t)d->features, "panel", d->panel);
        ok = o != NULL;
        if (ok && d->fill[0]) {
            json_object_set_new(o, "fill", json_string(d->fill));
            json_object_set_new(o, "fill_alpha", rounded(d->fill_alpha, 0.01));
        }
        if (ok && d->stroke[0]) {
            json_object_set_new(o, "stroke", json_string(d->stroke));
            json_object_set_new(o, "stroke_alpha", rounded(d->stroke_alpha, 0.01));
        }
        if (ok && d->n_widths > 0) {
            json_t *w = json_array();
            for (int k = 0; w && k < d->n_widths; k++)
                json_array_append_new(w, rounded(d->widths[k], 0.001));
            json_object_set_new(o, "widths", w);
            json_object_set_new(o, "dashed", json_boolean(d->dashed));
        }
        if (ok && isfinite(d->opacity))
            json_object_set_new(o, "opacity", rounded(d->opacity, 0.001));
        if (ok && isfinite(d->size_pt))
            json_object_set_new(o, "size", rounded(d->size_pt, 0.01));
        ok = ok && json_array_append_new(draws, o) == 0;
    }
    return ok;
}
