/* boxes.c - rectangles already taken on the page (labels, markers,
 * furniture), so that nothing placed later overlaps them: the one collision
 * index of the placement. Boxes are kept in insertion order (v) and in a
 * hashed uniform grid, so a query looks only at the boxes in the cells it
 * touches, not at every box placed so far. */
#include "im_private.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A box spanning more cells than this goes on a short list that every
 * query scans (the legend on a page of small cells). */
#define MAX_CELLS_PER_BOX 256

typedef struct slot { int32_t cx, cy; uint32_t head; bool used; } slot;
typedef struct link { uint32_t box, next; } link;

struct im_box_grid {
    double cell;          /* side of a cell, device units */
    slot *slots;          /* open addressing, power-of-two size */
    size_t n_slots, used;
    link *links;          /* per cell, a chain of box indices */
    size_t n_links, cap_links;
    uint32_t *big;        /* boxes too large for the cells */
    size_t n_big, cap_big;
};

#define NIL UINT32_MAX

static size_t hash_cell(int32_t cx, int32_t cy, size_t mask)
{
    uint64_t h = (uint64_t)(uint32_t)cx * 0x9E3779B97F4A7C15ull ^
                 (uint64_t)(uint32_t)cy * 0xC2B2AE3D27D4EB4Full;
    return (size_t)(h ^ (h >> 29)) & mask;
}

static slot *find_slot(struct im_box_grid *g, int32_t cx, int32_t cy)
{
    size_t mask = g->n_slots - 1, i = hash_cell(cx, cy, mask);
    while (g->slots[i].used && (g->slots[i].cx != cx || g->slots[i].cy != cy))
        i = (i + 1) & mask;
    return &g->slots[i];
}

static bool grow_slots(struct im_box_grid *g)
{
    size_t n = g->n_slots ? g->n_slots * 2 : 1024;
    slot *old = g->slots;
    size_t old_n = g->n_slots;
    g->slots = calloc(n, sizeof *g->slots);
    if (!g->slots) {
        g->slots = old;
        return false;
    }
    g->n_slots = n;
    for (size_t i = 0; i < old_n; i++)
        if (old[i].used)
            *find_slot(g, old[i].cx, old[i].cy) = old[i];
    free(old);
    return true;
}

static bool cell_range(const struct im_box_grid *g, im_box b, int32_t r[4])
{
    double c[4] = {floor(b.x0 / g->cell), floor(b.y0 / g->cell), floor(b.x1 / g->cell),
                   floor(b.y1 / g->cell)};
    for (int k = 0; k < 4; k++) {
        if (!(fabs(c[k]) < 1e8))
            return false;
        r[k] = (int32_t)c[k];
    }
    return true;
}

static im_status grid_insert(struct im_box_grid *g, uint32_t index, im_box b)
{
    int32_t r[4];
    bool ok = cell_range(g, b, r);
    if (!ok || (double)(r[2] - r[0] + 1) * (r[3] - r[1] + 1) > MAX_CELLS_PER_BOX) {
        if (g->n_big == g->cap_big) {
            size_t cap = g->cap_big ? g->cap_big * 2 : 16;
            uint32_t *v = im_realloc_array(g->big, cap, sizeof *v);
            if (!v)
                return IM_ERR_NOMEM;
            g->big = v;
            g->cap_big = cap;
        }
        g->big[g->n_big++] = index;
        return IM_OK;
    }
    for (int32_t cy = r[1]; cy <= r[3]; cy++)
        for (int32_t cx = r[0]; cx <= r[2]; cx++) {
            if ((g->used + 1) * 2 > g->n_slots && !grow_slots(g))
                return IM_ERR_NOMEM;
            if (g->n_links == g->cap_links) {
                size_t cap = g->cap_links ? g->cap_links * 2 : 256;
                link *v = im_realloc_array(g->links, cap, sizeof *v);
                if (!v)
                    return IM_ERR_NOMEM;
                g->links = v;
                g->cap_links = cap;
            }
            slot *s = find_slot(g, cx, cy);
            if (!s->used) {
                *s = (slot){cx, cy, NIL, true};
                g->used++;
            }
            g->links[g->n_links] = (link){index, s->head};
            s->head = (uint32_t)g->n_links++;
        }
    return IM_OK;
}

im_status im_boxes_add(im_boxes *b, im_box box)
{
    if (b->n >= NIL - 1)
        return IM_ERR_LIMIT;
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        im_box *v = im_realloc_array(b->v, cap, sizeof *v);
        if (!v)
            return IM_ERR_NOMEM;
        b->v = v;
        b->cap = cap;
    }
    if (!b->grid) {
        b->grid = calloc(1, sizeof *b->grid);
        if (!b->grid)
            return IM_ERR_NOMEM;
        /* Cells a few times the first box (a marker, usually). */
        double side = fmax(box.x1 - box.x0, box.y1 - box.y0);
        b->grid->cell = isfinite(side) && side > 1 ? side * 3 : 16;
    }
    im_status st = grid_insert(b->grid, (uint32_t)b->n, box);
    if (st != IM_OK)
        return st;
    b->v[b->n++] = box;
    return IM_OK;
}

bool im_boxes_hit(const im_boxes *b, im_box box)
{
    struct im_box_grid *g = b->grid;
    if (!g)
        return false;
    for (size_t i = 0; i < g->n_big; i++)
        if (im_box_overlap(b->v[g->big[i]], box))
            return true;
    int32_t r[4];
    if (!cell_range(g, box, r) ||
        (double)(r[2] - r[0] + 1) * (r[3] - r[1] + 1) > (double)g->used + 64) {
        for (size_t i = 0; i < b->n; i++) /* a query larger than the index */
            if (im_box_overlap(b->v[i], box))
                return true;
        return false;
    }
    for (int32_t cy = r[1]; cy <= r[3]; cy++)
        for (int32_t cx = r[0]; cx <= r[2]; cx++) {
            const slot *s = find_slot(g, cx, cy);
            if (!s->used)
                continue;
            for (uint32_t k = s->head; k != NIL; k = g->links[k].next)
                if (im_box_overlap(b->v[g->links[k].box], box))
                    return true;
        }
    return false;
}

void im_boxes_free(im_boxes *b)
{
    if (b->grid) {
        free(b->grid->slots);
        free(b->grid->links);
        free(b->grid->big);
        free(b->grid);
    }
    free(b->v);
    b->v = NULL;
    b->grid = NULL;
    b->n = b->cap = 0;
}
