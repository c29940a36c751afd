/* cli_batch.c - "incmap batch": every job of a manifest, in parallel
 * worker processes, with a shard of the jobs per machine.
 *
 * The parent validates the whole manifest first (every job's options are
 * mapped by cli_options.c, the same code as "incmap render"), then forks
 * one worker process per job, at most --jobs at a time. A worker renders
 * with its own im_context (nothing of Pango, fontconfig or PROJ is shared,
 * and a crash takes down one job) and reports its messages and result
 * through a pipe; only the parent writes to the terminal. */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *const batch_help =
    "Usage: incmap batch MANIFEST [OPTIONS]\n"
    "\n"
    "Render every job of a manifest (JSON: defaults and jobs; see\n"
    "data/manifest.schema.json). One failed job does not stop the others.\n"
    "\n"
    "  --jobs N                render N jobs at once (default: the number of CPUs)\n"
    "  --shard K/N             run only shard K of N: the jobs whose index i in the\n"
    "                          manifest has i mod N = K-1 (so N machines together run\n"
    "                          each job exactly once)\n"
    "  --shard auto            K and N from SLURM_ARRAY_TASK_ID/_COUNT (and _MIN), or\n"
    "                          from JOB_COMPLETION_INDEX (Kubernetes, 0-based) with N\n"
    "                          from --shard-count N or INCMAP_SHARD_COUNT\n"
    "  --now DATE              the reference date for \"last\" windows and {date}\n"
    "                          (default: today, UTC)\n"
    "  --only NAME[,NAME...]   run only these jobs (repeatable)\n"
    "  --dry-run               check the manifest and list the outputs; write nothing\n"
    "  --force                 render even the outputs whose stamp is up to date\n"
    "  --load-per-job          load the inputs in every job's worker, not once for\n"
    "                          the jobs that share them (slower; for comparison)\n"
    "  --output-root DIR       write under DIR instead of the manifest's output_root\n"
    "  --summary FILE          also write a JSON summary (atomically)\n"
    "  -q, --quiet             only errors and failed jobs\n"
    "  -v, --verbose           also notes and every output written\n"
    "\n"
    "Exit codes: 0 every job succeeded (or was up to date), 1 a job failed,\n"
    "2 bad usage, 3 invalid manifest (checked entirely before anything is rendered).\n";

#define MAX_WORKERS 256

typedef enum { JOB_PENDING, JOB_RUNNING, JOB_OK, JOB_SKIPPED, JOB_FAILED } job_state;

typedef struct job {
    cli_opts opts;
    bool opts_ready;
    char where[200];
    char from[16], to[16];
    im_job_output *outs;
    size_t n_outs;
    bool selected;
    job_state state;
    /* results */
    size_t written;
    long long incidents;
    unsigned long long warnings;
    double seconds;
    char error[512];
    /* Jobs that read the same inputs the same way share one load: group is
     * the index of the first selected job of the same inputs and input
     * options; shared is the load, made by the parent before forking. */
    size_t group;
    size_t group_left;       /* (leader) jobs of the group not started yet */
    bool load_tried;         /* (leader) */
    im_job_inputs *shared;   /* (leader) */
} job;

typedef struct worker {
    pid_t pid;
    int fd;
    size_t job;
    struct timespec start;
    char buf[8192];
    size_t len;
    bool got_result;
} worker;

typedef struct batch {
    cli *c;
    const char *manifest_path;
    im_manifest *m;
    job *jobs;
    size_t n_jobs, n_selected, done;
    const char *now;
    char date[16];
    unsigned flags;
    bool progress;
    struct timespec t0;
    size_t current;      /* the job the progress line names */
    bool line_shown;
    bool load_per_job;   /* --load-per-job */
} batch;

static double since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- terminal ----------------------------------------------------------- */

static void clear_progress(batch *b)
{
    if (b->line_shown) {
        fputs("\r\033[K", b->c->err);
        b->line_shown = false;
    }
}

static void show_progress(batch *b)
{
    if (!b->progress)
        return;
    int secs = (int)since(&b->t0);
    fputs("\r\033[K", b->c->err); /* ours; the name is input and escaped */
    cli_print(b->c->err, "[%zu/%zu] %s  %02d:%02d", b->done, b->n_selected,
            b->current < b->n_jobs ? im_manifest_job_at(b->m, b->current)->name : "",
            secs / 60, secs % 60);
    fflush(b->c->err);
    b->line_shown = true;
}

/* ---- validation ------------------------------------------------------- */

/* Map job i's options through cli_options.c, resolve its window and expand
 * its outputs. CLI_OK or CLI_BAD_INPUT (message printed). */
