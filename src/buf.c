/* buf.c - the growable byte buffer with a cap (buf.h). */
#include "buf.h"
#include "im_private.h" /* im_advise_huge */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Without a cap of its own a buffer still stops at a quarter of the address
 * space, so that len + add + 1 and the doubling below cannot overflow. */
#define IM_BUF_GUARD (SIZE_MAX / 4)

size_t im_buf_cap_of(const im_buf *b)
{
    return b->max && b->max < IM_BUF_GUARD ? b->max : IM_BUF_GUARD;
}

static im_status buf_fail(im_buf *b, im_status st)
{
    b->failed = true;
    b->st = st;
    return st;
}

im_status im_buf_reserve(im_buf *b, size_t add)
{
    if (b->failed) /* set by a writer of its own (svg_text.c): out of memory */
        return b->st != IM_OK ? b->st : IM_ERR_NOMEM;
    size_t max = im_buf_cap_of(b);
    if (add > max || b->len > max - add)
        return buf_fail(b, IM_ERR_LIMIT);
    size_t need = b->len + add + 1; /* the NUL */
    if (need <= b->cap)
        return IM_OK;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap *= 2; /* cap < need <= IM_BUF_GUARD + 1: no overflow */
    if (cap > max + 1)
        cap = max + 1;
    char *d = realloc(b->data, cap);
    if (!d)
        return buf_fail(b, IM_ERR_NOMEM);
    im_advise_huge(d, cap); /* a big document's pages */
    if (!b->data)
        d[0] = '\0';
    b->data = d;
    b->cap = cap;
    return IM_OK;
}

im_status im_buf_append(im_buf *b, const void *p, size_t n)
{
    im_status st = im_buf_reserve(b, n);
    if (st != IM_OK)
        return st;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return IM_OK;
}

im_status im_buf_puts(im_buf *b, const char *s)
{
    return im_buf_append(b, s, strlen(s));
}

char *im_buf_take(im_buf *b)
{
    if (b->failed || im_buf_reserve(b, 0) != IM_OK) {
        im_buf_free(b);
        return NULL;
    }
    char *s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

void im_buf_free(im_buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
    b->st = IM_OK;
}
