/* context.c - the context object, status strings, diagnostics, allocation. */
#define _DEFAULT_SOURCE /* madvise */
#include "im_private.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

const char *im_version(void) { return IM_VERSION_STRING; }

const char *im_strerror(im_status status)
{
    switch (status) {
    case IM_OK: return "success";
    case IM_ERR_NOMEM: return "out of memory";
    case IM_ERR_ARG: return "invalid argument";
    case IM_ERR_IO_READ: return "cannot read input";
    case IM_ERR_IO_WRITE: return "cannot write output";
    case IM_ERR_LIMIT: return "input exceeds a limit";
    case IM_ERR_INTERNAL: return "internal error";
    case IM_ERR_SYNTAX: return "syntax error in input";
    case IM_ERR_DATA: return "invalid input data";
    case IM_ERR_BASEMAP: return "invalid basemap";
    case IM_ERR_STYLE: return "invalid style";
    case IM_ERR_CRS: return "unknown or unusable CRS";
    case IM_ERR_TRANSFORM: return "coordinate transformation failed";
    case IM_ERR_EXTENT: return "invalid map extent";
    case IM_ERR_RENDER: return "drawing failed";
    case IM_ERR_ENCODE: return "encoding failed";
    }
    return "unknown status";
}

int im_status_is_input_error(im_status status)
{
    return (status >= 100 && status < 200) || status == IM_ERR_IO_READ ||
           status == IM_ERR_LIMIT;
}

/* PROJ's log: keep the last error line for the message that reports the
 * failure (im_proj_reason); anything else goes to the debug log. */
static void proj_log(void *user, int level, const char *msg)
{
    im_context *ctx = user;
    if (!msg)
        return;
    if (level == PJ_LOG_ERROR) {
        if (strncmp(msg, "proj_create: ", 13) == 0)
            msg += 13;
        snprintf(ctx->proj_msg, sizeof ctx->proj_msg, "%s", msg);
    }
    else
        im_log(ctx, IM_LOG_DEBUG, "PROJ: %s", msg);
}

const char *im_proj_reason(im_context *ctx)
{
    static const char none[] = "";
    if (!ctx->proj_msg[0])
        return none;
    /* Returned text lives in a second buffer so the next PROJ call may log. */
    snprintf(ctx->proj_last, sizeof ctx->proj_last, "%s", ctx->proj_msg);
    ctx->proj_msg[0] = '\0';
    return ctx->proj_last;
}

void *im_locale_enter(im_context *ctx)
{
    if (!ctx || !ctx->c_locale)
        return NULL;
    return (void *)uselocale((locale_t)ctx->c_locale);
}

void im_locale_restore(void **prev)
{
    if (*prev)
        uselocale((locale_t)*prev);
}

/* A context with its own PROJ context (messages to proj_log) and C
 * locale, everything else zero; NULL when out of memory. */
static im_context *context_core(void)
{
    im_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx)
        return NULL;
    ctx->pj = proj_context_create();
    ctx->c_locale = (void *)newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (!ctx->pj || !ctx->c_locale) {
        im_context_free(ctx);
        return NULL;
    }
    /* PROJ's messages come to proj_log() below, never to stderr: errors
     * are kept to explain a failure, debug output goes to the log. */
    proj_log_func(ctx->pj, ctx, proj_log);
    proj_log_level(ctx->pj, PJ_LOG_ERROR);
    return ctx;
}

im_context *im_context_new(void)
{
    im_context *ctx = context_core();
    if (!ctx)
        return NULL;
    ctx->min_level = IM_LOG_INFO;
    ctx->limits.max_file_bytes = (uint64_t)2 << 30;
    ctx->limits.max_records = 50000000;
    ctx->limits.max_string_bytes = 64 * 1024;
    ctx->limits.max_depth = 64;
    ctx->limits.max_image_side = 30000;
    ctx->limits.max_image_pixels = 100000000; /* 400 MB of ARGB: 10000 x 10000 */
    ctx->limits.max_points = 1000000;
    ctx->limits.max_vertices = 5000000;
    if (im_data_locate(ctx) != IM_OK || im_style_init_default(&ctx->style) != IM_OK) {
        im_context_free(ctx);
        return NULL;
    }
    return ctx;
}

