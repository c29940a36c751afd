/* threads.c - how many threads the library's own helpers may use.
 *
 * Parts of a render that use more than one thread, each started and
 * joined inside one call: a big JSON records array is decoded on workers
 * (json_parallel.c), a PNG is deflated in pieces (png_deflate.c), a
 * basemap's layer files are read ahead (basemap_prefetch.c), the relief
 * is warped into the frame in bands of rows (im_parallel_for), and the
 * inset's "world" basemap is read while the map is drawn (inset.c, joined
 * before the render returns). Their output
 * is the same bytes whatever the number. INCMAP_THREADS sets it (1: no
 * helper thread at all; 0: the CPUs); by default it is the CPUs this
 * process may run on: its affinity mask, which taskset, Slurm's CPU
 * binding and a container's CPU set narrow, not the machine's count.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "im_private.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

int im_cpu_count(void)
{
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (n > 4096 ? 4096 : (int)n) : 1;
}

int im_env_threads(void)
{
    const char *env = getenv("INCMAP_THREADS");
    if (!env || !*env)
        return -1;
    char *end;
    long n = strtol(env, &end, 10);
    if (*end || n < 0)
        return 1; /* not a number: one thread, the safe reading */
    if (n == 0)
        return im_cpu_count();
    return n > 4096 ? 4096 : (int)n;
}

int im_helper_threads(int default_max)
{
    int n = im_env_threads();
    if (n < 0) {
        n = im_cpu_count();
        if (n > default_max)
            n = default_max;
    }
    return n < 1 ? 1 : n;
}

/* im_parallel_for: ranges handed out in order from one counter. */
typedef struct par_job {
    size_t n, chunk;
    atomic_size_t next;
    void (*fn)(void *arg, size_t from, size_t to);
    void *arg;
} par_job;

static void *par_run(void *p)
{
    par_job *j = p;
    for (;;) {
        size_t from = atomic_fetch_add(&j->next, j->chunk);
        if (from >= j->n)
            return NULL;
        j->fn(j->arg, from, from + j->chunk < j->n ? from + j->chunk : j->n);
    }
}

void im_parallel_for(size_t n, size_t chunk, int max_threads,
                     void (*fn)(void *arg, size_t from, size_t to), void *arg)
{
    if (n == 0)
        return;
    if (chunk == 0)
        chunk = 1;
    par_job j = {.n = n, .chunk = chunk, .fn = fn, .arg = arg};
    atomic_init(&j.next, 0);
    size_t ranges = (n + chunk - 1) / chunk;
    int want = im_helper_threads(max_threads);
    if ((size_t)want > ranges)
        want = (int)ranges;
    pthread_t helpers[16];
    int started = 0;
    for (int t = 1; t < want && t <= 16; t++)
        if (pthread_create(&helpers[started], NULL, par_run, &j) == 0)
            started++;
    par_run(&j);
    for (int t = 0; t < started; t++)
        pthread_join(helpers[t], NULL);
}
