/* ring.c - an ordered ring of work, shared by json_parallel.c (a JSON
 * array's elements) and csv_parallel.c (a CSV file's rows).
 *
 * The input is cut into items in file order, one at a time, under the
 * ring's lock, by whichever thread claims the next; an item is then worked
 * on (decoded, parsed) without the lock, by a worker thread, or by the
 * consumer when the item it wants is not cut yet or while it would wait;
 * the consumer takes the items in order. At most IM_RING_SLOTS are in
 * flight, so memory holds a bounded amount whatever the input's size. The
 * caller owns what a slot holds; the ring only says which slot is whose.
 */
#define _GNU_SOURCE /* uselocale */
#include "im_private.h"

#include <locale.h>
#include <pthread.h>
#include <stdlib.h>

#define MAX_THREADS 8

enum { RS_FREE, RS_WORKING, RS_READY };

struct im_ring {
    im_ring_cut_fn cut;
    im_ring_work_fn work;
    void *user;
    locale_t loc;          /* the workers' locale, or 0 */
    pthread_mutex_t mu;
    pthread_cond_t ready;  /* an item was worked on */
    pthread_cond_t space;  /* an item was released, or stop */
    bool done;             /* nothing more to cut */
    bool stop;
    size_t next_seq;       /* the next item to cut */
    size_t want_seq;       /* the item the consumer is on */
    bool holding;          /* the consumer holds want_seq's slot */
    int state[IM_RING_SLOTS];
    size_t seq[IM_RING_SLOTS];
    pthread_t threads[MAX_THREADS];
    int n_threads;
};

/* Cut and work one item, if there is one and room for it (the lock is
 * held, and held again on return). may_wait: wait for room. */
static bool work_one(im_ring *r, bool may_wait)
{
    while (!r->stop && !r->done && r->next_seq >= r->want_seq + IM_RING_SLOTS) {
        if (!may_wait)
            return false;
        pthread_cond_wait(&r->space, &r->mu);
    }
    if (r->stop || r->done)
        return false;
    size_t slot = r->next_seq % IM_RING_SLOTS;
    int cut = r->cut(r->user, slot);
    if (cut == IM_RING_NONE) {
        r->done = true;
        return false;
    }
    if (cut == IM_RING_LAST)
        r->done = true;
    r->seq[slot] = r->next_seq++;
    r->state[slot] = RS_WORKING;
    pthread_mutex_unlock(&r->mu);
    r->work(r->user, slot);
    pthread_mutex_lock(&r->mu);
    r->state[slot] = RS_READY;
    pthread_cond_broadcast(&r->ready);
    return true;
}

static void *worker(void *arg)
{
    im_ring *r = arg;
    locale_t prev = r->loc ? uselocale(r->loc) : (locale_t)0;
    pthread_mutex_lock(&r->mu);
    while (work_one(r, true))
        ;
    pthread_mutex_unlock(&r->mu);
    if (r->loc)
        uselocale(prev);
    return NULL;
}

im_ring *im_ring_start(int threads, im_ring_cut_fn cut, im_ring_work_fn work, void *user,
                       void *locale)
{
    im_ring *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->cut = cut;
    r->work = work;
    r->user = user;
    r->loc = (locale_t)locale;
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->ready, NULL);
    pthread_cond_init(&r->space, NULL);
    if (threads > MAX_THREADS)
        threads = MAX_THREADS;
    /* The consumer works too when it would wait: threads - 1 workers. */
    for (int t = 0; t < threads - 1; t++) {
        if (pthread_create(&r->threads[r->n_threads], NULL, worker, r) != 0)
            break;
        r->n_threads++;
    }
    return r;
}

int im_ring_next(im_ring *r)
{
    pthread_mutex_lock(&r->mu);
    if (r->holding) { /* the consumer is done with it */
        r->state[r->want_seq % IM_RING_SLOTS] = RS_FREE;
        r->holding = false;
        r->want_seq++;
        pthread_cond_broadcast(&r->space);
    }
    int got = -1;
    for (;;) {
        size_t slot = r->want_seq % IM_RING_SLOTS;
        if (r->want_seq < r->next_seq && r->state[slot] == RS_READY &&
            r->seq[slot] == r->want_seq) {
            got = (int)slot;
            r->holding = true;
            break;
        }
        if (r->want_seq >= r->next_seq) { /* not cut yet: here then */
            if (r->done || r->stop || !work_one(r, false))
                break;
            continue;
        }
        if (!work_one(r, false)) /* a worker has it: help with a later one, or wait */
            pthread_cond_wait(&r->ready, &r->mu);
    }
    pthread_mutex_unlock(&r->mu);
    return got;
}

void im_ring_stop(im_ring *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->mu);
    r->stop = true;
    pthread_cond_broadcast(&r->space);
    pthread_cond_broadcast(&r->ready);
    pthread_mutex_unlock(&r->mu);
    for (int t = 0; t < r->n_threads; t++)
        pthread_join(r->threads[t], NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->ready);
    pthread_cond_destroy(&r->space);
    free(r);
}

size_t im_parse_block_bytes(size_t dflt, size_t *min_rest)
{
    const char *env = getenv("INCMAP_PARSE_BLOCK");
    if (env && *env) {
        char *end;
        long long b = strtoll(env, &end, 10);
        if (!*end && b >= 1) {
            *min_rest = 0;
            return (size_t)b;
        }
    }
    return dflt;
}