im_context *im_context_helper(const im_context *parent)
{
    im_context *ctx = context_core();
    if (!ctx)
        return NULL;
    if ((parent->basemap_dir && !(ctx->basemap_dir = im_strdup(parent->basemap_dir))) ||
        (parent->basemap_places && !(ctx->basemap_places = im_strdup(parent->basemap_places)))) {
        im_context_free(ctx);
        return NULL;
    }
    ctx->min_level = parent->min_level;
    ctx->limits = parent->limits;
    ctx->strict = parent->strict;
    ctx->style.theme = parent->style.theme;
    return ctx;
}

void im_context_free(im_context *ctx)
{
    if (!ctx)
        return;
    im_style_clear(&ctx->style);
    for (int f = 0; f < IM_FIELD_COUNT; f++)
        free(ctx->fields[f]);
    free(ctx->basemap_dir);
    free(ctx->inputs);
    free(ctx->basemap_places);
    if (ctx->pj)
        proj_context_destroy(ctx->pj);
    if (ctx->c_locale)
        freelocale((locale_t)ctx->c_locale);
    free(ctx);
}

void im_context_set_log(im_context *ctx, im_log_fn fn, void *user)
{
    ctx->log = fn;
    ctx->log_user = user;
}

void im_context_set_log_level(im_context *ctx, im_log_level min_level)
{
    ctx->min_level = min_level;
}

void im_context_get_limits(const im_context *ctx, im_limits *out) { *out = ctx->limits; }

im_status im_context_set_limits(im_context *ctx, const im_limits *limits)
{
    if (!limits || limits->max_depth < 2 || limits->max_string_bytes < 16 ||
        limits->max_image_side < 1 || limits->max_records < 1 || limits->max_image_pixels < 1 ||
        limits->max_points < 1 || limits->max_vertices < 1)
        return im_fail(ctx, IM_ERR_ARG, "limits: a limit is too small to be usable");
    ctx->limits = *limits;
    return IM_OK;
}