static int prepare_job(batch *b, size_t i)
{
    cli *c = b->c;
    job *J = &b->jobs[i];
    const im_manifest_job *mj = im_manifest_job_at(b->m, i);
    if (mj->line) /* "manifest:line:col: jobs[i] (name)", like the library's messages */
        snprintf(J->where, sizeof J->where, "%s:%d:%d: jobs[%zu] (\"%s\")", b->manifest_path,
                 mj->line, mj->col, i, mj->name);
    else
        snprintf(J->where, sizeof J->where, "%s: jobs[%zu] (\"%s\")", b->manifest_path, i,
                 mj->name);
    cli_opts_init(&J->opts, J->where, "");
    J->opts_ready = true;
    J->incidents = -1;
    for (size_t k = 0; k < mj->n_options; k++) {
        const im_manifest_option *op = &mj->options[k];
        if (strcmp(op->key, "style") == 0 || strcmp(op->key, "theme") == 0) {
            if (op->n_values != 1) {
                cli_print(c->err, "incmap: %s: %s: expected one name\n", J->where, op->key);
                return CLI_BAD_INPUT;
            }
            continue; /* loaded by the worker into its own context */
        }
        int kind = cli_opts_kind(op->key);
        if (kind < 0) {
            cli_print(c->err, "incmap: %s: unknown option \"%s\" (the options of incmap render, "
                            "without the dashes)\n", J->where, op->key);
            return CLI_BAD_INPUT;
        }
        if (kind == 0 && op->n_values > 0) {
            cli_print(c->err, "incmap: %s: %s is a switch: give true or false\n", J->where,
                    op->key);
            return CLI_BAD_INPUT;
        }
        int rc = CLI_OK;
        if (kind == 0) {
            rc = cli_opts_set(c, &J->opts, op->key, NULL);
        } else if (op->n_values == 0) {
            cli_print(c->err, "incmap: %s: %s needs a value\n", J->where, op->key);
            return CLI_BAD_INPUT;
        } else if (strcmp(op->key, "frames") == 0 && op->values[0][0] != '/') {
            /* PNG frames are outputs: a relative folder is under the output root */
            const char *root = im_manifest_output_root(b->m);
            size_t len = strlen(root) + strlen(op->values[0]) + 2;
            free(J->opts.frames_buf);
            if (!(J->opts.frames_buf = malloc(len)))
                return CLI_FAILED;
            snprintf(J->opts.frames_buf, len, "%s/%s", root, op->values[0]);
            rc = cli_opts_set(c, &J->opts, op->key, J->opts.frames_buf);
        } else if (strcmp(op->key, "layer") == 0) {
            for (size_t v = 0; v < op->n_values && rc == CLI_OK; v++)
                rc = cli_opts_set(c, &J->opts, op->key, op->values[v]);
        } else if (strcmp(op->key, "weapon") == 0 && op->n_values > 1) {
            /* ["rocket", "drone"] means "rocket,drone" */
            size_t len = 1;
            for (size_t v = 0; v < op->n_values; v++)
                len += strlen(op->values[v]) + 1;
            char *joined = malloc(len);
            if (!joined)
                return CLI_FAILED;
            joined[0] = '\0';
            for (size_t v = 0; v < op->n_values; v++) {
                if (v)
                    strcat(joined, ",");
                strcat(joined, op->values[v]);
            }
            rc = cli_opts_set(c, &J->opts, op->key, joined); /* copies it */
            free(joined);
        } else if (op->n_values > 1) {
            cli_print(c->err, "incmap: %s: %s takes one value, not a list\n", J->where, op->key);
            return CLI_BAD_INPUT;
        } else {
            rc = cli_opts_set(c, &J->opts, op->key, op->values[0]);
        }
        if (rc != CLI_OK)
            return rc == CLI_USAGE ? CLI_BAD_INPUT : rc;
    }
    J->opts.s.now = b->now;
    im_output_format ignored;
    int rc = cli_opts_finish(c, &J->opts, &ignored);
    if (rc != CLI_OK)
        return rc == CLI_USAGE ? CLI_BAD_INPUT : rc;
    if (J->opts.s.o.crs) {
        /* The CRS through PROJ now, so a dry run or the validation of the
         * whole manifest catches "EPSG:999999" before any job runs. */
        im_context_clear_error(c->ctx);
        im_context_set_log_level(c->ctx, (im_log_level)(IM_LOG_ERROR + 1));
        im_status cst = im_crs_check(c->ctx, J->opts.s.o.crs);
        im_context_set_log_level(c->ctx, c->quiet ? IM_LOG_ERROR
                                         : c->verbose ? IM_LOG_DEBUG : IM_LOG_INFO);
        if (cst != IM_OK) {
            fprintf(c->err, "incmap: %s: %s\n", J->where, im_context_last_error(c->ctx));
            im_context_clear_error(c->ctx);
            return cst == IM_ERR_NOMEM ? CLI_FAILED : CLI_BAD_INPUT;
        }
    }
    if (J->opts.s.o.has_from)
        im_date_format(J->opts.s.o.from, J->from, sizeof J->from);
    if (J->opts.s.o.has_to)
        im_date_format(J->opts.s.o.to, J->to, sizeof J->to);
    im_job_vars vars = {b->date, J->opts.s.o.has_from ? J->from : NULL,
                        J->opts.s.o.has_to ? J->to : NULL};
    im_status st = im_manifest_job_outputs(c->ctx, b->m, i, &vars, &J->outs, &J->n_outs);
    if (st != IM_OK)
        return st == IM_ERR_NOMEM ? CLI_FAILED : CLI_BAD_INPUT;
    return CLI_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* No two outputs of the manifest may be the same file. */
static int check_unique(batch *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n_jobs; i++)
        n += b->jobs[i].n_outs;
    const char **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return CLI_FAILED;
    n = 0;
    for (size_t i = 0; i < b->n_jobs; i++)
        for (size_t k = 0; k < b->jobs[i].n_outs; k++)
            v[n++] = b->jobs[i].outs[k].path;
    qsort(v, n, sizeof *v, cmp_str);
    for (size_t i = 1; i < n; i++)
        if (strcmp(v[i - 1], v[i]) == 0) {
            cli_print(b->c->err, "incmap: %s: two outputs are the same file: %s\n",
                    b->manifest_path, v[i]);
            free(v);
            return CLI_BAD_INPUT;
        }
    free(v);
    return CLI_OK;
}

