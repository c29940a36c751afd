/* threads.c - how many threads the library's own helpers may use.
 *
 * Three parts of a render use more than one thread, each started and
 * joined inside one call: a big JSON records array is decoded on workers
 * (json_parallel.c), a PNG is deflated in pieces (png_deflate.c) and a
 * basemap's layer files are read ahead (basemap_prefetch.c). Their output
 * is the same bytes whatever the number. INCMAP_THREADS sets it (1: no
 * helper thread at all; 0: the CPUs); by default it is the CPUs this
 * process may run on: its affinity mask, which taskset, Slurm's CPU
 * binding and a container's CPU set narrow, not the machine's count.
 */
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#include "im_private.h"

#include <sched.h>
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