im_status im_context_set_basemap_dir(im_context *ctx, const char *dir)
{
    if (!dir)
        return im_fail(ctx, IM_ERR_ARG, "im_context_set_basemap_dir: no folder");
    char *copy = im_strdup(dir);
    size_t n = strlen(dir) + 40;
    char *places = malloc(n);
    if (!copy || !places) {
        free(copy);
        free(places);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    snprintf(places, n, "%s (im_context_set_basemap_dir)", dir);
    free(ctx->basemap_dir);
    free(ctx->basemap_places);
    ctx->basemap_dir = copy;
    ctx->basemap_places = places;
    return IM_OK;
}

im_status im_context_load_style(im_context *ctx, const char *path)
{
    IM_C_LOCALE(ctx);
    /* Start from a deep copy of the current style so several files can be
     * layered and a failed load leaves the context's style unchanged. */
    im_style st;
    if (im_style_copy(&st, &ctx->style) != IM_OK)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    im_status s = im_style_load_file(ctx, &st, path);
    if (s != IM_OK) {
        im_style_clear(&st);
        return s;
    }
    im_style_clear(&ctx->style);
    ctx->style = st;
    return IM_OK;
}

const char *im_context_last_error(const im_context *ctx) { return ctx->errmsg; }

void im_context_clear_error(im_context *ctx)
{
    ctx->first_error = IM_OK;
    ctx->errmsg[0] = '\0';
}

uint64_t im_context_warning_count(const im_context *ctx) { return ctx->warnings; }

uint64_t im_context_error_count(const im_context *ctx) { return ctx->errors; }

void im_context_set_strict(im_context *ctx, int strict) { ctx->strict = strict != 0; }

im_status im_context_set_field(im_context *ctx, const char *field, const char *name)
{
    int f = -1;
    for (int k = 0; k < IM_FIELD_COUNT && field; k++)
        if (strcmp(field, im_field_name((im_field)k)) == 0)
            f = k;
    if (f < 0)
        return im_fail(ctx, IM_ERR_ARG, "field \"%.60s\": not a field of an incident (id, date, "
                                         "weapon, site, count, casualties, uncertainty_km, "
                                         "geo_precision, time_precision, source, lat, lon, "
                                         "date_end, date_precision, year, month, day, category, size)",
                       field ? field : "");
    char *copy = NULL;
    if (name && (!*name || !(copy = im_strdup(name))))
        return *name ? im_fail(ctx, IM_ERR_NOMEM, "out of memory")
                     : im_fail(ctx, IM_ERR_ARG, "field %s: the name is empty", field);
    free(ctx->fields[f]);
    ctx->fields[f] = copy;
    return IM_OK;
}

static void vlog(im_context *ctx, im_log_level level, const char *fmt, va_list ap)
{
    char buf[2048];
    vsnprintf(buf, sizeof buf, fmt, ap);
    /* One line per message: fold stray newlines from untrusted text. */
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    if (level == IM_LOG_ERROR && ctx->hold > 0) {
        if (!ctx->held[0])
            snprintf(ctx->held, sizeof ctx->held, "%.500s", buf);
        return;
    }
    if (level == IM_LOG_WARNING)
        ctx->warnings++;
    /* Sticky: the first error is the one kept (a summary that follows the
     * record errors must not hide their reason). */
    if (level == IM_LOG_ERROR && ctx->first_error == IM_OK && !ctx->errmsg[0])
        snprintf(ctx->errmsg, sizeof ctx->errmsg, "%.1023s", buf);
    if (ctx->log && level >= ctx->min_level)
        ctx->log(ctx->log_user, level, buf);
}

void im_log(im_context *ctx, im_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(ctx, level, fmt, ap);
    va_end(ap);
}

im_status im_fail(im_context *ctx, im_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog(ctx, IM_LOG_ERROR, fmt, ap);
    va_end(ap);
    if (ctx->hold > 0)
        return st;
    ctx->errors++;
    if (ctx->first_error == IM_OK)
        ctx->first_error = st;
    return st;
}

void im_errors_hold(im_context *ctx)
{
    if (ctx->hold++ == 0)
        ctx->held[0] = '\0';
}

const char *im_errors_release(im_context *ctx)
{
    if (ctx->hold > 0)
        ctx->hold--;
    return ctx->held;
}

im_status im_fail_arg(im_context *ctx, const char *func)
{
    if (!ctx)
        return IM_ERR_ARG;
    return im_fail(ctx, IM_ERR_ARG, "%s: an argument is NULL or out of range (a bug in the "
                                    "calling program)", func);
}

/* Tables and arrays this big or bigger are asked to sit on huge pages. */
#define HUGE_TABLE (4u << 20)
#define HUGE_PAGE (2u << 20)

void im_advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    /* A big block is touched first by whoever fills it: on 4 KB pages that
     * is a page fault per page (1,000,000 records: 30,000 faults for the
     * file's bytes alone, a third of the load's wall time on a virtual
     * machine, where a fault is dear); on 2 MB pages, one per 512. The
     * advice covers the block's pages from the first to the last, so that
     * a block malloc mapped on its own stays one mapping (advising part of
     * it splits it, and glibc's realloc then cannot move it with mremap:
     * it copies). It changes a mapping's flags, not its bytes. Only a hint:
     * where transparent huge pages are off, or memory is fragmented, the
     * kernel ignores it. */
    if (!p || bytes < HUGE_TABLE)
        return;
    long pg = sysconf(_SC_PAGESIZE);
    if (pg <= 0)
        return;
    uintptr_t a = (uintptr_t)p & ~(uintptr_t)(pg - 1);
    uintptr_t b = ((uintptr_t)p + bytes + (uintptr_t)pg - 1) & ~(uintptr_t)(pg - 1);
    (void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}

void *im_malloc_array(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    void *p = malloc(bytes ? bytes : 1);
    im_advise_huge(p, bytes);
    return p;
}

void *im_realloc_array(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    void *q = realloc(p, bytes ? bytes : 1);
    im_advise_huge(q, bytes);
    return q;
}

void *im_table_alloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    size_t bytes = n * size;
    if (bytes < HUGE_TABLE)
        return calloc(n, size);
    /* A big table probed at random (the id set) takes a TLB miss and a page
     * fault per 4 KB page; on 2 MB pages it takes neither. Only a hint:
     * where transparent huge pages are off, this is calloc's memory. */
    void *p = NULL;
    if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
        return NULL;
    im_advise_huge(p, bytes);
    memset(p, 0, bytes);
    return p;
}

