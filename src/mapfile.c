/* mapfile.c - input files mapped into memory rather than copied, with the
 * pages behind a reader given back as it goes.
 *
 * A 1,000,000-record file is 70-190 MB; reading it into malloc'd memory
 * doubled the footprint of a load. Mapped read-only and shared, its pages
 * are the page cache's: im_mapfile_release() drops those the reader has
 * passed from the process (a later look, such as counting lines for an
 * error message, reads them again from the file), so a load holds about the
 * records plus a window of the input. Anything that is not a regular file
 * (a pipe, /dev/stdin) is read into memory as before.
 */
#define _DEFAULT_SOURCE /* madvise(): posix_madvise's DONTNEED is a no-op in glibc */
#include "im_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define RELEASE_STEP (16u << 20) /* give pages back 16 MiB at a time */

im_status im_mapfile_open(im_context *ctx, const char *path, im_mapfile *mf)
{
    memset(mf, 0, sizeof *mf);
    mf->data = "";
    struct stat sb;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size == 0) {
        /* Not a regular file, or empty: im_read_file() reports and reads it. */
        if (fd >= 0)
            close(fd);
        im_status st = im_read_file(ctx, path, &mf->heap, &mf->size);
        if (st == IM_OK)
            mf->data = mf->heap;
        return st;
    }
    uint64_t limit = ctx->limits.max_file_bytes;
    if (limit && (uint64_t)sb.st_size > limit) {
        close(fd);
        return im_fail(ctx, IM_ERR_LIMIT, "%s: file is %llu bytes, over the limit of %llu",
                       path, (unsigned long long)sb.st_size, (unsigned long long)limit);
    }
    if ((uint64_t)sb.st_size > SIZE_MAX) {
        close(fd);
        return im_fail(ctx, IM_ERR_LIMIT, "%s: file too large for this system", path);
    }
    size_t len = (size_t)sb.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED)
        return im_fail(ctx, IM_ERR_IO_READ, "%s: cannot read: %s", path, strerror(e));
    madvise(map, len, MADV_SEQUENTIAL);
    mf->map = map;
    mf->data = map;
    mf->size = len;
    return IM_OK;
}

void im_mapfile_release(im_mapfile *mf, size_t upto)
{
    if (!mf || !mf->map || upto < mf->released + 2 * (size_t)RELEASE_STEP)
        return;
    /* Keep one step behind the reader; drop whole pages before that. */
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t end = (upto - RELEASE_STEP) / page * page;
    if (end <= mf->released)
        return;
    madvise((char *)mf->map + mf->released, end - mf->released, MADV_DONTNEED);
    mf->released = end;
}

void im_mapfile_close(im_mapfile *mf)
{
    if (mf->map)
        munmap(mf->map, mf->size);
    free(mf->heap);
    memset(mf, 0, sizeof *mf);
}
