/* mapfile.c - an input file's bytes, read whole into memory.
 *
 * Inputs were once mapped MAP_SHARED to save memory, but a file truncated
 * while it is read (by a log rotation, a copy being rewritten, another job)
 * then kills the process with SIGBUS, and a private mapping does not help:
 * pages past the new end fault all the same. So every input is read with
 * read() into the heap, under the context's byte limit, whatever it is (a
 * regular file, a pipe, /dev/stdin, "-"): a file that shrinks meanwhile is
 * simply shorter, and what is cut is reported by the reader as an early
 * end of input. The cost is the file's size in memory for the length of
 * the load (70-190 MB for a 1,000,000-record file).
 */
#include "im_private.h"

#include <stdlib.h>
#include <string.h>

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
    /* Heap memory cannot be given back piecewise, and a later look (a line
     * count for a message) needs the bytes: nothing to do. */
    (void)mf;
    (void)upto;
}

void im_mapfile_close(im_mapfile *mf)
{
    free(mf->heap);
    memset(mf, 0, sizeof *mf);
}