/* ---- workers ------------------------------------------------------------ */

static int g_pipe = -1; /* a worker's write end; used by its log callback */

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void worker_log(void *user, im_log_level level, const char *message)
{
    (void)user;
    char line[1200];
    int n = snprintf(line, sizeof line, "%d\t%.1100s\n", (int)level, message);
    for (int i = 2; i < n - 1; i++)
        if (line[i] == '\n')
            line[i] = ' ';
    write_all(g_pipe, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1));
}

/* Set up ctx as job i reads its inputs: the batch's limits, the job's
 * style and input options. Messages go to ctx's log and, for input options,
 * to c->err. */
static im_status job_context(batch *b, cli *c, size_t i, im_context *ctx)
{
    job *J = &b->jobs[i];
    im_limits limits; /* --max-* given to incmap batch */
    im_context_get_limits(b->c->ctx, &limits);
    if (im_context_set_limits(ctx, &limits) != IM_OK) /* the parent's limits were valid */
        return IM_ERR_ARG;
    const im_manifest_job *mj = im_manifest_job_at(b->m, i);
    im_status st = IM_OK;
    for (size_t k = 0; k < mj->n_options && st == IM_OK; k++) {
        const im_manifest_option *op = &mj->options[k];
        if (strcmp(op->key, "style") == 0)
            st = im_context_load_style(ctx, op->values[0]);
        else if (strcmp(op->key, "theme") == 0)
            st = im_context_load_theme(ctx, op->values[0]);
        else if (cli_input_kind(op->key) == 0 &&
                 cli_input_apply(c, ctx, J->where, op->key, NULL) != CLI_OK)
            st = IM_ERR_ARG;
        for (size_t j = 0; cli_input_kind(op->key) == 1 && j < op->n_values && st == IM_OK; j++)
            if (cli_input_apply(c, ctx, J->where, op->key, op->values[j]) != CLI_OK)
                st = IM_ERR_ARG;
    }
    if (st == IM_OK && cli_opts_fields(c, ctx, &J->opts.s.o) != CLI_OK)
        st = IM_ERR_ARG; /* --color-by/--size-by FIELD: read with the records */
    return st;
}

/* In the child: run job i and report "R\tstatus\tskipped\twritten\tincidents\twarnings". */
#ifdef INCMAP_GCOV_DUMP
/* The mutation check's coverage build (tests/mutate.py): _exit() skips
 * the atexit handler that writes gcov's counts, so a worker writes them
 * itself, or the lines only workers run would look run by no test. */
void __gcov_dump(void);
#define worker_exit(code) (__gcov_dump(), _exit(code))
#else
#define worker_exit(code) _exit(code)
#endif

static void worker_main(batch *b, size_t i, int fd)
{
    g_pipe = fd;
    job *J = &b->jobs[i];
    im_context *ctx = im_context_new();
    if (!ctx) {
        worker_log(NULL, IM_LOG_ERROR, "cannot create a context (out of memory?)");
        worker_exit(1);
    }
    im_context_set_log(ctx, worker_log, NULL);
    im_context_set_log_level(ctx, b->c->quiet ? IM_LOG_ERROR
                                  : b->c->verbose ? IM_LOG_DEBUG : IM_LOG_INFO);
    im_status st = job_context(b, b->c, i, ctx);
    im_job_result res;
    memset(&res, 0, sizeof res);
    res.incidents = -1;
    if (st == IM_OK) {
        im_job_vars vars = {b->date, J->opts.s.o.has_from ? J->from : NULL,
                            J->opts.s.o.has_to ? J->to : NULL};
        st = im_manifest_job_run_loaded(ctx, b->m, i, &J->opts.s.o, &vars, b->flags,
                                        b->jobs[J->group].shared, &res);
    }
    char line[160];
    int n = snprintf(line, sizeof line, "R\t%d\t%d\t%zu\t%lld\t%llu\n", (int)st, res.skipped,
                     res.n_written, (long long)res.incidents,
                     (unsigned long long)im_context_warning_count(ctx));
    write_all(fd, line, (size_t)n);
    im_context_free(ctx);
    worker_exit(st == IM_OK ? 0 : 1);
}

/* Options that change what a load reads: the style, the input options, and
 * a field --color-by or --size-by keeps with each record (not weapon, date,
 * casualties or count, which every load keeps). */
static bool load_option(const im_manifest_option *op)
{
    const char *v = op->n_values ? op->values[0] : "";
    if (strcmp(op->key, "color-by") == 0)
        return strcmp(v, "weapon") != 0 && strcmp(v, "date") != 0;
    if (strcmp(op->key, "size-by") == 0)
        return strcmp(v, "casualties") != 0 && strcmp(v, "count") != 0;
    return strcmp(op->key, "style") == 0 || cli_input_kind(op->key) >= 0;
}

