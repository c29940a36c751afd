/* batch.c - manifests of render jobs, and running one job safely.
 *
 * A manifest is JSON: defaults plus a list of jobs, each with a name,
 * inputs, outputs (path templates) and render options as (key, values)
 * pairs; the command line maps the pairs to im_render_options with the
 * same code "incmap render" uses for its arguments.
 *
 * Running a job (im_manifest_job_run) takes a lock per output, removes
 * temporary files an interrupted run left, compares a stamp of what the
 * output was made from, and renders only what is out of date. The design
 * is described in the README ("Nightly batches"). */
#define _GNU_SOURCE /* F_OFD_SETLK, realpath() */
#include "im_private.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_JOBS 100000
#define MAX_LIST 1024      /* inputs, outputs, formats or values of one key */
#define MAX_NAME 64

struct im_manifest {
    char *path;            /* absolute */
    char *dir;             /* the manifest's folder, absolute */
    char *root;            /* the output root, absolute and normalised */
    bool allow_outside;
    im_manifest_job *jobs;
    size_t n_jobs;
    bool *job_allow_outside;
    /* Every string and array the jobs point to, freed together. */
    void **blocks;
    size_t n_blocks, cap_blocks;
};

/* ---- small helpers ----------------------------------------------------- */

static void *keep(im_manifest *m, void *p)
{
    if (!p)
        return NULL;
    if (m->n_blocks == m->cap_blocks) {
        size_t cap = m->cap_blocks ? m->cap_blocks * 2 : 64;
        void **v = im_realloc_array(m->blocks, cap, sizeof *v);
        if (!v) {
            free(p);
            return NULL;
        }
        m->blocks = v;
        m->cap_blocks = cap;
    }
    m->blocks[m->n_blocks++] = p;
    return p;
}

static char *keep_str(im_manifest *m, const char *s)
{
    return keep(m, im_strdup(s));
}

/* "a/b/../c/./d" -> "a/c/d" for an absolute path, without touching the
 * file system (the root check must not depend on what exists yet). */
static void normalise(char *p)
{
    char *out = p, *in = p;
    while (*in) {
        while (*in == '/')
            in++;
        if (!*in)
            break;
        size_t n = strcspn(in, "/");
        if (n == 1 && in[0] == '.') {
            /* skip */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > p && *--out != '/')
                ;
        } else {
            *out++ = '/';
            memmove(out, in, n);
            out += n;
        }
        in += n;
    }
    if (out == p)
        *out++ = '/';
    *out = '\0';
}

/* base + "/" + rel (or rel when absolute), normalised; malloc'd. */
static char *join_path(const char *base, const char *rel)
{
    size_t n = strlen(base) + strlen(rel) + 2;
    char *p = malloc(n);
    if (!p)
        return NULL;
    if (rel[0] == '/')
        snprintf(p, n, "%s", rel);
    else
        snprintf(p, n, "%s/%s", base, rel);
    normalise(p);
    return p;
}

static bool inside(const char *root, const char *path)
{
    size_t n = strlen(root);
    if (strcmp(root, "/") == 0)
        return true;
    return strncmp(root, path, n) == 0 && path[n] == '/';
}

/* path with every symbolic link resolved, also in the part that does not
 * exist yet (a dangling link is followed to what it would create), so the
 * output-root check sees where a file would really land. Caller frees;
 * NULL on OOM or a link loop. */
static char *physical(const char *path, int depth)
{
    if (depth > 40)
        return NULL;
    char *r = realpath(path, NULL);
    if (r)
        return r;
    const char *slash = strrchr(path, '/');
    struct stat sb;
    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
        char link[4096];
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n < 0)
            return NULL;
        link[n] = '\0';
        char *dir = slash ? im_strdup(path) : im_strdup(".");
        if (!dir)
            return NULL;
        if (slash)
            dir[slash - path + (slash == path)] = '\0';
        char *next = join_path(dir, link);
        free(dir);
        r = next ? physical(next, depth + 1) : NULL;
        free(next);
        return r;
    }
    if (!slash)
        return NULL;
    char *dir = im_strdup(path);
    if (!dir)
        return NULL;
    dir[slash - path + (slash == path)] = '\0';
    char *pd = physical(dir, depth + 1);
    free(dir);
    r = pd ? join_path(pd, slash + 1) : NULL;
    free(pd);
    return r;
}

/* inside(), after resolving symbolic links in both. */
static bool inside_physically(const char *root, const char *path)
{
    char *pr = physical(root, 0), *pp = physical(path, 0);
    bool in = pr && pp && inside(pr, pp);
    free(pr);
    free(pp);
    return in;
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
#define FNV_INIT 0xcbf29ce484222325ULL

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s, strlen(s) + 1); /* the NUL separates fields */
}

static bool valid_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_NAME || s[0] == '.' || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

/* ---- loading ------------------------------------------------------------ */

/* Keys of a job (or of "defaults") that are not render options. */
static bool reserved_key(const char *k)
{
    static const char *const keys[] = {"name", "inputs", "output", "outputs", "formats",
                                       "allow_outside_root", "description"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(k, keys[i]) == 0)
            return true;
    return false;
}

/* Option keys whose values are file names, resolved against the manifest's
 * folder (basemap only when it looks like a path, not a name). */
static bool path_value(const char *key, const char *value)
{
    if (strcmp(key, "style") == 0 || strcmp(key, "layer") == 0)
        return true;
    if (strcmp(key, "basemap") == 0)
        return strchr(value, '/') || strstr(value, ".geojson") || strstr(value, ".json");
    return false;
}

typedef struct loader {
    im_context *ctx;
    im_manifest *m;
    const char *file;   /* for messages: the manifest, then "manifest:line:col" of a job */
    const char *text;   /* the manifest's bytes, for positions */
    size_t size;
} loader;

