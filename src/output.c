/* output.c - outputs are written to a temporary file beside the target and
 * renamed into place only when complete: a reader never sees half a file,
 * and a failed render leaves yesterday's good file where it was. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "im_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

im_status im_out_open(im_context *ctx, const char *path, im_out *out)
{
    memset(out, 0, sizeof *out);
    if (!path || !*path)
        return im_fail(ctx, IM_ERR_ARG, "no output path given");
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: the output path names a folder", path);
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: the output path is a folder", path);
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t n = strlen(path) + 16;
    out->tmp = malloc(n);
    out->path = im_strdup(path);
    if (!out->tmp || !out->path) {
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    /* ".NAME.XXXXXX" in the target's folder, so rename() stays atomic. */
    snprintf(out->tmp, n, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    int fd = -1;
#ifdef O_TMPFILE
    /* Where the kernel can, the file has no name until it is complete
     * (linked in by im_out_commit), so a process killed mid-write leaves
     * nothing behind. Linking needs /proc/self/fd. */
    if (access("/proc/self/fd", X_OK) == 0) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%.*s", dirlen ? (int)dirlen : 1, dirlen ? path : ".");
        fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
        out->anon = fd >= 0;
    }
#endif
    if (fd < 0)
        fd = mkstemp(out->tmp);
    if (fd < 0) {
        int e = errno;
        free(out->tmp);
        out->tmp = NULL;
        im_out_abort(out);
        if (e == ENOENT || e == ENOTDIR)
            return im_fail(ctx, IM_ERR_IO_WRITE, "%s: the output folder does not exist", path);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot create the output: %s", path,
                       strerror(e));
    }
    (void)fchmod(fd, 0644); /* mkstemp makes 0600; outputs are ordinary files */
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        close(fd);
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot open the output", path);
    }
    return IM_OK;
}

void im_out_abort(im_out *out)
{
    if (out->fp)
        fclose(out->fp);
    if (out->tmp && !out->anon)
        unlink(out->tmp);
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof *out);
}

/* Make a rename durable: fsync the folder that holds path (best effort;
 * some file systems refuse to sync folders). */
static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

im_status im_out_commit(im_context *ctx, im_out *out)
{
    im_status st = IM_OK;
    int e = 0;
    if (fflush(out->fp) != 0 || ferror(out->fp))
        e = errno ? errno : EIO;
    else if (fsync(fileno(out->fp)) != 0 && errno != EINVAL && errno != EROFS)
        e = errno;
    bool named = !out->anon;
    if (!e && out->anon) {
        /* Give the complete file a name: the target itself when it does not
         * exist yet, else a fresh temporary name that rename() moves over
         * the target. */
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fileno(out->fp));
        if (linkat(AT_FDCWD, proc, AT_FDCWD, out->path, AT_SYMLINK_FOLLOW) == 0) {
            named = true;
            out->tmp[0] = '\0'; /* nothing to rename */
        } else if (errno != EEXIST) {
            e = errno;
        } else {
            size_t len = strlen(out->tmp);
            static const char digits[] =
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            unsigned long long r = (unsigned long long)getpid() * 2654435761u ^
                                   (unsigned long long)(uintptr_t)out;
            for (int attempt = 0; attempt < 100 && !named && !e; attempt++) {
                r = r * 6364136223846793005ULL + 1442695040888963407ULL + (unsigned)attempt;
                for (int k = 0; k < 6; k++)
                    out->tmp[len - 6 + k] = digits[(r >> (10 + 5 * k)) % 62];
                if (linkat(AT_FDCWD, proc, AT_FDCWD, out->tmp, AT_SYMLINK_FOLLOW) == 0)
                    named = true;
                else if (errno != EEXIST)
                    e = errno;
            }
            if (!named && !e)
                e = EEXIST;
        }
    }
    int rc = fclose(out->fp);
    out->fp = NULL;
    if (!e && rc != 0)
        e = errno ? errno : EIO;
    if (!e && out->tmp[0] && rename(out->tmp, out->path) != 0)
        e = errno;
    if (e) {
        st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write the output: %s", out->path,
                     strerror(e));
        if (named && out->tmp[0])
            unlink(out->tmp);
    } else {
        sync_folder(out->path);
    }
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof *out);
    return st;
}

im_status im_out_write_text(im_context *ctx, const char *path, const char *text)
{
    im_out o;
    im_status st = im_out_open(ctx, path, &o);
    if (st != IM_OK)
        return st;
    if (fputs(text, o.fp) == EOF) {
        im_out_abort(&o);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write: %s", path, strerror(errno));
    }
    return im_out_commit(ctx, &o);
}