/* The key of what job i loads: its input patterns, its style and its input
 * options, in the manifest's order. Two jobs with the same key load the
 * same records with the same messages. Caller frees; NULL on OOM. */
static char *load_key(const batch *b, size_t i)
{
    const im_manifest_job *mj = im_manifest_job_at(b->m, i);
    size_t n = 1;
    for (size_t k = 0; k < mj->n_inputs; k++)
        n += strlen(mj->inputs[k]) + 1;
    for (size_t k = 0; k < mj->n_options; k++)
        if (load_option(&mj->options[k])) {
            n += strlen(mj->options[k].key) + 2;
            for (size_t v = 0; v < mj->options[k].n_values; v++)
                n += strlen(mj->options[k].values[v]) + 1;
        }
    char *key = malloc(n), *p = key;
    if (!key)
        return NULL;
    /* \x1f between values, \x1e after each list: no value holds them
     * ambiguously, as manifest values are whole JSON strings */
    for (size_t k = 0; k < mj->n_inputs; k++)
        p += sprintf(p, "%s\x1f", mj->inputs[k]);
    for (size_t k = 0; k < mj->n_options; k++)
        if (load_option(&mj->options[k])) {
            p += sprintf(p, "\x1e%s\x1d", mj->options[k].key);
            for (size_t v = 0; v < mj->options[k].n_values; v++)
                p += sprintf(p, "%s\x1f", mj->options[k].values[v]);
        }
    *p = '\0';
    return key;
}

/* Group the selected jobs by what they load. */
static int group_jobs(batch *b)
{
    char **keys = calloc(b->n_jobs ? b->n_jobs : 1, sizeof *keys);
    if (!keys)
        return CLI_FAILED;
    int rc = CLI_OK;
    for (size_t i = 0; i < b->n_jobs; i++) {
        job *J = &b->jobs[i];
        J->group = i;
        if (!J->selected || b->load_per_job)
            continue;
        if (!(keys[i] = load_key(b, i))) {
            rc = CLI_FAILED;
            break;
        }
        for (size_t k = 0; k < i; k++)
            if (keys[k] && b->jobs[k].group == k && strcmp(keys[k], keys[i]) == 0) {
                J->group = k;
                break;
            }
        b->jobs[J->group].group_left++;
    }
    for (size_t i = 0; i < b->n_jobs; i++)
        free(keys[i]);
    free(keys);
    return rc;
}

/* Before the first job of a group starts: load the group's inputs once, in
 * the parent, when at least two of its jobs will render (a rerun where
 * everything is up to date loads nothing). The workers forked afterwards
 * share the pages; the parent drops its copy when the last job has
 * started. A load that fails is not shared: each job then loads and
 * reports by itself, exactly as without sharing. */
static void group_load(batch *b, size_t i)
{
    job *L = &b->jobs[b->jobs[i].group];
    if (L->load_tried || L->group_left < 2)
        return;
    L->load_tried = true;
    im_context *ctx = im_context_new();
    FILE *null = fopen("/dev/null", "w");
    if (!ctx || !null) {
        im_context_free(ctx);
        if (null)
            fclose(null);
        return;
    }
    cli quiet = *b->c; /* the job's own worker reports a bad input option */
    quiet.err = null;
    if (job_context(b, &quiet, i, ctx) == IM_OK) {
        size_t stale = 0;
        for (size_t k = i; k < b->n_jobs && stale < 2; k++) {
            job *J = &b->jobs[k];
            if (!J->selected || J->group != b->jobs[i].group || J->state != JOB_PENDING)
                continue;
            im_job_vars vars = {b->date, J->opts.s.o.has_from ? J->from : NULL,
                                J->opts.s.o.has_to ? J->to : NULL};
            stale += im_manifest_job_stale(ctx, b->m, k, &J->opts.s.o, &vars, b->flags) != 0;
        }
        if (stale >= 2 && im_job_inputs_load(ctx, b->m, i, &L->shared) != IM_OK)
            L->shared = NULL;
    }
    fclose(null);
    im_context_free(ctx);
}

static int spawn(batch *b, worker *w, size_t i)
{
    group_load(b, i);
    int p[2];
    if (pipe(p) != 0)
        return -1;
    fflush(b->c->out);
    fflush(b->c->err);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        close(p[0]);
        worker_main(b, i, p[1]);
    }
    close(p[1]);
    job *L = &b->jobs[b->jobs[i].group];
    if (L->group_left > 0 && --L->group_left == 0) {
        im_job_inputs_free(L->shared); /* the workers have their copies */
        L->shared = NULL;
    }
    memset(w, 0, sizeof *w);
    w->pid = pid;
    w->fd = p[0];
    w->job = i;
    clock_gettime(CLOCK_MONOTONIC, &w->start);
    b->jobs[i].state = JOB_RUNNING;
    b->current = i;
    return 0;
}