/* A JSON string or array of strings as a list; what names it in messages. */
static im_status get_list(loader *L, const char *where, const char *what, json_t *v,
                          const char ***out, size_t *n, bool numbers_ok)
{
    size_t count = json_is_array(v) ? json_array_size(v) : 1;
    if (count > MAX_LIST)
        return im_fail(L->ctx, IM_ERR_DATA, "%s: %s%s: more than %d values", L->file, where,
                       what, MAX_LIST);
    const char **list = keep(L->m, im_malloc_array(count ? count : 1, sizeof *list));
    if (!list)
        return im_fail(L->ctx, IM_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        char num[64];
        const char *s = NULL;
        if (json_is_string(e))
            s = json_string_value(e);
        else if (numbers_ok && json_is_integer(e))
            snprintf(num, sizeof num, "%lld", (long long)json_integer_value(e)), s = num;
        else if (numbers_ok && json_is_real(e))
            snprintf(num, sizeof num, "%.17g", json_real_value(e)), s = num;
        if (!s)
            return im_fail(L->ctx, IM_ERR_DATA, "%s: %s%s: expected %s, not %s", L->file, where,
                           what, numbers_ok ? "a string, a number, true or an array of them"
                                            : "a string or an array of strings",
                           json_is_array(e) ? "a nested array" : json_is_object(e) ? "an object"
                                                                 : "another type");
        if (strlen(s) > 4096)
            return im_fail(L->ctx, IM_ERR_DATA, "%s: %s%s: a value is longer than 4096 bytes",
                           L->file, where, what);
        if (!(list[i] = keep_str(L->m, s)))
            return im_fail(L->ctx, IM_ERR_NOMEM, "out of memory");
    }
    *out = list;
    *n = count;
    return IM_OK;
}

/* Look a key up in the job, then in the defaults. */
static json_t *lookup(json_t *job, json_t *defaults, const char *key)
{
    json_t *v = json_object_get(job, key);
    return v ? v : defaults ? json_object_get(defaults, key) : NULL;
}

static im_status load_job_at(loader *L, size_t index, json_t *job, json_t *defaults,
                             json_t *seen_names, bool allow_default);

/* Load job index, its messages headed "manifest:line:col:" (the job's object). */
static im_status load_job(loader *L, size_t index, json_t *job, json_t *defaults,
                          json_t *seen_names, bool allow_default)
{
    im_manifest_job *j = &L->m->jobs[index];
    char ptr[32], at[4200];
    snprintf(ptr, sizeof ptr, "/jobs/%zu", index);
    if (!im_json_where(L->text, L->size, ptr, &j->line, &j->col))
        j->line = j->col = 0;
    const char *file = L->file;
    if (j->line) {
        snprintf(at, sizeof at, "%s:%d:%d", file, j->line, j->col);
        L->file = at;
    }
    im_status st = load_job_at(L, index, job, defaults, seen_names, allow_default);
    L->file = file;
    return st;
}

static im_status load_job_at(loader *L, size_t index, json_t *job, json_t *defaults,
                             json_t *seen_names, bool allow_default)
{
    im_context *ctx = L->ctx;
    im_manifest *m = L->m;
    im_manifest_job *j = &m->jobs[index];
    char where[160];
    if (!json_is_object(job))
        return im_fail(ctx, IM_ERR_DATA, "%s: jobs[%zu]: expected an object", L->file, index);
    json_t *name = json_object_get(job, "name");
    if (!json_is_string(name) || !valid_name(json_string_value(name)))
        return im_fail(ctx, IM_ERR_DATA, "%s: jobs[%zu]: name: expected 1 to %d letters, digits, "
                       "'-', '_' or '.' (not starting with '.' or '-')", L->file, index, MAX_NAME);
    j->name = keep_str(m, json_string_value(name));
    if (!j->name)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    snprintf(where, sizeof where, "jobs[%zu] (\"%s\"): ", index, j->name);
    if (json_object_get(seen_names, j->name))
        return im_fail(ctx, IM_ERR_DATA, "%s: %sname: another job has this name", L->file, where);
    json_object_set_new(seen_names, j->name, json_true());

    /* inputs */
    json_t *v = lookup(job, defaults, "inputs");
    if (!v)
        return im_fail(ctx, IM_ERR_DATA, "%s: %sinputs: missing (in the job or the defaults)",
                       L->file, where);
    const char **list;
    size_t n;
    im_status st = get_list(L, where, "inputs", v, &list, &n, false);
    if (st != IM_OK)
        return st;
    if (n == 0)
        return im_fail(ctx, IM_ERR_DATA, "%s: %sinputs: empty", L->file, where);
    for (size_t i = 0; i < n; i++)
        if (!(list[i] = keep(m, join_path(m->dir, list[i]))))
            return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    j->inputs = list;
    j->n_inputs = n;

    /* outputs: "output" (one template) or "outputs" (several) */
    json_t *o1 = json_object_get(job, "output"), *on = json_object_get(job, "outputs");
    if (o1 && on)
        return im_fail(ctx, IM_ERR_DATA, "%s: %sgive output or outputs, not both", L->file,
                       where);
    if (!o1 && !on) {
        o1 = defaults ? json_object_get(defaults, "output") : NULL;
        on = defaults ? json_object_get(defaults, "outputs") : NULL;
    }
    v = o1 ? o1 : on;
    if (!v)
        return im_fail(ctx, IM_ERR_DATA, "%s: %soutput: missing (in the job or the defaults)",
                       L->file, where);
    if ((st = get_list(L, where, o1 ? "output" : "outputs", v, &list, &n, false)) != IM_OK)
        return st;
    if (n == 0)
        return im_fail(ctx, IM_ERR_DATA, "%s: %soutputs: empty", L->file, where);
    j->outputs = list;
    j->n_outputs = n;

    /* formats */
    v = lookup(job, defaults, "formats");
    if (v) {
        if ((st = get_list(L, where, "formats", v, &list, &n, false)) != IM_OK)
            return st;
        for (size_t i = 0; i < n; i++)
            if (strcmp(list[i], "png") && strcmp(list[i], "svg") && strcmp(list[i], "pdf") &&
                strcmp(list[i], "html") && strcmp(list[i], "webp"))
                return im_fail(ctx, IM_ERR_DATA, "%s: %sformats: \"%s\": expected png, svg, "
                               "pdf, html or webp", L->file, where, list[i]);
        if (n == 0)
            return im_fail(ctx, IM_ERR_DATA, "%s: %sformats: empty", L->file, where);
        j->formats = list;
        j->n_formats = n;
    }

    v = lookup(job, defaults, "allow_outside_root");
    if (v && !json_is_boolean(v))
        return im_fail(ctx, IM_ERR_DATA, "%s: %sallow_outside_root: expected true or false",
                       L->file, where);
    m->job_allow_outside[index] = allow_default || json_is_true(v);

    /* Options: the defaults' keys (unless the job overrides them), then
     * the job's, each object in its own order. */
    size_t cap = json_object_size(job) + (defaults ? json_object_size(defaults) : 0);
    im_manifest_option *opts = keep(m, im_malloc_array(cap ? cap : 1, sizeof *opts));
    if (!opts)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    size_t no = 0;
    for (int pass = 0; pass < 2; pass++) {
        json_t *obj = pass == 0 ? defaults : job;
        if (!obj)
            continue;
        const char *key;
        json_t *val;
        json_object_foreach(obj, key, val) {
            if (reserved_key(key) || (pass == 0 && json_object_get(job, key)))
                continue;
            if (strcmp(key, "format") == 0 || strcmp(key, "now") == 0)
                return im_fail(ctx, IM_ERR_DATA, "%s: %s%s: not allowed in a manifest (%s)",
                               L->file, pass ? where : "defaults: ", key,
                               key[0] == 'f' ? "use formats, or the output's extension"
                                             : "give --now to incmap batch for the whole run");
            if (json_is_false(val) || json_is_null(val))
                continue; /* switched off: drops the default */
            im_manifest_option *op = &opts[no];
            if (!(op->key = keep_str(m, key)))
                return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            if (json_is_true(val)) {
                op->values = NULL;
                op->n_values = 0;
            } else {
                char what[96];
                snprintf(what, sizeof what, "%s", key);
                if ((st = get_list(L, pass ? where : "defaults: ", what, val, &list, &n, true)))
                    return st;
                for (size_t i = 0; i < n; i++)
                    if (path_value(key, list[i]) &&
                        !(list[i] = keep(m, join_path(m->dir, list[i]))))
                        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                op->values = list;
                op->n_values = n;
            }
            no++;
        }
    }
    j->options = opts;
    j->n_options = no;
    return IM_OK;
}

