/* basemap_prefetch.c - a basemap's layer files read ahead on a helper thread.
 *
 * Opening a basemap reads its layers one after another: GeoJSON files
 * (decoded by jansson: the Middle East basemap's were 1.9 MB, about a fifth
 * of a small map's time, before they became a GeoPackage), the relief PNG
 * and the names file. GeoPackage tables are read by the opener (only the
 * map's area: little time). The files do not depend on each other, so
 * while the opener reads the layers in manifest order, one helper thread
 * reads them from the other end: it reads a
 * file, checks the same limits and decodes it (jansson's tree, or the
 * relief's grey pixels), and the opener, reaching that layer, takes the
 * result instead of reading the file itself. Where they meet, the opener
 * waits for the file the helper has in hand, or reads the next one itself.
 *
 * The helper touches no context and reports nothing: a file it cannot
 * read, one over a limit or not valid is left to the opener, which then
 * reads it as it always did and reports the error with the usual message
 * (so messages, their order and which layer fails first do not change).
 * Trees and pixels are the opener's once taken; what is not taken is freed
 * when the opener stops the helper.
 */
#define _GNU_SOURCE /* uselocale */
#include "basemap_int.h"

#include <fcntl.h>
#include <jansson.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* An item is waiting, in hand (being read by the helper, or by the opener
 * for later), done, or the opener's (taken, or left to it). */
enum { PF_WAITING, PF_HELPER, PF_DONE, PF_OPENER };

typedef struct pf_item {
    char *path;
    bool gray;          /* the relief PNG, else a GeoJSON file */
    int state;
    /* the helper's result, valid when PF_DONE */
    json_t *root;
    unsigned char *pixels;
    uint32_t w, h;
    bool ok;
    uint64_t dev, ino;  /* the file read, for the context's list of inputs */
} pf_item;

struct bm_prefetch {
    pthread_mutex_t mu;
    pthread_cond_t done;
    pthread_t thread;
    pf_item items[BM_MAX_LAYERS];
    size_t n;
    bool stop;
    im_limits limits;   /* the context's, copied: the helper reads no context */
    locale_t loc;       /* the context's C locale, for jansson's numbers */
};

/* The whole file, or NULL (not a regular file, over the limit, unreadable). */
static char *read_whole(const char *path, const im_limits *lim, size_t *size, uint64_t *dev,
                        uint64_t *ino)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return NULL;
    struct stat sb;
    char *buf = NULL;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
        !(lim->max_file_bytes && (uint64_t)sb.st_size > lim->max_file_bytes) &&
        (buf = malloc((size_t)sb.st_size + 1))) {
        size_t len = 0, want = (size_t)sb.st_size;
        while (len < want) {
            ssize_t got = read(fd, buf + len, want - len);
            if (got <= 0)
                break;
            len += (size_t)got;
        }
        char extra;
        if (len != want || read(fd, &extra, 1) != 0) { /* changed under us: the opener reads it */
            free(buf);
            buf = NULL;
        } else {
            buf[len] = '\0';
            *size = len;
            *dev = (uint64_t)sb.st_dev;
            *ino = (uint64_t)sb.st_ino;
        }
    }
    close(fd);
    return buf;
}

static void fetch(const bm_prefetch *pf, pf_item *it)
{
    if (it->gray) {
        it->ok = im_png_read_gray_quiet(&pf->limits, it->path, &it->pixels, &it->w, &it->h) ==
                 IM_OK;
        return;
    }
    size_t size = 0;
    char *data = read_whole(it->path, &pf->limits, &size, &it->dev, &it->ino);
    if (!data)
        return;
    /* the opener's checks (im_basemap_load_json), in the same order */
    uint64_t max = pf->limits.max_vertices;
    if (!max || im_json_count_positions(data, size, 0, max) <= max) {
        json_error_t err;
        it->root = json_loadb(data, size, JSON_REJECT_DUPLICATES, &err);
    }
    free(data);
    it->ok = it->root != NULL;
}

/* Read the waiting item it on this thread: called and returns with the
 * lock held, which is let go while the file is read. */
static void fetch_waiting(bm_prefetch *pf, pf_item *it)
{
    it->state = PF_HELPER; /* in hand: nobody else reads it */
    pthread_mutex_unlock(&pf->mu);
    fetch(pf, it);
    pthread_mutex_lock(&pf->mu);
    it->state = PF_DONE;
    pthread_cond_broadcast(&pf->done);
}

static void *helper(void *arg)
{
    bm_prefetch *pf = arg;
    locale_t prev = pf->loc ? uselocale(pf->loc) : (locale_t)0;
    pthread_mutex_lock(&pf->mu);
    for (size_t k = 0; k < pf->n && !pf->stop; k++) /* the next one not in hand */
        if (pf->items[k].state == PF_WAITING)
            fetch_waiting(pf, &pf->items[k]);
    pthread_mutex_unlock(&pf->mu);
    if (pf->loc)
        uselocale(prev);
    return NULL;
}

