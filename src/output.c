/* output.c - how outputs reach the disk without destroying anything.
 *
 * A regular file is written to a temporary beside its target and renamed
 * over it only when complete: a reader never sees half a file, and a failed
 * render leaves yesterday's good file where it was. The temporary is named
 * ".NAME.incmap-XXXXXXXXXXXX.tmp" with twelve random characters from the
 * kernel, so nobody else's file matches by accident and im_out_is_temp()
 * can tell it from a user's ".NAME.backup".
 *
 * A symbolic link is written through: the temporary goes beside the file it
 * points to, and the rename lands on that file, so the link stays.
 * Standard output ("-", /dev/stdout, /dev/fd/N), a FIFO, a character or block
 * device and a socket are written in place: they are opened and written,
 * never renamed over.
 *
 * A file that the context has read as an input (the incidents, a style, a
 * layer) is refused as an output (IM_ERR_ARG), whatever the path used to
 * name it (a link, "./", a hard link: the device and inode decide).
 *
 * Several outputs that belong together (a map and its world file, .prj and
 * .aux.xml) are committed as a group by im_out_commit_all(): every
 * temporary is written, flushed and synced first, so a full disk fails
 * before anything is renamed; then they are renamed in the order given, the
 * map last, so a map never appears without its sidecars.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "im_private.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TMP_TAG ".incmap-"
#define TMP_RANDOM 12
#define TMP_SUFFIX ".tmp"

static const char tmp_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";

bool im_out_is_temp(const char *name, const char *base)
{
    size_t bl = strlen(base), tl = strlen(TMP_TAG), sl = strlen(TMP_SUFFIX);
    if (name[0] != '.' || strlen(name) != 1 + bl + tl + TMP_RANDOM + sl ||
        strncmp(name + 1, base, bl) != 0 || strncmp(name + 1 + bl, TMP_TAG, tl) != 0 ||
        strcmp(name + 1 + bl + tl + TMP_RANDOM, TMP_SUFFIX) != 0)
        return false;
    for (size_t i = 0; i < TMP_RANDOM; i++)
        if (!name[1 + bl + tl + i] || !strchr(tmp_chars, name[1 + bl + tl + i]))
            return false;
    return true;
}

/* Fill the TMP_RANDOM characters before the suffix of tmp with fresh random ones. */
static void randomise(char *tmp)
{
    unsigned char r[TMP_RANDOM];
    size_t got = 0;
    while (got < sizeof r) {
        ssize_t k = getrandom(r + got, sizeof r - got, 0);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    if (got < sizeof r) { /* no getrandom: still unpredictable enough across processes */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long x = (unsigned long long)ts.tv_nsec ^
                               ((unsigned long long)getpid() << 32) ^ (uintptr_t)tmp;
        for (size_t i = got; i < sizeof r; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            r[i] = (unsigned char)(x >> 33);
        }
    }
    char *p = tmp + strlen(tmp) - strlen(TMP_SUFFIX) - TMP_RANDOM;
    for (size_t i = 0; i < TMP_RANDOM; i++)
        p[i] = tmp_chars[r[i] % (sizeof tmp_chars - 1)];
}

/* The descriptor that a path names directly: "-" and /dev/stdout are 1,
 * /dev/stderr 2, /dev/fd/N and /proc/self/fd/N are N; else -1. */
static int named_descriptor(const char *path)
{
    if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    const char *num = strncmp(path, "/dev/fd/", 8) == 0         ? path + 8
                      : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                                                                 : NULL;
    if (!num || *num < '0' || *num > '9' || strlen(num) > 6)
        return -1;
    for (const char *q = num; *q; q++)
        if (*q < '0' || *q > '9')
            return -1;
    return atoi(num);
}

/* The file a path finally names: symbolic links in the last component are
 * followed (also a dangling one, which names the file to create), up to a
 * link to a descriptor (/dev/stdout, /proc/self/fd/1), which is kept as it
 * is. Folders on the way are left to the kernel. Caller frees; NULL on a
 * loop or OOM. */
static char *resolve_links(const char *path)
{
    char *p = im_strdup(path);
    for (int hops = 0; p && hops < 40; hops++) {
        struct stat sb;
        if (named_descriptor(p) >= 0 || lstat(p, &sb) != 0 || !S_ISLNK(sb.st_mode))
            return p;
        size_t cap = (size_t)sb.st_size + 1 > 256 ? (size_t)sb.st_size + 1 : 256;
        char *link = malloc(cap);
        ssize_t n = link ? readlink(p, link, cap - 1) : -1;
        if (n < 0) {
            free(link);
            return p; /* gone meanwhile: let open() tell */
        }
        link[n] = '\0';
        char *next;
        const char *slash = strrchr(p, '/');
        if (link[0] == '/' || !slash) {
            next = link;
        } else {
            size_t dl = (size_t)(slash - p) + 1;
            next = malloc(dl + (size_t)n + 1);
            if (next) {
                memcpy(next, p, dl);
                memcpy(next + dl, link, (size_t)n + 1);
            }
            free(link);
        }
        free(p);
        p = next;
    }
    free(p);
    return NULL;
}

static im_status open_through(im_context *ctx, const char *path, int fd, im_out *out)
{
    out->through = true;
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        int e = errno;
        close(fd);
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot open the output: %s", path,
                       strerror(e));
    }
    return IM_OK;
}