static bool depth_ok(json_t *v, unsigned depth, unsigned max)
{
    if (depth > max)
        return false;
    size_t i;
    const char *k;
    json_t *e;
    if (json_is_array(v))
        json_array_foreach(v, i, e) if (!depth_ok(e, depth + 1, max)) return false;
    if (json_is_object(v))
        json_object_foreach(v, k, e) if (!depth_ok(e, depth + 1, max)) return false;
    return true;
}

im_status im_manifest_load(im_context *ctx, const char *path, im_manifest **out)
{
    IM_C_LOCALE(ctx); /* numbers read and written the same in any host locale */
    *out = NULL;
    char *text = NULL;
    size_t size = 0;
    json_t *root = NULL, *seen = NULL;
    im_manifest *m = calloc(1, sizeof *m);
    if (!m)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    im_status st = im_read_file(ctx, path, &text, &size);
    if (st != IM_OK)
        goto done;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) {
        st = im_fail(ctx, IM_ERR_IO_READ, "cannot tell the current folder: %s", strerror(errno));
        goto done;
    }
    m->path = join_path(cwd, path);
    m->dir = m->path ? im_strdup(m->path) : NULL;
    if (!m->dir) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }
    *strrchr(m->dir, '/') = '\0';
    if (!m->dir[0])
        strcpy(m->dir, "/");

    json_error_t err;
    root = json_loadb(text, size, JSON_REJECT_DUPLICATES, &err);
    if (!root) {
        st = im_fail(ctx, IM_ERR_SYNTAX, "%s:%d:%d: %s", path, err.line, err.column, err.text);
        goto done;
    }
    if (!json_is_object(root)) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: expected an object with \"jobs\"", path);
        goto done;
    }
    if (!depth_ok(root, 0, ctx->limits.max_depth)) {
        st = im_fail(ctx, IM_ERR_LIMIT, "%s: nested deeper than %u", path,
                     (unsigned)ctx->limits.max_depth);
        goto done;
    }
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val) {
        if (strcmp(key, "jobs") && strcmp(key, "defaults") && strcmp(key, "output_root") &&
            strcmp(key, "allow_outside_root") && strcmp(key, "description") &&
            strcmp(key, "$schema") && strcmp(key, "incmap_manifest")) {
            st = im_fail(ctx, IM_ERR_DATA, "%s: unknown member \"%s\" (expected jobs, defaults, "
                         "output_root, allow_outside_root, description)", path, key);
            goto done;
        }
    }
    json_t *version = json_object_get(root, "incmap_manifest");
    if (version && !(json_is_integer(version) && json_integer_value(version) == 1)) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: incmap_manifest: this incmap reads version 1", path);
        goto done;
    }
    json_t *jr = json_object_get(root, "output_root");
    if (jr && (!json_is_string(jr) || !json_string_value(jr)[0])) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: output_root: expected a folder name", path);
        goto done;
    }
    m->root = join_path(m->dir, jr ? json_string_value(jr) : ".");
    json_t *ao = json_object_get(root, "allow_outside_root");
    if (ao && !json_is_boolean(ao)) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: allow_outside_root: expected true or false", path);
        goto done;
    }
    m->allow_outside = json_is_true(ao);
    json_t *defaults = json_object_get(root, "defaults");
    if (defaults && !json_is_object(defaults)) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: defaults: expected an object", path);
        goto done;
    }
    if (defaults && json_object_get(defaults, "name")) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: defaults: name: every job names itself", path);
        goto done;
    }
    json_t *jobs = json_object_get(root, "jobs");
    if (!json_is_array(jobs) || json_array_size(jobs) == 0) {
        st = im_fail(ctx, IM_ERR_DATA, "%s: jobs: expected a non-empty array", path);
        goto done;
    }
    if (json_array_size(jobs) > MAX_JOBS) {
        st = im_fail(ctx, IM_ERR_LIMIT, "%s: jobs: more than %d", path, MAX_JOBS);
        goto done;
    }
    m->n_jobs = json_array_size(jobs);
    m->jobs = calloc(m->n_jobs, sizeof *m->jobs);
    m->job_allow_outside = calloc(m->n_jobs, sizeof *m->job_allow_outside);
    seen = json_object();
    if (!m->root || !m->jobs || !m->job_allow_outside || !seen) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }
    loader L = {ctx, m, path, text, size};
    for (size_t i = 0; i < m->n_jobs; i++)
        if ((st = load_job(&L, i, json_array_get(jobs, i), defaults, seen, m->allow_outside)))
            goto done;
done:
    free(text);
    json_decref(root);
    json_decref(seen);
    if (st != IM_OK) {
        im_manifest_free(m);
        return st;
    }
    *out = m;
    return IM_OK;
}

void im_manifest_free(im_manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_blocks; i++)
        free(m->blocks[i]);
    free(m->blocks);
    free(m->jobs);
    free(m->job_allow_outside);
    free(m->path);
    free(m->dir);
    free(m->root);
    free(m);
}

size_t im_manifest_job_count(const im_manifest *m)
{
    return m ? m->n_jobs : 0;
}

const im_manifest_job *im_manifest_job_at(const im_manifest *m, size_t i)
{
    return m && i < m->n_jobs ? &m->jobs[i] : NULL;
}

const char *im_manifest_output_root(const im_manifest *m)
{
    return m->root;
}

