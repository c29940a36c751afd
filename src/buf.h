/*
 * buf.h - the library's growable byte buffer, with a cap (buf.c).
 *
 * One type for every buffer that grows while input or output is produced
 * (SVG documents and their text, CSV records, expanded output paths), so
 * each has the same growth (doubling), the same overflow guard and a byte
 * cap that fails cleanly instead of growing without bound.
 *
 * Zero-initialise ({0}) and set max before the first append when the buffer
 * has a cap of its own. After any failure the buffer is "failed": st says
 * why (IM_ERR_NOMEM or IM_ERR_LIMIT), later appends do nothing and return
 * the same status, and the bytes already held stay valid. Who frees: the
 * owner, with im_buf_free() (or takes the bytes with im_buf_take()).
 */
#ifndef IM_BUF_H
#define IM_BUF_H

#include "incmap.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct im_buf {
    char *data;      /* len bytes, then a NUL once anything was reserved */
    size_t len, cap; /* bytes held; bytes allocated */
    bool failed;     /* an append or reserve failed (st says why) */
    size_t max;      /* the most bytes it may hold, not counting its NUL; 0: no cap of its
                        own (SIZE_MAX / 4, an overflow guard) */
    im_status st;    /* IM_OK, or the first failure */
} im_buf;

/* Make room for add more bytes and a NUL after them (data may move).
 * IM_ERR_LIMIT when len + add is over max, IM_ERR_NOMEM when allocation
 * fails; both leave the buffer failed. */
IM_NODISCARD im_status im_buf_reserve(im_buf *b, size_t add);

/* Append n bytes of p and keep data NUL-terminated. */
IM_NODISCARD im_status im_buf_append(im_buf *b, const void *p, size_t n);

/* Append a NUL-terminated string. */
IM_NODISCARD im_status im_buf_puts(im_buf *b, const char *s);

/* The bytes as a malloc'd NUL-terminated string ("" when empty) that the
 * caller frees; the buffer is left empty (max kept). NULL when out of memory
 * or when the buffer failed (then it is freed). */
char *im_buf_take(im_buf *b);

/* Free the bytes and clear the failure; max is kept. Accepts NULL. */
void im_buf_free(im_buf *b);

/* The cap in force: max, or the overflow guard when max is 0. */
size_t im_buf_cap_of(const im_buf *b);

#endif