/* text: the output is text, which may go to a terminal. */
static im_status out_open(im_context *ctx, const char *path, im_out *out, bool text)
{
    memset(out, 0, sizeof *out);
    if (!path || !*path)
        return im_fail(ctx, IM_ERR_ARG, "no output path given");
    out->path = im_strdup(path);
    if (!out->path)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");

    out->target = resolve_links(path);
    if (!out->target) {
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: too many levels of symbolic links", path);
    }
    int nfd = named_descriptor(out->target);
    if (nfd >= 0) {
        struct stat sb;
        if (fstat(nfd, &sb) != 0) {
            im_out_abort(out);
            return im_fail(ctx, IM_ERR_IO_WRITE, "%s: descriptor %d is not open", path, nfd);
        }
        if (im_context_is_input(ctx, &sb)) {
            im_out_abort(out);
            return im_fail(ctx, IM_ERR_ARG, "%s: the output is also an input of this run; "
                           "refusing to overwrite it", path);
        }
        if (!text && isatty(nfd)) { /* a PNG on a terminal is noise, and can be escape codes */
            im_out_abort(out);
            return im_fail(ctx, IM_ERR_ARG, "%s: standard output is a terminal; redirect it "
                           "to a file or a pipe, or give -o FILE", path);
        }
        int fd = fcntl(nfd, F_DUPFD_CLOEXEC, 3);
        if (fd < 0) {
            int e = errno;
            im_out_abort(out);
            return im_fail(ctx, IM_ERR_IO_WRITE, "%s: %s", path, strerror(e));
        }
        return open_through(ctx, path, fd, out);
    }
    const char *target = out->target;
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    struct stat sb;
    bool exists = stat(target, &sb) == 0;
    if (!*base || (exists && S_ISDIR(sb.st_mode))) {
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: the output path is a folder", path);
    }
    if (exists && im_context_is_input(ctx, &sb)) {
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_ARG, "%s: the output is also an input of this run; "
                       "refusing to overwrite it (choose another output path)", path);
    }
    if (exists && !S_ISREG(sb.st_mode)) {
        /* A FIFO, a device, a socket: written in place. O_NOCTTY: never
         * become the terminal's controlling process by writing a map. */
        int fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0) {
            int e = errno;
            im_out_abort(out);
            return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot open the output: %s", path,
                           strerror(e));
        }
        return open_through(ctx, path, fd, out);
    }
    out->existed = exists;

    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    size_t n = strlen(target) + strlen(TMP_TAG) + TMP_RANDOM + strlen(TMP_SUFFIX) + 2;
    out->tmp = malloc(n);
    if (!out->tmp) {
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    snprintf(out->tmp, n, "%.*s.%s" TMP_TAG "%0*d" TMP_SUFFIX, (int)dirlen, target, base,
             TMP_RANDOM, 0);
    int fd = -1;
#ifdef O_TMPFILE
    /* Where the kernel can, the file has no name until it is complete
     * (linked in by the commit), so a process killed mid-write leaves
     * nothing behind. Linking needs /proc/self/fd. */
    if (access("/proc/self/fd", X_OK) == 0) {
        char *dir = dirlen ? malloc(dirlen + 1) : im_strdup(".");
        if (dir) {
            if (dirlen)
                snprintf(dir, dirlen + 1, "%.*s", (int)dirlen, target);
            fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
            free(dir);
        }
        out->anon = fd >= 0;
    }
#endif
    for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
        randomise(out->tmp);
        fd = open(out->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0 && errno != EEXIST)
            break;
    }
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
    out->named = !out->anon;
    (void)fchmod(fd, 0644); /* outputs are ordinary files, whatever the umask did */
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        close(fd);
        im_out_abort(out);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot open the output", path);
    }
    return IM_OK;
}