im_status im_manifest_set_output_root(im_context *ctx, im_manifest *m, const char *dir)
{
    char cwd[4096];
    if (!dir || !*dir)
        return im_fail(ctx, IM_ERR_ARG, "the output root is empty");
    if (!getcwd(cwd, sizeof cwd))
        return im_fail(ctx, IM_ERR_IO_READ, "cannot tell the current folder: %s",
                       strerror(errno));
    char *r = join_path(cwd, dir);
    if (!r)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    free(m->root);
    m->root = r;
    return IM_OK;
}

/* ---- outputs ------------------------------------------------------------ */

/* "manifest:line:col" of job ji (the manifest alone when not known). */
static void job_file(const im_manifest *m, size_t ji, char *buf, size_t size)
{
    const im_manifest_job *j = &m->jobs[ji];
    if (j->line)
        snprintf(buf, size, "%s:%d:%d", m->path, j->line, j->col);
    else
        snprintf(buf, size, "%s", m->path);
}

#define OUTPUT_PATH_MAX 4095 /* bytes of an expanded output path (PATH_MAX less its NUL) */

/* Expand one template; *buf is malloc'd. */
static im_status expand(im_context *ctx, const im_manifest *m, const im_manifest_job *j,
                        size_t ji, const char *tpl, const im_job_vars *vars, const char *format,
                        char **buf)
{
    /* A path longer than PATH_MAX could not be opened anyway: said here,
     * with the job, rather than as an open error after the render. */
    im_buf out = {.max = OUTPUT_PATH_MAX};
    char file[4200];
    job_file(m, ji, file, sizeof file);
    for (const char *p = tpl; *p;) {
        const char *val = NULL;
        size_t skip = 1;
        if (*p == '{') {
            const char *close = strchr(p, '}');
            size_t len = close ? (size_t)(close - p - 1) : 0;
            char var[16] = "";
            if (close && len < sizeof var)
                memcpy(var, p + 1, len), var[len] = '\0';
            skip = close ? len + 2 : 1;
            if (strcmp(var, "name") == 0) val = j->name;
            else if (strcmp(var, "date") == 0) val = vars ? vars->date : NULL;
            else if (strcmp(var, "from") == 0) val = vars ? vars->from : NULL;
            else if (strcmp(var, "to") == 0) val = vars ? vars->to : NULL;
            else if (strcmp(var, "format") == 0) val = format;
            else {
                im_buf_free(&out);
                return im_fail(ctx, IM_ERR_DATA, "%s: jobs[%zu] (\"%s\"): output \"%s\": unknown "
                               "placeholder %.*s (expected {name}, {date}, {from}, {to}, "
                               "{format})", file, ji, j->name, tpl,
                               close ? (int)(len + 2) : 1, p);
            }
            if (!val) {
                im_buf_free(&out);
                return im_fail(ctx, IM_ERR_DATA, "%s: jobs[%zu] (\"%s\"): output \"%s\": {%s} "
                               "has no value: the job has no %s", file, ji, j->name, tpl, var,
                               strcmp(var, "from") == 0 ? "window start (from or last)"
                               : strcmp(var, "to") == 0 ? "window end (to or last)" : var);
            }
        } else {
            val = NULL;
        }
        if (im_buf_append(&out, val ? val : p, val ? strlen(val) : 1) != IM_OK)
            break;
        p += skip;
    }
    im_status failed = out.st; /* im_buf_take() clears it */
    if (!(*buf = im_buf_take(&out))) {
        if (failed == IM_ERR_LIMIT)
            return im_fail(ctx, IM_ERR_LIMIT, "%s: jobs[%zu] (\"%s\"): output \"%s\" expands "
                           "to more than %d bytes, longer than a path can be", file, ji,
                           j->name, tpl, OUTPUT_PATH_MAX);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    return IM_OK;
}

im_status im_manifest_job_outputs(im_context *ctx, const im_manifest *m, size_t ji,
                                  const im_job_vars *vars, im_job_output **out, size_t *n_out)
{
    *out = NULL;
    *n_out = 0;
    if (!m || ji >= m->n_jobs)
        return im_fail(ctx, IM_ERR_ARG, "no such job");
    const im_manifest_job *j = &m->jobs[ji];
    char file[4200];
    job_file(m, ji, file, sizeof file);
    static const char *const png_only[] = {"png"};
    const char *const *fmts = j->n_formats ? j->formats : png_only;
    size_t nf = j->n_formats ? j->n_formats : 1;
    im_job_output *v = im_malloc_array(j->n_outputs * nf, sizeof *v);
    if (!v)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    size_t n = 0;
    im_status st = IM_OK;
    for (size_t t = 0; t < j->n_outputs && st == IM_OK; t++) {
        const char *tpl = j->outputs[t];
        bool per_format = strstr(tpl, "{format}") != NULL;
        /* Without {format} the extension decides and formats do not apply. */
        for (size_t f = 0; f < (per_format ? nf : 1) && st == IM_OK; f++) {
            char *rel = NULL;
            if ((st = expand(ctx, m, j, ji, tpl, vars, fmts[f], &rel)) != IM_OK)
                break;
            char *abs = join_path(m->root, rel);
            free(rel);
            if (!abs) {
                st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                break;
            }
            im_output_format fmt = im_output_format_from_path(abs);
            if (fmt == IM_OUTPUT_AUTO) {
                st = im_fail(ctx, IM_ERR_DATA, "%s: jobs[%zu] (\"%s\"): output \"%s\": the path "
                             "must end in .png, .svg or .pdf", file, ji, j->name, tpl);
                free(abs);
                break;
            }
            if (!m->job_allow_outside[ji] && !inside_physically(m->root, abs)) {
                st = im_fail(ctx, IM_ERR_DATA, "%s: jobs[%zu] (\"%s\"): output %s is outside the "
                             "output root %s (set \"allow_outside_root\": true to allow it)",
                             file, ji, j->name, abs, m->root);
                free(abs);
                break;
            }
            v[n].path = abs;
            v[n].format = fmt;
            n++;
        }
    }
    if (st != IM_OK) {
        im_job_outputs_free(v, n);
        return st;
    }
    *out = v;
    *n_out = n;
    return IM_OK;
}

void im_job_outputs_free(im_job_output *v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i].path);
    free(v);
}

/* ---- sharding ------------------------------------------------------------- */

int im_shard_select(size_t job_index, unsigned k, unsigned n)
{
    if (n == 0 || k == 0 || k > n)
        return 0;
    return job_index % n == (size_t)(k - 1);
}

/* ---- running one job ------------------------------------------------------ */

