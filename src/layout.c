/* layout.c - the placement as data (see layout.h) and its JSON dump. */
#include "layout.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[IM_ITEM_KIND_COUNT] = {
    "title", "subtitle", "credit", "footer", "legend", "scalebar", "north_arrow", "inset",
    "site_label", "place_label", "place_dot", "panel_title", "timeline", "graticule_label",
    "frame", "callout", "annotation", "site_unlabelled"};

bool im_layout_room(im_layout *lay, void **v, size_t *cap, size_t n, size_t elem, size_t first)
{
    if (n < *cap)
        return true;
    size_t want = *cap ? *cap * 2 : first;
    void *grown = im_realloc_array(*v, want, elem);
    if (!grown) {
        lay->incomplete = true;
        return false;
    }
    *v = grown;
    *cap = want;
    return true;
}

im_status im_layout_add(im_layout *lay, im_item_kind kind, im_box box, const char *text,
                        double ax, double ay, bool leader)
{
    if (!lay)
        return IM_OK;
    if (!im_layout_room(lay, (void **)&lay->items, &lay->cap_items, lay->n_items, sizeof *lay->items, 64))
        return IM_ERR_NOMEM;
    im_item *it = &lay->items[lay->n_items];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->box = box;
    it->ax = ax;
    it->ay = ay;
    it->leader = leader;
    it->panel = lay->panel;
    if (text && !(it->text = im_strdup(text)))
        return lay->incomplete = true, IM_ERR_NOMEM;
    lay->n_items++;
    return IM_OK;
}

void im_layout_set_leader(im_layout *lay, double x0, double y0, double x1, double y1)
{
    if (!lay || lay->n_items == 0)
        return;
    im_item *it = &lay->items[lay->n_items - 1];
    it->lead[0] = x0;
    it->lead[1] = y0;
    it->lead[2] = x1;
    it->lead[3] = y1;
    it->has_lead = true;
}

im_status im_layout_add_mark(im_layout *lay, const im_mark *m)
{
    if (!lay)
        return IM_OK;
    if (!im_layout_room(lay, (void **)&lay->marks, &lay->cap_marks, lay->n_marks, sizeof *lay->marks, 256))
        return IM_ERR_NOMEM;
    lay->marks[lay->n_marks] = *m;
    lay->marks[lay->n_marks].panel = lay->panel;
    lay->n_marks++;
    return IM_OK;
}

im_status im_layout_add_legend(im_layout *lay, const im_legend_entry *e)
{
    if (!lay)
        return IM_OK;
    if (!im_layout_room(lay, (void **)&lay->legend, &lay->cap_legend, lay->n_legend, sizeof *lay->legend, 16))
        return IM_ERR_NOMEM;
    im_legend_entry *d = &lay->legend[lay->n_legend];
    *d = *e;
    if (e->text && !(d->text = im_strdup(e->text)))
        return lay->incomplete = true, IM_ERR_NOMEM;
    lay->n_legend++;
    return IM_OK;
}

void im_layout_clear(im_layout *lay)
{
    if (!lay)
        return;
    for (size_t i = 0; i < lay->n_legend; i++)
        free(lay->legend[i].text);
    free(lay->legend);
    lay->legend = NULL;
    lay->n_legend = lay->cap_legend = 0;
    for (size_t i = 0; i < lay->n_items; i++)
        free(lay->items[i].text);
    free(lay->items);
    free(lay->marks);
    lay->items = NULL;
    lay->marks = NULL;
    lay->n_items = lay->cap_items = lay->n_marks = lay->cap_marks = 0;
    im_layout_carto_clear(lay);
}

/* A device length in points, rounded to 0.01 pt so that the dumps of one
 * placement drawn on different surfaces compare equal as text. */
static json_t *num(const im_layout *lay, double v)
{
    double p = v / lay->pt;
    p = round(p * 100) / 100;
    if (p == 0)
        p = 0; /* no "-0" */
    return json_real(p);
}

static json_t *box_json(const im_layout *lay, im_box b)
{
    return json_pack("[oooo]", num(lay, b.x0), num(lay, b.y0), num(lay, b.x1), num(lay, b.y1));
}