/* One line from a worker: a message or the result. */
static void worker_line(batch *b, worker *w, char *line)
{
    job *J = &b->jobs[w->job];
    const char *name = im_manifest_job_at(b->m, w->job)->name;
    if (line[0] == 'R') {
        int st = 0, skipped = 0;
        size_t written = 0;
        long long inc = -1;
        unsigned long long warn = 0;
        if (sscanf(line, "R\t%d\t%d\t%zu\t%lld\t%llu", &st, &skipped, &written, &inc, &warn) ==
            5) {
            w->got_result = true;
            J->state = st != 0 ? JOB_FAILED : skipped ? JOB_SKIPPED : JOB_OK;
            J->written = written;
            J->incidents = inc;
            J->warnings = warn;
            if (st != 0 && !J->error[0])
                snprintf(J->error, sizeof J->error, "%s", im_strerror((im_status)st));
        }
        return;
    }
    int level = atoi(line);
    const char *msg = strchr(line, '\t');
    msg = msg ? msg + 1 : line;
    if (level >= IM_LOG_ERROR) {
        /* The first error says why; the last names the output when there is
         * one: keep both. */
        size_t len = strlen(J->error);
        if (!len)
            snprintf(J->error, sizeof J->error, "%.500s", msg);
        else if (len + 3 < sizeof J->error) {
            size_t ml = strlen(msg), room = sizeof J->error - len - 3;
            memcpy(J->error + len, "; ", 2);
            memcpy(J->error + len + 2, msg, ml < room ? ml : room);
            J->error[len + 2 + (ml < room ? ml : room)] = '\0';
        }
    }
    clear_progress(b);
    const char *tag = level >= IM_LOG_ERROR ? "error" : level == IM_LOG_WARNING ? "warning"
                                                                              : "note";
    cli_print(b->c->err, "incmap: %s: %s: %s\n", name, tag, msg);
}

static void worker_read(batch *b, worker *w, bool eof)
{
    for (;;) {
        char *nl = memchr(w->buf, '\n', w->len);
        if (!nl && (w->len == sizeof w->buf - 1 || (eof && w->len > 0)))
            nl = w->buf + w->len; /* an overlong or unterminated line */
        if (!nl)
            return;
        *nl = '\0';
        worker_line(b, w, w->buf);
        size_t used = (size_t)(nl - w->buf) + (nl < w->buf + w->len ? 1 : 0);
        memmove(w->buf, w->buf + used, w->len - used);
        w->len -= used;
    }
}