im_status im_out_open(im_context *ctx, const char *path, im_out *out)
{
    return out_open(ctx, path, out, false);
}

void im_out_abort(im_out *out)
{
    if (out->fp)
        fclose(out->fp);
    if (out->tmp && out->named)
        unlink(out->tmp);
    free(out->tmp);
    free(out->target);
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

/* Flush, sync and close one output; an unnamed temporary gets its random
 * temporary name. Returns 0 or an errno. */
static int finish(im_out *out)
{
    int e = 0;
    errno = 0;
    if (fflush(out->fp) != 0 || ferror(out->fp))
        e = errno ? errno : EIO;
    else if (!out->through && fsync(fileno(out->fp)) != 0 && errno != EINVAL && errno != EROFS)
        e = errno;
    if (!e && out->anon && !out->named) {
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fileno(out->fp));
        for (int attempt = 0; attempt < 100 && !out->named && !e; attempt++) {
            randomise(out->tmp);
            if (linkat(AT_FDCWD, proc, AT_FDCWD, out->tmp, AT_SYMLINK_FOLLOW) == 0)
                out->named = true;
            else if (errno != EEXIST)
                e = errno;
        }
        if (!out->named && !e)
            e = EEXIST;
    }
    int rc = fclose(out->fp);
    out->fp = NULL;
    if (!e && rc != 0)
        e = errno ? errno : EIO;
    return e;
}

im_status im_out_commit_all(im_context *ctx, im_out *const *outs, size_t n)
{
    im_status st = IM_OK;
    /* 1. Everything complete on disk under temporary names. */
    for (size_t i = 0; i < n && st == IM_OK; i++) {
        int e = finish(outs[i]);
        if (e)
            st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write the output: %s",
                         outs[i]->path, strerror(e));
    }
    /* 2. Into place, in order; on a failure, files this group created are
     * removed again (a file that existed before stays replaced: its old
     * bytes are gone, but it is whole). */
    size_t renamed = 0;
    for (size_t i = 0; i < n && st == IM_OK; i++, renamed++) {
        im_out *o = outs[i];
        if (o->through)
            continue;
        if (rename(o->tmp, o->target) != 0) {
            st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write the output: %s", o->path,
                         strerror(errno));
            break;
        }
        o->named = false; /* the temporary name is gone */
        sync_folder(o->target);
    }
    if (st != IM_OK)
        for (size_t i = 0; i < renamed; i++)
            if (!outs[i]->through && !outs[i]->existed)
                unlink(outs[i]->target);
    for (size_t i = 0; i < n; i++)
        im_out_abort(outs[i]);
    return st;
}

im_status im_out_commit(im_context *ctx, im_out *out)
{
    im_out *one[1] = {out};
    return im_out_commit_all(ctx, one, 1);
}

im_status im_out_write_text(im_context *ctx, const char *path, const char *text)
{
    im_out o;
    im_status st = out_open(ctx, path, &o, true);
    if (st != IM_OK)
        return st;
    if (fputs(text, o.fp) == EOF) {
        int e = errno;
        im_out_abort(&o);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot write: %s", path, strerror(e));
    }
    return im_out_commit(ctx, &o);
}