/* mkdir -p for the folder of path. */
static im_status make_parent(im_context *ctx, const char *path)
{
    char *p = im_strdup(path);
    if (!p)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    char *slash = strrchr(p, '/');
    if (slash && slash != p) {
        *slash = '\0';
        for (char *q = p + 1;; q++) {
            if (*q == '/' || *q == '\0') {
                char c = *q;
                *q = '\0';
                if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                    int e = errno;
                    im_status st = im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot create the folder "
                                           "%s: %s", path, p, strerror(e));
                    free(p);
                    return st;
                }
                *q = c;
                if (!c)
                    break;
            }
        }
    }
    free(p);
    return IM_OK;
}

/* Remove im_out_open()'s temporaries for path that a killed run left
 * beside it (only names im_out_is_temp() recognises: a user's own
 * ".NAME.backup" is not ours). Only called under the output's lock. */
static void remove_stale_temps(im_context *ctx, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash + 1;
    size_t dl = (size_t)(slash - path);
    char dir[4096];
    if (dl >= sizeof dir)
        return;
    memcpy(dir, path, dl ? dl : 1);
    dir[dl ? dl : 1] = '\0';
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!im_out_is_temp(e->d_name, base))
            continue;
        char full[4400];
        snprintf(full, sizeof full, "%s/%s", dir, e->d_name);
        if (unlink(full) == 0)
            im_log(ctx, IM_LOG_INFO, "removed %s, left by an interrupted run", full);
    }
    closedir(d);
}

/* Hash a file's bytes into *h. */
static im_status hash_file(im_context *ctx, const char *path, uint64_t *h)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return im_fail(ctx, IM_ERR_IO_READ, "%s: cannot open: %s", path, strerror(errno));
    unsigned char buf[65536];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        *h = fnv(*h, buf, n);
        total += n;
        if (total > ctx->limits.max_file_bytes) {
            fclose(fp);
            return im_fail(ctx, IM_ERR_LIMIT, "%s: larger than the limit of %llu bytes", path,
                           (unsigned long long)ctx->limits.max_file_bytes);
        }
    }
    int bad = ferror(fp);
    int e = errno;
    fclose(fp);
    if (bad)
        return im_fail(ctx, IM_ERR_IO_READ, "%s: cannot read: %s", path, strerror(e));
    *h = fnv(*h, &total, sizeof total);
    return IM_OK;
}

static bool has_glob_magic(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

/* The job's inputs with globs expanded (sorted per pattern, duplicates
 * dropped). A pattern that matches nothing is an error. */
static im_status expand_inputs(im_context *ctx, const im_manifest_job *j, char ***out,
                               size_t *n_out)
{
    char **v = NULL;
    size_t n = 0, cap = 0;
    im_status st = IM_OK;
    for (size_t i = 0; i < j->n_inputs && st == IM_OK; i++) {
        glob_t g;
        memset(&g, 0, sizeof g);
        const char *one[1] = {j->inputs[i]};
        char **names = (char **)one;
        size_t count = 1;
        if (has_glob_magic(j->inputs[i])) {
            int r = glob(j->inputs[i], GLOB_ERR, NULL, &g);
            if (r != 0) {
                globfree(&g);
                st = im_fail(ctx, IM_ERR_IO_READ, "inputs: \"%s\" %s", j->inputs[i],
                             r == GLOB_NOMATCH ? "matches no file" : "cannot be searched");
                break;
            }
            names = g.gl_pathv;
            count = g.gl_pathc;
        }
        for (size_t k = 0; k < count && st == IM_OK; k++) {
            bool dup = false;
            for (size_t q = 0; q < n && !dup; q++)
                dup = strcmp(v[q], names[k]) == 0;
            if (dup)
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                char **t = im_realloc_array(v, cap, sizeof *t);
                if (!t) {
                    st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
                    break;
                }
                v = t;
            }
            if (!(v[n] = im_strdup(names[k])))
                st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            else
                n++;
        }
        if (names != (char **)one)
            globfree(&g);
    }
    if (st != IM_OK) {
        for (size_t i = 0; i < n; i++)
            free(v[i]);
        free(v);
        return st;
    }
    *out = v;
    *n_out = n;
    return IM_OK;
}

/* Incidents the render will select (the window and the weapons), counted
 * the way render.c's select_records() does. */
static int64_t count_selected(im_context *ctx, const im_incidents *set,
                              const im_render_options *o)
{
    return im_select_count(ctx, set, o); /* the render's own selection */
}

/* The stamp of an output: ROOT/.incmap-state/HASH-OF-PATH.stamp. */
static char *stamp_path(const im_manifest *m, const char *output)
{
    size_t n = strlen(m->root) + 64;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/.incmap-state/%016llx.stamp", m->root,
                 (unsigned long long)fnv_str(FNV_INIT, output));
    return p;
}

typedef struct stamp {
    uint64_t hash;
    long long size, mtime_s, mtime_ns, incidents;
} stamp;

static bool stamp_read(const char *path, stamp *s)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return false;
    unsigned long long h;
    int ok = fscanf(fp, "incmap-stamp 1\nhash %llx\nsize %lld\nmtime %lld.%lld\nincidents %lld",
                    &h, &s->size, &s->mtime_s, &s->mtime_ns, &s->incidents) == 5;
    fclose(fp);
    s->hash = h;
    return ok;
}

/* Side files a PNG output also has (world file). */
static void side_path(const char *path, const char *ext, char *buf, size_t size)
{
    const char *dot = strrchr(path, '.');
    int stem = (int)(dot ? dot - path : (ptrdiff_t)strlen(path));
    snprintf(buf, size, "%.*s.%s", stem, path, ext);
}

static bool stamp_fresh(const char *stamp_file, const im_job_output *o, uint64_t hash,
                        bool world, long long *incidents)
{
    stamp s;
    struct stat sb;
    if (!stamp_read(stamp_file, &s) || s.hash != hash || stat(o->path, &sb) != 0 ||
        !S_ISREG(sb.st_mode) || sb.st_size != s.size || sb.st_mtim.tv_sec != s.mtime_s ||
        sb.st_mtim.tv_nsec != s.mtime_ns)
        return false;
    if (world && o->format == IM_OUTPUT_PNG) {
        char side[4200];
        side_path(o->path, "pgw", side, sizeof side);
        if (stat(side, &sb) != 0)
            return false;
        side_path(o->path, "prj", side, sizeof side);
        if (stat(side, &sb) != 0)
            return false;
    }
    *incidents = s.incidents;
    return true;
}