static void worker_finish(batch *b, worker *w)
{
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    job *J = &b->jobs[w->job];
    J->seconds = since(&w->start);
    if (!w->got_result) {
        J->state = JOB_FAILED;
        if (WIFSIGNALED(status))
            snprintf(J->error, sizeof J->error, "the worker was killed by signal %d (%s)",
                     WTERMSIG(status), strsignal(WTERMSIG(status)));
        else
            snprintf(J->error, sizeof J->error, "the worker ended without a result (exit %d)",
                     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        clear_progress(b);
        cli_print(b->c->err, "incmap: %s: error: %s\n", im_manifest_job_at(b->m, w->job)->name,
                J->error);
    }
    close(w->fd);
    b->done++;
}

static int run_jobs(batch *b, int n_workers)
{
    worker *ws = calloc((size_t)n_workers, sizeof *ws);
    struct pollfd *pf = calloc((size_t)n_workers, sizeof *pf);
    if (!ws || !pf) {
        free(ws);
        free(pf);
        return CLI_FAILED;
    }
    int running = 0;
    size_t next = 0;
    for (;;) {
        while (running < n_workers && next < b->n_jobs) {
            if (!b->jobs[next].selected) {
                next++;
                continue;
            }
            if (spawn(b, &ws[running], next) != 0) {
                job *J = &b->jobs[next];
                J->state = JOB_FAILED;
                snprintf(J->error, sizeof J->error, "cannot start a worker: %s",
                         strerror(errno));
                b->done++;
            } else {
                running++;
            }
            next++;
        }
        if (running == 0)
            break;
        show_progress(b);
        for (int k = 0; k < running; k++) {
            pf[k].fd = ws[k].fd;
            pf[k].events = POLLIN;
            pf[k].revents = 0;
        }
        int r = poll(pf, (nfds_t)running, b->progress ? 250 : -1);
        if (r < 0 && errno != EINTR)
            break;
        for (int k = running - 1; k >= 0; k--) {
            if (!pf[k].revents)
                continue;
            worker *w = &ws[k];
            ssize_t got = read(w->fd, w->buf + w->len, sizeof w->buf - 1 - w->len);
            if (got < 0 && errno == EINTR)
                continue;
            if (got > 0) {
                w->len += (size_t)got;
                worker_read(b, w, false);
                continue;
            }
            worker_read(b, w, true);
            worker_finish(b, w);
            ws[k] = ws[running - 1];
            running--;
        }
    }
    clear_progress(b);
    free(ws);
    free(pf);
    return CLI_OK;
}

/* ---- reporting ---------------------------------------------------------- */

static const char *state_name(job_state s)
{
    switch (s) {
    case JOB_OK: return "ok";
    case JOB_SKIPPED: return "skipped";
    case JOB_FAILED: return "failed";
    default: return "not run";
    }
}

static int write_summary(batch *b, const char *path, double seconds, const char *shard)
{
    json_t *root = json_object(), *arr = json_array();
    size_t counts[5] = {0};
    for (size_t i = 0; i < b->n_jobs; i++) {
        job *J = &b->jobs[i];
        if (!J->selected)
            continue;
        counts[J->state]++;
        json_t *outs = json_array();
        for (size_t k = 0; k < J->n_outs; k++)
            json_array_append_new(outs, json_string(J->outs[k].path));
        json_t *o = json_pack("{s:s, s:s, s:o, s:I, s:o, s:I, s:f}", "name",
                              im_manifest_job_at(b->m, i)->name, "status", state_name(J->state),
                              "outputs", outs, "written", (json_int_t)J->written, "incidents",
                              J->incidents >= 0 ? json_integer(J->incidents) : json_null(),
                              "warnings", (json_int_t)J->warnings, "seconds",
                              (double)(long long)(J->seconds * 1000 + 0.5) / 1000);
        if (o && J->error[0]) {
            /* escaped: valid UTF-8 whatever the input said, so the error
             * text is never dropped by jansson */
            char esc[4 * sizeof J->error];
            json_object_set_new(o, "error", json_string(cli_escape(J->error, esc, sizeof esc)));
        }
        json_array_append_new(arr, o);
    }
    json_object_set_new(root, "manifest", json_string(b->manifest_path));
    json_object_set_new(root, "incmap", json_string(im_version()));
    json_object_set_new(root, "now", json_string(b->date));
    json_object_set_new(root, "shard", shard ? json_string(shard) : json_null());
    json_object_set_new(root, "jobs", arr);
    json_object_set_new(root, "ok", json_integer((json_int_t)counts[JOB_OK]));
    json_object_set_new(root, "skipped", json_integer((json_int_t)counts[JOB_SKIPPED]));
    json_object_set_new(root, "failed", json_integer((json_int_t)counts[JOB_FAILED]));
    json_object_set_new(root, "seconds",
                        json_real((double)(long long)(seconds * 1000 + 0.5) / 1000));
    char *dumped = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    json_decref(root);
    if (!dumped)
        return CLI_FAILED;
    /* jansson's buffer, freed by jansson's free (never realloc'd here) */
    json_free_t jfree;
    json_get_alloc_funcs(NULL, &jfree);
    size_t n = strlen(dumped);
    char *text = malloc(n + 2);
    if (text) {
        memcpy(text, dumped, n);
        text[n] = '\n';
        text[n + 1] = '\0';
    }
    jfree(dumped);
    if (!text)
        return CLI_FAILED;
    fflush(b->c->out); /* "-" is standard output: after what is buffered there */
    im_status st = im_write_file_atomic(b->c->ctx, path, text);
    free(text);
    return st == IM_OK ? CLI_OK : CLI_FAILED;
}

/* ---- the command -------------------------------------------------------- */

static bool parse_uint(const char *s, unsigned max, unsigned *out)
{
    char *end;
    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (*end || errno || v > max)
        return false;
    *out = (unsigned)v;
    return true;
}

/* --shard auto: Slurm job arrays, else a Kubernetes Indexed Job. */
static int shard_auto(cli *c, const char *count_opt, unsigned *k, unsigned *n)
{
    const char *id = getenv("SLURM_ARRAY_TASK_ID"), *cnt = getenv("SLURM_ARRAY_TASK_COUNT");
    const char *min = getenv("SLURM_ARRAY_TASK_MIN");
    unsigned vid, vcnt, vmin = 0;
    if (id && cnt) {
        if (!parse_uint(id, 1000000, &vid) || !parse_uint(cnt, 100000, &vcnt) || vcnt == 0 ||
            (min && !parse_uint(min, 1000000, &vmin)) || vid < vmin || vid - vmin >= vcnt)
            return cli_usage_error(c, "batch: --shard auto: SLURM_ARRAY_TASK_ID=%s, _MIN=%s, "
                                      "_COUNT=%s do not make a shard (use --array=0-%s or 1-N "
                                      "with step 1)", id, min ? min : "(unset)", cnt, "N-1");
        *k = vid - vmin + 1;
        *n = vcnt;
        return CLI_OK;
    }
    const char *idx = getenv("JOB_COMPLETION_INDEX");
    if (idx) {
        const char *count = count_opt ? count_opt : getenv("INCMAP_SHARD_COUNT");
        if (!count)
            return cli_usage_error(c, "batch: --shard auto: JOB_COMPLETION_INDEX is set but "
                                      "not the count: give --shard-count N (the Job's "
                                      "completions) or INCMAP_SHARD_COUNT");
        if (!parse_uint(idx, 1000000, &vid) || !parse_uint(count, 100000, &vcnt) ||
            vcnt == 0 || vid >= vcnt)
            return cli_usage_error(c, "batch: --shard auto: JOB_COMPLETION_INDEX=%s and a "
                                      "count of %s do not make a shard", idx, count);
        *k = vid + 1;
        *n = vcnt;
        return CLI_OK;
    }
    return cli_usage_error(c, "batch: --shard auto: neither SLURM_ARRAY_TASK_ID and "
                              "SLURM_ARRAY_TASK_COUNT nor JOB_COMPLETION_INDEX is set");
}

/* batch's own options: 1 takes a value, 0 is a flag, -1 unknown. */
static int batch_kind(const char *name)
{
    static const char *const with_value[] = {"jobs", "shard", "shard-count", "now", "only",
                                             "summary", "output-root"};
    static const char *const flags[] = {"dry-run", "force", "load-per-job"};
    for (size_t i = 0; i < sizeof with_value / sizeof with_value[0]; i++)
        if (strcmp(name, with_value[i]) == 0)
            return 1;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(name, flags[i]) == 0)
            return 0;
    return -1;
}

