/* api_render.c - rendering into memory, for bindings and servers.
 *
 * The map is drawn by im_render() into an anonymous in-memory file
 * (memfd_create: pages in RAM, no name in any folder) through the
 * "/dev/fd/N" path that output.c writes in place; the bytes are then read
 * into a buffer the caller owns. So a map in memory is byte for byte the
 * file the same options write, through the same code. */
#define _GNU_SOURCE /* memfd_create */
#include "api_private.h"
#include "im_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void im_free(void *p)
{
    free(p);
}

/* An unnamed, writable file in memory; -1 with errno set on failure. */
static int memory_file(void)
{
#ifdef MFD_CLOEXEC
    int fd = memfd_create("incmap-map", MFD_CLOEXEC);
    if (fd >= 0 || errno != ENOSYS)
        return fd;
#endif
    FILE *tmp = tmpfile(); /* no memfd: an unlinked temporary file */
    if (!tmp)
        return -1;
    int fd2 = dup(fileno(tmp));
    fclose(tmp);
    return fd2;
}

/* The whole file fd into a new NUL-terminated buffer. */
static im_status slurp(im_context *ctx, int fd, unsigned char **data, size_t *size)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0)
        return im_fail(ctx, IM_ERR_IO_WRITE, "map in memory: %s", strerror(errno));
    size_t n = (size_t)sb.st_size;
    unsigned char *buf = malloc(n + 1);
    if (!buf)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory (a map of %zu bytes)", n);
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, buf + got, n - got, (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            int e = r < 0 ? errno : EIO;
            free(buf);
            return im_fail(ctx, IM_ERR_IO_WRITE, "map in memory: %s", strerror(e));
        }
        got += (size_t)r;
    }
    buf[n] = '\0';
    *data = buf;
    *size = n;
    return IM_OK;
}

im_status im_render_to_memory(im_context *ctx, const im_incidents *set, const im_opts *opts,
                              im_output_format format, unsigned char **data, size_t *size)
{
    if (data)
        *data = NULL;
    if (size)
        *size = 0;
    if (!ctx || !set || !data || !size)
        return im_fail_arg(ctx, __func__);
    if (format == IM_OUTPUT_AUTO)
        format = im_opts_format_of(opts);
    if (format == IM_OUTPUT_AUTO)
        format = IM_OUTPUT_PNG;
    if (format < IM_OUTPUT_PNG || format > IM_OUTPUT_WEBP)
        return im_fail(ctx, IM_ERR_ARG, "map in memory: unknown output format %d", (int)format);
    if (im_opts_writes_files(opts))
        return im_fail(ctx, IM_ERR_ARG, "map in memory: the options world-file and "
                       "dump-layout write files beside an output; render to a path for them");
    im_render_options o;
    im_status st = im_opts_resolve(ctx, opts, &o);
    if (st != IM_OK)
        return st;
    int fd = memory_file();
    if (fd < 0)
        return im_fail(ctx, IM_ERR_IO_WRITE, "map in memory: cannot create it: %s",
                       strerror(errno));
    char path[32];
    snprintf(path, sizeof path, "/dev/fd/%d", fd);
    st = im_render(ctx, set, &o, path, format);
    if (st == IM_OK)
        st = slurp(ctx, fd, data, size);
    close(fd);
    return st;
}