/* Lock every output: a byte of ROOT/.incmap-batch.lock per output path,
 * taken in offset order so two runs never deadlock. The locks are open file
 * description locks (F_OFD_SETLK): owned by this descriptor, not by the
 * process, so two contexts in two threads exclude each other and closing
 * some other descriptor of the file drops nothing. Kernels without them
 * (EINVAL) get classic record locks, which only exclude other processes.
 * Returns the descriptor; closing it releases the locks. */
im_status im_manifest_lock_outputs(im_context *ctx, const im_manifest *m,
                                   const im_job_output *outs, size_t n, int *fd_out)
{
    *fd_out = -1;
    char lockfile[4200];
    snprintf(lockfile, sizeof lockfile, "%s/.incmap-batch.lock", m->root);
    im_status st = make_parent(ctx, lockfile);
    if (st != IM_OK)
        return st;
    int fd = open(lockfile, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot open the lock file: %s", lockfile,
                       strerror(errno));
    off_t *offs = im_malloc_array(n ? n : 1, sizeof *offs);
    if (!offs) {
        close(fd);
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        offs[i] = (off_t)(fnv_str(FNV_INIT, outs[i].path) >> 20); /* < 2^44 */
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && offs[b - 1] > offs[b]; b--) {
            off_t t = offs[b];
            offs[b] = offs[b - 1];
            offs[b - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && offs[i] == offs[i - 1])
            continue;
        struct flock fl = {0};
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        fl.l_start = offs[i];
        fl.l_len = 1;
        int set = F_OFD_SETLK, setw = F_OFD_SETLKW;
        int r = fcntl(fd, set, &fl);
        if (r != 0 && errno == EINVAL) { /* no OFD locks: process-owned ones */
            set = F_SETLK;
            setw = F_SETLKW;
            r = fcntl(fd, set, &fl);
        }
        if (r == 0)
            continue;
        if (errno == EACCES || errno == EAGAIN) {
            im_log(ctx, IM_LOG_INFO, "waiting for another run that is writing the same outputs "
                   "(lock %s)", lockfile);
            while ((r = fcntl(fd, setw, &fl)) != 0 && errno == EINTR)
                ;
            if (r == 0)
                continue;
        }
        int e = errno;
        free(offs);
        close(fd);
        return im_fail(ctx, IM_ERR_IO_WRITE, "%s: cannot lock: %s", lockfile, strerror(e));
    }
    free(offs);
    *fd_out = fd;
    return IM_OK;
}

/* The digest of one input file's bytes (its length included), on its own:
 * the same whatever job it is an input of, so the parent of a batch hashes
 * a shared input once (im_job_inputs_load) and every job of the group uses
 * that digest instead of reading the file again. */
static im_status file_digest(im_context *ctx, const char *path, uint64_t *d)
{
    *d = FNV_INIT;
    return hash_file(ctx, path, d);
}

/* An input file as it was when loaded once for several jobs. */
typedef struct input_file {
    char *path;
    uint64_t dev, ino, size;
    int64_t mtime_s, mtime_ns;
    uint64_t digest;            /* file_digest() of its bytes, taken with the load */
} input_file;

/* The hash of everything an output is made from, except the output's own
 * path and format: the incmap version, the job's options as written, the
 * resolved window, the bytes of the style and layer files, and each
 * input's path and digest. digests, when not NULL, are the inputs' digests
 * already taken (n_inputs of them, in order); else each input is read. */
static im_status job_hash(im_context *ctx, const im_manifest_job *j, const im_render_options *o,
                          char **inputs, size_t n_inputs, const input_file *digests,
                          uint64_t *out)
{
    uint64_t h = fnv_str(FNV_INIT, "incmap-stamp 1");
    h = fnv_str(h, im_version());
    for (size_t i = 0; i < j->n_options; i++) {
        const im_manifest_option *op = &j->options[i];
        h = fnv_str(h, op->key);
        h = fnv(h, &op->n_values, sizeof op->n_values);
        for (size_t k = 0; k < op->n_values; k++) {
            h = fnv_str(h, op->values[k]);
            if (strcmp(op->key, "style") == 0 || strcmp(op->key, "layer") == 0) {
                im_status st = hash_file(ctx, op->values[k], &h);
                if (st != IM_OK)
                    return st;
            }
        }
    }
    int64_t win[4] = {o->has_from, o->has_from ? o->from : 0, o->has_to, o->has_to ? o->to : 0};
    h = fnv(h, win, sizeof win);
    for (size_t i = 0; i < n_inputs; i++) {
        h = fnv_str(h, inputs[i]);
        uint64_t d;
        if (digests) {
            d = digests[i].digest;
        } else {
            im_status st = file_digest(ctx, inputs[i], &d);
            if (st != IM_OK)
                return st;
        }
        h = fnv(h, &d, sizeof d);
    }
    *out = h;
    return IM_OK;
}

/* ---- inputs loaded once for several jobs --------------------------------- */

typedef struct job_msg {
    im_log_level level;
    char *text;
} job_msg;


struct im_job_inputs {
    im_incidents *set;          /* owned */
    input_file *files;          /* the expanded inputs, as they were when loaded */
    size_t n_files;
    struct im_file_id *noted;   /* files the load noted as inputs (never overwritten) */
    size_t n_noted;
    job_msg *msgs;              /* what the load logged, every level, in order */
    size_t n_msgs, cap_msgs;
    bool failed;                /* a message could not be kept */
};

static void capture_log(void *user, im_log_level level, const char *message)
{
    im_job_inputs *in = user;
    if (in->failed)
        return;
    if (in->n_msgs == in->cap_msgs) {
        size_t cap = in->cap_msgs ? in->cap_msgs * 2 : 16;
        job_msg *v = im_realloc_array(in->msgs, cap, sizeof *v);
        if (!v) {
            in->failed = true;
            return;
        }
        in->msgs = v;
        in->cap_msgs = cap;
    }
    char *t = im_strdup(message);
    if (!t) {
        in->failed = true;
        return;
    }
    in->msgs[in->n_msgs].level = level;
    in->msgs[in->n_msgs].text = t;
    in->n_msgs++;
}

static bool file_state(const char *path, input_file *f)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
        return false;
    f->dev = (uint64_t)sb.st_dev;
    f->ino = (uint64_t)sb.st_ino;
    f->size = (uint64_t)sb.st_size;
    f->mtime_s = (int64_t)sb.st_mtim.tv_sec;
    f->mtime_ns = (int64_t)sb.st_mtim.tv_nsec;
    return true;
}

static bool same_state(const input_file *a, const input_file *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns;
}

