/* boxes.c - rectangles already taken on the page (labels, markers,
 * furniture), so that nothing placed later overlaps them. */
#include "im_private.h"

#include <stdlib.h>

im_status im_boxes_add(im_boxes *b, im_box box)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        im_box *v = im_realloc_array(b->v, cap, sizeof *v);
        if (!v)
            return IM_ERR_NOMEM;
        b->v = v;
        b->cap = cap;
    }
    b->v[b->n++] = box;
    return IM_OK;
}

bool im_boxes_hit(const im_boxes *b, im_box box)
{
    for (size_t i = 0; i < b->n; i++)
        if (im_box_overlap(b->v[i], box))
            return true;
    return false;
}

void im_boxes_free(im_boxes *b)
{
    free(b->v);
    b->v = NULL;
    b->n = b->cap = 0;
}