char *im_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

im_status im_context_note_input(im_context *ctx, int fd)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
        return IM_OK; /* pipes and devices cannot be overwritten by a rename */
    return im_context_add_input_id(ctx, (uint64_t)sb.st_dev, (uint64_t)sb.st_ino);
}

im_status im_context_add_input_id(im_context *ctx, uint64_t dev, uint64_t ino)
{
    for (size_t i = 0; i < ctx->n_inputs; i++)
        if (ctx->inputs[i].dev == dev && ctx->inputs[i].ino == ino)
            return IM_OK;
    if (ctx->n_inputs == ctx->cap_inputs) {
        size_t cap = ctx->cap_inputs ? ctx->cap_inputs * 2 : 16;
        struct im_file_id *v = im_realloc_array(ctx->inputs, cap, sizeof *v);
        if (!v)
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        ctx->inputs = v;
        ctx->cap_inputs = cap;
    }
    ctx->inputs[ctx->n_inputs].dev = dev;
    ctx->inputs[ctx->n_inputs].ino = ino;
    ctx->n_inputs++;
    return IM_OK;
}

bool im_context_is_input(const im_context *ctx, const struct stat *sb)
{
    for (size_t i = 0; i < ctx->n_inputs; i++)
        if (ctx->inputs[i].dev == (uint64_t)sb->st_dev &&
            ctx->inputs[i].ino == (uint64_t)sb->st_ino)
            return true;
    return false;
}

/* Big regular files are read in ranges on several threads (im_parallel_for):
 * the cost of reading is the kernel clearing and filling fresh pages, which
 * on one core took 0.25 s of a 1,000,000-record JSON load (122 MB) before
 * any parsing could start. */
#define SPLIT_READ_MIN ((size_t)16 << 20)
#define SPLIT_READ_RANGE ((size_t)8 << 20)

typedef struct split_read {
    int fd;
    char *buf;
    size_t *got;  /* bytes read into each range */
    int *err;     /* its errno, or 0 */
} split_read;

static void read_range(void *arg, size_t from, size_t to)
{
    split_read *sr = arg;
    size_t k = from / SPLIT_READ_RANGE, done = 0;
    while (from + done < to) {
        ssize_t n = pread(sr->fd, sr->buf + from + done, to - from - done, (off_t)(from + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            sr->err[k] = errno;
            break;
        }
        if (n == 0)
            break; /* the file is shorter now */
        done += (size_t)n;
    }
    sr->got[k] = done;
}

/* Read [0, size) of fd into buf in ranges at once; the bytes read from
 * the start on, up to the first range that came short (a file cut
 * meanwhile), in *len. False with errno set on a read error, or when the
 * ranges could not be set up (*len 0: read it all serially then). */
static bool read_split(int fd, char *buf, size_t size, size_t *len)
{
    *len = 0;
    size_t n = (size + SPLIT_READ_RANGE - 1) / SPLIT_READ_RANGE;
    size_t *got = calloc(n, sizeof *got);
    int *err = calloc(n, sizeof *err);
    if (!got || !err) {
        free(got);
        free(err);
        return true;
    }
    split_read sr = {fd, buf, got, err};
    im_parallel_for(size, SPLIT_READ_RANGE, 4, read_range, &sr);
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        if (err[k]) {
            errno = err[k];
            ok = false;
            break;
        }
        size_t want = k + 1 < n ? SPLIT_READ_RANGE : size - k * SPLIT_READ_RANGE;
        *len += got[k];
        if (got[k] < want)
            break;
    }
    free(got);
    free(err);
    return ok;
}

static im_status over_limit(im_context *ctx, const char *path, uint64_t limit)
{
    return im_fail(ctx, IM_ERR_LIMIT, "%s: over the limit of %llu bytes for an input "
                   "(raise it with --max-file-size)", path, (unsigned long long)limit);
}