int cli_batch(cli *c, int argc, char **argv)
{
    const char *manifest = NULL, *shard = NULL, *shard_count = NULL, *summary = NULL;
    const char *root = NULL, *now = NULL;
    const char *only[256];
    int n_only = 0;
    unsigned n_workers = 0, shard_k = 1, shard_n = 1;
    bool dry = false, force = false, load_per_job = false;
    cli_args p;
    cli_args_init(&p, argc, argv, 2, batch_kind, true);
    const char *name, *v;
    for (int t; (t = cli_next(c, &p, &name, &v)) != CLI_ARG_END;) {
        if (t == CLI_ARG_ERROR)
            return CLI_USAGE;
        if (t == CLI_ARG_OPERAND) {
            if (manifest)
                return cli_usage_error(c, "batch: one manifest at a time (%s and %s)", manifest,
                                       v);
            manifest = v;
            continue;
        }
        if (strcmp(name, "style") == 0 || strcmp(name, "theme") == 0)
            return cli_usage_error(c, "batch: give \"%s\" in the manifest (in defaults or a "
                                      "job)", name);
        if (cli_input_kind(name) >= 0)
            return cli_usage_error(c, "batch: give \"%s\" in the manifest (in defaults "
                                      "or a job), as for render's other options", name);
        int r = cli_common_set(c, name, v);
        if (r == 1)
            continue;
        if (r < 0)
            return -r;
        if (strcmp(name, "help") == 0) {
            fputs(batch_help, c->out);
            fputs(cli_environment_help, c->out);
            return CLI_OK;
        } else if (strcmp(name, "jobs") == 0) {
            if (!parse_uint(v, MAX_WORKERS, &n_workers) || n_workers == 0)
                return cli_usage_error(c, "batch: --jobs \"%s\": expected 1 to %d", v,
                                       MAX_WORKERS);
        } else if (strcmp(name, "shard") == 0) {
            shard = v;
        } else if (strcmp(name, "shard-count") == 0) {
            shard_count = v;
        } else if (strcmp(name, "now") == 0) {
            now = v;
        } else if (strcmp(name, "only") == 0) {
            if (n_only == 256)
                return cli_usage_error(c, "batch: at most 256 --only");
            only[n_only++] = v;
        } else if (strcmp(name, "dry-run") == 0) {
            dry = true;
        } else if (strcmp(name, "force") == 0) {
            force = true;
        } else if (strcmp(name, "load-per-job") == 0) {
            load_per_job = true;
        } else if (strcmp(name, "summary") == 0) {
            summary = v;
        } else if (strcmp(name, "output-root") == 0) {
            root = v;
        }
    }
    if (!manifest)
        return cli_usage_error(c, "batch: no manifest (see incmap batch --help)");
    if (shard && strcmp(shard, "auto") == 0) {
        int rc = shard_auto(c, shard_count, &shard_k, &shard_n);
        if (rc != CLI_OK)
            return rc;
    } else if (shard) {
        const char *slash = strchr(shard, '/');
        char kbuf[16];
        if (!slash || (size_t)(slash - shard) >= sizeof kbuf ||
            (memcpy(kbuf, shard, (size_t)(slash - shard)), kbuf[slash - shard] = '\0', false) ||
            !parse_uint(kbuf, 100000, &shard_k) || !parse_uint(slash + 1, 100000, &shard_n) ||
            shard_k < 1 || shard_k > shard_n)
            return cli_usage_error(c, "batch: --shard \"%s\": expected K/N with 1 <= K <= N, "
                                      "or auto", shard);
    } else if (shard_count) {
        return cli_usage_error(c, "batch: --shard-count goes with --shard auto");
    }
    char shard_text[32];
    snprintf(shard_text, sizeof shard_text, "%u/%u", shard_k, shard_n);

    /* --now: the reference date of every job, and {date}. */
    int64_t t_now;
    char today[16];
    if (now) {
        im_date_precision prec;
        if (im_date_parse(now, &t_now, &prec) != IM_OK)
            return cli_usage_error(c, "batch: --now \"%s\" is not an ISO 8601 date", now);
    } else {
        t_now = (int64_t)time(NULL);
        im_date_format(t_now, today, sizeof today);
        now = today;
    }
    if (n_workers == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        n_workers = cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS : (unsigned)cpus;
    }

    batch b;
    memset(&b, 0, sizeof b);
    b.c = c;
    b.manifest_path = manifest;
    b.now = now;
    b.flags = force ? IM_JOB_FORCE : 0;
    b.load_per_job = load_per_job;
    b.current = (size_t)-1;
    im_date_format(t_now, b.date, sizeof b.date);
    clock_gettime(CLOCK_MONOTONIC, &b.t0);
    int rc = CLI_OK;

    im_status st = im_manifest_load(c->ctx, manifest, &b.m);
    if (st != IM_OK)
        return st == IM_ERR_NOMEM ? CLI_FAILED : CLI_BAD_INPUT;
    if (root && (st = im_manifest_set_output_root(c->ctx, b.m, root)) != IM_OK) {
        rc = cli_exit_code(st);
        goto done;
    }
    b.n_jobs = im_manifest_job_count(b.m);
    b.jobs = calloc(b.n_jobs, sizeof *b.jobs);
    if (!b.jobs) {
        rc = CLI_FAILED;
        goto done;
    }
    /* Every job is checked, not only this shard's: all shards agree. */
    for (size_t i = 0; i < b.n_jobs; i++) {
        int r = prepare_job(&b, i);
        if (r != CLI_OK && rc == CLI_OK)
            rc = r;
    }
    if (rc == CLI_OK)
        rc = check_unique(&b);
    if (rc != CLI_OK) {
        if (rc == CLI_BAD_INPUT)
            cli_print(c->err, "incmap: batch: %s is invalid; nothing was rendered\n", manifest);
        goto done;
    }

    /* The selection: this shard (by index in the whole manifest), then --only. */
    for (int k = 0; k < n_only; k++) {
        char *list = strdup(only[k]);
        if (!list) {
            rc = CLI_FAILED;
            goto done;
        }
        for (char *save = NULL, *tok = strtok_r(list, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            size_t i = 0;
            while (i < b.n_jobs && strcmp(im_manifest_job_at(b.m, i)->name, tok) != 0)
                i++;
            if (i == b.n_jobs) {
                rc = cli_usage_error(c, "batch: --only: %s has no job \"%s\"", manifest, tok);
                free(list);
                goto done;
            }
            b.jobs[i].selected = true; /* marks "named"; the shard filter follows */
        }
        free(list);
    }
    for (size_t i = 0; i < b.n_jobs; i++) {
        b.jobs[i].selected = im_shard_select(i, shard_k, shard_n) &&
                             (n_only == 0 || b.jobs[i].selected);
        b.n_selected += b.jobs[i].selected;
    }

    if (dry) {
        for (size_t i = 0; i < b.n_jobs; i++)
            for (size_t k = 0; b.jobs[i].selected && k < b.jobs[i].n_outs; k++)
                cli_print(c->out, "%s\t%s\n", im_manifest_job_at(b.m, i)->name,
                        b.jobs[i].outs[k].path);
        if (!c->quiet)
            cli_print(c->err, "incmap: batch: dry run: %zu of %zu jobs (shard %s); nothing "
                            "written\n", b.n_selected, b.n_jobs, shard_text);
        goto done;
    }

    b.progress = !c->quiet && isatty(fileno(c->err));
    if ((rc = group_jobs(&b)) != CLI_OK || (rc = run_jobs(&b, (int)n_workers)) != CLI_OK)
        goto done;
    double total = since(&b.t0);

    size_t n_ok = 0, n_skip = 0, n_fail = 0;
    for (size_t i = 0; i < b.n_jobs; i++) {
        job *J = &b.jobs[i];
        if (!J->selected)
            continue;
        n_ok += J->state == JOB_OK;
        n_skip += J->state == JOB_SKIPPED;
        n_fail += J->state == JOB_FAILED;
        if (c->quiet && J->state != JOB_FAILED)
            continue;
        char inc[32] = "-";
        if (J->incidents >= 0)
            snprintf(inc, sizeof inc, "%lld", J->incidents);
        cli_print(c->err, "incmap: %-7s %-28s outputs %zu/%zu  incidents %-5s warnings %llu  "
                        "%.2f s%s%s\n", state_name(J->state), im_manifest_job_at(b.m, i)->name,
                J->state == JOB_SKIPPED ? J->n_outs : J->written, J->n_outs, inc,
                J->warnings, J->seconds, J->error[0] ? "  " : "", J->error);
        if (c->verbose && J->state == JOB_OK)
            for (size_t k = 0; k < J->n_outs; k++)
                cli_print(c->err, "incmap:   %s\n", J->outs[k].path);
    }
    if (!c->quiet || n_fail)
        cli_print(c->err, "incmap: batch: %zu job%s (shard %s): %zu ok, %zu up to date, "
                        "%zu failed, %.1f s\n", b.n_selected, b.n_selected == 1 ? "" : "s",
                shard_text, n_ok, n_skip, n_fail, total);
    rc = n_fail ? CLI_FAILED : CLI_OK;
    if (summary && write_summary(&b, summary, total, shard_text) != CLI_OK)
        rc = CLI_FAILED;
done:
    for (size_t i = 0; b.jobs && i < b.n_jobs; i++) {
        if (b.jobs[i].opts_ready)
            cli_opts_free(&b.jobs[i].opts);
        im_job_outputs_free(b.jobs[i].outs, b.jobs[i].n_outs);
        im_job_inputs_free(b.jobs[i].shared);
    }
    free(b.jobs);
    im_manifest_free(b.m);
    if (fflush(c->out) != 0 || ferror(c->out))
        rc = rc == CLI_OK ? CLI_FAILED : rc;
    return rc;
}
