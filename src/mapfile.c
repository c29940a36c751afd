/* mapfile.c - an input file's bytes, read whole into memory.
 *
 * Inputs were once mapped MAP_SHARED to save memory, but a file truncated
 * while it is read (by a log rotation, a copy being rewritten, another job)
 * then kills the process with SIGBUS, and a private mapping does not help:
 * pages past the new end fault all the same. So every input is read with
 * read() into the heap, under the context's byte limit, whatever it is (a
 * regular file, a pipe, /dev/stdin, "-"): a file that shrinks meanwhile is
 * simply shorter, and what is cut is reported by the reader as an early
 * end of input. The cost was the file's size in memory for the length of
 * the load (70-190 MB for a 1,000,000-record file, 1.2 GB for 10,000,000):
 * now the readers say how far they have come (im_load_progress) and the
 * pages of a big file behind that point are given back to the system as
 * the load goes (they read as zeros afterwards; the readers never look
 * back past their margin, and the JSON walker counts lines up to a point
 * before it lets it go), so a load holds a window of the file, not all of it.
 */
#define _DEFAULT_SOURCE /* madvise */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Files smaller than this are kept whole; bigger ones are given back in
 * steps of RELEASE_STEP bytes. */
#define RELEASE_FROM (64u << 20)
#define RELEASE_STEP (16u << 20)
#define RELEASE_MARGIN (1u << 20) /* kept behind the reader's position */

im_status im_mapfile_open(im_context *ctx, const char *path, im_mapfile *mf)
{
    memset(mf, 0, sizeof *mf);
    mf->data = "";
    im_status st = im_read_file(ctx, path, &mf->heap, &mf->size);
    if (st == IM_OK)
        mf->data = mf->heap;
    return st;
}

void im_mapfile_release(im_mapfile *mf, size_t upto)
{
    if (!mf || !mf->heap || mf->size < RELEASE_FROM || upto > mf->size ||
        upto < mf->released + RELEASE_STEP + RELEASE_MARGIN)
        return;
    upto -= RELEASE_MARGIN;
    /* Whole pages strictly inside the buffer only: malloc's own bytes
     * before and after it are never touched. MADV_DONTNEED on private
     * anonymous memory frees the pages; a later read gets zero pages. */
    long pg = sysconf(_SC_PAGESIZE);
    if (pg <= 0)
        return;
    uintptr_t base = (uintptr_t)mf->heap;
    uintptr_t a = (base + mf->released + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
    uintptr_t b = (base + upto) & ~((uintptr_t)pg - 1);
    if (b > a && madvise((void *)a, b - a, MADV_DONTNEED) == 0)
        mf->released = (size_t)(b - base);
}

void im_mapfile_close(im_mapfile *mf)
{
    free(mf->heap);
    memset(mf, 0, sizeof *mf);
}