im_status im_layout_write_json(im_context *ctx, const im_layout *lay, const char *path)
{
    if (lay->incomplete) /* an item missing from the dump would pass for not drawn */
        return im_fail(ctx, IM_ERR_NOMEM, "%s: the layout is incomplete (out of memory while "
                       "drawing)", path);
    json_t *root = json_object(), *items = json_array(), *marks = json_array();
    if (!root || !items || !marks) {
        json_decref(root);
        json_decref(items);
        json_decref(marks);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    json_object_set_new(root, "unit", json_string("pt"));
    json_object_set_new(root, "page", json_pack("{s:o,s:o}", "w", num(lay, lay->page_w), "h",
                                                num(lay, lay->page_h)));
    for (size_t i = 0; i < lay->n_items; i++) {
        const im_item *it = &lay->items[i];
        json_t *o = json_pack("{s:s,s:o,s:i}", "kind", kind_names[it->kind], "box",
                              box_json(lay, it->box), "panel", it->panel);
        if (it->text)
            json_object_set_new(o, "text", json_string(it->text));
        if (isfinite(it->ax))
            json_object_set_new(o, "anchor", json_pack("[oo]", num(lay, it->ax), num(lay, it->ay)));
        if (it->kind == IM_ITEM_SITE_LABEL || it->kind == IM_ITEM_PLACE_LABEL)
            json_object_set_new(o, "leader", json_boolean(it->leader));
        if (it->has_lead)
            json_object_set_new(o, "leader_line", box_json(lay, (im_box){it->lead[0], it->lead[1],
                                                                         it->lead[2], it->lead[3]}));
        json_array_append_new(items, o);
    }
    for (size_t i = 0; i < lay->n_marks; i++) {
        const im_mark *m = &lay->marks[i];
        json_t *o = json_pack("{s:o,s:o,s:o,s:o,s:o,s:I,s:i}", "x", num(lay, m->x), "y",
                              num(lay, m->y), "sx", num(lay, m->sx), "sy", num(lay, m->sy), "r",
                              num(lay, m->r), "n", (json_int_t)m->n, "panel", m->panel);
        if (m->site && lay->set)
            json_object_set_new(o, "site", json_string(lay->set->pool + m->site));
        if (m->sym) {
            static const char *const cls[] = {"value", "zero", "unknown"};
            json_object_set_new(o, "fill", json_string(m->fill));
            json_object_set_new(o, "class", json_string(cls[m->sclass % 3]));
            if (isfinite(m->value))
                json_object_set_new(o, "value", json_real(m->value));
            if (m->category[0])
                json_object_set_new(o, "category", json_string(m->category));
        }
        json_array_append_new(marks, o);
    }
    if (lay->n_legend) {
        json_t *leg = json_array();
        for (size_t i = 0; leg && i < lay->n_legend; i++) {
            const im_legend_entry *e = &lay->legend[i];
            json_t *o = json_pack("{s:s,s:s,s:o}", "role", e->role, "text",
                                  e->text ? e->text : "", "box", box_json(lay, e->box));
            if (e->fill[0])
                json_object_set_new(o, "fill", json_string(e->fill));
            if (isfinite(e->value)) {
                json_object_set_new(o, "value", json_real(e->value));
                json_object_set_new(o, "d", num(lay, e->d));
            }
            json_array_append_new(leg, o);
        }
        json_object_set_new(root, "legend", leg);
    }
    json_object_set_new(root, "items", items);
    json_object_set_new(root, "markers", marks);
    if (!im_layout_carto_json(lay, root)) { /* names, draw order */
        json_decref(root);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    char *text = json_dumps(root, JSON_INDENT(1) | JSON_REAL_PRECISION(12) | JSON_PRESERVE_ORDER);
    json_decref(root);
    if (!text)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    /* json_dumps' buffer is jansson's: freed by its free (a host program
     * may have set its own allocator), never realloc'd or free'd here */
    json_free_t jfree;
    json_get_alloc_funcs(NULL, &jfree);
    size_t len = strlen(text);
    char *withnl = malloc(len + 2);
    if (withnl)
        memcpy(withnl, text, len);
    jfree(text);
    if (!withnl)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    withnl[len] = '\n';
    withnl[len + 1] = '\0';
    im_status st = im_out_write_text(ctx, path, withnl);
    free(withnl);
    return st;
}