bm_prefetch *bm_prefetch_start(im_context *ctx, const char *const *paths, const bool *gray,
                               size_t n)
{
    if (n < 2 || im_helper_threads(2) < 2) /* one file, or one thread: nothing to overlap */
        return NULL;
    bm_prefetch *pf = calloc(1, sizeof *pf);
    if (!pf)
        return NULL; /* read in order then: slower, not wrong */
    for (size_t i = 0; i < n && pf->n < BM_MAX_LAYERS; i++) {
        bool seen = false; /* a file two layers share is read once */
        for (size_t k = 0; k < pf->n && !seen; k++)
            seen = pf->items[k].gray == gray[i] && strcmp(pf->items[k].path, paths[i]) == 0;
        if (seen)
            continue;
        if (!(pf->items[pf->n].path = strdup(paths[i])))
            break;
        pf->items[pf->n++].gray = gray[i];
    }
    pf->limits = ctx->limits;
    pf->loc = (locale_t)ctx->c_locale;
    pthread_mutex_init(&pf->mu, NULL);
    pthread_cond_init(&pf->done, NULL);
    json_decref(json_object()); /* jansson seeds its hash here, on one thread */
    if (pf->n < 2 || pthread_create(&pf->thread, NULL, helper, pf) != 0) {
        pf->stop = true; /* no thread to join: stop frees the paths */
        bm_prefetch_stop(pf);
        return NULL;
    }
    return pf;
}

/* The item of path, done by the helper, or NULL: the opener reads the
 * file (and the helper will not). */
/* The item for path (a grey PNG or not), or NULL. */
static pf_item *find_item(bm_prefetch *pf, const char *path, bool gray)
{
    for (size_t k = 0; pf && k < pf->n; k++)
        if (pf->items[k].gray == gray && strcmp(pf->items[k].path, path) == 0)
            return &pf->items[k];
    return NULL;
}

static pf_item *take(bm_prefetch *pf, const char *path, bool gray)
{
    pf_item *it = find_item(pf, path, gray);
    if (!it)
        return NULL;
    pthread_mutex_lock(&pf->mu);
    /* While the helper has it in hand, read a later one here rather than
     * wait (its result is kept in its item, as the helper's would be). */
    for (size_t k = (size_t)(it - pf->items) + 1; k < pf->n && it->state == PF_HELPER; k++)
        if (pf->items[k].state == PF_WAITING)
            fetch_waiting(pf, &pf->items[k]);
    while (it->state == PF_HELPER)
        pthread_cond_wait(&pf->done, &pf->mu);
    bool ready = it->state == PF_DONE && it->ok;
    it->state = PF_OPENER; /* taken, or left to the opener: never read twice */
    pthread_mutex_unlock(&pf->mu);
    return ready ? it : NULL;
}

bool bm_prefetch_done(bm_prefetch *pf, const char *path)
{
    pf_item *it = find_item(pf, path, false);
    if (!it)
        return false;
    pthread_mutex_lock(&pf->mu);
    while (it->state == PF_HELPER)
        pthread_cond_wait(&pf->done, &pf->mu);
    bool done = it->state == PF_DONE && it->ok;
    pthread_mutex_unlock(&pf->mu);
    return done;
}

json_t *bm_prefetch_json(im_context *ctx, bm_prefetch *pf, const char *path)
{
    pf_item *it = take(pf, path, false);
    if (!it)
        return NULL;
    /* as im_read_file would have noted it: an output may not replace it */
    if (im_context_add_input_id(ctx, it->dev, it->ino) != IM_OK)
        return NULL; /* out of memory: the opener's own read reports it */
    json_t *root = it->root;
    it->root = NULL;
    return root;
}

bool bm_prefetch_gray(bm_prefetch *pf, const char *path, unsigned char **pixels, uint32_t *w,
                      uint32_t *h)
{
    pf_item *it = take(pf, path, true);
    if (!it)
        return false;
    *pixels = it->pixels;
    *w = it->w;
    *h = it->h;
    it->pixels = NULL;
    return true;
}

void bm_prefetch_stop(bm_prefetch *pf)
{
    if (!pf)
        return;
    pthread_mutex_lock(&pf->mu);
    bool started = !pf->stop;
    pf->stop = true;
    pthread_mutex_unlock(&pf->mu);
    if (started)
        pthread_join(pf->thread, NULL);
    for (size_t k = 0; k < pf->n; k++) {
        json_decref(pf->items[k].root);
        free(pf->items[k].pixels);
        free(pf->items[k].path);
    }
    pthread_mutex_destroy(&pf->mu);
    pthread_cond_destroy(&pf->done);
    free(pf);
}
