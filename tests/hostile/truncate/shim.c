/* shim.c - LD_PRELOAD library that cuts a file short between its opening and
 * its first read, deterministically (no timing race, no FUSE).
 *
 * When the process first reads (read(2)) or maps (mmap(2)) a descriptor that
 * refers to the file named by TRUNCATE_PATH (same device and inode), the
 * file is first truncated to TRUNCATE_AT bytes. By then the reader has opened
 * it and taken its size with fstat, as a reader racing a log rotation or an
 * export being rewritten would have. A reader that maps the file gets the
 * SIGBUS the old design got; one that reads gets fewer bytes than fstat said.
 * Used by truncate.sh. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int done;

static void maybe_truncate(int fd)
{
    const char *path = getenv("TRUNCATE_PATH"), *at = getenv("TRUNCATE_AT");
    struct stat a, b;
    if (done || fd < 0 || !path || !at || fstat(fd, &a) != 0 || stat(path, &b) != 0 ||
        a.st_dev != b.st_dev || a.st_ino != b.st_ino)
        return;
    done = 1;
    if (truncate(path, atoll(at)) != 0)
        abort(); /* the test cannot mean anything then */
}

ssize_t read(int fd, void *buf, size_t n)
{
    static ssize_t (*real)(int, void *, size_t);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "read");
    maybe_truncate(fd);
    return real(fd, buf, n);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    static void *(*real)(void *, size_t, int, int, int, off_t);
    if (!real)
        *(void **)&real = dlsym(RTLD_NEXT, "mmap");
    if (!(flags & MAP_ANONYMOUS))
        maybe_truncate(fd);
    return real(addr, len, prot, flags, fd, off);
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return mmap(addr, len, prot, flags, fd, off);
}