void im_job_inputs_free(im_job_inputs *in)
{
    if (!in)
        return;
    im_incidents_free(in->set);
    for (size_t i = 0; i < in->n_files; i++)
        free(in->files[i].path);
    free(in->files);
    free(in->noted);
    for (size_t i = 0; i < in->n_msgs; i++)
        free(in->msgs[i].text);
    free(in->msgs);
    free(in);
}

im_status im_job_inputs_load(im_context *ctx, const im_manifest *m, size_t ji,
                             im_job_inputs **out)
{
    IM_C_LOCALE(ctx); /* numbers read the same in any host locale */
    if (!ctx || !m || ji >= m->n_jobs || !out)
        return im_fail_arg(ctx, __func__);
    *out = NULL;
    im_job_inputs *in = calloc(1, sizeof *in);
    char **inputs = NULL;
    size_t n_inputs = 0;
    if (!in)
        return im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    im_status st = expand_inputs(ctx, &m->jobs[ji], &inputs, &n_inputs);
    if (st != IM_OK) {
        free(in);
        return st;
    }
    in->files = calloc(n_inputs ? n_inputs : 1, sizeof *in->files);
    in->set = im_incidents_new();
    if (!in->files || !in->set)
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n_inputs && st == IM_OK; i++) {
        in->files[i].path = inputs[i];
        inputs[i] = NULL;
        in->n_files++;
        if (!file_state(in->files[i].path, &in->files[i]))
            st = IM_ERR_IO_READ; /* not a plain file: the job loads it itself */
    }
    for (size_t i = 0; i < n_inputs; i++)
        free(inputs[i]);
    free(inputs);
    if (st != IM_OK) {
        im_job_inputs_free(in);
        return st;
    }

    /* Load as the job would, keeping every message (at every level) instead
     * of logging it; the job logs them through its own context. */
    im_log_fn log = ctx->log;
    void *user = ctx->log_user;
    im_log_level level = ctx->min_level;
    size_t noted_before = ctx->n_inputs;
    uint64_t errors_before = ctx->errors;
    ctx->log = capture_log;
    ctx->log_user = in;
    ctx->min_level = IM_LOG_DEBUG;
    for (size_t i = 0; i < in->n_files && st == IM_OK; i++)
        st = im_incidents_load(ctx, in->set, in->files[i].path, IM_INPUT_AUTO);
    /* The digests for the jobs' stamps, once for the whole group; the file
     * states are compared below, after this read, as after the load. */
    for (size_t i = 0; i < in->n_files && st == IM_OK; i++)
        st = file_digest(ctx, in->files[i].path, &in->files[i].digest);
    ctx->log = log;
    ctx->log_user = user;
    ctx->min_level = level;

    /* Only a clean load is shared: a job whose load fails loads again by
     * itself, so its errors are its own, exactly as without sharing. */
    bool usable = st == IM_OK && !in->failed && ctx->errors == errors_before;
    for (size_t i = 0; i < in->n_msgs && usable; i++)
        usable = in->msgs[i].level < IM_LOG_ERROR;
    for (size_t i = 0; i < in->n_files && usable; i++) {
        input_file now;
        usable = file_state(in->files[i].path, &now) && same_state(&now, &in->files[i]);
    }
    if (usable && ctx->n_inputs > noted_before) {
        in->n_noted = ctx->n_inputs - noted_before;
        in->noted = im_malloc_array(in->n_noted, sizeof *in->noted);
        if (in->noted)
            memcpy(in->noted, ctx->inputs + noted_before, in->n_noted * sizeof *in->noted);
        else
            usable = false;
    }
    if (!usable) {
        im_job_inputs_free(in);
        return st != IM_OK ? st : IM_ERR_DATA;
    }
    *out = in;
    return IM_OK;
}

const im_incidents *im_job_inputs_set(const im_job_inputs *in)
{
    return in ? in->set : NULL;
}

/* The preloaded inputs are the job's: the same files, unchanged since. */
static bool inputs_match(const im_job_inputs *in, char **inputs, size_t n)
{
    if (in->n_files != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        input_file now;
        if (strcmp(in->files[i].path, inputs[i]) != 0 || !file_state(inputs[i], &now) ||
            !same_state(&now, &in->files[i]))
            return false;
    }
    return true;
}

/* Say what the load said, through ctx (its level, its counts), and note the
 * files read as inputs so no output replaces them. */
static im_status inputs_replay(im_context *ctx, const im_job_inputs *in)
{
    for (size_t i = 0; i < in->n_msgs; i++)
        im_log(ctx, in->msgs[i].level, "%s", in->msgs[i].text);
    for (size_t i = 0; i < in->n_noted; i++) {
        im_status st = im_context_add_input_id(ctx, in->noted[i].dev, in->noted[i].ino);
        if (st != IM_OK)
            return st;
    }
    return IM_OK;
}

/* The stamp hash of one output. */
static uint64_t output_hash(uint64_t h, const im_job_output *o)
{
    static const char *const fmt_names[] = {"auto", "png", "svg", "pdf", "html", "webp"};
    return fnv_str(fnv_str(h, o->path), fmt_names[o->format]);
}

int im_manifest_job_stale(im_context *ctx, const im_manifest *m, size_t ji,
                          const im_render_options *opts, const im_job_vars *vars, unsigned flags)
{
    if (!ctx || !m || ji >= m->n_jobs || !opts || (flags & IM_JOB_FORCE))
        return 1;
    IM_C_LOCALE(ctx);
    im_job_output *outs = NULL;
    size_t n_outs = 0, n_inputs = 0;
    char **inputs = NULL;
    int stale = 1;
    uint64_t h;
    if (im_manifest_job_outputs(ctx, m, ji, vars, &outs, &n_outs) == IM_OK &&
        expand_inputs(ctx, &m->jobs[ji], &inputs, &n_inputs) == IM_OK &&
        job_hash(ctx, &m->jobs[ji], opts, inputs, n_inputs, NULL, &h) == IM_OK) {
        stale = 0;
        for (size_t i = 0; i < n_outs && !stale; i++) {
            char *sp = stamp_path(m, outs[i].path);
            long long inc;
            stale = !sp || !stamp_fresh(sp, &outs[i], output_hash(h, &outs[i]),
                                        opts->world_file != 0, &inc);
            free(sp);
        }
    }
    for (size_t i = 0; i < n_inputs; i++)
        free(inputs[i]);
    free(inputs);
    im_job_outputs_free(outs, n_outs);
    return stale;
}