im_status im_read_file(im_context *ctx, const char *path, char **out, size_t *size)
{
    *out = NULL;
    *size = 0;
    /* "-" is standard input, read like any other file (and under the same
     * limit); its descriptor is duplicated so closing leaves stdin open. */
    bool is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
                      : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return im_fail(ctx, IM_ERR_IO_READ, "%s: cannot open: %s",
                       is_stdin ? "standard input" : path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || S_ISDIR(sb.st_mode)) {
        int e = errno;
        close(fd);
        return im_fail(ctx, IM_ERR_IO_READ, "%s: cannot read: %s", path,
                       S_ISDIR(sb.st_mode) ? "is a folder" : strerror(e));
    }
    uint64_t limit = ctx->limits.max_file_bytes;
    if (limit && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size > limit) {
        close(fd);
        return im_fail(ctx, IM_ERR_LIMIT, "%s: file is %llu bytes, over the limit of %llu "
                       "bytes for an input (raise it with --max-file-size)", path,
                       (unsigned long long)sb.st_size, (unsigned long long)limit);
    }
    if (im_context_note_input(ctx, fd) != IM_OK) {
        close(fd);
        return IM_ERR_NOMEM;
    }
    /* Read in chunks: st_size is only a hint (pipes, devices, files that
     * grow or shrink meanwhile). The buffer never grows past limit + 1
     * bytes: one byte more than the limit is enough to know it is over. */
    uint64_t hard = limit ? limit + 1 : UINT64_MAX;
    if (hard > SIZE_MAX - 1)
        hard = SIZE_MAX - 1;
    /* A regular file's size, its NUL and one byte more: the read that
     * finds the end (0 bytes) then has room and the buffer never grows (it
     * did, to twice the size, copying the whole file: 120 ms and 30,000
     * page faults for 1,000,000 records). */
    size_t cap = S_ISREG(sb.st_mode) && (uint64_t)sb.st_size < SIZE_MAX - 2
                     ? (size_t)sb.st_size + 2
                     : 65536,
           len = 0;
    if (cap > hard + 1)
        cap = (size_t)hard + 1;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        return im_fail(ctx, IM_ERR_NOMEM, "%s: out of memory", path);
    }
    im_advise_huge(buf, cap);
    /* A big regular file: most of it at once, in ranges; the loop below
     * then reads on from where they stopped (to the end, or what was added
     * meanwhile). Not standard input: its offset need not be 0. */
    if (!is_stdin && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size >= SPLIT_READ_MIN &&
        (uint64_t)sb.st_size + 1 < cap && im_helper_threads(4) > 1) {
        if (!read_split(fd, buf, (size_t)sb.st_size, &len) ||
            lseek(fd, (off_t)len, SEEK_SET) != (off_t)len) {
            int e = errno;
            free(buf);
            close(fd);
            return im_fail(ctx, IM_ERR_IO_READ, "%s: read error: %s", path, strerror(e));
        }
    }
    for (;;) {
        if (len + 1 >= cap) {
            if (len >= hard) {
                free(buf);
                close(fd);
                return over_limit(ctx, path, limit);
            }
            size_t ncap = cap < (SIZE_MAX - 1) / 2 ? cap * 2 : SIZE_MAX - 1;
            if (ncap > hard + 1)
                ncap = (size_t)hard + 1;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                close(fd);
                return im_fail(ctx, IM_ERR_NOMEM, "%s: out of memory", path);
            }
            buf = nb;
            cap = ncap;
            im_advise_huge(buf, cap);
        }
        ssize_t got = read(fd, buf + len, cap - 1 - len);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            close(fd);
            return im_fail(ctx, IM_ERR_IO_READ, "%s: read error: %s", path, strerror(e));
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    if (limit && len > limit) {
        free(buf);
        return over_limit(ctx, path, limit);
    }
    /* A regular file that ended before the size it had when opened was cut
     * while it was read (a log rotation, an export being rewritten): what
     * was read may be a whole, valid, shorter file, so this is said here and
     * not left to the parser. A file that grew is read to its new end. */
    if (S_ISREG(sb.st_mode) && (uint64_t)len < (uint64_t)sb.st_size) {
        free(buf);
        return im_fail(ctx, IM_ERR_IO_READ, "%s: the file shrank from %llu to %llu bytes while "
                       "it was read (rewritten meanwhile?); nothing was loaded from it", path,
                       (unsigned long long)sb.st_size, (unsigned long long)len);
    }
    buf[len] = '\0';
    *out = buf;
    *size = len;
    return IM_OK;
}