static im_status job_run(im_context *ctx, const im_manifest *m, size_t ji,
                         const im_render_options *opts, const im_job_vars *vars, unsigned flags,
                         const im_job_inputs *pre, im_job_result *res, const char *fn)
{
    IM_C_LOCALE(ctx); /* numbers read and written the same in any host locale */
    memset(res, 0, sizeof *res);
    res->incidents = -1;
    if (!ctx || !m || ji >= m->n_jobs || !opts)
        return im_fail_arg(ctx, fn);
    const im_manifest_job *j = &m->jobs[ji];
    im_job_output *outs = NULL;
    size_t n_outs = 0, n_inputs = 0;
    char **inputs = NULL;
    int lock_fd = -1;
    im_incidents *set = NULL;
    bool *fresh = NULL;
    uint64_t *hashes = NULL;
    im_status st = im_manifest_job_outputs(ctx, m, ji, vars, &outs, &n_outs);
    if (st != IM_OK)
        goto done;
    for (size_t i = 0; i < n_outs && st == IM_OK; i++)
        st = make_parent(ctx, outs[i].path);
    if (st != IM_OK || (st = im_manifest_lock_outputs(ctx, m, outs, n_outs, &lock_fd)) != IM_OK)
        goto done;

    /* Under the lock: what a killed run left is ours to remove. */
    for (size_t i = 0; i < n_outs; i++) {
        remove_stale_temps(ctx, outs[i].path);
        if (outs[i].format == IM_OUTPUT_PNG && opts->world_file) {
            char side[4200];
            side_path(outs[i].path, "pgw", side, sizeof side);
            remove_stale_temps(ctx, side);
            side_path(outs[i].path, "prj", side, sizeof side);
            remove_stale_temps(ctx, side);
            snprintf(side, sizeof side, "%s.aux.xml", outs[i].path);
            remove_stale_temps(ctx, side);
        }
        char *sp = stamp_path(m, outs[i].path);
        if (sp)
            remove_stale_temps(ctx, sp);
        free(sp);
    }

    if ((st = expand_inputs(ctx, j, &inputs, &n_inputs)) != IM_OK)
        goto done;
    /* Inputs loaded by the caller are used when they are this job's files,
     * unchanged since: then so are their digests. */
    bool use_pre = pre && inputs_match(pre, inputs, n_inputs);
    uint64_t h;
    if ((st = job_hash(ctx, j, opts, inputs, n_inputs, use_pre ? pre->files : NULL, &h)) !=
        IM_OK)
        goto done;
    fresh = calloc(n_outs, sizeof *fresh);
    hashes = calloc(n_outs, sizeof *hashes);
    if (!fresh || !hashes) {
        st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
        goto done;
    }
    size_t n_fresh = 0;
    for (size_t i = 0; i < n_outs; i++) {
        hashes[i] = output_hash(h, &outs[i]);
        char *sp = stamp_path(m, outs[i].path);
        long long inc = -1;
        if (!sp) {
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            goto done;
        }
        if (!(flags & IM_JOB_FORCE) &&
            stamp_fresh(sp, &outs[i], hashes[i], opts->world_file != 0, &inc)) {
            fresh[i] = true;
            n_fresh++;
            res->incidents = inc;
        } else {
            unlink(sp); /* stale from here on, until the new output is in place */
        }
        free(sp);
    }
    if (n_fresh == n_outs) {
        res->skipped = 1;
        goto done;
    }

    const im_incidents *use = NULL;
    if (use_pre) {
        /* Loaded once by the caller, for several jobs: what the load said
         * is said here, at the point where this job would have loaded. */
        if ((st = inputs_replay(ctx, pre)) != IM_OK)
            goto done;
        use = pre->set;
    } else {
        set = im_incidents_new();
        if (!set) {
            st = im_fail(ctx, IM_ERR_NOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < n_inputs; i++) {
            im_status s = im_incidents_load(ctx, set, inputs[i], IM_INPUT_AUTO);
            if (s != IM_OK && st == IM_OK)
                st = s; /* keep loading: every problem is reported */
        }
        if (st != IM_OK)
            goto done;
        use = set;
    }
    res->incidents = count_selected(ctx, use, opts);
    for (size_t i = 0; i < n_outs; i++) {
        if (fresh[i])
            continue;
        im_context_clear_error(ctx);
        im_status s = im_render(ctx, use, opts, outs[i].path, outs[i].format);
        if (s != IM_OK && !strstr(im_context_last_error(ctx), outs[i].path))
            im_log(ctx, IM_LOG_ERROR, "%s: not written: %s", outs[i].path,
                   im_context_last_error(ctx)[0] ? im_context_last_error(ctx) : im_strerror(s));
        if (s != IM_OK) {
            if (st == IM_OK)
                st = s;
            continue; /* the other formats may still succeed */
        }
        res->n_written++;
        struct stat sb;
        char *sp = stamp_path(m, outs[i].path);
        if (sp && stat(outs[i].path, &sb) == 0 && make_parent(ctx, sp) == IM_OK) {
            char text[512];
            snprintf(text, sizeof text,
                     "incmap-stamp 1\nhash %016llx\nsize %lld\nmtime %lld.%09lld\n"
                     "incidents %lld\npath %.300s\n",
                     (unsigned long long)hashes[i], (long long)sb.st_size,
                     (long long)sb.st_mtim.tv_sec, (long long)sb.st_mtim.tv_nsec,
                     (long long)res->incidents, outs[i].path);
            if (im_out_write_text(ctx, sp, text) != IM_OK)
                im_log(ctx, IM_LOG_WARNING, "%s: cannot record the stamp; the next run renders "
                       "it again", outs[i].path);
        }
        free(sp);
    }
done:
    res->warnings = im_context_warning_count(ctx);
    if (lock_fd >= 0)
        close(lock_fd);
    im_incidents_free(set);
    if (inputs)
        for (size_t i = 0; i < n_inputs; i++)
            free(inputs[i]);
    free(inputs);
    free(fresh);
    free(hashes);
    im_job_outputs_free(outs, n_outs);
    return st;
}

im_status im_manifest_job_run(im_context *ctx, const im_manifest *m, size_t ji,
                              const im_render_options *opts, const im_job_vars *vars,
                              unsigned flags, im_job_result *res)
{
    return job_run(ctx, m, ji, opts, vars, flags, NULL, res, __func__);
}

im_status im_manifest_job_run_loaded(im_context *ctx, const im_manifest *m, size_t ji,
                                     const im_render_options *opts, const im_job_vars *vars,
                                     unsigned flags, const im_job_inputs *in,
                                     im_job_result *res)
{
    return job_run(ctx, m, ji, opts, vars, flags, in, res, __func__);
}

im_status im_write_file_atomic(im_context *ctx, const char *path, const char *text)
{
    return im_out_write_text(ctx, path, text);
}
